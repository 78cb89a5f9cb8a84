/**
 * The instant answer for stages whose capacity the calendar shapes (sessions, closed days,
 * timetable rows): their capacity is the mean the calendar actually offers over the planned
 * phase in force (src/pathway/capacity-offered.ts), so a theatre whose lists come only from a
 * timetable is not read as "0 capacity" and a clinic open 40 hours a week is not read as open
 * 168. A steady-state wait formula needs a capacity that repeats: it stays where the offer is the
 * same every day (servers) or every week (slots); elsewhere the wait is simulate only.
 * @module
 */
import type { Model, ModelStage } from '../pathway/model.js';
import { offeredCapacity, offeredWindow } from '../pathway/capacity-offered.js';
import { momentsOf } from './inputs.js';
import type { StageInput } from './stage-wait.js';
import type { StageWait } from './types.js';

const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));

function offerOf(model: Model, st: ModelStage, day: number) {
  if (st.calendar === undefined) return null;
  const [from, until] = offeredWindow(st, day, model.warmup + model.horizon);
  return { from, until, offer: offeredCapacity(st.calendar, model.startWeekday, from, until) };
}

/**
 * A calendared stage's capacity as the analysis reads it (before losses): completions a day
 * offered on average over the planned phase in force at `day`; null for a stage without a
 * calendar (its written capacity is what it offers).
 * @internal
 * @example
 * ```ts
 * import { parseScenario, resolveScenario } from 'carepath';
 * import { calendarOffer } from './calendar-capacity.js';
 * const model = resolveScenario(parseScenario({
 *   version: 1, name: 'clinic', horizon: 28, startDate: '2024-01-08', calendar: { bankHolidays: 'none' },
 *   arrivals: { a: { to: 'c', rate: { perDay: 1 } } },
 *   stages: { c: { capacity: 1, service: '1h', sessions: { mon: '09:00-17:00' }, next: [{ to: 'exit' }] } },
 * }));
 * calendarOffer(model, model.stages[0]!, 0)!.capacity; // 1.142857… (8 an hour-long appointments a week ÷ 7)
 * ```
 */
export function calendarOffer(model: Model, st: ModelStage, day: number): Pick<StageInput, 'kind' | 'servers' | 'capacity' | 'slotsPerWeekday' | 'varies'> | null {
  const o = offerOf(model, st, day);
  if (o === null) return null;
  const { offer } = o;
  if (offer.kind === 'unlimited') return { kind: 'unlimited', servers: 0, capacity: Infinity, slotsPerWeekday: null, varies: false };
  if (offer.kind === 'slots') return { kind: 'slots', servers: 0, capacity: offer.slotsPerDay, slotsPerWeekday: offer.slotsPerWeekday, varies: !offer.steady };
  const mean = momentsOf(st.service, `stages.${st.id}.service`).mean;
  const capacity = offer.meanServers === 0 ? 0 : mean > 0 ? offer.meanServers / mean : Infinity;
  return { kind: 'servers', servers: offer.peakServers, capacity, slotsPerWeekday: null, varies: !offer.steady };
}

/**
 * The wait of a stable stage whose capacity varies from day to day: no steady-state formula
 * holds (the list builds while closed and drains while open), so it is simulate only, saying
 * why; an unstable stage keeps its own answer (the list grows).
 * @internal
 * @example
 * ```ts
 * import { calendarWait } from './calendar-capacity.js';
 * const wait = { mean: 2, method: 'erlang-c' as const, exact: true, discipline: 'fifo', exactFor: 'each-patient' as const, note: 'M/M/1' };
 * calendarWait({ varies: true }, wait, true).mean; // null
 * calendarWait({}, wait, true).mean; // 2
 * ```
 */
export function calendarWait(inp: Pick<StageInput, 'varies'>, wait: StageWait, stable: boolean): StageWait {
  if (inp.varies !== true || !stable) return wait;
  return {
    discipline: wait.discipline,
    mean: null,
    method: 'none',
    exact: false,
    note: 'capacity changes from day to day (sessions, closed days or timetable dates): capacity and utilisation use the mean offered; simulate for waits',
  };
}

/**
 * The analysis note for a calendared stage: the capacity offered over the window, a week's worth;
 * null for a stage without a calendar.
 * @internal
 * @example
 * ```ts
 * import { loadExample, resolveScenario } from 'carepath';
 * import { calendarNote } from './calendar-capacity.js';
 * const model = resolveScenario(loadExample('surgical-pathway'));
 * calendarNote(model, model.stages[2]!, 0); // 'theatre: sessions, closed days and timetable rows offer 36 slots a week over days 0–364; …'
 * ```
 */
export function calendarNote(model: Model, st: ModelStage, day: number): string | null {
  const o = offerOf(model, st, day);
  if (o === null || o.offer.kind === 'unlimited') return null;
  const what = o.offer.kind === 'slots' ? `${fmt(o.offer.slotsPerDay * 7)} slots a week` : `${fmt(o.offer.meanServers)} servers on average (${fmt(o.offer.meanServers * 168)} server-hours a week)`;
  return (
    `${st.id}: sessions, closed days and timetable rows offer ${what} over days ${o.from}–${o.until}; ` +
    'its capacity here is that mean' +
    (o.offer.steady ? '.' : ', and its wait is simulate only (the offer changes from day to day).')
  );
}
