/**
 * Work limits: an estimate of what a run will cost (patients, events, samples, memory) made
 * from the scenario before anything runs, and the limits past which carepath refuses rather
 * than hang, swap or die with an engine message. A slipped unit (`perDay: 2100000` meant as
 * `perWeek: 2100`), a `sampleEvery` of a millisecond or a warm-up of a million years all look
 * valid field by field; this is where they are caught, with the estimate, the limit and how to
 * raise it (`limits:` in the scenario, `--max-patients` on the command line).
 *
 * The estimate is deliberately cheap (linear in stages, arrival changes and months) and rough
 * (a factor of two either way): it exists to tell millions from billions.
 * @module
 */
import { ValidationError, type Issue } from '../core/errors.js';
import { monthIndexer, monthStarts } from './arrivals.js';
import { isObject, keysOf, own } from './scenario-json.js';
import { EXIT_NAME } from './scenario-names.js';
import { durationDays } from './schema-parts.js';

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
 * import { DEFAULT_WORK_LIMITS } from 'carepath';
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
 * Bytes the engine holds per patient in the system (its row in the patient store and queues).
 * @example
 * ```ts
 * BYTES_PER_PATIENT * 7_400_000; // ≈ 385 MB for England's waiting list
 * ```
 */
export const BYTES_PER_PATIENT = 52;

/** What one run of a scenario (one variant) is expected to cost. */
export interface WorkEstimate {
  /** Simulated days (warm-up + horizon). */
  days: number;
  /** Patients already waiting at day 0. */
  initial: number;
  /** Expected arrivals over the run, per arrival stream id. */
  arrivalsByStream: Record<string, number>;
  /** Expected patients in one run: initial + arrivals. */
  patients: number;
  /** Expected stage visits per patient (routing loops included). */
  visitsPerPatient: number;
  /** Expected simulation events in one run. */
  events: number;
  /** Time-series values one run keeps. */
  samples: number;
  /** Upper bound of the engine's memory for one run, if every patient were in the system at once. */
  peakBytes: number;
  /** Memory the engine takes at the start of a run: room for twice the patients already waiting. */
  startBytes: number;
  /** Size of one run's result kept by an experiment (bytes, rough). */
  resultBytes: number;
}

/**
 * A run or an experiment that would exceed a work limit (or did run out of memory). `issues`
 * name where the work comes from, the estimate, the limit and how to raise it.
 * @example
 * ```ts
 * import { WorkLimitError } from 'carepath';
 * try { await runExperiment(scenario, { replications: 1e9 }); }
 * catch (e) { if (e instanceof WorkLimitError) console.log(e.issues[0].message); }
 * ```
 */
export class WorkLimitError extends ValidationError {
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
 * @example
 * ```ts
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
 * @example
 * ```ts
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

const RATE_DAYS: Record<string, number> = { perDay: 1, perWeek: 7, perMonth: 365 / 12, perYear: 365 };

function ratePerDay(rate: unknown): number {
  for (const [unit, days] of Object.entries(RATE_DAYS)) {
    const v = own(rate, unit);
    if (typeof v === 'number') return v / days;
  }
  return 0;
}

/** ∫ₐᵇ e^{g t} dt. */
function grown(g: number, a: number, b: number): number {
  return g === 0 ? b - a : (Math.exp(g * b) - Math.exp(g * a)) / g;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Runs longer than this many months use the year's mean seasonal multiplier. */
const EXACT_MONTHS = 2400;

/**
 * Expected arrivals of one stream over [0, end]: its rate integrated with changes, growth and seasonality.
 * @example
 * ```ts
 * expectedArrivals({ rate: { perDay: 1 }, changes: [{ at: 50, rate: { perDay: 3 } }] }, '2024-01-01', 100); // 200
 * ```
 */
export function expectedArrivals(arrival: unknown, startDate: string, end: number): number {
  const growth = own(own(arrival, 'growth'), 'perYear');
  const g = typeof growth === 'number' && growth > -1 ? Math.log1p(growth) / 365 : 0;
  const steps: { at: number; rate: number }[] = [{ at: 0, rate: ratePerDay(own(arrival, 'rate')) }];
  const changes = own(arrival, 'changes');
  if (Array.isArray(changes)) {
    for (const c of changes) {
      const at = durationDays(own(c, 'at'));
      if (at !== undefined && at > 0 && at < end) steps.push({ at, rate: ratePerDay(own(c, 'rate')) });
    }
  }
  steps.sort((a, b) => a.at - b.at);
  const rateAt = (t: number) => {
    let r = steps[0]!.rate;
    for (const s of steps) if (s.at <= t) r = s.rate;
    return r;
  };
  const season = own(arrival, 'seasonality');
  const seasonal = Array.isArray(season) && season.length === 12 && season.every((m) => typeof m === 'number');
  if (seasonal && end / 30 <= EXACT_MONTHS) {
    const cuts = [...new Set([0, ...steps.map((s) => s.at), ...monthStarts(startDate, end), end])].sort((a, b) => a - b);
    const month = monthIndexer(startDate);
    let total = 0;
    for (let i = 0; i + 1 < cuts.length; i++) total += rateAt(cuts[i]!) * (season[month(cuts[i]!)] as number) * grown(g, cuts[i]!, cuts[i + 1]!);
    return total;
  }
  const mean = seasonal ? (season as number[]).reduce((sum, m, i) => sum + m * MONTH_DAYS[i]!, 0) / 365 : 1;
  let total = 0;
  for (let i = 0; i < steps.length; i++) total += steps[i]!.rate * mean * grown(g, steps[i]!.at, steps[i + 1]?.at ?? end);
  return total;
}

function initialCount(entry: unknown): number {
  const groups = Array.isArray(entry) ? entry : [entry];
  return groups.reduce<number>((n, g) => n + (typeof own(g, 'count') === 'number' ? (own(g, 'count') as number) : 0), 0);
}

/**
 * Where a stage sends the patients it serves, with rough shares: branches with `p` take p,
 * the first without takes the rest; a branch with an `if` is taken by about half the patients.
 */
function roughRouting(stage: unknown, stageSet: Set<string>): [string, number][] {
  const next = own(stage, 'next');
  if (!Array.isArray(next)) return [];
  const out: [string, number][] = [];
  let left = 1;
  let restTo: string | null = null;
  for (const b of next) {
    const to = own(b, 'to');
    const p = own(b, 'p');
    const half = own(b, 'if') !== undefined ? 0.5 : 1;
    if (typeof p !== 'number') {
      if (half === 1 && restTo === null) restTo = typeof to === 'string' ? to : EXIT_NAME;
      else if (half < 1 && typeof to === 'string' && stageSet.has(to)) out.push([to, 0.5 * left]);
      continue;
    }
    const share = Math.min(left, p * half);
    left -= share;
    if (typeof to === 'string' && stageSet.has(to)) out.push([to, share]);
  }
  if (restTo !== null && stageSet.has(restTo)) out.push([restTo, left]);
  return out;
}

/** Expected stage visits in total for patients entering at the given stages (loops included, pushes capped). */
function totalVisits(scenario: unknown, entering: Map<string, number>): number {
  const stagesObj = own(scenario, 'stages');
  const ids = keysOf(stagesObj);
  const stageSet = new Set(ids);
  const routing = new Map(ids.map((id) => [id, roughRouting(own(stagesObj, id), stageSet)]));
  const pending = new Map<string, number>();
  const queue: string[] = [];
  let total = 0;
  let entered = 0;
  for (const [s, n] of entering) {
    if (!stageSet.has(s) || !(n > 0)) continue;
    entered += n;
    pending.set(s, (pending.get(s) ?? 0) + n);
    queue.push(s);
  }
  const negligible = entered * 1e-9;
  const maxPushes = 50 * ids.length + 10_000;
  for (let pushes = 0, head = 0; head < queue.length && pushes < maxPushes; pushes++) {
    const s = queue[head++]!;
    const amount = pending.get(s)!;
    pending.delete(s);
    total += amount;
    for (const [to, share] of routing.get(s)!) {
      const m = amount * share;
      if (!(m > negligible)) continue;
      if (!pending.has(to)) queue.push(to);
      pending.set(to, (pending.get(to) ?? 0) + m);
    }
  }
  // Whatever is still circulating when the pushes run out visits at least once more.
  for (const m of pending.values()) total += m;
  return total;
}

/**
 * Estimates the work of one run of a scenario (one variant, already merged over the base).
 * Reads the data defensively: fields that are missing or malformed count as nothing.
 * @example
 * ```ts
 * import { estimateWork, loadScenario } from 'carepath';
 * const w = estimateWork(loadScenario('examples/scenarios/mm1.yaml'));
 * w.patients; // ≈ 0.9 × 202,000 days = 181,800
 * ```
 */
export function estimateWork(scenario: unknown): WorkEstimate {
  const warmup = durationDays(own(scenario, 'warmup')) ?? 0;
  const horizon = durationDays(own(scenario, 'horizon')) ?? 0;
  const days = warmup + horizon;
  const start = own(scenario, 'startDate');
  const startDate = typeof start === 'string' && /^\d{4}-\d\d-\d\d$/.test(start) ? start : '2024-01-01';
  const entering = new Map<string, number>();
  const enter = (stage: unknown, n: number) => {
    if (typeof stage === 'string') entering.set(stage, (entering.get(stage) ?? 0) + n);
  };
  const arrivalsByStream: Record<string, number> = Object.create(null);
  const arrivals = own(scenario, 'arrivals');
  for (const id of keysOf(arrivals)) {
    const a = own(arrivals, id);
    const n = expectedArrivals(a, startDate, days);
    arrivalsByStream[id] = n;
    enter(own(a, 'to'), n);
  }
  let initial = 0;
  const initialObj = own(scenario, 'initial');
  for (const stage of keysOf(initialObj)) {
    const n = initialCount(own(initialObj, stage));
    initial += n;
    enter(stage, n);
  }
  const patients = initial + Object.values(arrivalsByStream).reduce((s, n) => s + n, 0);
  const visits = patients > 0 && Number.isFinite(patients) ? totalVisits(scenario, entering) : patients;
  const stages = keysOf(own(scenario, 'stages')).length;
  const every = durationDays(own(scenario, 'sampleEvery')) ?? 7;
  const samples = every > 0 ? (Math.floor(days / every) + 1) * (stages + 2) : Infinity;
  const slots = JSON.stringify(own(scenario, 'stages') ?? null).includes('"slots"');
  // Per patient: the arrival; per visit: the end of service and a routing or abandonment.
  const events = patients + 2 * visits + samples / (stages + 2) + (slots ? days : 0);
  return {
    days,
    initial,
    arrivalsByStream,
    patients,
    visitsPerPatient: patients > 0 ? visits / patients : 0,
    events,
    samples,
    peakBytes: BYTES_PER_PATIENT * patients,
    startBytes: 2 * BYTES_PER_PATIENT * initial,
    resultBytes: 8 * samples + 400 * stages + 2048,
  };
}

/** The biggest single source of patients, as a path and a phrase. */
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
 * @example
 * ```ts
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
 * @example
 * ```ts
 * try { simulate(model); } catch (e) { throw allocationError(e, 'simulating "base"'); }
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
