/**
 * Chart: the cost-effectiveness acceptability curve.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CostEffectiveness } from '../../experiment/cea.js';
import type { ExperimentResult } from '../../experiment/types.js';
import { effectUnit } from '../economics.js';
import { chartConfig, colourScale, SCHEMA, type ChartOptions } from './style.js';

/**
 * The acceptability curve: for each willingness-to-pay threshold, the share of runs in which
 * each option (the comparator included) has the highest net monetary benefit; grey rules mark
 * the thresholds the report quotes.
 * @example
 * ```ts
 * import { costEffectiveness } from 'carepath/analysis';
 * import { ceacChartSpec, renderChartSvg } from 'carepath/report';
 * const run = (variant: string, replication: number, cost: number, qalys: number) =>
 *   ({ variant, replication, economics: { currency: 'GBP', cost, qalys } }) as any;
 * const experiment = { variantNames: ['base', 'ai'], variants: {
 *   base: { replications: [run('base', 0, 1000, 10), run('base', 1, 1100, 10)] },
 *   ai: { replications: [run('ai', 0, 2000, 10.1), run('ai', 1, 2300, 10.12)] } } } as any;
 * const svg = await renderChartSvg(ceacChartSpec(experiment, costEffectiveness(experiment)));
 * ```
 */
export function ceacChartSpec(experiment: ExperimentResult, cea: CostEffectiveness, options: ChartOptions = {}): TopLevelSpec {
  const unit = effectUnit(experiment, cea.effect);
  const curve = cea.acceptability;
  const rows = Object.entries(curve.probability).flatMap(([variant, ps]) => ps.map((p, i) => ({ variant, threshold: curve.thresholds[i]!, p })));
  return {
    $schema: SCHEMA,
    title: {
      text: 'Cost-effectiveness acceptability curve',
      subtitle: [
        `Share of ${curve.n} runs in which each option has the highest net monetary benefit, by what one ${unit.one} is worth.`,
        'Grey lines: the thresholds quoted in the tables.',
      ],
    },
    config: chartConfig,
    width: Math.max(200, (options.width ?? 760) - 120),
    height: 260,
    layer: [
      {
        data: { values: cea.thresholds.map((t) => ({ t })) },
        mark: { type: 'rule', color: '#bbb', strokeDash: [4, 3] },
        encoding: { x: { field: 't', type: 'quantitative' } },
      },
      {
        data: { values: rows },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: {
          x: { field: 'threshold', type: 'quantitative', title: `threshold (${cea.currency} per ${unit.one})`, axis: { format: '~s' } },
          y: { field: 'p', type: 'quantitative', title: 'probability best', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: { field: 'variant', type: 'nominal', scale: colourScale(experiment), title: null },
          strokeDash: { field: 'variant', type: 'nominal', legend: null },
        },
      },
    ],
  } as TopLevelSpec;
}
