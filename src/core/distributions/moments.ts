/**
 * Moments as the queueing analysis reads them.
 * @module
 */
import type { Sampler } from './types.js';

/**
 * Variance ÷ mean² (0 when the mean is 0 or less; NaN when either moment is unknown).
 * @example
 * ```ts
 * import { squaredCv } from 'carepath/kernel';
 * squaredCv({ mean: 2, variance: 4 }); // 1
 * ```
 */
export function squaredCv(s: Pick<Sampler, 'mean' | 'variance'>): number {
  return s.mean > 0 ? s.variance / (s.mean * s.mean) : Number.isNaN(s.mean) ? NaN : 0;
}

/**
 * True when the SCV is 1 to rounding (1e-12): an Erlang, gamma or Weibull at the parameter that
 * makes it exponential.
 * @internal
 * @example
 * ```ts
 * import { isExponentialScv } from './moments.js';
 * isExponentialScv({ mean: 3, variance: 9 }); // true
 * ```
 */
export function isExponentialScv(s: Pick<Sampler, 'mean' | 'variance'>): boolean {
  return Math.abs(squaredCv(s) - 1) <= 1e-12;
}
