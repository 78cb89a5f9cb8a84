/**
 * Replications on a browser's Web Workers: each worker runs one replication at a time, the
 * others queue. Messages are plain data (structured clone), as with Node's worker threads.
 * @module
 */
import type { RunResult } from '../pathway/result.js';
import { type Executor, reviveError } from '../experiment/executor.js';
import type { WorkerReply, WorkerTask } from '../experiment/worker-protocol.js';

/** A handler a DOM `Worker` accepts in place (method syntax: its parameter type is checked both ways). */
type Handler<E> = { handle(event: E): void }['handle'];

/** The smallest part of the Web Worker interface the pool uses (so it can be faked in tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  onmessage: Handler<{ data: unknown }> | null;
  onerror: Handler<{ message?: string }> | null;
  terminate(): void;
}

/** A message to a carepath worker: one task and its id. @internal */
export interface TaskMessage {
  id: number;
  task: WorkerTask;
}

/** A worker's answer to a {@link TaskMessage}. @internal */
export interface ReplyMessage {
  id: number;
  reply: WorkerReply;
}

interface Pending {
  message: TaskMessage;
  resolve: (r: RunResult) => void;
  reject: (e: unknown) => void;
}

/**
 * A pool of Web Workers running replications (what the browser's `runExperiment` uses when
 * `workers` > 1). Each worker must run `serveWorker()` from `carepath/browser`.
 * @example
 * ```ts
 * import { WebWorkerPool } from 'carepath/browser';
 * const pool = new WebWorkerPool(2, () => new Worker(new URL('./carepath-worker.js', import.meta.url), { type: 'module' }));
 * const run = await pool.run({ scenario, seed: 7, replication: 0, variant: 'base' });
 * await pool.close();
 * ```
 */
export class WebWorkerPool implements Executor {
  private readonly idle: WorkerLike[] = [];
  private readonly all: WorkerLike[] = [];
  private readonly queue: Pending[] = [];
  private readonly busy = new Map<WorkerLike, Pending>();
  private nextId = 0;

  constructor(
    readonly threads: number,
    makeWorker: () => WorkerLike,
  ) {
    for (let i = 0; i < threads; i++) {
      const w = makeWorker();
      w.onmessage = (event) => this.settle(w, event.data as ReplyMessage);
      // A worker that fails to load or crashes fails its run (and the experiment) with its message.
      w.onerror = (event) => this.fail(w, new Error(`carepath worker failed: ${event.message ?? 'unknown error'}`));
      this.all.push(w);
      this.idle.push(w);
    }
  }

  /** Runs one replication on a free worker; a worker's error comes back with its name, message and issues. */
  run(task: WorkerTask): Promise<RunResult> {
    return new Promise<RunResult>((resolve, reject) => {
      // Shared memory cannot cross to a page that is not cross-origin isolated; progress comes per run.
      const { progress: _shared, ...plain } = task;
      this.queue.push({ message: { id: this.nextId++, task: plain }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(w, job);
      w.postMessage(job.message);
    }
  }

  private settle(w: WorkerLike, m: ReplyMessage): void {
    const job = this.busy.get(w);
    if (!job || job.message.id !== m.id) return;
    this.busy.delete(w);
    this.idle.push(w);
    if (m.reply.ok) job.resolve(m.reply.result);
    else job.reject(reviveError(m.reply.error));
    this.pump();
  }

  private fail(w: WorkerLike, e: Error): void {
    const job = this.busy.get(w);
    this.busy.delete(w);
    job?.reject(e);
  }

  /** Stops the workers; runs still queued are rejected. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new Error('worker pool closed'));
    for (const w of this.all) w.terminate();
  }
}
