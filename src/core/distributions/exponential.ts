/**
 * `exponential`: memoryless, the gaps of a Poisson stream and the service of M/M/c.
 * @module
 */
import { EXPONENTIAL, fixedSampler, kernelSampler } from './kernel.js';
import { defineDistribution } from './types.js';

/**
 * Exponential with mean `mean`, by inverse transform: −mean · ln(1 − u).
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'exponential', mean: 2 }, 'service').variance; // 4
 * ```
 */
export const exponential = defineDistribution({
  name: 'exponential',
  forms: [{ required: { mean: 'duration' }, description: 'Exponential with mean `mean`.' }],
  compile: ({ num }) => {
    const m = num.mean!;
    return m === 0 ? fixedSampler(0, 'exponential') : kernelSampler('exponential', EXPONENTIAL, m, m * m, [m]);
  },
  treatment: () => 'exact',
});
