/**
 * Chart: waiting-time standards against their goals.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/types.js';
import { formatPercent, humanise } from '../format.js';
import { metricPath, metricSummary, targetGoal, targetIds, variantsOf } from '../metrics.js';
import { chartConfig, colourScale, SCHEMA, type ChartOptions } from './style.js';

function targetLabel(target: string, goal: number | undefined, names: Record<string, string> = {}): string {
  const name = names[target] || humanise(target);
  return goal === undefined ? name : `${name} (goal ${formatPercent(goal, 0)})`;
}

/**
 * Waiting-time standards: each variant's share of patients seen within the target time, with its
 * 95% confidence interval, against the goal (red dashed line). One row per target.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { renderChartSvg, targetsChartSpec } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const svg = await renderChartSvg(targetsChartSpec(result));
 * ```
 */
export function targetsChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec {
  const targets = targetIds(experiment);
  const variants = variantsOf(experiment);
  const narrow = (options.width ?? 760) < 500;
  const variantY = { field: 'variant', type: 'nominal', sort: variants, title: null, axis: { labelLimit: narrow ? 110 : 260 } };
  const rows = targets.flatMap((t) => {
    const goal = targetGoal(experiment, t);
    return variants.flatMap((v) => {
      const s = metricSummary(experiment, v, metricPath.targetShare(t));
      if (!s) return [];
      return [
        {
          target: targetLabel(t, goal, options.targetDescriptions),
          variant: v,
          mean: s.mean,
          // A t interval of a mean share can pass 0% or 100% with few runs; the axis cannot.
          lo: Math.max(0, s.ci95[0]),
          hi: Math.min(1, s.ci95[1]),
          goal: goal ?? null,
          label: formatPercent(s.mean),
        },
      ];
    });
  });
  return {
    $schema: SCHEMA,
    title: {
      text: 'Waiting-time standards',
      subtitle: 'Share of patients within each standard\u2019s time, with 95% confidence interval. Red dashed line: the goal.',
    },
    config: chartConfig,
    data: { values: rows },
    facet: {
      row: {
        field: 'target',
        type: 'nominal',
        sort: targets.map((t) => targetLabel(t, targetGoal(experiment, t), options.targetDescriptions)),
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontSize: 12 },
      },
    },
    spec: {
      // Room left for the variant names on the left and the value labels on the right.
      width: Math.max(narrow ? 150 : 120, (options.width ?? 760) - (narrow ? 190 : 360)),
      height: { step: 22 },
      layer: [
        {
          mark: { type: 'rule', color: '#c0392b', strokeDash: [5, 3], strokeWidth: 1.5 },
          encoding: { x: { field: 'goal', type: 'quantitative' } },
        },
        {
          mark: { type: 'rule', strokeWidth: 2.5 },
          encoding: {
            y: variantY,
            x: { field: 'lo', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '%', title: null } },
            x2: { field: 'hi' },
            color: { field: 'variant', type: 'nominal', scale: colourScale(experiment), legend: null },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 80, opacity: 1 },
          encoding: {
            y: variantY,
            x: { field: 'mean', type: 'quantitative' },
            color: { field: 'variant', type: 'nominal', scale: colourScale(experiment), legend: null },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 8, fontSize: 11, color: '#333' },
          encoding: { y: variantY, x: { field: 'hi', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    },
  } as TopLevelSpec;
}
