/**
 * The sampling kernel: one class for every built-in distribution, so the call site
 * `sampler.sample(rng)` in the engine stays monomorphic however many distributions a model
 * uses. A distribution module compiles its parameters into one of these with the constructors
 * at the end ({@link fixedSampler}, {@link gammaSampler}, {@link discreteSampler},
 * {@link kernelSampler}); a distribution without an inline formula here (a new one, or a
 * sampler object from code) goes through {@link functionSampler}, which keeps the same class.
 *
 * The formulas and the number of uniforms each draw takes are what the result digests pin:
 * change them and every stored result changes.
 * @module
 */
import type { Rng } from '../random.js';
import { normalQuantile } from '../special.js';
import type { Sampler, SamplerObject } from './types.js';

/** Kernel codes: which formula `sample` uses. */
export const FIXED = 0;
export const EXPONENTIAL = 1;
export const UNIFORM = 2;
export const TRIANGULAR = 3;
export const TRUNCATED_NORMAL = 4;
export const LOGNORMAL = 5;
export const GAMMA = 6;
export const ERLANG = 7;
export const WEIBULL = 8;
export const DISCRETE = 9;
export const BERNOULLI = 10;
/** Delegates to a sampler object (a distribution without an inline formula). */
export const DELEGATE = 11;

/** Normal quantile stand-in for u = 0: half of Alea's resolution, so the result is finite. */
const U_FLOOR = 2 ** -33;
/** Below this, a running product of uniforms is folded into a log to avoid underflow. */
const TINY = 1e-280;
/** Integer gamma shapes up to this use the product of uniforms (a fixed number per draw). */
const MAX_PRODUCT_SHAPE = 16;

/**
 * One class for every distribution, switching on a small integer, so the call site
 * `sampler.sample(rng)` in a model stays monomorphic however many distributions it uses.
 */
class CompiledDistribution implements Sampler {
  readonly dist: string;
  readonly mean: number;
  readonly variance: number;
  private readonly code: number;
  private readonly a: number;
  private readonly b: number;
  private readonly c: number;
  private readonly d: number;
  private readonly e: number;
  private readonly cumulative: Float64Array;
  private readonly outcomes: Float64Array;
  /** For DELEGATE only; every instance has the field so all share one hidden class. */
  private readonly delegate: SamplerObject;

  constructor(
    dist: string,
    code: number,
    mean: number,
    variance: number,
    params: number[] = [],
    cumulative?: Float64Array,
    outcomes?: Float64Array,
    delegate?: SamplerObject,
  ) {
    this.dist = dist;
    this.code = code;
    this.mean = mean;
    this.variance = variance;
    this.a = params[0] ?? 0;
    this.b = params[1] ?? 0;
    this.c = params[2] ?? 0;
    this.d = params[3] ?? 0;
    this.e = params[4] ?? 0;
    this.cumulative = cumulative ?? EMPTY;
    this.outcomes = outcomes ?? EMPTY;
    this.delegate = delegate ?? NO_DELEGATE;
  }

  sample(rng: Rng): number {
    switch (this.code) {
      case FIXED:
        return this.a;
      case EXPONENTIAL:
        return -this.a * Math.log(1 - rng());
      case UNIFORM:
        return this.a + rng() * this.b;
      case TRIANGULAR: {
        // a = min, b = max, c = (mode − min)/(max − min), d = (max − min)(mode − min), e = (max − min)(max − mode)
        const u = rng();
        return u < this.c ? this.a + Math.sqrt(u * this.d) : this.b - Math.sqrt((1 - u) * this.e);
      }
      case TRUNCATED_NORMAL: {
        // a = mean, b = sd, c = P(X > 0). Inverse CDF of the part above 0, read from the upper
        // tail so that 1 − u (never 0) is what meets the quantile: x = μ − σ Φ⁻¹(c (1 − u)).
        // When nearly all the mass is above 0, c rounds to 1 and u = 0 would give q = 1, an
        // infinite quantile: take 1 − 2^-33 there, as for an untruncated normal.
        const q = this.c * (1 - rng());
        const x = this.a - this.b * normalQuantile(q < 1 ? q : 1 - U_FLOOR);
        return x > 0 ? x : 0;
      }
      case LOGNORMAL: {
        const u = rng();
        return Math.exp(this.a + this.b * normalQuantile(u > 0 ? u : U_FLOOR));
      }
      case GAMMA:
        return this.gamma(rng);
      case ERLANG: {
        // a = k, b = scale (mean / k)
        let product = 1;
        let logSum = 0;
        for (let i = 0; i < this.a; i++) {
          product *= 1 - rng();
          if (product < TINY) {
            logSum += Math.log(product);
            product = 1;
          }
        }
        return -this.b * (logSum + Math.log(product));
      }
      case WEIBULL:
        // a = scale, b = 1 / shape
        return this.a * Math.pow(-Math.log(1 - rng()), this.b);
      case DISCRETE: {
        // Inverse CDF by binary search: the first i whose cumulative weight exceeds u × total.
        const cumulative = this.cumulative;
        const target = rng() * this.a;
        let lo = 0;
        let hi = cumulative.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cumulative[mid]! > target) hi = mid;
          else lo = mid + 1;
        }
        // If rounding put the target at the total, lo is the last index; b is the last
        // index with a positive weight, so a zero weight is never chosen.
        return this.outcomes[lo < this.b ? lo : this.b]!;
      }
      case BERNOULLI:
        return rng() < this.a ? 1 : 0;
      case DELEGATE:
        return this.delegate.sample(rng);
      default:
        throw new Error(`unknown sampler code ${this.code}`);
    }
  }

  /** Marsaglia–Tsang. a = shape, b = scale; c = d, d = 1/sqrt(9d) for shape' = max(shape, shape + 1). */
  private gamma(rng: Rng): number {
    const dd = this.c;
    const cc = this.d;
    for (;;) {
      const u0 = rng();
      const z = normalQuantile(u0 > 0 ? u0 : U_FLOOR);
      const t = 1 + cc * z;
      if (t <= 0) continue;
      const v = t * t * t;
      const u = 1 - rng(); // in (0, 1]
      const z2 = z * z;
      if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + dd * (1 - v + Math.log(v))) {
        let x = dd * v;
        // Shape < 1: G(shape) = G(shape + 1) · U^(1/shape).
        if (this.a < 1) x *= Math.pow(1 - rng(), 1 / this.a);
        return x * this.b;
      }
    }
  }
}

const EMPTY = new Float64Array(0);
const NO_DELEGATE: SamplerObject = { sample: () => NaN };

/**
 * A sampler drawn by one of the kernel's inline formulas (`code`), with its parameters in the
 * order that formula reads them (see the comments in `sample`).
 * @internal
 * @example
 * ```ts
 * import { EXPONENTIAL, kernelSampler } from './kernel.js';
 * const s = kernelSampler('exponential', EXPONENTIAL, 2, 4, [2]); // mean 2
 * s.sample(() => 0.5); // 1.3862943611198906 = −2 ln(0.5)
 * ```
 */
export function kernelSampler(dist: string, code: number, mean: number, variance: number, params: number[]): Sampler {
  return new CompiledDistribution(dist, code, mean, variance, params);
}

/**
 * Always `value` (no uniform drawn); `dist` names the family it degenerated from (a uniform
 * with min = max is still reported as `uniform`).
 * @internal
 * @example
 * ```ts
 * import { fixedSampler } from './kernel.js';
 * fixedSampler(3).sample(() => 0.5); // 3
 * ```
 */
export function fixedSampler(value: number, dist = 'fixed'): Sampler {
  return new CompiledDistribution(dist, FIXED, value, 0, [value]);
}

/**
 * Gamma by shape and scale: a product of uniforms for small integer shapes (a fixed number of
 * uniforms per draw), else Marsaglia–Tsang.
 * @internal
 * @example
 * ```ts
 * import { gammaSampler } from './kernel.js';
 * gammaSampler(2, 3).mean; // 6
 * ```
 */
export function gammaSampler(shape: number, scale: number): Sampler {
  const mean = shape * scale;
  const variance = shape * scale * scale;
  if (Number.isInteger(shape) && shape <= MAX_PRODUCT_SHAPE) {
    return new CompiledDistribution('gamma', ERLANG, mean, variance, [shape, scale]);
  }
  const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
  return new CompiledDistribution('gamma', GAMMA, mean, variance, [shape, scale, d, 1 / Math.sqrt(9 * d)]);
}

/**
 * One of `outcomes`, with probabilities proportional to `weights`, by inverse CDF (so a draw
 * grows with its uniform when the outcomes are sorted).
 * @internal
 * @example
 * ```ts
 * import { discreteSampler } from './kernel.js';
 * discreteSampler('categorical', [0, 1], [1, 3]).mean; // 0.75
 * ```
 */
export function discreteSampler(dist: string, outcomes: number[], weights: number[]): Sampler {
  const n = outcomes.length;
  const cumulative = new Float64Array(n);
  let total = 0;
  let lastPositive = 0;
  for (let i = 0; i < n; i++) {
    total += weights[i]!;
    cumulative[i] = total;
    if (weights[i]! > 0) lastPositive = i;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (weights[i]! / total) * outcomes[i]!;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (weights[i]! / total) * (outcomes[i]! - mean) ** 2;
  return new CompiledDistribution(dist, DISCRETE, mean, variance, [total, lastPositive], cumulative, Float64Array.from(outcomes));
}

/**
 * A sampler that calls `source.sample(rng)`: for a distribution without an inline formula, and
 * for a sampler object given in code. Missing moments are NaN (unknown).
 * @internal
 * @example
 * ```ts
 * import { functionSampler } from './kernel.js';
 * const s = functionSampler('pareto', { sample: (rng) => 1 / (1 - rng()) });
 * [s.dist, s.sample(() => 0.5), Number.isNaN(s.mean)]; // [ 'pareto', 2, true ]
 * ```
 */
export function functionSampler(dist: string, source: SamplerObject): Sampler {
  const mean = typeof source.mean === 'number' ? source.mean : NaN;
  const variance = typeof source.variance === 'number' ? source.variance : NaN;
  return new CompiledDistribution(dist, DELEGATE, mean, variance, [], undefined, undefined, source);
}
