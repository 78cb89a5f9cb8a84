/**
 * Leavers and the unfinished of one variant's replications: patients who gave up waiting (left
 * untreated), patients still waiting at the end, and whether a list grows, in total and per stage.
 * `runSweep` states them at every point, `seekCapacity` at every capacity it tries and may be
 * told to respect them (`maxLeft`, `noGrowth`).
 * @module
 */
import type { RunResult } from '../pathway/result.js';
import { studentTQuantile, summarise } from './stats.js';
import type { Leavers, MetricSummary, StageLeavers } from './types.js';

/**
 * Least-squares slope (patients per week) of a list over the second half of the measured period
 * (samples from the middle of the measured period to the end). The first half is left out so that a list that starts empty
 * and settles to a steady length does not look as if it grew; a list that keeps growing grows in
 * both halves. 0 when fewer than two samples fall in the window.
 */
function secondHalfSlope(day: readonly number[], list: readonly number[], warmup: number, end: number): number {
  const from = warmup + (end - warmup) / 2;
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < day.length; i++) {
    if (day[i]! < from - 1e-9) continue;
    n++;
    sx += day[i]!;
    sy += list[i]!;
  }
  if (n < 2) return 0;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < day.length; i++) {
    if (day[i]! < from - 1e-9) continue;
    sxy += (day[i]! - mx) * (list[i]! - my);
    sxx += (day[i]! - mx) ** 2;
  }
  return sxx > 0 ? (7 * sxy) / sxx : 0;
}

/** Least samples in the second half of the measured period for a growth that means something. */
export const MIN_GROWTH_SAMPLES = 4;

/**
 * Samples of a run's lists in the second half of its measured period: the points the growth per
 * week is fitted to (see {@link leaversOf}).
 * @internal
 */
export function growthSamples(run: RunResult): number {
  const from = run.warmup + (run.end - run.warmup) / 2;
  return run.series.day.filter((d) => d >= from - 1e-9).length;
}

/** Patients who came to the pathway in a run: new arrivals plus those waiting at day 0. */
function came(run: RunResult): number {
  return run.patients.arrived + run.patients.initial;
}

/**
 * Leavers and the unfinished over replications, each a summary over the runs (mean, sd, 95% CI):
 * `left` = patients who gave up waiting over the whole run (`patients.abandoned`), `leftShare` =
 * `left` ÷ patients who came (arrivals plus those waiting at day 0), `waitingAtEnd` = patients on
 * any list at the end, `growthPerWeek` = the slope of the whole list over the second half of the
 * measured period; per stage the same for the stage's list (its `left` counts the measured
 * period, as `stages.S.abandoned` does).
 * @example
 * ```ts
 * import { parseScenario, runExperimentSync } from 'carepath';
 * import { leaversOf } from 'carepath/analysis';
 * const clinic = parseScenario({
 *   version: 1, name: 'clinic', horizon: 100,
 *   arrivals: { referrals: { to: 'clinic', rate: { perDay: 10 } } },
 *   stages: { clinic: { capacity: 9, service: { dist: 'exponential', mean: 1 }, patience: { dist: 'exponential', mean: 2 } } },
 * });
 * const l = leaversOf(runExperimentSync(clinic, { replications: 2 }).variants.base!.replications);
 * l.leftShare.mean > 0.1; // true: at 111% load about 15% give up waiting (Erlang-A)
 * l.stages.clinic!.left.mean === l.left.mean; // true: one stage, no warm-up
 * ```
 */
export function leaversOf(runs: readonly RunResult[]): Leavers {
  if (runs.length === 0) throw new RangeError('leaversOf: no runs');
  const stage = (s: string): StageLeavers => ({
    left: summarise(runs.map((r) => r.stages[s]?.abandoned ?? 0)),
    waitingAtEnd: summarise(runs.map((r) => r.stages[s]?.waitingAtEnd ?? 0)),
    growthPerWeek: summarise(runs.map((r) => secondHalfSlope(r.series.day, r.series.byStage[s] ?? [], r.warmup, r.end))),
  });
  return {
    left: summarise(runs.map((r) => r.patients.abandoned)),
    leftShare: summarise(runs.map((r) => (came(r) > 0 ? r.patients.abandoned / came(r) : 0))),
    waitingAtEnd: summarise(runs.map((r) => r.patients.waiting)),
    growthPerWeek: summarise(runs.map((r) => secondHalfSlope(r.series.day, r.series.waiting, r.warmup, r.end))),
    stages: Object.fromEntries(Object.keys(runs[0]!.stages).map((s) => [s, stage(s)])),
  };
}

/**
 * One-sided upper confidence bound of the mean: mean + t(confidence, n − 1)·sd/√n (the mean itself
 * with one value or `confidence` 0.5). The mirror of `lowerBound`: "95% sure the mean is at most this".
 * @example
 * ```ts
 * import { upperBound } from 'carepath/analysis';
 * upperBound({ mean: 0.04, sd: 0.01, ci95: [0.033, 0.047], min: 0.03, max: 0.05, n: 10 }, 0.95); // ≈ 0.0458
 * ```
 */
export function upperBound(summary: MetricSummary, confidence: number): number {
  if (summary.n < 2 || confidence === 0.5) return summary.mean;
  return summary.mean + (studentTQuantile(confidence, summary.n - 1) * summary.sd) / Math.sqrt(summary.n);
}
