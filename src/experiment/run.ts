/**
 * `runExperiment`: replications of a scenario's variants, in one thread or on worker threads,
 * optionally a shard of them, resumable from a checkpoint, with the number of replications fixed
 * or chosen by a precision target.
 *
 * Replication r of every variant is seeded by (seed, r), so variants see the same random streams
 * (common random numbers) and any replication can run anywhere: the result depends only on the
 * set of (variant, replication) runs, never on where or in which order they ran.
 * @module
 */
import { availableParallelism, freemem, totalmem } from 'node:os';
import { invalid } from '../core/errors.js';
import { BASE_VARIANT } from '../pathway/scenario-names.js';
import type { Scenario } from '../pathway/scenario.js';
import { Checkpoint } from './checkpoint.js';
import { DEFAULT_PRECISION_MIN, DEFAULT_REPLICATIONS, DEFAULT_SEED } from './options.js';
import { type Executor, WorkerPool } from './pool.js';
import { type ExperimentHost, resolveWorkersOn, runExperimentOn, runExperimentSyncOn } from './run-core.js';
import type { ExperimentOptions, ExperimentResult, SimulateFn } from './types.js';

export { DEFAULT_PRECISION_MIN, DEFAULT_REPLICATIONS, DEFAULT_SEED };

/** A module path or file URL as a URL string a worker can import. */
function moduleSpecifier(m: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(m) && !/^[a-z]:[\\/]/i.test(m)) return m;
  return new URL(m, `file://${process.cwd()}/`).href;
}

/** Node's threads, memory and files. */
const nodeHost: ExperimentHost = {
  runtime: process.version,
  machineBytes: totalmem(),
  parallelism: availableParallelism,
  freeBytes: freemem,
  pool: (threads) => new WorkerPool(threads),
  importSimulate,
  moduleSpecifier,
  openCheckpoint: (path, digest, seed) => Checkpoint.open(path, digest, seed),
};

/**
 * Runs an experiment in the calling thread (no worker threads). Same result as
 * {@link runExperiment}; `simulateModule` is not supported here (it needs an asynchronous import).
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * result.variantNames; // [ 'base', 'ai-reporting', 'ai-reporting-and-treatment', 'ai-lower-sensitivity' ]
 * result.variants['ai-reporting'].metrics['stages.surgery.waitingAtEnd'].ci95; // its 95% CI over 2 runs
 * ```
 */
export function runExperimentSync(scenario: Scenario, options: ExperimentOptions = {}): ExperimentResult {
  return runExperimentSyncOn(scenario, options, nodeHost);
}

/**
 * Internal form of {@link runExperiment} that can borrow an executor (a worker pool shared by the
 * points of a sweep or the capacities of a goal-seek); a borrowed executor is not closed.
 * @internal
 */
export async function runExperimentWith(
  scenario: Scenario,
  options: ExperimentOptions,
  shared?: Executor,
): Promise<ExperimentResult> {
  return runExperimentOn(scenario, options, nodeHost, shared);
}

/**
 * Worker threads to use: the option, else the machine's cores (1 for an in-thread simulate
 * function, and for a scenario holding a sampler object, which cannot be sent to a worker),
 * capped by the workers whose runs fit in memory (see `workersThatFit`).
 * @internal
 */
export function resolveWorkers(
  options: { workers?: number; simulate?: SimulateFn; simulateModule?: string },
  scenario?: unknown,
  variants: readonly string[] = [BASE_VARIANT],
): number {
  return resolveWorkersOn(options, scenario, availableParallelism, { variants, freeBytes: freemem(), machineBytes: totalmem() });
}

/** Imports a module's `simulate` (for a custom simulator run in the calling thread). @internal */
export async function importSimulate(module: string): Promise<SimulateFn> {
  const m = (await import(moduleSpecifier(module))) as { simulate?: unknown };
  if (typeof m.simulate !== 'function') throw invalid('simulateModule', `${module} does not export a simulate function`);
  return m.simulate as SimulateFn;
}

/**
 * Runs replications of a scenario's variants and summarises them: per-variant metric summaries
 * with Student t 95% CIs, time-series bands, per-replication results, and paired comparisons of
 * each variant with `base` (common random numbers: replication r of every variant uses the same
 * random streams).
 *
 * The result is identical (everything but `meta`) for any number of workers, for a resumed run,
 * and for shards merged with {@link mergeExperiments}.
 *
 * @example
 * ```ts
 * import { loadScenario, runExperiment } from 'carepath';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = await runExperiment(scenario, { replications: 5, workers: 1 });
 * const d = result.comparisons['ai-reporting']['stages.surgery.waitingAtEnd'];
 * console.log(d.meanDiff, d.ci95); // paired difference and its 95% CI
 * ```
 * @throws ValidationError for bad options (each problem named by its option path).
 */
export function runExperiment(scenario: Scenario, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  return runExperimentWith(scenario, options);
}
