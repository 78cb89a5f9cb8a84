/**
 * The work of a whole experiment, checked before it starts: replications × variants of one
 * run's estimate (see `pathway/work-limits.ts`). `--replications 1000000000` is refused here
 * at once, rather than after allocating a list of a billion jobs.
 * @module
 */
import type { Issue } from '../core/errors.js';
import { own } from '../pathway/scenario-json.js';
import { BASE_VARIANT } from '../pathway/scenario-names.js';
import { mergeVariant } from '../pathway/variants.js';
import { estimateWork, formatCount, WorkLimitError, workLimitsOf } from '../pathway/work-limits.js';

/**
 * The memory limit for an experiment: the scenario's `limits.maxMemoryMB` when it sets one,
 * else the default or three quarters of this machine's memory, whichever is larger (a big
 * server may run many national-scale replications at once). A browser does not say how much
 * memory the machine has (`machineBytes` undefined): the default then.
 */
function memoryLimitMB(scenario: unknown, machineBytes: number | undefined): number {
  const given = own(own(scenario, 'limits'), 'maxMemoryMB');
  if (typeof given === 'number' && given > 0) return given;
  return Math.max(workLimitsOf(scenario).maxMemoryMB, Math.floor((0.75 * (machineBytes ?? 0)) / 2 ** 20));
}

/**
 * Throws a {@link WorkLimitError} when the results an experiment keeps (every run's time
 * series and summaries) would exceed the memory limit (`limits.maxMemoryMB`; default: 8 GB or
 * three quarters of this machine's memory, whichever is larger).
 * @param runsPerVariant Replications each variant will run (in this shard).
 * @param machineBytes This machine's memory (Node's `os.totalmem()`), when known.
 * @internal
 * @example
 * ```ts
 * import { loadScenario } from '../pathway/load.js';
 * import { checkExperimentWork } from './work.js';
 * const scenario = loadScenario('examples/scenarios/mm1.yaml');
 * checkExperimentWork(scenario, ['base'], 100); // passes
 * try {
 *   checkExperimentWork(scenario, ['base'], 1e9);
 * } catch (e) {
 *   console.log((e as Error).message); // … would keep about … MB of results, more than the limit …
 * }
 * ```
 */
export function checkExperimentWork(scenario: unknown, variants: readonly string[], runsPerVariant: number, machineBytes?: number): void {
  const limitMB = memoryLimitMB(scenario, machineBytes);
  let bytes = 0;
  for (const v of variants) {
    const merged = v === BASE_VARIANT ? { scenario } : mergeVariant(scenario, v);
    if (!('scenario' in merged)) continue; // reported by validation
    bytes += runsPerVariant * estimateWork(merged.scenario).resultBytes;
  }
  const mb = bytes / 2 ** 20;
  if (!(mb <= limitMB)) {
    const issue: Issue = {
      path: 'replications',
      message:
        `${formatCount(runsPerVariant)} replications of ${variants.length} variant${variants.length === 1 ? '' : 's'} would keep about ` +
        `${formatCount(mb)} MB of results, more than the limit of ${formatCount(limitMB)} MB; run fewer replications ` +
        `(or shards, merged later), sample less often, or raise the limit with \`limits: { maxMemoryMB: ${Math.ceil(mb * 1.1)} }\` in the scenario`,
    };
    throw new WorkLimitError([issue]);
  }
}

/**
 * Throws a {@link WorkLimitError} (path `workers`) when the runs under way at once would take
 * more than the memory limit from their start: each holds room for twice the patients already
 * waiting (about 104 bytes each).
 * @param concurrent Runs under way at once (the worker threads, or 1).
 * @param machineBytes This machine's memory (Node's `os.totalmem()`), when known.
 * @internal
 * @example
 * ```ts
 * import { loadScenario } from '../pathway/load.js';
 * import { checkConcurrentMemory } from './work.js';
 * checkConcurrentMemory(loadScenario('examples/scenarios/mm1.yaml'), ['base'], 8); // passes: no list at the start
 * // It throws when 8 copies of a national waiting list do not fit in the memory limit.
 * ```
 */
export function checkConcurrentMemory(scenario: unknown, variants: readonly string[], concurrent: number, machineBytes?: number): void {
  const limitMB = memoryLimitMB(scenario, machineBytes);
  let start = 0;
  for (const v of variants) {
    const merged = v === BASE_VARIANT ? { scenario } : mergeVariant(scenario, v);
    if ('scenario' in merged) start = Math.max(start, estimateWork(merged.scenario).startBytes);
  }
  const mb = (concurrent * start) / 2 ** 20;
  if (concurrent > 1 && !(mb <= limitMB)) {
    const fit = Math.max(1, Math.floor((limitMB * 2 ** 20) / start));
    throw new WorkLimitError([
      {
        path: 'workers',
        message:
          `${concurrent} runs at once would take about ${formatCount(mb)} MB for the patients already waiting, more than the limit of ` +
          `${formatCount(limitMB)} MB; use at most ${fit} worker${fit === 1 ? '' : 's'} (--workers ${fit}), or raise the limit with ` +
          `\`limits: { maxMemoryMB: ${Math.ceil(mb * 1.1)} }\` in the scenario`,
      },
    ]);
  }
}

/**
 * Memory a worker thread takes before its run's patients: a V8 isolate with the engine compiled.
 * @internal
 * @example
 * ```ts
 * import { WORKER_BASE_BYTES } from './work.js';
 * WORKER_BASE_BYTES / 2 ** 20; // 64
 * ```
 */
export const WORKER_BASE_BYTES = 64 * 2 ** 20;

/**
 * The most worker threads whose runs fit in memory at once, for the default worker count:
 * `floor(budget / (WORKER_BASE_BYTES + startBytes))`, at least 1, where `startBytes` is the
 * largest variant's room for twice its patients already waiting (see `estimateWork`) and the
 * budget is the smaller of the memory limit and three quarters of the memory free now (when
 * the host says; a browser does not).
 * @param variants The variants the experiment runs (each may change the waiting list).
 * @param freeBytes Memory free now (Node's `os.freemem()`), when known.
 * @param machineBytes This machine's memory (Node's `os.totalmem()`), when known.
 * @internal
 * @example
 * ```ts
 * import { freemem, totalmem } from 'node:os';
 * import { loadScenario } from 'carepath';
 * import { workersThatFit } from './work.js';
 * workersThatFit(loadScenario('examples/scenarios/england-elective.yaml'), ['base'], freemem(), totalmem()); // ≈ 3/4 of free memory / 798 MB
 * ```
 */
export function workersThatFit(scenario: unknown, variants: readonly string[], freeBytes?: number, machineBytes?: number): number {
  let start = 0;
  for (const v of variants) {
    const merged = v === BASE_VARIANT ? { scenario } : mergeVariant(scenario, v);
    if ('scenario' in merged) start = Math.max(start, estimateWork(merged.scenario).startBytes);
  }
  const limit = memoryLimitMB(scenario, machineBytes) * 2 ** 20;
  const budget = freeBytes === undefined ? limit : Math.min(limit, 0.75 * freeBytes);
  return Math.max(1, Math.floor(budget / (WORKER_BASE_BYTES + start)));
}
