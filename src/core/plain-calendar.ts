/**
 * An event calendar without cancellation, for models that never cancel an event (no patience):
 * a binary heap whose rows hold the whole event (time, sequence, kind, data).
 *
 * Why a second calendar: {@link EventCalendar} keeps each event in a slot row with a generation
 * and a state, so that a handle can cancel it, and has a far tier for millions of pending
 * timers. A model with a few pending events and no cancellation pays for both on every event:
 * on the hold model with 7 pending events (pop one, push one at an exponential delay; Node 20)
 * a pop and a push took about 63 ns there and 34 ns here. With no slots there is nothing to
 * free or check on a pop, and a binary heap beats the 4-ary one when the heap is this small.
 * (From about ten thousand pending events on, the 4-ary heap and the far tier are faster
 * again: models with patience, the ones that keep that many, use them.)
 *
 * The order is the same total order, (time, then scheduling order), so a run gives exactly
 * the results it gives with {@link EventCalendar}.
 *
 * The front register: an event scheduled ahead of every pending one (the next arrival of a
 * busy stream, usually) is held outside the heap and popped from there, so it costs neither a
 * sift up to the root nor the sift down that popping the root costs. On lung-cancer-ai.yaml
 * nearly every arrival takes that path. The register always holds the earliest pending event
 * when it is occupied, so the order is unchanged.
 * @module
 */
import { MAX_CALENDAR_CAPACITY } from './calendar-slots.js';
import { grown } from './chunk-lists.js';

/**
 * A priority queue of events keyed by (time, insertion sequence) that cannot cancel: the
 * calendar of a {@link Simulation} made with `cancellable: false`. Its push returns -1 (no
 * handle); cancel throws.
 * @internal
 * @example
 * ```ts
 * import { PlainCalendar } from './plain-calendar.js';
 * const cal = new PlainCalendar();
 * cal.add(2, 7, 42);
 * cal.add(1, 3, 9);
 * while (cal.pop()) console.log(cal.time, cal.kind, cal.data); // 1 3 9, then 2 7 42
 * ```
 */
export class PlainCalendar {
  /** Time of the last popped event. */
  time = 0;
  /** Kind of the last popped event. */
  kind = 0;
  /** Data of the last popped event. */
  data = 0;
  /**
   * The time of the event {@link PlainCalendar.addFromSlot} schedules. Inside, too, the time
   * travels here rather than as an argument: a double passed to a call V8 does not inline (the
   * hot caller's inlining budget is spent by then) is boxed in a fresh heap number.
   */
  readonly slot = new Float64Array(1);

  // Heap rows: rows from `length` on hold time +Infinity.
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  private heapKind: Int32Array;
  private heapData: Int32Array;
  private length = 0;
  private capacity: number;
  private nextSeq = 0;
  // The front register: an event that precedes every event in the heap, or frontTime = +Infinity
  // when empty (event times are finite).
  private frontTime = Infinity;
  private frontSeq = 0;
  private frontKind = 0;
  private frontData = 0;

  /** @param initialCapacity Events before the calendar first grows (it doubles when full). Default 1024. */
  constructor(initialCapacity = 1024) {
    if (!Number.isInteger(initialCapacity) || initialCapacity < 1 || initialCapacity > MAX_CALENDAR_CAPACITY) {
      throw new RangeError(
        `EventCalendar initialCapacity: expected an integer from 1 to ${MAX_CALENDAR_CAPACITY}, got ${initialCapacity}`,
      );
    }
    const n = (this.capacity = initialCapacity);
    this.heapTime = new Float64Array(n).fill(Infinity);
    this.heapSeq = new Float64Array(n);
    this.heapKind = new Int32Array(n);
    this.heapData = new Int32Array(n);
  }

  /** Events the calendar can hold before it next grows. */
  get allocated(): number {
    return this.capacity;
  }

  /** Number of pending events. */
  get size(): number {
    return this.frontTime === Infinity ? this.length : this.length + 1;
  }

  /** Schedules an event (see {@link EventCalendar.push}); returns -1: there are no handles. */
  push(time: number, kind: number, data: number): number {
    this.slot[0] = time;
    this.insert(kind, data, this.nextSeq++);
    return -1;
  }

  /** Schedules an event (see {@link EventCalendar.add}). */
  add(time: number, kind: number, data: number): void {
    this.slot[0] = time;
    this.insert(kind, data, this.nextSeq++);
  }

  /** {@link PlainCalendar.add} at the time in {@link PlainCalendar.slot}[0]. */
  addFromSlot(kind: number, data: number): void {
    this.insert(kind, data, this.nextSeq++);
  }

  /** The next place in the scheduling order (see {@link EventCalendar.reserveOrder}). */
  reserveOrder(): number {
    return this.nextSeq++;
  }

  /** Schedules an event in a reserved place of the order; returns -1 (no handles). */
  pushInOrder(time: number, kind: number, data: number, seq: number): number {
    this.slot[0] = time;
    this.insert(kind, data, seq);
    return -1;
  }

  /** Always throws: this calendar cannot cancel. */
  cancel(handle: number): void {
    throw new Error(`EventCalendar.cancel: handle ${handle}: this calendar cannot cancel (the simulation was made with cancellable: false)`);
  }

  /** False: no handle names an event here. */
  isPending(_handle: number): boolean {
    return false;
  }

  /** Always throws (no handles). */
  kindOf(handle: number): number {
    return this.cancel(handle) as never;
  }

  /** Always throws (no handles). */
  dataOf(handle: number): number {
    return this.cancel(handle) as never;
  }

  /** Time of the next event, or Infinity when there is none. */
  peekTime(): number {
    const f = this.frontTime;
    return f !== Infinity ? f : this.heapTime[0]!;
  }

  /** Removes the next event into time, kind and data; false when there is none. */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  /** {@link PlainCalendar.pop}, but only if the next event's time is at most `limit`. */
  popUntil(limit: number): boolean {
    const front = this.frontTime;
    if (front !== Infinity) {
      if (front > limit) return false;
      this.time = front;
      this.kind = this.frontKind;
      this.data = this.frontData;
      this.frontTime = Infinity;
      return true;
    }
    const heapTime = this.heapTime;
    const top = heapTime[0]!;
    if (this.length === 0 || top > limit) return false;
    const heapSeq = this.heapSeq;
    const heapKind = this.heapKind;
    const heapData = this.heapData;
    this.time = top;
    this.kind = heapKind[0]!;
    this.data = heapData[0]!;
    // The last row goes down from the root, taking the earlier child's place at each level.
    const n = --this.length;
    const time = heapTime[n]!;
    const seq = heapSeq[n]!;
    const kind = heapKind[n]!;
    const data = heapData[n]!;
    heapTime[n] = Infinity;
    if (n === 0) return true;
    let pos = 0;
    for (;;) {
      let c = 2 * pos + 1;
      if (c >= n) break;
      const d = c + 1;
      if (d < n && (heapTime[d]! < heapTime[c]! || (heapTime[d] === heapTime[c] && heapSeq[d]! < heapSeq[c]!))) c = d;
      const ct = heapTime[c]!;
      if (time < ct || (time === ct && seq < heapSeq[c]!)) break;
      heapTime[pos] = ct;
      heapSeq[pos] = heapSeq[c]!;
      heapKind[pos] = heapKind[c]!;
      heapData[pos] = heapData[c]!;
      pos = c;
    }
    heapTime[pos] = time;
    heapSeq[pos] = seq;
    heapKind[pos] = kind;
    heapData[pos] = data;
    return true;
  }

  /** Removes every event. */
  clear(): void {
    this.heapTime.fill(Infinity, 0, this.length);
    this.length = 0;
    this.frontTime = Infinity;
  }

  /** Inserts the event at the time in slot[0]. */
  private insert(kind: number, data: number, seq: number): void {
    const slot = this.slot;
    const time = slot[0]!;
    // As EventCalendar's: `time - time` is NaN for NaN and ±Infinity; throws kept out of line.
    if (!(time - time === 0) || (kind | 0) !== kind || (data | 0) !== data) badEvent(time, kind, data);
    const front = this.frontTime;
    if (front === Infinity) {
      // An empty register takes the event if it precedes the heap's root (an empty heap's root is +Infinity).
      const top = this.heapTime[0]!;
      if (time < top || (time === top && seq < this.heapSeq[0]!)) {
        this.frontTime = time;
        this.frontSeq = seq;
        this.frontKind = kind;
        this.frontData = data;
        return;
      }
    } else if (time < front || (time === front && seq < this.frontSeq)) {
      // The new event comes first: the one it displaces goes into the heap, ahead of all there.
      const fs = this.frontSeq;
      const fk = this.frontKind;
      const fd = this.frontData;
      this.frontTime = time;
      this.frontSeq = seq;
      this.frontKind = kind;
      this.frontData = data;
      slot[0] = front;
      this.heapInsert(fk, fd, fs);
      return;
    }
    this.heapInsert(kind, data, seq);
  }

  /** Inserts into the heap the event at the time in slot[0]. */
  private heapInsert(kind: number, data: number, seq: number): void {
    const time = this.slot[0]!;
    if (this.length === this.capacity) this.grow();
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapKind = this.heapKind;
    const heapData = this.heapData;
    let pos = this.length++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = heapTime[parent]!;
      // Sequences are unique, so (time, seq) never ties.
      if (pt < time || (pt === time && heapSeq[parent]! < seq)) break;
      heapTime[pos] = pt;
      heapSeq[pos] = heapSeq[parent]!;
      heapKind[pos] = heapKind[parent]!;
      heapData[pos] = heapData[parent]!;
      pos = parent;
    }
    heapTime[pos] = time;
    heapSeq[pos] = seq;
    heapKind[pos] = kind;
    heapData[pos] = data;
  }

  private grow(): void {
    if (this.capacity >= MAX_CALENDAR_CAPACITY) {
      throw new RangeError(`EventCalendar: more than ${MAX_CALENDAR_CAPACITY} events scheduled at once`);
    }
    const n = Math.min(this.capacity * 2, MAX_CALENDAR_CAPACITY);
    const time = new Float64Array(n).fill(Infinity);
    time.set(this.heapTime);
    this.heapTime = time;
    this.heapSeq = grown(this.heapSeq, new Float64Array(n));
    this.heapKind = grown(this.heapKind, new Int32Array(n));
    this.heapData = grown(this.heapData, new Int32Array(n));
    this.capacity = n;
  }
}

function badEvent(time: number, kind: number, data: number): never {
  if (!Number.isFinite(time)) throw new RangeError(`event time: expected a finite number, got ${time}`);
  if ((kind | 0) !== kind) throw new RangeError(`event kind: expected an int32, got ${kind}`);
  throw new RangeError(`event data: expected an int32, got ${data}`);
}
