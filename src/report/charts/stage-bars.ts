/**
 * Charts: per-stage bars (mean wait, utilisation) per variant.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/types.js';
import { formatDays, formatPercent } from '../format.js';
import { metricPath, metricSummary, stageIds, variantsOf } from '../metrics.js';
import { chartConfig, colourScale, SCHEMA, type ChartOptions } from './style.js';

/** Grouped horizontal bars of one per-stage metric, per variant, with optional 95% CI whiskers. */
function stageBarsSpec(
  experiment: ExperimentResult,
  options: ChartOptions,
  metric: (stage: string) => string,
  text: { title: string; subtitle: string; axis: string; format: string; label: (v: number) => string },
  referenceLine?: number,
): TopLevelSpec {
  const stages = options.stages ?? stageIds(experiment);
  const variants = variantsOf(experiment);
  const rows = stages.flatMap((stage) =>
    variants.flatMap((v) => {
      const s = metricSummary(experiment, v, metric(stage));
      return s ? [{ stage, variant: v, mean: s.mean, lo: s.ci95[0], hi: s.ci95[1], label: text.label(s.mean) }] : [];
    }),
  );
  const maxX = Math.max(referenceLine ?? 0, ...rows.map((r) => r.hi).filter(Number.isFinite));
  const y = {
    y: { field: 'stage', type: 'nominal', sort: stages, title: null, axis: { labelFontSize: 12, labelFontWeight: 'bold' } },
    yOffset: { field: 'variant', type: 'nominal', sort: variants },
  };
  const layers: unknown[] = [
    {
      mark: { type: 'bar', height: { band: 0.85 }, cornerRadiusEnd: 2 },
      encoding: {
        ...y,
        x: { field: 'mean', type: 'quantitative', title: text.axis, axis: { format: text.format }, scale: { domain: [0, maxX * 1.12 || 1] } },
        color: { field: 'variant', type: 'nominal', scale: colourScale(experiment) },
      },
    },
    {
      mark: { type: 'rule', color: '#222', strokeWidth: 1.2 },
      encoding: { ...y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
    },
    {
      mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#333' },
      encoding: { ...y, x: { field: 'hi', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
  if (referenceLine !== undefined) {
    layers.push({
      data: { values: [{ ref: referenceLine }] },
      mark: { type: 'rule', color: '#c0392b', strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: { x: { field: 'ref', type: 'quantitative' } },
    });
  }
  return {
    $schema: SCHEMA,
    title: { text: text.title, subtitle: text.subtitle },
    width: (options.width ?? 760) - 120,
    height: stages.length * (15 * variants.length + 14),
    config: chartConfig,
    data: { values: rows },
    layer: layers,
  } as TopLevelSpec;
}

/**
 * Mean wait on each stage's list per variant (days), with 95% confidence intervals.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { renderChartSvg, stageWaitsChartSpec } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const svg = await renderChartSvg(stageWaitsChartSpec(result, { stages: ['ct', 'surgery'] }));
 * ```
 */
export function stageWaitsChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec {
  return stageBarsSpec(experiment, options, metricPath.stageWaitMean, {
    title: 'Wait on each stage\u2019s list',
    subtitle: 'Mean days from joining the list to starting, for patients who started; black line: 95% confidence interval.',
    axis: 'mean wait (days)',
    format: ',.0f',
    label: (v) => `${formatDays(v)} d`,
  });
}

/**
 * Simulated utilisation by stage per variant, with the 100% line.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { renderChartSvg, utilisationChartSpec } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const svg = await renderChartSvg(utilisationChartSpec(result));
 * ```
 */
export function utilisationChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec {
  return stageBarsSpec(
    experiment,
    options,
    metricPath.stageUtilisation,
    {
      title: 'Utilisation by stage',
      subtitle: 'Share of capacity used in the simulation (busy time, or slots used). Near 100%, lists grow.',
      axis: 'utilisation',
      format: '%',
      label: (v) => formatPercent(v, 0),
    },
    1,
  );
}
