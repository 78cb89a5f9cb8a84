/**
 * What the engine tells its measures when a patient starts, finishes or leaves a stage: the
 * statistics' counts and waits, target clocks, breakdowns by class and condition, condition
 * measures and patient records. The engine moves patients; this file only watches them.
 *
 * Moved out of the engine as is (same calls in the same order). Each method is small so V8
 * inlines it into the engine's hot path; the parts a run does not use cost a flag check.
 * @module
 */
import type { Rng } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import type { Model } from '../model.js';
import type { PatientStore } from '../patients.js';
import type { RunResult } from '../result.js';
import { Breakdown } from './breakdown.js';
import type { TargetClocks } from './clocks.js';
import { ConditionMeasures } from './conditions.js';
import { IncompleteMeasures } from './incomplete.js';
import { Recorder, type PatientSink } from './records.js';
import { ColumnRecorder } from './column-recorder.js';
import type { RunCounts, Statistics } from './stats.js';

/**
 * The measures of one run, called by the engine at each move of a patient.
 * @internal
 * @example
 * ```ts
 * import { simulate } from 'carepath';
 * // Built by the engine; a run's result carries what these calls counted:
 * simulate({ version: 1, name: 'x', horizon: 5, arrivals: { gp: { to: 'xray', rate: { perDay: 5 } } }, stages: { xray: { capacity: 'unlimited' } } })
 *   .stages.xray.completed; // patients who finished the x-ray (about 25)
 * ```
 */
export class RunMeasures {
  private readonly hasClock: Uint8Array;
  /** Stage index → 1 if starting service there is a first treatment. */
  readonly treatStage: Uint8Array;
  /** 1 when a part needs to know of a patient leaving for good (true-case targets, conditions). */
  private readonly trackLeaving: number;
  /** 1 when the breakdown has groups of its own to count at each start (see Breakdown.single). */
  private readonly perGroup: number;
  /** The wait passed to the histogram in an array: a double argument would be boxed. */
  private readonly wait = new Float64Array(1);

  constructor(
    private readonly sim: Simulation,
    private readonly store: PatientStore,
    private readonly stats: Statistics,
    private readonly clocks: TargetClocks,
    private readonly groups: Breakdown,
    /** The run's per-condition measures (the economics read their progression). */
    readonly conds: ConditionMeasures,
    /** Patient records, only when a sink is given (one null check per call otherwise). */
    readonly rec: Recorder | null,
    /** Snapshots of the list for targets measured on incomplete pathways, or null when there are none. */
    private readonly incomplete: IncompleteMeasures | null,
  ) {
    this.hasClock = clocks.hasClock;
    this.treatStage = conds.treatStage;
    this.trackLeaving = clocks.hasTrueCase === 1 || conds.n > 0 ? 1 : 0;
    this.perGroup = groups.single === 1 ? 0 : 1;
  }

  /**
   * The measures of a run of `model`, attached to its store and clock (the store is sized from
   * `clocks`, so they come first); records only with a sink (and its stream of numbers).
   */
  static create(
    model: Model,
    sim: Simulation,
    store: PatientStore,
    stats: Statistics,
    clocks: TargetClocks,
    recordsRng: Rng | undefined,
    sink: PatientSink | undefined,
    seed: number,
    replication: number,
  ): RunMeasures {
    const groups = new Breakdown(model);
    groups.attach(store, sim);
    clocks.attach(store, sim, stats, groups);
    const incomplete = model.targets.some((t) => t.measure === 'incomplete') ? new IncompleteMeasures(model) : null;
    const rec = sink && recordsRng ? (sink.columnar ? new ColumnRecorder(model, store, sink, recordsRng) : new Recorder(model, store, sink, recordsRng)) : null;
    const conds = new ConditionMeasures(model);
    conds.attach(store, sim, stats, seed, replication);
    if (rec !== null) rec.progression = conds.progression;
    return new RunMeasures(sim, store, stats, clocks, groups, conds, rec, incomplete);
  }

  /** Patient p starts service at stage s now. */
  started(p: number, s: number): void {
    const stats = this.stats;
    const now = this.sim.now;
    // Counted from the start, warm-up included, and cleared when it ends (Statistics.startMeasuring):
    // a branch first taken at the end of the warm-up would throw away the optimised code.
    stats.started[s]++;
    const wait = this.wait;
    wait[0] = now - this.store.joined(p);
    stats.waits[s]!.addFrom(wait);
    if (this.perGroup === 1 && stats.measuring) this.groups.stageStart(p, s);
    if (this.hasClock[2 * s] === 1) this.clocks.event(p, 2 * s);
    if (this.treatStage[s] === 1) this.conds.treat(p);
    if (this.rec !== null) this.rec.start(p, now);
  }

  /** Patient p finishes stage s now (before its test). */
  completed(p: number, s: number): void {
    this.stats.completed[s]++; // warm-up included, then cleared: see started
    if (this.hasClock[2 * s + 1] === 1) this.clocks.event(p, 2 * s + 1);
  }

  /** Patient p's visit ends after the test of condition tc (-1: the stage has no test). */
  tested(p: number, tc: number): void {
    const store = this.store;
    if (tc >= 0 && store.lastTest(p) === 1) this.conds.positive(p, tc);
    if (this.rec !== null) this.rec.end(p, this.sim.now, tc >= 0 ? store.lastTest(p) : -1);
  }

  /** Patient p reaches the pathway's exit now (before a missed case may send them away). */
  reachedExit(p: number, exitEvent: number): void {
    if (this.hasClock[exitEvent] === 1) this.clocks.event(p, exitEvent);
  }

  /** Patient p leaves the pathway through its exit for good. */
  exited(p: number): void {
    if (this.trackLeaving === 1) this.leave(p);
    if (this.rec !== null) this.rec.exit(p, this.sim.now);
    this.stats.timeInSystem.add(this.sim.now - this.store.start(p)); // warm-up included, then cleared: see started
  }

  /** Patient p leaves the pathway early: discharged after not attending (clock stopped uncounted). */
  discharged(p: number): void {
    if (this.trackLeaving === 1) this.leave(p);
    if (this.rec !== null) this.rec.discharge(p, this.sim.now);
  }

  /** Patient p is turned away from full stage s (`places`) and leaves the pathway (clock stopped uncounted). */
  rejected(p: number, s: number): void {
    if (this.trackLeaving === 1) this.leave(p);
    if (this.rec !== null) this.rec.reject(p, s, this.sim.now);
  }

  /** Patient p did not attend the appointment given now (records only: the counts are run/losses.ts's). */
  missed(p: number): void {
    if (this.rec !== null) this.rec.dna(p, this.sim.now);
  }

  /** Patient p is back on stage s's list after a DNA: a new visit in the records. */
  rebooked(p: number, s: number): void {
    if (this.rec !== null) this.rec.join(p, s);
  }

  /** Patient p gives up waiting at stage s now. */
  abandoned(p: number, s: number): void {
    if (this.stats.measuring) {
      this.stats.abandonedAt[s]++;
      this.groups.abandon(p, s);
    }
    if (this.trackLeaving === 1) this.leave(p);
    if (this.rec !== null) this.rec.abandon(p, this.sim.now);
  }

  /** A missed patient comes back now: their clock restarts. */
  returned(p: number): void {
    const now = this.sim.now;
    this.store.restartClock(p, now, this.clocks.firstMask);
    if (this.rec !== null) this.rec.returned(p, now);
  }

  /** A sample time (after the statistics' own sample). */
  sampled(): void {
    if (this.incomplete !== null) this.incomplete.sample(this.store, this.clocks, this.sim.now);
  }

  /** The run's result at its end (the caller gives its counts and the run's identity). */
  result(counts: RunCounts, end: number, run: { seed: number; replication: number; events: number }): Omit<RunResult, 'manifest'> {
    if (this.rec !== null) this.rec.flush();
    const clocks = this.clocks;
    const still = clocks.stillBreached(end);
    if (this.incomplete !== null) this.incomplete.snapshot(this.store, clocks, end);
    if (this.perGroup === 0) this.groups.stagesFrom(this.stats.started, this.stats.waits);
    return this.stats.result(this.store, end, counts, clocks.met, clocks.breached, still, run, this.conds.result(end), this.groups.result(), this.incomplete);
  }

  /** Patient p leaves the pathway for good (a last exit or giving up). */
  private leave(p: number): void {
    if (this.clocks.hasTrueCase === 1) this.clocks.leave(p);
    if (this.store.cond(p) !== 0) this.conds.leave(p);
  }
}
