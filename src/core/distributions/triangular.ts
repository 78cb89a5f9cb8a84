/**
 * `triangular`: from `min` to `max` with its peak at `mode`, the usual "three-point estimate".
 * @module
 */
import { describeValue, type Issue } from '../errors.js';
import { fixedSampler, kernelSampler, TRIANGULAR } from './kernel.js';
import { defineDistribution } from './types.js';

/**
 * Triangular from `min` to `max` with its peak at `mode` (min ≤ mode ≤ max), by inverse transform.
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'triangular', min: 1, mode: 2, max: 6 }, 'service').mean; // 3
 * ```
 */
export const triangular = defineDistribution({
  name: 'triangular',
  forms: [
    {
      required: { min: 'duration', mode: 'duration', max: 'duration' },
      description: 'Triangular from `min` to `max` with its peak at `mode`.',
    },
  ],
  check: ({ num }, spec, at): Issue[] => {
    if (num.min! > num.max!) {
      return [{ path: at('max'), message: `expected a value ≥ min (${num.min}), got ${describeValue(spec.max)}` }];
    }
    if (num.mode! < num.min! || num.mode! > num.max!) {
      return [{
        path: at('mode'),
        message: `expected a value from min (${num.min}) to max (${num.max}), got ${describeValue(spec.mode)}`,
      }];
    }
    return [];
  },
  compile: ({ num }) => {
    const { min: a, mode: c, max: b } = num as { min: number; mode: number; max: number };
    if (a === b) return fixedSampler(a, 'triangular');
    const mean = (a + b + c) / 3;
    const variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    const params = [a, b, (c - a) / (b - a), (b - a) * (c - a), (b - a) * (b - c)];
    return kernelSampler('triangular', TRIANGULAR, mean, variance, params);
  },
  treatment: () => 'approximation',
});
