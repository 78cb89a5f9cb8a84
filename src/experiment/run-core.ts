/**
 * The experiment runner without its host: the same code runs replications in Node (worker
 * threads, checkpoint files) and in a browser (Web Workers), given an {@link ExperimentHost}
 * that supplies the threads, the machine's memory and the files. No Node built-ins here.
 * @module
 */
import { invalid } from '../core/errors.js';
import { findSamplerObject } from '../pathway/scenario-json.js';
import type { Scenario } from '../pathway/scenario.js';
import { aggregate } from './aggregate.js';
import type { Executor } from './executor.js';
import { type AnyScenario, DEFAULT_REPLICATIONS } from './options.js';
import { RunProgress } from './progress.js';
import { simulate as defaultSimulate } from './simulator.js';
import { ExperimentState, type StateHost } from './state.js';
import type { ExperimentOptions, ExperimentResult, SimulateFn } from './types.js';
import { CAREPATH_VERSION } from './version.js';
import { checkConcurrentMemory, workersThatFit } from './work.js';

/**
 * Where an experiment runs: Node's worker threads and files, or a browser's Web Workers.
 * @internal
 */
export interface ExperimentHost extends StateHost {
  /** Recorded as `meta.nodeVersion`: Node's version, or `browser`. */
  runtime: string;
  /** Threads to use when `workers` is not given (the machine's cores). */
  parallelism(): number;
  /** Memory free now (Node's `os.freemem()`), when the host can tell; caps the default worker count. */
  freeBytes?(): number;
  /** Starts `threads` threads that run replications. */
  pool(threads: number): Executor;
  /** Imports a module's `simulate` (Node only). */
  importSimulate?(module: string): Promise<SimulateFn>;
  /** A module path as a URL a worker can import (Node only). */
  moduleSpecifier?(module: string): string;
}

function finish(state: ExperimentState, started: { at: Date; t0: number }, workers: number, host: ExperimentHost): ExperimentResult {
  const body = aggregate(state.runSet());
  const meta: ExperimentResult['meta'] = {
    startedAt: started.at.toISOString(),
    wallSeconds: (performance.now() - started.t0) / 1000,
    workers,
    carepathVersion: CAREPATH_VERSION,
    nodeVersion: host.runtime,
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
export async function runOnExecutor(state: ExperimentState, executor: Executor, simulateModule: string | undefined): Promise<void> {
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


/**
 * {@link runExperimentSync} on a host.
 * @internal
 */
export function runExperimentSyncOn(scenario: Scenario, options: ExperimentOptions, host: ExperimentHost): ExperimentResult {
  const started = { at: new Date(), t0: performance.now() };
  if (options.simulateModule !== undefined && options.simulate === undefined) {
    throw invalid('simulateModule', 'runExperimentSync cannot import a module: pass simulate, or use runExperiment');
  }
  const state = new ExperimentState(scenario as AnyScenario, options, host);
  try {
    runInThread(state, options.simulate ?? (defaultSimulate as SimulateFn));
  } finally {
    state.close();
  }
  return finish(state, started, 1, host);
}

/**
 * Worker threads to use: the option, else the machine's cores (1 for an in-thread simulate
 * function, and for a scenario holding a sampler object, which cannot be sent to a worker),
 * capped by the workers whose runs fit in memory (see `workersThatFit`) when `memory` is given.
 * @internal
 */
export function resolveWorkersOn(
  options: { workers?: number; simulate?: SimulateFn; simulateModule?: string },
  scenario: unknown,
  parallelism: () => number,
  memory?: { variants: readonly string[]; freeBytes?: number | undefined; machineBytes?: number | undefined },
): number {
  if (options.workers !== undefined) return options.workers;
  if (options.simulate !== undefined && options.simulateModule === undefined) return 1;
  if (scenario !== undefined && findSamplerObject(scenario) !== undefined) return 1;
  const cores = parallelism();
  if (scenario === undefined || memory === undefined) return cores;
  return Math.min(cores, workersThatFit(scenario, memory.variants, memory.freeBytes, memory.machineBytes));
}

/**
 * {@link runExperiment} on a host, optionally borrowing an executor (a worker pool shared by the
 * points of a sweep or the capacities of a goal-seek); a borrowed executor is not closed.
 * @internal
 */
export async function runExperimentOn(
  scenario: Scenario,
  options: ExperimentOptions,
  host: ExperimentHost,
  shared?: Executor,
): Promise<ExperimentResult> {
  const started = { at: new Date(), t0: performance.now() };
  const state = new ExperimentState(scenario as AnyScenario, options, host);
  const module = options.simulateModule && (host.moduleSpecifier ? host.moduleSpecifier(options.simulateModule) : options.simulateModule);
  try {
    if (shared && shared.threads > 1) {
      checkConcurrentMemory(scenario, state.variants, Math.min(shared.threads, state.remainingRuns()), host.machineBytes);
      await runOnExecutor(state, shared, module);
      return finish(state, started, shared.threads, host);
    }
    const memory = { variants: state.variants, freeBytes: host.freeBytes?.(), machineBytes: host.machineBytes };
    const workers = Math.min(resolveWorkersOn(options, scenario, () => host.parallelism(), memory), Math.max(1, state.remainingRuns()));
    checkConcurrentMemory(scenario, state.variants, workers, host.machineBytes);
    if (workers <= 1) {
      let simulate = options.simulate ?? (defaultSimulate as SimulateFn);
      if (!options.simulate && options.simulateModule) {
        if (!host.importSimulate) throw invalid('simulateModule', 'simulateModule needs Node: pass simulate instead');
        simulate = await host.importSimulate(options.simulateModule);
      }
      runInThread(state, simulate);
      return finish(state, started, 1, host);
    }
    const pool = host.pool(workers);
    try {
      await runOnExecutor(state, pool, module);
    } finally {
      await pool.close();
    }
    return finish(state, started, workers, host);
  } finally {
    state.close();
  }
}
