/**
 * Statistics over replications: Student t quantiles, metric summaries with t intervals, paired
 * differences. Descriptive statistics come from simple-statistics; it has no inverse t
 * distribution, so the quantile is computed here from the regularized incomplete beta function.
 * @module
 */
import { gammaln, mean as ssMean, sampleStandardDeviation } from 'simple-statistics';
import { normalQuantile } from '../core/special.js';
import type { Comparison, MetricSummary } from './types.js';

const EPS = 1e-15;
const TINY = 1e-300;

/** Continued fraction for the incomplete beta function (modified Lentz; Numerical Recipes `betacf`). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1.
 * @example regularizedBeta(0.5, 2, 2) // 0.5
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(lnFront);
  // The continued fraction converges fast only on this side of the mean; use symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * Cumulative distribution function of Student's t distribution with `df` degrees of freedom.
 * @example studentTCdf(2.262, 9) // ≈ 0.975
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

function studentTPdf(t: number, df: number): number {
  return Math.exp(
    gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/**
 * Quantile (inverse CDF) of Student's t distribution: the t with P(T ≤ t) = p.
 *
 * Newton's method on the CDF, started at the normal quantile. For p > 0.5 the CDF is concave on
 * t ≥ 0 and the normal quantile lies below the t quantile, so the iteration climbs monotonically
 * to the root without overshooting; p < 0.5 follows by symmetry. (simple-statistics' `probit`
 * is only good to about 3 decimals, so the normal quantile is Wichura's AS 241 from core.) `df = Infinity` gives the
 * normal quantile.
 * @example studentTQuantile(0.975, 9) // ≈ 2.2622
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile: p must be in [0, 1], got ${p}`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: df must be positive, got ${df}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const z = normalQuantile(p);
  if (df === Infinity) return z;
  let t = z;
  for (let i = 0; i < 500; i++) {
    const f = studentTPdf(t, df);
    if (f <= 0) break;
    const step = (studentTCdf(t, df) - p) / f;
    // Stay on t ≥ 0, where the CDF is concave and Newton cannot overshoot.
    const next = Math.max(0, t - step);
    if (!Number.isFinite(next) || next === t) break;
    t = next;
    if (Math.abs(step) <= 1e-14 * Math.max(1, Math.abs(t))) break;
  }
  return t;
}

/** Two-sided 95% half-width multiplier t(0.975, n − 1), cached per n because summaries repeat it. */
const t975 = new Map<number, number>();
function tTwoSided95(n: number): number {
  let v = t975.get(n);
  if (v === undefined) {
    v = studentTQuantile(0.975, n - 1);
    t975.set(n, v);
  }
  return v;
}

/**
 * Half-width of the two-sided 95% Student t interval for the mean of `n` values with sd `sd`.
 * @example
 * ```ts
 * import { halfWidth95 } from 'carepath/analysis';
 * halfWidth95(2, 10); // 1.4307138119413285 (t(0.975, 9) × 2 / √10)
 * halfWidth95(2, 1); // 0: one value says nothing about spread
 * ```
 */
export function halfWidth95(sd: number, n: number): number {
  return n < 2 ? 0 : (tTwoSided95(n) * sd) / Math.sqrt(n);
}

/**
 * Mean, sample sd, Student t 95% CI of the mean, min, max and n. With one value the sd is 0 and
 * the interval is [mean, mean] (no spread can be estimated from one replication).
 * @example summarise([1, 2, 3]).ci95 // [-0.484…, 4.484…]
 */
export function summarise(values: number[]): MetricSummary {
  const n = values.length;
  if (n === 0) throw new RangeError('summarise: no values');
  const mean = n === 1 ? values[0]! : ssMean(values);
  const sd = n === 1 ? 0 : sampleStandardDeviation(values);
  const h = halfWidth95(sd, n);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { mean, sd, ci95: [mean - h, mean + h], min, max, n };
}

/**
 * Paired comparison: the mean of `variant[i] − base[i]` with its Student t 95% CI. Pairing by
 * replication removes the noise both runs share (common random numbers).
 * @example
 * ```ts
 * import { pairedDifference } from 'carepath/analysis';
 * pairedDifference([12, 15, 11], [10, 12, 10]).meanDiff; // 2
 * ```
 */
export function pairedDifference(variant: number[], base: number[]): Comparison {
  if (variant.length !== base.length) throw new RangeError('pairedDifference: samples of different lengths');
  const diffs = variant.map((v, i) => v - base[i]!);
  const s = summarise(diffs);
  return { meanDiff: s.mean, sd: s.sd, ci95: s.ci95, n: s.n };
}

/**
 * One-sided lower confidence bound of the mean: mean − t(confidence, n − 1)·sd/√n. With one
 * value, or `confidence` 0.5, it is the mean itself.
 * @example
 * ```ts
 * import { lowerBound } from 'carepath/analysis';
 * const share = { mean: 0.9, sd: 0.05, ci95: [0.864, 0.936] as [number, number], min: 0.8, max: 1, n: 10 };
 * lowerBound(share, 0.95); // 0.8710159396224773: 95% sure the mean share is at least this
 * ```
 */
export function lowerBound(summary: MetricSummary, confidence: number): number {
  if (summary.n < 2 || confidence === 0.5) return summary.mean;
  return summary.mean - (studentTQuantile(confidence, summary.n - 1) * summary.sd) / Math.sqrt(summary.n);
}
