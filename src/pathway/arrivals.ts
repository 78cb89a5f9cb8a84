/**
 * Poisson arrivals whose rate may change over time: step changes, compounding growth and
 * monthly seasonality. Exact, not approximated on a grid: time is cut into segments on which
 * the base rate and the seasonal multiplier are constant; on a segment the rate is constant
 * (exponential gaps, restarted at the segment's end thanks to memorylessness) or, with growth,
 * bounded, and thinning (Lewis & Shedler) accepts candidates with probability λ(t)/λmax.
 * @module
 */
import type { Rng } from '../core/random.js';
import type { ModelArrival } from './model.js';

/** With growth, segments are cut at least this often so thinning rejects few candidates. */
const GROWTH_SEGMENT_DAYS = 28;

export class ArrivalProcess {
  /** Segment start times, ascending; the last entry is the end of the run. */
  private readonly bounds: number[];
  /** Base × seasonal rate per day on each segment (without growth). */
  private readonly rates: number[];
  private readonly growthPerDay: number; // log(1 + g) / 365
  private seg = 0;
  /** True when the rate is one constant: the fast path, one uniform per arrival. */
  private readonly constant: boolean;
  private readonly constantRate: number;
  private readonly end: number;
  /**
   * The rate per day when it never changes (the engine then draws gaps inline with the same
   * formula as {@link ArrivalProcess.next}), else NaN.
   */
  readonly constantRatePerDay: number;

  constructor(arrival: ModelArrival, startDate: string, end: number) {
    this.growthPerDay = arrival.growthPerYear === 0 ? 0 : Math.log1p(arrival.growthPerYear) / 365;
    const cuts = new Set<number>([0, end]);
    for (const c of arrival.changes) if (c.at > 0 && c.at < end) cuts.add(c.at);
    if (arrival.seasonality) for (const m of monthStarts(startDate, end)) cuts.add(m);
    if (this.growthPerDay !== 0) for (let t = GROWTH_SEGMENT_DAYS; t < end; t += GROWTH_SEGMENT_DAYS) cuts.add(t);
    this.bounds = [...cuts].sort((a, b) => a - b);
    const monthOf = arrival.seasonality ? monthIndexer(startDate) : null;
    this.rates = this.bounds.slice(0, -1).map((t) => {
      let base = arrival.ratePerDay;
      for (const c of arrival.changes) if (c.at <= t) base = c.ratePerDay;
      return monthOf ? base * arrival.seasonality![monthOf(t)]! : base;
    });
    this.constant = this.growthPerDay === 0 && this.rates.every((r) => r === this.rates[0]);
    this.constantRate = this.rates[0] ?? 0;
    this.end = end;
    this.constantRatePerDay = this.constant ? this.constantRate : NaN;
  }

  /** The arrival rate per day at time t (for tests and analysis). */
  rateAt(t: number): number {
    let i = 0;
    while (i + 1 < this.rates.length && this.bounds[i + 1]! <= t) i++;
    return (this.rates[i] ?? 0) * Math.exp(this.growthPerDay * t);
  }

  /** The next arrival time after `t`, or Infinity when there is none before the end. */
  next(t: number, rng: Rng): number {
    if (this.constant) {
      const rate = this.constantRate;
      if (rate <= 0) return Infinity;
      const next = t - Math.log(1 - rng()) / rate;
      // The run's end, not the first cut: a constant rate may still have cuts (a change to
      // the same rate, all-equal seasonality), and stopping at the first one lost arrivals.
      return next <= this.end ? next : Infinity;
    }
    const bounds = this.bounds;
    while (this.seg < this.rates.length && bounds[this.seg + 1]! <= t) this.seg++;
    while (this.seg < this.rates.length) {
      const segEnd = bounds[this.seg + 1]!;
      const base = this.rates[this.seg]!;
      // With growth the rate is monotone on the segment, so its maximum is at one end.
      const g = this.growthPerDay;
      const max = g === 0 ? base : base * Math.exp(g * (g > 0 ? segEnd : Math.max(t, bounds[this.seg]!)));
      if (max > 0) {
        const candidate = t - Math.log(1 - rng()) / max;
        if (candidate < segEnd) {
          t = candidate;
          if (g === 0 || rng() * max < base * Math.exp(g * t)) return t;
          continue;
        }
      }
      t = segEnd;
      this.seg++;
    }
    return Infinity;
  }
}

/** Day offsets (after day 0, before `end`) at which a calendar month starts. */
export function monthStarts(startDate: string, end: number): number[] {
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  const day0 = Date.UTC(y, m - 1, d);
  const out: number[] = [];
  for (let k = 1; ; k++) {
    const t = (Date.UTC(y, m - 1 + k, 1) - day0) / 86_400_000;
    if (t >= end) break;
    out.push(t);
  }
  return out;
}

/** Returns a function giving the calendar month (0 = January) of a day offset. */
export function monthIndexer(startDate: string): (t: number) => number {
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  const day0 = Date.UTC(y, m - 1, d);
  return (t) => new Date(day0 + Math.floor(t) * 86_400_000).getUTCMonth();
}
