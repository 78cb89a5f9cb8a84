/**
 * The `carepath` command line: commands, help, and the mapping of every failure to an exit code
 * (0 success, 2 invalid input, 1 anything else) with a one-line cause.
 * @module
 */
import { Command, CommanderError } from 'commander';
import { CAREPATH_VERSION } from '../experiment/version.js';
import { registerAnalyse } from './commands/analyse.js';
import { registerApp } from './commands/app.js';
import { registerInit } from './commands/init.js';
import { registerMerge } from './commands/merge.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { registerSeek } from './commands/seek.js';
import { registerSweep } from './commands/sweep.js';
import { registerValidate } from './commands/validate.js';
import { EXIT_OK, exitCodeFor, formatError, QuietExit } from './errors.js';
import { processIO, safeIO, type CliIO } from './io.js';

/** Builds the program with its commands, writing through `io`. */
export function buildProgram(io: CliIO): Command {
  const program = new Command();
  program
    .name('carepath')
    .description('Simulate patient pathways: waiting lists, waits and targets for what-if scenarios.')
    .version(CAREPATH_VERSION, '-V, --version', 'print the version')
    .option('--debug', 'show the stack trace of an error')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // Commander's own errors (unknown option, bad value, missing argument) in carepath's format.
      outputError: (s, write) => write(`carepath: ${s.replace(/^error: /, '').trimEnd()}\n`),
    })
    .addHelpText(
      'after',
      `
Start here:
  $ carepath init my-pathway.yaml        # a commented starter scenario
  $ carepath validate my-pathway.yaml    # check it
  $ carepath analyse my-pathway.yaml     # instant answer from queueing theory
  $ carepath run my-pathway.yaml         # simulate; writes carepath-out/<name>/report.html

Exit codes: 0 success, 2 invalid input (scenario, options, files), 1 anything else.`,
    );
  registerRun(program, io);
  registerValidate(program, io);
  registerAnalyse(program, io);
  registerSeek(program, io);
  registerSweep(program, io);
  registerSchema(program, io);
  registerInit(program, io);
  registerMerge(program, io);
  registerApp(program, io);
  for (const cmd of program.commands) {
    cmd.option('--debug', 'show the stack trace of an error');
  }
  return program;
}

/**
 * Runs the command line on `argv` (without the node and script paths) and returns the exit code.
 * Never throws: every error is printed on `io.err`.
 *
 * @example const code = await runCli(['validate', 'lung.yaml']);
 */
export async function runCli(argv: string[], rawIO: CliIO = processIO()): Promise<number> {
  const io = safeIO(rawIO);
  const program = buildProgram(io);
  const debug = argv.includes('--debug');
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_OK;
    }
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    // Commander already printed its own errors (and help/version) through configureOutput.
    if (!(err instanceof CommanderError) && !(err instanceof QuietExit)) for (const line of formatError(err, debug)) io.err(`${line}\n`);
    return exitCodeFor(err);
  }
}
