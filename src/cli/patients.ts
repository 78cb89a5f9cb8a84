/**
 * `--patients FILE`: patient records of every run, as JSON Lines, written as patients leave
 * (constant memory: nothing is kept once written). Each line is one patient's record with the
 * run's `variant` and `replication` in front.
 * @module
 */
import type { SimulateFn } from '../experiment/types.js';
import { patientRecordsFile } from '../experiment/records-file.js';
import { simulate } from '../pathway/index.js';

/**
 * A simulator that streams every run's patient records to `path` (created or truncated), and
 * `close` to call when the experiment ends. Records need the calling thread: run with one worker.
 * @example
 * const records = patientRecordsTo('patients.jsonl', 0.1);
 * await runExperiment(scenario, { workers: 1, simulate: records.simulate });
 * records.close();
 */
export function patientRecordsTo(path: string, sample = 1): { simulate: SimulateFn; close: () => void } {
  const file = patientRecordsFile(path, sample);
  return {
    simulate: (scenario, options = {}) => {
      file.tag({ variant: options.variant ?? 'base', replication: options.replication ?? 0 });
      return simulate(scenario, { ...options, patients: file.sink });
    },
    close: () => file.close(),
  };
}
