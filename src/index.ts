/**
 * carepath — simulate health-service capacity: patient pathways, AI-assisted diagnosis and
 * treatment queues, and the waiting lists they produce.
 *
 * Layers, each depending only on those above it in this list:
 * - kernel (`Simulation`, `EventCalendar`, `RandomStreams`, distributions): knows nothing about health;
 * - pathway (`loadScenario`, `parseScenario`, `simulate`): scenarios as data, stages, patients, metrics;
 * - analysis (`analyse`, Erlang C, the NHS-R waiting-list formulas): the instant answer and referee;
 * - experiment (`runExperiment`, `runSweep`, `seekCapacity`, `mergeExperiments`): runs into evidence;
 * - report (`renderReport`, `writeReportBundle`, chart specs, CSV): what a planner reads.
 *
 * @example
 * ```ts
 * import { loadScenario, runExperiment } from 'carepath';
 * const scenario = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
 * const result = await runExperiment(scenario, { replications: 20 });
 * console.log(result.variants['ai-reporting'].metrics['stages.surgery.waitingAtEnd'].mean);
 * ```
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './pathway/index.js';
export * from './analysis/index.js';
export * from './experiment/index.js';
export * from './report/index.js';
// Both the kernel and the report format durations; the kernel's form parses back as input.
export { formatDuration } from './core/index.js';
export { loadExample, listExamples } from './pathway/examples.js';

import { checkAgainstTheory } from './analysis/index.js';
import { simulate as simulateRun, type SimulateOptions } from './pathway/simulate.js';
import type { Model } from './pathway/model.js';
import type { RunResult } from './pathway/result.js';
import type { Scenario } from './pathway/schema.js';

/**
 * Runs one replication of a scenario (see the pathway layer's `simulate`), and referees it:
 * where queueing theory gives a stable stage's mean wait exactly, a simulated wait outside the
 * expected sampling error adds a warning to `result.warnings` — a sign that the model or the
 * warm-up is wrong.
 *
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * const result = simulate(loadScenario('examples/scenarios/mm1.yaml'));
 * console.log(result.stages.clinic.wait.mean); // ≈ 9 days, as M/M/1 theory says
 * ```
 */
export function simulate(scenario: Scenario | Model, options: SimulateOptions = {}): RunResult {
  return simulateRun(scenario, { ...options, checks: [checkAgainstTheory, ...(options.checks ?? [])] });
}
