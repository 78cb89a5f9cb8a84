/**
 * A stage's capacity in the scenario format: servers, `unlimited`, appointment slots (per day,
 * per week or per weekday), or a list of phases that change over time, with the rules between
 * those fields. Part of {@link ScenarioSchema} (schema.ts).
 * @module
 */
import * as z from 'zod';
import { addIssue, durationDays, expecting, nonNegativeInt, positiveInt, strict } from './schema-parts.js';
import { isIsoDate, SlotsByWeekday, when } from './schema-calendar.js';

/** Weekday names accepted in `days`, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Capacity object fields shared by the single form and the phases of a list. */
const capacityFields = {
  servers: positiveInt().optional().meta({ description: 'Number of servers (each serves one patient at a time).' }),
  unlimited: z
    .literal(true, expecting('true (or leave it out)'))
    .optional()
    .meta({ description: 'No queue: every patient starts at once (a pure delay).' }),
  slots: z
    .union([nonNegativeInt(), SlotsByWeekday], { error: 'expected a non-negative integer or slots per weekday such as { mon: 12, wed: 6 }' })
    .optional()
    .meta({ description: 'Appointment slots per `per`, or per weekday ({ mon: 12, wed: 6 }), released at the start of each day, lost if unused that day.' }),
  per: z.enum(['day', 'week'], expecting('"day" or "week"')).optional().meta({ description: 'Whether `slots` is per day or per week (required with slots).' }),
  days: z
    .array(z.enum(WEEKDAYS, expecting('a weekday: mon, tue, wed, thu, fri, sat or sun')), expecting('a list of weekdays'))
    .optional()
    .meta({ description: 'Weekdays with slots (default: all seven). A weekly number is spread as evenly as possible, earlier days taking the remainder.' }),
} as const;

interface CapacityFields {
  servers?: number;
  unlimited?: true;
  slots?: number | Partial<Record<string, number>>;
  per?: 'day' | 'week';
  days?: string[];
}

/** Rules between capacity fields: exactly one kind, `per` with slots, no duplicate days. */
function checkCapacityFields(c: CapacityFields, ctx: z.RefinementCtx): void {
  const kinds = (['servers', 'slots', 'unlimited'] as const).filter((k) => c[k] !== undefined);
  if (kinds.length !== 1) {
    addIssue(
      ctx,
      kinds.length === 0
        ? 'give one of servers, slots or unlimited: true'
        : `give only one of servers, slots or unlimited, got ${kinds.join(' and ')} (in a variant patch, remove the old one with null, e.g. servers: null)`,
    );
    return;
  }
  if (kinds[0] === 'slots' && typeof c.slots === 'object') {
    for (const f of ['per', 'days'] as const) {
      if (c[f] !== undefined) addIssue(ctx, `"${f}" does not apply to slots given per weekday`, `.${f}`);
    }
  } else if (kinds[0] === 'slots' && c.per === undefined) {
    addIssue(ctx, 'slots need `per: day` or `per: week`', '.per');
  }
  if (kinds[0] !== 'slots') {
    for (const f of ['per', 'days'] as const) {
      if (c[f] !== undefined) addIssue(ctx, `"${f}" only applies to slots, not to ${kinds[0]}`, `.${f}`);
    }
  }
  if (Array.isArray(c.days)) {
    if (c.days.length === 0) addIssue(ctx, 'expected at least one weekday (leave `days` out for all seven)', '.days');
    const seen = new Set<string>();
    c.days.forEach((d, i) => {
      if (seen.has(d)) addIssue(ctx, `"${d}" is listed twice`, `.days[${i}]`);
      seen.add(d);
    });
  }
}

const CapacityObject = strict(capacityFields, 'a capacity such as { servers: 2 } or { slots: 10, per: week }').superRefine(
  checkCapacityFields,
);

const CapacityPhase = strict(
  {
    from: when('When this capacity starts (the first phase starts at 0 or at startDate).'),
    ...capacityFields,
  },
  'a capacity phase such as { from: 0, servers: 2 }',
).superRefine(checkCapacityFields);

/** A stage's `capacity`, in any of its forms. @internal */
export const Capacity = z
  .union(
    [
      positiveInt(),
      z.literal('unlimited'),
      CapacityObject,
      z.array(CapacityPhase, expecting('a list of capacity phases')).min(1, expecting('at least one capacity phase')),
    ],
    {
      error:
        'a capacity: a positive integer (servers), "unlimited", { servers: n }, { slots: n, per: day|week, days: [...] }, or a list of { from, ... } phases',
    },
  )
  .superRefine((cap, ctx) => {
    if (!Array.isArray(cap)) return;
    let prev = -Infinity;
    // Dates are placed against startDate, and checked in order, when the scenario is resolved.
    if (cap.some((phase) => isIsoDate(phase.from))) return;
    cap.forEach((phase, i) => {
      const from = durationDays(phase.from);
      if (from === undefined) return;
      if (i === 0 && from !== 0) addIssue(ctx, `the first capacity phase must start at 0, got ${JSON.stringify(phase.from)}`, `[0].from`);
      if (i > 0 && !(from > prev)) {
        addIssue(ctx, `phases must start in strictly increasing order: ${JSON.stringify(phase.from)} is not after the previous phase`, `[${i}].from`);
      }
      prev = from;
    });
  })
  .meta({ description: 'Servers, unlimited, appointment slots, or a list of phases that change over time.' });
