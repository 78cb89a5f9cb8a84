/**
 * Lists of slot numbers in chunks, for the event calendar's far tier (calendar.ts): one list
 * per time bucket plus the overflow. Each list is a chain of chunks of {@link CHUNK} numbers,
 * so walking a bucket reads slot numbers in order and the slot rows they name can be fetched
 * in parallel (a linked list through the slots made every step wait for the previous cache
 * miss). Adding is O(1); a list is emptied whole, its chunks going back to a free list.
 * @module
 */

/** Slot numbers per chunk of a list. @internal */
export const CHUNK = 128;

/**
 * A fixed number of chunked lists of non-negative integers sharing one chunk store.
 * The fields are read directly by the calendar's bucket load, its hot loop.
 * @internal
 * @example
 * ```ts
 * import { ChunkLists } from './chunk-lists.js';
 * const lists = new ChunkLists(2);
 * lists.append(1, 7);
 * lists.append(1, 9);
 * Array.from(lists.take(0, 1)); // [7, 9], and both lists are empty again
 * ```
 */
export class ChunkLists {
  /** First chunk of each list, or -1 when it is empty. */
  readonly head: Int32Array;
  /** Last chunk of each list, or -1. */
  readonly tail: Int32Array;
  /** Entries used in each list's last chunk. */
  readonly fill: Int32Array;
  /** The chunks' entries, CHUNK per chunk. */
  data = new Int32Array(CHUNK * 64);
  /** Next chunk of a list (or of the free list), or -1. */
  next = new Int32Array(64);
  /** Free chunks, linked through `next`, or -1. */
  private freeChunk = -1;
  private highWater = 0;

  /** @param lists How many lists. */
  constructor(lists: number) {
    this.head = new Int32Array(lists).fill(-1);
    this.tail = new Int32Array(lists).fill(-1);
    this.fill = new Int32Array(lists);
  }

  /** Appends a number to a list. */
  append(list: number, slot: number): void {
    let chunk = this.tail[list];
    if (chunk < 0 || this.fill[list] === CHUNK) {
      const fresh = this.newChunk();
      if (chunk < 0) this.head[list] = fresh;
      else this.next[chunk] = fresh;
      this.tail[list] = fresh;
      this.fill[list] = 0;
      chunk = fresh;
    }
    this.data[chunk * CHUNK + this.fill[list]++] = slot;
  }

  /** Calls `fn` with every number of a list, in order. */
  forEachIn(list: number, fn: (slot: number) => void): void {
    const tail = this.tail[list];
    for (let c = this.head[list]; c >= 0; c = this.next[c]) {
      const end = c * CHUNK + (c === tail ? this.fill[list] : CHUNK);
      for (let i = c * CHUNK; i < end; i++) fn(this.data[i]);
    }
  }

  /** Empties a list, returning its chunks. */
  free(list: number): void {
    const head = this.head[list];
    if (head < 0) return;
    this.next[this.tail[list]] = this.freeChunk;
    this.freeChunk = head;
    this.head[list] = -1;
    this.tail[list] = -1;
    this.fill[list] = 0;
  }

  /** Moves lists [from, to] into one array, in order, emptying them. */
  take(from: number, to: number): Int32Array {
    let n = 0;
    for (let list = from; list <= to; list++) n += this.count(list);
    const out = new Int32Array(n);
    let k = 0;
    for (let list = from; list <= to; list++) {
      this.forEachIn(list, (slot) => (out[k++] = slot));
      this.free(list);
    }
    return out;
  }

  /** Number of entries in a list. */
  private count(list: number): number {
    let n = 0;
    const tail = this.tail[list];
    for (let c = this.head[list]; c >= 0; c = this.next[c]) n += c === tail ? this.fill[list] : CHUNK;
    return n;
  }

  private newChunk(): number {
    let c = this.freeChunk;
    if (c >= 0) this.freeChunk = this.next[c];
    else {
      c = this.highWater++;
      if (c === this.next.length) {
        this.next = grown(this.next, new Int32Array(2 * c));
        this.data = grown(this.data, new Int32Array(2 * c * CHUNK));
      }
    }
    this.next[c] = -1;
    return c;
  }
}

/**
 * `to`, with `from` copied into its start (for growing typed arrays).
 * @internal
 * @example
 * ```ts
 * import { grown } from './chunk-lists.js';
 * Array.from(grown(new Int32Array([1, 2]), new Int32Array(4))); // [1, 2, 0, 0]
 * ```
 */
export function grown<T extends Float64Array | Int32Array | Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
