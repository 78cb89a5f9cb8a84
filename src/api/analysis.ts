/**
 * `carepath/analysis`: the theory and the statistics. Queueing formulas (Erlang B and C,
 * Allen–Cunneen, Kingman; Erlang-A with abandonment, Cobham's priority waits, the exact daily-slot
 * queue and birth–death chains), the NHS-R waiting-list formulas, the referee that checks a run
 * against theory, and the statistics and helpers behind experiments: Student t summaries and
 * paired differences, MSER warm-up detection, metric and JSON paths, sweep grids and capacity
 * patches, scenario digests. (`analyse` and `analyseVariants` themselves are at the root.)
 * @example
 * ```ts
 * import { erlangC, mmcWait } from 'carepath/analysis';
 * erlangC(3, 2.5); // ≈ 0.702: the chance an arrival waits at an M/M/3 queue with load 2.5
 * mmcWait(2.5, 1, 3)?.wq; // ≈ 1.40 days of mean wait
 * ```
 * @module carepath/analysis
 */
export { analyseAt, weekPassing } from '../analysis/analyse.js';
export { analyseModel, checkAnalysisSize, MAX_ANALYSIS_STAGES, type AnalyseModelOptions } from '../analysis/analyse-model.js';
export type { SeasonalityMode } from '../analysis/inputs.js';
export { erlangB, erlangC, mmcWait, allenCunneenWait, kingmanWait, type QueueMeasures } from '../analysis/queueing.js';
export { erlangA, ERLANG_A_MAX_STATES, type ErlangAMeasures } from '../analysis/erlang-a.js';
export { cobhamMmc, cobhamMg1, type PriorityClassRate, type PriorityWaits } from '../analysis/cobham.js';
export { dailySlotsQueue, SLOTS_MAX_STATES, SLOTS_MAX_WORK, type SlotQueueMeasures } from '../analysis/slots-chain.js';
export { birthDeath, BIRTH_DEATH_MAX_STATES, type BirthDeathStats } from '../analysis/birth-death.js';
export { queueLoad, targetMeanWait, targetQueueSize, waitingListPressure, reliefCapacity, targetCapacity } from '../analysis/nhsr.js';
export { checkAgainstTheory, REFEREE_MIN_TOLERANCE, REFEREE_SE_MULTIPLE, REFEREE_MAX_RELATIVE_SE } from '../analysis/check.js';
export type { WaitMethod, StageWait, StageAnalysis, PhaseStage, AnalysisPhase, NoteAudience, PoolAnalysis } from '../analysis/types.js';
// Statistics and helpers behind experiments.
export { DEFAULT_REPLICATIONS, DEFAULT_PRECISION_MIN } from '../experiment/run.js';
export { sweepGrid, scenarioAt } from '../experiment/sweep.js';
export { stageCapacity, withStageCapacity } from '../experiment/seek.js';
export { leaversOf, upperBound } from '../experiment/leavers.js';
export type { SeekableKind } from '../pathway/capacity.js';
export { mser, warmupWarning, type MserResult } from '../experiment/mser.js';
export { getPath, setPath, numberAt } from '../experiment/paths.js';
export { checkScenarioPath } from '../experiment/scenario-paths.js';
export { runMetrics, metricValue, NON_METRIC_FIELDS } from '../experiment/metrics.js';
export { summarise, pairedDifference, lowerBound, studentTQuantile, studentTCdf, regularizedBeta, halfWidth95 } from '../experiment/stats.js';
export { seriesBands, summariseRuns, compareRuns } from '../experiment/aggregate.js';
export { scenarioDigest, canonicalJson } from '../experiment/digest.js';
// Cost-effectiveness: ICER, net monetary benefit, acceptability curve, parameter-uncertainty split.
export {
  costEffectiveness,
  DEFAULT_THRESHOLDS,
  type CostEffectiveness,
  type CostEffectivenessOptions,
  type VariantCostEffectiveness,
  type Icer,
  type IcerVerdict,
  type NetBenefit,
} from '../experiment/cea.js';
export { acceptabilityCurve, thresholdGrid, type AcceptabilityCurve, type OptionDraws } from '../experiment/ceac.js';
export { fiellerInterval, type RatioInterval } from '../experiment/fieller.js';
export { varianceSplit, type VarianceSplit } from '../experiment/psa-variance.js';
export type { MergeOptions } from '../experiment/merge.js';
export type {
  SeriesBand,
  VariantSeries,
  VariantResult,
  ExperimentMeta,
  PrecisionOutcome,
  ProgressInfo,
  SimulateFn,
  SweepPoint,
  SeekEvaluation,
  Leavers,
  StageLeavers,
  WarmupOptions,
  WarmupSuggestion,
} from '../experiment/types.js';
