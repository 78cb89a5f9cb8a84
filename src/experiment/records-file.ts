/**
 * Patient records to a JSON Lines file, fast: lines are gathered in one reusable buffer and
 * written in large blocks (one system call per megabyte, not per patient), and nothing is kept
 * once written, so a run of millions of patients streams in constant memory.
 * @module
 */
import { closeSync, openSync, writeSync } from 'node:fs';
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
  /** Writes what is buffered and closes the file. */
  close(): void;
}

/**
 * Streams patient records to `path` (created or truncated) as JSON Lines, in large blocks; each
 * line is one record ({@link PatientRecord}), with the fields given to `tag` in front. `sample`
 * records that share of patients (default 1).
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * import { patientRecordsFile } from 'carepath/node';
 * import { mkdtempSync, readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const file = join(mkdtempSync(join(tmpdir(), 'carepath-')), 'patients.jsonl');
 * const records = patientRecordsFile(file);
 * records.tag({ replication: 0 });
 * simulate({ ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 30 }, { patients: records.sink });
 * records.close();
 * JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!).replication; // 0
 * ```
 */
export function patientRecordsFile(path: string, sample = 1): PatientRecordsFile {
  const fd = openSync(path, 'w');
  const out = new LineWriter(fd);
  // A record's JSON without its opening brace, after the tag's fields and a comma: no spread
  // object per record.
  let head = '';
  const sink: PatientSink = {
    sample,
    write: (r: PatientRecord) => {
      const json = JSON.stringify(r);
      if (head === '') out.line(json);
      else out.line(json.substring(1), head);
    },
  };
  return {
    sink,
    tag: (fields) => {
      const json = JSON.stringify(fields);
      head = json === '{}' ? '' : `${json.slice(0, -1)},`;
    },
    close: () => {
      out.flush();
      closeSync(fd);
    },
  };
}
