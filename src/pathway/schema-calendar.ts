/**
 * Schema parts for the calendar and for data brought in as tables: time points that may be
 * ISO dates, the scenario's calendar of closed days, opening sessions, slots per weekday, and
 * the row lists (period counts, timetables, waiting lists by weeks waited) that `loadScenario`
 * reads from CSV files (`{ file: x.csv }`) or that the API gives inline.
 * @module
 */
import * as z from 'zod'; // the namespace form lets bundlers drop zod's locales (see schema.ts)
import { DurationSchema, type DurationInput } from '../core/duration.js';
import { dataFileRows } from './schema-data-file.js';
import { addIssue, expecting, nonNegativeInt, reference, strict } from './schema-parts.js';

/** Weekday keys, Monday first (the same as `WEEKDAYS` in schema.ts, repeated to avoid a cycle). */
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** An ISO calendar date. */
export const IsoDate = z.iso.date(expecting('a calendar date YYYY-MM-DD'));

/** Whether a value is written as an ISO date (not a duration). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/**
 * A point in time: a duration from day 0, or an ISO date (counted from `startDate`). Order
 * between dates and durations is checked when the scenario is resolved, where `startDate` is known.
 */
export function when(description: string) {
  return z
    .union([IsoDate, DurationSchema], {
      error: 'expected a duration from day 0 (such as 26w) or a calendar date YYYY-MM-DD',
    })
    .meta({ description: `${description} A duration from day 0, or a calendar date YYYY-MM-DD.` }) as unknown as z.ZodType<
    DurationInput,
    DurationInput
  >;
}

/** `HH:MM-HH:MM`, opening before closing, within one day. */
const SESSION_RE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** Opening hours of one weekday as [open, close) in days, or null when the text is not valid. */
export function sessionHours(text: string): [number, number] | null {
  const m = SESSION_RE.exec(text);
  if (!m) return null;
  const open = (Number(m[1]) * 60 + Number(m[2])) / 1440;
  const close = (Number(m[3]) * 60 + Number(m[4])) / 1440;
  return close > open && close <= 1 ? [open, close] : null;
}

const Session = z.string(expecting('opening hours such as "09:00-17:00"')).superRefine((v, ctx) => {
  if (sessionHours(v) === null) addIssue(ctx, `expected opening hours "HH:MM-HH:MM" with opening before closing within the day, got ${JSON.stringify(v)}`);
});

/** `sessions: { mon: '09:00-17:00', ... }`: weekdays not listed are closed. */
export const Sessions = strict(Object.fromEntries(DAYS.map((d) => [d, Session.optional().meta({ description: `Opening hours on ${d} ("HH:MM-HH:MM").` })])) as Record<(typeof DAYS)[number], z.ZodOptional<typeof Session>>, 'opening hours by weekday such as { mon: "09:00-17:00" }').meta({
  description:
    'Opening hours by weekday (servers only). Weekdays not listed are closed. At closing time a patient in service finishes (the overrun is reported as overtime); nobody new starts until the next opening.',
});

/** `slots: { mon: 12, wed: 6 }`: slots released on each listed weekday. */
export const SlotsByWeekday = strict(
  Object.fromEntries(DAYS.map((d) => [d, nonNegativeInt().optional().meta({ description: `Slots released on ${d}.` })])) as Record<(typeof DAYS)[number], z.ZodOptional<ReturnType<typeof nonNegativeInt>>>,
  'slots per weekday such as { mon: 12, wed: 6 }',
);

/** The scenario's calendar of closed days. */
export const Calendar = strict(
  {
    bankHolidays: z
      .enum(['england-and-wales', 'none'], expecting('"england-and-wales" or "none"'))
      .optional()
      .meta({ description: 'Built-in bank holidays that close every stage (default england-and-wales, 2024–2030, from GOV.UK).' }),
    closures: z.array(IsoDate, expecting('a list of calendar dates YYYY-MM-DD')).optional().meta({ description: 'Further closed days.' }),
  },
  'a calendar { bankHolidays?, closures? }',
).meta({
  description:
    'Closed days: every stage with servers or slots has none on them, unless the stage says `calendar: none`. Without this field no day is closed.',
});

const fileNote = ' (a `{ file }` is read only when the scenario is loaded from a file)';

/** Rows of arrivals per period: `{ from, count }`, each period running to the next `from`. */
export const CountRows = dataFileRows(z
  .array(
    strict(
      { from: when('Start of the period.'), count: nonNegativeInt().meta({ description: 'Patients arriving in the period.' }) },
      'a period { from, count }',
    ).meta({ description: 'One period: CSV columns from,count.' }),
    expecting(`a list of periods { from, count }${fileNote}`),
  )
  .min(2, expecting('at least two periods (the last one lasts as long as the one before it)'))
  .meta({ description: 'Patients arriving in each period, replayed exactly; the last period lasts as long as the one before it.' }));

/** Rows of a capacity timetable: a date or a weekday, a stage, and slots or servers. */
export const TimetableRows = dataFileRows(z
  .array(
    strict(
      {
        date: IsoDate.optional().meta({ description: 'The day this row sets (or give weekday).' }),
        weekday: z.enum(DAYS, expecting('a weekday: mon, tue, wed, thu, fri, sat or sun')).optional().meta({ description: 'Every such weekday without a date row (or give date).' }),
        stage: reference('a stage name').meta({ description: 'The stage whose capacity the row sets.' }),
        slots: nonNegativeInt().optional().meta({ description: 'Slots released that day (slot stages).' }),
        servers: nonNegativeInt().optional().meta({ description: 'Servers that day (server stages); 0 closes it.' }),
      },
      'a timetable row { date | weekday, stage, slots | servers }',
    ).superRefine((r, ctx) => {
      if ((r.date === undefined) === (r.weekday === undefined)) addIssue(ctx, 'give exactly one of date or weekday');
      if ((r.slots === undefined) === (r.servers === undefined)) addIssue(ctx, 'give exactly one of slots or servers');
    }).meta({ description: 'One row: CSV columns date or weekday, stage, slots or servers.' }),
    expecting(`a list of timetable rows${fileNote}`),
  )
  .meta({
    description:
      "Capacity by weekday or date, overriding the stage's own capacity: a date row sets that day, a weekday row every such day without a date row. Slots rows need a slot stage, servers rows a server stage.",
  }));

/** Rows of a waiting list by weeks waited (the shape of the NHS RTT waiting-list statistics). */
export const WeeksWaitedRows = dataFileRows(z
  .array(
    strict(
      {
        weeks_waited: nonNegativeInt().meta({ description: 'Whole weeks already waited (0 = under a week).' }),
        count: nonNegativeInt().meta({ description: 'Patients in the band.' }),
      },
      'a band { weeks_waited, count }',
    ).meta({ description: 'One band: CSV columns weeks_waited,count.' }),
    expecting(`a list of bands { weeks_waited, count }${fileNote}`),
  )
  .meta({ description: 'Patients waiting at day 0 by whole weeks waited; each waited uniformly within its week.' }));

/** `{ weeksWaited: rows, class?, conditions? }`: initial patients by weeks waited. */
export function initialBands(conditions: z.ZodType) {
  return strict(
    { weeksWaited: WeeksWaitedRows, class: reference('a class name').optional(), conditions: conditions.optional() },
    'a waiting list by weeks waited { weeksWaited, class?, conditions? }',
  );
}
