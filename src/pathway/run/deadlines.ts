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
 * stale entries are dropped in place, and it grows (by half) only if still more than three
 * quarters full, so a list is at least half live after growing, and each compaction frees a
 * quarter of its places or grows it (amortised O(1) per deadline). Over a
 * four-year national run that keeps the lists near the live deadlines instead of every
 * deadline ever set. Dropping stale entries early changes nothing: the day's check skips them,
 * and the calendar orders events by their reserved order, not by their place in the list.
 *
 * Telling a stale entry from a live one by the patient's row costs a cache miss at national
 * scale (the patient joined months ago), and compaction checked the same mostly-live entries
 * of a filling list again and again: in a one-year run, 14 million row reads for 7 million
 * deadlines. So each row also has a one-byte tag in a dense array (7 MB for a national list,
 * within the last-level cache where the rows are not): it changes when the row's patient sets
 * a deferred deadline and when they leave the list before it, and each entry holds the tag it
 * was set with. Compaction drops the entries whose tag differs and reads no row; the day's
 * check reads the row only when the tag matches (a tag wraps after 256 changes, so a match
 * alone proves nothing), which leaves about one row read per deadline that fires.
 *
 * Where every stage with patience serves first come first served, `queued-deadlines.ts` is
 * used instead: the patient's place in the queue tells the same exactly, with no tag or row.
 * @module
 */
import type { PatientStore } from '../patients.js';
import { DayLists } from './day-lists.js';

/**
 * Per-day lists of (patient and tag, reserved order, deadline) for deadlines at or after `horizon`:
 * three places per deadline.
 * @internal
 * @example
 * ```ts
 * import { DeferredDeadlines } from './deadlines.js';
 * const dl = new DeferredDeadlines(30);
 * dl.add(7, 0, 12.5); // patient 7, order 0, deadline day 12.5
 * dl.count(12); // 3 (places: patient and tag, order, time)
 * dl.patient(dl.list(12)!, 0); // 7
 * ```
 */
export class DeferredDeadlines extends DayLists {
  /** Per patient row: changes at each deferred deadline set and each one dropped (see above). */
  private tags = new Uint8Array(0);

  /**
   * Lists for the days 0 ..< ceil(end) + 1 (deadlines after `end` are never kept).
   * @param store Where a patient's row tells whether an entry is still live (for compaction);
   *   without it lists only grow.
   */
  constructor(
    end: number,
    private readonly store: PatientStore | null = null,
  ) {
    super(end);
  }

  /** Keeps patient p's deadline `at` (horizon ≤ at ≤ end) with the order it reserved. */
  add(p: number, order: number, at: number): void {
    if (p >= this.tags.length) this.growTags(p);
    const tag = (this.tags[p]! + 1) & 0xff;
    this.tags[p] = tag;
    const d = Math.floor(at);
    let list = this.lists[d] ?? null;
    let n = this.lengths[d]!;
    let grow = false;
    if (list !== null && n + 3 > list.length) {
      if (this.store !== null) n = this.compact(list, n);
      grow = this.store === null || 4 * n > 3 * list.length;
    }
    if (list === null || grow) {
      const grown = new Float64Array(list === null ? 192 : list.length + 3 * Math.ceil(list.length / 6));
      if (list !== null) grown.set(list.subarray(0, n));
      list = this.lists[d] = grown;
    }
    list[n] = p * 256 + tag; // exact: rows are below 2^31
    list[n + 1] = order;
    list[n + 2] = at;
    this.lengths[d] = n + 3;
  }

  /**
   * Drops the list's entries whose tag shows them stale, in place, keeping the rest in their
   * order; returns the places now used. The rows are not read: an entry kept by a wrapped tag
   * is harmless (the day's check reads the row), and the entries kept are mostly live, checked
   * again at each compaction of a filling list.
   */
  private compact(list: Float64Array, n: number): number {
    let k = 0;
    for (let i = 0; i < n; i += 3) {
      const key = list[i]!;
      const p = (key / 256) | 0;
      if (this.tags[p] !== key - p * 256) continue;
      if (k !== i) {
        list[k] = list[i]!;
        list[k + 1] = list[i + 1]!;
        list[k + 2] = list[i + 2]!;
      }
      k += 3;
    }
    return k;
  }

  /** Patient p, who may hold a deferred deadline, leaves the list before it: their entry goes stale. */
  forget(p: number): void {
    if (p < this.tags.length) this.tags[p]++;
  }

  /**
   * Whether the entry at place i of a list still holds its patient's pending deadline: the tag
   * first (no row read for most stale entries), then the row. Needs the store.
   */
  isLive(list: Float64Array, i: number): boolean {
    const key = list[i]!;
    const p = (key / 256) | 0;
    return this.tags[p] === key - p * 256 && this.store!.abandonHandle(p) === deferredHandle(list[i + 1]!);
  }

  /**
   * Whether the entry at place i of a list may still be pending, by its tag alone (no row read):
   * false proves it stale; true must be confirmed by the row (a tag wraps after 256 changes).
   */
  tagLive(list: Float64Array, i: number): boolean {
    const key = list[i]!;
    const p = (key / 256) | 0;
    return this.tags[p] === key - p * 256;
  }

  /** The patient of the entry at place i of a list. */
  patient(list: Float64Array, i: number): number {
    return (list[i]! / 256) | 0;
  }

  private growTags(p: number): void {
    const n = Math.max(p + 1, this.store?.capacity ?? 0, 2 * this.tags.length);
    const tags = new Uint8Array(n);
    tags.set(this.tags);
    this.tags = tags;
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
