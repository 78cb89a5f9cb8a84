/**
 * What runs replications away from the calling thread, whatever the threads are (Node worker
 * threads, a browser's Web Workers): the interface, one task run to a plain-data reply, and the
 * error rebuilt from that reply. No Node built-ins here: the browser build uses it.
 * @module
 */
import { ValidationError, type Issue } from '../core/errors.js';
import type { RunResult } from '../pathway/result.js';
import type { SimulateFn } from './types.js';
import type { WorkerError, WorkerReply, WorkerTask } from './worker-protocol.js';

/** Runs replications; `WorkerPool` (Node) and `WebWorkerPool` (browsers) are the parallel ones. */
export interface Executor {
  /** Threads that run replications at once. */
  readonly threads: number;
  /** Runs one replication and resolves with its result (or rejects with its error). */
  run(task: WorkerTask): Promise<RunResult>;
  /** Releases the threads. */
  close(): Promise<void>;
}

/**
 * Runs one task with `simulate`; never throws. Errors are returned as data so the caller can
 * rethrow them with their original name, message and validation issues (a thrown custom error
 * would lose its class and `issues` when cloned across threads).
 * @param onShare Called with the share of simulated time done, when the caller wants progress.
 * @example
 * ```ts
 * import { runTaskWith } from './executor.js';
 * import { simulate } from './simulator.js';
 * const scenario = { version: 1, horizon: 100, arrivals: { a: { to: 's', rate: { perDay: 1 } } }, stages: { s: { capacity: { servers: 1 }, service: { dist: 'exponential', mean: 0.5 } } } };
 * const reply = runTaskWith(simulate as never, { scenario, seed: 1, replication: 0, variant: 'base' });
 * if (reply.ok) console.log(reply.result.replication); // 0
 * ```
 * @internal
 */
export function runTaskWith(simulate: SimulateFn, task: WorkerTask, onShare?: (share: number) => void): WorkerReply {
  try {
    const result = simulate(task.scenario, {
      seed: task.seed,
      replication: task.replication,
      variant: task.variant,
      ...(onShare ? { onProgress: onShare } : {}),
    });
    return { ok: true, result };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const issues = (err as { issues?: unknown }).issues;
    return {
      ok: false,
      error: {
        name: err.name,
        message: err.message,
        ...(err.stack ? { stack: err.stack } : {}),
        ...(Array.isArray(issues) ? { issues: issues as Issue[] } : {}),
      },
    };
  }
}

/**
 * Rebuilds an error sent back by a worker, keeping its name, message and validation issues.
 * @example
 * ```ts
 * import { ValidationError } from '../core/errors.js';
 * import { reviveError } from './executor.js';
 * reviveError({ name: 'ValidationError', message: 'bad', issues: [{ path: 'x', message: 'bad' }] }) instanceof ValidationError; // true
 * ```
 * @internal
 */
export function reviveError(e: WorkerError): Error {
  const err = e.issues ? new ValidationError(e.issues) : new Error(e.message);
  // ValidationError composes its message from the issues; keep the worker's exact text.
  err.message = e.message;
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}
