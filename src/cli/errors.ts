/**
 * How the command line reports failures: exit code 2 for invalid input (a bad scenario, a bad
 * flag, a missing file), 1 for anything else, and one line of cause on stderr (every issue of a
 * scenario error on its own line), with the stack only under `--debug`.
 * @module
 */
import { CommanderError } from 'commander';
import { formatIssue, ValidationError } from '../core/errors.js';

/** Exit code: success. */
export const EXIT_OK = 0;
/** Exit code: something went wrong that is not the input's fault. */
export const EXIT_FAILURE = 1;
/** Exit code: invalid input (scenario, flags, files). */
export const EXIT_INVALID = 2;

/** A problem with what the user typed or pointed at (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Ends the command with an exit code after it has printed everything itself (no error line). */
export class QuietExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'QuietExit';
  }
}

/** The exit code for an error thrown while running a command. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof QuietExit) return err.exitCode;
  if (err instanceof CommanderError) {
    // Help and version that the user asked for end with exit code 0; every other commander
    // error is a usage problem.
    return err.exitCode === 0 ? EXIT_OK : EXIT_INVALID;
  }
  if (err instanceof UsageError || err instanceof ValidationError) return EXIT_INVALID;
  if (isFileNotFound(err)) return EXIT_INVALID;
  return EXIT_FAILURE;
}

function isFileNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/**
 * Lines to print on stderr for an error: `carepath: <cause>`, then each issue of a validation
 * error as `  path: message`; the stack follows with `debug`.
 */
export function formatError(err: unknown, debug = false): string[] {
  const lines: string[] = [];
  if (err instanceof ValidationError && err.issues.length > 1) {
    lines.push(`carepath: ${err.message.split('\n')[0]}`);
    for (const issue of err.issues) lines.push(`  ${formatIssue(issue)}`);
  } else if (err instanceof ValidationError && err.issues.length === 1) {
    lines.push(`carepath: ${formatIssue(err.issues[0]!)}`);
  } else if (err instanceof Error) {
    lines.push(`carepath: ${err.message.split('\n')[0]}`);
    if (!debug && !(err instanceof UsageError) && !isFileNotFound(err)) lines.push('  (run again with --debug to see where it happened)');
  } else {
    lines.push(`carepath: ${String(err)}`);
  }
  if (debug && err instanceof Error && err.stack) lines.push(err.stack);
  return lines;
}
