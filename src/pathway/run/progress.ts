/**
 * Progress reports of a run: the engine counts events down (one decrement per event, in its own
 * field, so the hot loop reads nothing else) and asks this when the count reaches zero.
 * @module
 */

/** Events between two progress reports (about 5 ms of simulation). */
const PROGRESS_EVERY = 65_536;

/**
 * The engine's first countdown: short, so an early event passes through the report call only to
 * warm its call site. Otherwise the 65,536th event finds that site without feedback and V8
 * throws the optimised loop away. (Not the first event: V8 records feedback only once a function
 * has run a few times.)
 * @internal
 */
export const FIRST_COUNTDOWN = 256;

/**
 * Calls `onProgress(fraction of simulated time done)` every {@link PROGRESS_EVERY} events,
 * allocation-free.
 * @internal
 * @example
 * ```ts
 * import { FIRST_COUNTDOWN, ProgressReports } from './progress.js';
 * const seen: number[] = [];
 * const reports = new ProgressReports((f) => seen.push(f), 100);
 * reports.next(FIRST_COUNTDOWN, 1); // 65280: the warming pass reports nothing
 * reports.next(65_536, 50); // 65536
 * seen; // [0.5]
 * ```
 */
export class ProgressReports {
  constructor(
    private readonly onProgress: ((fractionDone: number) => void) | null,
    private readonly end: number,
  ) {}

  /** Reports (except on the warming pass) and returns the next countdown; `events` so far, clock at `now`. */
  next(events: number, now: number): number {
    if (events === FIRST_COUNTDOWN) return PROGRESS_EVERY - FIRST_COUNTDOWN;
    if (this.onProgress !== null) this.onProgress(this.end > 0 ? now / this.end : 1);
    return PROGRESS_EVERY;
  }
}
