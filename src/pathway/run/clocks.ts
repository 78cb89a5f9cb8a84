/**
 * Target clocks: which events start and stop each waiting-time standard's clock, the count of
 * patients within and beyond it, and at the end the patients still on the way who already
 * breach it.
 *
 * A clock counts from the pathway start (restarted when a missed patient comes back), from the
 * first presentation (`clock: first`, never restarted) or from a `from` event. A target may count
 * only patients with a condition (a true-case target) or in a class when their clock stops. On a
 * true-case target an `exit` stops the clock only once a test has found the condition, and a true
 * case who leaves the pathway (exits for good, or gives up waiting) before their clock stopped is
 * a breach: a missed cancer is never counted as met.
 * @module
 */
import type { Simulation } from '../../core/simulation.js';
import type { Model, ModelEventRef } from '../model.js';
import type { Breakdown } from './breakdown.js';
import { AWAY, IN_SERVICE, MAX_TARGETS, REBOOKING, WAITING, type PatientStore } from '../patients.js';

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
  /** Targets on the first-presentation clock: their flags survive a return (see PatientStore.restartClock). */
  readonly firstMask: number;
  /** 1 if some target counts only true cases (the engine calls {@link leave} only then). */
  readonly hasTrueCase: number;
  private readonly first: Uint8Array;
  private readonly forCond: Int32Array;
  private readonly forCls: Int32Array;
  private readonly exitCode: number;
  /** 1 for targets measured on the list at a snapshot (run/incomplete.ts): stops are not counted. */
  private readonly snapshot: Uint8Array;

  // Set by attach(): the store is sized from this object's fromTargets, so it comes later.
  private store!: PatientStore;
  private sim!: Simulation;
  private stats!: { measuring: boolean };
  private groups!: Breakdown;

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
    this.first = Uint8Array.from(model.targets, (t) => (t.clock === 'first' ? 1 : 0));
    this.forCond = Int32Array.from(model.targets, (t) => t.forCondition ?? -1);
    this.forCls = Int32Array.from(model.targets, (t) => t.forClass ?? -1);
    this.firstMask = model.targets.reduce((m, t, i) => (t.clock === 'first' ? m | (1 << i) : m), 0);
    this.hasTrueCase = this.forCond.some((c) => c >= 0) ? 1 : 0;
    this.exitCode = 2 * S;
    this.snapshot = Uint8Array.from(model.targets, (t) => (t.measure === 'incomplete' ? 1 : 0));
  }

  /** When target t's clock started for patient p (NaN: not started). */
  clockStart(p: number, t: number): number {
    const slot = this.fromSlot[t]!;
    if (slot >= 0) return this.store.clockFrom(p, slot);
    return this.first[t] === 1 ? this.store.first(p) : this.store.start(p);
  }

  /** Whether patient p is one target t counts (condition and class restrictions). */
  counts(p: number, t: number): boolean {
    const c = this.forCond[t]!;
    if (c >= 0 && ((this.store.cond(p) >>> c) & 1) === 0) return false;
    const k = this.forCls[t]!;
    return k < 0 || this.store.cls(p) === k;
  }

  /**
   * Patient p leaves the pathway for good (a last exit, or giving up): every true-case target
   * whose clock has not stopped counts them as a breach.
   */
  leave(p: number): void {
    const store = this.store;
    for (let t = 0; t < this.n; t++) {
      const c = this.forCond[t]!;
      if (c < 0 || ((store.cond(p) >>> c) & 1) === 0 || (store.targetsDone(p) & (1 << t)) !== 0) continue;
      store.setTargetsDone(p, store.targetsDone(p) | (1 << t));
      if (this.stats.measuring && this.snapshot[t] === 0 && this.counts(p, t)) {
        this.breached[t]++;
        this.groups.target(p, t, 0);
      }
    }
  }

  /** Connects the clocks to the run's store, clock and statistics (whose `measuring` flag they read). */
  attach(store: PatientStore, sim: Simulation, stats: { measuring: boolean }, groups: Breakdown): void {
    this.groups = groups;
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
      const clock = this.clockStart(p, t);
      if (clock !== clock) continue; // the `from` event has not happened: no clock to stop
      const c = this.forCond[t]!;
      // A true case leaving before any test found the condition is not met: see leave().
      if (code === this.exitCode && c >= 0 && ((store.diagnosed(p) >>> c) & 1) === 0) continue;
      store.setTargetsDone(p, store.targetsDone(p) | bit);
      if (this.stats.measuring && this.snapshot[t] === 0 && this.counts(p, t)) {
        if (now - clock <= this.within[t]!) {
          this.met[t]++;
          this.groups.target(p, t, 1);
        } else {
          this.breached[t]++;
          this.groups.target(p, t, 0);
        }
      }
    }
  }

  /**
   * Patients still on the way at `now` whose clock already exceeds the standard, per target,
   * when the clock-stopping event is certain to come (it is the patient's current stage, or exit).
   * Missed patients away count on targets whose clock survives their return (first presentation)
   * and on true-case targets (they have not been found).
   */
  stillBreached(now: number): Float64Array {
    const store = this.store;
    const out = new Float64Array(this.n);
    if (this.n === 0) return out;
    const certain = this.certainStops();
    for (let p = 0; p < store.highWater; p++) {
      const state = store.state(p);
      const away = state === AWAY;
      if (state !== WAITING && state !== IN_SERVICE && state !== REBOOKING && !away) continue;
      const s = store.stage(p);
      for (let t = 0; t < this.n; t++) {
        if ((store.targetsDone(p) & (1 << t)) !== 0 || this.snapshot[t] === 1 || !this.counts(p, t)) continue;
        if (away ? this.first[t] === 0 && this.forCond[t]! < 0 : !certain[t]![state === IN_SERVICE ? 1 : 0]![s]) continue; // rebooking: as if waiting at s
        const clock = this.clockStart(p, t);
        if (clock === clock && now - clock > this.within[t]!) {
          out[t]++;
          this.groups.target(p, t, 0);
        }
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

