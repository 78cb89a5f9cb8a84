/**
 * Abandonment deadlines kept out of the event calendar until the day before they fall.
 *
 * Why: at national scale most waiting patients have a deadline inside the run, months ahead,
 * and most are treated before it. As calendar events each one cost a 32-byte slot written at
 * joining, a cache miss to cancel it at treatment, and another when its far-tier bucket was
 * loaded; the longer the run, the more patients carried one, so the cost per patient grew with
 * the horizon. Here a deadline is 24 bytes appended to its day's list, and treatment only
 * clears a field of the patient's row (already in cache). Each day the next day's list is
 * checked: deadlines still live go into the calendar in the place of the order reserved when
 * the patient joined, so events run in exactly the order they did with one event per patient.
 *
 * Memory: most patients are treated long before their deadline, so most entries go stale
 * (the patient's row no longer holds their order). A full list is compacted before it grows:
 * stale entries are dropped in place, and it doubles only if still more than half full. Over a
 * four-year national run that keeps the lists near the live deadlines instead of every
 * deadline ever set. Dropping stale entries early changes nothing: the day's check skips them,
 * and the calendar orders events by their reserved order, not by their place in the list.
 * @module
 */
import type { PatientStore } from '../patients.js';

/**
 * Per-day lists of (patient, reserved order, deadline) for deadlines at or after `horizon`.
 * @internal
 * @example
 * ```ts
 * import { DeferredDeadlines } from './deadlines.js';
 * const dl = new DeferredDeadlines(30);
 * dl.add(7, 0, 12.5); // patient 7, order 0, deadline day 12.5
 * dl.count(12); // 3 (places: patient, order, time)
 * ```
 */
export class DeferredDeadlines {
  private readonly lists: (Float64Array | null)[];
  private readonly lengths: Int32Array;
  /** Deadlines before this time go straight into the calendar (their day's list was taken). */
  horizon = 1;

  /**
   * Lists for the days 0 ..< ceil(end) + 1 (deadlines after `end` are never kept).
   * @param store Where a patient's row tells whether an entry is still live (for compaction);
   *   without it lists only grow.
   */
  constructor(
    end: number,
    private readonly store: PatientStore | null = null,
  ) {
    const days = Math.ceil(end) + 1;
    this.lists = new Array<Float64Array | null>(days).fill(null);
    this.lengths = new Int32Array(days);
  }

  /** Keeps patient p's deadline `at` (horizon ≤ at ≤ end) with the order it reserved. */
  add(p: number, order: number, at: number): void {
    const d = Math.floor(at);
    let list = this.lists[d] ?? null;
    let n = this.lengths[d]!;
    let grow = false;
    if (list !== null && n + 3 > list.length) {
      if (this.store !== null) n = this.compact(list, n);
      grow = this.store === null || 2 * n > list.length;
    }
    if (list === null || grow) {
      const grown = new Float64Array(list === null ? 192 : 2 * list.length);
      if (list !== null) grown.set(list.subarray(0, n));
      list = this.lists[d] = grown;
    }
    list[n] = p;
    list[n + 1] = order;
    list[n + 2] = at;
    this.lengths[d] = n + 3;
  }

  /**
   * Drops a list's stale entries (the patient was treated, or the row holds someone else) in
   * place, keeping the live ones in their order; returns the places now used.
   */
  private compact(list: Float64Array, n: number): number {
    const store = this.store!;
    let k = 0;
    for (let i = 0; i < n; i += 3) {
      const p = list[i]!;
      const order = list[i + 1]!;
      if (store.abandonHandle(p) !== deferredHandle(order)) continue;
      if (k !== i) {
        list[k] = p;
        list[k + 1] = order;
        list[k + 2] = list[i + 2]!;
      }
      k += 3;
    }
    return k;
  }

  /** Day d's entries (p, order, at, ...) in the first `count(d)` places; call before {@link drop}. */
  list(d: number): Float64Array | null {
    return d < this.lists.length ? this.lists[d]! : null;
  }

  /** Number of places used in day d's list (three per deadline). */
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

/**
 * The abandon-handle field of a patient holding a deferred deadline: -2 - order (a calendar
 * handle is ≥ 0 and "none" is -1), so the day's check can tell a live deadline from one whose
 * patient was treated, or whose row now holds someone else.
 * @internal
 * @example
 * ```ts
 * import { deferredHandle } from './deadlines.js';
 * deferredHandle(0); // -2
 * ```
 */
export function deferredHandle(order: number): number {
  return -2 - order;
}
