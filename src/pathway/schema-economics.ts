/**
 * Schema parts for health economics: `progression` (how a condition moves through ordered
 * states while a patient waits, and what each state at treatment is worth) and `economics`
 * (unit costs attached to what the simulation counts, and the settings of the
 * cost-effectiveness comparison). Shapes only; references to stages, conditions and variants are
 * checked in `validate-economics.ts`.
 *
 * Naming follows the health-economics tools planners meet: states with a mix at presentation,
 * transition rates and a QALY value per state (as in heemod's state-transition models), and unit
 * costs "per" an activity, as the NHS National Cost Collection states them (cost per attendance,
 * per scan, per procedure) plus fixed costs per period.
 * @module
 */
import * as z from 'zod'; // the namespace form lets bundlers drop zod's locales (see schema.ts)
import { NAME_PATTERN } from './scenario-names.js';
import { addIssue, expecting, nonNegativeNumber, probability, reference, strict, text } from './schema-parts.js';

/** Length in days of each rate unit (the same as the arrivals' units in schema.ts). */
export const PER_UNIT_DAYS = { perDay: 1, perWeek: 7, perMonth: 365 / 12, perYear: 365 } as const;

/** Length in days of the periods a fixed cost may be stated per. */
export const PERIOD_DAYS = { day: 1, week: 7, month: 365 / 12, year: 365 } as const;

/**
 * What a cost item is counted per. Activity at a stage: `patient` (a service start there), `test`
 * (a test read there: a completion at a test stage), `slot-offered`, `slot-used`, `server-day`
 * (servers offered × days). Treatment: `treatment` (any service start at a treatment stage, or at
 * `stage`), `treated` (a true case of `condition` at first treatment, optionally only in `state`).
 * Time: `day`, `week`, `month`, `year` (a fixed cost, pro rata over the measured period).
 */
export const COST_BASES = ['patient', 'test', 'slot-offered', 'slot-used', 'server-day', 'treatment', 'treated', 'day', 'week', 'month', 'year'] as const;

/** A cost basis (see {@link COST_BASES}). */
export type CostBasis = (typeof COST_BASES)[number];

/** The bases counted at a stage, which therefore need `stage`. */
export const STAGE_BASES: readonly CostBasis[] = ['patient', 'test', 'slot-offered', 'slot-used', 'server-day'];

const Name = z.string().regex(NAME_PATTERN);
const unitNames = Object.keys(PER_UNIT_DAYS) as (keyof typeof PER_UNIT_DAYS)[];

/** `{ perDay | perWeek | perMonth | perYear: x }`, exactly one: a rate (or hazard) per unit of time. */
function rate(what: string) {
  const value = (unit: string) => nonNegativeNumber(`a ${what} of 0 or more`).optional().meta({ description: `The ${what} per ${unit}.` });
  return strict(
    { perDay: value('day'), perWeek: value('week'), perMonth: value('month (365/12 days)'), perYear: value('year (365 days)') },
    `a ${what} such as { perYear: 0.5 }`,
  )
    .superRefine((r, ctx) => {
      const given = unitNames.filter((u) => r[u] !== undefined);
      if (given.length !== 1) {
        addIssue(ctx, given.length === 0 ? 'give exactly one of perDay, perWeek, perMonth or perYear' : `give exactly one of perDay, perWeek, perMonth or perYear, got ${given.join(' and ')}`);
      }
    })
    .meta({ minProperties: 1, maxProperties: 1 });
}

/**
 * Per day, from a validated `{ perX: value }` (0 when absent).
 * @internal
 * @example
 * ```ts
 * import { perDay } from './schema-economics.js';
 * perDay({ perYear: 730 }); // 2
 * perDay(undefined); // 0
 * ```
 */
export function perDay(r: Partial<Record<keyof typeof PER_UNIT_DAYS, number>> | undefined): number {
  if (r === undefined) return 0;
  for (const u of unitNames) if (r[u] !== undefined) return r[u]! / PER_UNIT_DAYS[u];
  return 0;
}

const State = strict(
  {
    atPresentation: probability('a share between 0 and 1')
      .optional()
      .meta({ description: 'Share of true cases in this state at first presentation (default 0); the shares of all states sum to 1.' }),
    toNext: rate('progression rate')
      .optional()
      .meta({ description: 'Rate of moving to the next state while undiagnosed or untreated (mean time in the state = 1 / rate). Leave out for a state that does not progress; the last state has none.' }),
    death: rate('death hazard')
      .optional()
      .meta({ description: 'Hazard of death while waiting in this state (a rate: P(death within t) = 1 − exp(−rate·t)). Default 0.' }),
    qalys: nonNegativeNumber('an expected number of QALYs of 0 or more')
      .optional()
      .meta({ description: 'Expected QALYs of a patient treated in this state (default 0).' }),
    survival5y: probability('a 5-year survival between 0 and 1').optional().meta({ description: 'Five-year survival when treated in this state (an input for reference; results carry QALYs).' }),
    source: text().optional().meta({ description: 'Where this state\'s figures come from.' }),
  },
  'a state { atPresentation?, toNext?, death?, qalys?, survival5y?, source? }',
).meta({ description: 'One state (stage) of the condition: its share at presentation, its rates while waiting, and its outcome at treatment.' });

const ConditionProgression = strict(
  {
    states: z
      .record(Name, State, expecting('a map of state ids to { atPresentation, toNext, ... }, in order from the earliest'))
      .meta({ description: 'Ordered states, earliest first; a patient only moves forward, one state at a time.', minProperties: 1 }),
    description: text().optional().meta({ description: 'What the model describes.' }),
    source: text().optional().meta({ description: 'Where the figures come from.' }),
  },
  'a progression model { states, description?, source? }',
)
  .meta({ description: 'The progression model of one condition (its key names the condition, declared in arrivals or initial).' }).superRefine((p, ctx) => {
  const ids = Object.keys(p.states);
  if (ids.length === 0) {
    addIssue(ctx, 'expected at least one state', '.states');
    return;
  }
  ids.forEach((id) => {
    // Integer-like keys would be reordered by JavaScript objects, and the order is the model.
    if (/^\d+$/.test(id)) addIssue(ctx, `state id "${id}" is a plain number, whose place in the map JavaScript does not keep; use a name such as "stage-${id}"`, `.states.${id}`);
  });
  const total = ids.reduce((sum, id) => sum + (p.states[id]!.atPresentation ?? 0), 0);
  if (Math.abs(total - 1) > 1e-9) {
    addIssue(ctx, `the states' atPresentation shares must sum to 1, got ${Number(total.toPrecision(12))}`, '.states');
  }
  const last = ids[ids.length - 1]!;
  if (p.states[last]!.toNext !== undefined) addIssue(ctx, `the last state "${last}" has no next state to progress to: remove toNext`, `.states.${last}.toNext`);
});

/** `progression:` condition id → its progression model. */
export const Progression = z
  .record(Name, ConditionProgression, expecting('a map of condition names to { states }'))
  .meta({ description: 'Per condition: ordered states that true cases move through while undiagnosed or untreated, with outcomes per state at treatment.' });

const CostItem = strict(
  {
    cost: nonNegativeNumber('a unit cost of 0 or more').meta({ description: 'Cost of one unit, in the currency.' }),
    per: z.enum(COST_BASES, expecting(`one of ${COST_BASES.join(', ')}`)).meta({
      description:
        'What one unit is: patient (a service start at `stage`), test (a test read at `stage`), slot-offered, slot-used, server-day (at `stage`), treatment (a service start at a treatment stage, or at `stage`), treated (a true case of `condition` first treated, optionally in `state`), or day, week, month, year (a fixed cost, pro rata over the measured period).',
    }),
    stage: reference('a stage name').optional().meta({ description: 'The stage counted (required per patient, test, slot and server-day; a label for fixed costs).' }),
    condition: reference('a condition name').optional().meta({ description: 'With `per: treated`: the condition whose true cases are counted.' }),
    state: reference('a progression state').optional().meta({ description: 'With `per: treated`: only those treated in this state.' }),
    description: text().optional().meta({ description: 'What the item is.' }),
    source: text().optional().meta({ description: 'Where the unit cost comes from.' }),
  },
  'a cost item { cost, per, stage?, condition?, state?, source? }',
)
  .meta({ description: 'A unit cost times what the simulation counted (its key is the item id in results).' }).superRefine((c, ctx) => {
  if (STAGE_BASES.includes(c.per) && c.stage === undefined) addIssue(ctx, `a cost per ${c.per} needs the stage it counts: add stage`, '.stage');
  if (c.per === 'treated' && c.condition === undefined) addIssue(ctx, 'a cost per treated needs the condition whose true cases it counts: add condition', '.condition');
  if (c.per !== 'treated') {
    for (const f of ['condition', 'state'] as const) {
      if (c[f] !== undefined) addIssue(ctx, `"${f}" applies only to per: treated, not to per: ${c.per}`, `.${f}`);
    }
  }
});

/** The default willingness-to-pay thresholds per QALY (the NICE range). */
export const DEFAULT_THRESHOLDS = [20000, 30000] as const;

/** `economics:` costs and the cost-effectiveness settings. */
export const Economics = strict(
  {
    currency: z
      .string(expecting('a currency code such as GBP'))
      .regex(/^[A-Z]{3}$/, expecting('a three-letter currency code such as GBP'))
      .optional()
      .meta({ description: 'ISO 4217 code of every cost (default GBP).', default: 'GBP' }),
    comparator: reference('a variant name').optional().meta({ description: 'The variant every other one is compared with (default base).', default: 'base' }),
    effect: reference('"qalys" or a metric path').optional().meta({ description: 'Health effect of the comparison: qalys (default) or a metric path such as targets.treatment-62d.met.', default: 'qalys' }),
    thresholds: z
      .array(nonNegativeNumber('a threshold of 0 or more per unit of effect'), expecting('a list of willingness-to-pay thresholds'))
      .min(1, expecting('at least one threshold'))
      .optional()
      .meta({ description: 'Willingness to pay per unit of effect (default [20000, 30000] per QALY, the NICE range).', default: [...DEFAULT_THRESHOLDS] }),
    costs: z
      .record(Name, CostItem, expecting('a map of cost item ids to { cost, per, ... }'))
      .optional()
      .meta({ description: 'Unit costs attached to what the simulation counts; totals are over the measured period.' }),
    description: text().optional().meta({ description: 'Notes on the costs (ignored by carepath).' }),
  },
  'economics { currency?, comparator?, effect?, thresholds?, costs? }',
).meta({ description: 'Costs, and how variants are compared for cost-effectiveness.' });

/** A progression model as written. */
export type ProgressionInput = z.input<typeof Progression>;
/** An economics section as written. */
export type EconomicsInput = z.input<typeof Economics>;
