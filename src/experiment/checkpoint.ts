/**
 * Checkpoint files: one JSON line per finished replication, so a long experiment loses nothing
 * when it is interrupted and resumes where it stopped.
 *
 * Each line is `{ variant, replication, seed, scenarioDigest, result }`. A line is written with a
 * single write followed by fsync, so after a crash the file holds whole lines plus at most one
 * torn last line (no newline yet), which is dropped on resume.
 * @module
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, statSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeValue, invalid } from '../core/errors.js';
import { ensureDirectory } from './dirs.js';
import { runKey } from './run-key.js';
import type { RunResult } from '../pathway/result.js';

/** One line of a checkpoint file. */
export interface CheckpointLine {
  /** Variant of the run. */
  variant: string;
  /** Replication index of the run. */
  replication: number;
  /** Master seed of the experiment. */
  seed: number;
  /** SHA-256 of the scenario's canonical JSON: a checkpoint written for another scenario is refused. */
  scenarioDigest: string;
  /** The run's result. */
  result: RunResult;
}

export { runKey };

function short(digest: string): string {
  return digest.slice(0, 12);
}

/** An open checkpoint: the runs it already holds, and a way to add more. */
export class Checkpoint {
  /** Finished runs found in the file, by variant and replication. */
  readonly done: Map<string, RunResult>;
  private fd: number | null;

  private constructor(
    readonly path: string,
    private readonly seed: number,
    private readonly digest: string,
    done: Map<string, RunResult>,
  ) {
    this.done = done;
    this.fd = openSync(path, 'a');
  }

  /**
   * Opens (or creates, with its folder) a checkpoint for this scenario and seed. Throws a
   * ValidationError naming `checkpoint` when the file belongs to another scenario or seed, holds
   * a damaged line before its last one, or when a folder stands where the file should be (or a
   * file where its folder should be).
   */
  static open(path: string, scenarioDigest: string, seed: number): Checkpoint {
    const done = new Map<string, RunResult>();
    ensureDirectory(dirname(path), 'checkpoint');
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw invalid('checkpoint', `expected a file at ${path}, but it is a folder; give a file name such as ${path}/checkpoint.jsonl`);
    }
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      const lastNewline = text.lastIndexOf('\n');
      const complete = text.slice(0, lastNewline + 1);
      // A write interrupted by a kill leaves a last line without its newline: drop it, so the next
      // line appended starts cleanly.
      if (complete.length < text.length) truncateSync(path, Buffer.byteLength(complete, 'utf8'));
      const lines = complete.split('\n');
      lines.forEach((raw, i) => {
        if (raw.trim() === '') return;
        let line: Partial<CheckpointLine>;
        try {
          line = JSON.parse(raw) as Partial<CheckpointLine>;
        } catch {
          throw invalid('checkpoint', `${path} line ${i + 1} is not valid JSON; the file is damaged (delete it to start again)`);
        }
        if (
          typeof line !== 'object' || line === null ||
          typeof line.variant !== 'string' ||
          !Number.isInteger(line.replication) ||
          typeof line.seed !== 'number' ||
          typeof line.scenarioDigest !== 'string' ||
          typeof line.result !== 'object' || line.result === null
        ) {
          throw invalid(
            'checkpoint',
            `${path} line ${i + 1}: expected { variant, replication, seed, scenarioDigest, result }, got ${describeValue(line)}`,
          );
        }
        if (line.scenarioDigest !== scenarioDigest) {
          throw invalid(
            'checkpoint',
            `${path} was written for a different scenario (digest ${short(line.scenarioDigest)}…, this scenario ${short(scenarioDigest)}…); use another checkpoint file or delete it`,
          );
        }
        if (line.seed !== seed) {
          throw invalid(
            'checkpoint',
            `${path} was written with seed ${line.seed}, this experiment uses seed ${seed}; use another checkpoint file or delete it`,
          );
        }
        const key = runKey(line.variant, line.replication!);
        if (!done.has(key)) done.set(key, line.result);
      });
    }
    return new Checkpoint(path, seed, scenarioDigest, done);
  }

  /** Appends one finished run and flushes it to disk before returning. */
  append(variant: string, replication: number, result: RunResult): void {
    if (this.fd === null) throw new Error(`checkpoint ${this.path} is closed`);
    const line: CheckpointLine = { variant, replication, seed: this.seed, scenarioDigest: this.digest, result };
    const buf = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    fsyncSync(this.fd);
    this.done.set(runKey(variant, replication), result);
  }

  /** Closes the file; the runs appended so far stay in it. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
