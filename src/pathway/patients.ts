/**
 * The patients in the pathway: rows of one typed buffer, with a free list.
 *
 * A national run holds millions of waiting patients; an object each would cost ~100+ bytes and
 * work for the garbage collector. Here a patient is a row index, and the row is
 * 56 + 8 × (targets with a `from` event) bytes, reused when the patient leaves.
 *
 * Rows, not columns: at national scale a patient's row is rarely in the CPU cache when their
 * turn comes (they joined the list weeks ago), and every field the engine touches then — state,
 * join time, pending abandonment, stage, clocks — sits in the same one or two cache lines. With
 * a typed array per field the same step cost one cache miss per field. Byte layout of a row:
 *
 * | bytes | field | type |
 * | --- | --- | --- |
 * | 0–7 | start: pathway clock start (day; negative for patients waiting before day 0) | f64 |
 * | 8–15 | joined: when the patient joined the current stage's queue | f64 |
 * | 16–23 | abandonHandle: pending abandonment event handle, or -1 | f64 |
 * | 24–27 | cond: bit i = has condition i; for a free row under `lifo` reuse, the next free row or -1 | i32 |
 * | 28–31 | targetsDone: bit t = target t's clock has stopped | i32 |
 * | 32–33 | stage: current stage index | i16 |
 * | 34–35 | missedAt: stage whose test missed this patient's condition and sends some back, or -1 | i16 |
 * | 36 | cls: class index | u8 |
 * | 37 | state: FREE, WAITING, IN_SERVICE, AWAY, ABANDONED or REBOOKING | u8 |
 * | 38 | lastTest: -1 none, 0 negative, 1 positive | i8 |
 * | 40–43 | visited: bit k = the patient has had a draw at visit slot k mod 32 | i32 |
 * | 44–47 | revisits: draws made at a slot already visited | u32 |
 * | 48–55 | keyA, keyB: the patient's 64-bit random key, hashed once from source and serial | i32 × 2 |
 * | 56… | clockFrom: per target with a `from` event, when its clock started (NaN = not yet) | f64 |
 * | end−16 | first: first presentation (day): survives missed returns, unlike `start` | f64 |
 * | end−8 | diagnosed: bit i = a test has found condition i (true positive) | i32 |
 * | end−4 | treated: bit i = first treatment for condition i has started | i32 |
 *
 * The last 16 bytes (the tail) are left out when a run needs none of them (no conditions, no
 * missed returns, no target on the first-presentation clock, no patient records): `first` then
 * reads and writes `start`, which it always equals in such a run. At national scale that is
 * 16 of 72 bytes for each of millions of waiting patients.
 *
 * A run with no conditions, no tests, no tail and no clockFrom entries (a national list with
 * plain routing) has compact rows of 48 bytes: cond, missedAt and lastTest, which would always
 * read 0, -1 and -1, are left out, and the fields after them move up. Where no row needs its
 * abandonment handle either (no stage has patience, or every stage with patience serves first
 * come first served: `run/queued-deadlines.ts` then tells a deadline live from the patient's
 * place in the queue), it is left out too, and compact rows are 40 bytes:
 *
 * | bytes (48) | bytes (40) | field |
 * | --- | --- | --- |
 * | 0–23 | 0–15 | start, joined, (abandonHandle), as above |
 * | 24–27 | 16–19 | visited |
 * | 28–33 | 20–25 | targetsDone, stage |
 * | 34, 35 | 26, 27 | cls, state |
 * | 36–39 | 28–31 | revisits |
 * | 40–47 | 32–39 | keyA, keyB |
 *
 * Full rows keep its place without it (fixed offsets); it then reads -1 and ignores writes.
 *
 * Bytes 40–55 give each patient its own random numbers (see `patient-random.ts`). The key is
 * stored, not recomputed, so a draw hashes only (key, stream, visit); who the patient is
 * (source and serial) is not stored, as the key's hash can be inverted to recover it.
 *
 * The accessors are tiny, so V8 always inlines them (no call, and no boxing of the times).
 * The abandonment handle is a double because kernel handles exceed int32 once a calendar slot
 * has been reused often.
 * @module
 */
import { FreeRows } from './run/free-rows.js';

/** Where a patient is. */
export const FREE = 0;
export const WAITING = 1;
export const IN_SERVICE = 2;
export const AWAY = 3;
/** Left a queue by abandoning but still referenced by that queue's buffer; freed when reached. */
export const ABANDONED = 4;
/** Did not attend, away until rebooked, with the RTT clock running: on the list for the RTT measures (see losses.ts). */
export const REBOOKING = 5;

/** Most stages a store can index (stage and missedAt are int16). */
export const MAX_STAGES = 0x7fff;
/** Most classes a store can index (cls is uint8). */
export const MAX_CLASSES = 0x100;
/** Most targets a scenario may have: their flags share one 31-bit mask per patient. */
export const MAX_TARGETS = 31;

/**
 * How released rows are reused: `lifo`, the last released first (free rows threaded through the
 * rows); `sweep`, next-fit in address order (see `run/free-rows.ts`), which keeps the rows of a
 * first-come first-served list in address order at national scale. Which row a patient gets
 * shows in results only through hooks (`PatientView.id`) and through sums taken over the store
 * in row order at the end of a run, so the engine sweeps when neither is in play.
 */
export type RowReuse = 'lifo' | 'sweep';

/** Bytes of a row before the clockFrom entries. */
const FIXED_BYTES = 56;
/** Bytes after them: first presentation, diagnosed and treated bits. */
const TAIL_BYTES = 16;
/** Bytes of a compact row (see the layout above). */
const COMPACT_BYTES = 48;
/** Bytes of the abandonment handle, left out of compact rows when no row needs it. */
const HANDLE_BYTES = 8;

export class PatientStore {
  /** Rows the buffer holds. */
  capacity: number;
  /** Number of targets with a `from` event (clockFrom entries per row). */
  readonly fromTargets: number;
  /** Row size in bytes, and in elements of each view. */
  readonly rowBytes: number;
  private readonly rowF64: number;
  private readonly rowI32: number;
  private readonly rowI16: number;
  /** Offset of `first` from a row's first f64: the tail's, or 0 (`start`) without a tail. */
  private readonly firstAt: number;
  /** 1 when rows carry the tail (first presentation, diagnosed, treated). */
  readonly tail: number;
  /** 1 when rows carry cond, missedAt and lastTest (0: the compact layout). */
  private readonly full: number;
  /** 1 when rows keep an abandonment handle (0: it reads -1 and ignores writes). */
  readonly handle: number;
  /** Byte offset of cls in a row (state follows it). */
  private readonly oCls: number;
  /** Int32 offset of targetsDone, and int16 offset of stage, in a row. */
  private readonly oTargets: number;
  private readonly oStage: number;
  /** Int32 offset of visited in a row. */
  private readonly oVisited: number;
  /** Int32 offset of keyA in a row (revisits just before it, keyB after it). */
  private readonly oKey: number;

  // Views of one buffer (replaced together when it grows).
  private f64: Float64Array;
  private i32: Int32Array;
  private i16: Int16Array;
  private u8: Uint8Array;
  private i8: Int8Array;
  private u32: Uint32Array;

  /** Top of the free stack (threaded through `cond`), or -1 (`lifo` reuse). */
  private freeTop = -1;
  /** The free rows (`sweep` reuse), or null. */
  private readonly freeRows: FreeRows | null;
  private used = 0;
  /** Patients currently allocated. */
  live = 0;

  /**
   * @param tail Whether rows carry first presentation, diagnosed and treated bits (false only
   *   for a run that needs none of them; see the layout above).
   * @param reuse Which free row a new patient gets (see {@link RowReuse}).
   * @param compact Rows of 48 bytes without cond, missedAt and lastTest, for a run with no
   *   conditions and no tests (they read 0, -1 and -1 and ignore writes); honoured only with no
   *   clockFrom entries, no tail and `sweep` reuse (the `lifo` free list runs through cond).
   * @param handle Whether rows keep the abandonment handle (see `run/queued-deadlines.ts`).
   */
  constructor(fromTargets: number, initialCapacity = 1024, tail = true, reuse: RowReuse = 'lifo', compact = false, handle = true) {
    this.fromTargets = fromTargets;
    this.tail = tail ? 1 : 0;
    this.handle = handle ? 1 : 0;
    const small = compact && fromTargets === 0 && !tail && reuse === 'sweep';
    const lift = small && !handle ? HANDLE_BYTES : 0;
    this.full = small ? 0 : 1;
    this.oCls = (small ? 34 : 36) - lift;
    this.oVisited = (small ? 6 : 10) - lift / 4;
    this.oKey = (small ? 10 : 12) - lift / 4;
    this.oTargets = 7 - lift / 4;
    this.oStage = 16 - lift / 2;
    this.rowBytes = small ? COMPACT_BYTES - lift : FIXED_BYTES + 8 * fromTargets + (tail ? TAIL_BYTES : 0);
    this.rowF64 = this.rowBytes / 8;
    this.firstAt = tail ? this.rowF64 - 2 : 0;
    this.rowI32 = this.rowBytes / 4;
    this.rowI16 = this.rowBytes / 2;
    this.capacity = Math.max(16, initialCapacity);
    this.freeRows = reuse === 'sweep' ? new FreeRows(this.capacity) : null;
    const buffer = new ArrayBuffer(this.capacity * this.rowBytes);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.i16 = new Int16Array(buffer);
    this.u8 = new Uint8Array(buffer);
    this.i8 = new Int8Array(buffer);
    this.u32 = new Uint32Array(buffer);
  }

  start(p: number): number {
    return this.f64[p * this.rowF64]!;
  }
  setStart(p: number, t: number): void {
    this.f64[p * this.rowF64] = t;
  }
  joined(p: number): number {
    return this.f64[p * this.rowF64 + 1]!;
  }
  setJoined(p: number, t: number): void {
    this.f64[p * this.rowF64 + 1] = t;
  }
  abandonHandle(p: number): number {
    return this.handle === 1 ? this.f64[p * this.rowF64 + 2]! : -1;
  }
  setAbandonHandle(p: number, h: number): void {
    if (this.handle === 1) this.f64[p * this.rowF64 + 2] = h;
  }
  cond(p: number): number {
    return this.full === 1 ? this.i32[p * this.rowI32 + 6]! : 0;
  }
  targetsDone(p: number): number {
    return this.i32[p * this.rowI32 + this.oTargets]!;
  }
  setTargetsDone(p: number, bits: number): void {
    this.i32[p * this.rowI32 + this.oTargets] = bits;
  }
  stage(p: number): number {
    return this.i16[p * this.rowI16 + this.oStage]!;
  }
  setStage(p: number, s: number): void {
    this.i16[p * this.rowI16 + this.oStage] = s;
  }
  missedAt(p: number): number {
    return this.full === 1 ? this.i16[p * this.rowI16 + 17]! : -1;
  }
  setMissedAt(p: number, s: number): void {
    if (this.full === 1) this.i16[p * this.rowI16 + 17] = s;
  }
  cls(p: number): number {
    return this.u8[p * this.rowBytes + this.oCls]!;
  }
  setCls(p: number, c: number): void {
    this.u8[p * this.rowBytes + this.oCls] = c;
  }
  state(p: number): number {
    return this.u8[p * this.rowBytes + this.oCls + 1]!;
  }
  setState(p: number, s: number): void {
    this.u8[p * this.rowBytes + this.oCls + 1] = s;
  }
  lastTest(p: number): number {
    return this.full === 1 ? this.i8[p * this.rowBytes + 38]! : -1;
  }
  setLastTest(p: number, r: number): void {
    if (this.full === 1) this.i8[p * this.rowBytes + 38] = r;
  }
  /** Lane A of the patient's random key (see `patient-random.ts`). */
  keyA(p: number): number {
    return this.i32[p * this.rowI32 + this.oKey]!;
  }
  /** Lane B of the patient's random key. */
  keyB(p: number): number {
    return this.i32[p * this.rowI32 + this.oKey + 1]!;
  }
  /**
   * Sets the patient's random key (two 32-bit lanes) and forgets the visits of the row's
   * previous patient: the engine calls it right after {@link allocate}.
   */
  setKey(p: number, keyA: number, keyB: number): void {
    const r = p * this.rowI32;
    this.i32[r + this.oVisited] = 0;
    this.i32[r + this.oKey - 1] = 0; // revisits
    this.i32[r + this.oKey] = keyA;
    this.i32[r + this.oKey + 1] = keyB;
  }
  /**
   * The visit key of patient p's draw at visit slot k (see `patient-random.ts`): 0 the first time
   * the patient draws at slot k (mod 32), afterwards 1 + the number of earlier repeat draws, so
   * every key a patient gets at a slot is new.
   */
  visitKey(p: number, k: number): number {
    const r = p * this.rowI32;
    const bit = 1 << (k & 31);
    const seen = this.i32[r + this.oVisited]!;
    if ((seen & bit) === 0) {
      this.i32[r + this.oVisited] = seen | bit;
      return 0;
    }
    const n = (this.u32[r + this.oKey - 1]! + 1) >>> 0; // revisits
    this.u32[r + this.oKey - 1] = n;
    return n;
  }
  /** When the clock of the i-th target with a `from` event started (NaN = not yet). */
  clockFrom(p: number, i: number): number {
    return this.f64[p * this.rowF64 + 7 + i]!;
  }
  setClockFrom(p: number, i: number, t: number): void {
    this.f64[p * this.rowF64 + 7 + i] = t;
  }

  /** First presentation (day): the start of the first pathway, kept when a missed patient comes back. */
  first(p: number): number {
    return this.f64[p * this.rowF64 + this.firstAt]!;
  }
  setFirst(p: number, t: number): void {
    this.f64[p * this.rowF64 + this.firstAt] = t;
  }
  /** Bit i set: condition i has been found by a test (never reset by a return). */
  diagnosed(p: number): number {
    return this.tail === 1 ? this.i32[(p + 1) * this.rowI32 - 2]! : 0;
  }
  setDiagnosed(p: number, bits: number): void {
    if (this.tail === 1) this.i32[(p + 1) * this.rowI32 - 2] = bits;
  }
  /** Bit i set: a first treatment for condition i has started. */
  treated(p: number): number {
    return this.tail === 1 ? this.i32[(p + 1) * this.rowI32 - 1]! : 0;
  }
  setTreated(p: number, bits: number): void {
    if (this.tail === 1) this.i32[(p + 1) * this.rowI32 - 1] = bits;
  }

  /**
   * Allocates a patient row with a fresh pathway (state IN_SERVICE). The caller sets its start
   * and joined times (a time argument here would be boxed whenever the call is not inlined).
   */
  allocate(cls: number, cond: number): number {
    let id: number;
    if (this.freeRows !== null) id = this.freeRows.take();
    else {
      id = this.freeTop;
      if (id >= 0) this.freeTop = this.i32[id * this.rowI32 + 6]!;
    }
    if (id < 0) {
      if (this.used === this.capacity) this.grow();
      id = this.used++;
    }
    this.live++;
    this.u8[id * this.rowBytes + this.oCls] = cls;
    if (this.full === 1) this.i32[id * this.rowI32 + 6] = cond;
    this.u8[id * this.rowBytes + this.oCls + 1] = IN_SERVICE;
    if (this.tail === 1) {
      this.i32[(id + 1) * this.rowI32 - 2] = 0; // diagnosed
      this.i32[(id + 1) * this.rowI32 - 1] = 0; // treated
    }
    this.resetPathway(id);
    return id;
  }

  /**
   * Starts the pathway afresh at `start` (a missed patient coming back). Target flags in `keep`
   * (targets on the first-presentation clock) survive.
   */
  restartClock(id: number, start: number, keep = 0): void {
    const done = this.targetsDone(id) & keep;
    this.setStart(id, start);
    this.setJoined(id, start);
    this.resetPathway(id);
    this.setTargetsDone(id, done);
  }

  /** Forgets test results, pending events and target clocks. */
  private resetPathway(id: number): void {
    const f = id * this.rowF64;
    if (this.full === 1) {
      this.i8[id * this.rowBytes + 38] = -1; // lastTest
      this.i16[id * this.rowI16 + 17] = -1; // missedAt
    }
    if (this.handle === 1) this.f64[f + 2] = -1; // abandonHandle
    this.i32[id * this.rowI32 + this.oTargets] = 0; // targetsDone
    for (let i = f + 7, end = i + this.fromTargets; i < end; i++) this.f64[i] = NaN;
  }

  /** Returns a row to the free list. */
  release(id: number): void {
    this.u8[id * this.rowBytes + this.oCls + 1] = FREE;
    this.live--;
    if (this.freeRows !== null) this.freeRows.add(id);
    else {
      this.i32[id * this.rowI32 + 6] = this.freeTop;
      this.freeTop = id;
    }
  }

  /** Frees a row without touching it (`sweep` only): its state stays stale (`run/gone-rows.ts`). */
  releaseQuiet(id: number): void {
    this.live--;
    this.freeRows!.add(id);
  }

  /** Whether row `id` is free (`sweep` reuse only). */
  isFree(id: number): boolean {
    return this.freeRows!.has(id);
  }

  /** Rows ever used (ids are below this). */
  get highWater(): number {
    return this.used;
  }

  private grow(): void {
    // Doubling a national-scale store would briefly hold three times the live rows (old + new
    // copy); past a million rows grow by a quarter, which keeps copying amortised O(1) per row.
    const c = this.capacity;
    const n = c < 1 << 20 ? c * 2 : c + (c >> 2);
    const buffer = new ArrayBuffer(n * this.rowBytes);
    const u8 = new Uint8Array(buffer);
    u8.set(this.u8);
    this.u8 = u8;
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.i16 = new Int16Array(buffer);
    this.i8 = new Int8Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.capacity = n;
    if (this.freeRows !== null) this.freeRows.grow(n);
  }
}
