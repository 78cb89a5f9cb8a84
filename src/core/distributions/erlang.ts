/**
 * `erlang`: the sum of `k` exponential phases.
 * @module
 */
import { ERLANG, fixedSampler, kernelSampler } from './kernel.js';
import { exactAtScvOne } from './rules.js';
import { defineDistribution } from './types.js';

/**
 * Erlang with `k` phases (integer 1 … MAX_ERLANG_K) and total mean `mean`: exactly `k`
 * uniforms per draw.
 * @example
 * ```ts
 * import { compileDistribution } from 'carepath/kernel';
 * compileDistribution({ dist: 'erlang', k: 3, mean: 6 }, 'service').variance; // 12
 * ```
 */
export const erlang = defineDistribution({
  name: 'erlang',
  forms: [
    { required: { k: 'count', mean: 'duration' }, description: 'Erlang: the sum of `k` exponential phases, total mean `mean`.' },
  ],
  compile: ({ num }) => {
    const { k, mean: m } = num as { k: number; mean: number };
    if (m === 0) return fixedSampler(0, 'erlang');
    return kernelSampler('erlang', ERLANG, m, (m * m) / k, [k, m / k]);
  },
  treatment: exactAtScvOne,
});
