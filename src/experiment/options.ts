/**
 * Defaults and checks of an experiment's options.
 * @module
 */
import { describeValue, type Issue } from '../core/errors.js';
import { findSamplerObject } from '../pathway/scenario-json.js';
import { BASE_VARIANT, didYouMean, listNames } from '../pathway/scenario-names.js';
import { variantNames as declaredVariants } from '../pathway/variants.js';
import type { ExperimentOptions } from './types.js';

/**
 * Default number of replications.
 * @example
 * ```ts
 * import { DEFAULT_REPLICATIONS } from 'carepath/analysis';
 * DEFAULT_REPLICATIONS; // 10
 * ```
 */
export const DEFAULT_REPLICATIONS = 10;
/**
 * Default minimum replications of the sequential (precision) procedure.
 * @example
 * ```ts
 * import { DEFAULT_PRECISION_MIN } from 'carepath/analysis';
 * DEFAULT_PRECISION_MIN; // 5
 * ```
 */
export const DEFAULT_PRECISION_MIN = 5;
// One default seed for the scenario format and the experiments.
export { DEFAULT_SEED } from '../pathway/resolve.js';

/** The fields of a scenario the experiment reads itself. @internal */
export type AnyScenario = { name?: unknown; seed?: unknown; variants?: unknown };

/** One run: a variant's replication. @internal */
export interface Job {
  variant: string;
  replication: number;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Checks the options and lists every problem, each named by its option path. @internal */
export function checkOptions(scenario: AnyScenario, o: ExperimentOptions): Issue[] {
  const issues: Issue[] = [];
  const bad = (path: string, message: string) => issues.push({ path, message });
  if (o.replications !== undefined && !isPositiveInt(o.replications)) {
    bad('replications', `expected a positive integer, got ${describeValue(o.replications)}`);
  }
  if (o.precision !== undefined) {
    const p = o.precision;
    if (o.replications !== undefined) bad('replications', 'give either replications or precision (whose max bounds the replications), not both');
    if (typeof p.metric !== 'string' || p.metric === '') bad('precision.metric', `expected a metric path such as stages.surgery.wait.mean, got ${describeValue(p.metric)}`);
    if (!(typeof p.halfWidth === 'number' && p.halfWidth > 0 && Number.isFinite(p.halfWidth))) {
      bad('precision.halfWidth', `expected a positive number, got ${describeValue(p.halfWidth)}`);
    }
    const min = p.min ?? DEFAULT_PRECISION_MIN;
    if (!(Number.isInteger(min) && min >= 2)) bad('precision.min', `expected an integer of 2 or more (a CI needs two replications), got ${describeValue(p.min)}`);
    if (!isPositiveInt(p.max)) bad('precision.max', `expected a positive integer, got ${describeValue(p.max)}`);
    else if (Number.isInteger(min) && p.max < min) bad('precision.max', `expected at least precision.min (${min}), got ${p.max}`);
    if (o.shard !== undefined) bad('shard', 'a shard cannot decide when to stop: use a fixed number of replications with shards');
  }
  if (o.seed !== undefined && !(typeof o.seed === 'number' && Number.isInteger(o.seed))) bad('seed', `expected an integer, got ${describeValue(o.seed)}`);
  if (o.workers !== undefined && !isPositiveInt(o.workers)) bad('workers', `expected a positive integer, got ${describeValue(o.workers)}`);
  if (o.shard !== undefined) {
    const { index, count } = o.shard;
    if (!isPositiveInt(count)) bad('shard.count', `expected a positive integer, got ${describeValue(count)}`);
    else if (!(Number.isInteger(index) && index >= 0 && index < count)) {
      bad('shard.index', `expected an integer from 0 to ${count - 1}, got ${describeValue(index)}`);
    }
  }
  if (o.variants !== undefined) {
    if (!Array.isArray(o.variants)) bad('variants', `expected a list of variant names, got ${describeValue(o.variants)}`);
    else {
      const known = declaredVariants(scenario as never);
      o.variants.forEach((v, i) => {
        if (v !== BASE_VARIANT && !known.includes(v)) {
          bad(`variants[${i}]`, `unknown variant ${describeValue(v)}${didYouMean(String(v), known)}; the variants are ${listNames([BASE_VARIANT, ...known])}`);
        }
      });
    }
  }
  if (o.simulate !== undefined && typeof o.simulate !== 'function') bad('simulate', `expected a function, got ${describeValue(o.simulate)}`);
  if (o.simulate !== undefined && o.simulateModule === undefined && o.workers !== undefined && o.workers > 1) {
    bad('workers', 'a simulate function cannot be sent to worker threads: give simulateModule (a module exporting simulate) to run it in parallel');
  }
  const sampler = findSamplerObject(scenario);
  if (sampler !== undefined && o.workers !== undefined && o.workers > 1) {
    bad('workers', `the scenario has a sampler object (code, not data) at ${sampler}, which cannot be sent to worker threads: use workers: 1 (the default for such a scenario), or write it as a distribution spec to run in parallel; got ${o.workers}`);
  }
  return issues;
}

