/**
 * `simulate`: one run of a scenario (or a resolved model), synchronous, plain data out.
 * @module
 */
import { Engine, type DisciplineFunction, type SimulationHooks } from './engine.js';
import { resultManifest } from './manifest.js';
import type { Model } from './model.js';
import { resolveScenario } from './resolve.js';
import type { RunResult } from './result.js';
import type { Scenario } from './scenario.js';
import type { PatientSink } from './run/records.js';
import { allocationError } from './work-limits.js';

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
   * Queue disciplines given in code, by the name a stage's `queue` uses (see
   * {@link DisciplineFunction}); merged over `hooks.disciplines`. Like hooks, functions cannot go
   * to worker threads: experiments that use them run with `workers: 1`.
   */
  disciplines?: Record<string, DisciplineFunction>;
  /**
   * Extra checks run on the result, each returning warnings to add (the package entry point
   * passes the queueing-theory referee from `carepath/analysis` here).
   */
  checks?: ((model: Model, result: RunResult) => string[])[];
  /**
   * Called every few milliseconds of computing with the share of simulated time done (0 to 1),
   * so a long replication can show progress. Must be cheap; it must not throw.
   */
  onProgress?: (fractionDone: number) => void;
  /**
   * Patient records (opt-in): each patient's path, streamed to this sink as they leave, so memory
   * stays bounded by the patients in the pathway (see {@link PatientSink}). Results are unchanged.
   */
  patients?: PatientSink;
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
  const disciplines = options.disciplines ? { ...options.hooks?.disciplines, ...options.disciplines } : options.hooks?.disciplines;
  const model = isModel(scenario)
    ? scenario
    : resolveScenario(scenario, options.variant ?? 'base', { disciplines: Object.keys(disciplines ?? {}), seed: options.seed, replication: options.replication ?? 0 });
  const hooks = disciplines === options.hooks?.disciplines ? options.hooks : { ...options.hooks, disciplines };
  let result: RunResult;
  try {
    // The engine measures; the manifest (what the measures mean) comes from the model alone.
    result = { ...new Engine(model, { seed: options.seed, replication: options.replication, hooks, onProgress: options.onProgress, patients: options.patients }).run(), manifest: resultManifest(model) };
  } catch (e) {
    // V8 reports a failed allocation as a bare RangeError; say what ran out and what to change.
    throw allocationError(e, `simulating variant "${model.variant}", replication ${options.replication ?? 0}`);
  }
  if (model.parameters) result.parameters = { ...model.parameters };
  for (const check of options.checks ?? []) result.warnings.push(...check(model, result));
  return result;
}
