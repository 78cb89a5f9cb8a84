/**
 * Resolution of the calendar and of tabular data: each stage's calendar (closed days, sessions,
 * timetable rows), period counts of arrivals, and waiting lists by weeks waited.
 * @module
 */
import type { DistributionSpec } from '../core/distributions.js';
import { joinPath } from '../core/errors.js';
import { calendarApplies, closedDays, expandCalendar, sessionTable, timePoint, type StageCalendar } from './calendar.js';
import type { CapacityPhase, Weekday } from './model.js';
import { ScenarioError } from './scenario-error.js';
import { WEEKDAYS, type Scenario } from './schema.js';

/**
 * The phases the engine runs for each stage (see `ModelStage.calendar`), or undefined where no
 * calendar, session or timetable row applies.
 * @throws ScenarioError for a timetable row naming an unknown stage or the wrong kind.
 */
export function stageCalendars(s: Scenario, base: CapacityPhase[][], startDate: string, startWeekday: Weekday, end: number): (CapacityPhase[] | undefined)[] {
  const ids = Object.keys(s.stages);
  const closed = closedDays(s.calendar, startDate, end);
  const byDate = ids.map(() => new Map<number, number>());
  const byWeekday = ids.map(() => new Array<number>(7).fill(-1));
  (s.timetable ?? []).forEach((row, i) => {
    const path = joinPath('timetable', i);
    const s_ = ids.indexOf(row.stage);
    if (s_ < 0) throw new ScenarioError([{ path: joinPath(path, 'stage'), message: `expected a stage name (${ids.join(', ')}), got ${JSON.stringify(row.stage)}` }]);
    const kind = row.slots !== undefined ? 'slots' : 'servers';
    if (!base[s_]!.some((p) => p.kind === kind)) {
      throw new ScenarioError([{ path: joinPath(path, kind), message: `stage ${row.stage} has no ${kind} capacity, so a timetable row cannot give it ${kind}` }]);
    }
    const value = (row.slots ?? row.servers)!;
    if (row.weekday !== undefined) byWeekday[s_]![WEEKDAYS.indexOf(row.weekday)] = value;
    else byDate[s_]!.set(timePoint(row.date, startDate, joinPath(path, 'date'), true), value);
  });
  return ids.map((id, i) => {
    const st = s.stages[id]!;
    const cal: StageCalendar = {
      closed: st.calendar === 'none' ? new Set() : closed,
      sessions: st.sessions ? sessionTable(st.sessions) : null,
      byDate: byDate[i]!,
      byWeekday: byWeekday[i]!,
    };
    if (st.sessions && base[i]!.some((p) => p.kind !== 'servers')) {
      throw new ScenarioError([{ path: joinPath(joinPath('stages', id), 'sessions'), message: 'sessions apply to server stages only (slots already say which days they are released)' }]);
    }
    const limited = base[i]!.some((p) => p.kind !== 'unlimited');
    return limited && calendarApplies(cal) ? expandCalendar(base[i]!, cal, startWeekday, end) : undefined;
  });
}

/**
 * Period counts in days: each period runs to the next `from`; the last lasts as long as the one
 * before it. Periods may start before day 0 (they are then partly or wholly dropped by the run).
 * @throws ScenarioError when periods are not in strictly increasing order.
 */
export function countPeriods(rows: { from: unknown; count: number }[], startDate: string, path: string): { from: number; to: number; count: number }[] {
  const froms = rows.map((r, i) => timePoint(r.from, startDate, joinPath(joinPath(path, i), 'from'), true));
  froms.forEach((f, i) => {
    if (i > 0 && !(f > froms[i - 1]!)) {
      throw new ScenarioError([{ path: joinPath(joinPath(path, i), 'from'), message: `periods must start in strictly increasing order: ${JSON.stringify(rows[i]!.from)} is not after the previous period` }]);
    }
  });
  const last = froms.length - 1;
  return rows.map((r, i) => ({ from: froms[i]!, to: i < last ? froms[i + 1]! : froms[last]! + (froms[last]! - froms[last - 1]!), count: r.count }));
}

/** Mean arrivals per day of period counts over the run [0, end] (their rate for `analyse`). */
export function countsRate(periods: { from: number; to: number; count: number }[], end: number): number {
  let n = 0;
  for (const p of periods) {
    const a = Math.max(0, p.from);
    const b = Math.min(end, p.to);
    if (b > a) n += (p.count * (b - a)) / (p.to - p.from);
  }
  return end > 0 ? n / end : 0;
}

/**
 * Initial groups from a list by weeks waited: band k waited uniformly between k and k + 1 weeks.
 * @internal
 * @example
 * ```ts
 * import { weekBands } from './resolve-data.js';
 * weekBands([{ weeks_waited: 2, count: 5 }]); // [ { count: 5, waited: { dist: 'uniform', min: 14, max: 21 } } ]
 * ```
 */
export function weekBands(rows: { weeks_waited: number; count: number }[]): { count: number; waited: DistributionSpec }[] {
  return rows
    .filter((r) => r.count > 0)
    .map((r) => ({ count: r.count, waited: { dist: 'uniform', min: 7 * r.weeks_waited, max: 7 * r.weeks_waited + 7 } as DistributionSpec }));
}
