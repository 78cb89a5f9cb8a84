/**
 * The distribution registry: every distribution carepath accepts, in documentation order. To
 * add one, write its module (a {@link DistributionDefinition}) and list it here, with its spec
 * in {@link DistributionSpec} (see docs/guide/recipes.md, "Adding a distribution").
 * @module
 */
import type { DurationInput } from '../duration.js';
import { bernoulli } from './bernoulli.js';
import { categorical } from './categorical.js';
import { empirical } from './empirical.js';
import { erlang } from './erlang.js';
import { exponential } from './exponential.js';
import { fixed } from './fixed.js';
import { gamma } from './gamma.js';
import { lognormal } from './lognormal.js';
import { normal } from './normal.js';
import { triangular } from './triangular.js';
import type { DistributionDefinition, SamplerObject } from './types.js';
import { uniform } from './uniform.js';
import { weibull } from './weibull.js';

/**
 * Every distribution, in documentation order (the order of `DISTRIBUTION_NAMES`, of messages
 * listing them, and of the JSON Schema's variants).
 * @example
 * ```ts
 * import { DISTRIBUTIONS } from 'carepath/kernel';
 * DISTRIBUTIONS.map((d) => d.name).slice(0, 2); // [ 'fixed', 'exponential' ]
 * ```
 */
export const DISTRIBUTIONS = [
  fixed,
  exponential,
  uniform,
  triangular,
  normal,
  lognormal,
  gamma,
  erlang,
  weibull,
  empirical,
  bernoulli,
  categorical,
] as const;

/** The names accepted in a spec's `dist` field. */
export type DistributionName = (typeof DISTRIBUTIONS)[number]['name'];

const BY_NAME = new Map<string, DistributionDefinition>(DISTRIBUTIONS.map((d) => [d.name, d]));

/**
 * The definition of `name`, or undefined for a name carepath does not know.
 * @example
 * ```ts
 * import { distributionDefinition } from 'carepath/kernel';
 * distributionDefinition('erlang')?.forms[0].required; // { k: 'count', mean: 'duration' }
 * distributionDefinition('expo'); // undefined
 * ```
 */
export function distributionDefinition(name: string): DistributionDefinition | undefined {
  return BY_NAME.get(name);
}

/**
 * A distribution as written in input data. Durations are days (or strings such as `"3d"`).
 * A bare number or duration string is a fixed value. From code, a {@link SamplerObject} may
 * stand in its place.
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
  | { dist: 'categorical'; weights: number[]; values?: number[] }
  /** From code only: an object with a `sample(rng)` method (runs in the calling thread). */
  | SamplerObject;
