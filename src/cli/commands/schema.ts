/**
 * `carepath schema`: the scenario format as JSON Schema, for editors.
 * @module
 */
import type { Command } from 'commander';
import { scenarioJsonSchema } from '../../pathway/index.js';
import { writeFileAtomic } from '../../report/index.js';
import type { CliIO } from '../io.js';
import { say } from '../io.js';

/** Registers `schema` on the program. */
export function registerSchema(program: Command, io: CliIO): void {
  program
    .command('schema')
    .description('print the JSON Schema of the scenario format (for editor completion and checks)')
    .option('-o, --out <file>', 'write it to this file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ carepath schema --out carepath.schema.json
  Then, at the top of a scenario file (VS Code with the YAML extension):
  # yaml-language-server: $schema=./carepath.schema.json`,
    )
    .action(async (flags: { out?: string }) => {
      const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
      if (flags.out) {
        await writeFileAtomic(flags.out, text);
        say(io, false, `Wrote ${flags.out}`);
      } else {
        io.out(text);
      }
    });
}
