/**
 * The error thrown for an invalid scenario.
 * @module
 */
import { ValidationError, type Issue } from '../core/errors.js';

/**
 * Thrown by {@link parseScenario}, {@link loadScenario}, {@link applyVariant} and
 * {@link resolveScenario} when a scenario is invalid. `issues` lists every problem found, each
 * with its path (`stages.ct.capacity.slots`) and a message naming the value given and what
 * was expected. Problems found only in a variant have paths like
 * `variants.ai: stages.surgery.capacity.slots`.
 * @example
 * ```ts
 * import { parseScenario, ScenarioError } from 'carepath';
 * const data = { version: 1, name: 'clinic', horizon: '1y', arrivals: { gp: { to: 'clinic', rate: { perDay: 0.9 } } },
 *   stages: { clinic: { capacity: { servers: -2 } } } };
 * try { parseScenario(data); } catch (e) { if (e instanceof ScenarioError) console.log(e.issues); }
 * // [ { path: 'stages.clinic.capacity.servers', message: 'expected a positive integer, got -2' } ]
 * ```
 */
export class ScenarioError extends ValidationError {
  /**
   * Builds the error and its message from the issues.
   * @param issues Every problem found (at least one), each with its path and message.
   * @param heading First line of the message when there is more than one problem.
   */
  constructor(issues: Issue[], heading = 'invalid scenario') {
    super(issues, heading);
    this.name = 'ScenarioError';
  }
}
