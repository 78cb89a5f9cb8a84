/**
 * The event calendar: a priority queue of future events ordered by (time, scheduling order).
 *
 * Built in layers, each a module: a 4-ary heap in typed arrays sorts the rows
 * (calendar-heap.ts), slot rows hold the events with their states and handles
 * (calendar-slots.ts), and a far tier keeps the events of a large calendar in time buckets
 * until their bucket comes up (calendar-far.ts, on chunk-lists.ts). This file is the public
 * face, and the two rules that make a run deterministic and its memory bounded:
 * - **Ties broken by insertion sequence**: events at the same time come out in the order they
 *   were scheduled, which makes a run deterministic.
 * - **Lazy cancel**: cancelling only marks the event; it is skipped when it reaches the top,
 *   and the heap is rebuilt without cancelled rows once they are more than half of it, so
 *   memory stays bounded however many events are cancelled. Cancelled far-tier events are
 *   dropped when their bucket comes up, or all at once when the calendar would otherwise grow.
 * @module
 */
import { FarTier, type EventCalendarTiers } from './calendar-far.js';
import { CANCELLED, FAR, FAR_CANCELLED, MAX_CALENDAR_CAPACITY, PENDING } from './calendar-slots.js';

export { MAX_CALENDAR_CAPACITY } from './calendar-slots.js';
export type { EventCalendarTiers } from './calendar-far.js';

/** Below this many rows a rebuild is not worth it: cancelled rows just wait to be popped. */
const MIN_COMPACT_SIZE = 64;

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
export class EventCalendar extends FarTier {
  /** Time of the last popped event. */
  time = 0;
  /** Kind of the last popped event. */
  kind = 0;
  /** Data of the last popped event. */
  data = 0;

  private nextSeq = 0;
  private live = 0;

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
    super(initialCapacity, tiers);
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
    return this.handleOf(this.insert(time, kind, data, this.nextSeq++));
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
    return this.handleOf(this.insert(time, kind, data, seq));
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

  /**
   * The time of the event {@link EventCalendar.addFromSlot} schedules (as PlainCalendar's: a
   * double argument to a call V8 does not inline is boxed).
   */
  readonly slot = new Float64Array(1);

  /** {@link EventCalendar.add} at the time in {@link EventCalendar.slot}[0]. */
  addFromSlot(kind: number, data: number): void {
    this.add(this.slot[0]!, kind, data);
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

  private dropCancelledTop(): void {
    while (this.heapLength > 0 && this.st(this.heapSlot[0]) === CANCELLED) {
      const slot = this.heapSlot[0];
      this.removeTop();
      this.freeSlot(slot);
      this.cancelledInHeap--;
    }
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
}

function badEvent(time: number, kind: number, data: number): never {
  if (!Number.isFinite(time)) throw new RangeError(`event time: expected a finite number, got ${time}`);
  if ((kind | 0) !== kind) throw new RangeError(`event kind: expected an int32, got ${kind}`);
  throw new RangeError(`event data: expected an int32, got ${data}`);
}
