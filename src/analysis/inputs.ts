/**
 * What the analysis reads from a model at a given day: arrival rates, the capacity in force, and
 * the moments of service and patience times.
 * @module
 */
import { distributionAnalysis, type AnalyticTreatment, type DistributionSpec } from '../core/distributions.js';
import { monthIndexer } from '../pathway/arrivals.js';
import type { ModelArrival } from '../pathway/model.js';

/**
 * How seasonality enters a steady state: `mean` uses the average of the twelve monthly
 * multipliers (a queue needs conditions that persist; a month is a transient), `month` uses the
 * multiplier of the month the day falls in.
 */
export type SeasonalityMode = 'mean' | 'month';

/**
 * An arrival stream's rate per day at `day`, as the engine computes it (src/pathway/arrivals.ts):
 * the step change in force, times (1 + growth)^(day / 365), times the seasonal multiplier
 * (per `seasonality` mode).
 * @internal
 */
export function arrivalRateAt(
  arrival: ModelArrival,
  day: number,
  startDate: string,
  seasonality: SeasonalityMode = 'mean',
): number {
  let base = arrival.ratePerDay;
  for (const c of arrival.changes) if (c.at <= day) base = c.ratePerDay;
  let rate = base;
  if (arrival.growthPerYear !== 0) rate *= Math.exp((Math.log1p(arrival.growthPerYear) / 365) * day);
  const s = arrival.seasonality;
  if (s && s.length > 0) {
    rate *= seasonality === 'month' ? s[monthIndexer(startDate)(day)]! : s.reduce((a, b) => a + b, 0) / s.length;
  }
  return rate;
}

export { capacityAt, capacityRate } from '../pathway/capacity.js';

/** Mean, squared coefficient of variation, and how the formulas may use the distribution. @internal */
export interface Moments {
  /** NaN when unknown (a sampler object without a mean). */
  mean: number;
  /** Variance ÷ mean² (0 when the mean is 0; NaN when unknown). */
  scv: number;
  /** True when exact M/M/c formulas apply (the distribution is exponential). */
  exponential: boolean;
  /** What the distribution's registry entry says the analysis may do with it. */
  treatment: AnalyticTreatment;
}

/**
 * Moments of a distribution spec (validated by src/core; `path` names it in errors), as the
 * distribution registry reports them.
 * @internal
 */
export function momentsOf(spec: DistributionSpec, path: string): Moments {
  const d = distributionAnalysis(spec, path);
  return { mean: d.mean, scv: d.scv, exponential: d.treatment === 'exact', treatment: d.treatment };
}
