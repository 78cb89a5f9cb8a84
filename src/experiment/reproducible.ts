/**
 * Byte-identical outputs: an experiment's `meta` is the only part that differs between two runs
 * of the same scenario and seed (time, wall time, worker count, Node.js version). With
 * `--reproducible` or `SOURCE_DATE_EPOCH` (the reproducible-builds convention) those are replaced
 * by fixed values, so the same inputs give the same files on any machine.
 * @module
 */
import { invalid } from '../core/errors.js';
import type { ExperimentResult } from './types.js';

/** What stands for the Node.js version and host in reproducible output. */
export const UNRECORDED = 'unrecorded';

/**
 * The fixed start time to record, in seconds since 1970: `SOURCE_DATE_EPOCH` when set (it must
 * be a non-negative integer), else 0 when `reproducible`, else undefined (record the real time).
 * @throws ValidationError naming `SOURCE_DATE_EPOCH` when it is set but not a whole number of seconds.
 * @example reproducibleEpoch(true, {}) // 0
 * @example reproducibleEpoch(false, { SOURCE_DATE_EPOCH: '1767225600' }) // 1767225600
 */
export function reproducibleEpoch(reproducible: boolean, env: Record<string, string | undefined> = process.env): number | undefined {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw !== undefined && raw.trim() !== '') {
    const n = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n * 1000 > 8.64e15) {
      throw invalid('SOURCE_DATE_EPOCH', `expected whole seconds since 1970-01-01 (e.g. 1767225600), got ${JSON.stringify(raw)}`);
    }
    return n;
  }
  return reproducible ? 0 : undefined;
}

/**
 * The experiment with the machine- and time-dependent parts of `meta` fixed: `startedAt` at
 * `epochSeconds`, wall time 0, workers 0, Node.js version "unrecorded", and `reproducible: true`.
 * Everything else (results, carepath version, shard, merge details) is kept.
 * @internal
 * @example
 * ```ts
 * import { loadScenario } from '../pathway/load.js';
 * import { runExperiment } from './run.js';
 * import { withReproducibleMeta } from './reproducible.js';
 * const s = { ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 200 };
 * const a = withReproducibleMeta(await runExperiment(s, { replications: 2, workers: 1 }), 0);
 * const b = withReproducibleMeta(await runExperiment(s, { replications: 2, workers: 1 }), 0);
 * JSON.stringify(a) === JSON.stringify(b); // true: the start and wall times no longer differ
 * ```
 */
export function withReproducibleMeta(experiment: ExperimentResult, epochSeconds: number): ExperimentResult {
  return {
    ...experiment,
    meta: {
      ...experiment.meta,
      startedAt: new Date(epochSeconds * 1000).toISOString(),
      wallSeconds: 0,
      workers: 0,
      nodeVersion: UNRECORDED,
      reproducible: true,
    },
  };
}
