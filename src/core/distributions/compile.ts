/**
 * Compiling a spec (or passing a sampler object through) and what the analysis may do with it.
 * @module
 */
import { ValidationError, type Issue } from '../errors.js';
import { functionSampler } from './kernel.js';
import { squaredCv } from './moments.js';
import type { DistributionSpec } from './registry.js';
import type { AnalyticTreatment, Sampler } from './types.js';
import { resolveSpec, type ResolvedSpec } from './validate.js';

/**
 * The `dist` a sampler object's compiled form reports.
 * @internal
 * @example
 * ```ts
 * import { compileDistribution, SAMPLER_OBJECT_DIST } from './compile.js';
 * compileDistribution({ sample: () => 1 }, 'service').dist === SAMPLER_OBJECT_DIST; // true ('sampler')
 * ```
 */
export const SAMPLER_OBJECT_DIST = 'sampler';

function resolveOrThrow(spec: unknown, path: string): ResolvedSpec {
  const issues: Issue[] = [];
  const r = resolveSpec(spec, path, issues);
  if (r === undefined) throw new ValidationError(issues, path ? `invalid distribution at ${path}` : 'invalid distribution');
  return r;
}

function samplerOf(r: ResolvedSpec): Sampler {
  // A sampler object is wrapped, not returned as it is: the engine's call site then sees one
  // class for every distribution (see kernel.ts); the wrapper calls the object's own `sample`.
  return r.kind === 'sampler' ? functionSampler(SAMPLER_OBJECT_DIST, r.sampler) : r.def.compile(r.params);
}

/**
 * Validates a spec and compiles it into a {@link Sampler}. A sampler object (any object with a
 * `sample(rng)` method, from code) is checked and passed through: its draws are its own, and
 * its `mean` and `variance` are NaN when it does not give them.
 * @param path Where the spec is, for error messages (e.g. `stages.ct.service`).
 * @throws ValidationError listing every problem, each naming its path, the value and what was
 *   expected, e.g. `stages.ct.service.mean: expected a non-negative duration, got -3`.
 * @example
 * ```ts
 * import { compileDistribution, RandomStreams } from 'carepath/kernel';
 * const service = compileDistribution({ dist: 'erlang', k: 3, mean: 6 }, 'stages.ct.service');
 * [service.mean, service.variance]; // [ 6, 12 ]
 * service.sample(new RandomStreams(2026).stream('service/ct')); // 2.7438393960725214
 * compileDistribution({ sample: () => 0.5, mean: 0.5, variance: 0 }, 'stages.ct.service').sample(Math.random); // 0.5
 * ```
 */
export function compileDistribution(spec: unknown, path: string): Sampler {
  return samplerOf(resolveOrThrow(spec, path));
}

/**
 * Theoretical mean of a distribution (for the truncated normal, the mean after truncation;
 * NaN for a sampler object that does not give one).
 * @throws ValidationError if the spec is invalid.
 * @example
 * ```ts
 * import { distributionMean } from 'carepath/kernel';
 * distributionMean({ dist: 'triangular', min: 1, mode: 2, max: 6 }); // 3
 * distributionMean('36h'); // 1.5
 * distributionMean({ dist: 'normal', mean: 1, sd: 1 }); // 1.2875999709391783 (truncated at 0)
 * ```
 */
export function distributionMean(spec: DistributionSpec): number {
  return compileDistribution(spec, '').mean;
}

/** What the queueing analysis reads from a distribution. */
export interface DistributionAnalysis {
  /** Mean (NaN when unknown). */
  mean: number;
  /** Variance ÷ mean² (0 when the mean is 0; NaN when unknown). */
  scv: number;
  /** Exact M/M/c formulas, an approximation from the moments, or simulation only. */
  treatment: AnalyticTreatment;
}

/**
 * How `analyse` may treat a distribution as a service time: its mean, squared coefficient of
 * variation (for Allen–Cunneen and Kingman) and whether exact M/M/c formulas apply. Each
 * registered distribution decides its treatment; a sampler object is an approximation when it
 * gives a mean and a variance, and simulate-only otherwise.
 * @throws ValidationError if the spec is invalid.
 * @example
 * ```ts
 * import { distributionAnalysis } from 'carepath/kernel';
 * distributionAnalysis({ dist: 'exponential', mean: 2 }, 'service'); // { mean: 2, scv: 1, treatment: 'exact' }
 * distributionAnalysis({ dist: 'erlang', k: 4, mean: 2 }, 'service'); // { mean: 2, scv: 0.25, treatment: 'approximation' }
 * distributionAnalysis({ sample: () => 1 }, 'service').treatment; // 'simulate-only'
 * ```
 */
export function distributionAnalysis(spec: unknown, path: string): DistributionAnalysis {
  const r = resolveOrThrow(spec, path);
  const s = samplerOf(r);
  const scv = squaredCv(s);
  let treatment: AnalyticTreatment;
  if (r.kind === 'registered') treatment = r.def.treatment(r.params, s);
  else treatment = Number.isFinite(s.mean) && Number.isFinite(scv) ? 'approximation' : 'simulate-only';
  return { mean: s.mean, scv, treatment };
}
