/**
 * What the analysis reads from a model at a given day: arrival rates, the capacity in force, and
 * the moments of service and patience times.
 * @module
 */
import { compileDistribution, type DistributionSpec } from '../core/distributions.js';
import { monthIndexer } from '../pathway/arrivals.js';
import type { CapacityPhase, ModelArrival, ModelStage } from '../pathway/model.js';

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

/** The capacity phase of a stage in force at `day` (the last one starting on or before it). @internal */
export function capacityAt(stage: ModelStage, day: number): CapacityPhase {
  let phase = stage.capacity[0]!;
  for (const p of stage.capacity) if (p.from <= day) phase = p;
  return phase;
}

/**
 * Mean completions per day a capacity phase sustains: servers ÷ mean service; slots per week ÷ 7
 * (the activity after a slot does not hold the slot); Infinity for unlimited or instant service.
 * @internal
 */
export function capacityRate(phase: CapacityPhase, serviceMean: number): number {
  if (phase.kind === 'unlimited') return Infinity;
  if (phase.kind === 'slots') return phase.perWeekday.reduce((a, b) => a + b, 0) / 7;
  if (serviceMean <= 0) return Infinity;
  return phase.servers / serviceMean;
}

/** Mean, squared coefficient of variation, and whether the distribution is exponential. @internal */
export interface Moments {
  mean: number;
  /** Variance ÷ mean² (0 when the mean is 0). */
  scv: number;
  exponential: boolean;
}

/**
 * True when a compiled distribution is exponential: the `exponential` family, or an Erlang,
 * gamma or Weibull at the parameter value that makes it one (then its SCV is exactly 1).
 */
function isExponential(dist: string, spec: DistributionSpec, scv: number): boolean {
  if (dist === 'exponential') return true;
  if (Math.abs(scv - 1) > 1e-12) return false;
  if (dist === 'erlang' || dist === 'gamma') return true;
  return dist === 'weibull' && typeof spec === 'object' && (spec as { shape?: unknown }).shape === 1;
}

/** Moments of a distribution spec (validated by src/core; `path` names it in errors). @internal */
export function momentsOf(spec: DistributionSpec, path: string): Moments {
  const d = compileDistribution(spec, path);
  const mean = d.mean;
  const scv = mean > 0 ? d.variance / (mean * mean) : 0;
  return { mean, scv, exponential: isExponential(d.dist, spec, scv) };
}
