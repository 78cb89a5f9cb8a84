/**
 * The event calendar's far tier, for large calendars.
 *
 * A national waiting list keeps millions of abandonment timers pending, most of them months
 * away and most cancelled before they fire; in one heap every pop and push pays for their depth
 * (a miss per level). Once the heap passes 8,192 rows, events are split on a grid of 4,096 time
 * buckets (width chosen from the spread of the pending times): only the current bucket's events
 * are in the heap; later ones wait unsorted in bucket lists (O(1) to add or cancel) and are
 * heapified when their bucket comes up; beyond the grid they wait in an overflow list that gets
 * a new grid when the buckets run out. Which tier an event is in depends only on a monotone
 * function of its time, so the order (time, then scheduling order) is exactly that of one heap.
 * With `england-elective.yaml` it took a run from about 20 to about 14 seconds; below 8,192
 * pending events nothing changes (one test of a flag per push). Cancelled far-tier events are
 * dropped when their bucket comes up, or all at once when the calendar would otherwise grow.
 * @module
 */
import { CHUNK, ChunkLists } from './chunk-lists.js';
import { CANCELLED, EventSlots, FAR, FAR_CANCELLED, PENDING } from './calendar-slots.js';

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
 * Time buckets for events beyond the heap's: the layer of {@link EventCalendar} above the slots.
 * @internal
 * @example
 * ```ts
 * import { EventCalendar } from './calendar.js';
 * import { FarTier } from './calendar-far.js';
 * new EventCalendar() instanceof FarTier; // true: a large calendar keeps its later events here
 * ```
 */
export class FarTier extends EventSlots {
  // Far tier. Invariant while `split`: an event is in the heap iff key(time) < nearEnd, where
  // key(t) = (t - base) * inverseWidth is monotone in t; otherwise it is in the list of bucket
  // floor(key) if that is below `buckets`, else in the overflow list. All events of the heap
  // thus come before all events of the lists, and the heap alone decides the order.
  protected split = false;
  protected base = 0;
  protected inverseWidth = 0;
  protected nearEnd = 0;
  protected readonly farTierAt: number;
  protected readonly buckets: number;
  /** Far-tier lists (chunk-lists.ts): list b < buckets is bucket b, list `buckets` the overflow. */
  protected readonly lists: ChunkLists;
  protected farLive = 0;
  protected farCancelled = 0;
  /** Heap size that triggers a (new) grid. */
  protected spreadAt: number;
  /** State of the small generator that picks the grid's sample (never affects the order). */
  private sampler = 0x9e3779b9;

  /**
   * @param n Slots and heap rows before the calendar first grows.
   * @param tiers Tuning of the far tier (defaults suit every model).
   */
  constructor(n: number, tiers: EventCalendarTiers) {
    super(n);
    this.farTierAt = tiers.farTierAt ?? DEFAULT_FAR_TIER_AT;
    this.buckets = tiers.buckets ?? DEFAULT_BUCKETS;
    if (!(Number.isInteger(this.farTierAt) && this.farTierAt >= 1 && Number.isInteger(this.buckets) && this.buckets >= 1)) {
      throw new RangeError(`EventCalendar tiers: expected positive integers, got ${JSON.stringify(tiers)}`);
    }
    this.lists = new ChunkLists(this.buckets + 1);
    this.spreadAt = this.farTierAt;
  }

  /** Puts an event in the far tier's bucket (or overflow) list for its time. */
  protected pushFar(slot: number, time: number, seq: number): void {
    this.setSt(slot, FAR);
    this.sf[slot << 2] = time;
    this.sf[(slot << 2) + 1] = seq;
    const k = Math.floor((time - this.base) * this.inverseWidth);
    this.lists.append(k < this.buckets ? k : this.buckets, slot);
    this.farLive++;
  }

  /** The near heap is empty: loads the next non-empty bucket into it. False if nothing is left. */
  protected refill(): boolean {
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
  protected load(list: number): boolean {
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
  protected regrid(slots: Int32Array, withHeap: boolean): void {
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
  protected spread(): void {
    this.regrid(this.lists.take(0, this.buckets), true);
    this.spreadAt = Math.max(this.farTierAt, 2 * this.heapLength);
  }

  /** Every slot is taken: reclaim cancelled far events if they are a quarter or more, else grow. */
  protected reclaimOrGrow(): number {
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
  protected compactFar(): void {
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

  /** A number in [0, n) for the grid's reservoir sample (xorshift32). */
  private pick(n: number): number {
    let x = this.sampler;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.sampler = x;
    return Math.floor(((x >>> 0) / 4294967296) * n);
  }
}
