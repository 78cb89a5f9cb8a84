/**
 * The example scenarios bundled with the package (examples/scenarios), loadable by name so
 * code works wherever it runs, not only from the carepath repository's folder.
 * @module
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from './scenario-error.js';
import { loadScenario } from './load.js';
import { packageFile } from './package-files.js';
import { didYouMean, listNames } from './scenario-names.js';
import type { Scenario } from './schema.js';

const EXTENSION = '.yaml';

function examplesFolder(): string {
  return packageFile('examples', 'scenarios');
}

/**
 * Names of the bundled example scenarios, sorted (e.g. `england-elective`, `lung-cancer-ai`,
 * `mm1`, `tandem`), for {@link loadExample}.
 * @example
 * ```ts
 * import { listExamples } from 'carepath';
 * listExamples(); // [ 'england-elective', 'lung-cancer-ai', 'mm1', 'tandem' ]
 * ```
 */
export function listExamples(): string[] {
  return readdirSync(examplesFolder())
    .filter((f) => f.endsWith(EXTENSION))
    .map((f) => f.slice(0, -EXTENSION.length))
    .sort();
}

/**
 * Loads a bundled example scenario by name (see {@link listExamples}), validated like
 * {@link loadScenario}.
 * @throws ScenarioError naming the known examples when `name` is not one of them.
 * @example
 * ```ts
 * import { loadExample, runExperiment } from 'carepath';
 * const scenario = loadExample('lung-cancer-ai');
 * const result = await runExperiment({ ...scenario, horizon: '8w' }, { replications: 2, workers: 1 });
 * Object.keys(result.variants); // [ 'base', 'ai-reporting', 'ai-reporting-and-treatment', 'ai-lower-sensitivity' ]
 * ```
 */
export function loadExample(name: string): Scenario {
  const names = listExamples();
  if (!names.includes(name)) {
    throw new ScenarioError([
      { path: '', message: `no bundled example named ${JSON.stringify(name)}${didYouMean(name, names)}; the examples are ${listNames(names)}` },
    ]);
  }
  return loadScenario(join(examplesFolder(), `${name}${EXTENSION}`));
}
