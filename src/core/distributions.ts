/**
 * Probability distributions described as plain data, validated with messages that name the
 * field, and compiled into fast samplers.
 *
 * ```yaml
 * service: { dist: lognormal, mean: 14, sd: 5 }   # days; the mean and sd of the variable
 * delay: 36h                                      # a bare duration is a fixed value
 * ```
 *
 * Sampling choices (they matter for common random numbers, where two variants of a scenario
 * should see the same draws wherever they did not change):
 * - **Inverse transform, one uniform per draw**, wherever it exists: fixed (no uniform at all),
 *   exponential, uniform, triangular, truncated normal, lognormal, Weibull, empirical,
 *   bernoulli, categorical. A draw is then a monotone function of its uniform, so a small
 *   change of parameters moves each draw a little instead of reshuffling the stream.
 * - **Erlang** (and gamma with a small integer shape) multiplies exactly `k` uniforms.
 * - **Gamma** with a non-integer shape uses Marsaglia and Tsang's method (ACM TOMS 26, 2000), a
 *   rejection method: it uses a *variable* number of uniforms (two per try, about 1.05 tries on
 *   average for shape ≥ 1, one more uniform when shape < 1).
 * - Uniforms are taken in [0, 1); logarithms use `1 - u` (never 0), and the normal quantile
 *   of u = 0 is taken at 2^-33, half of Alea's resolution of 2^-32, so no draw is infinite.
 *
 * Every duration parameter (`value`, `mean`, `min`, `mode`, `max`, `sd`, `scale`, empirical
 * `values`) is in days and also accepts a duration string (`"3d"`, `"36h"`). All of them are
 * non-negative, and every sampler returns values ≥ 0 (the normal is truncated at 0), except
 * a categorical distribution with negative `values`.
 * @module
 */
import { z } from 'zod';
import { describeValue, joinPath, ValidationError, type Issue } from './errors.js';
import { DURATION_JSON_SCHEMA, DURATION_PATTERN, readDuration, type DurationInput } from './duration.js';
import type { Rng } from './random.js';
import { logGamma, normalCdf, normalPdf, normalQuantile } from './special.js';

/**
 * A distribution as written in input data. Durations are days (or strings such as `"3d"`).
 * A bare number or duration string is a fixed value.
 */
export type DistributionSpec =
  | DurationInput
  /** Always `value`. */
  | { dist: 'fixed'; value: DurationInput }
  /** Exponential with mean `mean` (memoryless: a Poisson stream's gaps, M/M/c service). */
  | { dist: 'exponential'; mean: DurationInput }
  /** Uniform between `min` and `max` (min ≤ max). */
  | { dist: 'uniform'; min: DurationInput; max: DurationInput }
  /** Triangular from `min` to `max` with its peak at `mode` (min ≤ mode ≤ max). */
  | { dist: 'triangular'; min: DurationInput; mode: DurationInput; max: DurationInput }
  /** Normal truncated at 0: `mean` and `sd` are of the normal before truncation. */
  | { dist: 'normal'; mean: DurationInput; sd: DurationInput }
  /** `mean` and `sd` of the variable itself, not of its logarithm. */
  | { dist: 'lognormal'; mean: DurationInput; sd: DurationInput }
  /** Gamma given by its mean and standard deviation. */
  | { dist: 'gamma'; mean: DurationInput; sd: DurationInput }
  /** Gamma given by shape and scale (mean shape × scale). */
  | { dist: 'gamma'; shape: number; scale: DurationInput }
  /** Erlang: the sum of `k` exponential phases (integer k ≥ 1), total mean `mean`. */
  | { dist: 'erlang'; k: number; mean: DurationInput }
  /** Weibull with shape `shape` and scale `scale`. */
  | { dist: 'weibull'; shape: number; scale: DurationInput }
  /** One of `values`, with probabilities proportional to `weights` (equal if omitted). */
  | { dist: 'empirical'; values: DurationInput[]; weights?: number[] }
  /** 1 with probability `p`, else 0. */
  | { dist: 'bernoulli'; p: number }
  /** Index i (or `values[i]`) with probability proportional to `weights[i]`. */
  | { dist: 'categorical'; weights: number[]; values?: number[] };

/** The names accepted in a spec's `dist` field. */
export type DistributionName =
  | 'fixed'
  | 'exponential'
  | 'uniform'
  | 'triangular'
  | 'normal'
  | 'lognormal'
  | 'gamma'
  | 'erlang'
  | 'weibull'
  | 'empirical'
  | 'bernoulli'
  | 'categorical';

/** A compiled distribution. */
export interface Sampler {
  /** Draws one value using `rng`. */
  sample(rng: Rng): number;
  /** Theoretical mean (for the truncated normal, the mean after truncation). */
  readonly mean: number;
  /** Theoretical variance (0 for a fixed value). */
  readonly variance: number;
  /** The distribution's name (`fixed` for a bare number or duration string). */
  readonly dist: DistributionName;
}

// ---------------------------------------------------------------------------------------------
// Parameters

/** What a parameter accepts. */
type ParamKind =
  | 'duration' // number ≥ 0 or duration string
  | 'positiveDuration' // > 0
  | 'positive' // plain number > 0
  | 'count' // integer 1 … MAX_ERLANG_K
  | 'probability' // number in [0, 1]
  | 'durations' // non-empty array of durations
  | 'numbers' // non-empty array of finite numbers
  | 'weights'; // non-empty array of numbers ≥ 0, not all zero

interface Form {
  required: Record<string, ParamKind>;
  optional?: Record<string, ParamKind>;
  description: string;
}

/**
 * Largest Erlang `k`: cost is k uniforms per draw, and beyond this a normal fits anyway.
 * @example
 * ```ts
 * import { checkDistribution, MAX_ERLANG_K } from 'carepath/kernel';
 * MAX_ERLANG_K; // 10000
 * checkDistribution({ dist: 'erlang', k: MAX_ERLANG_K + 1, mean: 5 }, 'service').length; // 1
 * ```
 */
export const MAX_ERLANG_K = 10_000;

/** Every distribution's parameters; gamma has two forms. */
const FORMS: Record<DistributionName, Form[]> = {
  fixed: [{ required: { value: 'duration' }, description: 'Always `value`.' }],
  exponential: [{ required: { mean: 'duration' }, description: 'Exponential with mean `mean`.' }],
  uniform: [{ required: { min: 'duration', max: 'duration' }, description: 'Uniform between `min` and `max`.' }],
  triangular: [
    {
      required: { min: 'duration', mode: 'duration', max: 'duration' },
      description: 'Triangular from `min` to `max` with its peak at `mode`.',
    },
  ],
  normal: [
    {
      required: { mean: 'duration', sd: 'duration' },
      description:
        'Normal with mean `mean` and standard deviation `sd`, truncated at 0 ' +
        '(so its mean is a little above `mean` when `sd` is large).',
    },
  ],
  lognormal: [
    {
      required: { mean: 'duration', sd: 'duration' },
      description: 'Lognormal whose own mean and standard deviation are `mean` and `sd` (not those of its logarithm).',
    },
  ],
  gamma: [
    { required: { mean: 'duration', sd: 'duration' }, description: 'Gamma with mean `mean` and standard deviation `sd`.' },
    {
      required: { shape: 'positive', scale: 'positiveDuration' },
      description: 'Gamma with shape `shape` and scale `scale` (mean shape × scale).',
    },
  ],
  erlang: [
    { required: { k: 'count', mean: 'duration' }, description: 'Erlang: the sum of `k` exponential phases, total mean `mean`.' },
  ],
  weibull: [
    { required: { shape: 'positive', scale: 'positiveDuration' }, description: 'Weibull with shape `shape` and scale `scale`.' },
  ],
  empirical: [
    {
      required: { values: 'durations' },
      optional: { weights: 'weights' },
      description: 'One of `values`, chosen with probabilities proportional to `weights` (equal when omitted).',
    },
  ],
  bernoulli: [{ required: { p: 'probability' }, description: '1 with probability `p`, otherwise 0.' }],
  categorical: [
    {
      required: { weights: 'weights' },
      optional: { values: 'numbers' },
      description: 'Index i (or `values[i]`) with probability proportional to `weights[i]`.',
    },
  ],
};

/**
 * The distribution names, in documentation order.
 * @example
 * ```ts
 * import { DISTRIBUTION_NAMES } from 'carepath/kernel';
 * DISTRIBUTION_NAMES.slice(0, 4); // [ 'fixed', 'exponential', 'uniform', 'triangular' ]
 * DISTRIBUTION_NAMES.length; // 12
 * ```
 */
export const DISTRIBUTION_NAMES = Object.freeze(Object.keys(FORMS) as DistributionName[]);

const EXPECTED_SPEC =
  'a distribution: a number of days, a duration string like "3d", or an object with a "dist" field';

/** A spec after validation: its name and numeric parameters, durations converted to days. */
interface Resolved {
  dist: DistributionName;
  num: Record<string, number>;
  arr: Record<string, number[]>;
}

function readParam(kind: ParamKind, value: unknown, path: string, issues: Issue[]): number | number[] | undefined {
  const got = describeValue(value);
  switch (kind) {
    case 'duration': {
      const r = readDuration(value);
      if (typeof r === 'number') return r;
      issues.push({ path, message: r.message });
      return undefined;
    }
    case 'positiveDuration': {
      const r = readDuration(value);
      if (typeof r === 'number' && r > 0) return r;
      issues.push({ path, message: typeof r === 'number' ? `expected a positive duration, got ${got}` : r.message });
      return undefined;
    }
    case 'positive':
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
      issues.push({ path, message: `expected a positive number, got ${got}` });
      return undefined;
    case 'count':
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ERLANG_K) return value;
      issues.push({ path, message: `expected a positive integer (at most ${MAX_ERLANG_K}), got ${got}` });
      return undefined;
    case 'probability':
      if (typeof value === 'number' && value >= 0 && value <= 1) return value;
      issues.push({ path, message: `expected a probability from 0 to 1, got ${got}` });
      return undefined;
    case 'durations':
    case 'numbers':
    case 'weights': {
      if (!Array.isArray(value) || value.length === 0) {
        const what = kind === 'weights' ? 'weights (numbers ≥ 0)' : kind === 'durations' ? 'durations' : 'numbers';
        issues.push({ path, message: `expected a non-empty list of ${what}, got ${got}` });
        return undefined;
      }
      const out: number[] = [];
      let ok = true;
      value.forEach((item: unknown, i) => {
        const itemPath = joinPath(path, i);
        if (kind === 'durations') {
          const r = readDuration(item);
          if (typeof r === 'number') out.push(r);
          else {
            issues.push({ path: itemPath, message: r.message });
            ok = false;
          }
        } else if (typeof item === 'number' && Number.isFinite(item) && (kind === 'numbers' || item >= 0)) {
          out.push(item);
        } else {
          issues.push({
            path: itemPath,
            message: `expected ${kind === 'weights' ? 'a weight ≥ 0' : 'a finite number'}, got ${describeValue(item)}`,
          });
          ok = false;
        }
      });
      if (!ok) return undefined;
      if (kind === 'weights') {
        const total = out.reduce((a, b) => a + b, 0);
        if (!(total > 0) || !Number.isFinite(total)) {
          issues.push({
            path,
            message: `expected weights with a positive, finite total (they are relative: they need not add up to 1), got ${got}`,
          });
          return undefined;
        }
      }
      return out;
    }
  }
}

/** How each kind of parameter is described in messages. */
const KIND_TEXT: Record<ParamKind, string> = {
  duration: 'a non-negative duration (days, or a string like "3d")',
  positiveDuration: 'a positive duration (days, or a string like "3d")',
  positive: 'a positive number',
  count: `a positive integer (at most ${MAX_ERLANG_K})`,
  probability: 'a probability from 0 to 1',
  durations: 'a non-empty list of durations',
  numbers: 'a non-empty list of numbers',
  weights: 'a non-empty list of weights (numbers ≥ 0)',
};

function article(word: string): string {
  return /^[aeio]/.test(word) ? 'an' : 'a'; // "a uniform", "an exponential"
}

function pickForm(dist: DistributionName, spec: Record<string, unknown>): Form {
  const forms = FORMS[dist];
  if (forms.length === 1) return forms[0]!;
  // gamma: shape/scale if either is present, else mean/sd.
  return 'shape' in spec || 'scale' in spec ? forms[1]! : forms[0]!;
}

function listKeys(form: Form): string {
  const opt = Object.keys(form.optional ?? {}).map((k) => `${k} (optional)`);
  return [...Object.keys(form.required), ...opt].join(', ');
}

/** Validates a spec, pushing every problem to `issues`; returns the parameters if it is valid. */
function resolve(spec: unknown, path: string, issues: Issue[]): Resolved | undefined {
  if (typeof spec === 'number' || typeof spec === 'string') {
    const r = readDuration(spec);
    if (typeof r === 'number') return { dist: 'fixed', num: { value: r }, arr: {} };
    const word = typeof spec === 'string' ? spec.trim() : '';
    const hint = Object.hasOwn(FORMS, word)
      ? ` (${article(word)} ${word} distribution is written as an object: ` +
        `{ dist: ${word}, ${listKeys(FORMS[word as DistributionName][0]!)} })`
      : '';
    issues.push({ path, message: r.message + hint });
    return undefined;
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    issues.push({ path, message: `expected ${EXPECTED_SPEC}, got ${describeValue(spec)}` });
    return undefined;
  }
  const obj = spec as Record<string, unknown>;
  const name = obj.dist;
  if (typeof name !== 'string' || !Object.hasOwn(FORMS, name)) {
    issues.push({
      path: joinPath(path, 'dist'),
      message: `expected one of ${DISTRIBUTION_NAMES.join(', ')}, got ${describeValue(name)}`,
    });
    return undefined;
  }
  const dist = name as DistributionName;
  const form = pickForm(dist, obj);
  const before = issues.length;

  if (dist === 'gamma') {
    const hasMoment = 'mean' in obj || 'sd' in obj;
    const hasShape = 'shape' in obj || 'scale' in obj;
    if (hasMoment && hasShape) {
      issues.push({
        path,
        message: `a gamma distribution takes either mean and sd, or shape and scale, not both; got ${describeValue(spec)}`,
      });
      return undefined;
    }
  }
  for (const key of Object.keys(obj)) {
    if (key === 'dist' || Object.hasOwn(form.required, key) || Object.hasOwn(form.optional ?? {}, key)) continue;
    issues.push({
      path: joinPath(path, key),
      message: `not a parameter of ${article(dist)} ${dist} distribution (it takes ${listKeys(form)}), got ${describeValue(obj[key])}`,
    });
  }
  const num: Record<string, number> = {};
  const arr: Record<string, number[]> = {};
  const read = (key: string, kind: ParamKind) => {
    if (obj[key] === undefined) {
      issues.push({
        path: joinPath(path, key),
        message: `expected ${KIND_TEXT[kind]} (${article(dist)} ${dist} distribution needs it), got nothing`,
      });
      return;
    }
    const v = readParam(kind, obj[key], joinPath(path, key), issues);
    if (typeof v === 'number') num[key] = v;
    else if (Array.isArray(v)) arr[key] = v;
  };
  for (const [key, kind] of Object.entries(form.required)) read(key, kind);
  for (const [key, kind] of Object.entries(form.optional ?? {})) if (obj[key] !== undefined) read(key, kind);
  if (issues.length > before) return undefined;

  // Rules that involve more than one parameter.
  const at = (key: string) => joinPath(path, key);
  switch (dist) {
    case 'uniform':
      if (num.min! > num.max!) {
        issues.push({ path: at('max'), message: `expected a value ≥ min (${num.min}), got ${describeValue(obj.max)}` });
      }
      break;
    case 'triangular':
      if (num.min! > num.max!) {
        issues.push({ path: at('max'), message: `expected a value ≥ min (${num.min}), got ${describeValue(obj.max)}` });
      } else if (num.mode! < num.min! || num.mode! > num.max!) {
        issues.push({
          path: at('mode'),
          message: `expected a value from min (${num.min}) to max (${num.max}), got ${describeValue(obj.mode)}`,
        });
      }
      break;
    case 'lognormal':
    case 'gamma':
      if ('mean' in num && num.mean === 0 && num.sd! > 0) {
        issues.push({ path: at('mean'), message: `expected a positive mean when sd is positive, got ${describeValue(obj.mean)}` });
      }
      break;
    case 'weibull': {
      const mean = num.scale! * Math.exp(logGamma(1 + 1 / num.shape!));
      if (!Number.isFinite(mean)) {
        issues.push({
          path: at('shape'),
          message: `expected a shape large enough for a finite mean, got ${describeValue(obj.shape)}`,
        });
      }
      break;
    }
    case 'empirical':
    case 'categorical': {
      const values = arr.values;
      const weights = arr.weights;
      if (values && weights && values.length !== weights.length) {
        issues.push({
          path: at('weights'),
          message: `expected ${values.length} weights, one per value, got ${weights.length}: ${describeValue(obj.weights)}`,
        });
      }
      break;
    }
    default:
      break;
  }
  if (issues.length > before) return undefined;
  return { dist, num, arr };
}

/**
 * Every problem with a distribution spec (empty when it is valid). Never throws.
 * @param path Where the spec is, e.g. `stages.ct.service`; issue paths extend it
 *   (`stages.ct.service.mean`).
 * @example
 * ```ts
 * import { checkDistribution } from 'carepath/kernel';
 * checkDistribution({ dist: 'lognormal', mean: 14, sd: 5 }, 'stages.staging.service'); // []
 * checkDistribution({ dist: 'uniform', min: 5, max: 2 }, 'stages.ct.service');
 * // [ { path: 'stages.ct.service.max', message: 'expected a value ≥ min (5), got 2' } ]
 * ```
 */
export function checkDistribution(spec: unknown, path: string): Issue[] {
  const issues: Issue[] = [];
  resolve(spec, path, issues);
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Samplers

const FIXED = 0;
const EXPONENTIAL = 1;
const UNIFORM = 2;
const TRIANGULAR = 3;
const TRUNCATED_NORMAL = 4;
const LOGNORMAL = 5;
const GAMMA = 6;
const ERLANG = 7;
const WEIBULL = 8;
const DISCRETE = 9;
const BERNOULLI = 10;

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
  readonly dist: DistributionName;
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

  constructor(
    dist: DistributionName,
    code: number,
    mean: number,
    variance: number,
    params: number[] = [],
    cumulative?: Float64Array,
    outcomes?: Float64Array,
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

function fixed(value: number, dist: DistributionName = 'fixed'): CompiledDistribution {
  return new CompiledDistribution(dist, FIXED, value, 0, [value]);
}

function gammaSampler(shape: number, scale: number): CompiledDistribution {
  const mean = shape * scale;
  const variance = shape * scale * scale;
  if (Number.isInteger(shape) && shape <= MAX_PRODUCT_SHAPE) {
    return new CompiledDistribution('gamma', ERLANG, mean, variance, [shape, scale]);
  }
  const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
  return new CompiledDistribution('gamma', GAMMA, mean, variance, [shape, scale, d, 1 / Math.sqrt(9 * d)]);
}

function discrete(dist: DistributionName, outcomes: number[], weights: number[]): CompiledDistribution {
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

function build(r: Resolved): CompiledDistribution {
  const { num, arr } = r;
  switch (r.dist) {
    case 'fixed':
      return fixed(num.value!);
    case 'exponential': {
      const m = num.mean!;
      return m === 0 ? fixed(0, 'exponential') : new CompiledDistribution('exponential', EXPONENTIAL, m, m * m, [m]);
    }
    case 'uniform': {
      const { min, max } = num as { min: number; max: number };
      if (min === max) return fixed(min, 'uniform');
      return new CompiledDistribution('uniform', UNIFORM, (min + max) / 2, (max - min) ** 2 / 12, [min, max - min]);
    }
    case 'triangular': {
      const { min: a, mode: c, max: b } = num as { min: number; mode: number; max: number };
      if (a === b) return fixed(a, 'triangular');
      const mean = (a + b + c) / 3;
      const variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
      const params = [a, b, (c - a) / (b - a), (b - a) * (c - a), (b - a) * (b - c)];
      return new CompiledDistribution('triangular', TRIANGULAR, mean, variance, params);
    }
    case 'normal': {
      const { mean: mu, sd } = num as { mean: number; sd: number };
      if (sd === 0) return fixed(mu, 'normal');
      // Truncated at 0: with α = −μ/σ, λ = φ(α)/(1 − Φ(α)), the mean is μ + σλ and the
      // variance σ²(1 + αλ − λ²).
      const alpha = -mu / sd;
      const above = normalCdf(-alpha);
      const lambda = normalPdf(alpha) / above;
      const mean = mu + sd * lambda;
      const variance = sd * sd * (1 + alpha * lambda - lambda * lambda);
      return new CompiledDistribution('normal', TRUNCATED_NORMAL, mean, variance, [mu, sd, above]);
    }
    case 'lognormal': {
      const { mean: m, sd: s } = num as { mean: number; sd: number };
      if (s === 0) return fixed(m, 'lognormal');
      const sigma2 = Math.log1p((s * s) / (m * m));
      const mu = Math.log(m) - sigma2 / 2;
      return new CompiledDistribution('lognormal', LOGNORMAL, m, s * s, [mu, Math.sqrt(sigma2)]);
    }
    case 'gamma': {
      if ('shape' in num) return gammaSampler(num.shape!, num.scale!);
      const { mean: m, sd: s } = num as { mean: number; sd: number };
      if (s === 0) return fixed(m, 'gamma');
      return gammaSampler((m * m) / (s * s), (s * s) / m);
    }
    case 'erlang': {
      const { k, mean: m } = num as { k: number; mean: number };
      if (m === 0) return fixed(0, 'erlang');
      return new CompiledDistribution('erlang', ERLANG, m, (m * m) / k, [k, m / k]);
    }
    case 'weibull': {
      const { shape, scale } = num as { shape: number; scale: number };
      const g1 = Math.exp(logGamma(1 + 1 / shape));
      const g2 = Math.exp(logGamma(1 + 2 / shape));
      return new CompiledDistribution('weibull', WEIBULL, scale * g1, scale * scale * (g2 - g1 * g1), [scale, 1 / shape]);
    }
    case 'empirical': {
      const values = arr.values!;
      const weights = arr.weights ?? values.map(() => 1);
      // Sorted by value so that a draw grows with its uniform (a monotone inverse CDF).
      const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]! || i - j);
      return discrete('empirical', order.map((i) => values[i]!), order.map((i) => weights[i]!));
    }
    case 'bernoulli': {
      const p = num.p!;
      return new CompiledDistribution('bernoulli', BERNOULLI, p, p * (1 - p), [p]);
    }
    case 'categorical': {
      const weights = arr.weights!;
      const values = arr.values ?? weights.map((_, i) => i);
      return discrete('categorical', values, weights);
    }
  }
}

/**
 * Validates a spec and compiles it into a {@link Sampler}.
 * @param path Where the spec is, for error messages (e.g. `stages.ct.service`).
 * @throws ValidationError listing every problem, each naming its path, the value and what was
 *   expected, e.g. `stages.ct.service.mean: expected a non-negative duration, got -3`.
 * @example
 * ```ts
 * import { compileDistribution, RandomStreams } from 'carepath/kernel';
 * const service = compileDistribution({ dist: 'erlang', k: 3, mean: 6 }, 'stages.ct.service');
 * [service.mean, service.variance]; // [ 6, 12 ]
 * service.sample(new RandomStreams(2026).stream('service/ct')); // 2.7438393960725214
 * ```
 */
export function compileDistribution(spec: unknown, path: string): Sampler {
  const issues: Issue[] = [];
  const r = resolve(spec, path, issues);
  if (r === undefined) throw new ValidationError(issues, path ? `invalid distribution at ${path}` : 'invalid distribution');
  return build(r);
}

/**
 * Theoretical mean of a distribution (for the truncated normal, the mean after truncation).
 * @throws ValidationError if the spec is invalid.
 * @example
 * ```ts
 * import { distributionMean } from 'carepath/kernel';
 * distributionMean({ dist: 'triangular', min: 1, mode: 2, max: 6 }); // 3
 * distributionMean('36h'); // 1.5
 * distributionMean({ dist: 'normal', mean: 1, sd: 1 }); // 1.2875999709391783 (truncated at 0)
 * ```
 */
export function distributionMean(spec: DistributionSpec): number {
  return compileDistribution(spec, '').mean;
}

// ---------------------------------------------------------------------------------------------
// Schema

const POSITIVE_DURATION_JSON = {
  anyOf: [
    { type: 'number', exclusiveMinimum: 0, description: 'days' },
    { type: 'string', pattern: DURATION_PATTERN, description: 'a number and a unit: min, h, d, w or y (365 days)' },
  ],
  description: 'A positive duration: days, or a string with a unit such as "36h" or "3d".',
};

function paramJsonSchema(kind: ParamKind): Record<string, unknown> {
  const duration = structuredClone(DURATION_JSON_SCHEMA) as Record<string, unknown>;
  switch (kind) {
    case 'duration':
      return duration;
    case 'positiveDuration':
      return structuredClone(POSITIVE_DURATION_JSON);
    case 'positive':
      return { type: 'number', exclusiveMinimum: 0 };
    case 'count':
      return { type: 'integer', minimum: 1, maximum: MAX_ERLANG_K };
    case 'probability':
      return { type: 'number', minimum: 0, maximum: 1 };
    case 'durations':
      return { type: 'array', items: duration, minItems: 1 };
    case 'numbers':
      return { type: 'array', items: { type: 'number' }, minItems: 1 };
    case 'weights':
      return { type: 'array', items: { type: 'number', minimum: 0 }, minItems: 1, description: 'relative weights' };
  }
}

/**
 * JSON Schema of a distribution spec (the shapes; rules across fields such as min ≤ max are
 * checked by {@link checkDistribution}). Published through {@link DistributionSchema}.
 * @example
 * ```ts
 * import { distributionJsonSchema } from 'carepath/kernel';
 * Object.keys(distributionJsonSchema()); // [ 'anyOf', 'description' ]
 * const text = JSON.stringify(distributionJsonSchema(), null, 2); // e.g. for distribution.schema.json
 * ```
 */
export function distributionJsonSchema(): Record<string, unknown> {
  const variants: Record<string, unknown>[] = [structuredClone(DURATION_JSON_SCHEMA) as Record<string, unknown>];
  for (const name of DISTRIBUTION_NAMES) {
    for (const form of FORMS[name]) {
      const properties: Record<string, unknown> = { dist: { const: name } };
      for (const [key, kind] of Object.entries({ ...form.required, ...form.optional })) properties[key] = paramJsonSchema(kind);
      variants.push({
        type: 'object',
        description: form.description,
        properties,
        required: ['dist', ...Object.keys(form.required)],
        additionalProperties: false,
      });
    }
  }
  return {
    anyOf: variants,
    description:
      'A distribution: a fixed duration (days, or a string such as "3d"), or an object with a "dist" field. ' +
      'Durations are in days.',
  };
}

/** Splits a path made by {@link joinPath} (`a.b[2].c`) into zod path segments. */
function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * zod schema for a distribution spec. It validates with {@link checkDistribution} (same rules
 * and messages, every problem reported at its own path) and leaves the value as given: compile
 * it with {@link compileDistribution}. `z.toJSONSchema` renders it as the union of every
 * accepted shape, so editors can complete and check scenario files.
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { DistributionSchema } from 'carepath/kernel';
 * const Stage = z.object({ service: DistributionSchema }); // inside your own zod schema
 * Stage.safeParse({ service: { dist: 'exponential', mean: -3 } }).error?.issues[0].message;
 * // 'expected a non-negative duration, got -3'
 * ```
 */
export const DistributionSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const issue of checkDistribution(value, '')) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: pathSegments(issue.path), input: value });
    }
  })
  .meta(distributionJsonSchema()) as unknown as z.ZodType<DistributionSpec>;
