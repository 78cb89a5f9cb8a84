/**
 * `carepath validate`: is this scenario usable? Exit 0 (warnings printed) or 2 (every problem
 * listed by path).
 * @module
 */
import type { Command } from 'commander';
import { formatIssue, ValidationError } from '../../core/errors.js';
import { EXIT_INVALID, QuietExit } from '../errors.js';
import { validateScenario, variantNames } from '../../pathway/index.js';
import type { CliIO } from '../io.js';
import { positiveCount } from '../options.js';
import { MAX_PATIENTS_HELP, readScenario, scenarioName } from '../scenario.js';

/** Registers `validate` on the program. */
export function registerValidate(program: Command, io: CliIO): void {
  program
    .command('validate')
    .description('check a scenario file: exit 0 if it is valid (warnings printed), 2 with every problem listed')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--json', 'print { ok, issues, warnings } as JSON on stdout')
    .option('--max-patients <n>', MAX_PATIENTS_HELP, positiveCount)
    .addHelpText(
      'after',
      `
Examples:
  $ carepath validate lung-cancer-ai.yaml
  $ carepath validate my-pathway.yaml --json`,
    )
    .action((file: string, flags: { json?: boolean; maxPatients?: number }) => {
      // loadScenario throws a ScenarioError listing every problem (with file lines): exit 2.
      let scenario;
      try {
        scenario = readScenario(file, flags.maxPatients);
      } catch (err) {
        if (flags.json && err instanceof ValidationError) {
          io.out(`${JSON.stringify({ ok: false, issues: err.issues, warnings: [] }, null, 2)}\n`);
          throw new QuietExit(EXIT_INVALID);
        }
        throw err;
      }
      const { warnings } = validateScenario(scenario);
      if (flags.json) {
        io.out(`${JSON.stringify({ ok: true, issues: [], warnings }, null, 2)}\n`);
        return;
      }
      for (const w of warnings) io.err(`warning: ${formatIssue(w)}\n`);
      const s = scenario as { stages?: object; targets?: object };
      const stages = Object.keys(s.stages ?? {}).length;
      const targets = Object.keys(s.targets ?? {}).length;
      const variants = variantNames(scenario);
      io.out(
        `${file}: valid — "${scenarioName(scenario, file)}": ${stages} stage${stages === 1 ? '' : 's'}, ` +
          `${targets} target${targets === 1 ? '' : 's'}, ${variants.length} variant${variants.length === 1 ? '' : 's'}` +
          `${variants.length > 0 ? ` (${variants.join(', ')})` : ''}${warnings.length > 0 ? `; ${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : ''}\n`,
      );
    });
}
