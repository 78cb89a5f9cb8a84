/**
 * The per-day lists both rules for deferred deadlines keep (`deadlines.ts`, told live by a tag
 * and the patient's row; `queued-deadlines.ts`, told live by the patient's place in a queue):
 * one Float64Array of fixed-size entries per day of the run, taken whole on the day before.
 * How an entry is laid out, told live and compacted is each rule's own.
 * @module
 */

/**
 * Per-day lists of entries, for the days 0 ..< ceil(end) + 1.
 * @internal
 * @example
 * ```ts
 * import { DeferredDeadlines } from './deadlines.js';
 * const dl = new DeferredDeadlines(30); // a DayLists with entries of three places
 * dl.add(7, 0, 12.5);
 * dl.count(12); // 3
 * dl.drop(12);
 * dl.count(12); // 0
 * dl.horizon; // 13: later deadlines before day 13 go straight into the calendar
 * ```
 */
export class DayLists {
  protected readonly lists: (Float64Array | null)[];
  protected readonly lengths: Int32Array;
  /** Deadlines before this time go straight into the calendar (their day's list was taken). */
  horizon = 1;

  /** Lists for the days 0 ..< ceil(end) + 1 (deadlines after `end` are never kept). */
  constructor(end: number) {
    const days = Math.ceil(end) + 1;
    this.lists = new Array<Float64Array | null>(days).fill(null);
    this.lengths = new Int32Array(days);
  }

  /** Day d's entries in the first `count(d)` places; call before {@link drop}. */
  list(d: number): Float64Array | null {
    return d < this.lists.length ? this.lists[d]! : null;
  }

  /** Number of places used in day d's list. */
  count(d: number): number {
    return d < this.lengths.length ? this.lengths[d]! : 0;
  }

  /** Forgets day d's list and sends later-arriving deadlines before d + 1 straight to the calendar. */
  drop(d: number): void {
    if (d < this.lists.length) {
      this.lists[d] = null;
      this.lengths[d] = 0;
    }
    this.horizon = d + 1;
  }
}
