/**
 * `carepath init`: a commented starter scenario to edit.
 * @module
 */
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { say } from '../io.js';
import { UsageError } from '../errors.js';
import { schemaComment } from '../schema-ref.js';
import { STARTER_SCENARIO } from '../starter.js';
import { starterFromData } from '../starter-from-data.js';

/** Registers `init` on the program. */
export function registerInit(program: Command, io: CliIO): void {
  program
    .command('init')
    .description('write a commented starter scenario (never overwrites a file)')
    .argument('[file]', 'file to write', 'scenario.yaml')
    .option('--from <csv>', 'build the scenario around referral counts per period (columns from,count)')
    .option('--timetable <csv>', 'with --from: capacity timetable (columns date or weekday, stage, slots or servers)')
    .option('--waiting-list <csv>', 'with --from: the list at day 0 by weeks waited (columns weeks_waited,count)')
    .addHelpText(
      'after',
      `
Examples:
  $ carepath init
  $ carepath init my-pathway.yaml && carepath validate my-pathway.yaml && carepath run my-pathway.yaml
  $ carepath init pathway.yaml --from data/referrals.csv --timetable data/timetable.csv --waiting-list data/waiting.csv`,
    )
    .action(async (file: string, opts: { from?: string; timetable?: string; waitingList?: string }) => {
      if (opts.from === undefined && (opts.timetable !== undefined || opts.waitingList !== undefined)) {
        throw new UsageError('--timetable and --waiting-list need --from (the referral counts)');
      }
      const body = opts.from === undefined ? STARTER_SCENARIO.replaceAll('FILE', file) : starterFromData(file, { from: opts.from, timetable: opts.timetable, waitingList: opts.waitingList });
      await fs.mkdir(dirname(file), { recursive: true });
      try {
        // 'wx' fails if the file exists, in the same step as creating it: no race, no overwrite.
        // The first line tells editors (YAML language server) where the schema is: completion and checks.
        const text = `${schemaComment(file)}\n${body}`;
        await fs.writeFile(file, text, { flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new UsageError(`${file} already exists; choose another name or remove it first`);
        }
        throw err;
      }
      say(io, false, `Wrote ${file}. Next: carepath validate ${file} && carepath run ${file}`);
    });
}
