/**
 * `carepath/kernel`: the parts to build on. The discrete-event kernel (event calendar, clock and
 * loop, seeded random streams), durations, distributions and their registry, special functions,
 * error helpers, work limits, and the pathway engine's data: the resolved `Model` (from the
 * root), the shapes of a run's result and its manifest. It knows nothing about files or threads.
 * @example
 * ```ts
 * import { Simulation, RandomStreams, compileDistribution } from 'carepath/kernel';
 * const ARRIVAL = 0;
 * const sim = new Simulation();
 * const rng = new RandomStreams(7, 0).stream('arrivals');
 * const gap = compileDistribution({ dist: 'exponential', mean: 2 }, 'gap');
 * let n = 0;
 * sim.schedule(0, ARRIVAL, 0);
 * sim.run(100, () => {
 *   n++;
 *   sim.scheduleAfter(gap.sample(rng), ARRIVAL, 0);
 * });
 * console.log(n); // about 50 arrivals in 100 days
 * ```
 * @module carepath/kernel
 */
export { EventCalendar, MAX_CALENDAR_CAPACITY } from '../core/calendar.js';
export { Simulation, ZeroTimeLoopError, CALLBACK_KIND, type SimulationOptions } from '../core/simulation.js';
export { RandomStreams, deriveSeed, aleaRng, type Rng } from '../core/random.js';
export { counterUniform, keyedUniform, absorbA, absorbB, unabsorbA, streamKey, hashKey } from '../core/counter-random.js';
export {
  parseDuration,
  checkDuration,
  formatDuration,
  DurationSchema,
  DURATION_UNITS,
  DURATION_PATTERN,
  DURATION_JSON_SCHEMA,
  type DurationInput,
} from '../core/duration.js';
export {
  compileDistribution,
  checkDistribution,
  distributionMean,
  distributionJsonSchema,
  DistributionSchema,
  DISTRIBUTION_NAMES,
  MAX_ERLANG_K,
  type DistributionSpec,
  type DistributionName,
  type Sampler,
  distributionAnalysis,
  type DistributionAnalysis,
  type AnalyticTreatment,
  type SamplerObject,
} from '../core/distributions.js';
// Uncertain parameters (probabilistic sensitivity analysis): a distribution where a scenario takes a number.
export type { ParameterSpec } from '../pathway/uncertain-dists.js';
// The distribution registry: what each distribution accepts and how `analyse` treats it.
export {
  DISTRIBUTIONS,
  distributionDefinition,
  isSamplerObject,
  isValidSamplerObject,
  checkSamplerObject,
  squaredCv,
  type DistributionDefinition,
  type Form,
  type Params,
} from '../core/distributions.js';
export type { ParamKind } from '../core/distributions/params.js';
export { normalCdf, normalPdf, normalQuantile, logGamma } from '../core/special.js';
export { invalid, describeValue, formatIssue, joinPath, type Issue } from '../core/errors.js';
// Reading and checking scenarios: options, reserved ids and work limits.
export type { ValidateOptions } from '../pathway/validate.js';
export { isReservedId, MAX_ID_LENGTH, RESERVED_IDS } from '../pathway/validate-ids.js';
export {
  WorkLimitError,
  DEFAULT_WORK_LIMITS,
  estimateWork,
  workLimitsOf,
  type WorkLimits,
  type WorkEstimate,
  type ScenarioReadOptions,
} from '../pathway/work-limits.js';
// The pathway engine's data.
export { EXIT } from '../pathway/model.js';
export type {
  Weekday,
  CapacityPhase,
  ModelTest,
  ModelBranch,
  ModelStage,
  ModelArrival,
  ModelInitial,
  ModelEventRef,
  ModelTarget,
  ModelPool,
} from '../pathway/model.js';
export type { StageLosses } from '../pathway/losses.js';
export { isModel } from '../pathway/simulate.js';
export { mergePatch } from '../pathway/variants.js';
export type { RouteContext, PatientView, DisciplineFunction } from '../pathway/engine.js';
export type {
  WaitSummary,
  StageResult,
  TargetResult,
  PatientCounts,
  RunSeries,
  ConditionResult,
  EconomicsResult,
  ProgressionResult,
  Breakdowns,
  GroupSplit,
  GroupStageResult,
  GroupTargetResult,
  PoolResult,
} from '../pathway/result.js';
export { jsonLinesSink, type PatientRecord, type PatientSink, type StageVisit } from '../pathway/run/records.js';
export {
  resultManifest,
  mergeManifests,
  type MetricInfo,
  type MetricUnit,
  type BetterDirection,
  type ManifestStage,
  type ManifestTarget,
  type ManifestPool,
} from '../pathway/manifest.js';
