/**
 * The calendar at resolve time: dates become day offsets from `startDate`, and closed days,
 * opening sessions and timetable rows are expanded into ordinary capacity phases, so the
 * engine runs them as it runs any phase change (one calendar event each) and needs no
 * calendar of its own.
 *
 * Rules, stated once:
 * - A closed day has 0 servers (servers) or releases 0 slots (slots) from midnight to midnight;
 *   unlimited stages are delays and are not closed. A patient in service at midnight finishes.
 * - Sessions: outside the opening hours a server stage has 0 servers. At closing time a patient
 *   in service finishes; nobody new starts until the next opening (closing is moved
 *   {@link SESSION_EARLY} earlier, against rounding). Work after closing is the
 *   stage's overtime (server-days, `StageResult.overtime`).
 * - With a calendar, sessions or a timetable, a stage's own capacity phases take effect at the
 *   first midnight on or after their `from`.
 * @module
 */
import { parseDuration } from '../core/duration.js';
import { joinPath } from '../core/errors.js';
import { ENGLAND_AND_WALES } from './bank-holidays.js';
import type { CapacityPhase, Model } from './model.js';
import { ScenarioError } from './scenario-error.js';
import { isIsoDate, sessionHours } from './schema-calendar.js';
import { WEEKDAYS } from './schema.js';

const DAY_MS = 86_400_000;

/**
 * Sessions close this many days (under 10 µs) before the stated time. Times in days are not
 * exact in binary (1h = 1/24), so eight 1-hour services from 09:00 can end a rounding error
 * before 17:00 and would start a ninth; closing a hair early makes "no new start at closing"
 * hold under rounding. The cost is at most this much overtime per session.
 */
export const SESSION_EARLY = 1e-10;

/**
 * Days from `startDate` to an ISO date (negative before it).
 * @internal
 * @example
 * ```ts
 * import { daysFrom } from './calendar.js';
 * daysFrom('2025-01-06', '2025-01-20'); // 14
 * ```
 */
export function daysFrom(startDate: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / DAY_MS);
}

/**
 * A time point of a scenario in days from day 0: a duration, or an ISO date counted from
 * `startDate`.
 * @throws ScenarioError (at `path`) for a date before `startDate` unless `allowBefore`.
 * @internal
 * @example
 * ```ts
 * import { timePoint } from './calendar.js';
 * timePoint('2024-01-15', '2024-01-01', 'x'); // 14
 * timePoint('2w', '2024-01-01', 'x'); // 14
 * ```
 */
export function timePoint(value: unknown, startDate: string, path: string, allowBefore = false): number {
  if (!isIsoDate(value)) return parseDuration(value, path);
  const d = daysFrom(startDate, value);
  if (d < 0 && !allowBefore) {
    throw new ScenarioError([{ path, message: `expected a date on or after startDate (${startDate}), got ${JSON.stringify(value)}` }]);
  }
  return d;
}

/** What the scenario's calendar and timetable say about one stage. */
export interface StageCalendar {
  /** Closed day offsets (from day 0), or empty. */
  closed: ReadonlySet<number>;
  /** Opening hours [open, close) in days per weekday (0 = Monday), null = closed; or null for no sessions. */
  sessions: ([number, number] | null)[] | null;
  /** Timetable values by day offset (date rows). */
  byDate: ReadonlyMap<number, number>;
  /** Timetable values by weekday (weekday rows), -1 where none. */
  byWeekday: readonly number[];
}

/**
 * Closed day offsets of a scenario's `calendar` within [0, end).
 * @internal
 * @example
 * ```ts
 * import { closedDays } from './calendar.js';
 * [...closedDays({ closures: ['2024-01-03'] }, '2024-01-01', 10)]; // [ 0, 2 ] (New Year's Day and the closure)
 * ```
 */
export function closedDays(
  calendar: { bankHolidays?: 'england-and-wales' | 'none'; closures?: string[] } | undefined,
  startDate: string,
  end: number,
): Set<number> {
  const out = new Set<number>();
  if (calendar === undefined) return out;
  const dates = [...((calendar.bankHolidays ?? 'england-and-wales') === 'england-and-wales' ? ENGLAND_AND_WALES : []), ...(calendar.closures ?? [])];
  for (const date of dates) {
    const d = daysFrom(startDate, date);
    if (d >= 0 && d < end) out.add(d);
  }
  return out;
}

/**
 * Opening hours by weekday (index 0 = Monday) of a validated `sessions` field.
 * @internal
 * @example
 * ```ts
 * import { sessionTable } from './calendar.js';
 * sessionTable({ mon: '09:00-17:00' })[0]; // [ 0.375, 0.7083333333333334 ]
 * ```
 */
export function sessionTable(sessions: Partial<Record<string, string>>): ([number, number] | null)[] {
  return WEEKDAYS.map((d) => (sessions[d] === undefined ? null : sessionHours(sessions[d]!)));
}

/** Whether a stage calendar changes anything. */
export function calendarApplies(c: StageCalendar): boolean {
  return c.closed.size > 0 || c.sessions !== null || c.byDate.size > 0 || c.byWeekday.some((v) => v >= 0);
}

/**
 * A stage's capacity phases with its calendar applied, over [0, end): one phase per change,
 * equal neighbours merged. `startWeekday` is the weekday of day 0 (0 = Monday).
 * @internal
 * @example
 * ```ts
 * import { expandCalendar } from './calendar.js';
 * const none = { closed: new Set<number>(), byDate: new Map(), byWeekday: [-1, -1, -1, -1, -1, -1, -1] };
 * const open = [[0.375, 0.75], null, null, null, null, null, null] as ([number, number] | null)[];
 * expandCalendar([{ from: 0, kind: 'servers', servers: 2 }], { ...none, sessions: open }, 0, 2).map((p) => p.from);
 * // [ 0, 0.375, 0.7499999999 ] (day 1 is a Tuesday: closed, merged with Monday evening)
 * ```
 */
export function expandCalendar(base: CapacityPhase[], cal: StageCalendar, startWeekday: number, end: number): CapacityPhase[] {
  const out: CapacityPhase[] = [];
  const push = (phase: CapacityPhase) => {
    if (out.length > 0 && out[out.length - 1]!.from === phase.from) out.pop();
    const prev = out[out.length - 1];
    if (prev !== undefined && samePhase(prev, phase)) return;
    out.push(phase);
  };
  let b = 0;
  const days = Math.ceil(end);
  for (let d = 0; d < Math.max(1, days); d++) {
    while (b + 1 < base.length && base[b + 1]!.from <= d) b++;
    const phase = base[b]!;
    const w = (startWeekday + d) % 7;
    const closed = cal.closed.has(d);
    if (phase.kind === 'servers') {
      const planned = cal.byDate.get(d) ?? (cal.byWeekday[w]! >= 0 ? cal.byWeekday[w]! : phase.servers);
      const n = closed ? 0 : planned;
      const hours = cal.sessions === null ? ([0, 1] as [number, number]) : cal.sessions[w];
      if (hours === null || hours === undefined) {
        push({ from: d, kind: 'servers', servers: 0 });
        continue;
      }
      push({ from: d, kind: 'servers', servers: hours[0] > 0 ? 0 : n });
      if (hours[0] > 0) push({ from: d + hours[0], kind: 'servers', servers: n });
      if (hours[1] < 1) push({ from: d + hours[1] - SESSION_EARLY, kind: 'servers', servers: 0 });
    } else if (phase.kind === 'slots') {
      const perWeekday = phase.perWeekday.map((n, i) => (i === w ? (closed ? 0 : (cal.byDate.get(d) ?? (cal.byWeekday[i]! >= 0 ? cal.byWeekday[i]! : n))) : cal.byWeekday[i]! >= 0 ? cal.byWeekday[i]! : n));
      push({ from: d, kind: 'slots', perWeekday });
    } else {
      push({ from: d, kind: 'unlimited' });
    }
  }
  return out;
}

function samePhase(a: CapacityPhase, b: CapacityPhase): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'servers') return a.servers === (b as { servers: number }).servers;
  if (a.kind === 'slots') {
    const q = (b as { perWeekday: number[] }).perWeekday;
    return a.perWeekday.every((n, i) => n === q[i]);
  }
  return true;
}

/**
 * Checks that phase starts (already in days) are strictly increasing and the first is 0.
 * @throws ScenarioError naming the phase.
 */
export function checkPhaseOrder(froms: number[], path: string, written: unknown[]): void {
  froms.forEach((from, i) => {
    const at = joinPath(joinPath(path, i), 'from');
    if (i === 0 && from !== 0) throw new ScenarioError([{ path: at, message: `the first capacity phase must start at 0 (or at startDate), got ${JSON.stringify(written[i])}` }]);
    if (i > 0 && !(from > froms[i - 1]!)) {
      throw new ScenarioError([{ path: at, message: `phases must start in strictly increasing order: ${JSON.stringify(written[i])} is not after the previous phase` }]);
    }
  });
}

/**
 * The model the engine runs: each stage's `calendar` phases (when present) as its capacity.
 * @internal
 * @example
 * ```ts
 * import { loadScenario, resolveScenario } from 'carepath';
 * import { withCalendarPhases } from './calendar.js';
 * const model = resolveScenario(loadScenario('examples/scenarios/surgical-pathway.yaml'));
 * withCalendarPhases(model).stages[0].capacity.length; // 499: sessions, bank holidays and closures
 * ```
 */
export function withCalendarPhases(model: Model): Model {
  if (!model.stages.some((st) => st.calendar !== undefined)) return model;
  return { ...model, stages: model.stages.map(({ calendar, ...st }) => (calendar ? { ...st, capacity: calendar } : st)) };
}
