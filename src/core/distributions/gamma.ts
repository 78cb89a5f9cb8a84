/**
 * `gamma`: given by mean and sd, or by shape and scale.
 * @module
 */
import { describeValue } from '../errors.js';
import { fixedSampler, gammaSampler } from './kernel.js';
import { exactAtScvOne, positiveMeanWithSd } from './rules.js';
import { defineDistribution } from './types.js';

/**
 * Gamma with mean `mean` and sd `sd`, or shape `shape` and scale `scale` (mean shape × scale).
 * Small integer shapes multiply uniforms; others use Marsaglia–Tsang (a variable number of
 * uniforms per draw).
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'gamma', shape: 2, scale: 3 }, 'service').mean; // 6
 * ```
 */
export const gamma = defineDistribution({
  name: 'gamma',
  forms: [
    { required: { mean: 'duration', sd: 'duration' }, description: 'Gamma with mean `mean` and standard deviation `sd`.' },
    {
      required: { shape: 'positive', scale: 'positiveDuration' },
      description: 'Gamma with shape `shape` and scale `scale` (mean shape × scale).',
    },
  ],
  pickForm: (spec) => {
    const hasMoment = 'mean' in spec || 'sd' in spec;
    const hasShape = 'shape' in spec || 'scale' in spec;
    if (hasMoment && hasShape) {
      return `a gamma distribution takes either mean and sd, or shape and scale, not both; got ${describeValue(spec)}`;
    }
    return hasShape ? 1 : 0;
  },
  check: positiveMeanWithSd,
  compile: ({ num }) => {
    if ('shape' in num) return gammaSampler(num.shape!, num.scale!);
    const { mean: m, sd: s } = num as { mean: number; sd: number };
    if (s === 0) return fixedSampler(m, 'gamma');
    return gammaSampler((m * m) / (s * s), (s * s) / m);
  },
  treatment: exactAtScvOne,
});
