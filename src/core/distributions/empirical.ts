/**
 * `empirical`: one of the observed `values`, optionally weighted.
 * @module
 */
import { oneWeightPerValue } from './rules.js';
import { discreteSampler } from './kernel.js';
import { defineDistribution } from './types.js';

/**
 * One of `values` (durations), with probabilities proportional to `weights` (equal if omitted).
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'empirical', values: ['1d', '3d'] }, 'service').mean; // 2
 * ```
 */
export const empirical = defineDistribution({
  name: 'empirical',
  forms: [
    {
      required: { values: 'durations' },
      optional: { weights: 'weights' },
      description: 'One of `values`, chosen with probabilities proportional to `weights` (equal when omitted).',
    },
  ],
  check: oneWeightPerValue,
  compile: ({ arr }) => {
    const values = arr.values!;
    const weights = arr.weights ?? values.map(() => 1);
    // Sorted by value so that a draw grows with its uniform (a monotone inverse CDF).
    const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]! || i - j);
    return discreteSampler('empirical', order.map((i) => values[i]!), order.map((i) => weights[i]!));
  },
  treatment: () => 'approximation',
});
