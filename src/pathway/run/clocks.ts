/**
 * Target clocks: which events start and stop each waiting-time standard's clock, the count of
 * patients within and beyond it, and at the end the patients still on the way who already
 * breach it.
 * @module
 */
import type { Simulation } from '../../core/simulation.js';
import type { Model, ModelEventRef } from '../model.js';
import { IN_SERVICE, MAX_TARGETS, WAITING, type PatientStore } from '../patients.js';

/** Event code of a clock event: 2s service start at s, 2s+1 service end, 2S exit. */
export function eventCode(ev: ModelEventRef, stages: number): number {
  if (ev.kind === 'exit') return 2 * stages;
  return 2 * ev.stage + (ev.kind === 'end' ? 1 : 0);
}

/** The target clocks of a run. */
export class TargetClocks {
  readonly n: number;
  /** Event code → 1 if any target's clock starts or stops there (the engine skips the call otherwise). */
  readonly hasClock: Uint8Array;
  /** Number of target `from` slots a patient row needs. */
  readonly fromTargets: number;
  private readonly within: Float64Array;
  /** Target index → its slot in the store's clockFrom rows, or -1 (clock = pathway start). */
  private readonly fromSlot: Int32Array;
  /** Event code → targets whose clock it stops / starts. */
  private readonly untilAt: Int32Array[];
  private readonly fromAt: Int32Array[];
  readonly met: Float64Array;
  readonly breached: Float64Array;

  // Set by attach(): the store is sized from this object's fromTargets, so it comes later.
  private store!: PatientStore;
  private sim!: Simulation;
  private stats!: { measuring: boolean };

  constructor(private readonly model: Model) {
    const S = model.stages.length;
    const T = (this.n = model.targets.length);
    if (T > MAX_TARGETS) throw new Error(`at most ${MAX_TARGETS} targets are supported, got ${T}`);
    this.within = Float64Array.from(model.targets, (t) => t.within);
    this.fromSlot = new Int32Array(T).fill(-1);
    const codes = 2 * S + 1;
    const until: number[][] = Array.from({ length: codes }, () => []);
    const from: number[][] = Array.from({ length: codes }, () => []);
    let slot = 0;
    model.targets.forEach((t, i) => {
      for (const ev of t.until) until[eventCode(ev, S)]!.push(i);
      if (t.from !== null) {
        this.fromSlot[i] = slot++;
        from[eventCode(t.from, S)]!.push(i);
      }
    });
    this.fromTargets = slot;
    this.untilAt = until.map((l) => Int32Array.from(l));
    this.fromAt = from.map((l) => Int32Array.from(l));
    this.hasClock = Uint8Array.from({ length: codes }, (_, c) => (until[c]!.length > 0 || from[c]!.length > 0 ? 1 : 0));
    this.met = new Float64Array(T);
    this.breached = new Float64Array(T);
  }

  /** Connects the clocks to the run's store, clock and statistics (whose `measuring` flag they read). */
  attach(store: PatientStore, sim: Simulation, stats: { measuring: boolean }): void {
    this.store = store;
    this.sim = sim;
    this.stats = stats;
  }

  /** Patient p passes clock event `code` now (no time argument: see Statistics.touch). */
  event(p: number, code: number): void {
    const store = this.store;
    const now = this.sim.now;
    const from = this.fromAt[code]!;
    for (let i = 0; i < from.length; i++) {
      const t = from[i]!;
      const slot = this.fromSlot[t]!;
      if ((store.targetsDone(p) & (1 << t)) === 0 && store.clockFrom(p, slot) !== store.clockFrom(p, slot)) {
        store.setClockFrom(p, slot, now);
      }
    }
    const until = this.untilAt[code]!;
    for (let i = 0; i < until.length; i++) {
      const t = until[i]!;
      const bit = 1 << t;
      if ((store.targetsDone(p) & bit) !== 0) continue;
      const slot = this.fromSlot[t]!;
      const clock = slot < 0 ? store.start(p) : store.clockFrom(p, slot);
      if (clock !== clock) continue; // the `from` event has not happened: no clock to stop
      store.setTargetsDone(p, store.targetsDone(p) | bit);
      if (this.stats.measuring) {
        if (now - clock <= this.within[t]!) this.met[t]++;
        else this.breached[t]++;
      }
    }
  }

  /**
   * Patients still on the way at `now` whose clock already exceeds the standard, per target,
   * when the clock-stopping event is certain to come (it is the patient's current stage, or exit).
   */
  stillBreached(now: number): Float64Array {
    const store = this.store;
    const out = new Float64Array(this.n);
    if (this.n === 0) return out;
    const certain = this.certainStops();
    for (let p = 0; p < store.highWater; p++) {
      const state = store.state(p);
      if (state !== WAITING && state !== IN_SERVICE) continue;
      const s = store.stage(p);
      for (let t = 0; t < this.n; t++) {
        if ((store.targetsDone(p) & (1 << t)) !== 0) continue;
        if (!certain[t]![state === WAITING ? 0 : 1]![s]) continue;
        const slot = this.fromSlot[t]!;
        const clock = slot < 0 ? store.start(p) : store.clockFrom(p, slot);
        if (clock === clock && now - clock > this.within[t]!) out[t]++;
      }
    }
    return out;
  }

  /** For each target: [waiting, inService] × stage → whether the clock-stopping event is certain. */
  private certainStops(): boolean[][][] {
    const S = this.model.stages.length;
    return this.model.targets.map((t) => {
      const anyExit = t.until.some((e) => e.kind === 'exit');
      const waitingAt: boolean[] = [];
      const servedAt: boolean[] = [];
      for (let s = 0; s < S; s++) {
        waitingAt.push(anyExit || t.until.some((e) => e.kind !== 'exit' && e.stage === s));
        servedAt.push(anyExit || t.until.some((e) => e.kind === 'end' && e.stage === s));
      }
      return [waitingAt, servedAt];
    });
  }
}

