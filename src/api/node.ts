/**
 * `carepath/node`: the parts that need Node's file system or threads. Writing the report bundle
 * (report, CSV, JSON, chart specs) and single files atomically, the worker-thread pool that runs
 * replications in parallel, the checkpoint file that lets a long experiment resume, and patient
 * records streamed to a JSON Lines or Apache Arrow file. (`loadScenario` and the experiments,
 * which use these, are at the root.)
 * @example
 * ```ts
 * import { writeFileAtomic } from 'carepath/node';
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * await writeFileAtomic(join(mkdtempSync(join(tmpdir(), 'carepath-')), 'note.txt'), 'written whole or not at all\n');
 * ```
 * @module carepath/node
 */
export { writeReportBundle, type ReportBundleInput, type ReportBundleFiles } from '../report/bundle.js';
export { writeFileAtomic, type AtomicData } from '../report/atomic.js';
export { WorkerPool, type Executor } from '../experiment/pool.js';
export type { WorkerTask } from '../experiment/worker-protocol.js';
export { Checkpoint, type CheckpointLine } from '../experiment/checkpoint.js';
export { patientRecordsFile, LineWriter, type PatientRecordsFile } from '../experiment/records-file.js';
export { patientRecordsArrow, type PatientRecordsArrowOptions } from '../experiment/records-arrow.js';
