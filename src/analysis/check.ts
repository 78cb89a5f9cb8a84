/**
 * The referee inside every run: compare a simulation's mean waits with exact queueing theory
 * where theory is exact, and say so when they disagree.
 * @module
 */
import type { Model } from '../pathway/model.js';
import type { RunResult } from '../pathway/result.js';
import { analyseModel } from './analyse-model.js';
import { birthDeath } from './birth-death.js';
import type { StageAnalysis } from './types.js';

/**
 * Relative error always tolerated, however long the run: below this no warning is given.
 * @example
 * ```ts
 * import { REFEREE_MIN_TOLERANCE } from 'carepath/analysis';
 * REFEREE_MIN_TOLERANCE; // 0.2 (20%)
 * ```
 */
export const REFEREE_MIN_TOLERANCE = 0.2;
/**
 * Standard errors tolerated: beyond 5 SE a normal deviation happens about once in 1.7 million runs.
 * @example
 * ```ts
 * import { normalCdf } from 'carepath/kernel';
 * import { REFEREE_SE_MULTIPLE } from 'carepath/analysis';
 * REFEREE_SE_MULTIPLE; // 5
 * 2 * normalCdf(-REFEREE_SE_MULTIPLE); // 5.733031437846664e-7: the chance of a false alarm
 * ```
 */
export const REFEREE_SE_MULTIPLE = 5;
/**
 * The comparison is made only when the run is long enough to estimate the wait within this relative SE.
 * @example
 * ```ts
 * import { REFEREE_MAX_RELATIVE_SE } from 'carepath/analysis';
 * REFEREE_MAX_RELATIVE_SE; // 0.05 (5%)
 * ```
 */
export const REFEREE_MAX_RELATIVE_SE = 0.05;

/**
 * Asymptotic variance constant of the mean of successive waits in queue of an M/M/1 queue
 * (Blomqvist 1967; Whitt 1989, "Planning queueing simulations"): n·Var(mean of n waits) →
 * ρ(2 + 5ρ − 4ρ² + ρ³) / (μ²(1 − ρ)⁴).
 * @internal
 */
export function mm1WaitVarianceConstant(rho: number, mu: number): number {
  return (rho * (2 + 5 * rho - 4 * rho ** 2 + rho ** 3)) / (mu ** 2 * (1 - rho) ** 4);
}

/**
 * Relative standard error of one run's mean wait at an M/M/c stage: the M/M/1 variance constant
 * with the pooled service rate cμ (an over-estimate for c > 1, whose waits vary less — so the
 * referee errs towards not comparing rather than towards false alarms), over λ·T waits, relative
 * to the exact Erlang C wait.
 * @internal
 */
export function relativeStandardError(lambda: number, mu: number, c: number, wq: number, measuredDays: number): number {
  if (wq <= 0 || lambda <= 0 || measuredDays <= 0) return Infinity;
  const rho = lambda / (c * mu);
  return Math.sqrt(mm1WaitVarianceConstant(rho, c * mu) / (lambda * measuredDays)) / wq;
}

/** True when demand and capacity never change during the run (a steady state can exist). */
function stationary(model: Model): boolean {
  const flatSeason = (s: number[] | null) => s === null || s.every((x) => x === s[0]);
  return (
    model.arrivals.every((a) => a.changes.length === 0 && a.growthPerYear === 0 && flatSeason(a.seasonality)) &&
    model.stages.every((st) => st.capacity.length === 1)
  );
}

/**
 * Compares a run with exact theory at each stage where theory is exact and demand and capacity
 * are constant over the run, and returns a warning sentence for each stage that disagrees by
 * more than max(20%, 5 × the run's relative standard error):
 * - a first-come-first-served M/M/c stage in a product-form (Jackson) network: the mean wait
 *   against Erlang C, its noise from the M/M/1 variance constant (Blomqvist);
 * - a priority M/M/c stage (several classes, one service rate) and an M/M/c+M stage (patience,
 *   Erlang-A): the mean number waiting, whose law is a birth–death chain (for priority the same
 *   as in FIFO), against that chain's mean, with its exact time-average variance (Whitt 1992).
 * The comparison is made only when the run is long enough (relative standard error ≤ 5%, at least
 * 20 relaxation times measured, a warm-up or no initial list at that stage); otherwise nothing is
 * said. A warning means the model, the engine or the warm-up is wrong, not bad luck (see
 * docs/validation.md for the calibration). Decisions read the analysis's typed fields
 * (`wait.method`, `wait.exact`, `wait.exactFor`), never its wording.
 *
 * Pass it to `simulate(scenario, { checks: [checkAgainstTheory] })`.
 * @example
 * ```ts
 * import { loadScenario, resolveScenario, simulate } from 'carepath';
 * import { checkAgainstTheory } from 'carepath/analysis';
 * const model = resolveScenario(loadScenario('examples/scenarios/mm1.yaml'));
 * const result = simulate(model);
 * checkAgainstTheory(model, result); // []: the simulated mean wait agrees with Erlang C (9 days)
 * ```
 */
export function checkAgainstTheory(model: Model, result: RunResult): string[] {
  if (!stationary(model)) return [];
  let analysis;
  try {
    analysis = analyseModel(model, { phases: false });
  } catch {
    return []; // a model the analysis cannot solve has nothing to referee
  }
  const warnings: string[] = [];
  model.stages.forEach((st, s) => {
    const a = analysis.stages[st.id];
    const r = result.stages[st.id];
    if (!a || !r || !a.wait.exact || a.wait.mean === null || a.servers === null || r.wait.n === 0) return;
    const hasInitial = model.initial.some((g) => g.stage === s && g.count > 0);
    const w = a.wait;
    let warning: string | null = null;
    if (w.method === 'erlang-c' && w.exactFor === 'each-patient') warning = fifoWait(st.id, a, r, result, hasInitial);
    else if (w.method === 'erlang-c' && w.exactFor === 'mean-over-classes') warning = queueLength(st.id, a, r, result, hasInitial, 0, `M/M/${a.servers} (priority, all classes)`);
    else if (w.method === 'erlang-a' && a.patienceMean !== null && a.patienceMean > 0) {
      warning = queueLength(st.id, a, r, result, hasInitial, 1 / a.patienceMean, `M/M/${a.servers}+M (Erlang-A)`);
    }
    if (warning) warnings.push(warning);
  });
  return warnings;
}

/** FIFO M/M/c: the run's mean wait against Erlang C. */
function fifoWait(id: string, a: StageAnalysis, r: RunResult['stages'][string], result: RunResult, hasInitial: boolean): string | null {
  const wq = a.wait.mean!;
  if (wq <= 0) return null;
  const mu = 1 / a.serviceMean;
  const c = a.servers!;
  const lambda = a.arrivalRate;
  const rho = lambda / (c * mu);
  // Time for the queue to forget its start (M/M/1 relaxation time with the pooled rate cμ).
  const relaxation = 1 / (c * mu * (1 - Math.sqrt(rho)) ** 2);
  if (result.horizon < 20 * relaxation) return null;
  if (hasInitial && result.warmup < 10 * relaxation) return null;
  const relSe = relativeStandardError(lambda, mu, c, wq, result.horizon);
  if (relSe > REFEREE_MAX_RELATIVE_SE) return null;
  const tolerance = Math.max(REFEREE_MIN_TOLERANCE, REFEREE_SE_MULTIPLE * relSe);
  const relError = (r.wait.mean - wq) / wq;
  if (Math.abs(relError) <= tolerance) return null;
  return (
    `stage ${id}: the simulated mean wait ${r.wait.mean.toPrecision(4)} days differs from the exact ` +
    `M/M/${c} value ${wq.toPrecision(4)} days by ${(relError * 100).toFixed(0)}% ` +
    `(more than the ${(tolerance * 100).toFixed(0)}% this run length explains): the model, the engine or the warm-up is wrong`
  );
}

/**
 * The run's mean number waiting against the stationary mean of the birth–death chain of the
 * number in the stage (births λ, deaths min(n, c)μ + max(n − c, 0)θ), with the chain's exact
 * time-average variance; its relaxation time is the integrated autocorrelation time σ²/(2 Var).
 */
function queueLength(
  id: string,
  a: StageAnalysis,
  r: RunResult['stages'][string],
  result: RunResult,
  hasInitial: boolean,
  theta: number,
  label: string,
): string | null {
  const c = a.servers!;
  const mu = 1 / a.serviceMean;
  const lambda = a.arrivalRate;
  let chain;
  try {
    chain = birthDeath(() => lambda, (n) => Math.min(n, c) * mu + Math.max(n - c, 0) * theta, (n) => Math.max(n - c, 0));
  } catch {
    return null;
  }
  const lq = chain.mean;
  if (!(lq > 0)) return null;
  let variance = 0;
  chain.pi.forEach((p, n) => (variance += p * (Math.max(n - c, 0) - lq) ** 2));
  const relaxation = variance > 0 ? chain.timeAverageVariance / (2 * variance) : 0;
  if (result.horizon < 20 * relaxation) return null;
  if (hasInitial && result.warmup < 10 * relaxation) return null;
  const relSe = Math.sqrt(chain.timeAverageVariance / result.horizon) / lq;
  if (relSe > REFEREE_MAX_RELATIVE_SE) return null;
  const tolerance = Math.max(REFEREE_MIN_TOLERANCE, REFEREE_SE_MULTIPLE * relSe);
  const relError = (r.meanQueueLength - lq) / lq;
  if (Math.abs(relError) <= tolerance) return null;
  return (
    `stage ${id}: the simulated mean number waiting ${r.meanQueueLength.toPrecision(4)} differs from the exact ` +
    `${label} value ${lq.toPrecision(4)} by ${(relError * 100).toFixed(0)}% ` +
    `(more than the ${(tolerance * 100).toFixed(0)}% this run length explains): the model, the engine or the warm-up is wrong`
  );
}
