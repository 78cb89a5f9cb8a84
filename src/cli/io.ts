/**
 * Where the command line writes: stdout for results, stderr for progress and messages. A
 * progress bar appears only when stderr is a terminal (never in pipes, logs or CI).
 * @module
 */
import cliProgress from 'cli-progress';
import { terminalSafe } from '../report/safe-text.js';

/** Output channels of the CLI (replaceable in tests). */
export interface CliIO {
  /** Results (tables, JSON). */
  out(text: string): void;
  /** Messages, warnings and errors. */
  err(text: string): void;
  /** True when stderr is an interactive terminal (progress bars allowed). */
  errIsTTY: boolean;
}

/** The process's own stdout and stderr. */
export function processIO(): CliIO {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    errIsTTY: Boolean(process.stderr.isTTY),
  };
}

/**
 * The same channels with every control character in the text escaped ({@link terminalSafe}):
 * a scenario name or id holding escape sequences is printed, never obeyed. JSON output stays
 * equivalent (the escapes mean the same characters inside JSON strings).
 * @internal
 * @example
 * ```ts
 * import { safeIO, type CliIO } from './io.js';
 * const written: string[] = [];
 * const io = safeIO({ out: (t) => void written.push(t), err: (t) => void written.push(t), errIsTTY: false });
 * io.out('\u001b]0;title\u0007');
 * written[0]; // '\\u001b]0;title\\u0007': the escape sequence as text, never obeyed
 * ```
 */
export function safeIO(io: CliIO): CliIO {
  return { out: (text) => io.out(terminalSafe(text)), err: (text) => io.err(terminalSafe(text)), errIsTTY: io.errIsTTY };
}

/** A progress indicator: a bar on a terminal, nothing otherwise. */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal and not `quiet`; otherwise a no-op. */
export function progressBar(io: CliIO, quiet: boolean, what: string): Progress {
  if (quiet || !io.errIsTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${what} {bar} {percentage}% | {value}/{total} | {label} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      barsize: 30,
      // Runs under way count by the share done: show whole runs.
      formatValue: (v: number, _o: unknown, type: string) => (type === 'value' ? String(Math.floor(v)) : String(v)),
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label = '') {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { label });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Messages for the user on stderr, silenced by `--quiet`. */
export function say(io: CliIO, quiet: boolean, text: string): void {
  if (!quiet) io.err(text.endsWith('\n') ? text : `${text}\n`);
}
