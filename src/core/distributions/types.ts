/**
 * The shapes shared by every distribution module: the compiled {@link Sampler}, a definition's
 * validated parameters, and how the queueing analysis may use a distribution.
 * @module
 */
import type { Issue } from '../errors.js';
import type { Rng } from '../random.js';
import type { ParamKind } from './params.js';

/**
 * A compiled distribution: what `simulate` draws from. Built by `compileDistribution`, or
 * written by hand in code (then `mean` and `variance` may be left out, see {@link SamplerObject}).
 * @example
 * ```ts
 * import { compileDistribution, RandomStreams, type Sampler } from 'carepath/kernel';
 * const s: Sampler = compileDistribution({ dist: 'uniform', min: 2, max: 4 }, 'service');
 * [s.dist, s.mean, s.variance]; // [ 'uniform', 3, 0.3333333333333333 ]
 * s.sample(new RandomStreams(1).stream('x')) >= 2; // true
 * ```
 */
export interface Sampler {
  /** Draws one value using `rng`. */
  sample(rng: Rng): number;
  /** Theoretical mean (for the truncated normal, the mean after truncation); NaN when unknown. */
  readonly mean: number;
  /** Theoretical variance (0 for a fixed value); NaN when unknown. */
  readonly variance: number;
  /**
   * The distribution's name (`fixed` for a bare number or duration string; `sampler` for a
   * sampler object given in code).
   */
  readonly dist: string;
}

/**
 * A sampler written in code where a distribution spec is allowed (`service`, `patience`,
 * `waited`, `missed.after`): any object with a `sample(rng)` method. Give `mean` and `variance`
 * when you know them, so that `analyse` can use them; without them it can only say "simulate".
 * Such a scenario is not plain data: it runs in the calling thread only (no worker threads).
 * @example
 * ```ts
 * import type { SamplerObject } from 'carepath/kernel';
 * // Service of exactly 0.8 days, or 2.5 days for one patient in ten.
 * const service: SamplerObject = { sample: (rng) => (rng() < 0.1 ? 2.5 : 0.8), mean: 0.97 };
 * ```
 */
export interface SamplerObject {
  /** Draws one value (days, ≥ 0 for a duration) from the uniforms `rng()` gives. */
  sample(rng: Rng): number;
  /** Mean of the draws, if known. */
  mean?: number;
  /** Variance of the draws, if known. */
  variance?: number;
}

/**
 * How the queueing analysis (`analyse`) may use a distribution as a service time:
 * - `exact`: exponential, so the M/M/c (Erlang C) formulas apply as they are;
 * - `approximation`: mean and variance known, so Allen–Cunneen / Kingman approximate the wait
 *   from the squared coefficient of variation;
 * - `simulate-only`: no moments known; no formula, only simulation answers.
 */
export type AnalyticTreatment = 'exact' | 'approximation' | 'simulate-only';

/** A spec's parameters after validation, durations in days. */
export interface Params {
  /** Single numbers (`mean`, `k`, `p` …). */
  num: Record<string, number>;
  /** Lists of numbers (`values`, `weights`). */
  arr: Record<string, number[]>;
}

/** One accepted set of parameters of a distribution. */
export interface Form {
  /** Parameter name → what it accepts; every one must be given. */
  required: Record<string, ParamKind>;
  /** Parameters that may be left out. */
  optional?: Record<string, ParamKind>;
  /** One sentence for the JSON Schema (editor hints). */
  description: string;
}

/**
 * Everything carepath knows about one distribution: its schema part (the fields, how each is
 * checked, the rules across fields), its compiled form, and how `analyse` treats it. One
 * module per distribution exports one of these; `registry.ts` lists them.
 */
export interface DistributionDefinition<N extends string = string> {
  /** The value of the spec's `dist` field. */
  readonly name: N;
  /** The parameter sets it accepts (most have one; gamma has mean/sd and shape/scale). */
  readonly forms: readonly Form[];
  /**
   * Which form a spec uses when there are several (an index into `forms`), or a message
   * refusing the spec as a whole. Default: the first form.
   */
  pickForm?(spec: Readonly<Record<string, unknown>>): number | string;
  /**
   * Rules across parameters, run once every parameter is valid on its own. `at(key)` is the
   * path of a parameter; `spec` is the spec as written (for messages that quote it).
   */
  check?(p: Params, spec: Readonly<Record<string, unknown>>, at: (key: string) => string): Issue[];
  /** The sampler for valid parameters. */
  compile(p: Params): Sampler;
  /** How `analyse` may use it (the compiled sampler gives the moments). */
  treatment(p: Params, sampler: Sampler): AnalyticTreatment;
}

/**
 * Declares a distribution (identity at run time; keeps the literal name in the type). See
 * docs/guide/recipes.md, "Your own distribution", for a whole module. Internal: a new
 * distribution is a module in src/core/distributions/ listed in the registry.
 * @internal
 * @example
 * ```ts
 * import { fixedSampler } from './kernel.js';
 * import { defineDistribution } from './types.js';
 * const zero = defineDistribution({
 *   name: 'zero',
 *   forms: [{ required: {}, description: 'Always 0.' }],
 *   compile: () => fixedSampler(0, 'zero'),
 *   treatment: () => 'approximation',
 * });
 * zero.compile({ num: {}, arr: {} }).mean; // 0
 * ```
 */
export function defineDistribution<N extends string>(d: DistributionDefinition<N>): DistributionDefinition<N> {
  return d;
}
