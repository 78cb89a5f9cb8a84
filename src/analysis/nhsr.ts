/**
 * The NHS waiting-list planning formulas of Fong et al. (2022), as implemented in the NHS-R
 * community's R package NHSRwaitinglist (`calc_queue_load`, `calc_target_mean_wait`,
 * `calc_target_queue_size`, `calc_waiting_list_pressure`, `calc_relief_capacity`,
 * `calc_target_capacity`). Same arguments in the same order with the same defaults, so a result
 * can be checked against the R package line by line.
 *
 * Units are the caller's: demand and capacity per week with waits in weeks, or per day with
 * waits in days — but the same unit throughout.
 *
 * Reference: Fong, K. et al. (2022), "Waiting list management: using queueing theory to manage
 * the NHS's elective waiting lists" (NHS-R community); R package NHSRwaitinglist.
 * @module
 */
import { nonNegativeArg, positiveArg } from './check-args.js';

/**
 * Queue load: demand ÷ capacity — arrivals per patient removed from the list. Above 1 the list
 * grows. (`calc_queue_load(demand, capacity)`.)
 * @example
 * ```ts
 * import { queueLoad } from 'carepath/analysis';
 * queueLoad(30, 27); // 1.1111111111111112: 30 referrals a week, 27 removals: the list grows
 * ```
 */
export function queueLoad(demand: number, capacity: number): number {
  nonNegativeArg('demand', demand);
  positiveArg('capacity', capacity);
  return demand / capacity;
}

/**
 * Target mean wait: target_wait ÷ factor. With a factor of 4 (the default) to 6 the share of
 * patients waiting longer than the target stays around 1.8% to 0.2% (exponential waits).
 * (`calc_target_mean_wait(target_wait, factor = 4)`.)
 * @example
 * ```ts
 * import { targetMeanWait } from 'carepath/analysis';
 * targetMeanWait(52); // 13: a 52-week standard needs a mean wait of 13 weeks
 * ```
 */
export function targetMeanWait(target_wait: number, factor = 4): number {
  positiveArg('target_wait', target_wait);
  positiveArg('factor', factor);
  return target_wait / factor;
}

/**
 * Target queue size by Little's law: demand × target_wait ÷ factor — the list size at which the
 * mean wait is target_wait ÷ factor. Applies only when capacity exceeds demand.
 * (`calc_target_queue_size(demand, target_wait, factor = 4)`; e.g. (30, 52) → 390.)
 * @example
 * ```ts
 * import { targetQueueSize } from 'carepath/analysis';
 * targetQueueSize(30, 52); // 390 patients, at 30 referrals a week and a 52-week standard
 * ```
 */
export function targetQueueSize(demand: number, target_wait: number, factor = 4): number {
  nonNegativeArg('demand', demand);
  return demand * targetMeanWait(target_wait, factor);
}

/**
 * Waiting-list pressure: 2 × mean_wait ÷ target_wait. Above 1 the list will most likely miss its
 * target. (`calc_waiting_list_pressure(mean_wait, target_wait)`; e.g. (63, 52) → 2.4230769.)
 * @example
 * ```ts
 * import { waitingListPressure } from 'carepath/analysis';
 * waitingListPressure(63, 52); // 2.423076923076923: above 1, the 52-week target will be missed
 * ```
 */
export function waitingListPressure(mean_wait: number, target_wait: number): number {
  nonNegativeArg('mean_wait', mean_wait);
  positiveArg('target_wait', target_wait);
  return (2 * mean_wait) / target_wait;
}

/**
 * Relief capacity: the capacity that brings the list from `queue_size` down to
 * `target_queue_size` within `time_to_target` time steps: demand + (queue_size −
 * target_queue_size) ÷ time_to_target.
 *
 * When the demand is an estimate from `num_referrals` referrals (> 0), the package first inflates
 * it by two standard errors, demand ÷ (1 − 2·demand·cv_demand ÷ √num_referrals), but only when
 * that denominator stays positive (2·demand·cv_demand ÷ √num_referrals < 1); we reproduce that rule.
 * (`calc_relief_capacity(demand, queue_size, target_queue_size, time_to_target = 26,
 * num_referrals = 0, cv_demand = 0)`; e.g. (30, 1200, 390, 26) → 61.153846.)
 * @example
 * ```ts
 * import { reliefCapacity } from 'carepath/analysis';
 * // 30 referrals a week; bring a list of 1,200 down to 390 within 26 weeks:
 * reliefCapacity(30, 1200, 390, 26); // 61.15384615384615 removals a week
 * ```
 */
export function reliefCapacity(
  demand: number,
  queue_size: number,
  target_queue_size: number,
  time_to_target = 26,
  num_referrals = 0,
  cv_demand = 0,
): number {
  nonNegativeArg('demand', demand);
  nonNegativeArg('queue_size', queue_size);
  nonNegativeArg('target_queue_size', target_queue_size);
  positiveArg('time_to_target', time_to_target);
  nonNegativeArg('num_referrals', num_referrals);
  nonNegativeArg('cv_demand', cv_demand);
  let d = demand;
  if (num_referrals > 0) {
    const inflation = (2 * d * cv_demand) / Math.sqrt(num_referrals);
    if (inflation < 1) d = d / (1 - inflation);
  }
  return d + (queue_size - target_queue_size) / time_to_target;
}

/**
 * Target capacity by Kingman's formula: the capacity at which the mean wait is target_wait ÷
 * factor: demand + (cv_demand² + cv_capacity²) ÷ 2 × factor ÷ target_wait.
 * `cv_demand` is the coefficient of variation of the times between arrivals (1 for Poisson
 * referrals), `cv_capacity` that of the times between removals (1 for random removals).
 * (`calc_target_capacity(demand, target_wait, factor = 4, cv_demand = 1, cv_capacity = 1)`;
 * e.g. (30, 52, 3, 1.1, 1.2) → 30.076442.) Older package versions used 2·(1 + 4·factor) ÷
 * target_wait as the margin; this follows the current (CRAN) formula.
 * @example
 * ```ts
 * import { targetCapacity } from 'carepath/analysis';
 * targetCapacity(30, 52); // 30.076923076923077 removals a week (Poisson referrals and removals)
 * targetCapacity(30, 52, 3, 1.1, 1.2); // 30.076442307692307
 * ```
 */
export function targetCapacity(
  demand: number,
  target_wait: number,
  factor = 4,
  cv_demand = 1,
  cv_capacity = 1,
): number {
  nonNegativeArg('demand', demand);
  positiveArg('target_wait', target_wait);
  positiveArg('factor', factor);
  nonNegativeArg('cv_demand', cv_demand);
  nonNegativeArg('cv_capacity', cv_capacity);
  return demand + ((cv_demand ** 2 + cv_capacity ** 2) / 2) * (factor / target_wait);
}
