/**
 * The statistics of a run: counts per stage, waits, time averages, the waiting-list series,
 * the warm-up reset, and the final {@link RunResult}.
 * @module
 */
import { WaitHistogram } from '../histogram.js';
import type { Model } from '../model.js';
import { AWAY, IN_SERVICE, REBOOKING, WAITING, type PatientStore } from '../patients.js';
import type { RunResult, StageResult, TargetResult } from '../result.js';
import type { Simulation } from '../../core/simulation.js';
import { CAP_SERVERS, type Capacity } from './capacity.js';
import type { IncompleteMeasures } from './incomplete.js';

/** Patient counts over the whole run, kept by the engine. */
export interface RunCounts {
  arrived: number;
  initial: number;
  exited: number;
  abandoned: number;
}

/** Collects the measured statistics of one run. */
export class Statistics {
  /** False during the warm-up. */
  measuring: boolean;
  readonly entered: Float64Array;
  readonly started: Float64Array;
  readonly completed: Float64Array;
  readonly abandonedAt: Float64Array;
  readonly waits: WaitHistogram[];
  readonly timeInSystem = new WaitHistogram();
  private readonly qArea: Float64Array;
  private readonly lastT: Float64Array;
  private readonly waitingAtMeasureStart: Float64Array;
  private readonly seriesDay: number[] = [];
  private readonly seriesWaiting: number[] = [];
  private readonly seriesByStage: number[][];

  /**
   * @param waiting the engine's live count of patients waiting per stage (read, never written).
   */
  constructor(
    private readonly m: Model,
    private readonly sim: Simulation,
    private readonly waiting: Int32Array,
    private readonly capacity: Capacity,
  ) {
    const S = m.stages.length;
    this.measuring = m.warmup === 0;
    this.entered = new Float64Array(S);
    this.started = new Float64Array(S);
    this.completed = new Float64Array(S);
    this.abandonedAt = new Float64Array(S);
    this.qArea = new Float64Array(S);
    this.lastT = new Float64Array(S);
    this.waitingAtMeasureStart = new Float64Array(S);
    this.waits = m.stages.map(() => new WaitHistogram());
    this.seriesByStage = m.stages.map(() => []);
  }

  /**
   * Accumulates the time-weighted areas of stage s up to now. Call before its state changes.
   * Takes no time argument: a double passed to a call V8 does not inline is boxed in a fresh
   * heap number, garbage on every event (the calls below are small enough to be inlined).
   */
  touch(s: number): void {
    const now = this.sim.now;
    const dt = now - this.lastT[s]!;
    if (dt > 0) {
      this.qArea[s] += this.waiting[s]! * dt;
      const c = this.capacity.state;
      if (c.kind[s] === CAP_SERVERS) {
        // serversPolicy.accrue written out: `dt` passed to a call V8 does not inline is a fresh heap
        // number. (Calling one shared function instead measured 3–10% slower on tandem-1e6.)
        const n = c.servers[s]!;
        const b = c.busy[s]!;
        c.offered[s] += n * dt;
        c.busyArea[s] += b * dt;
        if (b > n) c.overtime[s] += (b - n) * dt;
      } else this.capacity.accrue(s, dt);
      this.lastT[s] = now;
    }
  }

  /** One point of the waiting-list series. */
  sample(now: number, totalWaiting: number): void {
    this.seriesDay.push(now);
    this.seriesWaiting.push(totalWaiting);
    for (let s = 0; s < this.seriesByStage.length; s++) this.seriesByStage[s]!.push(this.waiting[s]!);
  }

  /**
   * The end of the warm-up: areas restart from zero, and so do the counts and waits that the
   * hot path keeps from the start (entered, started, completed, waits, time in the system).
   */
  startMeasuring(): void {
    this.timeInSystem.reset();
    for (let s = 0; s < this.m.stages.length; s++) {
      this.entered[s] = 0;
      this.started[s] = 0;
      this.completed[s] = 0;
      this.waits[s]!.reset();
      this.touch(s);
      this.qArea[s] = 0;
      this.capacity.state.resetAreas(s);
      this.waitingAtMeasureStart[s] = this.waiting[s]!;
    }
    this.measuring = true;
  }

  /** The run's result at its end, `end`; `stillBreached` comes from the target clocks. */
  result(
    store: PatientStore,
    end: number,
    counts: RunCounts,
    targetsMet: Float64Array,
    targetsBreached: Float64Array,
    stillBreached: Float64Array,
    run: { seed: number; replication: number; events: number },
    conditions: RunResult['conditions'],
    breakdown: RunResult['breakdown'],
    incomplete: IncompleteMeasures | null,
  ): Omit<RunResult, 'manifest'> {
    const m = this.m;
    const S = m.stages.length;
    if (m.warmup === 0) {
      // Measured from day 0: the list at the start is the initial backlog.
      for (const g of m.initial) this.waitingAtMeasureStart[g.stage] += g.count;
    }
    for (let s = 0; s < S; s++) this.touch(s); // the clock stands at the end
    // Who is where at the end, counted from the store itself (an independent check of the
    // engine's running counts: conservation must hold).
    let waiting = 0;
    let inService = 0;
    let away = 0;
    for (let p = 0; p < store.highWater; p++) {
      const state = store.state(p);
      if (state === WAITING) waiting++;
      else if (state === IN_SERVICE) inService++;
      else if (state === AWAY || state === REBOOKING) away++;
    }

    const horizon = m.horizon;
    const stages: Record<string, StageResult> = Object.create(null); // ids are keys: no prototype to collide with
    const warnings: string[] = [];
    m.stages.forEach((st, s) => {
      stages[st.id] = {
        entered: this.entered[s]!,
        started: this.started[s]!,
        completed: this.completed[s]!,
        abandoned: this.abandonedAt[s]!,
        waitingAtEnd: this.waiting[s]!,
        wait: this.waits[s]!.summary(),
        utilisation: this.capacity.utilisation(s, m.warmup, end),
        overtime: this.capacity.state.overtime[s]!,
        meanQueueLength: horizon > 0 ? this.qArea[s]! / horizon : 0,
        throughputPerDay: horizon > 0 ? this.completed[s]! / horizon : 0,
      };
      const growth = this.waiting[s]! - this.waitingAtMeasureStart[s]!;
      if (growth > Math.max(20, 0.05 * this.entered[s]!)) {
        warnings.push(
          `stage "${st.id}" looks unstable: its waiting list grew from ${this.waitingAtMeasureStart[s]} to ` +
            `${this.waiting[s]} (${((growth / horizon) * 7).toFixed(1)} a week); demand exceeds capacity`,
        );
      }
    });
    const targets: Record<string, TargetResult> = Object.create(null); // ids are keys: no prototype to collide with
    m.targets.forEach((t, i) => {
      const met = targetsMet[i]!;
      const breached = targetsBreached[i]! + stillBreached[i]!;
      const counted = met + breached;
      targets[t.id] = {
        met,
        breached,
        share: counted > 0 ? met / counted : 0,
        goal: t.goal,
        breachedStillWaiting: stillBreached[i]!,
        counted,
      };
    });
    // Targets on incomplete pathways: the list at the end, within and beyond the standard.
    incomplete?.targets.forEach((t, i) => {
      const met = incomplete.lastWithin[i]!;
      const breached = incomplete.lastBeyond[i]!;
      Object.assign(targets[m.targets[t]!.id]!, { met, breached, share: met + breached > 0 ? met / (met + breached) : 0, breachedStillWaiting: breached, counted: met + breached });
    });
    const byStage: Record<string, number[]> = Object.create(null); // ids are keys: no prototype to collide with
    m.stages.forEach((st, s) => (byStage[st.id] = this.seriesByStage[s]!));
    return {
      scenario: m.name,
      variant: m.variant,
      seed: run.seed,
      replication: run.replication,
      warmup: m.warmup,
      horizon,
      end,
      patients: {
        arrived: counts.arrived,
        initial: counts.initial,
        exited: counts.exited,
        abandoned: counts.abandoned,
        inSystem: waiting + inService + away,
        waiting,
        inService,
        away,
      },
      stages,
      timeInSystem: this.timeInSystem.summary(),
      targets,
      conditions,
      breakdown,
      series: { day: this.seriesDay, waiting: this.seriesWaiting, byStage, ...(incomplete ? { measures: incomplete.series } : {}) },
      events: run.events,
      warnings,
    };
  }
}
