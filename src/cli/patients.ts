/**
 * `--patients FILE`: patient records of every run, written as patients leave (constant memory:
 * nothing is kept once written), with the run's `variant` and `replication` in front of each.
 * A file ending in `.arrow` or `.feather` is an Apache Arrow IPC file (binary, exact times, a
 * third of the bytes, read by pandas, polars, R and DuckDB); any other, JSON Lines.
 * `--patients-decimals D` writes JSON Lines times with D decimals (smaller, faster) instead of
 * exactly. The file appears whole when the runs end, or not at all if they fail.
 * @module
 */
import { InvalidArgumentError } from 'commander';
import type { SimulateFn } from '../experiment/types.js';
import { patientRecordsFile, type PatientRecordsFile, type PatientRecordsFileOptions } from '../experiment/records-file.js';
import { patientRecordsArrow } from '../experiment/records-arrow.js';
import { MAX_DECIMALS } from '../pathway/run/record-encoder.js';
import { UsageError } from './errors.js';
import { simulate } from '../pathway/index.js';

/** `--patients-decimals`: a whole number from 0 to 9. */
export function decimalsOption(value: string): number {
  const n = Number(value.trim());
  if (!/^\s*\d+\s*$/.test(value) || n > MAX_DECIMALS) {
    throw new InvalidArgumentError(`expected a whole number of decimals from 0 to ${MAX_DECIMALS}`);
  }
  return n;
}

/** Whether `--patients FILE` names an Arrow IPC file (by its extension, `.arrow` or `.feather`). */
export function isArrowPath(path: string): boolean {
  return /\.(arrow|feather)$/i.test(path);
}

/**
 * A simulator that streams every run's patient records to `path` (put in place by `close`;
 * `abort` leaves `path` as it was), `options` as for {@link patientRecordsFile}; an `.arrow` or
 * `.feather` path gets an Arrow IPC file instead (`decimals` is refused there: binary times are
 * exact; `variants`, the names the runs will have, keeps the file free of dictionary deltas).
 * Records need the calling thread: run with one worker.
 * @example
 * const records = await patientRecordsTo('patients.arrow', { sample: 0.1 });
 * await runExperiment(scenario, { workers: 1, simulate: records.simulate });
 * records.close();
 */
export async function patientRecordsTo(
  path: string,
  options: PatientRecordsFileOptions = {},
  variants: readonly string[] = [],
): Promise<{ simulate: SimulateFn; close: () => void; abort: () => void }> {
  let file: PatientRecordsFile;
  if (isArrowPath(path)) {
    if (options.decimals !== undefined) throw new UsageError(`--patients-decimals applies to JSON Lines; ${path} is an Arrow file, whose times are exact binary numbers`);
    // The variants' names are known now: their dictionary goes out whole with the first batch.
    file = await patientRecordsArrow(path, { sample: options.sample ?? 1, tagValues: { variant: variants } });
  } else {
    file = patientRecordsFile(path, options);
  }
  return {
    simulate: (scenario, simOptions = {}) => {
      file.tag({ variant: simOptions.variant ?? 'base', replication: simOptions.replication ?? 0 });
      return simulate(scenario, { ...simOptions, patients: file.sink });
    },
    close: () => file.close(),
    abort: () => file.abort(),
  };
}
