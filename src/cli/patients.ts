/**
 * `--patients FILE`: patient records of every run, as JSON Lines, written as patients leave
 * (constant memory: nothing is kept once written). Each line is one patient's record with the
 * run's `variant` and `replication` in front.
 * @module
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { SimulateFn } from '../experiment/types.js';
import { simulate } from '../pathway/index.js';
import type { PatientSink } from '../pathway/run/records.js';

/**
 * A simulator that streams every run's patient records to `path` (created or truncated), and
 * `close` to call when the experiment ends. Records need the calling thread: run with one worker.
 * @example
 * const records = patientRecordsTo('patients.jsonl', 0.1);
 * await runExperiment(scenario, { workers: 1, simulate: records.simulate });
 * records.close();
 */
export function patientRecordsTo(path: string, sample = 1): { simulate: SimulateFn; close: () => void } {
  const fd = openSync(path, 'w');
  return {
    simulate: (scenario, options = {}) => {
      const variant = options.variant ?? 'base';
      const replication = options.replication ?? 0;
      const sink: PatientSink = {
        sample,
        write: (r) => writeSync(fd, `${JSON.stringify({ variant, replication, ...r })}\n`),
      };
      return simulate(scenario, { ...options, patients: sink });
    },
    close: () => closeSync(fd),
  };
}
