/**
 * What one run of a scenario will cost, estimated from the scenario before anything runs:
 * patients (the arrival rates integrated over warm-up and horizon, with step changes,
 * compounding growth and seasonality, plus the lists at day 0), stage visits per patient (the
 * routing followed, loops included), events, time-series values and memory. Cheap (linear in
 * stages, rate changes and months) and rough (a factor of two either way): it exists to tell
 * millions from billions. The limits themselves are in `work-limits.ts`.
 * @module
 */
import { monthIndexer, monthStarts } from './arrivals.js';
import { keysOf, own } from './scenario-json.js';
import { EXIT_NAME } from './scenario-names.js';
import { durationDays } from './schema-parts.js';
import { atMeans } from './uncertain.js';

/**
 * Bytes the engine holds per patient in the system: a patient-store row (56 bytes; 72 with the
 * tail that conditions, missed returns and records need), 4 bytes of queue ring, and 12 for the
 * deferred deadline of a patient whose patience can end inside the run (a 24-byte day-list
 * entry; the lists grow by doubling and keep stale entries until compacted). England's 13-week
 * run measured 70 bytes per waiting patient (565 MB peak for 7.4 million waiting, less about
 * 50 MB for Node and the code; docs/performance.md).
 * @internal
 * @example
 * ```ts
 * import { BYTES_PER_PATIENT } from './work-estimate.js';
 * BYTES_PER_PATIENT * 7_400_000; // ≈ 533 MB for England's waiting list
 * ```
 */
export const BYTES_PER_PATIENT = 56 + 4 + 12;

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
 * @internal
 * @example
 * ```ts
 * import { expectedArrivals } from './work-estimate.js';
 * expectedArrivals({ rate: { perDay: 1 }, changes: [{ at: 50, rate: { perDay: 3 } }] }, '2024-01-01', 100); // 200
 * ```
 */
export function expectedArrivals(arrival: unknown, startDate: string, end: number): number {
  // Period counts: at most every count (periods outside the run are not simulated).
  const counts = own(arrival, 'counts');
  if (Array.isArray(counts)) return counts.reduce<number>((n, r) => n + (typeof own(r, 'count') === 'number' ? (own(r, 'count') as number) : 0), 0);
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

/** Patients in an `initial` entry (one group or a list of groups). */
export function initialCount(entry: unknown): number {
  const groups = Array.isArray(entry) ? entry : [entry];
  const countOf = (g: unknown) => (typeof own(g, 'count') === 'number' ? (own(g, 'count') as number) : 0);
  return groups.reduce<number>((n, g) => {
    const bands = own(g, 'weeksWaited');
    return n + (Array.isArray(bands) ? bands.reduce<number>((m, b) => m + countOf(b), 0) : countOf(g));
  }, 0);
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
 * import { loadScenario } from 'carepath';
 * import { estimateWork } from 'carepath/kernel';
 * const w = estimateWork(loadScenario('examples/scenarios/mm1.yaml'));
 * w.patients; // ≈ 0.9 × 202,000 days = 181,800
 * ```
 */
export function estimateWork(raw: unknown): WorkEstimate {
  // Uncertain parameters (a rate given as a distribution) count at their means.
  const scenario = atMeans(raw);
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
