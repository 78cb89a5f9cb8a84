/**
 * `normal`: a normal truncated at 0 (a duration cannot be negative).
 * @module
 */
import { normalCdf, normalPdf } from '../special.js';
import { fixedSampler, kernelSampler, TRUNCATED_NORMAL } from './kernel.js';
import { defineDistribution } from './types.js';

/**
 * Normal truncated at 0: `mean` and `sd` are of the normal before truncation; the sampler's
 * moments are those after it.
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'normal', mean: 1, sd: 1 }, 'service').mean; // 1.2875999709391783
 * ```
 */
export const normal = defineDistribution({
  name: 'normal',
  forms: [
    {
      required: { mean: 'duration', sd: 'duration' },
      description:
        'Normal with mean `mean` and standard deviation `sd`, truncated at 0 ' +
        '(so its mean is a little above `mean` when `sd` is large).',
    },
  ],
  compile: ({ num }) => {
    const { mean: mu, sd } = num as { mean: number; sd: number };
    if (sd === 0) return fixedSampler(mu, 'normal');
    // Truncated at 0: with α = −μ/σ, λ = φ(α)/(1 − Φ(α)), the mean is μ + σλ and the
    // variance σ²(1 + αλ − λ²).
    const alpha = -mu / sd;
    const above = normalCdf(-alpha);
    const lambda = normalPdf(alpha) / above;
    const mean = mu + sd * lambda;
    const variance = sd * sd * (1 + alpha * lambda - lambda * lambda);
    return kernelSampler('normal', TRUNCATED_NORMAL, mean, variance, [mu, sd, above]);
  },
  treatment: () => 'approximation',
});
