/**
 * `runExperiment` for browsers: the same runner as in Node, on Web Workers instead of worker
 * threads, with no checkpoint files. Same scenario and seed ⇒ the same result as Node's, for any
 * number of workers.
 * @module
 */
import { invalid } from '../core/errors.js';
import type { Scenario } from '../pathway/scenario.js';
import { type ExperimentHost, runExperimentOn } from '../experiment/run-core.js';
import type { ExperimentOptions, ExperimentResult } from '../experiment/types.js';
import type { Executor } from '../experiment/executor.js';
import { WebWorkerPool, type WorkerLike } from './pool.js';

/** Options of the browser's {@link runExperiment}: those of Node's, and how to start a worker. */
export interface BrowserExperimentOptions extends Omit<ExperimentOptions, 'checkpoint' | 'simulateModule'> {
  /**
   * Starts one Web Worker that runs `serveWorker()`. Without it the runs happen in the calling
   * thread (and `workers` above 1 is an error).
   */
  worker?: () => WorkerLike;
  /**
   * Workers you keep between experiments (a {@link WebWorkerPool}, or a {@link RunCache} around
   * one), used instead of starting new ones; it is not closed at the end. A page that reruns a
   * scenario keeps one, so workers start once.
   */
  pool?: Executor;
}

function hostFor(worker: (() => WorkerLike) | undefined): ExperimentHost {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return {
    runtime: 'browser',
    parallelism: () => (worker ? Math.max(1, cores) : 1),
    pool: (threads) => {
      if (!worker) throw invalid('worker', `${threads} workers were asked for but no worker factory was given (options.worker)`);
      return new WebWorkerPool(threads, worker);
    },
  };
}

/**
 * Runs replications of a scenario's variants in a browser and summarises them, exactly as
 * `runExperiment` from `carepath` does in Node (same result for the same seed), on Web Workers.
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { runExperiment } from 'carepath/browser';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * // In a page: { workers: 4, worker: () => new Worker(new URL('./carepath-worker.js', import.meta.url), { type: 'module' }) }
 * const result = await runExperiment(scenario, { replications: 2 });
 * result.variants.base.metrics['stages.surgery.waitingAtEnd'].mean;
 * ```
 * @throws ValidationError for bad options (each problem named by its option path).
 */
export function runExperiment(scenario: Scenario, options: BrowserExperimentOptions = {}): Promise<ExperimentResult> {
  const { worker, pool, ...rest } = options;
  for (const key of ['checkpoint', 'simulateModule'] as const) {
    if ((rest as ExperimentOptions)[key] !== undefined) return Promise.reject(invalid(key, `${key} needs Node; it is not available in a browser`));
  }
  return runExperimentOn(scenario, rest, hostFor(worker), pool);
}
