/**
 * What the what-if page's early look draws. Vega draws on the page's own thread; when every core
 * is running a worker, that time is taken from the workers and the whole run ends later (on 2
 * cores with 2 workers, about 0.5 s of CPU per early look), so the charts wait for the full run.
 * @module
 */

/**
 * Whether the early look may draw the charts: only when the machine has a core the workers leave
 * free (`cores` > `workers`). An unknown core count (0, as `navigator.hardwareConcurrency` may be
 * where it is hidden) counts as no spare core: drawing once is never slower overall.
 * @example
 * ```ts
 * import { earlyCharts } from './early-look.js';
 * earlyCharts(8, 4); // true: 4 cores free for the page
 * earlyCharts(2, 2); // false: the numbers now, the charts when the run ends
 * ```
 * @internal
 */
export function earlyCharts(cores: number, workers: number): boolean {
  return Number.isFinite(cores) && cores > workers;
}

/** The page's note, in the status and in place of the charts, when they wait for the run's end. @internal */
export const CHARTS_AT_END = 'charts when the run ends';
