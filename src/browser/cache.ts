/**
 * Replications remembered between experiments: a what-if page reruns the same scenario with one
 * setting changed, so the scenario's own runs (and any setting tried before) need not be
 * simulated again. A run is fully determined by the variant's merged scenario, the seed and the
 * replication (the variant's name is only copied into the result), so that is the key.
 * @module
 */
import type { RunResult } from '../pathway/result.js';
import { mergeVariant } from '../pathway/variants.js';
import type { Executor } from '../experiment/executor.js';
import type { WorkerTask } from '../experiment/worker-protocol.js';

/**
 * An {@link Executor} that runs each distinct replication once: a task whose variant, once
 * merged into the scenario, equals one already run (or running) with the same seed and
 * replication gets that result, with its own variant name. Wraps a pool kept for the page's
 * lifetime, so workers also start only once. Holds at most `capacity` results (oldest dropped).
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { runExperiment, RunCache, simulate } from 'carepath/browser';
 * // In a page: new RunCache(new WebWorkerPool(4, () => new Worker(url))). Here, a stand-in pool:
 * let simulated = 0;
 * const pool = { threads: 2, close: async () => {}, run: async (t: any) => (simulated++, simulate(t.scenario, t)) };
 * const cache = new RunCache(pool);
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '4w' };
 * await runExperiment(scenario, { replications: 2, variants: ['ai-reporting'], pool: cache });
 * await runExperiment(scenario, { replications: 2, variants: ['ai-reporting-and-treatment'], pool: cache });
 * simulated; // 6, not 8: base was run once
 * ```
 */
export class RunCache implements Executor {
  private readonly results = new Map<string, Promise<RunResult>>();
  private readonly keys = new WeakMap<object, Map<string, string | undefined>>();
  /** Replications handed to the executor inside (the others came from memory). */
  simulated = 0;

  /**
   * @param inner The executor that really runs replications (e.g. a {@link WebWorkerPool}).
   * @param capacity Results kept (each tens of kilobytes for a pathway like the lung one).
   */
  constructor(
    readonly inner: Executor,
    readonly capacity = 400,
  ) {}

  /** Threads of the executor inside. */
  get threads(): number {
    return this.inner.threads;
  }

  /** Runs one replication, or returns the same replication already run. */
  run(task: WorkerTask): Promise<RunResult> {
    const key = this.key(task);
    if (key === undefined) {
      this.simulated++;
      return this.inner.run(task);
    }
    let found = this.results.get(key);
    if (found) {
      // Most recently used last, so the oldest is dropped first.
      this.results.delete(key);
    } else {
      this.simulated++;
      found = this.inner.run(task);
      // A failed run is not remembered: the next experiment tries it again.
      found.catch(() => this.results.delete(key));
    }
    this.results.set(key, found);
    while (this.results.size > this.capacity) this.results.delete(this.results.keys().next().value!);
    return found.then((r) => (r.variant === task.variant ? r : { ...r, variant: task.variant }));
  }

  /** Forgets every result. */
  clear(): void {
    this.results.clear();
  }

  /** Closes the executor inside. */
  close(): Promise<void> {
    this.results.clear();
    return this.inner.close();
  }

  /** The variant's merged scenario as JSON, with seed and replication; undefined: do not cache. */
  private key(task: WorkerTask): string | undefined {
    // A custom simulate may depend on anything; a resolved model is not a scenario to merge.
    if (task.simulateModule !== undefined || typeof task.scenario !== 'object' || task.scenario === null) return undefined;
    let byVariant = this.keys.get(task.scenario);
    if (!byVariant) this.keys.set(task.scenario, (byVariant = new Map()));
    if (!byVariant.has(task.variant)) {
      const merged = mergeVariant(task.scenario, task.variant);
      byVariant.set(task.variant, 'scenario' in merged ? JSON.stringify(merged.scenario) : undefined);
    }
    const json = byVariant.get(task.variant);
    return json === undefined ? undefined : `${task.seed}/${task.replication}/${json}`;
  }
}
