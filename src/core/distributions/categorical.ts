/**
 * `categorical`: an index, or one of `values`, by weight.
 * @module
 */
import { oneWeightPerValue } from './rules.js';
import { discreteSampler } from './kernel.js';
import { defineDistribution } from './types.js';

/**
 * Index i (or `values[i]`) with probability proportional to `weights[i]`; values are kept in
 * the order given (they need not be durations, and may be negative).
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'categorical', weights: [1, 3] }, 'x').mean; // 0.75
 * ```
 */
export const categorical = defineDistribution({
  name: 'categorical',
  forms: [
    {
      required: { weights: 'weights' },
      optional: { values: 'numbers' },
      description: 'Index i (or `values[i]`) with probability proportional to `weights[i]`.',
    },
  ],
  check: oneWeightPerValue,
  compile: ({ arr }) => {
    const weights = arr.weights!;
    const values = arr.values ?? weights.map((_, i) => i);
    return discreteSampler('categorical', values, weights);
  },
  treatment: () => 'approximation',
});
