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
