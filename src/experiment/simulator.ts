/**
 * The simulator experiments run by default, in the calling thread and in worker threads: the
 * pathway layer's `simulate` refereed by queueing theory, exactly like the package's top-level
 * `simulate`, so a replication inside an experiment carries the same warnings as a single run.
 * @module
 */
import { checkAgainstTheory } from '../analysis/check.js';
import type { RunResult } from '../pathway/result.js';
import type { Scenario } from '../pathway/scenario.js';
import { simulate as simulateRun, type SimulateOptions } from '../pathway/simulate.js';

/** One refereed replication (see the package's `simulate`). */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  return simulateRun(scenario, { ...options, checks: [checkAgainstTheory, ...(options.checks ?? [])] });
}
