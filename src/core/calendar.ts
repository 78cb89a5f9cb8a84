/**
 * The event calendar: a priority queue of future events ordered by (time, scheduling order).
 *
 * Why this shape:
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
 * - **Typed arrays, no object per event**: the garbage collector never sees events. The heap
 *   rows carry their own sort keys (time and sequence) so comparisons do not chase an index
 *   into another array. An event's other fields (kind, data, generation, state, and time and
 *   sequence while it waits in the far tier) share one 32-byte slot row, so the slot of an
 *   event scheduled long ago costs one cache miss, not one per field.
 * - **A far tier for large calendars.** A national waiting list keeps millions of
 *   abandonment timers pending, most of them months away and most cancelled before they fire;
 *   in one heap every pop and push pays for their depth (a miss per level). Once the heap
 *   passes 8,192 rows, events are split on a grid of 4,096 time buckets (width chosen from the
 *   spread of the pending times): only the current bucket's events are in the heap; later ones
 *   wait unsorted in bucket lists (O(1) to add or cancel) and are heapified when their bucket
 *   comes up; beyond the grid they wait in an overflow list that gets a new grid when the
 *   buckets run out. Which tier an event is in depends only on a monotone function of its
 *   time, so the order (time, then scheduling order) is exactly that of one heap. With
 *   `england-elective.yaml` it took a run from about 20 to about 14 seconds; below 8,192
 *   pending events nothing changes (one test of a flag per push).
 * - **Ties broken by insertion sequence**: events at the same time come out in the order they
 *   were scheduled, which makes a run deterministic.
 * - **Lazy cancel**: cancelling only marks the event; it is skipped when it reaches the top,
 *   and the heap is rebuilt without cancelled rows once they are more than half of it, so
 *   memory stays bounded however many events are cancelled. Cancelled far-tier events are
 *   dropped when their bucket comes up, or all at once when the calendar would otherwise grow.
 * @module
 */
import { CHUNK, ChunkLists, grown } from './chunk-lists.js';

/**
 * Largest number of events that can be in the calendar at once (2^26, about 67 million).
 *
 * @example
 * ```ts
 * import { MAX_CALENDAR_CAPACITY } from 'carepath/kernel';
 * MAX_CALENDAR_CAPACITY; // 67108864
 * ```
 */
export const MAX_CALENDAR_CAPACITY = 0x4000000;

const SLOT_MASK_DIVISOR = MAX_CALENDAR_CAPACITY;
/** Generations wrap here so that a handle stays below 2^53 (an exact integer in a double). */
const GENERATION_LIMIT = 0x8000000;
const GEN_MASK = GENERATION_LIMIT - 1;

// Slot states, kept in the top bits of the slot's generation word.
const FREE = 0;
const PENDING = 1; // in the heap
const CANCELLED = 2; // in the heap, cancelled
const FAR = 3; // in a far-tier list
const FAR_CANCELLED = 4; // in a far-tier list, cancelled
const STATE_SHIFT = 27;

/** Spare rows past the heap's capacity, holding +Infinity, so the last node always has four children. */
const PAD = 4;

/** Below this many rows a rebuild is not worth it: cancelled rows just wait to be popped. */
const MIN_COMPACT_SIZE = 64;

/** Heap rows above which the far tier is used (see the module comment). */
const DEFAULT_FAR_TIER_AT = 8192;
/** Buckets of the far tier's grid. */
const DEFAULT_BUCKETS = 4096;
/** Pending times sampled to choose the grid's bucket width. */
const SAMPLES = 1024;

/** Tuning of the far tier; only tests need it (small values exercise every path). */
export interface EventCalendarTiers {
  /** Heap rows above which the far tier is used. Default 8192. */
  farTierAt?: number;
  /** Buckets in the far tier's grid. Default 4096. */
  buckets?: number;
}

/**
 * A priority queue of events keyed by (time, insertion sequence). Each event carries two int32
 * numbers, `kind` and `data`, and nothing else, so that scheduling allocates nothing.
 *
 * After {@link EventCalendar.pop} returns true, the popped event is in the fields
 * {@link EventCalendar.time}, {@link EventCalendar.kind} and {@link EventCalendar.data}.
 *
 * @example
 * ```ts
 * import { EventCalendar } from 'carepath/kernel';
 * const cal = new EventCalendar();
 * cal.push(2, 7, 42);
 * cal.push(1, 3, 9);
 * while (cal.pop()) console.log(cal.time, cal.kind, cal.data); // 1 3 9, then 2 7 42
 * ```
 */
export class EventCalendar {
  /** Time of the last popped event. */
  time = 0;
  /** Kind of the last popped event. */
  kind = 0;
  /** Data of the last popped event. */
  data = 0;

  // Heap rows: sort keys inline, plus the slot that holds the event's payload. Rows from
  // heapLength on hold time +Infinity (see removeTop).
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  /** Rows in the heap, live and cancelled. */
  private heapLength = 0;
  private heapCapacity: number;

  // Slots: one 32-byte row per event, seen through three views of one buffer:
  //   f64[4s] time, f64[4s+1] seq (both used while the event is in the far tier),
  //   i32[8s+4] kind, i32[8s+5] data, i32[8s+6] next (far-tier list or free stack),
  //   u32[8s+7] generation (low 27 bits) | state << 27.
  private sf: Float64Array;
  private si: Int32Array;
  private su: Uint32Array;
  /** Top of the stack of free slots (linked through `next`), or -1. */
  private freeHead = -1;
  /** Slots ever used; slots at or above this index have never been handed out. */
  private slotHighWater = 0;

  private capacity: number;
  private nextSeq = 0;
  private live = 0;
  private cancelledInHeap = 0;

  // Far tier. Invariant while `split`: an event is in the heap iff key(time) < nearEnd, where
  // key(t) = (t - base) * inverseWidth is monotone in t; otherwise it is in the list of bucket
  // floor(key) if that is below `buckets`, else in the overflow list. All events of the heap
  // thus come before all events of the lists, and the heap alone decides the order.
  private split = false;
  private base = 0;
  private inverseWidth = 0;
  private nearEnd = 0;
  private readonly farTierAt: number;
  private readonly buckets: number;
  /** Far-tier lists (chunk-lists.ts): list b < buckets is bucket b, list `buckets` the overflow. */
  private readonly lists: ChunkLists;
  private farLive = 0;
  private farCancelled = 0;
  /** Heap size that triggers a (new) grid. */
  private spreadAt: number;
  /** State of the small generator that picks the grid's sample (never affects the order). */
  private sampler = 0x9e3779b9;

  /**
   * Makes an empty calendar.
   * @param initialCapacity Events the calendar can hold before it first grows (it doubles
   *   whenever full). Default 1024.
   * @param tiers Tuning of the far tier, for tests; the defaults suit every model.
   */
  constructor(initialCapacity = 1024, tiers: EventCalendarTiers = {}) {
    if (!Number.isInteger(initialCapacity) || initialCapacity < 1 || initialCapacity > MAX_CALENDAR_CAPACITY) {
      throw new RangeError(
        `EventCalendar initialCapacity: expected an integer from 1 to ${MAX_CALENDAR_CAPACITY}, got ${initialCapacity}`,
      );
    }
    const n = initialCapacity;
    this.capacity = n;
    this.heapCapacity = n;
    this.heapTime = new Float64Array(n + PAD).fill(Infinity);
    this.heapSeq = new Float64Array(n + PAD);
    this.heapSlot = new Int32Array(n + PAD);
    const buffer = new ArrayBuffer(n * 32);
    this.sf = new Float64Array(buffer);
    this.si = new Int32Array(buffer);
    this.su = new Uint32Array(buffer);
    this.farTierAt = tiers.farTierAt ?? DEFAULT_FAR_TIER_AT;
    this.buckets = tiers.buckets ?? DEFAULT_BUCKETS;
    if (!(Number.isInteger(this.farTierAt) && this.farTierAt >= 1 && Number.isInteger(this.buckets) && this.buckets >= 1)) {
      throw new RangeError(`EventCalendar tiers: expected positive integers, got ${JSON.stringify(tiers)}`);
    }
    this.lists = new ChunkLists(this.buckets + 1);
    this.spreadAt = this.farTierAt;
  }

  /**
   * Events the calendar can hold before it next grows. It doubles when full and never
   * shrinks; cancelled events are reclaimed (in the heap once they are half of it, in the far
   * tier before the calendar grows), so it tracks the peak number of pending events.
   */
  get allocated(): number {
    return this.capacity;
  }

  /** Number of live (scheduled, not cancelled) events. */
  get size(): number {
    return this.live;
  }

  /**
   * Schedules an event.
   * @param time When it happens; any finite number.
   * @param kind An int32 telling the dispatcher what to do.
   * @param data An int32 payload (e.g. a patient id).
   * @returns A handle for {@link EventCalendar.cancel} and {@link EventCalendar.isPending}. It
   *   stops being valid once the event is popped or cancelled; a stale handle is detected, not
   *   confused with a later event that reuses the same storage.
   */
  push(time: number, kind: number, data: number): number {
    return this.pushInOrder(time, kind, data, this.nextSeq++);
  }

  /**
   * Takes the next place in the scheduling order without scheduling anything: an event pushed
   * later with {@link EventCalendar.pushInOrder} and this number sorts exactly as if it had been
   * pushed now. (The engine keeps far-off abandonment deadlines outside the calendar this way.)
   * @example
   * ```ts
   * import { EventCalendar } from 'carepath/kernel';
   * const cal = new EventCalendar();
   * const first = cal.reserveOrder();
   * cal.push(5, 2, 0);
   * cal.pushInOrder(5, 1, 0, first); // pops before the (5, 2) event, as if pushed first
   * ```
   */
  reserveOrder(): number {
    return this.nextSeq++;
  }

  /**
   * {@link EventCalendar.push} with a place in the order taken earlier by
   * {@link EventCalendar.reserveOrder} (each place used at most once).
   */
  pushInOrder(time: number, kind: number, data: number, seq: number): number {
    const slot = this.insert(time, kind, data, seq);
    return (this.su[(slot << 3) + 7] & GEN_MASK) * SLOT_MASK_DIVISOR + slot;
  }

  /**
   * {@link EventCalendar.push} without a handle, for events never cancelled. A handle above
   * 2^31 is a double, and returned from a call V8 does not inline it is a fresh heap number:
   * garbage on every event of a model that never looks at it.
   * @example
   * ```ts
   * import { EventCalendar } from 'carepath/kernel';
   * const cal = new EventCalendar();
   * cal.add(1, 3, 9);
   * cal.pop(); // true: cal.time 1, cal.kind 3, cal.data 9
   * ```
   */
  add(time: number, kind: number, data: number): void {
    this.insert(time, kind, data, this.nextSeq++);
  }

  /** Stores an event and places it in the heap or the far tier; returns its slot. */
  private insert(time: number, kind: number, data: number, seq: number): number {
    // `time - time` is NaN for NaN and for ±Infinity, so one comparison rejects all three.
    // The throws live in a separate function to keep this one small enough to inline.
    if (!(time - time === 0) || (kind | 0) !== kind || (data | 0) !== data) badEvent(time, kind, data);
    let slot: number;
    if (this.freeHead >= 0) {
      slot = this.freeHead;
      this.freeHead = this.si[(slot << 3) + 6];
    } else if (this.slotHighWater < this.capacity) {
      slot = this.slotHighWater++;
    } else {
      slot = this.reclaimOrGrow();
    }
    this.si[(slot << 3) + 4] = kind;
    this.si[(slot << 3) + 5] = data;
    this.live++;
    if (this.split && (time - this.base) * this.inverseWidth >= this.nearEnd) this.pushFar(slot, time, seq);
    else {
      this.setSt(slot, PENDING);
      if (this.heapLength === this.heapCapacity) this.growHeap();
      this.siftUp(this.heapLength++, time, seq, slot);
      if (this.heapLength > this.spreadAt) this.spread();
    }
    return slot;
  }

  /**
   * Cancels a pending event in O(1). Throws if the handle does not name a pending event
   * (already popped, already cancelled, or never issued), because that is always a logic error
   * in the caller.
   */
  cancel(handle: number): void {
    const slot = this.pendingSlot(handle, 'cancel');
    this.live--;
    if (this.st(slot) === FAR) {
      this.setSt(slot, FAR_CANCELLED);
      this.farLive--;
      this.farCancelled++;
      // Cancelled far events cost no work until their bucket comes up; their storage is
      // reclaimed then, or when the calendar would otherwise have to grow.
      return;
    }
    this.setSt(slot, CANCELLED);
    this.cancelledInHeap++;
    if (this.cancelledInHeap > this.heapLength >>> 1 && this.heapLength >= MIN_COMPACT_SIZE) this.compact();
  }

  /** True while the event behind `handle` is scheduled and not cancelled. */
  isPending(handle: number): boolean {
    return this.slotOf(handle) >= 0;
  }

  /** Kind of a pending event. Throws if the handle is not pending. */
  kindOf(handle: number): number {
    return this.si[(this.pendingSlot(handle, 'kindOf') << 3) + 4];
  }

  /** Data of a pending event. Throws if the handle is not pending. */
  dataOf(handle: number): number {
    return this.si[(this.pendingSlot(handle, 'dataOf') << 3) + 5];
  }

  /** Time of the next live event, or Infinity when there is none. */
  peekTime(): number {
    for (;;) {
      this.dropCancelledTop();
      if (this.heapLength > 0) return this.heapTime[0];
      if (!this.split || !this.refill()) return Infinity;
    }
  }

  /**
   * Removes the next live event and puts it in {@link EventCalendar.time},
   * {@link EventCalendar.kind} and {@link EventCalendar.data}.
   * @returns false (and changes nothing) when the calendar is empty.
   */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  /**
   * Like {@link EventCalendar.pop}, but only if the next live event's time is at most `limit`;
   * otherwise returns false and leaves it in place. Saves a separate peek in a run loop.
   */
  popUntil(limit: number): boolean {
    if (this.heapLength === 0 && !(this.split && this.refill())) return false;
    let slot = this.heapSlot[0];
    if (this.st(slot) === CANCELLED) {
      if (this.peekTime() === Infinity) return false;
      slot = this.heapSlot[0];
    }
    const time = this.heapTime[0];
    if (time > limit) return false;
    this.removeTop();
    this.time = time;
    this.kind = this.si[(slot << 3) + 4];
    this.data = this.si[(slot << 3) + 5];
    this.freeSlot(slot);
    this.live--;
    return true;
  }

  /** Removes every event. Outstanding handles become stale. */
  clear(): void {
    for (let i = 0; i < this.heapLength; i++) this.freeSlot(this.heapSlot[i]);
    this.heapTime.fill(Infinity, 0, this.heapLength);
    this.heapLength = 0;
    this.cancelledInHeap = 0;
    if (this.split) {
      for (let list = 0; list <= this.buckets; list++) {
        this.lists.forEachIn(list, (slot) => this.freeSlot(slot));
        this.lists.free(list);
      }
      this.farLive = 0;
      this.farCancelled = 0;
      this.split = false;
      this.spreadAt = this.farTierAt;
    }
    this.live = 0;
  }

  // ---------------------------------------------------------------------------------------

  /** State of a slot. */
  private st(slot: number): number {
    return this.su[(slot << 3) + 7] >>> STATE_SHIFT;
  }

  private setSt(slot: number, state: number): void {
    const i = (slot << 3) + 7;
    this.su[i] = (this.su[i] & GEN_MASK) | (state << STATE_SHIFT);
  }

  /** Puts an event in the far tier's bucket (or overflow) list for its time. */
  private pushFar(slot: number, time: number, seq: number): void {
    this.setSt(slot, FAR);
    this.sf[slot << 2] = time;
    this.sf[(slot << 2) + 1] = seq;
    const k = Math.floor((time - this.base) * this.inverseWidth);
    this.lists.append(k < this.buckets ? k : this.buckets, slot);
    this.farLive++;
  }

  /** The near heap is empty: loads the next non-empty bucket into it. False if nothing is left. */
  private refill(): boolean {
    const listHead = this.lists.head;
    for (;;) {
      let b = this.nearEnd;
      while (b < this.buckets && listHead[b] < 0) b++;
      if (b < this.buckets) {
        this.nearEnd = b + 1;
        if (this.load(b)) return true;
        continue;
      }
      if (listHead[this.buckets] < 0) return false;
      // Every bucket used: lay a new grid over the overflow.
      this.regrid(this.lists.take(this.buckets, this.buckets), false);
      if (this.heapLength > 0) return true;
    }
  }

  /** Moves bucket `list` into the (empty) heap, freeing cancelled events. */
  private load(list: number): boolean {
    // The bucket's chunks are walked here, not through a callback: this is the far tier's hot loop.
    const lists = this.lists;
    const tail = lists.tail[list];
    const chunkData = lists.data;
    const chunkNext = lists.next;
    const fill = lists.fill[list];
    let n = this.heapLength;
    for (let c = lists.head[list]; c >= 0; c = chunkNext[c]) {
      const end = c * CHUNK + (c === tail ? fill : CHUNK);
      for (let i = c * CHUNK; i < end; i++) {
        const s = chunkData[i];
        if (this.st(s) === FAR_CANCELLED) {
          this.freeSlot(s);
          this.farCancelled--;
          continue;
        }
        this.setSt(s, PENDING);
        if (n === this.heapCapacity) this.growHeap();
        this.heapTime[n] = this.sf[s << 2];
        this.heapSeq[n] = this.sf[(s << 2) + 1];
        this.heapSlot[n] = s;
        n++;
        this.farLive--;
      }
    }
    lists.free(list);
    this.heapLength = n;
    this.heapify();
    return n > 0;
  }

  /**
   * Chooses a new bucket grid for the far events `slots` (and the heap's rows too when
   * `withHeap`) and distributes them: near events into the heap, the rest into buckets.
   */
  private regrid(slots: Int32Array, withHeap: boolean): void {
    // Width from a sample of the times (reservoir sampling with a fixed-seed generator, so a
    // run is repeatable in every detail): the 90th percentile spans 90% of the buckets.
    const sample: number[] = [];
    let min = Infinity;
    let count = 0;
    const consider = (t: number) => {
      if (t < min) min = t;
      count++;
      if (sample.length < SAMPLES) sample.push(t);
      else {
        const j = this.pick(count);
        if (j < SAMPLES) sample[j] = t;
      }
    };
    for (let i = 0; i < slots.length; i++) if (this.st(slots[i]) !== FAR_CANCELLED) consider(this.sf[slots[i] << 2]);
    if (withHeap) for (let i = 0; i < this.heapLength; i++) if (this.st(this.heapSlot[i]) !== CANCELLED) consider(this.heapTime[i]);
    if (count === 0) {
      // Only cancelled events were left: free them and go back to the plain heap.
      for (let i = 0; i < slots.length; i++) this.freeSlot(slots[i]);
      this.farCancelled -= slots.length;
      this.split = false;
      return;
    }
    sample.sort((a, b) => a - b);
    const p90 = sample[Math.floor(0.9 * (sample.length - 1))]!;
    // The grid only decides which events wait in buckets; any width keeps the order exact.
    let width = (p90 - min) / (0.9 * this.buckets);
    if (!(width > 0)) width = (sample[sample.length - 1]! - min) / this.buckets;
    if (!(width > 1e-300)) width = 1;
    this.base = min;
    this.inverseWidth = 1 / width;
    this.nearEnd = 1;
    this.split = true;
    // Heap rows: keep near ones, move the others out.
    if (withHeap) {
      const heapTime = this.heapTime;
      const heapSeq = this.heapSeq;
      const heapSlot = this.heapSlot;
      let n = 0;
      const old = this.heapLength;
      for (let i = 0; i < old; i++) {
        const slot = heapSlot[i];
        const t = heapTime[i];
        if (this.st(slot) === CANCELLED) {
          this.freeSlot(slot);
          continue;
        }
        if ((t - this.base) * this.inverseWidth >= this.nearEnd) {
          this.pushFar(slot, t, heapSeq[i]);
          continue;
        }
        heapTime[n] = t;
        heapSeq[n] = heapSeq[i];
        heapSlot[n] = slot;
        n++;
      }
      heapTime.fill(Infinity, n, old);
      this.heapLength = n;
      this.cancelledInHeap = 0;
    }
    // Far events: near ones into the heap, the others into their buckets.
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i];
      if (this.st(s) === FAR_CANCELLED) {
        this.freeSlot(s);
        this.farCancelled--;
        continue;
      }
      const t = this.sf[s << 2];
      this.farLive--;
      if ((t - this.base) * this.inverseWidth < this.nearEnd) {
        this.setSt(s, PENDING);
        if (this.heapLength === this.heapCapacity) this.growHeap();
        this.heapTime[this.heapLength] = t;
        this.heapSeq[this.heapLength] = this.sf[(s << 2) + 1];
        this.heapSlot[this.heapLength++] = s;
      } else this.pushFar(s, t, this.sf[(s << 2) + 1]);
    }
    this.heapify();
  }

  /**
   * The heap has grown past `spreadAt`: lay a (new) grid over every pending event, so
   * that the heap holds only the first bucket's worth. If it is still big (many events at
   * nearly one time), wait until it doubles before trying again.
   */
  private spread(): void {
    this.regrid(this.lists.take(0, this.buckets), true);
    this.spreadAt = Math.max(this.farTierAt, 2 * this.heapLength);
  }

  /** Every slot is taken: reclaim cancelled far events if they are a quarter or more, else grow. */
  private reclaimOrGrow(): number {
    if (this.farCancelled >= this.capacity >> 2) this.compactFar();
    if (this.freeHead >= 0) {
      const slot = this.freeHead;
      this.freeHead = this.si[(slot << 3) + 6];
      return slot;
    }
    this.grow();
    return this.slotHighWater++;
  }

  /** Frees every cancelled event of the far tier. */
  private compactFar(): void {
    for (let list = 0; list <= this.buckets; list++) {
      if (this.lists.head[list] < 0) continue;
      const slots = this.lists.take(list, list);
      for (let i = 0; i < slots.length; i++) {
        if (this.st(slots[i]) === FAR_CANCELLED) this.freeSlot(slots[i]);
        else this.lists.append(list, slots[i]);
      }
    }
    this.farCancelled = 0;
  }

  /** Floyd's bottom-up heap construction over rows [0, heapLength). */
  private heapify(): void {
    const n = this.heapLength;
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    for (let i = (n - 2) >> 2; i >= 0; i--) this.siftDown(i, heapTime[i], heapSeq[i], heapSlot[i], n);
  }

  /** A number in [0, n) for the grid's reservoir sample (xorshift32). */
  private pick(n: number): number {
    let x = this.sampler;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.sampler = x;
    return Math.floor(((x >>> 0) / 4294967296) * n);
  }

  /** Slot of a pending handle, or -1. */
  private slotOf(handle: number): number {
    if (!Number.isSafeInteger(handle) || handle < 0) return -1;
    const slot = handle % SLOT_MASK_DIVISOR;
    const generation = (handle - slot) / SLOT_MASK_DIVISOR;
    if (slot >= this.slotHighWater) return -1;
    const state = this.st(slot);
    if ((state !== PENDING && state !== FAR) || (this.su[(slot << 3) + 7] & GEN_MASK) !== generation) return -1;
    return slot;
  }

  private pendingSlot(handle: number, operation: string): number {
    const slot = this.slotOf(handle);
    if (slot < 0) {
      throw new Error(
        `EventCalendar.${operation}: handle ${handle} does not name a pending event ` +
          '(it was already popped or cancelled, or never issued)',
      );
    }
    return slot;
  }

  private freeSlot(slot: number): void {
    const i = (slot << 3) + 7;
    this.su[i] = (this.su[i] + 1) & GEN_MASK; // state FREE (0), next generation
    this.si[(slot << 3) + 6] = this.freeHead;
    this.freeHead = slot;
  }

  private dropCancelledTop(): void {
    while (this.heapLength > 0 && this.st(this.heapSlot[0]) === CANCELLED) {
      const slot = this.heapSlot[0];
      this.removeTop();
      this.freeSlot(slot);
      this.cancelledInHeap--;
    }
  }

  /**
   * Removes row 0. Bottom-up ("hole") deletion: the hole at the root moves down to a leaf,
   * always taking the smallest child, then the last row is sifted up into it. The smallest of
   * the four children is found without branches (comparisons turned into 0/1 integers), so
   * the unpredictable comparisons cost no branch mispredictions; rows past the end hold
   * +Infinity, so every node can be treated as having four children.
   */
  private removeTop(): void {
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
  private siftUp(pos: number, time: number, seq: number, slot: number): void {
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
  private siftDown(pos: number, time: number, seq: number, slot: number, length: number): void {
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

  /** Drops every cancelled row and rebuilds the heap bottom-up (Floyd), O(n). */
  private compact(): void {
    const heapTime = this.heapTime;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    let n = 0;
    for (let i = 0; i < this.heapLength; i++) {
      const slot = heapSlot[i];
      if (this.st(slot) === CANCELLED) {
        this.freeSlot(slot);
        continue;
      }
      heapTime[n] = heapTime[i];
      heapSeq[n] = heapSeq[i];
      heapSlot[n] = slot;
      n++;
    }
    heapTime.fill(Infinity, n, this.heapLength);
    this.heapLength = n;
    this.cancelledInHeap = 0;
    this.heapify();
  }

  private growHeap(): void {
    const n = this.heapCapacity * 2;
    this.heapTime = grown(this.heapTime, new Float64Array(n + PAD).fill(Infinity));
    this.heapSeq = grown(this.heapSeq, new Float64Array(n + PAD));
    this.heapSlot = grown(this.heapSlot, new Int32Array(n + PAD));
    this.heapCapacity = n;
  }

  private grow(): void {
    if (this.capacity >= MAX_CALENDAR_CAPACITY) {
      throw new RangeError(`EventCalendar: more than ${MAX_CALENDAR_CAPACITY} events scheduled at once`);
    }
    const n = Math.min(this.capacity * 2, MAX_CALENDAR_CAPACITY);
    const buffer = new ArrayBuffer(n * 32);
    const su = new Uint32Array(buffer);
    su.set(this.su);
    this.su = su;
    this.sf = new Float64Array(buffer);
    this.si = new Int32Array(buffer);
    this.capacity = n;
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

function badEvent(time: number, kind: number, data: number): never {
  if (!Number.isFinite(time)) throw new RangeError(`event time: expected a finite number, got ${time}`);
  if ((kind | 0) !== kind) throw new RangeError(`event kind: expected an int32, got ${kind}`);
  throw new RangeError(`event data: expected an int32, got ${data}`);
}
