/**
 * `simulate`: one run of a scenario (or a resolved model), synchronous, plain data out.
 * @module
 */
import { Engine, type SimulationHooks } from './engine.js';
import { resultManifest } from './manifest.js';
import type { Model } from './model.js';
import { resolveScenario } from './resolve.js';
import type { RunResult } from './result.js';
import type { Scenario } from './scenario.js';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Master seed; default: the scenario's `seed`. */
  seed?: number;
  /**
   * Replication index (default 0). Replication r of every variant draws from the same named
   * random streams, so variants are compared with common random numbers.
   */
  replication?: number;
  /** Variant to apply (default `base`). Ignored when a resolved {@link Model} is given. */
  variant?: string;
  /** Custom routing or priority rules (see {@link SimulationHooks}). */
  hooks?: SimulationHooks;
  /**
   * Extra checks run on the result, each returning warnings to add (the package entry point
   * passes the queueing-theory referee from `carepath/analysis` here).
   */
  checks?: ((model: Model, result: RunResult) => string[])[];
}

/**
 * True when the argument is an already-resolved model rather than a scenario.
 * @example
 * ```ts
 * import { loadScenario, resolveScenario } from 'carepath';
 * import { isModel } from 'carepath/kernel';
 * const scenario = loadScenario('examples/scenarios/mm1.yaml');
 * isModel(scenario); // false
 * isModel(resolveScenario(scenario)); // true
 * ```
 */
export function isModel(x: Scenario | Model): x is Model {
  return Array.isArray((x as Model).stages);
}

/**
 * Runs one replication of a scenario and returns its waiting lists, waits, target shares and
 * time series. Same scenario, seed, replication and variant ⇒ identical result.
 *
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * const result = simulate(loadScenario('examples/scenarios/mm1.yaml'));
 * console.log(result.stages.clinic.wait.mean); // ≈ 9 days, as M/M/1 theory says
 * ```
 */
export function simulate(scenario: Scenario | Model, options: SimulateOptions = {}): RunResult {
  const model = isModel(scenario) ? scenario : resolveScenario(scenario, options.variant ?? 'base');
  // The engine measures; the manifest (what the measures mean) comes from the model alone.
  const result: RunResult = { ...new Engine(model, options).run(), manifest: resultManifest(model) };
  for (const check of options.checks ?? []) result.warnings.push(...check(model, result));
  return result;
}
