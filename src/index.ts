/**
 * carepath — simulate health-service capacity: patient pathways, AI-assisted diagnosis and
 * treatment queues, and the waiting lists they produce.
 *
 * The root holds what a planner's program needs: load and check a scenario, simulate it, run
 * experiments (sweeps, goal-seeking, warm-up), get the instant answer from theory, and render
 * the report. Everything else lives in four subpaths:
 * - `carepath/kernel`: the discrete-event kernel, random streams, durations, distributions, the
 *   resolved model and the manifest, for building on the engine;
 * - `carepath/analysis`: queueing formulas, the NHS-R waiting-list formulas, the referee, and the
 *   statistics and helpers behind experiments;
 * - `carepath/report`: chart specs, tables, CSV and formatting pieces of the report;
 * - `carepath/node`: what needs Node's file system or threads (report bundles, atomic writes,
 *   the worker pool, checkpoints).
 * - `carepath/browser`: the core again for web pages, with no Node built-ins (simulate,
 *   experiments on Web Workers, analyse, chart specs and the answer in words).
 *
 * @example
 * ```ts
 * import { loadExample, runExperiment } from 'carepath';
 * const scenario = loadExample('lung-cancer-ai');
 * const result = await runExperiment({ ...scenario, horizon: '8w' }, { replications: 3, workers: 1 });
 * console.log(result.variants['ai-reporting'].metrics['stages.surgery.waitingAtEnd'].mean);
 * ```
 * @packageDocumentation
 */
import { checkAgainstTheory } from './analysis/check.js';
import type { Model } from './pathway/model.js';
import type { RunResult } from './pathway/result.js';
import type { Scenario } from './pathway/scenario.js';
import { simulate as simulateRun, type SimulateOptions } from './pathway/simulate.js';

// Scenarios: read, check, vary, resolve.
export { loadScenario, parseScenarioText } from './pathway/load.js';
export { loadExample, listExamples } from './pathway/examples.js';
export { parseScenario, scenarioJsonSchema, ScenarioError, type Scenario, type ScenarioInput } from './pathway/scenario.js';
export { validateScenario, type ScenarioValidation } from './pathway/validate.js';
export { applyVariant, variantNames } from './pathway/variants.js';
export { resolveScenario, DEFAULT_SEED } from './pathway/resolve.js';
export { ValidationError } from './core/errors.js';
export type { Model } from './pathway/model.js';
// One run.
export type { SimulateOptions } from './pathway/simulate.js';
export type { SimulationHooks } from './pathway/engine.js';
export type { RunResult } from './pathway/result.js';
export type { ResultManifest } from './pathway/manifest.js';
// Experiments.
export { runExperiment, runExperimentSync } from './experiment/run.js';
export { runSweep } from './experiment/sweep.js';
export { seekCapacity } from './experiment/seek.js';
export { suggestWarmup } from './experiment/warmup.js';
export { mergeExperiments } from './experiment/merge.js';
export type {
  ExperimentOptions,
  ExperimentResult,
  MetricSummary,
  Comparison,
  SweepOptions,
  SweepResult,
  SeekOptions,
  SeekResult,
} from './experiment/types.js';
// The instant answer from theory.
export { analyse, analyseVariants, type AnalyseOptions } from './analysis/analyse.js';
export type { Analysis } from './analysis/types.js';
// The report.
export { renderReport, type ReportInput } from './report/html.js';
export { terminalSummary } from './report/tables.js';
export { summaryCsv, seriesCsv, resultsJson } from './report/csv.js';

/**
 * Runs one replication of a scenario and returns its waiting lists, waits, target shares, time
 * series and manifest; same scenario, seed, replication and variant ⇒ identical result. It also
 * referees the run: where queueing theory gives a stable stage's mean wait exactly, a simulated
 * wait outside the expected sampling error adds a warning to `result.warnings` — a sign that the
 * model or the warm-up is wrong.
 *
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * const mm1 = loadScenario('examples/scenarios/mm1.yaml');
 * const result = simulate({ ...mm1, horizon: 20000 });
 * console.log(result.stages.clinic.wait.mean); // ≈ 9 days, as M/M/1 theory says
 * ```
 */
export function simulate(scenario: Scenario | Model, options: SimulateOptions = {}): RunResult {
  return simulateRun(scenario, { ...options, checks: [checkAgainstTheory, ...(options.checks ?? [])] });
}
