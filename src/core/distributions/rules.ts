/**
 * Rules across parameters that more than one distribution shares.
 * @module
 */
import { describeValue, type Issue } from '../errors.js';
import { isExponentialScv } from './moments.js';
import type { AnalyticTreatment, Params, Sampler } from './types.js';

/**
 * Mean 0 with a positive sd has no lognormal or gamma: refuse it at `mean`.
 * @internal
 * @example
 * ```ts
 * import { positiveMeanWithSd } from './rules.js';
 * positiveMeanWithSd({ num: { mean: 0, sd: 1 }, arr: {} }, { mean: 0 }, (k) => `s.${k}`)[0].path; // 's.mean'
 * ```
 */
export function positiveMeanWithSd(p: Params, spec: Readonly<Record<string, unknown>>, at: (key: string) => string): Issue[] {
  const { num } = p;
  if ('mean' in num && num.mean === 0 && num.sd! > 0) {
    return [{ path: at('mean'), message: `expected a positive mean when sd is positive, got ${describeValue(spec.mean)}` }];
  }
  return [];
}

/**
 * `exact` when a family that contains the exponential is at it (SCV 1: Erlang k = 1, gamma
 * shape 1), else `approximation`.
 * @internal
 * @example
 * ```ts
 * import type { Sampler } from 'carepath/kernel';
 * import { exactAtScvOne } from './rules.js';
 * exactAtScvOne({ num: {}, arr: {} }, { mean: 2, variance: 4 } as Sampler); // 'exact'
 * ```
 */
export function exactAtScvOne(_p: Params, s: Sampler): AnalyticTreatment {
  return isExponentialScv(s) ? 'exact' : 'approximation';
}

/**
 * When both `values` and `weights` are given, as many weights as values.
 * @internal
 * @example
 * ```ts
 * import { oneWeightPerValue } from './rules.js';
 * oneWeightPerValue({ num: {}, arr: { values: [1, 2], weights: [1] } }, { weights: [1] }, (k) => k)[0].path; // 'weights'
 * ```
 */
export function oneWeightPerValue(p: Params, spec: Readonly<Record<string, unknown>>, at: (key: string) => string): Issue[] {
  const { values, weights } = p.arr;
  if (values && weights && values.length !== weights.length) {
    return [{
      path: at('weights'),
      message: `expected ${values.length} weights, one per value, got ${weights.length}: ${describeValue(spec.weights)}`,
    }];
  }
  return [];
}
