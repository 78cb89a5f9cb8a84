/**
 * Loading the scenario a command names, and checking the variant names given on the command line.
 * @module
 */
import { basename, join } from 'node:path';
import { loadScenario, resolveScenario, variantNames, type Scenario } from '../pathway/index.js';
import { slugify } from '../report/index.js';
import { UsageError } from './errors.js';

/**
 * Loads and validates a scenario file (a missing or invalid file throws a ScenarioError: exit 2).
 * `maxPatients` (from `--max-patients`) overrides the scenario's own work limit.
 */
export function readScenario(path: string, maxPatients?: number): Scenario {
  return loadScenario(path, maxPatients === undefined ? {} : { limits: { maxPatients } });
}

/** Help text of `--max-patients`. */
export const MAX_PATIENTS_HELP = 'refuse a run estimated to simulate more patients than this (default 200000000; or `limits: { maxPatients }` in the scenario)';

/** Checks that each name is a variant of the scenario (or `base`); returns them without duplicates. */
export function checkVariants(scenario: Scenario, names: string[]): string[] {
  const known = variantNames(scenario);
  const unknown = names.filter((n) => n !== 'base' && !known.includes(n));
  if (unknown.length > 0) {
    const list = known.length > 0 ? known.join(', ') : 'none';
    throw new UsageError(
      `unknown variant${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; the scenario's variants are: ${list}`,
    );
  }
  return [...new Set(names)];
}

/** Name of the scenario (or of the file when it has none). */
export function scenarioName(scenario: Scenario, path: string): string {
  const name = (scenario as { name?: unknown }).name;
  return typeof name === 'string' && name.trim() !== '' ? name : basename(path).replace(/\.(ya?ml|json)$/i, '');
}

/** Default output directory: `carepath-out/<slug of the scenario name>`. */
export function defaultOutDir(name: string): string {
  return join('carepath-out', slugify(name));
}

/** ISO date of day 0 as the simulator resolves it (the scenario's `startDate` or its default). */
export function startDateOf(scenario: Scenario): string {
  return resolveScenario(scenario, 'base').startDate;
}
