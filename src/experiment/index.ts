/**
 * Experiments: replications with confidence intervals, fair comparisons of variants (common
 * random numbers), sweeps, goal-seeking, warm-up, worker threads, shards and checkpoints.
 * @module
 */
export { runExperiment, runExperimentSync, DEFAULT_REPLICATIONS, DEFAULT_PRECISION_MIN, DEFAULT_SEED } from './run.js';
export { mergeExperiments } from './merge.js';
export { runSweep, sweepGrid, scenarioAt } from './sweep.js';
export { seekCapacity, stageCapacity, withStageCapacity } from './seek.js';
export { leaversOf, upperBound } from './leavers.js';
export { suggestWarmup } from './warmup.js';
export { mser, warmupWarning, type MserResult } from './mser.js';
export { getPath, setPath } from './paths.js';
export { runMetrics, metricValue, NON_METRIC_FIELDS } from './metrics.js';
export { summarise, pairedDifference, lowerBound, studentTQuantile, studentTCdf, regularizedBeta, halfWidth95 } from './stats.js';
export { seriesBands, summariseRuns, compareRuns } from './aggregate.js';
export { scenarioDigest, canonicalJson } from './digest.js';
export type { CheckpointLine } from './checkpoint.js';
export type * from './types.js';
