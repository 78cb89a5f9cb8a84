/**
 * `carepath app`: writes the interactive what-if page, one self-contained HTML file.
 * @module
 */
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { parseScenario } from '../../pathway/index.js';
import { writeFileAtomic } from '../../report/index.js';
import { appAssets } from '../app-assets.js';
import { appPage } from '../app-page.js';
import { checkDirectory } from '../../experiment/dirs.js';
import type { CliIO } from '../io.js';
import { say } from '../io.js';
import { positiveInt } from '../options.js';
import { defaultOutDir, MAX_PATIENTS_HELP, readScenario, scenarioName } from '../scenario.js';

/** Replications per run of the page by default: enough for confidence intervals, quick to rerun. */
export const APP_REPLICATIONS = 10;

interface AppFlags {
  out?: string;
  replications: number;
  workers?: number;
  horizon?: string;
  maxPatients?: number;
  quiet?: boolean;
}

/**
 * Writes the what-if page for a (validated) scenario to `out`; returns its size in bytes.
 * @example
 * ```ts
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { loadScenario } from '../../index.js';
 * import { writeAppPage } from './app.js';
 * const scenario = loadScenario('examples/scenarios/mm1.yaml');
 * await writeAppPage(join(mkdtempSync(join(tmpdir(), 'carepath-')), 'app.html'), scenario, { replications: 10, title: 'One clinic' });
 * ```
 * @internal
 */
export async function writeAppPage(out: string, scenario: unknown, page: { replications: number; workers?: number; title: string }): Promise<number> {
  const html = appPage({ scenario, ...page, assets: await appAssets() });
  await writeFileAtomic(out, html);
  return Buffer.byteLength(html);
}

/** Registers `app` on the program. */
export function registerApp(program: Command, io: CliIO): void {
  program
    .command('app')
    .description('write an interactive what-if page: one HTML file that re-simulates in the browser (no server, no network)')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('-o, --out <file>', 'the HTML file to write (default: carepath-out/<name>/app.html)')
    .option('-r, --replications <n>', 'replications of each variant per run of the page', positiveInt, APP_REPLICATIONS)
    .option('-w, --workers <n>', 'Web Workers per run (default: the machine’s cores, at most 4)', positiveInt)
    .option('--horizon <duration>', 'simulate this long instead of the scenario’s horizon (e.g. 26w), for a quicker page')
    .option('--max-patients <n>', MAX_PATIENTS_HELP, positiveInt)
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
The page has controls for the scenario's capacities, arrival rates and test accuracy; "Run"
simulates the scenario as it is and with your settings, in the browser, and redraws the charts
and the answer. "Save as variant" downloads your settings as a YAML variant to paste into the
scenario; the page's address holds the settings, so a link shares them.

Examples:
  $ carepath app lung-cancer-ai.yaml
  $ carepath app lung-cancer-ai.yaml --horizon 26w --out lung.html`,
    )
    .action(async (file: string, flags: AppFlags) => {
      let scenario = readScenario(file, flags.maxPatients);
      if (flags.horizon !== undefined) scenario = parseScenario({ ...scenario, horizon: flags.horizon });
      const name = scenarioName(scenario, file);
      const out = flags.out ?? join(defaultOutDir(name), 'app.html');
      checkDirectory(dirname(out), 'out');
      const page = { replications: flags.replications, ...(flags.workers ? { workers: flags.workers } : {}), title: name };
      const bytes = await writeAppPage(out, scenario, page);
      say(io, flags.quiet ?? false, `Wrote ${out} (${Math.round(bytes / 1024)} KB): open it in a browser.\n`);
    });
}
