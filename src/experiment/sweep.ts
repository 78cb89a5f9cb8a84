/**
 * `runSweep`: an experiment at every point of a grid of scenario parameters.
 * @module
 */
import { describeValue, invalid, ValidationError } from '../core/errors.js';
import { parseScenario, type Scenario, type ScenarioInput } from '../pathway/scenario.js';
import { cloneJson } from '../pathway/scenario-json.js';
import { splitPath, setPath } from './paths.js';
import { checkScenarioPath, refuseWarnings } from './scenario-paths.js';
import { leaversOf } from './leavers.js';
import { type Executor, WorkerPool } from './pool.js';
import { resolveWorkers, runExperimentWith } from './run.js';
import type { ExperimentOptions, SweepOptions, SweepPoint, SweepResult } from './types.js';

/**
 * The cartesian product of the value lists, first path outermost.
 * @example
 * ```ts
 * import { sweepGrid } from 'carepath/analysis';
 * sweepGrid({ a: [1, 2], b: ['x', 'y'] });
 * // [{ a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }]
 * ```
 */
export function sweepGrid(set: Record<string, unknown[]>): Record<string, unknown>[] {
  let grid: Record<string, unknown>[] = [{}];
  for (const [path, values] of Object.entries(set)) {
    const next: Record<string, unknown>[] = [];
    for (const point of grid) for (const v of values) next.push({ ...point, [path]: v });
    grid = next;
  }
  return grid;
}

/**
 * The scenario with `values` (path → value) set in its base, re-validated. Each path must name
 * existing ids (`stages.clnic…` is an error with a "did you mean" hint, not a new stage; see
 * {@link checkScenarioPath}). Intermediate fields are created as needed; stepping into a number (e.g. `capacity: 7` then `…capacity.slots`) is a
 * ValidationError naming the path. A value the scenario format rejects gives the ScenarioError of
 * {@link parseScenario}, naming the path.
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { scenarioAt } from 'carepath/analysis';
 * const s9 = scenarioAt(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { 'stages.surgery.capacity.slots': 9 });
 * s9.stages.surgery.capacity; // { slots: 9, per: 'week', days: ['mon', 'wed', 'fri'] }
 * ```
 */
export function scenarioAt(scenario: Scenario, values: Record<string, unknown>): Scenario {
  const copy = cloneJson(scenario) as Record<string, unknown>; // keeps sampler objects (structuredClone cannot)
  for (const [path, value] of Object.entries(values)) {
    checkScenarioPath(scenario, path);
    setPath(copy, path, value);
  }
  return parseScenario(copy as ScenarioInput);
}

function checkSet(set: unknown): asserts set is Record<string, unknown[]> {
  if (typeof set !== 'object' || set === null || Array.isArray(set) || Object.keys(set).length === 0) {
    throw invalid('set', `expected at least one path with a list of values, e.g. { 'stages.surgery.capacity.slots': [7, 8, 9] }, got ${describeValue(set)}`);
  }
  for (const [path, values] of Object.entries(set)) {
    splitPath(path);
    if (!Array.isArray(values) || values.length === 0) throw invalid(`set.${path}`, `expected a non-empty list of values, got ${describeValue(values)}`);
  }
}

/**
 * Runs one experiment per point of a grid over scenario parameters. `set` maps a dotted path in
 * the base scenario to the values to try; the grid is their cartesian product (first path
 * outermost). Each point's scenario is validated before anything runs, so a bad value fails fast.
 * A point whose scenario has validation warnings (say, a stage no longer reachable) is an error
 * unless `allowWarnings` is set. Every point uses the same seed and replication indices (common
 * random numbers across points). Each point also states, per variant, the patients who left
 * untreated and those still waiting at the end, in total and per stage (`leavers`, see {@link leaversOf}).
 * @example
 * ```ts
 * import { loadScenario, runSweep } from 'carepath';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const sweep = await runSweep(scenario, { set: { 'stages.surgery.capacity.slots': [7, 9] }, replications: 3, variants: [], workers: 1 });
 * for (const p of sweep.points) console.log(p.values, p.result.variants.base.metrics['targets.treatment-31d.share'].mean);
 * ```
 */
export async function runSweep(scenario: Scenario, options: SweepOptions): Promise<SweepResult> {
  const { set, onPoint, allowWarnings, ...experiment } = options;
  checkSet(set);
  const grid = sweepGrid(set);
  const scenarios = grid.map((values) => scenarioAt(scenario, values));
  if (!allowWarnings) {
    grid.forEach((values, i) => refuseWarnings(scenarios[i], Object.entries(values).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')));
  }
  if (experiment.checkpoint !== undefined) {
    throw new ValidationError([{ path: 'checkpoint', message: 'a sweep runs several scenarios; checkpoints are per experiment (run the points one by one to checkpoint them)' }]);
  }
  const workers = resolveWorkers(experiment, scenario);
  const pool: Executor | undefined = workers > 1 ? new WorkerPool(workers) : undefined;
  const points: SweepPoint[] = [];
  try {
    for (let i = 0; i < grid.length; i++) {
      const opts: ExperimentOptions = { ...experiment, workers };
      const result = await runExperimentWith(scenarios[i]!, opts, pool);
      const leavers = Object.fromEntries(Object.entries(result.variants).map(([v, r]) => [v, leaversOf(r.replications)]));
      points.push({ values: grid[i]!, result, leavers });
      onPoint?.({ index: i, total: grid.length, values: grid[i]! });
    }
  } finally {
    await pool?.close();
  }
  return { paths: Object.keys(set), points };
}
