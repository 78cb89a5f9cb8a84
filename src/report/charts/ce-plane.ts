/**
 * Chart: the cost-effectiveness plane.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CostEffectiveness } from '../../experiment/cea.js';
import type { ExperimentResult } from '../../experiment/types.js';
import { effectUnit, formatMoney } from '../economics.js';
import { chartConfig, colourScale, SCHEMA, type ChartOptions } from './style.js';

/**
 * The cost-effectiveness plane: each replication's paired difference against the comparator
 * (extra effect across, extra cost up), one colour per variant, the mean as a large dot, and a
 * dashed line per threshold through the origin (below a line: cost-effective at that price).
 * @example
 * ```ts
 * import { costEffectiveness } from 'carepath/analysis';
 * import { cePlaneChartSpec, renderChartSvg } from 'carepath/report';
 * const run = (variant: string, replication: number, cost: number, qalys: number) =>
 *   ({ variant, replication, economics: { currency: 'GBP', cost, qalys } }) as any;
 * const experiment = { variantNames: ['base', 'ai'], variants: {
 *   base: { replications: [run('base', 0, 1000, 10), run('base', 1, 1100, 10)] },
 *   ai: { replications: [run('ai', 0, 2000, 10.1), run('ai', 1, 2300, 10.12)] } } } as any;
 * const svg = await renderChartSvg(cePlaneChartSpec(experiment, costEffectiveness(experiment)));
 * ```
 */
export function cePlaneChartSpec(experiment: ExperimentResult, cea: CostEffectiveness, options: ChartOptions = {}): TopLevelSpec {
  const unit = effectUnit(experiment, cea.effect);
  const points = cea.variants.flatMap((v) => v.plane.effect.map((e, i) => ({ variant: v.variant, effect: e, cost: v.plane.cost[i]!, replication: v.plane.replication[i]! })));
  const means = cea.variants.map((v) => ({ variant: v.variant, effect: v.effect.meanDiff, cost: v.cost.meanDiff }));
  const xs = [0, ...points.map((p) => p.effect)];
  const ys = [0, ...points.map((p) => p.cost)];
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  // Threshold lines, clipped to the points' box so they do not stretch the axes.
  const lines = cea.thresholds.flatMap((t) => {
    const label = `${formatMoney(t, cea.currency)} per ${unit.one}`;
    const clip = (x: number) => Math.min(y1, Math.max(y0, t * x));
    const from = t === 0 ? x0 : Math.max(x0, y0 / t);
    const to = t === 0 ? x1 : Math.min(x1, y1 / t);
    return [
      { threshold: label, effect: from, cost: clip(from) },
      { threshold: label, effect: to, cost: clip(to) },
    ];
  });
  const colour = { field: 'variant', type: 'nominal' as const, scale: colourScale(experiment), title: null };
  return {
    $schema: SCHEMA,
    title: {
      text: `Cost-effectiveness plane (against ${cea.comparator})`,
      subtitle: [
        `Each dot is one run: extra ${unit.many} across, extra cost up; large dot: the mean.`,
        'Dashed lines: the thresholds. Below and right of a line, the variant is worth its cost at that price.',
      ],
    },
    config: chartConfig,
    width: Math.max(200, (options.width ?? 760) - 120),
    height: 320,
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#999' }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#999' }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
      {
        data: { values: lines },
        mark: { type: 'line', strokeDash: [6, 4], color: '#c0392b', strokeWidth: 1.2 },
        encoding: {
          x: { field: 'effect', type: 'quantitative' },
          y: { field: 'cost', type: 'quantitative' },
          detail: { field: 'threshold', type: 'nominal' },
        },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, opacity: 0.55, size: 30 },
        encoding: {
          x: { field: 'effect', type: 'quantitative', title: `extra ${unit.many} against ${cea.comparator}` },
          y: { field: 'cost', type: 'quantitative', title: `extra cost (${cea.currency})`, axis: { format: '~s' } },
          color: colour,
        },
      },
      {
        data: { values: means },
        mark: { type: 'point', filled: true, size: 160, stroke: 'white', strokeWidth: 1.5, opacity: 1 },
        encoding: { x: { field: 'effect', type: 'quantitative' }, y: { field: 'cost', type: 'quantitative' }, color: { ...colour, legend: null } },
      },
    ],
  } as TopLevelSpec;
}
