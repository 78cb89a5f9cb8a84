/**
 * Chart: the total waiting list over time.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/types.js';
import { replicationCount, variantsOf } from '../metrics.js';
import { bandLayers, bandRows } from './bands.js';
import { chartConfig, colourScale, SCHEMA, timeAxis, type ChartOptions } from './style.js';

/**
 * The total waiting list over time, one colour per variant: the median over replications as a
 * line, and the band where 90% of runs fall (5th–95th percentile).
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { renderChartSvg, waitingListChartSpec } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const spec = waitingListChartSpec(result, { startDate: '2026-01-05' });
 * const svg = await renderChartSvg(spec); // write it to waiting-list.svg
 * ```
 */
export function waitingListChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec {
  const rows = variantsOf(experiment).flatMap((v) => bandRows(v, experiment.variants[v]!.series.waiting, options.startDate));
  return {
    $schema: SCHEMA,
    title: {
      text: 'Total waiting list',
      subtitle: `Patients on any list. Line: median of ${replicationCount(experiment)} runs; shading: 90% of runs (5th–95th percentile).`,
    },
    width: options.width ?? 760,
    height: 300,
    config: chartConfig,
    data: { values: rows },
    encoding: { x: timeAxis(options.startDate), color: { field: 'variant', type: 'nominal', scale: colourScale(experiment) } },
    layer: bandLayers('patients waiting'),
  } as TopLevelSpec;
}

