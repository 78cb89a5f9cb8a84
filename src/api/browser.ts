/**
 * `carepath/browser`: the core for web pages, with no Node built-ins. Check a scenario (plain
 * data: parse YAML or JSON yourself), simulate it, run experiments on Web Workers (same results
 * as in Node for the same seed), get the instant answer from theory, and build the report's
 * Vega-Lite chart specs and answer sentences. Files, checkpoints and the CLI stay in Node.
 * @example
 * ```ts
 * import { analyse, runExperiment, simulate } from 'carepath/browser';
 * const scenario = await (await fetch('lung-cancer-ai.json')).json();
 * const one = simulate({ ...scenario, horizon: '8w' });
 * const worker = () => new Worker(new URL('./carepath-worker.js', import.meta.url), { type: 'module' });
 * const many = await runExperiment({ ...scenario, horizon: '8w' }, { replications: 10, workers: 4, worker });
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
 * import { simulate } from 'carepath/browser';
 * simulate({ ...scenario, horizon: '8w' }).stages.surgery.waitingAtEnd;
 * ```
 */
export function simulate(scenario: Scenario | Model, options: SimulateOptions = {}): RunResult {
  return refereed(scenario as Scenario, options);
}
