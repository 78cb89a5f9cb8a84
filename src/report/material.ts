/**
 * When a difference between variants is worth colouring: significant (its 95% confidence
 * interval excludes 0) and material (big enough to matter to a planner). A change of +0.3 days
 * on a 60-day wait can be significant with enough runs, yet nobody would act on it.
 * @module
 */
import type { Comparison } from '../experiment/types.js';
import type { MetricUnit } from '../pathway/manifest.js';
import { changeDirection } from './answer.js';

/** Smallest relative change (of the base value) that counts as material. */
export const MATERIAL_RELATIVE = 0.05;

/**
 * Smallest absolute change that counts as material, by unit: half a day, one patient, one
 * percentage point, 0.1 patients a day, half a server-day of overtime. A change must pass both this floor and
 * {@link MATERIAL_RELATIVE} (shares: the floor only, as points already are relative).
 */
export const MATERIAL_FLOOR: Record<MetricUnit, number> = {
  days: 0.5,
  patients: 1,
  share: 0.01,
  'patients per day': 0.1,
  'server-days': 0.5,
  events: Infinity,
  cost: 1,
  QALYs: 0.01,
};

/**
 * The threshold in words, for the report's legend.
 * @example
 * ```ts
 * import { materialityText } from 'carepath/report';
 * materialityText(); // 'at least 5% of the base value and at least 0.5 days, 1 patient, 1 percentage point or 0.1 patients a day'
 * ```
 */
export function materialityText(): string {
  return `at least ${MATERIAL_RELATIVE * 100}% of the base value and at least 0.5 days, 1 patient, 1 percentage point or 0.1 patients a day`;
}

/**
 * Whether a paired difference is material: |mean difference| at least the unit's floor and (but
 * for shares) at least 5% of the base mean.
 * @example
 * ```ts
 * import { isMaterial } from 'carepath/report';
 * isMaterial(0.3, 60, 'days'); // false: under half a day
 * isMaterial(4, 60, 'days');   // true: 6.7% and over half a day
 * isMaterial(0.02, 0.8, 'share'); // true: 2 points
 * ```
 */
export function isMaterial(meanDiff: number, baseMean: number | undefined, unit: MetricUnit): boolean {
  const d = Math.abs(meanDiff);
  if (!Number.isFinite(d) || d < (MATERIAL_FLOOR[unit] ?? 0)) return false;
  if (unit === 'share' || baseMean === undefined || !Number.isFinite(baseMean) || baseMean === 0) return true;
  return d >= MATERIAL_RELATIVE * Math.abs(baseMean);
}

/**
 * Direction of a difference worth colouring: +1 / −1 when it is significant (or from a single
 * run) and material, else 0.
 * @example
 * ```ts
 * import { notableChange } from 'carepath/report';
 * notableChange({ meanDiff: 0.3, sd: 0.1, ci95: [0.2, 0.4], n: 20 }, 60, 'days'); // 0: significant, not material
 * notableChange({ meanDiff: 9, sd: 2, ci95: [8, 10], n: 20 }, 60, 'days');        // 1
 * ```
 */
export function notableChange(c: Comparison | undefined, baseMean: number | undefined, unit: MetricUnit): -1 | 0 | 1 {
  const dir = changeDirection(c);
  return dir !== 0 && isMaterial(c!.meanDiff, baseMean, unit) ? dir : 0;
}
