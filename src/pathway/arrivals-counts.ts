/**
 * Arrivals replayed from period counts: exactly `count` patients arrive in each period
 * [from, to), at times drawn uniformly at random within it (sorted), so the count per period
 * is the data and only the times within a period are random. Periods are drawn one at a time,
 * when the previous one is used up. Arrivals before day 0 or after the end of the run are not
 * simulated (a period cut by either end keeps only its arrivals inside the run).
 * @module
 */
import type { Rng } from '../core/random.js';
import { ArrivalProcess } from './arrivals.js';
import type { ModelArrival } from './model.js';

/** What the engine asks of an arrival stream. */
export interface ArrivalSource {
  /** The rate per day when it never changes (the engine draws inline), else NaN. */
  readonly constantRatePerDay: number;
  /** The next arrival time after `t`, or Infinity when there is none before the end. */
  next(t: number, rng: Rng): number;
}

/** A stream of period counts replayed exactly. */
export class CountsArrivals implements ArrivalSource {
  readonly constantRatePerDay = NaN;
  private readonly periods: { from: number; to: number; count: number }[];
  private readonly buf: Float64Array;
  private period = 0;
  private pos = 0;
  private size = 0;

  constructor(periods: { from: number; to: number; count: number }[], private readonly end: number) {
    this.periods = periods;
    this.buf = new Float64Array(periods.reduce((m, p) => Math.max(m, p.count), 0));
  }

  next(_t: number, rng: Rng): number {
    for (;;) {
      while (this.pos < this.size) {
        const x = this.buf[this.pos++]!;
        if (x >= 0) return x <= this.end ? x : Infinity;
      }
      if (this.period >= this.periods.length) return Infinity;
      const p = this.periods[this.period++]!;
      if (p.from > this.end) return Infinity;
      // Every period is drawn, even one before day 0, so a stream's draws do not depend on startDate's cut.
      const width = p.to - p.from;
      for (let i = 0; i < p.count; i++) this.buf[i] = p.from + rng() * width;
      this.size = p.count;
      this.pos = 0;
      this.buf.subarray(0, p.count).sort();
    }
  }
}

/**
 * The arrival source of a stream: period counts replayed, or a Poisson process.
 * @internal
 * @example
 * ```ts
 * import { arrivalSource } from './arrivals-counts.js';
 * const a = { id: 'gp', to: 0, ratePerDay: 1, changes: [], growthPerYear: 0, seasonality: null, classIndex: 0, conditions: [],
 *   counts: [{ from: 0, to: 7, count: 3 }] };
 * const src = arrivalSource(a, '2024-01-01', 7); // 3 arrivals within the first week
 * ```
 */
export function arrivalSource(arrival: ModelArrival, startDate: string, end: number): ArrivalSource {
  return arrival.counts ? new CountsArrivals(arrival.counts, end) : new ArrivalProcess(arrival, startDate, end);
}
