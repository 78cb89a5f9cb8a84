/**
 * The patients in the pathway, stored column-wise in typed arrays with a free list.
 *
 * A national run holds millions of waiting patients; an object each would cost ~100+ bytes and
 * work for the garbage collector. Here a patient is a row index and costs
 * 36 + 8 × (targets with a `from` event) bytes, reused when the patient leaves.
 * @module
 */

/** Where a patient is. */
export const FREE = 0;
export const WAITING = 1;
export const IN_SERVICE = 2;
export const AWAY = 3;
/** Left a queue by abandoning but still referenced by that queue's buffer; freed when reached. */
export const ABANDONED = 4;

export class PatientStore {
  capacity: number;
  /** Class index. */
  cls: Uint8Array;
  /** Bit i set = the patient truly has condition i. */
  cond: Int32Array;
  /** Pathway clock start (day; negative for patients who were waiting before day 0). */
  start: Float64Array;
  /** When the patient joined the current stage's queue. */
  joined: Float64Array;
  /** Current stage index. */
  stage: Int32Array;
  /** State: FREE, WAITING, IN_SERVICE, AWAY or ABANDONED. */
  state: Uint8Array;
  /** Last test result: -1 none, 0 negative, 1 positive. */
  lastTest: Int8Array;
  /** Stage whose test last missed this patient's condition and that sends some back, or -1. */
  missedAt: Int32Array;
  /**
   * Pending abandonment event handle, or -1. A Float64Array because kernel handles carry a
   * generation above bit 26 and exceed int32 once a calendar slot has been reused 32 times
   * (an Int32Array silently truncated them).
   */
  abandonHandle: Float64Array;
  /** Bit t set = target t's clock has already stopped for this patient. */
  targetsDone: Int32Array;
  /** Per target with a `from` event: when that clock started (NaN = not yet); stride = fromTargets. */
  clockFrom: Float64Array;
  /** Number of targets with a `from` event. */
  readonly fromTargets: number;

  private free: Int32Array;
  private freeCount = 0;
  private used = 0;
  /** Patients currently allocated. */
  live = 0;

  constructor(fromTargets: number, initialCapacity = 1024) {
    this.fromTargets = fromTargets;
    this.capacity = Math.max(16, initialCapacity);
    const n = this.capacity;
    this.cls = new Uint8Array(n);
    this.cond = new Int32Array(n);
    this.start = new Float64Array(n);
    this.joined = new Float64Array(n);
    this.stage = new Int32Array(n);
    this.state = new Uint8Array(n);
    this.lastTest = new Int8Array(n);
    this.missedAt = new Int32Array(n);
    this.abandonHandle = new Float64Array(n);
    this.targetsDone = new Int32Array(n);
    this.clockFrom = new Float64Array(n * fromTargets);
    this.free = new Int32Array(n);
  }

  /**
   * Allocates a patient row with a fresh pathway. The caller sets `start[id]` and `joined[id]`
   * (a time argument here would be boxed on every call the compiler does not inline).
   */
  allocate(cls: number, cond: number): number {
    let id: number;
    if (this.freeCount > 0) id = this.free[--this.freeCount]!;
    else {
      if (this.used === this.capacity) this.grow();
      id = this.used++;
    }
    this.live++;
    this.cls[id] = cls;
    this.cond[id] = cond;
    this.state[id] = IN_SERVICE;
    this.resetPathway(id);
    return id;
  }

  /** Starts the pathway afresh at `start` (a missed patient coming back). */
  restartClock(id: number, start: number): void {
    this.start[id] = start;
    this.joined[id] = start;
    this.resetPathway(id);
  }

  /** Forgets test results, pending events and target clocks. */
  private resetPathway(id: number): void {
    this.lastTest[id] = -1;
    this.missedAt[id] = -1;
    this.abandonHandle[id] = -1;
    this.targetsDone[id] = 0;
    const k = this.fromTargets;
    if (k > 0) this.clockFrom.fill(NaN, id * k, id * k + k);
  }

  /** Returns a row to the free list. */
  release(id: number): void {
    this.state[id] = FREE;
    this.live--;
    this.free[this.freeCount++] = id;
  }

  /** Number of rows ever used (ids are below this). */
  get highWater(): number {
    return this.used;
  }

  private grow(): void {
    const n = this.capacity * 2;
    this.cls = growU8(this.cls, n);
    this.cond = growI32(this.cond, n);
    this.start = growF64(this.start, n);
    this.joined = growF64(this.joined, n);
    this.stage = growI32(this.stage, n);
    this.state = growU8(this.state, n);
    this.lastTest = growI8(this.lastTest, n);
    this.missedAt = growI32(this.missedAt, n);
    this.abandonHandle = growF64(this.abandonHandle, n);
    this.targetsDone = growI32(this.targetsDone, n);
    this.clockFrom = growF64(this.clockFrom, n * this.fromTargets);
    this.free = growI32(this.free, n);
    this.capacity = n;
  }
}

function growU8(a: Uint8Array, n: number): Uint8Array {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
function growI8(a: Int8Array, n: number): Int8Array {
  const b = new Int8Array(n);
  b.set(a);
  return b;
}
function growI32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
function growF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
