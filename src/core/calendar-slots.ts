/**
 * The event calendar's storage layer: one 32-byte slot row per event, with a generation and a
 * state, so a handle names one event and a stale handle is detected, not confused with a later
 * event that reuses the row.
 *
 * **Typed arrays, no object per event**: the garbage collector never sees events. An event's
 * fields other than its heap row's sort keys (kind, data, generation, state, and time and
 * sequence while it waits in the far tier) share one slot row, so the slot of an event
 * scheduled long ago costs one cache miss, not one per field. Free rows form a stack.
 * @module
 */
import { EventHeap } from './calendar-heap.js';

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
/** @internal */
export const FREE = 0;
/** In the heap. @internal */
export const PENDING = 1;
/** In the heap, cancelled. @internal */
export const CANCELLED = 2;
/** In a far-tier list. @internal */
export const FAR = 3;
/** In a far-tier list, cancelled. @internal */
export const FAR_CANCELLED = 4;
const STATE_SHIFT = 27;

/**
 * Slot rows of the events, their states and handles: the layer of {@link EventCalendar} above the heap.
 * @internal
 * @example
 * ```ts
 * import { EventCalendar } from './calendar.js';
 * import { EventSlots } from './calendar-slots.js';
 * new EventCalendar() instanceof EventSlots; // true: the calendar keeps its events in these rows
 * ```
 */
export class EventSlots extends EventHeap {
  // Slots: one 32-byte row per event, seen through three views of one buffer:
  //   f64[4s] time, f64[4s+1] seq (both used while the event is in the far tier),
  //   i32[8s+4] kind, i32[8s+5] data, i32[8s+6] next (far-tier list or free stack),
  //   u32[8s+7] generation (low 27 bits) | state << 27.
  protected sf: Float64Array;
  protected si: Int32Array;
  protected su: Uint32Array;
  /** Top of the stack of free slots (linked through `next`), or -1. */
  protected freeHead = -1;
  /** Slots ever used; slots at or above this index have never been handed out. */
  protected slotHighWater = 0;
  protected capacity: number;
  /** Heap rows whose event is cancelled (see EventCalendar.cancel). */
  protected cancelledInHeap = 0;

  /** @param n Slots (and heap rows) before the calendar first grows. */
  constructor(n: number) {
    super(n);
    this.capacity = n;
    const buffer = new ArrayBuffer(n * 32);
    this.sf = new Float64Array(buffer);
    this.si = new Int32Array(buffer);
    this.su = new Uint32Array(buffer);
  }

  /** The handle of the event in `slot` (generation and slot in one exact integer). */
  protected handleOf(slot: number): number {
    return (this.su[(slot << 3) + 7] & GEN_MASK) * SLOT_MASK_DIVISOR + slot;
  }

  /** State of a slot. */
  protected st(slot: number): number {
    return this.su[(slot << 3) + 7] >>> STATE_SHIFT;
  }

  protected setSt(slot: number, state: number): void {
    const i = (slot << 3) + 7;
    this.su[i] = (this.su[i] & GEN_MASK) | (state << STATE_SHIFT);
  }

  /** Slot of a pending handle, or -1. */
  protected slotOf(handle: number): number {
    if (!Number.isSafeInteger(handle) || handle < 0) return -1;
    const slot = handle % SLOT_MASK_DIVISOR;
    const generation = (handle - slot) / SLOT_MASK_DIVISOR;
    if (slot >= this.slotHighWater) return -1;
    const state = this.st(slot);
    if ((state !== PENDING && state !== FAR) || (this.su[(slot << 3) + 7] & GEN_MASK) !== generation) return -1;
    return slot;
  }

  protected pendingSlot(handle: number, operation: string): number {
    const slot = this.slotOf(handle);
    if (slot < 0) {
      throw new Error(
        `EventCalendar.${operation}: handle ${handle} does not name a pending event ` +
          '(it was already popped or cancelled, or never issued)',
      );
    }
    return slot;
  }

  protected freeSlot(slot: number): void {
    const i = (slot << 3) + 7;
    this.su[i] = (this.su[i] + 1) & GEN_MASK; // state FREE (0), next generation
    this.si[(slot << 3) + 6] = this.freeHead;
    this.freeHead = slot;
  }

  protected grow(): void {
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
