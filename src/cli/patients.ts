/**
 * `--patients FILE`: patient records of every run, as JSON Lines, written as patients leave
 * (constant memory: nothing is kept once written). Each line is one patient's record with the
 * run's `variant` and `replication` in front. `--patients-decimals D` writes times with D
 * decimals (smaller, faster) instead of exactly. The file appears whole when the runs end, or
 * not at all if they fail.
 * @module
 */
import { InvalidArgumentError } from 'commander';
import type { SimulateFn } from '../experiment/types.js';
import { patientRecordsFile, type PatientRecordsFileOptions } from '../experiment/records-file.js';
import { MAX_DECIMALS } from '../pathway/run/record-encoder.js';
import { simulate } from '../pathway/index.js';

/** `--patients-decimals`: a whole number from 0 to 9. */
export function decimalsOption(value: string): number {
  const n = Number(value.trim());
  if (!/^\s*\d+\s*$/.test(value) || n > MAX_DECIMALS) {
    throw new InvalidArgumentError(`expected a whole number of decimals from 0 to ${MAX_DECIMALS}`);
  }
  return n;
}

/**
 * A simulator that streams every run's patient records to `path` (put in place by `close`;
 * `abort` leaves `path` as it was), `options` as for {@link patientRecordsFile}. Records need the
 * calling thread: run with one worker.
 * @example
 * const records = patientRecordsTo('patients.jsonl', { sample: 0.1, decimals: 3 });
 * await runExperiment(scenario, { workers: 1, simulate: records.simulate });
 * records.close();
 */
export function patientRecordsTo(path: string, options: PatientRecordsFileOptions = {}): { simulate: SimulateFn; close: () => void; abort: () => void } {
  const file = patientRecordsFile(path, options);
  return {
    simulate: (scenario, simOptions = {}) => {
      file.tag({ variant: simOptions.variant ?? 'base', replication: simOptions.replication ?? 0 });
      return simulate(scenario, { ...simOptions, patients: file.sink });
    },
    close: () => file.close(),
    abort: () => file.abort(),
  };
}
