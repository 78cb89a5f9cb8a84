/**
 * `queue: longest-clock-first`: serve whoever has waited longest since their pathway clock
 * started (the NHS "treat in turn" rule), not since they joined this stage's list. A patient
 * who reached this stage quickly waits behind one who was slow upstream.
 *
 * The key is the pathway start, fixed while the patient waits here (a missed patient who comes
 * back restarts it before rejoining); ties go in order of joining. With every clock started
 * when the patient joins this stage, the order is exactly FIFO.
 *
 * `analyse`: the order uses neither service times nor classes and never idles a free server,
 * so the mean wait over all patients is FIFO's (Kleinrock's conservation law); who waits, and
 * so the percentiles and target shares, differ.
 * @module
 */
import type { DisciplineEntry } from './disciplines.js';

/**
 * The registry entry of longest clock first.
 * @example
 * ```yaml
 * stages:
 *   surgery: { capacity: 4, service: { dist: gamma, mean: 0.5, sd: 0.2 }, queue: longest-clock-first }
 * ```
 */
export const longestClockFirst: DisciplineEntry = {
  name: 'longest-clock-first',
  summary: 'longest since the pathway clock started first (treat in turn), then arrival order',
  order: 'key',
  key: (store, p) => store.start(p),
  analyse: {
    treatment: 'exact',
    note: ' Longest clock first: the mean wait is FIFO’s (the order changes who waits, not the average); percentiles and target shares differ.',
  },
};
