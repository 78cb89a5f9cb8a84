/**
 * Fieller's confidence interval for a ratio of two means, as used for an incremental
 * cost-effectiveness ratio (Willan & O'Brien 1996): analytic, so deterministic, and honest when
 * the denominator's interval reaches zero (then the set is unbounded, not a wide finite range).
 * @module
 */
import { studentTQuantile } from './stats.js';

/**
 * A confidence set for a ratio: an interval, the real line outside an interval (two rays, when
 * the denominator is not clearly away from 0 but the numerator is), or everything.
 */
export type RatioInterval =
  | { kind: 'interval'; lower: number; upper: number }
  | { kind: 'outside'; lower: number; upper: number }
  | { kind: 'unbounded' };

/**
 * Fieller's 95% confidence set for `mean(x) / mean(y)` from paired samples (x[i] with y[i]):
 * the ratios R for which mean(x) − R·mean(y) is not significantly different from 0 at the
 * two-sided 5% level with Student t on n − 1 degrees of freedom. With fewer than two pairs the
 * set is `unbounded` (no spread can be estimated).
 * @example
 * ```ts
 * import { fiellerInterval } from 'carepath/analysis';
 * const set = fiellerInterval([100, 120, 140, 160], [1, 1.1, 1.2, 1.3]);
 * set.kind; // 'interval': the effect is clearly positive, so the ratio is bounded
 * ```
 */
export function fiellerInterval(x: readonly number[], y: readonly number[], confidence = 0.95): RatioInterval {
  const n = x.length;
  if (n !== y.length) throw new RangeError('fiellerInterval: samples of different lengths');
  if (n < 2) return { kind: 'unbounded' };
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // Variances and covariance of the two means.
  const vxx = sxx / (n - 1) / n;
  const vyy = syy / (n - 1) / n;
  const vxy = sxy / (n - 1) / n;
  const t = studentTQuantile(1 - (1 - confidence) / 2, n - 1);
  const t2 = t * t;
  // (my² − t²vyy)R² − 2(mx·my − t²vxy)R + (mx² − t²vxx) ≤ 0
  const a = my * my - t2 * vyy;
  const b = mx * my - t2 * vxy;
  const c = mx * mx - t2 * vxx;
  const disc = b * b - a * c;
  if (a > 0) {
    if (disc < 0) return { kind: 'unbounded' }; // cannot happen with a > 0 in exact arithmetic
    const root = Math.sqrt(disc);
    return { kind: 'interval', lower: (b - root) / a, upper: (b + root) / a };
  }
  if (disc <= 0 || a === 0) return { kind: 'unbounded' };
  const root = Math.sqrt(disc);
  const r1 = (b - root) / a;
  const r2 = (b + root) / a;
  return { kind: 'outside', lower: Math.min(r1, r2), upper: Math.max(r1, r2) };
}
