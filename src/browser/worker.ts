/**
 * The inside of a carepath Web Worker: runs each replication it is sent with the refereed
 * `simulate` and posts the result (or the error, as data) back.
 * @module
 */
import { runTaskWith } from '../experiment/executor.js';
import { simulate } from '../experiment/simulator.js';
import type { SimulateFn } from '../experiment/types.js';
import type { ReplyMessage, TaskMessage } from './pool.js';

/** The worker's global scope, as far as {@link serveWorker} uses it. */
export interface WorkerScope {
  /** Sends a reply to the page. */
  postMessage(message: unknown): void;
  /** Set by {@link serveWorker}: the tasks the page sends. */
  onmessage: ((event: { data: unknown }) => void) | null;
}

/**
 * Makes this Web Worker a carepath worker for {@link WebWorkerPool}: call it once in the worker
 * script.
 * @param scope The worker's global scope (default: `self`).
 * @example
 * ```ts
 * // carepath-worker.js, started with new Worker(url, { type: 'module' })
 * import { serveWorker } from 'carepath/browser';
 * serveWorker();
 * ```
 */
export function serveWorker(scope: WorkerScope = globalThis as unknown as WorkerScope): void {
  scope.onmessage = (event) => {
    const { id, task } = event.data as TaskMessage;
    const reply: ReplyMessage = { id, reply: runTaskWith(simulate as SimulateFn, task) };
    scope.postMessage(reply);
  };
}
