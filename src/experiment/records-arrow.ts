/**
 * Patient records to an Apache Arrow IPC file (`.arrow`, also read as Feather v2): one row per
 * patient, binary and columnar, so 10 million records are about a third of the bytes of JSON
 * Lines and cost a fraction of the CPU to write. Records fill typed-array columns (`arrow/`)
 * that become one record batch every `batchRows` patients and go straight to the file: memory
 * holds one batch, whatever the number of patients. `apache-arrow` is loaded when the first
 * such file is opened, never by importing carepath.
 * @module
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeValue, ValidationError } from '../core/errors.js';
import type { PatientRecord, PatientSink } from '../pathway/run/records.js';
import type { PatientRecordsFile } from './records-file.js';
import { RecordBatches, type ArrowModule } from './arrow/batch.js';
import { CodeColumn, Float64Column, Names } from '../pathway/run/typed-columns.js';
import { RecordColumns, type TagColumn } from '../pathway/run/record-columns.js';

/** Rows per record batch by default: 64 Ki, a few megabytes of columns. */
const ARROW_BATCH_ROWS = 1 << 16;

/** Size of the write buffer (bytes): small Arrow buffers are gathered into one system call. */
const BLOCK = 1 << 20;

/** Options of {@link patientRecordsArrow}. */
export interface PatientRecordsArrowOptions {
  /** Share of patients recorded (default 1: everyone). */
  sample?: number;
  /** Patients per record batch (default 65,536): memory holds one batch. */
  batchRows?: number;
  /**
   * Values a string tag will take, e.g. `{ variant: ['base', 'ai'] }`: their dictionary is then
   * whole in the first batch, so the file needs no dictionary delta for them.
   */
  tagValues?: Record<string, readonly string[]>;
}

/**
 * Streams patient records to `path` as an Apache Arrow IPC file, one row per patient
 * ({@link PatientRecord}), with the fields given to `tag` as leading columns. Times are exact
 * Float64; `id` is Int64; strings are dictionary-encoded; `conditions` is a list of strings,
 * `returns` a list of Float64, `visits` a list of structs (stage, joined, start, end, test,
 * outcome; null where the record has null), `states` a list of structs (condition,
 * atPresentation, atDiagnosis, atTreatment, diedWhileWaiting), empty when the record has none.
 * The file is written beside `path` as `.<name>.<pid>.part` and renamed by `close`: it is there
 * whole or not at all. Loads `apache-arrow` on first use (hence async).
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * import { patientRecordsArrow } from 'carepath/node';
 * import { tableFromIPC } from 'apache-arrow';
 * import { mkdtempSync, readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const file = join(mkdtempSync(join(tmpdir(), 'carepath-')), 'patients.arrow');
 * const records = await patientRecordsArrow(file);
 * records.tag({ replication: 0 });
 * const run = simulate({ ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 30 }, { patients: records.sink });
 * records.close();
 * const table = tableFromIPC(readFileSync(file));
 * table.numRows === run.patients.arrived + run.patients.initial; // true
 * table.get(0)?.visits.get(0).stage; // 'clinic'
 * ```
 */
export async function patientRecordsArrow(path: string, options: PatientRecordsArrowOptions = {}): Promise<PatientRecordsFile> {
  const { sample = 1, batchRows = ARROW_BATCH_ROWS, tagValues = {} } = options;
  if (typeof path !== 'string' || path.length === 0) throw new Error(`patient records: expected a file path, got ${describeValue(path)}`);
  if (typeof sample !== 'number' || !(sample >= 0 && sample <= 1)) {
    throw new ValidationError([{ path: 'patients.sample', message: `expected a share between 0 and 1, got ${describeValue(sample)}` }]);
  }
  if (!Number.isInteger(batchRows) || batchRows < 1 || batchRows > 1 << 24) {
    throw new ValidationError([{ path: 'patients.batchRows', message: `expected a whole number from 1 to ${1 << 24}, got ${describeValue(batchRows)}` }]);
  }
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    // ENOENT, as a failed open would say: the command line reports it as bad input.
    throw Object.assign(new Error(`patient records: cannot write ${path}: the folder ${dir} does not exist`), { code: 'ENOENT' });
  }
  const A: ArrowModule = await import('apache-arrow');
  const part = join(dir, `.${basename(path)}.${process.pid}.part`);
  const fd = openSync(part, 'w');
  const queue = new (fdQueue(A))(fd);
  const writer = new A.RecordBatchFileWriter();
  let cols: RecordColumns | null = null;
  let batches: RecordBatches | null = null;
  let started = false;
  let open = true;

  const columns = (tags: TagColumn[]): RecordColumns => {
    cols = new RecordColumns(tags);
    batches = new RecordBatches(A, cols);
    return cols;
  };
  const flushBatch = () => {
    if (!started) {
      writer.reset(queue, batches!.schema);
      started = true;
    }
    if (cols!.rows > 0) writer.write(batches!.build());
    cols!.reset();
  };
  const write = (r: PatientRecord) => {
    const c = cols ?? columns([]);
    c.push(r);
    if (c.rows === batchRows) flushBatch();
  };
  const tag = (fields: Record<string, unknown>) => {
    if (cols === null) {
      columns(
        Object.entries(fields).map(([name, value]): TagColumn => {
          if (typeof value === 'string') return { name, kind: 'string', column: new CodeColumn(new Names(tagValues[name] ?? [])), code: 0 };
          if (typeof value === 'number') return { name, kind: 'number', column: new Float64Column(), value: 0 };
          throw new TypeError(`patient records: tag ${name}: expected a string or a number, got ${describeValue(value)}`);
        }),
      );
    }
    const tags = cols!.tags;
    const names = Object.keys(fields);
    if (names.length !== tags.length || tags.some((t, i) => t.name !== names[i])) {
      throw new Error(`patient records: tag: the file's tag columns are [${tags.map((t) => t.name).join(', ')}] (fixed by the first tag or record), got [${names.join(', ')}]`);
    }
    for (const t of tags) {
      const v = fields[t.name];
      if (t.kind === 'string' && typeof v === 'string') t.code = t.column.names.code(v);
      else if (t.kind === 'number' && typeof v === 'number') t.value = v;
      else throw new TypeError(`patient records: tag ${t.name}: expected a ${t.kind} (as in the first tag), got ${describeValue(v)}`);
    }
  };
  const finish = (keep: boolean) => {
    if (!open) return;
    open = false;
    // A failed last write (a full disk) leaves no partial file either.
    let whole = false;
    try {
      if (keep) {
        if (cols === null) columns([]);
        flushBatch();
        writer.close();
        queue.flush();
        whole = true;
      }
    } finally {
      closeSync(fd);
      if (whole) renameSync(part, path);
      else rmSync(part, { force: true });
    }
  };
  // The recorder writes rows straight into the columns (no record objects), then says so.
  const written = () => {
    if (cols!.rows === batchRows) flushBatch();
  };
  const sink: PatientSink = { sample, write, columnar: { columns: () => cols ?? columns([]), written } };
  return { sink, tag, close: () => finish(true), abort: () => finish(false) };
}

/** An Arrow byte sink that writes to a file descriptor at once (through a buffer), so nothing queues in memory. */
function fdQueue(A: ArrowModule) {
  return class FdQueue extends A.AsyncByteQueue {
    private readonly buf = Buffer.allocUnsafe(BLOCK);
    private at = 0;
    constructor(private readonly fd: number) {
      super();
    }

    override write(value: Parameters<InstanceType<ArrowModule["AsyncByteQueue"]>["write"]>[0]): void {
      const bytes = value as Uint8Array;
      const n = bytes.byteLength;
      // A large buffer goes straight to the file, so what the block holds must go first: the
      // file is the bytes in the order the writer gave them.
      if (this.at + n > BLOCK || n > BLOCK >> 1) this.flush();
      if (n > BLOCK >> 1) {
        let done = 0;
        while (done < n) done += writeSync(this.fd, bytes, done, n - done);
        return;
      }
      this.buf.set(bytes, this.at);
      this.at += n;
    }

    /** Writes what the buffer holds. */
    flush(): void {
      let done = 0;
      while (done < this.at) done += writeSync(this.fd, this.buf, done, this.at - done);
      this.at = 0;
    }
  };
}
