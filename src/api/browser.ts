/**
 * `carepath/browser`: the core for web pages, with no Node built-ins. Check a scenario (plain
 * data: parse YAML or JSON yourself), simulate it, run experiments on Web Workers (same results
 * as in Node for the same seed), get the instant answer from theory, and build the report's
 * Vega-Lite chart specs and answer sentences. Files, checkpoints and the CLI stay in Node.
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { analyse, runExperiment, simulate } from 'carepath/browser';
 * // In a page the scenario is plain data (fetched JSON, or YAML parsed by the page).
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const one = simulate(scenario);
 * // Pass { workers: 4, worker: () => new Worker(url) } to run on Web Workers.
 * const many = await runExperiment(scenario, { replications: 2, variants: [] });
 * analyse(scenario).bottleneck; // 'reporting'
 * ```
 * @module carepath/browser
 */
import type { Model } from '../pathway/model.js';
import type { RunResult } from '../pathway/result.js';
import type { Scenario } from '../pathway/scenario.js';
import type { SimulateOptions } from '../pathway/simulate.js';
import { simulate as refereed } from '../experiment/simulator.js';

export { runExperiment, type BrowserExperimentOptions } from '../browser/run.js';
export { WebWorkerPool, type WorkerLike } from '../browser/pool.js';
export { RunCache } from '../browser/cache.js';
export type { Executor } from '../experiment/executor.js';
export type { WorkerTask } from '../experiment/worker-protocol.js';
export { serveWorker, type WorkerScope } from '../browser/worker.js';
export { parseScenario, ScenarioError, type Scenario, type ScenarioInput } from '../pathway/scenario.js';
export { validateScenario, type ScenarioValidation } from '../pathway/validate.js';
export { applyVariant, variantNames } from '../pathway/variants.js';
export { resolveScenario, DEFAULT_SEED } from '../pathway/resolve.js';
export { ValidationError } from '../core/errors.js';
export type { Model } from '../pathway/model.js';
export type { SimulateOptions } from '../pathway/simulate.js';
export type { RunResult } from '../pathway/result.js';
export type { ExperimentOptions, ExperimentResult, MetricSummary, Comparison } from '../experiment/types.js';
export { analyse, analyseVariants, type AnalyseOptions } from '../analysis/analyse.js';
export type { Analysis } from '../analysis/types.js';
export { reportChartSpecs, type ChartInput, type ChartOptions } from '../report/charts.js';
export { answerSections, type AnswerSection, type AnswerInput } from '../report/answer.js';

/**
 * Runs one replication of a scenario, refereed by queueing theory, exactly as `simulate` from
 * `carepath` does in Node.
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { simulate } from 'carepath/browser';
 * const scenario = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
 * simulate({ ...scenario, horizon: '8w' }).stages.surgery.waitingAtEnd;
 * ```
 */
export function simulate(scenario: Scenario | Model, options: SimulateOptions = {}): RunResult {
  return refereed(scenario as Scenario, options);
}
