/**
 * `weibull`: shape and scale; shape 1 is the exponential.
 * @module
 */
import { describeValue } from '../errors.js';
import { logGamma } from '../special.js';
import { kernelSampler, WEIBULL } from './kernel.js';
import { isExponentialScv } from './moments.js';
import { defineDistribution } from './types.js';

/**
 * Weibull with shape `shape` and scale `scale`, by inverse transform.
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'weibull', shape: 1, scale: 4 }, 'service').mean; // 4
 * ```
 */
export const weibull = defineDistribution({
  name: 'weibull',
  forms: [
    { required: { shape: 'positive', scale: 'positiveDuration' }, description: 'Weibull with shape `shape` and scale `scale`.' },
  ],
  check: ({ num }, spec, at) => {
    const mean = num.scale! * Math.exp(logGamma(1 + 1 / num.shape!));
    if (Number.isFinite(mean)) return [];
    return [{ path: at('shape'), message: `expected a shape large enough for a finite mean, got ${describeValue(spec.shape)}` }];
  },
  compile: ({ num }) => {
    const { shape, scale } = num as { shape: number; scale: number };
    const g1 = Math.exp(logGamma(1 + 1 / shape));
    const g2 = Math.exp(logGamma(1 + 2 / shape));
    return kernelSampler('weibull', WEIBULL, scale * g1, scale * scale * (g2 - g1 * g1), [scale, 1 / shape]);
  },
  // Shape 1 is the exponential; the moments from logGamma are checked too, as before.
  treatment: ({ num }, s) => (num.shape === 1 && isExponentialScv(s) ? 'exact' : 'approximation'),
});
