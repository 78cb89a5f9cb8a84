/**
 * The free rows of the patient store as a three-level bitmap, handed out next-fit: the first
 * free row at or after the one last handed out, wrapping round at the end.
 *
 * Why next-fit: at national scale the store holds millions of rows and most accesses to a row
 * are cache misses (a patient joins a list and is reached weeks later). With rows reused
 * last-in first-out, the rows of one day's arrivals came from wherever the last departures
 * were; as the list shrank and the store emptied unevenly, consecutive arrivals and therefore
 * consecutive queue heads landed on different pages, and the cost per patient rose with the
 * length of the run. Next-fit sweeps the store in address order, so consecutive arrivals get
 * rows in ascending order, close together: a first-come first-served queue then reads its
 * heads in address order too, and the sweep comes back to a region only after most of the
 * patients it placed there have left. The bitmap (one bit per row, 1.9 MB for 15 million rows)
 * stays in cache, where a free list threaded through the rows cost a miss per allocation.
 * @module
 */

/** Index of the lowest set bit of a nonzero 32-bit word. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * Free row indices, taken next-fit. Bit r of level 0 is set when row r is free; bit w of level
 * 1 when word w of level 0 is nonzero; bit v of level 2 when word v of level 1 is nonzero.
 * @internal
 * @example
 * ```ts
 * import { FreeRows } from './free-rows.js';
 * const free = new FreeRows(100);
 * free.add(7);
 * free.add(3);
 * free.add(40);
 * [free.take(), free.take(), free.take(), free.take()]; // [3, 7, 40, -1]: in address order from the start
 * ```
 */
export class FreeRows {
  private l0: Uint32Array;
  private l1: Uint32Array;
  private l2: Uint32Array;
  /** Rows free. */
  count = 0;
  /** Where the next search starts: just past the row last taken. */
  private cursor = 0;

  /** @param capacity rows the bitmap can index (see {@link grow}). */
  constructor(capacity: number) {
    this.l0 = new Uint32Array(1);
    this.l1 = new Uint32Array(1);
    this.l2 = new Uint32Array(1);
    this.grow(capacity);
  }

  /** Row `id` is free. */
  add(id: number): void {
    this.count++;
    const w = id >>> 5;
    const was = this.l0[w]!;
    this.l0[w] = was | (1 << (id & 31));
    if (was !== 0) return;
    const v = w >>> 5;
    const was1 = this.l1[v]!;
    this.l1[v] = was1 | (1 << (w & 31));
    if (was1 === 0) this.l2[v >>> 5] |= 1 << (v & 31);
  }

  /** Whether row `id` is free (`id` below the capacity). */
  has(id: number): boolean {
    return (this.l0[id >>> 5]! & (1 << (id & 31))) !== 0;
  }

  /** Takes the first free row at or after the cursor, wrapping round; -1 when none is free. */
  take(): number {
    if (this.count === 0) return -1;
    let id = this.next(this.cursor);
    if (id < 0) id = this.next(0);
    this.cursor = id + 1;
    this.count--;
    const w = id >>> 5;
    const left = this.l0[w]! & ~(1 << (id & 31));
    this.l0[w] = left;
    if (left === 0) {
      const v = w >>> 5;
      const left1 = this.l1[v]! & ~(1 << (w & 31));
      this.l1[v] = left1;
      if (left1 === 0) this.l2[v >>> 5] &= ~(1 << (v & 31));
    }
    return id;
  }

  /** Makes room for rows up to `capacity` (never shrinks). */
  grow(capacity: number): void {
    const n0 = Math.ceil(capacity / 32);
    const n1 = Math.ceil(n0 / 32);
    const n2 = Math.ceil(n1 / 32);
    if (n0 <= this.l0.length) return;
    const l0 = new Uint32Array(n0);
    l0.set(this.l0);
    const l1 = new Uint32Array(n1);
    l1.set(this.l1);
    const l2 = new Uint32Array(n2);
    l2.set(this.l2);
    this.l0 = l0;
    this.l1 = l1;
    this.l2 = l2;
  }

  /** The first free row at or after `i`, or -1. */
  private next(i: number): number {
    const w = i >>> 5;
    if (w >= this.l0.length) return -1;
    const x = this.l0[w]! & (-1 << (i & 31));
    if (x !== 0) return (w << 5) + lowestBit(x);
    const w2 = this.nextWord(w + 1);
    return w2 < 0 ? -1 : (w2 << 5) + lowestBit(this.l0[w2]!);
  }

  /** The first nonzero level-0 word at or after `w`, or -1. */
  private nextWord(w: number): number {
    const v = w >>> 5;
    if (v >= this.l1.length) return -1;
    const x = this.l1[v]! & (-1 << (w & 31));
    if (x !== 0) return (v << 5) + lowestBit(x);
    // The first nonzero level-1 word after v: level 2 is short (one word per 32,768 rows).
    const l2 = this.l2;
    let u = (v + 1) >>> 5;
    if (u >= l2.length) return -1;
    let y = l2[u]! & (-1 << ((v + 1) & 31));
    while (y === 0) {
      if (++u >= l2.length) return -1;
      y = l2[u]!;
    }
    const v2 = (u << 5) + lowestBit(y);
    return (v2 << 5) + lowestBit(this.l1[v2]!);
  }
}
