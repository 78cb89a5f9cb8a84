/**
 * Chart: the list that carries the answer — the stage whose waiting list at the end differs most
 * between variants, over time, on its own scale (a busy stage's scale would flatten it).
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/types.js';
import { formatApprox } from '../format.js';
import { stageIds, variantsOf } from '../metrics.js';
import { variantLinesSpec } from './lines.js';
import type { ChartOptions } from './style.js';

/**
 * The stage whose mean list at the end changes most between variants (largest minus smallest).
 * With two or more variants besides `base`, between those: the total-list chart already shows
 * what they change against base, and the choice between them is the answer. With one variant,
 * the stage with the longest list. Ties go to the first stage in scenario order; undefined when
 * no stage has a series.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { answerStage } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '26w' }, { replications: 2 });
 * answerStage(result); // e.g. 'surgery'
 * ```
 */
export function answerStage(experiment: ExperimentResult, stages: string[] = stageIds(experiment)): string | undefined {
  const all = variantsOf(experiment);
  const others = all.filter((v) => v !== 'base');
  const variants = others.length >= 2 ? others : all;
  let best: string | undefined;
  let bestScore = -Infinity;
  for (const s of stages) {
    const ends = variants
      .map((v) => experiment.variants[v]!.metrics[`stages.${s}.waitingAtEnd`]?.mean)
      .filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    if (ends.length === 0 || !variants.some((v) => experiment.variants[v]!.series.byStage[s])) continue;
    const score = ends.length > 1 ? Math.max(...ends) - Math.min(...ends) : ends[0]!;
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/**
 * The waiting list of {@link answerStage} over time per variant, with its own scale, dashes and
 * end labels; undefined when there is no such stage.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { answerStageChartSpec, renderChartSvg } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '26w' }, { replications: 2 });
 * const spec = answerStageChartSpec(result);
 * if (spec) await renderChartSvg(spec);
 * ```
 */
export function answerStageChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec | undefined {
  const stage = answerStage(experiment, options.stages);
  if (stage === undefined) return undefined;
  const all = variantsOf(experiment);
  const others = all.filter((v) => v !== 'base');
  const variants = others.length >= 2 ? others : all;
  const ends = variants.map((v) => experiment.variants[v]!.metrics[`stages.${stage}.waitingAtEnd`]?.mean ?? NaN);
  const finite = ends.filter(Number.isFinite);
  const range = finite.length > 1 ? `${formatApprox(Math.min(...finite))} to ${formatApprox(Math.max(...finite))} at the end` : '';
  return variantLinesSpec(
    experiment,
    (v) => experiment.variants[v]?.series.byStage[stage],
    {
      title: `Waiting list for ${stage}`,
      subtitle: [`The list that differs most between variants${range ? ` (${range})` : ''}.`, 'Its own scale. Line: median; shading: 90% of runs.'],
      yTitle: `waiting for ${stage}`,
    },
    options,
  );
}
