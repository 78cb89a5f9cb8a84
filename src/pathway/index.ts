/**
 * The pathway layer: scenarios as data, their validation and variants, and the simulation of
 * patients through stages.
 * @module
 */
export { parseScenario, ScenarioError, type Scenario, type ScenarioInput } from './scenario.js';
export { validateScenario, type ScenarioValidation, type ValidateOptions } from './validate.js';
export { loadScenario, parseScenarioText } from './load.js';
export { scenarioJsonSchema } from './scenario.js';
export { applyVariant, mergePatch, variantNames } from './variants.js';
export { resolveScenario } from './resolve.js';
export { simulate, isModel, type SimulateOptions } from './simulate.js';
export type { SimulationHooks, RouteContext, PatientView, DisciplineFunction } from './engine.js';
export { EXIT } from './model.js';
export type * from './model.js';
export type * from './result.js';
export { isReservedId, MAX_ID_LENGTH, RESERVED_IDS } from './validate-ids.js';
export {
  allocationError,
  checkWork,
  DEFAULT_WORK_LIMITS,
  estimateWork,
  WorkLimitError,
  workLimitsOf,
  type ScenarioReadOptions,
  type WorkEstimate,
  type WorkLimits,
} from './work-limits.js';
