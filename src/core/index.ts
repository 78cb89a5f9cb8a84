/**
 * The discrete-event kernel: event calendar, simulation clock and loop, seeded random streams,
 * durations and distributions. It knows nothing about health; the pathway engine builds on it.
 * @module
 */
export { EventCalendar, MAX_CALENDAR_CAPACITY } from './calendar.js';
export { Simulation, ZeroTimeLoopError, CALLBACK_KIND, type SimulationOptions } from './simulation.js';
export { RandomStreams, deriveSeed, aleaRng, type Rng } from './random.js';
export { counterUniform, keyedUniform, absorbA, absorbB, unabsorbA, streamKey, hashKey } from './counter-random.js';
export {
  parseDuration,
  checkDuration,
  formatDuration,
  DurationSchema,
  DURATION_UNITS,
  DURATION_PATTERN,
  DURATION_JSON_SCHEMA,
  type DurationInput,
} from './duration.js';
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
} from './distributions.js';
export { normalCdf, normalPdf, normalQuantile, logGamma } from './special.js';
export { ValidationError, invalid, describeValue, formatIssue, joinPath, type Issue } from './errors.js';
