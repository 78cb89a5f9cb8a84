/**
 * Distributions: one module per distribution (its fields and their checks, its compiled
 * sampler, how `analyse` treats it), a registry listing them, and the shared machinery
 * (validation, the sampling kernel, the schemas). `src/core/distributions.ts` re-exports this.
 * @module
 */
import { DISTRIBUTIONS, type DistributionName } from './registry.js';

export { MAX_ERLANG_K } from './params.js';
export { DISTRIBUTIONS, distributionDefinition, type DistributionName, type DistributionSpec } from './registry.js';
export { checkDistribution } from './validate.js';
export { compileDistribution, distributionMean, distributionAnalysis, type DistributionAnalysis } from './compile.js';
export { distributionJsonSchema, DistributionSchema } from './schema.js';
export { isSamplerObject, isValidSamplerObject, checkSamplerObject } from './sampler-object.js';
export { squaredCv } from './moments.js';
export {
  defineDistribution,
  type AnalyticTreatment,
  type DistributionDefinition,
  type Form,
  type Params,
  type Sampler,
  type SamplerObject,
} from './types.js';

/**
 * The distribution names, in documentation order.
 * @example
 * ```ts
 * import { DISTRIBUTION_NAMES } from 'carepath/kernel';
 * DISTRIBUTION_NAMES.slice(0, 4); // [ 'fixed', 'exponential', 'uniform', 'triangular' ]
 * DISTRIBUTION_NAMES.length; // 12
 * ```
 */
export const DISTRIBUTION_NAMES: readonly DistributionName[] = Object.freeze(DISTRIBUTIONS.map((d) => d.name));
