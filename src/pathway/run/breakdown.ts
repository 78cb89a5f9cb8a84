/**
 * Stage and target results broken down by class and by true condition (has / has not), the
 * groups AI triage is judged on (urgent against routine, true cancers against the rest).
 *
 * A patient belongs to one class group (their class when the event happens: a positive test can
 * move them) and, per condition, to its `has` or `hasNot` group. Counts live in flat typed
 * arrays indexed [row × groups + group]; nothing is allocated per event. Waits are kept as exact
 * sums, so each group reports its mean wait (percentiles would need a histogram per group).
 * @module
 */
import type { Simulation } from '../../core/simulation.js';
import type { WaitHistogram } from '../histogram.js';
import type { Model } from '../model.js';
import { WAITING, type PatientStore } from '../patients.js';
import type { Breakdowns, GroupSplit, GroupStageResult, GroupTargetResult } from '../result.js';

/** Counts per (stage or target) × group of one run. */
export class Breakdown {
  /** Groups: one per class, then two (has, has not) per condition. */
  readonly groups: number;
  private readonly K: number;
  private readonly C: number;
  /**
   * 1 when the only group is the one class and there are no conditions: each stage's group is
   * then the whole stage, and its starts and waits are copied from the statistics at the end
   * ({@link Breakdown.stagesFrom}) instead of being counted twice at every start.
   */
  readonly single: number;
  private readonly started: Float64Array;
  private readonly waitSum: Float64Array;
  private readonly abandoned: Float64Array;
  private readonly met: Float64Array;
  private readonly breached: Float64Array;
  private store!: PatientStore;
  private sim!: Simulation;

  constructor(private readonly model: Model) {
    this.K = model.classes.length;
    this.C = model.conditions.length;
    const G = (this.groups = this.K + 2 * this.C);
    this.single = this.K === 1 && this.C === 0 ? 1 : 0;
    const S = model.stages.length;
    const T = model.targets.length;
    this.started = new Float64Array(S * G);
    this.waitSum = new Float64Array(S * G);
    this.abandoned = new Float64Array(S * G);
    this.met = new Float64Array(T * G);
    this.breached = new Float64Array(T * G);
  }

  /** Connects the breakdown to the run's store and clock. */
  attach(store: PatientStore, sim: Simulation): void {
    this.store = store;
    this.sim = sim;
  }

  /** Adds v to arr in every group of patient p, in row r. */
  private add(arr: Float64Array, r: number, p: number, v: number): void {
    const store = this.store;
    const base = r * this.groups;
    arr[base + store.cls(p)] += v;
    const cond = store.cond(p);
    for (let c = 0; c < this.C; c++) arr[base + this.K + 2 * c + (((cond >>> c) & 1) ^ 1)] += v;
  }

  /** Patient p starts service at stage s now (measured period only), after waiting since they joined. */
  stageStart(p: number, s: number): void {
    const store = this.store;
    const wait = this.sim.now - store.joined(p);
    const base = s * this.groups;
    let g = base + store.cls(p);
    this.started[g]++;
    this.waitSum[g] += wait;
    const cond = store.cond(p);
    for (let c = 0; c < this.C; c++) {
      g = base + this.K + 2 * c + (((cond >>> c) & 1) ^ 1);
      this.started[g]++;
      this.waitSum[g] += wait;
    }
  }

  /**
   * For a {@link Breakdown.single} breakdown: each stage's starts and summed waits are the
   * statistics' own. The sums are equal to the last bit: the histogram adds the same waits in the
   * same order, skipping only zeros, which leave a sum unchanged.
   */
  stagesFrom(started: Float64Array, waits: readonly WaitHistogram[]): void {
    for (let s = 0; s < waits.length; s++) {
      this.started[s] = started[s]!;
      this.waitSum[s] = waits[s]!.sumDays;
    }
  }

  /** Patient p gave up waiting at stage s (measured period only). */
  abandon(p: number, s: number): void {
    // One group: no need to read the row (a cache miss when a long waiter gives up).
    if (this.single === 1) this.abandoned[s]++;
    else this.add(this.abandoned, s, p, 1);
  }

  /** Patient p is counted on target t: met (1) or breached (0). */
  target(p: number, t: number, met: number): void {
    this.add(met === 1 ? this.met : this.breached, t, p, 1);
  }

  /** The breakdowns at the end of the run (waiting lists counted from the store). */
  result(): Breakdowns {
    const m = this.model;
    const G = this.groups;
    const S = m.stages.length;
    const store = this.store;
    const waitingAtEnd = new Float64Array(S * G);
    for (let p = 0; p < store.highWater; p++) if (store.state(p) === WAITING) this.add(waitingAtEnd, store.stage(p), p, 1);
    const stage = (i: number): GroupStageResult => ({
      started: this.started[i]!,
      waitMean: this.started[i]! > 0 ? this.waitSum[i]! / this.started[i]! : 0,
      abandoned: this.abandoned[i]!,
      waitingAtEnd: waitingAtEnd[i]!,
    });
    const target = (i: number): GroupTargetResult => {
      const counted = this.met[i]! + this.breached[i]!;
      return { met: this.met[i]!, breached: this.breached[i]!, share: counted > 0 ? this.met[i]! / counted : 0, counted };
    };
    const split = <R>(row: number, one: (i: number) => R): GroupSplit<R> => {
      const byClass: Record<string, R> = Object.create(null); // names are keys: no prototype to collide with
      m.classes.forEach((k, i) => (byClass[k] = one(row * G + i)));
      const byCondition: Record<string, { has: R; hasNot: R }> = Object.create(null);
      m.conditions.forEach((c, i) => {
        const at = row * G + this.K + 2 * i;
        byCondition[c] = { has: one(at), hasNot: one(at + 1) };
      });
      return { byClass, byCondition };
    };
    const stages: Record<string, GroupSplit<GroupStageResult>> = Object.create(null);
    m.stages.forEach((st, s) => (stages[st.id] = split(s, stage)));
    const targets: Record<string, GroupSplit<GroupTargetResult>> = Object.create(null);
    m.targets.forEach((t, i) => (targets[t.id] = split(i, target)));
    return { stages, targets };
  }
}
