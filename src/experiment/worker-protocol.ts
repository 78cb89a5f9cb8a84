/**
 * Messages between the experiment and its worker threads: plain data only.
 * @module
 */
import type { Issue } from '../core/errors.js';
import type { RunResult } from '../pathway/result.js';

/** One replication to run in a worker. */
export interface WorkerTask {
  /** The scenario (or resolved model), as plain data. */
  scenario: unknown;
  /** Master seed. */
  seed: number;
  /** Replication index. */
  replication: number;
  /** Variant to apply. */
  variant: string;
  /** File URL of a module exporting `simulate`; default: carepath's own. */
  simulateModule?: string;
  /** 8 bytes shared with the caller: the run writes the share of its simulated time done. */
  progress?: SharedArrayBuffer;
}

/** An error thrown in a worker, carried back as data so its message and issues survive. @internal */
export interface WorkerError {
  name: string;
  message: string;
  stack?: string;
  issues?: Issue[];
}

/** What a worker sends back: the run, or the error it threw. @internal */
export type WorkerReply = { ok: true; result: RunResult } | { ok: false; error: WorkerError };
