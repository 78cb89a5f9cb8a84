/**
 * `lognormal`: given by the mean and sd of the variable itself, not of its logarithm.
 * @module
 */
import { fixedSampler, kernelSampler, LOGNORMAL } from './kernel.js';
import { positiveMeanWithSd } from './rules.js';
import { defineDistribution } from './types.js';

/**
 * Lognormal whose own mean and standard deviation are `mean` and `sd`, by inverse transform.
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'lognormal', mean: 14, sd: 5 }, 'service').variance; // 25
 * ```
 */
export const lognormal = defineDistribution({
  name: 'lognormal',
  forms: [
    {
      required: { mean: 'duration', sd: 'duration' },
      description: 'Lognormal whose own mean and standard deviation are `mean` and `sd` (not those of its logarithm).',
    },
  ],
  check: positiveMeanWithSd,
  compile: ({ num }) => {
    const { mean: m, sd: s } = num as { mean: number; sd: number };
    if (s === 0) return fixedSampler(m, 'lognormal');
    const sigma2 = Math.log1p((s * s) / (m * m));
    const mu = Math.log(m) - sigma2 / 2;
    return kernelSampler('lognormal', LOGNORMAL, m, s * s, [mu, Math.sqrt(sigma2)]);
  },
  treatment: () => 'approximation',
});
