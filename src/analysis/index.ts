/**
 * Analysis: queueing theory as the instant answer (`analyse`) and as the simulator's referee
 * (`checkAgainstTheory`), plus the NHS waiting-list planning formulas.
 * @module
 */
export { analyse, analyseAt, analyseVariants, weekPassing, type AnalyseOptions } from './analyse.js';
export { analyseModel, checkAnalysisSize, MAX_ANALYSIS_STAGES, type AnalyseModelOptions } from './analyse-model.js';
export type { SeasonalityMode } from './inputs.js';
export { erlangB, erlangC, mmcWait, allenCunneenWait, kingmanWait, type QueueMeasures } from './queueing.js';
export {
  queueLoad,
  targetMeanWait,
  targetQueueSize,
  waitingListPressure,
  reliefCapacity,
  targetCapacity,
} from './nhsr.js';
export {
  checkAgainstTheory,
  REFEREE_MIN_TOLERANCE,
  REFEREE_SE_MULTIPLE,
  REFEREE_MAX_RELATIVE_SE,
} from './check.js';
export type * from './types.js';
