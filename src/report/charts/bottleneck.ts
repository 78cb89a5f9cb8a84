/**
 * Chart: the bottleneck per variant from queueing theory.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Analysis } from '../../analysis/types.js';
import { formatApprox, formatPercent } from '../format.js';
import { chartConfig, SCHEMA, type ChartOptions } from './style.js';

/** Category of a stage's load (demand ÷ capacity) in the bottleneck chart. */
function loadBand(utilisation: number, capacityRate: number, demandUtilisation: number | undefined): string {
  if (!Number.isFinite(capacityRate)) return 'no capacity limit';
  if (utilisation >= 1) return 'over capacity';
  if (demandUtilisation !== undefined && demandUtilisation >= 1) return 'over once upstream keeps up';
  if (utilisation >= 0.85) return '85–100%';
  return 'under 85%';
}

/**
 * The bottleneck per variant from queueing theory (`analyse`): demand ÷ capacity for every stage
 * and variant; stages over capacity are red and show how fast their list grows; the bottleneck
 * (the stage that caps throughput) is outlined.
 * @example
 * ```ts
 * import { analyseVariants, loadScenario } from 'carepath';
 * import { bottleneckChartSpec, renderChartSvg } from 'carepath/report';
 * const svg = await renderChartSvg(bottleneckChartSpec(analyseVariants(loadScenario('examples/scenarios/lung-cancer-ai.yaml'))));
 * ```
 */
export function bottleneckChartSpec(
  analyses: Record<string, Analysis>,
  options: ChartOptions & { variants?: string[] } = {},
): TopLevelSpec {
  const variants = options.variants ?? Object.keys(analyses);
  const stages = options.stages ?? [...new Set(variants.flatMap((v) => Object.keys(analyses[v]?.stages ?? {})))];
  const rows = variants.flatMap((v) => {
    const a = analyses[v];
    if (!a) return [];
    return stages
      .filter((s) => a.stages[s])
      .map((s) => {
        const st = a.stages[s]!;
        const unlimited = !Number.isFinite(st.capacityRate);
        const band = loadBand(st.utilisation, st.capacityRate, st.demandUtilisation);
        const lines = unlimited ? ['no limit'] : [formatPercent(st.utilisation, 0)];
        if (!unlimited && st.growthPerWeek > 0) lines.push(`+${formatApprox(st.growthPerWeek)}/wk`);
        if (band === 'over once upstream keeps up') lines.push(`demand ${formatPercent(st.demandUtilisation, 0)}`);
        return {
          variant: v,
          stage: s,
          band,
          label: lines.join('\n'),
          bottleneck: a.bottleneck === s,
        };
      });
  });
  const narrow = (options.width ?? 760) < 500;
  const cell = Math.max(narrow ? 64 : 84, Math.min(130, Math.floor(((options.width ?? 760) - (narrow ? 180 : 430)) / Math.max(1, stages.length))));
  return {
    $schema: SCHEMA,
    title: {
      text: 'Where demand meets capacity (theory)',
      subtitle: 'Arrivals ÷ capacity per stage at steady state. Over 100% the list grows every week; outlined: the bottleneck.',
    },
    config: chartConfig,
    width: { step: cell },
    height: { step: 50 },
    data: { values: rows },
    encoding: {
      x: { field: 'stage', type: 'nominal', sort: stages, title: null, axis: { orient: 'top', labelAngle: 0, labelFontSize: 12, labelFontWeight: 'bold', domain: false, ticks: false } },
      y: { field: 'variant', type: 'nominal', sort: variants, title: null, axis: { labelFontSize: 12, domain: false, ticks: false } },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
        encoding: {
          color: {
            field: 'band',
            type: 'nominal',
            title: null,
            legend: { orient: narrow ? 'bottom' : 'right', ...(narrow ? { columns: 1 } : {}), symbolSize: 180, labelFontSize: 12, rowPadding: 6 },
            scale: {
              domain: ['under 85%', '85–100%', 'over once upstream keeps up', 'over capacity', 'no capacity limit'],
              range: ['#d9efdc', '#fbe3a6', '#f4b183', '#d9534f', '#eef0f2'],
            },
          },
        },
      },
      {
        transform: [{ filter: 'datum.bottleneck' }],
        mark: { type: 'rect', fill: null, stroke: '#1d2b3a', strokeWidth: 3 },
      },
      {
        mark: { type: 'text', fontSize: 12, lineBreak: '\n', lineHeight: 14 },
        encoding: {
          text: { field: 'label' },
          color: { condition: { test: "datum.band === 'over capacity'", value: 'white' }, value: '#222' },
        },
      },
    ],
  } as TopLevelSpec;
}
