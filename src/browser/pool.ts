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
  /** Sends a message to the worker (structured clone). */
  postMessage(message: unknown): void;
  /** Set by the pool: the worker's replies. */
  onmessage: Handler<{ data: unknown }> | null;
  /** Set by the pool: the worker failed to load or crashed. */
  onerror: Handler<{ message?: string }> | null;
  /** Stops the worker. */
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
 * import { loadScenario } from 'carepath';
 * import { WebWorkerPool, serveWorker, type WorkerLike, type WorkerScope } from 'carepath/browser';
 * // In a page: new WebWorkerPool(2, () => new Worker(url)). Here, a worker in this thread:
 * const inThread = (): WorkerLike => {
 *   const scope: WorkerScope = { onmessage: null, postMessage: (m) => worker.onmessage?.({ data: m }) };
 *   const worker: WorkerLike = { onmessage: null, onerror: null, postMessage: (m) => scope.onmessage!({ data: m }), terminate: () => {} };
 *   serveWorker(scope);
 *   return worker;
 * };
 * const pool = new WebWorkerPool(2, inThread);
 * const scenario = { ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 1000 };
 * const run = await pool.run({ scenario, seed: 7, replication: 0, variant: 'base' });
 * await pool.close();
 * run.replication; // 0
 * ```
 */
export class WebWorkerPool implements Executor {
  private readonly all: WorkerLike[] = [];
  private readonly queue: Pending[] = [];
  /** Each worker's runs sent and not yet answered, oldest first (a worker answers in order). */
  private readonly sent = new Map<WorkerLike, Pending[]>();
  private nextId = 0;

  /**
   * Starts `threads` workers with `makeWorker`.
   * @param threads Workers, each running one replication at a time.
   * @param makeWorker Starts one worker that runs `serveWorker()`.
   * @param depth Runs sent to a worker ahead of its answers (default 2): the next one waits in
   *   the worker's own queue, so it starts at once even while the page's thread is busy drawing
   *   and cannot hand it work (measured: workers idled 0.2–0.7 s per chart drawing with 1).
   */
  constructor(
    readonly threads: number,
    makeWorker: () => WorkerLike,
    private readonly depth = 2,
  ) {
    for (let i = 0; i < threads; i++) {
      const w = makeWorker();
      w.onmessage = (event) => this.settle(w, event.data as ReplyMessage);
      // A worker that fails to load or crashes fails its runs (and the experiment) with its message.
      w.onerror = (event) => this.fail(w, new Error(`carepath worker failed: ${event.message ?? 'unknown error'}`));
      this.all.push(w);
      this.sent.set(w, []);
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

  /** Sends queued runs to the least loaded workers, up to `depth` each (all idle ones first). */
  private pump(): void {
    while (this.queue.length) {
      let best: Pending[] | undefined;
      let worker: WorkerLike | undefined;
      for (const w of this.all) {
        const jobs = this.sent.get(w)!;
        if (jobs.length < this.depth && (!best || jobs.length < best.length)) [best, worker] = [jobs, w];
      }
      if (!best || !worker) return;
      const job = this.queue.shift()!;
      best.push(job);
      worker.postMessage(job.message);
    }
  }

  private settle(w: WorkerLike, m: ReplyMessage): void {
    const jobs = this.sent.get(w);
    const at = jobs ? jobs.findIndex((j) => j.message.id === m.id) : -1;
    if (!jobs || at < 0) return;
    const [job] = jobs.splice(at, 1);
    if (m.reply.ok) job!.resolve(m.reply.result);
    else job!.reject(reviveError(m.reply.error));
    this.pump();
  }

  private fail(w: WorkerLike, e: Error): void {
    const jobs = this.sent.get(w);
    if (!jobs) return;
    // A crashed worker takes no more work; its runs fail.
    this.sent.delete(w);
    this.all.splice(this.all.indexOf(w), 1);
    for (const job of jobs.splice(0)) job.reject(e);
  }

  /** Stops the workers; runs still queued are rejected. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new Error('worker pool closed'));
    for (const w of this.all) w.terminate();
  }
}
