/**
 * Chart: the total waiting list over time.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/types.js';
import { replicationCount } from '../metrics.js';
import { variantLinesSpec } from './lines.js';
import type { ChartOptions } from './style.js';

/**
 * The total waiting list over time, one colour and dash pattern per variant, labelled at its end:
 * the median over replications as a line, and the band where 90% of runs fall (5th–95th percentile).
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
  return variantLinesSpec(
    experiment,
    (v) => experiment.variants[v]?.series.waiting,
    {
      title: 'Total waiting list',
      subtitle: ['Patients on any list.', `Line: median of ${replicationCount(experiment)} runs; shading: 90% of runs.`],
      yTitle: 'patients waiting',
    },
    options,
  );
}
