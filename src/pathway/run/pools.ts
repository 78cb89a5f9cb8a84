/**
 * Shared resource pools at run time: units free per pool, what each stage takes, and the
 * measured busy unit-days. The engine asks {@link PoolState.free} before a start at a pooled
 * stage (as well as the stage's own capacity), takes the units at the start and returns them
 * at the end of service; which waiting patient a freed unit goes to is decided in `flow.ts`.
 *
 * Rule: a patient holds the units for the whole service time and returns them when service
 * ends, even if they are then blocked waiting for a place downstream (the surgeon leaves the
 * theatre; the patient, not the surgeon, waits for the bed). No units are reserved: a stage
 * needing more units than are free waits while one needing fewer may start.
 * @module
 */
import type { Model } from '../model.js';
import type { PoolResult } from '../result.js';

/** The pools of a run. @internal */
export class PoolState {
  /** Pool of each stage, or -1. */
  readonly poolOf: Int32Array;
  /** Units each stage takes per patient. */
  readonly need: Int32Array;
  /** Units free now, per pool. */
  readonly freeUnits: Int32Array;
  readonly units: Int32Array;
  /** 1 when the pool serves first come first served across its stages. */
  readonly firstCome: Uint8Array;
  /** Stages of each pool, highest priority first. */
  readonly order: Int32Array[];
  private readonly busyArea: Float64Array;
  private readonly started: Float64Array;
  private readonly lastT: Float64Array;

  constructor(private readonly model: Model) {
    const pools = model.pools ?? [];
    const S = model.stages.length;
    this.poolOf = new Int32Array(S).fill(-1);
    this.need = new Int32Array(S);
    model.stages.forEach((st, s) => {
      if (st.uses === undefined) return;
      this.poolOf[s] = st.uses.pool;
      this.need[s] = st.uses.units;
    });
    this.units = Int32Array.from(pools, (p) => p.units);
    this.freeUnits = Int32Array.from(pools, (p) => p.units);
    this.firstCome = Uint8Array.from(pools, (p) => (p.serve === 'first-come' ? 1 : 0));
    this.order = pools.map((p) => Int32Array.from(p.order));
    this.busyArea = new Float64Array(pools.length);
    this.started = new Float64Array(pools.length);
    this.lastT = new Float64Array(pools.length);
  }

  /** Whether stage s's pool has the units one patient needs. */
  free(s: number): boolean {
    return this.freeUnits[this.poolOf[s]!]! >= this.need[s]!;
  }

  /** A patient starts at stage s (a pooled stage) at `now`. */
  take(s: number, now: number, measuring: boolean): void {
    const k = this.poolOf[s]!;
    this.accrue(k, now);
    this.freeUnits[k] -= this.need[s]!;
    if (measuring) this.started[k]++;
  }

  /** A patient's service at stage s ends: the units return. Returns the pool. */
  release(s: number, now: number): number {
    const k = this.poolOf[s]!;
    this.accrue(k, now);
    this.freeUnits[k] += this.need[s]!;
    return k;
  }

  private accrue(k: number, now: number): void {
    const dt = now - this.lastT[k]!;
    if (dt > 0) {
      this.busyArea[k] += (this.units[k]! - this.freeUnits[k]!) * dt;
      this.lastT[k] = now;
    }
  }

  /** The end of the warm-up at `now`: areas and counts restart. */
  startMeasuring(now: number): void {
    for (let k = 0; k < this.units.length; k++) {
      this.accrue(k, now);
      this.busyArea[k] = 0;
      this.started[k] = 0;
    }
  }

  /** Pool id → its measures over the measured period ending at `end` (`horizon` days long). */
  result(end: number, horizon: number): Record<string, PoolResult> {
    const out: Record<string, PoolResult> = Object.create(null);
    (this.model.pools ?? []).forEach((p, k) => {
      this.accrue(k, end);
      const offered = p.units * horizon;
      out[p.id] = {
        units: p.units,
        utilisation: offered > 0 ? this.busyArea[k]! / offered : 0,
        busyUnitDays: this.busyArea[k]!,
        started: this.started[k]!,
      };
    });
    return out;
  }
}
