/**
 * Patient records to a JSON Lines file, fast: records are encoded as bytes straight into one
 * reusable block (run/record-encoder.ts) and written in large blocks (one system call per
 * megabyte, not per patient), and nothing is kept once written, so a run of millions of
 * patients streams in constant memory.
 * @module
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RecordEncoder } from '../pathway/run/record-encoder.js';
import type { PatientRecord, PatientSink } from '../pathway/run/records.js';

/** Size of the reusable buffer (bytes): large enough that system calls cost nothing per record. */
const BLOCK = 1 << 20;

/**
 * Text lines into a file descriptor through one reusable buffer.
 * @example
 * ```ts
 * import { LineWriter } from 'carepath/node';
 * import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const file = join(mkdtempSync(join(tmpdir(), 'carepath-')), 'lines.txt');
 * const fd = openSync(file, 'w');
 * const out = new LineWriter(fd);
 * out.line('first');
 * out.line('second');
 * out.flush();
 * closeSync(fd);
 * readFileSync(file, 'utf8'); // 'first\nsecond\n'
 * ```
 */
export class LineWriter {
  private buf = Buffer.allocUnsafe(BLOCK);
  private at = 0;

  constructor(private readonly fd: number) {}

  /** Appends `head` + `text` and a newline (`head` saves a concatenation when lines share a prefix). */
  line(text: string, head = ''): void {
    const most = 3 * (head.length + text.length) + 1; // UTF-8 needs at most 3 bytes per UTF-16 unit
    if (this.at + most > this.buf.length) {
      this.flush();
      if (most > this.buf.length) this.buf = Buffer.allocUnsafe(most);
    }
    if (head.length > 0) this.at += this.buf.write(head, this.at);
    this.at += this.buf.write(text, this.at);
    this.buf[this.at++] = 10;
  }

  /** Writes what the buffer holds. */
  flush(): void {
    let done = 0;
    while (done < this.at) done += writeSync(this.fd, this.buf, done, this.at - done);
    this.at = 0;
  }
}

/** A patient sink writing JSON Lines to a file, and `close` to call when the runs are over. */
export interface PatientRecordsFile {
  /** Pass as `simulate(…, { patients: sink })`. */
  sink: PatientSink;
  /** Sets the fields put in front of every following record, e.g. `{ variant, replication }`. */
  tag(fields: Record<string, unknown>): void;
  /** Writes what is buffered and puts the file in place (until then it is a temporary file beside it). */
  close(): void;
  /** Deletes the temporary file instead (a failed run): `path` is left as it was. */
  abort(): void;
}

/** Options of {@link patientRecordsFile}. */
export interface PatientRecordsFileOptions {
  /** Share of patients recorded (default 1: everyone). */
  sample?: number;
  /**
   * Write times with exactly this many decimals (a whole number 0–9), rounded to the nearest (a
   * tie away from zero; the text of `Number#toFixed`): each time is then within half a unit of the
   * last place, e.g. ±0.0005 days (43 s) with 3. A smaller file (a sixth smaller with 3),
   * written with about a fifth less CPU than exact times.
   * Default: exact, the shortest text that reads back as the very same number.
   */
  decimals?: number;
}

/**
 * Streams patient records to `path` as JSON Lines, in large blocks; each line is one record
 * ({@link PatientRecord}), with the fields given to `tag` in front. The lines go to a temporary
 * file beside `path`, renamed to `path` by `close`: the file is there whole or not at all.
 * The second argument is the options, or the share of patients recorded (`sample`, as before).
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * import { patientRecordsFile } from 'carepath/node';
 * import { mkdtempSync, readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const file = join(mkdtempSync(join(tmpdir(), 'carepath-')), 'patients.jsonl');
 * const records = patientRecordsFile(file, { decimals: 3 });
 * records.tag({ replication: 0 });
 * simulate({ ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 30 }, { patients: records.sink });
 * records.close();
 * const first = readFileSync(file, 'utf8').split('\n')[0]!;
 * JSON.parse(first).replication; // 0
 * /"arrival":\d+\.\d{3},/.test(first); // true
 * ```
 */
export function patientRecordsFile(path: string, options: PatientRecordsFileOptions | number = {}): PatientRecordsFile {
  const { sample = 1, decimals } = typeof options === 'number' ? { sample: options } : options;
  // The encoder checks `decimals` before any file is made.
  const out = new RecordEncoder(
    (bytes, length) => {
      let done = 0;
      while (done < length) done += writeSync(fd, bytes, done, length - done);
    },
    { decimals },
  );
  const part = join(dirname(path), `.${basename(path)}.${process.pid}.part`);
  const fd = openSync(part, 'w');
  let open = true;
  const sink: PatientSink = { sample, write: (r: PatientRecord) => out.encode(r) };
  const finish = (keep: boolean) => {
    if (!open) return;
    open = false;
    // A failed last write (a full disk) leaves no partial file either.
    let whole = false;
    try {
      if (keep) out.flush();
      whole = keep;
    } finally {
      closeSync(fd);
      if (whole) renameSync(part, path);
      else rmSync(part, { force: true });
    }
  };
  return {
    sink,
    tag: (fields) => out.tag(fields),
    close: () => finish(true),
    abort: () => finish(false),
  };
}
