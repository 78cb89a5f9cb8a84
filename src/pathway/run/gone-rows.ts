/**
 * Patients who gave up waiting, marked in a bitmap instead of their rows.
 *
 * Why: a patient who abandons stays on their queue until its front reaches them, and so far the
 * engine wrote ABANDONED into their row when they gave up and read it back there when they were
 * reached. At national scale both are cache misses (the row was last touched when the patient
 * joined, months before): in a one-year England run the write alone was about 4% of the CPU,
 * and, once deadlines were told live from the queue (`queued-deadlines.ts`), the only row access
 * left to an abandonment. Here the abandonment sets a bit (one per row: 1.9 MB for 15 million
 * rows, which stays in cache), the queue's front tests it before reading any row, and a row
 * found marked goes back to the free rows untouched (`PatientStore.releaseQuiet`): the row of a
 * patient who gave up is never touched again.
 *
 * Rows then read a stale state (WAITING) until taken again, so {@link GoneRows.settle} writes
 * ABANDONED or FREE into them before anything reads states over the store at the end of a run.
 * During the run only the queue's front reads a waiting patient's state, so the engine uses
 * this only where nothing else does ({@link usesGoneRows}). Rows are
 * freed at the same moment as before, so which patient gets which row, and every result, is
 * unchanged.
 * @module
 */
import type { Model } from '../model.js';
import { ABANDONED, FREE, type PatientStore, type RowReuse } from '../patients.js';

/**
 * One bit per patient row: set while the row's patient has given up but is still on a queue.
 * @internal
 * @example
 * ```ts
 * import { PatientStore, WAITING } from '../patients.js';
 * import { GoneRows } from './gone-rows.js';
 * const store = new PatientStore(0, 16, false, 'sweep', true, false);
 * const gone = new GoneRows(store);
 * const p = store.allocate(0, 0);
 * store.setState(p, WAITING);
 * gone.mark(p); // p gives up: their row is not touched
 * gone.take(p); // true: the queue reached p, whose row is free again
 * store.live; // 0
 * ```
 */
export class GoneRows {
  private bits: Uint32Array;

  constructor(private readonly store: PatientStore) {
    this.bits = new Uint32Array((store.capacity >>> 5) + 1);
  }

  /** Patient p, waiting on a queue, gives up. */
  mark(p: number): void {
    const w = p >>> 5;
    if (w >= this.bits.length) this.grow(w);
    this.bits[w] |= 1 << (p & 31);
  }

  /**
   * Entry p comes off the front of a queue: if its patient gave up, frees the row without
   * touching it and returns true; else false (p waits for service).
   */
  take(p: number): boolean {
    const w = p >>> 5;
    if (w >= this.bits.length) return false;
    const x = this.bits[w]!;
    const bit = 1 << (p & 31);
    if ((x & bit) === 0) return false;
    this.bits[w] = x & ~bit;
    this.store.releaseQuiet(p);
    return true;
  }

  /** Writes ABANDONED into the rows of patients still marked and FREE into rows released quietly. */
  settle(): void {
    const store = this.store;
    for (let p = 0; p < store.highWater; p++) {
      const w = p >>> 5;
      if (w < this.bits.length && (this.bits[w]! & (1 << (p & 31))) !== 0) store.setState(p, ABANDONED);
      else if (store.isFree(p)) store.setState(p, FREE);
    }
  }

  private grow(w: number): void {
    const bits = new Uint32Array(Math.max(w + 1, 2 * this.bits.length));
    bits.set(this.bits);
    this.bits = bits;
  }
}

/**
 * Whether a run can mark abandonments in {@link GoneRows}: deadlines told live by place (so no
 * row handle needs clearing), rows reused by `sweep` (a quiet release needs no link in the row),
 * no pools or places (whose first-come choice reads the state of queue fronts) and no target
 * measured on incomplete pathways (whose snapshots read every row's state during the run).
 * @internal
 * @example
 * ```ts
 * import { resolveScenario } from '../resolve.js';
 * import { parseScenario } from '../scenario.js';
 * import { usesGoneRows } from './gone-rows.js';
 * const model = resolveScenario(
 *   parseScenario({ version: 1, name: 'clinic', horizon: 10, arrivals: { gp: { to: 'clinic', rate: { perDay: 5 } } },
 *     stages: { clinic: { capacity: { servers: 1 }, patience: { dist: 'fixed', value: 3 } } } }),
 * );
 * usesGoneRows(model, true, 'sweep', false); // true
 * usesGoneRows(model, true, 'lifo', false); // false
 * ```
 */
export function usesGoneRows(model: Model, queued: boolean, reuse: RowReuse, flow: boolean): boolean {
  return queued && reuse === 'sweep' && !flow && !model.targets.some((t) => t.measure === 'incomplete');
}
