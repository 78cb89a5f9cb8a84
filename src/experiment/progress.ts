/**
 * Progress inside runs, for a progress bar that moves within a second even when one
 * replication takes minutes: each run reports the share of its simulated time done (the
 * engine's `onProgress`), through a shared 8-byte slot when it runs in a worker thread.
 * @module
 */

/**
 * How often (ms) progress inside runs is reported.
 * @internal
 * @example
 * ```ts
 * import { RUN_PROGRESS_MS } from './progress.js';
 * RUN_PROGRESS_MS; // 200
 * ```
 */
export const RUN_PROGRESS_MS = 200;

/**
 * Collects the progress of the runs under way and reports `runs done + shares of runs under way`
 * every {@link RUN_PROGRESS_MS} ms to `report`.
 * @internal
 * @example
 * ```ts
 * import { RunProgress } from './progress.js';
 * let finished = 0;
 * const p = new RunProgress(() => finished, 4, (done, total) => console.log(`${done} of ${total} runs`));
 * const slot = p.slot()!; // hand slot.buffer to the worker; it writes its share into slot[0]
 * slot[0] = 0.5; // the next report (within 200 ms) says 0.5 of 4 runs
 * finished = 1;
 * p.release(slot); // that run is done
 * p.close();
 * ```
 */
export class RunProgress {
  private readonly slots = new Set<Float64Array>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastInThread = 0;

  constructor(
    private readonly done: () => number,
    private readonly total: number,
    private readonly report: ((runsDone: number, total: number) => void) | undefined,
  ) {}

  /**
   * A slot a worker's run writes its share into, or undefined when nobody listens or memory
   * cannot be shared (a browser page that is not cross-origin isolated, such as a file).
   */
  slot(): Float64Array | undefined {
    if (!this.report || typeof SharedArrayBuffer === 'undefined') return undefined;
    const slot = new Float64Array(new SharedArrayBuffer(8));
    this.slots.add(slot);
    if (this.timer === null) {
      this.timer = setInterval(() => this.tick(), RUN_PROGRESS_MS);
      this.timer.unref?.();
    }
    return slot;
  }

  /** The run behind `slot` has finished (its result is counted in `done`). */
  release(slot: Float64Array | undefined): void {
    if (slot) this.slots.delete(slot);
  }

  /** Progress of the one run under way in the calling thread (no timer can fire during it). */
  inThread(share: number): void {
    if (!this.report) return;
    const now = performance.now();
    if (now - this.lastInThread < RUN_PROGRESS_MS) return;
    this.lastInThread = now;
    this.report(Math.min(this.total, this.done() + share), this.total);
  }

  private tick(): void {
    let share = 0;
    for (const s of this.slots) share += Math.min(1, Math.max(0, s[0]!));
    this.report!(Math.min(this.total, this.done() + share), this.total);
  }

  /** Stops reporting. */
  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
