/**
 * Chart: each stage's waiting list over time (small multiples).
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/types.js';
import { stageIds, variantsOf } from '../metrics.js';
import { bandLayers, bandRows } from './bands.js';
import { dashScale } from './lines.js';
import { chartConfig, colourScale, SCHEMA, timeAxis, type ChartOptions } from './style.js';

/**
 * Each stage's waiting list over time (small multiples, own y scale each), per variant.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { stageListsChartSpec } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const spec = stageListsChartSpec(result, { stages: ['surgery'] }); // one panel
 * ```
 */
export function stageListsChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec {
  const stages = options.stages ?? stageIds(experiment);
  const rows = variantsOf(experiment).flatMap((v) => {
    const byStage = experiment.variants[v]!.series.byStage;
    return stages.filter((s) => byStage[s]).flatMap((s) => bandRows(v, byStage[s]!, options.startDate, s));
  });
  // Two columns for up to four stages (a square), three beyond: panels stay wide enough to read.
  const width = options.width ?? 760;
  const columns = width < 500 ? 1 : stages.length <= 2 ? Math.max(1, stages.length) : stages.length <= 4 ? 2 : 3;
  return {
    $schema: SCHEMA,
    title: {
      text: 'Waiting list by stage',
      subtitle: 'Each panel has its own scale. Line: median; shading: 90% of runs.',
    },
    config: chartConfig,
    data: { values: rows },
    facet: {
      field: 'stage',
      type: 'nominal',
      sort: stages,
      header: { labelAnchor: 'start', labelFontSize: 12 },
    },
    columns,
    spec: {
      width: columns === 1 ? width - 110 : Math.floor((width - 70 * columns) / columns),
      height: 150,
      encoding: {
        x: { ...timeAxis(options.startDate), ...(options.startDate ? { axis: { format: '%b %y', labelAngle: 0, tickCount: 4 } } : {}) },
        color: { field: 'variant', type: 'nominal', scale: colourScale(experiment) },
      },
      layer: [
        bandLayers('waiting')[0],
        { ...bandLayers('waiting')[1], encoding: { ...bandLayers('waiting')[1]!.encoding, strokeDash: { field: 'variant', type: 'nominal', scale: dashScale(experiment), legend: null } } },
      ],
    },
    // Each panel draws its own x axis: a shared axis would also be drawn under the empty cells
    // of the last row.
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
  } as TopLevelSpec;
}
