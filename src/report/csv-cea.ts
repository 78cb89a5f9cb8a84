/**
 * `cost-effectiveness.csv`: one row per variant and threshold against the comparator.
 * @module
 */
import type { CostEffectiveness } from '../experiment/cea.js';
import { toCsv } from './csv.js';

/**
 * Columns of {@link costEffectivenessCsv}.
 * @example
 * ```ts
 * import { COST_EFFECTIVENESS_COLUMNS } from 'carepath/report';
 * COST_EFFECTIVENESS_COLUMNS.slice(0, 4).join(','); // 'variant,comparator,effect,currency'
 * ```
 */
export const COST_EFFECTIVENESS_COLUMNS = [
  'variant',
  'comparator',
  'effect',
  'currency',
  'delta_cost',
  'delta_cost_ci_low',
  'delta_cost_ci_high',
  'delta_effect',
  'delta_effect_ci_low',
  'delta_effect_ci_high',
  'icer_verdict',
  'icer',
  'icer_ci_kind',
  'icer_ci_low',
  'icer_ci_high',
  'threshold',
  'nmb',
  'nmb_ci_low',
  'nmb_ci_high',
  'nmb_positive_share',
  'n',
] as const;

/**
 * Cost-effectiveness as CSV: a row per variant and threshold, with the increments, the ICER (or
 * the dominance case: `icer` empty), Fieller's interval (`interval`, `outside` for the real line
 * outside it, `unbounded`) and the net monetary benefit with its paired CI.
 * @example
 * ```ts
 * import { costEffectiveness } from 'carepath/analysis';
 * import { costEffectivenessCsv } from 'carepath/report';
 * const run = (variant: string, replication: number, cost: number, qalys: number) =>
 *   ({ variant, replication, economics: { currency: 'GBP', cost, qalys } }) as any;
 * const experiment = { variantNames: ['base', 'ai'], variants: {
 *   base: { replications: [run('base', 0, 1000, 10), run('base', 1, 1100, 10)] },
 *   ai: { replications: [run('ai', 0, 2000, 10.1), run('ai', 1, 2300, 10.12)] } } } as any;
 * costEffectivenessCsv(costEffectiveness(experiment)).split('\n').length; // 4: header, two thresholds, final newline
 * ```
 */
export function costEffectivenessCsv(cea: CostEffectiveness): string {
  const rows = cea.variants.flatMap((v) =>
    v.netBenefit.map((b) => [
      v.variant,
      cea.comparator,
      cea.effect,
      cea.currency,
      v.cost.meanDiff,
      v.cost.ci95[0],
      v.cost.ci95[1],
      v.effect.meanDiff,
      v.effect.ci95[0],
      v.effect.ci95[1],
      v.icer.verdict,
      v.icer.ratio,
      v.icer.ci95.kind,
      v.icer.ci95.kind === 'unbounded' ? undefined : v.icer.ci95.lower,
      v.icer.ci95.kind === 'unbounded' ? undefined : v.icer.ci95.upper,
      b.threshold,
      b.nmb.meanDiff,
      b.nmb.ci95[0],
      b.nmb.ci95[1],
      b.positiveShare,
      b.nmb.n,
    ]),
  );
  return toCsv([...COST_EFFECTIVENESS_COLUMNS], rows);
}
