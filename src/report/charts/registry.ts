/**
 * The report's charts: a registry of chart builders by name, in report order, and the specs of one result.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Analysis } from '../../analysis/types.js';
import type { CostEffectivenessOptions } from '../../experiment/cea.js';
import type { ExperimentResult } from '../../experiment/types.js';
import { reportCostEffectiveness } from '../economics.js';
import { limitedStageIds, stageIds, targetIds, variantsOf } from '../metrics.js';
import { answerStage, answerStageChartSpec } from './answer-stage.js';
import { bottleneckChartSpec } from './bottleneck.js';
import { cePlaneChartSpec } from './ce-plane.js';
import { ceacChartSpec } from './ceac.js';
import { fitToWidth } from './fit.js';
import { groupWaitsChartSpec } from './group-waits.js';
import { stageListsChartSpec } from './stage-lists.js';
import { stageWaitsChartSpec, utilisationChartSpec } from './stage-bars.js';
import type { ChartOptions } from './style.js';
import { targetsChartSpec } from './targets.js';
import { waitedBandsChartSpec } from './waited-bands.js';
import { waitingListChartSpec } from './waiting-list.js';

export { BASE_COLOUR, chartConfig, variantColours, type ChartOptions } from './style.js';
export { MAX_CHART_POINTS, thinIndices } from './bands.js';
export { answerStage, answerStageChartSpec };
export { waitedBandsChartSpec, groupWaitsChartSpec };
export { waitingListChartSpec, stageListsChartSpec, targetsChartSpec, stageWaitsChartSpec, utilisationChartSpec, bottleneckChartSpec, cePlaneChartSpec, ceacChartSpec };

/**
 * Stages that have a finite capacity in at least one variant's analysis (all when unknown): the
 * fallback for a result without a manifest (see `limitedStageIds`).
 * @example
 * ```ts
 * import { analyse, loadScenario } from 'carepath';
 * import { stagesWithCapacity } from 'carepath/report';
 * const base = analyse(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
 * stagesWithCapacity(['reporting', 'ct', 'staging', 'surgery'], { base }); // [ 'reporting', 'ct', 'surgery' ]
 * ```
 */
export function stagesWithCapacity(stages: string[], analyses: Record<string, Analysis>): string[] {
  const kept = stages.filter((s) =>
    Object.values(analyses).some((a) => {
      const st = a.stages[s];
      return st === undefined || Number.isFinite(st.capacityRate);
    }),
  );
  return kept.length > 0 ? kept : stages;
}

/** Everything needed to build the report's charts. */
export interface ChartInput {
  /** The experiment whose results the charts show. */
  experiment: ExperimentResult;
  /** Variant name → `analyse(scenario, { variant })`; without it there is no bottleneck chart. */
  analyses?: Record<string, Analysis>;
  /** Dates, width, stages and target labels (see {@link ChartOptions}). */
  options?: ChartOptions;
  /** Comparator, effect and thresholds of the cost-effectiveness charts (the scenario's `economics:`). */
  economics?: CostEffectivenessOptions;
}

/**
 * Most stages shown in per-stage charts; beyond it, the ones with the longest lists at the end.
 * @example
 * ```ts
 * import { MAX_CHART_STAGES } from 'carepath/report';
 * MAX_CHART_STAGES; // 24
 * ```
 */
export const MAX_CHART_STAGES = 24;

/** The `n` stages with the longest mean list at the end in any variant, in their original order. */
function busiestStages(experiment: ExperimentResult, stages: string[], n: number): string[] {
  const size = (s: string) =>
    Math.max(0, ...variantsOf(experiment).map((v) => experiment.variants[v]!.metrics[`stages.${s}.waitingAtEnd`]?.mean ?? 0));
  const keep = new Set([...stages].sort((a, b) => size(b) - size(a)).slice(0, n));
  return stages.filter((s) => keep.has(s));
}

/**
 * All the report's chart specs by file-friendly name (`answer-stage`, `waiting-list`, `stage-lists`,
 * `waited-bands`, `targets`, `stage-waits`, `group-waits`, `utilisation`, `bottleneck`, and with
 * economics `ce-plane` and `ceac`), in report order. Charts without data (no weeks-waited series,
 * no targets, no groups that differ materially, no analyses) are left out.
 * @example
 * ```ts
 * import { analyseVariants, loadScenario, runExperimentSync } from 'carepath';
 * import { reportChartSpecs } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const files: Record<string, string> = {};
 * for (const [name, spec] of Object.entries(reportChartSpecs({ experiment: result, analyses: analyseVariants(scenario) }))) {
 *   files[`${name}.vl.json`] = JSON.stringify(spec); // write each to disk
 * }
 * ```
 */
export function reportChartSpecs(input: ChartInput): Record<string, TopLevelSpec> {
  const { experiment, analyses } = input;
  const options = input.options ?? {};
  // A stage without a capacity limit is a delay: nobody waits and nothing is used up, so panels
  // and bars for it would only be noise.
  const limited = limitedStageIds(experiment) ?? (analyses ? stagesWithCapacity(stageIds(experiment), analyses) : undefined);
  const shown = limited ?? stageIds(experiment);
  // Thousands of panels or bars are unreadable, and their sort lists overflow vega's parser.
  const few = shown.length > MAX_CHART_STAGES ? busiestStages(experiment, shown, MAX_CHART_STAGES) : limited;
  const barOptions = options.stages || !few ? options : { ...options, stages: few };
  const specs: Record<string, TopLevelSpec> = {};
  // The chart that carries the answer comes first.
  const answer = answerStageChartSpec(experiment, { ...options, stages: options.stages ?? few ?? shown });
  if (answer) specs['answer-stage'] = answer;
  Object.assign(specs, {
    'waiting-list': waitingListChartSpec(experiment, options),
    'stage-lists': stageListsChartSpec(experiment, barOptions),
  });
  const bands = waitedBandsChartSpec(experiment, options);
  if (bands) specs['waited-bands'] = bands;
  if (targetIds(experiment).length > 0) specs.targets = targetsChartSpec(experiment, options);
  specs['stage-waits'] = stageWaitsChartSpec(experiment, barOptions);
  const groups = groupWaitsChartSpec(experiment, { ...options, stages: barOptions.stages ?? shown });
  if (groups) specs['group-waits'] = groups;
  specs.utilisation = utilisationChartSpec(experiment, barOptions);
  if (analyses && Object.keys(analyses).length > 0) {
    specs.bottleneck = bottleneckChartSpec(analyses, {
      ...options,
      variants: variantsOf(experiment).filter((v) => analyses[v]),
      stages: shown.length > MAX_CHART_STAGES && few ? few : stageIds(experiment),
    });
  }
  // Harm, cost and value: only when the runs carry economics.
  const ce = reportCostEffectiveness(experiment, input.economics ?? {});
  if (ce && 'cea' in ce && ce.cea.variants.length > 0) {
    specs['ce-plane'] = cePlaneChartSpec(experiment, ce.cea, options);
    specs.ceac = ceacChartSpec(experiment, ce.cea, options);
  }
  const width = options.width ?? 760;
  for (const name of Object.keys(specs)) specs[name] = fitToWidth(specs[name]!, width);
  return specs;
}
