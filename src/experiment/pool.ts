/**
 * Where replications run: in the calling thread, or on a pool of worker threads (piscina).
 * @module
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Piscina } from 'piscina';
import type { RunResult } from '../pathway/result.js';
import { type Executor, reviveError } from './executor.js';
import type { WorkerReply, WorkerTask } from './worker-protocol.js';

export { type Executor, reviveError };

/**
 * URL of this module. The CommonJS build has no `import.meta.url` (the bundler leaves it
 * undefined), so fall back to `__filename` there.
 */
function moduleUrl(): string {
  const url = import.meta.url as string | undefined;
  if (url) return url;
  if (typeof __filename === 'string') return pathToFileURL(__filename).href;
  throw new Error('cannot tell where the carepath module is (neither import.meta.url nor __filename is set)');
}

/** How to start a worker: the file, and Node options it needs. @internal */
export interface WorkerEntry {
  filename: string;
  execArgv: string[];
}

/**
 * The worker entry file. In the built package it is `worker.js` next to the running bundle
 * (`dist/index.js`, `dist/index.cjs` or `dist/cli.js`); when running from the TypeScript sources
 * (vitest, tsx) it is `worker.ts` next to this file, loaded through tsx.
 * @internal
 */
export function workerEntry(): WorkerEntry {
  const here = moduleUrl();
  const built = new URL('./worker.js', here);
  if (existsSync(fileURLToPath(built))) return { filename: built.href, execArgv: [] };
  const source = new URL('./worker.ts', here);
  if (existsSync(fileURLToPath(source))) {
    const tsx = createRequire(here).resolve('tsx');
    return { filename: source.href, execArgv: ['--import', pathToFileURL(tsx).href] };
  }
  throw new Error(`carepath worker file not found: looked for ${fileURLToPath(built)} and ${fileURLToPath(source)}`);
}

/**
 * A pool of worker threads running replications (what `runExperiment` uses when `workers` > 1).
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { WorkerPool } from 'carepath/node';
 * const pool = new WorkerPool(2);
 * const scenario = { ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 1000 };
 * const runs = await Promise.all([0, 1].map((replication) => pool.run({ scenario, seed: 7, replication, variant: 'base' })));
 * await pool.close();
 * runs.map((r) => r.replication); // [ 0, 1 ]
 * ```
 */
export class WorkerPool implements Executor {
  /**
   * The piscina pool, loaded on first use: importing carepath should not pay for the worker
   * machinery (about 10 ms) when nothing runs in parallel.
   */
  private readonly pool: Promise<Piscina<WorkerTask, WorkerReply>>;
  /** Runs handed to the pool and not yet settled. */
  private readonly pending = new Set<Promise<WorkerReply>>();

  /** Starts `threads` worker threads (the experiments size this from `workers`). */
  constructor(readonly threads: number) {
    const entry = workerEntry();
    this.pool = import('piscina').then(
      ({ Piscina }) =>
        new Piscina<WorkerTask, WorkerReply>({
          filename: entry.filename,
          execArgv: entry.execArgv,
          minThreads: threads,
          maxThreads: threads,
          // Replications are queued up front; workers stay until the experiment closes the pool.
          idleTimeout: 60_000,
        }),
    );
  }

  /** Runs one replication on a free thread; a worker's error comes back with its name, message and issues. */
  async run(task: WorkerTask): Promise<RunResult> {
    // Added before any await, so a close() called meanwhile waits for this run.
    const running = this.pool.then((pool) => pool.run(task));
    this.pending.add(running);
    let reply: WorkerReply;
    try {
      reply = await running;
    } finally {
      this.pending.delete(running);
    }
    if (!reply.ok) throw reviveError(reply.error);
    return reply.result;
  }

  /**
   * Stops the workers once the runs already handed to them have settled. When one run fails
   * the experiment closes the pool while others are still in flight; destroying it then made
   * a worker's late reply arrive at a pool that no longer knew the task, which piscina throws
   * as an uncaught "Unexpected message from Worker".
   */
  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await (await this.pool).destroy();
  }
}
