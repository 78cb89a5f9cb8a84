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
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { invalid } from '../core/errors.js';
import { findSamplerObject } from '../pathway/scenario-json.js';
import { BASE_VARIANT } from '../pathway/scenario-names.js';
import type { Scenario } from '../pathway/scenario.js';
import { aggregate } from './aggregate.js';
import { type AnyScenario, DEFAULT_PRECISION_MIN, DEFAULT_REPLICATIONS, DEFAULT_SEED } from './options.js';
import { type Executor, WorkerPool } from './pool.js';
import { RunProgress } from './progress.js';
import { simulate as defaultSimulate } from './simulator.js';
import { ExperimentState } from './state.js';
import type { ExperimentOptions, ExperimentResult, SimulateFn } from './types.js';
import { CAREPATH_VERSION } from './version.js';
import { checkConcurrentMemory, workersThatFit } from './work.js';

export { DEFAULT_PRECISION_MIN, DEFAULT_REPLICATIONS, DEFAULT_SEED };

function finish(state: ExperimentState, started: { at: Date; t0: number }, workers: number): ExperimentResult {
  const body = aggregate(state.runSet());
  const meta: ExperimentResult['meta'] = {
    startedAt: started.at.toISOString(),
    wallSeconds: (performance.now() - started.t0) / 1000,
    workers,
    carepathVersion: CAREPATH_VERSION,
    nodeVersion: process.version,
  };
  if (!state.options.precision) meta.replications = state.options.replications ?? DEFAULT_REPLICATIONS;
  if (state.options.shard) meta.shard = { ...state.options.shard };
  if (state.resumed) meta.resumed = state.resumed;
  return { meta, ...body };
}

function runInThread(state: ExperimentState, simulate: SimulateFn): void {
  const progress = runProgress(state);
  const onProgress = state.options.onRunProgress ? (share: number) => progress.inThread(share) : undefined;
  for (const job of state.pendingJobs()) {
    if (state.finished()) break;
    state.record(job, simulate(state.scenario, { seed: state.seed, replication: job.replication, variant: job.variant, ...(onProgress ? { onProgress } : {}) }));
  }
  // With precision, `max` replications may all have been read back from a checkpoint.
  state.finished();
}

/**
 * Keeps every thread busy: a new run starts as soon as one finishes, in replication order. With
 * a precision target the stopping rule is checked after each run on the finished prefix of
 * replications, so the runs started beyond the stopping point are simply not used (they are
 * still checkpointed) and the answer does not depend on the number of threads.
 */
async function runOnExecutor(state: ExperimentState, executor: Executor, simulateModule: string | undefined): Promise<void> {
  const jobs = state.pendingJobs();
  // Twice the threads for a fixed plan, so a thread never waits for the main thread to hand it
  // work; one per thread with precision, to waste little past the stopping point.
  const limit = state.options.precision ? executor.threads : executor.threads * 2;
  let inFlight = 0;
  let failed = false;
  const progress = runProgress(state);
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown) => {
      if (!failed) {
        failed = true;
        reject(e);
      }
    };
    const pump = () => {
      try {
        if (failed) return;
        const done = state.finished();
        while (!done && inFlight < limit) {
          const next = jobs.next();
          if (next.done) break;
          const job = next.value;
          inFlight++;
          const slot = progress.slot();
          executor
            .run({
              scenario: state.scenario,
              seed: state.seed,
              replication: job.replication,
              variant: job.variant,
              ...(simulateModule ? { simulateModule } : {}),
              ...(slot ? { progress: slot.buffer as SharedArrayBuffer } : {}),
            })
            .finally(() => progress.release(slot))
            .then(
              (result) => {
                inFlight--;
                if (failed) return;
                try {
                  state.record(job, result);
                } catch (e) {
                  fail(e);
                  return;
                }
                pump();
              },
              (e: unknown) => {
                inFlight--;
                fail(e);
              },
            );
        }
        if (inFlight === 0) {
          if (state.finished()) resolve();
          else fail(new Error('experiment stalled: no runs left to start but the stopping rule is not met'));
        }
      } catch (e) {
        fail(e);
      }
    };
    pump();
  }).finally(() => progress.close());
}

/** Progress inside runs for `onRunProgress` (a no-op without it). */
function runProgress(state: ExperimentState): RunProgress {
  return new RunProgress(() => state.runsDone(), state.total, state.options.onRunProgress);
}

/** A module path or file URL as a URL string a worker can import. */
function moduleSpecifier(m: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(m) && !/^[a-z]:[\\/]/i.test(m)) return m;
  return new URL(m, `file://${process.cwd()}/`).href;
}

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
  const started = { at: new Date(), t0: performance.now() };
  if (options.simulateModule !== undefined && options.simulate === undefined) {
    throw invalid('simulateModule', 'runExperimentSync cannot import a module: pass simulate, or use runExperiment');
  }
  const state = new ExperimentState(scenario as AnyScenario, options);
  try {
    runInThread(state, options.simulate ?? (defaultSimulate as SimulateFn));
  } finally {
    state.close();
  }
  return finish(state, started, 1);
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
  const started = { at: new Date(), t0: performance.now() };
  const state = new ExperimentState(scenario as AnyScenario, options);
  try {
    if (shared && shared.threads > 1) {
      checkConcurrentMemory(scenario, state.variants, Math.min(shared.threads, state.remainingRuns()));
      await runOnExecutor(state, shared, options.simulateModule && moduleSpecifier(options.simulateModule));
      return finish(state, started, shared.threads);
    }
    const workers = Math.min(resolveWorkers(options, scenario, state.variants), Math.max(1, state.remainingRuns()));
    checkConcurrentMemory(scenario, state.variants, workers);
    if (workers <= 1) {
      const simulate = options.simulate ?? (options.simulateModule ? await importSimulate(options.simulateModule) : (defaultSimulate as SimulateFn));
      runInThread(state, simulate);
      return finish(state, started, 1);
    }
    const pool = new WorkerPool(workers);
    try {
      await runOnExecutor(state, pool, options.simulateModule && moduleSpecifier(options.simulateModule));
    } finally {
      await pool.close();
    }
    return finish(state, started, workers);
  } finally {
    state.close();
  }
}

/**
 * Worker threads to use: the option, else the machine's cores, or fewer when the runs would
 * not fit in memory at once (`workersThatFit`); 1 for an in-thread simulate function, and for a
 * scenario holding a sampler object, which cannot be sent to a worker.
 * @internal
 */
export function resolveWorkers(
  options: { workers?: number; simulate?: SimulateFn; simulateModule?: string },
  scenario?: unknown,
  variants: readonly string[] = [BASE_VARIANT],
): number {
  if (options.workers !== undefined) return options.workers;
  if (options.simulate !== undefined && options.simulateModule === undefined) return 1;
  if (scenario !== undefined && findSamplerObject(scenario) !== undefined) return 1;
  const cores = availableParallelism();
  return scenario === undefined ? cores : Math.min(cores, workersThatFit(scenario, variants));
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
