/**
 * `uniform`: equally likely anywhere between `min` and `max`.
 * @module
 */
import { describeValue } from '../errors.js';
import { fixedSampler, kernelSampler, UNIFORM } from './kernel.js';
import { defineDistribution } from './types.js';

/**
 * Uniform between `min` and `max` (min ≤ max), by inverse transform.
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'uniform', min: 1, max: 3 }, 'service').mean; // 2
 * ```
 */
export const uniform = defineDistribution({
  name: 'uniform',
  forms: [{ required: { min: 'duration', max: 'duration' }, description: 'Uniform between `min` and `max`.' }],
  check: ({ num }, spec, at) =>
    num.min! > num.max! ? [{ path: at('max'), message: `expected a value ≥ min (${num.min}), got ${describeValue(spec.max)}` }] : [],
  compile: ({ num }) => {
    const { min, max } = num as { min: number; max: number };
    if (min === max) return fixedSampler(min, 'uniform');
    return kernelSampler('uniform', UNIFORM, (min + max) / 2, (max - min) ** 2 / 12, [min, max - min]);
  },
  treatment: () => 'approximation',
});
