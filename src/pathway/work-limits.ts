/**
 * Work limits: an estimate of what a run will cost (patients, events, samples, memory) made
 * from the scenario before anything runs, and the limits past which carepath refuses rather
 * than hang, swap or die with an engine message. A slipped unit (`perDay: 2100000` meant as
 * `perWeek: 2100`), a `sampleEvery` of a millisecond or a warm-up of a million years all look
 * valid field by field; this is where they are caught, with the estimate, the limit and how to
 * raise it (`limits:` in the scenario, `--max-patients` on the command line).
 * The estimate itself is in `work-estimate.ts`.
 * @module
 */
import { ValidationError, type Issue } from '../core/errors.js';
import { isObject, keysOf, own } from './scenario-json.js';
import { durationDays } from './schema-parts.js';
import { estimateWork, initialCount, type WorkEstimate } from './work-estimate.js';

export { BYTES_PER_PATIENT, estimateWork, expectedArrivals, type WorkEstimate } from './work-estimate.js';

/** Limits on the work of one run (per variant and replication). */
export interface WorkLimits {
  /** Most patients (already waiting + expected arrivals over warm-up and horizon) in one run. */
  maxPatients: number;
  /** Most simulation events in one run (about 10–20 million a second on one core). */
  maxEvents: number;
  /** Most time-series values one run keeps (samples × (stages + 2)). */
  maxSamples: number;
  /** Most memory (MB) an experiment may plan to hold: the results it keeps, the runs in flight. */
  maxMemoryMB: number;
}

/**
 * Default {@link WorkLimits}: far above the national-scale example (about 30 million patients
 * and 80 million events a run), far below what exhausts a laptop.
 * @example
 * ```ts
 * import { DEFAULT_WORK_LIMITS } from 'carepath/kernel';
 * DEFAULT_WORK_LIMITS.maxPatients; // 200000000
 * ```
 */
export const DEFAULT_WORK_LIMITS: Readonly<WorkLimits> = Object.freeze({
  maxPatients: 200_000_000,
  maxEvents: 2_000_000_000,
  maxSamples: 50_000_000,
  maxMemoryMB: 8192,
});

/**
 * A run or an experiment that would exceed a work limit (or did run out of memory). `issues`
 * name where the work comes from, the estimate, the limit and how to raise it.
 * @example
 * ```ts
 * import { loadScenario, runExperiment } from 'carepath';
 * import { WorkLimitError } from 'carepath/kernel';
 * const scenario = loadScenario('examples/scenarios/mm1.yaml');
 * try {
 *   await runExperiment(scenario, { replications: 1e9, workers: 1 });
 * } catch (e) {
 *   if (e instanceof WorkLimitError) console.log(e.issues[0]!.message); // … replications … would keep about … MB of results …
 * }
 * ```
 */
export class WorkLimitError extends ValidationError {
  /** One issue per limit exceeded, at the path of the field the work comes from. */
  constructor(issues: Issue[]) {
    super(issues, 'too much work');
    this.name = 'WorkLimitError';
  }
}

/** Options accepted wherever a scenario is read: limits to apply over the scenario's own `limits`. */
export interface ScenarioReadOptions {
  /** Work limits that take precedence over the scenario's `limits` field (e.g. from `--max-patients`). */
  limits?: Partial<WorkLimits>;
}

/**
 * The scenario data with `limits` laid over its own `limits` field (a shallow copy; the data
 * itself is not changed). Anything that is not an object is returned as it is.
 * @internal
 * @example
 * ```ts
 * import { withLimits } from './work-limits.js';
 * withLimits({ version: 1 }, { maxPatients: 1e9 }); // { version: 1, limits: { maxPatients: 1e9 } }
 * ```
 */
export function withLimits<T>(data: T, limits: Partial<WorkLimits> | undefined): T {
  if (!isObject(data) || limits === undefined || Object.keys(limits).length === 0) return data;
  const own_ = own(data, 'limits');
  return { ...data, limits: { ...(isObject(own_) ? own_ : {}), ...limits } } as T;
}

/**
 * A count for a message: `1,234,567` up to a billion, `3.7e+11` beyond.
 * @internal
 * @example
 * ```ts
 * import { formatCount } from './work-limits.js';
 * formatCount(365_000_000); // '365,000,000'
 * formatCount(3.65e11); // '3.7e+11'
 * ```
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return 'more than 1e308';
  return n < 1e9 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(2);
}

/** `about 1,234` for a finite estimate, `more than 1e308` for an overflow. */
function about(n: number): string {
  return Number.isFinite(n) ? `about ${formatCount(n)}` : formatCount(n);
}

/**
 * The limits in force for a scenario: the defaults, overridden by its `limits` field.
 * @example
 * ```ts
 * import { workLimitsOf } from 'carepath/kernel';
 * workLimitsOf({ limits: { maxPatients: 1e9 } }).maxPatients; // 1000000000
 * ```
 */
export function workLimitsOf(scenario: unknown): WorkLimits {
  const limits = { ...DEFAULT_WORK_LIMITS };
  const given = own(scenario, 'limits');
  for (const key of Object.keys(limits) as (keyof WorkLimits)[]) {
    const v = own(given, key);
    if (typeof v === 'number' && v > 0) limits[key] = v;
  }
  return limits;
}

function mainSource(scenario: unknown, w: WorkEstimate): { path: string; what: string } {
  let best = { path: 'horizon', what: `${formatCount(w.days)} simulated days`, n: -1 };
  for (const [id, n] of Object.entries(w.arrivalsByStream)) {
    if (n > best.n) best = { path: `arrivals.${id}.rate`, what: `${about(n)} arrivals from "${id}" over ${formatCount(w.days)} days`, n };
  }
  const initialObj = own(scenario, 'initial');
  for (const stage of keysOf(initialObj)) {
    const n = initialCount(own(initialObj, stage));
    if (n > best.n) best = { path: `initial.${stage}`, what: `${formatCount(n)} patients already waiting at "${stage}"`, n };
  }
  // A huge warm-up (or horizon) is the cause when the rates themselves are modest.
  const warmup = durationDays(own(scenario, 'warmup')) ?? 0;
  if (best.path.startsWith('arrivals.') && w.days > 36_500) best.path = warmup > w.days / 2 ? 'warmup' : 'horizon';
  return best;
}

/**
 * Work-limit problems of one scenario (one variant merged over the base), as validation issues
 * naming the field the work comes from, the estimate, the limit and how to raise it.
 * @internal
 * @example
 * ```ts
 * import { checkWork } from './work-limits.js';
 * checkWork({ horizon: 365, arrivals: { a: { to: 'x', rate: { perDay: 1e9 } } }, stages: { x: {} } });
 * // [{ path: 'arrivals.a.rate', message: 'one run would simulate about 3.7e+11 patients …' }]
 * ```
 */
export function checkWork(scenario: unknown): Issue[] {
  if (!isObject(scenario)) return [];
  const w = estimateWork(scenario);
  const limits = workLimitsOf(scenario);
  const issues: Issue[] = [];
  const over = (estimate: number, limit: number) => !(estimate <= limit);
  const sampleEvents = w.samples / (keysOf(own(scenario, 'stages')).length + 2);
  if (over(w.patients, limits.maxPatients)) {
    const src = mainSource(scenario, w);
    const raise = Number.isFinite(w.patients)
      ? `raise the limit with \`limits: { maxPatients: ${Math.ceil(w.patients * 1.1).toPrecision(2)} }\` in the scenario or --max-patients`
      : 'shorten the run or the growth (the count overflows)';
    issues.push({
      path: src.path,
      message:
        `one run would simulate ${about(w.patients)} patients (${src.what}), more than the limit of ` +
        `${formatCount(limits.maxPatients)}; check the rate's unit (perDay, perWeek …) and durations, or if this is meant, ${raise}`,
    });
  } else if (over(w.events, limits.maxEvents) && !(over(w.samples, limits.maxSamples) && sampleEvents > w.events / 2)) {
    const src = w.visitsPerPatient > 20 ? { path: 'stages', what: `${w.visitsPerPatient.toPrecision(3)} stage visits per patient` } : mainSource(scenario, w);
    issues.push({
      path: src.path,
      message:
        `one run would process about ${formatCount(w.events)} events (${formatCount(w.patients)} patients, ${src.what}), ` +
        `more than the limit of ${formatCount(limits.maxEvents)} (about ${Math.round(w.events / 1.5e7 / 60)} minutes a run); ` +
        `if this is meant, raise it with \`limits: { maxEvents: ${Math.ceil(w.events * 1.1).toPrecision(2)} }\` in the scenario`,
    });
  }
  const startMB = w.startBytes / 2 ** 20;
  if (over(startMB, limits.maxMemoryMB) && !over(w.patients, limits.maxPatients)) {
    const src = mainSource(scenario, { ...w, arrivalsByStream: {} });
    issues.push({
      path: src.path,
      message:
        `one run would take about ${formatCount(startMB)} MB from the start for the ${formatCount(w.initial)} patients already waiting, ` +
        `more than the limit of ${formatCount(limits.maxMemoryMB)} MB; if the machine has the memory, raise it with ` +
        `\`limits: { maxMemoryMB: ${Math.ceil(startMB * 1.1)} }\` in the scenario`,
    });
  }
  if (over(w.samples, limits.maxSamples)) {
    issues.push({
      path: 'sampleEvery',
      message:
        `one run would keep ${formatCount(w.samples)} time-series values (a sample every ${own(scenario, 'sampleEvery') === undefined ? '7 days' : JSON.stringify(own(scenario, 'sampleEvery'))} ` +
        `over ${formatCount(w.days)} days, for each stage), more than the limit of ${formatCount(limits.maxSamples)}; ` +
        `sample less often, or raise the limit with \`limits: { maxSamples: ${Math.ceil(w.samples * 1.1).toPrecision(2)} }\` in the scenario`,
    });
  }
  return issues;
}

/**
 * Maps a failed allocation (V8's `RangeError: Array buffer allocation failed`, `Invalid array
 * buffer length`, `Invalid typed array length`, `Invalid array length`) to a {@link WorkLimitError}
 * that says what ran out and what to change; other errors are returned as they are.
 * @internal
 * @example
 * ```ts
 * import { allocationError, WorkLimitError } from './work-limits.js';
 * const e = allocationError(new RangeError('Array buffer allocation failed'), 'simulating "base"');
 * e instanceof WorkLimitError; // true: its message says what ran out and what to change
 * allocationError(new TypeError('x'), 'simulating "base"'); // the TypeError itself
 * ```
 */
export function allocationError(err: unknown, what: string): unknown {
  if (!(err instanceof RangeError) || !/allocation failed|Invalid (typed )?array( buffer)? length/i.test(err.message)) return err;
  const e = new WorkLimitError([
    {
      path: '',
      message:
        `out of memory while ${what} (${err.message}): the run holds too many patients or samples at once; ` +
        `shorten the horizon, sample less often, lower the rates or use fewer workers (see \`carepath validate\` for the estimate)`,
    },
  ]);
  (e as { cause?: unknown }).cause = err;
  return e;
}
