/**
 * The simulator experiments run by default, in the calling thread and in worker threads: the
 * pathway layer's `simulate` refereed by queueing theory, exactly like the package's top-level
 * `simulate`, so a replication inside an experiment carries the same warnings as a single run.
 * @module
 */
import { checkAgainstTheory } from '../analysis/check.js';
import type { RunResult } from '../pathway/result.js';
import type { Scenario } from '../pathway/scenario.js';
import { isModel, simulate as simulateRun, type SimulateOptions } from '../pathway/simulate.js';
import { BASE_VARIANT } from '../pathway/scenario-names.js';
import { ModelCache } from './model-cache.js';

/** This thread's resolved models (an experiment runs each variant once per replication). */
const models = new ModelCache();

/** One refereed replication (see the package's `simulate`). */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  // Disciplines given in code change what validation accepts: those runs resolve as usual.
  const cached = !isModel(scenario) && options.disciplines === undefined && options.hooks?.disciplines === undefined;
  const input = cached ? models.resolve(scenario, options.variant ?? BASE_VARIANT, options.seed, options.replication ?? 0) : scenario;
  return simulateRun(input, { ...options, checks: [checkAgainstTheory, ...(options.checks ?? [])] });
}
