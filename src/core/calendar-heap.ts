/**
 * The event calendar's sorting layer: a 4-ary min-heap of rows (time, sequence, slot) in typed
 * arrays. {@link EventCalendar} (calendar.ts) is built on it, with the slots (calendar-slots.ts)
 * and the far tier (calendar-far.ts) in between.
 *
 * - **4-ary heap with branch-free, bottom-up deletion.** Popping moves the hole at the root
 *   down to a leaf (always to the smallest of four children, chosen with comparisons turned
 *   into 0/1 integers instead of branches), then sifts the last row up into it. Heap
 *   comparisons are unpredictable, so with branches most of a pop's time went on branch
 *   mispredictions. Measured on the hold model (pop one event, push one at an exponential
 *   delay; CPU time per pop + push, Node 20, AMD EPYC):
 *
 *   | events in the heap | 4-ary, branches | binary, branches | 4-ary, branch-free | binary, branch-free |
 *   | ---: | ---: | ---: | ---: | ---: |
 *   | 1 000 | 104 ns | 99 ns | 88 ns | 88 ns |
 *   | 1 000, many ties | 136 ns | 125 ns | 91 ns | 91 ns |
 *   | 10 000 | 140 ns | 134 ns | 121 ns | 131 ns |
 *   | 100 000 | 206 ns | 202 ns | 230 ns | 251 ns |
 *   | 100 000, many ties | 279 ns | 256 ns | 232 ns | 256 ns |
 *
 *   (Measured during development on stand-alone copies of each variant, best of 7 runs on a
 *   busy machine; "many ties": delays rounded down to a quarter day, as when many events fall
 *   at the start of a day. Branch-free wins from about a hundred events up to tens of
 *   thousands, the range a health-service model lives in, and most clearly with ties.)
 *   Four children per node also halve the depth, and the four sit next to each other in
 *   memory. Rows past the end of the heap hold +Infinity, so every node has four children.
 * - **Sort keys inline**: the rows carry their own time and sequence, so comparisons do not
 *   chase the slot index into another array.
 *
 * The layers are classes extending one another (heap, slots, far tier, calendar) rather than
 * objects held in fields: one object, so the hot path reads its arrays without an extra hop.
 * @module
 */
import { grown } from './chunk-lists.js';

/** Spare rows past the heap's capacity, holding +Infinity, so the last node always has four children. */
const PAD = 4;

/**
 * Rows (time, sequence, slot) in heap order: the bottom layer of {@link EventCalendar}.
 * @internal
 * @example
 * ```ts
 * import { EventCalendar } from './calendar.js';
 * import { EventHeap } from './calendar-heap.js';
 * new EventCalendar() instanceof EventHeap; // true: the calendar sorts its events with this heap
 * ```
 */
export class EventHeap {
  // Rows from heapLength on hold time +Infinity (see removeTop).
  protected heapTime: Float64Array;
  protected heapSeq: Float64Array;
  protected heapSlot: Int32Array;
  /** Rows in the heap (in the calendar: live and cancelled). */
  protected heapLength = 0;
  protected heapCapacity: number;

  /** @param n Rows before the heap first grows. */
  constructor(n: number) {
    this.heapCapacity = n;
    this.heapTime = new Float64Array(n + PAD).fill(Infinity);
    this.heapSeq = new Float64Array(n + PAD);
    this.heapSlot = new Int32Array(n + PAD);
  }

  /** Floyd's bottom-up heap construction over rows [0, heapLength). */
  protected heapify(): void {
    const n = this.heapLength;
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    for (let i = (n - 2) >> 2; i >= 0; i--) this.siftDown(i, heapTime[i], heapSeq[i], heapSlot[i], n);
  }

  /**
   * Removes row 0. Bottom-up ("hole") deletion: the hole at the root moves down to a leaf,
   * always taking the smallest child, then the last row is sifted up into it. The smallest of
   * the four children is found without branches (comparisons turned into 0/1 integers), so
   * the unpredictable comparisons cost no branch mispredictions; rows past the end hold
   * +Infinity, so every node can be treated as having four children.
   */
  protected removeTop(): void {
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    const n = --this.heapLength;
    const time = heapTime[n];
    const seq = heapSeq[n];
    const slot = heapSlot[n];
    heapTime[n] = Infinity;
    if (n === 0) return;
    let pos = 0;
    for (;;) {
      const c = (pos << 2) + 1;
      if (c >= n) break;
      // Which of each pair comes first, as 0/1, then which pair winner comes first.
      const a = c + before(heapTime, heapSeq, c + 1, c);
      const b = c + 2 + before(heapTime, heapSeq, c + 3, c + 2);
      const bFirst = before(heapTime, heapSeq, b, a);
      const m = a + (b - a) * bFirst;
      heapTime[pos] = heapTime[m];
      heapSeq[pos] = heapSeq[m];
      heapSlot[pos] = heapSlot[m];
      pos = m;
    }
    this.siftUp(pos, time, seq, slot);
  }

  /** Places (time, seq, slot) at or above row `pos` (an empty row). */
  protected siftUp(pos: number, time: number, seq: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pt = heapTime[parent];
      // Sequences are unique, so (time, seq) never ties: `<` on time, then on seq, decides.
      if (pt < time || (pt === time && heapSeq[parent] < seq)) break;
      heapTime[pos] = pt;
      heapSeq[pos] = heapSeq[parent];
      heapSlot[pos] = heapSlot[parent];
      pos = parent;
    }
    heapTime[pos] = time;
    heapSeq[pos] = seq;
    heapSlot[pos] = slot;
  }

  /** Places (time, seq, slot) at or below row `pos` (an empty row); used to rebuild the heap. */
  protected siftDown(pos: number, time: number, seq: number, slot: number, length: number): void {
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    for (;;) {
      const first = (pos << 2) + 1;
      if (first >= length) break;
      let best = first;
      for (let c = first + 1; c < first + 4 && c < length; c++) {
        if (heapTime[c] < heapTime[best] || (heapTime[c] === heapTime[best] && heapSeq[c] < heapSeq[best])) best = c;
      }
      const bt = heapTime[best];
      if (time < bt || (time === bt && seq < heapSeq[best])) break;
      heapTime[pos] = bt;
      heapSeq[pos] = heapSeq[best];
      heapSlot[pos] = heapSlot[best];
      pos = best;
    }
    heapTime[pos] = time;
    heapSeq[pos] = seq;
    heapSlot[pos] = slot;
  }

  protected growHeap(): void {
    const n = this.heapCapacity * 2;
    this.heapTime = grown(this.heapTime, new Float64Array(n + PAD).fill(Infinity));
    this.heapSeq = grown(this.heapSeq, new Float64Array(n + PAD));
    this.heapSlot = grown(this.heapSlot, new Int32Array(n + PAD));
    this.heapCapacity = n;
  }
}

/**
 * 1 if row i comes before row j in (time, seq) order, else 0, computed without a branch:
 * booleans combined with bitwise operators become integers (the casts only silence the type
 * checker; the emitted JavaScript is `(t[i] < t[j]) | ((t[i] === t[j]) & (s[i] < s[j]))`).
 */
function before(t: Float64Array, s: Float64Array, i: number, j: number): number {
  const ti = t[i];
  const tj = t[j];
  return (
    ((ti < tj) as unknown as number) | (((ti === tj) as unknown as number) & ((s[i] < s[j]) as unknown as number))
  );
}
