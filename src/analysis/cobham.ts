/**
 * Cobham's formula (1954): mean waits by class in a non-preemptive priority queue with Poisson
 * arrivals and the same service-time distribution for every class. Class k (levels sorted, the
 * lowest level first served) waits W₀ / ((1 − σₖ₋₁)(1 − σₖ)), where σₖ is the load of the
 * levels up to and including k, and W₀ the mean residual work an arrival finds ahead of it:
 * - M/G/1: W₀ = λ·E[S²]/2 (exact for any service distribution);
 * - M/M/c: W₀ = C(c, a)/(cμ) with C the Erlang C probability of waiting (exact for exponential
 *   service with the same rate in every class).
 * Patients of one level are served first come first served. The arrival-weighted mean over all
 * classes equals the FIFO wait (the conservation law), which is what `mean` returns.
 * @module
 */
import { nonNegativeArg, positiveArg, positiveIntegerArg } from './check-args.js';
import { erlangC } from './queueing.js';

/** One priority level's arrivals: rate per unit of time, and the level (lower is served first). */
export interface PriorityClassRate {
  /** Arrival rate of the class. */
  rate: number;
  /** Priority level; lower is served first, equal levels are served in arrival order. */
  level: number;
}

/** Mean wait in queue of each class (same order as given), and over all classes. */
export interface PriorityWaits {
  /** Mean wait of each class, in the order of the input; Infinity for a class that is not stable. */
  byClass: number[];
  /** Arrival-weighted mean over all classes (Infinity when the queue is unstable). */
  mean: number;
}

/** σ before and up to each class's level, in the input order. */
function cumulativeLoads(classes: PriorityClassRate[], loadOf: (rate: number) => number): { before: number; upTo: number }[] {
  return classes.map((k) => {
    let before = 0;
    let same = 0;
    for (const o of classes) {
      if (o.level < k.level) before += loadOf(o.rate);
      else if (o.level === k.level) same += loadOf(o.rate);
    }
    return { before, upTo: before + same };
  });
}

function waitsFrom(classes: PriorityClassRate[], w0: number, loads: { before: number; upTo: number }[]): PriorityWaits {
  const byClass = loads.map(({ before, upTo }) => (upTo >= 1 ? Infinity : w0 / ((1 - before) * (1 - upTo))));
  const total = classes.reduce((a, k) => a + k.rate, 0);
  const mean = total === 0 ? 0 : classes.reduce((a, k, i) => a + (k.rate === 0 ? 0 : k.rate * byClass[i]!), 0) / total;
  return { byClass, mean };
}

function checkClasses(classes: PriorityClassRate[]): void {
  classes.forEach((k, i) => {
    nonNegativeArg(`classes[${i}].rate`, k.rate);
    if (!Number.isFinite(k.level)) throw new RangeError(`classes[${i}].level: expected a finite number, got ${String(k.level)}`);
  });
}

/**
 * Cobham's non-preemptive M/M/c priority waits: `c` servers of rate `mu` for every class.
 * @example
 * ```ts
 * import { cobhamMmc } from 'carepath/analysis';
 * // Two classes of 0.4/day each, one server of rate 1: urgent waits 0.8/(1·0.6) = 1.333 days,
 * // routine 0.8/(0.6·0.2) = 6.667; the mean (4) is the M/M/1 wait at ρ 0.8.
 * cobhamMmc([{ rate: 0.4, level: 0 }, { rate: 0.4, level: 1 }], 1, 1); // { byClass: [1.333…, 6.666…], mean: 4 }
 * ```
 */
export function cobhamMmc(classes: PriorityClassRate[], mu: number, c: number): PriorityWaits {
  checkClasses(classes);
  positiveArg('mu', mu);
  positiveIntegerArg('c', c);
  const lambda = classes.reduce((a, k) => a + k.rate, 0);
  const a = lambda / mu;
  const w0 = a >= c ? Infinity : erlangC(c, a) / (c * mu);
  return waitsFrom(classes, w0, cumulativeLoads(classes, (r) => r / (c * mu)));
}

/**
 * Cobham's non-preemptive M/G/1 priority waits: one server, service with mean `serviceMean` and
 * squared coefficient of variation `serviceScv` for every class.
 * @example
 * ```ts
 * import { cobhamMg1 } from 'carepath/analysis';
 * // Fixed service of 1 day (SCV 0), as above: W₀ = 0.8·1/2 = 0.4, so half the M/M/1 waits.
 * cobhamMg1([{ rate: 0.4, level: 0 }, { rate: 0.4, level: 1 }], 1, 0).byClass; // [0.666…, 3.333…]
 * ```
 */
export function cobhamMg1(classes: PriorityClassRate[], serviceMean: number, serviceScv: number): PriorityWaits {
  checkClasses(classes);
  positiveArg('serviceMean', serviceMean);
  nonNegativeArg('serviceScv', serviceScv);
  const lambda = classes.reduce((a, k) => a + k.rate, 0);
  const w0 = lambda * serviceMean * serviceMean * (1 + serviceScv) / 2;
  const loads = cumulativeLoads(classes, (r) => r * serviceMean);
  if (lambda * serviceMean >= 1) return waitsFrom(classes, w0, loads.map((l) => ({ ...l, upTo: Math.max(l.upTo, 1) })));
  return waitsFrom(classes, w0, loads);
}
