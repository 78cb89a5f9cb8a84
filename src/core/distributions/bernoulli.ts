/**
 * `bernoulli`: 1 with probability `p`, else 0.
 * @module
 */
import { BERNOULLI, kernelSampler } from './kernel.js';
import { defineDistribution } from './types.js';

/**
 * 1 with probability `p`, otherwise 0 (one uniform per draw: 1 when u < p).
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'bernoulli', p: 0.25 }, 'x').variance; // 0.1875
 * ```
 */
export const bernoulli = defineDistribution({
  name: 'bernoulli',
  forms: [{ required: { p: 'probability' }, description: '1 with probability `p`, otherwise 0.' }],
  compile: ({ num }) => {
    const p = num.p!;
    return kernelSampler('bernoulli', BERNOULLI, p, p * (1 - p), [p]);
  },
  treatment: () => 'approximation',
});
