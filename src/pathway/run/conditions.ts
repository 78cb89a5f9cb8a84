/**
 * True-case measures, per condition, without declaring targets: for patients who truly have the
 * condition, the time from first presentation to diagnosis (the first positive test for it) and
 * to first treatment (the first service start at a treatment stage after diagnosis), and how
 * many left the pathway undiagnosed or untreated.
 *
 * These are what a missed case costs. The pathway clock restarts when a false negative comes
 * back (that is how the standards count); the first-presentation clock does not, so here a
 * missed cancer found four months later shows as a four-month delay, and one never found shows
 * as undiagnosed — a breach of every threshold, never a success.
 * @module
 */
import type { Simulation } from '../../core/simulation.js';
import { WaitHistogram } from '../histogram.js';
import type { Model } from '../model.js';
import { EXIT } from '../model.js';
import { AWAY, IN_SERVICE, REBOOKING, WAITING, type PatientStore } from '../patients.js';
import type { ConditionResult, ProgressionResult } from '../result.js';
import { Progression } from './progression.js';

/** The thresholds (days) whose exceedance shares every condition reports. */
export const CONDITION_THRESHOLDS = [28, 62] as const;

/**
 * Whether starting service at stage s is a first treatment: the stage's `treatment` flag, else
 * the default rule — a stage that is not a test and after which every patient exits.
 * @example isTreatmentStage(model, model.stages.findIndex((s) => s.id === 'surgery')) // true for the lung file
 */
export function isTreatmentStage(model: Model, s: number): boolean {
  const st = model.stages[s]!;
  if (st.treatment !== undefined) return st.treatment;
  return st.test === null && st.next.every((b) => b.to === EXIT);
}

/** Counts per condition of one run. */
export class ConditionMeasures {
  readonly n: number;
  /** Stage index → 1 if starting service there is a first treatment. */
  readonly treatStage: Uint8Array;
  private readonly diagnosis: WaitHistogram[];
  private readonly treatment: WaitHistogram[];
  /** [condition × 2 + threshold index] → diagnosed / treated later than the threshold. */
  private readonly diagnosisOver: Float64Array;
  private readonly treatmentOver: Float64Array;
  private readonly undiagnosed: Float64Array;
  private readonly untreated: Float64Array;
  private store!: PatientStore;
  private sim!: Simulation;
  private stats!: { measuring: boolean };
  /** States while waiting (see progression.ts), or null when no condition has a progression model. */
  progression: Progression | null = null;

  constructor(private readonly model: Model) {
    const C = (this.n = model.conditions.length);
    this.treatStage = Uint8Array.from(model.stages, (_, s) => (isTreatmentStage(model, s) ? 1 : 0));
    this.diagnosis = Array.from({ length: C }, () => new WaitHistogram());
    this.treatment = Array.from({ length: C }, () => new WaitHistogram());
    this.diagnosisOver = new Float64Array(2 * C);
    this.treatmentOver = new Float64Array(2 * C);
    this.undiagnosed = new Float64Array(C);
    this.untreated = new Float64Array(C);
  }

  /** Connects the measures to the run's store, clock and statistics; seed and replication name the progression streams. */
  attach(store: PatientStore, sim: Simulation, stats: { measuring: boolean }, seed = this.model.seed, replication = 0): void {
    this.store = store;
    this.sim = sim;
    this.stats = stats;
    if (this.model.progression !== undefined && this.model.progression.length > 0) this.progression = new Progression(this.model, seed, replication);
  }

  /** A test for condition c was positive on patient p: the first such on a true case is the diagnosis. */
  positive(p: number, c: number): void {
    const store = this.store;
    const bit = 1 << c;
    if ((store.cond(p) & bit) === 0 || (store.diagnosed(p) & bit) !== 0) return;
    store.setDiagnosed(p, store.diagnosed(p) | bit);
    if (!this.stats.measuring) return;
    this.record(this.diagnosis[c]!, this.diagnosisOver, c, this.sim.now - store.first(p));
    if (this.progression !== null) this.progression.diagnosis(store, p, c, this.sim.now - store.first(p));
  }

  /** Patient p starts service at a treatment stage: a first treatment for each condition diagnosed and not yet treated. */
  treat(p: number): void {
    const store = this.store;
    let due = store.diagnosed(p) & ~store.treated(p);
    if (due === 0) return;
    store.setTreated(p, store.treated(p) | due);
    if (!this.stats.measuring) return;
    const delay = this.sim.now - store.first(p);
    for (let c = 0; due !== 0; c++, due >>>= 1) {
      if ((due & 1) === 0) continue;
      this.record(this.treatment[c]!, this.treatmentOver, c, delay);
      if (this.progression !== null) this.progression.treatment(store, p, c, delay);
    }
  }

  /** Patient p leaves the pathway for good: each condition they have and that was not found (treated) counts. */
  leave(p: number): void {
    if (!this.stats.measuring) return;
    const store = this.store;
    const cond = store.cond(p);
    if (cond === 0) return;
    const notFound = cond & ~store.diagnosed(p);
    const notTreated = cond & ~store.treated(p);
    for (let c = 0; c < this.n; c++) {
      if (((notFound >>> c) & 1) !== 0) this.undiagnosed[c]++;
      if (((notTreated >>> c) & 1) === 0) continue;
      this.untreated[c]++;
      if (this.progression !== null) this.progression.left(store, p, c, this.sim.now - store.first(p));
    }
  }

  private record(h: WaitHistogram, over: Float64Array, c: number, delay: number): void {
    h.add(delay);
    if (delay > CONDITION_THRESHOLDS[0]) over[2 * c]++;
    if (delay > CONDITION_THRESHOLDS[1]) over[2 * c + 1]++;
  }

  /** Progression counts by condition at the end of the run, `end` (empty without progression models). Call once. */
  progressionResult(end: number): Record<string, ProgressionResult> {
    return this.progression === null ? Object.create(null) : this.progression.result(this.model, this.store, end);
  }

  /** The per-condition results at the end of the run, `end`. */
  result(end: number): Record<string, ConditionResult> {
    const store = this.store;
    const C = this.n;
    // True cases still on the way (waiting, in service or away) without diagnosis / treatment,
    // and of those, how many are already past each threshold.
    const stillUndiagnosed = new Float64Array(C);
    const stillUntreated = new Float64Array(C);
    const undiagnosedPast = new Float64Array(2 * C);
    const untreatedPast = new Float64Array(2 * C);
    for (let p = 0; p < store.highWater; p++) {
      const state = store.state(p);
      if (state !== WAITING && state !== IN_SERVICE && state !== AWAY && state !== REBOOKING) continue;
      const cond = store.cond(p);
      if (cond === 0) continue;
      const waited = end - store.first(p);
      const over0 = waited > CONDITION_THRESHOLDS[0] ? 1 : 0;
      const over1 = waited > CONDITION_THRESHOLDS[1] ? 1 : 0;
      const diagnosed = store.diagnosed(p);
      const treated = store.treated(p);
      // Written out for diagnosis and treatment: no array per patient in a scan of the whole store.
      for (let c = 0; c < C; c++) {
        if (((cond >>> c) & 1) === 0) continue;
        if (((diagnosed >>> c) & 1) === 0) {
          stillUndiagnosed[c]++;
          undiagnosedPast[2 * c] += over0;
          undiagnosedPast[2 * c + 1] += over1;
        }
        if (((treated >>> c) & 1) === 0) {
          stillUntreated[c]++;
          untreatedPast[2 * c] += over0;
          untreatedPast[2 * c + 1] += over1;
        }
      }
    }
    const share = (over: number, done: number, left: number, past: number) => {
      const counted = done + left + past;
      return counted > 0 ? (over + left + past) / counted : 0;
    };
    const out: Record<string, ConditionResult> = Object.create(null); // names are keys: no prototype to collide with
    this.model.conditions.forEach((name, c) => {
      const d = this.diagnosis[c]!;
      const t = this.treatment[c]!;
      out[name] = {
        diagnosed: d.n,
        undiagnosed: this.undiagnosed[c]!,
        undiagnosedInPathway: stillUndiagnosed[c]!,
        diagnosis: d.summary(),
        diagnosisOver28: share(this.diagnosisOver[2 * c]!, d.n, this.undiagnosed[c]!, undiagnosedPast[2 * c]!),
        diagnosisOver62: share(this.diagnosisOver[2 * c + 1]!, d.n, this.undiagnosed[c]!, undiagnosedPast[2 * c + 1]!),
        treated: t.n,
        untreated: this.untreated[c]!,
        untreatedInPathway: stillUntreated[c]!,
        treatment: t.summary(),
        treatmentOver28: share(this.treatmentOver[2 * c]!, t.n, this.untreated[c]!, untreatedPast[2 * c]!),
        treatmentOver62: share(this.treatmentOver[2 * c + 1]!, t.n, this.untreated[c]!, untreatedPast[2 * c + 1]!),
      };
    });
    return out;
  }
}
