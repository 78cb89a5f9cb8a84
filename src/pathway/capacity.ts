/**
 * Capacity, read in one place: how a scenario's `capacity` field becomes phases
 * (`{ slots, per, days }` → slots per weekday), which phase is in force on a day, what a phase
 * sustains per day and per week, and how goal-seeking reads and changes a stage's capacity.
 * `resolve` (the model), `analysis` (rates) and `seekCapacity` all use these rules.
 * @module
 */
import { checkPhaseOrder, timePoint } from './calendar.js';
import { joinPath } from '../core/errors.js';
import type { CapacityPhase, ModelStage } from './model.js';
import { WEEKDAYS, type Scenario } from './schema.js';

/** A stage's `capacity` field as the scenario format accepts it. @internal */
export type CapacityInput = Scenario['stages'][string]['capacity'];

/**
 * Slots released on each weekday (index 0 = Monday). `per: week` spreads `slots` as evenly as
 * possible over the listed days in Monday-to-Sunday order, earlier days taking the remainder
 * (7 over mon, wed, fri → 3, 2, 2); `per: day` gives every listed day `slots`.
 * @internal
 * @example
 * ```ts
 * import { slotsPerWeekday } from './capacity.js';
 * slotsPerWeekday(7, 'week', ['mon', 'wed', 'fri']); // [ 3, 0, 2, 0, 2, 0, 0 ]
 * slotsPerWeekday(4, 'day', ['sat', 'sun']); // [ 0, 0, 0, 0, 0, 4, 4 ]
 * ```
 */
export function slotsPerWeekday(slots: number, per: 'day' | 'week', days: readonly string[] = WEEKDAYS): number[] {
  const open = WEEKDAYS.map((d) => days.includes(d));
  const count = open.filter(Boolean).length;
  const out = new Array<number>(7).fill(0);
  if (per === 'day') return out.map((_, i) => (open[i] ? slots : 0));
  const each = Math.floor(slots / count);
  let remainder = slots - each * count;
  for (let i = 0; i < 7; i++) {
    if (!open[i]) continue;
    out[i] = each + (remainder > 0 ? 1 : 0);
    if (remainder > 0) remainder--;
  }
  return out;
}

/**
 * The capacity phases of a validated `capacity` field (`path` names it in errors).
 * @internal
 * @example
 * ```ts
 * import { capacityPhases } from './capacity.js';
 * capacityPhases(2, 'stages.ct.capacity'); // [ { from: 0, kind: 'servers', servers: 2 } ]
 * capacityPhases([{ from: 0, servers: 1 }, { from: '2w', unlimited: true }], 'c')[1]; // { from: 14, kind: 'unlimited' }
 * ```
 */
export function capacityPhases(capacity: CapacityInput, path: string, startDate = '2024-01-01'): CapacityPhase[] {
  if (typeof capacity === 'number') return [{ from: 0, kind: 'servers', servers: capacity }];
  if (capacity === 'unlimited') return [{ from: 0, kind: 'unlimited' }];
  if (Array.isArray(capacity)) {
    const froms = capacity.map((phase, i) => timePoint(phase.from, startDate, joinPath(joinPath(path, i), 'from')));
    checkPhaseOrder(froms, path, capacity.map((phase) => phase.from));
    return capacity.map((phase, i) => onePhase(phase, froms[i]!));
  }
  return [onePhase(capacity, 0)];
}

function onePhase(
  c: { servers?: number; slots?: number | Partial<Record<string, number>>; per?: 'day' | 'week'; days?: string[]; unlimited?: true },
  from: number,
): CapacityPhase {
  if (c.servers !== undefined) return { from, kind: 'servers', servers: c.servers };
  if (typeof c.slots === 'object') return { from, kind: 'slots', perWeekday: WEEKDAYS.map((d) => (c.slots as Partial<Record<string, number>>)[d] ?? 0) };
  if (c.slots !== undefined) return { from, kind: 'slots', perWeekday: slotsPerWeekday(c.slots, c.per!, c.days) };
  return { from, kind: 'unlimited' };
}

/**
 * The capacity phase of a stage in force at `day` (the last one starting on or before it).
 * @internal
 * @example
 * ```ts
 * import type { ModelStage } from 'carepath/kernel';
 * import { capacityAt } from './capacity.js';
 * capacityAt({ capacity: [{ from: 0, kind: 'servers', servers: 2 }, { from: 10, kind: 'unlimited' }] } as ModelStage, 12).kind; // 'unlimited'
 * ```
 */
export function capacityAt(stage: Pick<ModelStage, 'capacity'>, day: number): CapacityPhase {
  let phase = stage.capacity[0]!;
  for (const p of stage.capacity) if (p.from <= day) phase = p;
  return phase;
}

/**
 * Slots a slot phase releases in a week (the sum over its weekdays).
 * @internal
 * @example
 * ```ts
 * import { slotsPerWeekday, weeklySlots } from './capacity.js';
 * weeklySlots(slotsPerWeekday(4, 'day', ['mon', 'tue'])); // 8
 * ```
 */
export function weeklySlots(perWeekday: readonly number[]): number {
  return perWeekday.reduce((a, b) => a + b, 0);
}

/**
 * Mean completions per day a capacity phase sustains: servers ÷ mean service; slots per week ÷ 7
 * (the activity after a slot does not hold the slot); Infinity for unlimited or instant service.
 * @internal
 * @example
 * ```ts
 * import { capacityRate } from './capacity.js';
 * capacityRate({ from: 0, kind: 'servers', servers: 3 }, 0.5); // 6
 * capacityRate({ from: 0, kind: 'slots', perWeekday: [2, 2, 2, 2, 2, 2, 2] }, 9); // 2
 * ```
 */
export function capacityRate(phase: CapacityPhase, serviceMean: number): number {
  if (phase.kind === 'unlimited') return Infinity;
  if (phase.kind === 'slots') return weeklySlots(phase.perWeekday) / 7;
  if (serviceMean <= 0) return Infinity;
  return phase.servers / serviceMean;
}

// ---------------------------------------------------------------------------------------------
// The `capacity` field as written (unvalidated data), as goal-seeking reads and changes it.

/** What goal-seeking can change: servers, or slots (counted per week). */
export type SeekableKind = 'slots' | 'servers';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The entries of a `capacity` field: its phases, or the field itself when it has none.
 * @internal
 * @example
 * ```ts
 * import { capacityEntries } from './capacity.js';
 * capacityEntries(3); // [ 3 ]
 * capacityEntries([{ from: 0, servers: 1 }]).length; // 1
 * ```
 */
export function capacityEntries(capacity: unknown): unknown[] {
  return Array.isArray(capacity) ? capacity : [capacity];
}

/**
 * Kind and size of one capacity entry (a phase, or the whole capacity): servers, or slots per
 * week (a `per: day` entry counts each of its days); null for unlimited.
 * @internal
 * @example
 * ```ts
 * import { entryCapacity } from './capacity.js';
 * entryCapacity({ slots: 4, per: 'day', days: ['mon', 'tue'] }); // { kind: 'slots', value: 8 }
 * entryCapacity('unlimited'); // null
 * ```
 */
export function entryCapacity(entry: unknown): { kind: SeekableKind; value: number } | null {
  if (typeof entry === 'number') return { kind: 'servers', value: entry };
  if (entry === 'unlimited' || (isObject(entry) && entry.unlimited === true)) return null;
  if (isObject(entry) && typeof entry.servers === 'number') return { kind: 'servers', value: entry.servers };
  if (isObject(entry) && typeof entry.slots === 'number') {
    const days = Array.isArray(entry.days) ? entry.days.length : WEEKDAYS.length;
    return { kind: 'slots', value: entry.per === 'day' ? entry.slots * days : entry.slots };
  }
  // Slots per weekday: their weekly total.
  if (isObject(entry) && isObject(entry.slots)) {
    return { kind: 'slots', value: Object.values(entry.slots).reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0) };
  }
  return null;
}

/**
 * The same capacity entry with `c` servers, or `c` slots a week (a per-day entry becomes
 * per-week, same days); unlimited entries are returned as they are.
 * @internal
 * @example
 * ```ts
 * import { withEntryCapacity } from './capacity.js';
 * withEntryCapacity({ slots: 2, per: 'day', days: ['mon'] }, 9); // { slots: 9, per: 'week', days: [ 'mon' ] }
 * withEntryCapacity(2, 5); // 5
 * ```
 */
export function withEntryCapacity(entry: unknown, c: number): unknown {
  if (typeof entry === 'number') return c;
  if (!isObject(entry) || entryCapacity(entry) === null) return entry;
  if (typeof entry.servers === 'number') return { ...entry, servers: c };
  if (isObject(entry.slots)) {
    // Slots per weekday become a weekly number over the same weekdays.
    const days = WEEKDAYS.filter((d) => typeof (entry.slots as Record<string, unknown>)[d] === 'number' && ((entry.slots as Record<string, number>)[d] ?? 0) > 0);
    return { ...entry, slots: c, per: 'week', days: days.length > 0 ? days : [...WEEKDAYS] };
  }
  return { ...entry, slots: c, per: 'week' };
}

/**
 * A `capacity` field with every limited entry set to `c` (see {@link withEntryCapacity}).
 * @internal
 * @example
 * ```ts
 * import { withCapacity } from './capacity.js';
 * withCapacity([{ from: 0, servers: 2 }, { from: 5, unlimited: true }], 4); // [ { from: 0, servers: 4 }, { from: 5, unlimited: true } ]
 * ```
 */
export function withCapacity(capacity: unknown, c: number): unknown {
  return Array.isArray(capacity) ? capacity.map((e) => withEntryCapacity(e, c)) : withEntryCapacity(capacity, c);
}
