/**
 * The scenario format, version 1, as one zod schema: the single source of truth for both
 * validation ({@link parseScenario}) and the published JSON Schema ({@link scenarioJsonSchema}).
 *
 * The schema checks each field's shape; rules that relate fields to each other (a `to` naming
 * a stage that exists, probabilities adding up) live in `validate-rules.ts`. Defaults are not
 * filled in here: the validated {@link Scenario} stays exactly as written, and
 * {@link resolveScenario} fills defaults when it builds the {@link Model}.
 * @module
 */
import * as z from 'zod';
import { NAME_PATTERN } from './scenario-names.js';
import { DISCIPLINE_NAMES, disciplineChoice, disciplineSummary } from './parts/disciplines.js';
import {
  addIssue,
  distribution,
  duration,
  expecting,
  nonNegativeInt,
  nonNegativeNumber,
  probability,
  reference,
  strict,
  text,
} from './schema-parts.js';
import { lossFields } from './schema-losses.js';
import type { WithDataFiles } from './schema-data-file.js';
import { Calendar, CountRows, initialBands, Sessions, TimetableRows, when } from './schema-calendar.js';
import { Economics, Progression } from './schema-economics.js';
import { uncertainNumber } from './schema-uncertain.js';
import { Places, Pools, Uses } from './schema-pools.js';
import { Capacity } from './schema-capacity.js';

/** Weekday names accepted in `days`, Monday first. */
export { WEEKDAYS } from './schema-capacity.js';

/** Rate fields of an arrival stream (exactly one is given) and their length in days. */
export const RATE_UNITS = { perDay: 1, perWeek: 7, perMonth: 365 / 12, perYear: 365 } as const;

/** An id: letters, digits, `_` and `-`. */
const Name = z.string().regex(NAME_PATTERN);

/** A map from ids to `value`, in file order. */
function named<T extends z.ZodType>(value: T, what: string) {
  return z.record(Name, value, expecting(what));
}

/** Condition name → prevalence (share of patients who truly have it). */
const Conditions = z
  .record(z.string().min(1), probability('a prevalence between 0 and 1'), expecting('a map of condition names to prevalences'))
  .meta({ description: 'Condition name → prevalence in [0, 1]: each patient has it or not, drawn at arrival.' });

const rateFields = Object.keys(RATE_UNITS) as (keyof typeof RATE_UNITS)[];

/** `{ perDay | perWeek | perMonth | perYear: n }`: exactly one. */
const Rate = strict(
  {
    perDay: nonNegativeNumber('a rate of 0 or more').optional(),
    perWeek: nonNegativeNumber('a rate of 0 or more').optional(),
    perMonth: nonNegativeNumber('a rate of 0 or more').optional(),
    perYear: nonNegativeNumber('a rate of 0 or more').optional(),
  },
  'a rate such as { perWeek: 100 }',
)
  .superRefine((rate, ctx) => {
    const given = rateFields.filter((f) => rate[f] !== undefined);
    if (given.length !== 1) {
      addIssue(
        ctx,
        given.length === 0
          ? 'give exactly one of perDay, perWeek, perMonth (365/12 days) or perYear (365 days)'
          : `give exactly one of perDay, perWeek, perMonth or perYear, got ${given.join(' and ')}`,
      );
    }
  })
  .meta({
    description:
      'Mean arrivals per unit of time: exactly one of perDay, perWeek, perMonth (per 365/12 days), perYear (per 365 days).',
    minProperties: 1,
    maxProperties: 1,
  });

const Arrival = strict(
  {
    to: reference('a stage name').meta({ description: 'Stage the patients arrive at.' }),
    rate: Rate.optional(),
    counts: CountRows.optional(),
    class: reference('a class name').optional().meta({ description: 'Class of these patients (default: the implicit `default` class).' }),
    conditions: Conditions.optional(),
    changes: z
      .array(
        strict(
          {
            at: when('When the new rate starts.'),
            rate: Rate,
          },
          'a step change such as { at: 26w, rate: { perWeek: 120 } }',
        ),
        expecting('a list of step changes { at, rate }'),
      )
      .optional()
      .meta({ description: 'Step changes of the base rate; `at` strictly increasing.' }),
    growth: strict(
      {
        perYear: uncertainNumber(
          z
            .number(expecting('a yearly growth fraction greater than -1 (0.03 = 3% a year)'))
            .gt(-1, expecting('a yearly growth fraction greater than -1 (0.03 = 3% a year)')),
        ),
      },
      'growth such as { perYear: 0.03 }',
    )
      .optional()
      .meta({ description: 'Compounding growth of the rate: fraction per year (0.03 = 3% a year).' }),
    seasonality: z
      .array(nonNegativeNumber('a monthly multiplier of 0 or more'), expecting('a list of 12 monthly multipliers'))
      .length(12, expecting('a list of exactly 12 monthly multipliers (January first)'))
      .optional()
      .meta({ description: 'Twelve monthly multipliers of the rate, January first.' }),
  },
  'an arrival stream { to, rate | counts, ... }',
)
  .superRefine((a, ctx) => {
    if ((a.rate === undefined) === (a.counts === undefined)) {
      addIssue(ctx, a.rate === undefined ? 'give one of rate or counts' : 'give only one of rate or counts');
    }
    if (a.counts !== undefined) {
      for (const f of ['changes', 'growth', 'seasonality'] as const) {
        if (a[f] !== undefined) addIssue(ctx, `"${f}" applies to a rate, not to counts (the counts are the data)`, `.${f}`);
      }
    }
  })
  .meta({ description: 'A Poisson stream of patients (`rate`), or period counts replayed exactly (`counts`).' });

const InitialGroup = strict(
  {
    count: nonNegativeInt().meta({ description: 'Patients already waiting.' }),
    waited: distribution('Days already waited, per patient (default 0): their clock started in the past.').optional(),
    class: reference('a class name').optional(),
    conditions: Conditions.optional(),
  },
  'a group of waiting patients { count, waited?, class?, conditions? }',
);

const InitialBands = initialBands(Conditions);

const Initial = z
  .union([InitialGroup, InitialBands, z.array(z.union([InitialGroup, InitialBands]), expecting('a list of groups'))], {
    error: 'a group { count, waited?, class?, conditions? }, a list by weeks waited { weeksWaited }, or a list of such groups',
  })
  .meta({ description: 'Patients already waiting at this stage at time 0.' });

const Test = strict(
  {
    detects: reference('a condition name').meta({ description: 'The condition this test looks for.' }),
    sensitivity: probability().meta({ description: 'P(positive | has the condition).' }),
    specificity: probability().meta({ description: 'P(negative | does not have it).' }),
    onPositive: strict({ class: reference('a class name') }, 'an action such as { class: urgent }')
      .optional()
      .meta({ description: 'A positive result moves the patient to this class.' }),
    missed: strict(
      {
        share: probability('a share between 0 and 1'),
        after: distribution('Delay before a missed patient comes back.'),
        to: reference('a stage name'),
      },
      'missed returns { share, after, to }',
    )
      .optional()
      .meta({ description: 'A share of false negatives come back later, to this stage.' }),
  },
  'a test { detects, sensitivity, specificity, onPositive?, missed? }',
).meta({ description: 'The stage is a diagnostic test for a condition.' });

const Branch = strict(
  {
    to: reference('a stage name or exit'),
    p: uncertainNumber(
      z
        .number(expecting('a probability greater than 0 and at most 1'))
        .gt(0, expecting('a probability greater than 0 and at most 1'))
        .max(1, expecting('a probability greater than 0 and at most 1')),
    )
      .optional()
      .meta({ description: 'Share of the matching patients; without it the branch takes whatever is left.' }),
    if: reference('positive, negative or a class name')
      .optional()
      .meta({ description: '`positive`/`negative` (the last test result) or a class name.' }),
    rereferral: z
      .literal('same-episode', expecting('"same-episode" (a new referral of the same episode), or leave it out'))
      .optional()
      .meta({
        description:
          'Taking this branch is a re-referral of the same episode: the pathway clock restarts (as the official standards count a new referral), the first-presentation clock keeps running (as for a missed patient who comes back).',
      }),
  },
  'a branch { to, p?, if?, rereferral? }',
);

const Stage = strict(
  {
    capacity: Capacity,
    service: distribution('Time a server is busy (servers), activity after the slot (slots), or the delay (unlimited). Default 0.').optional(),
    queue: z.enum(DISCIPLINE_NAMES, expecting(disciplineChoice)).optional().meta({ description: disciplineSummary }),
    patience: distribution('How long a patient waits before leaving the list (default: forever).').optional(),
    ...lossFields,
    test: Test.optional(),
    treatment: z
      .boolean(expecting('true or false'))
      .optional()
      .meta({ description: 'Starting service here is a first treatment (default: any stage that is not a test and exits after).' }),
    next: z
      .array(Branch, expecting('a list of branches { to, p?, if?, rereferral? }'))
      .optional()
      .meta({ description: 'Ordered branches; no `next` means exit.' }),
    sessions: Sessions.optional(),
    calendar: z
      .literal('none', expecting('"none" (the stage ignores the scenario\'s closed days), or leave it out'))
      .optional()
      .meta({ description: '`none`: this stage stays open on the closed days of the scenario calendar.' }),
    uses: Uses.optional(),
    places: Places.optional(),
  },
  'a stage { capacity, service?, queue?, patience?, test?, treatment?, next?, sessions?, calendar?, uses?, places? }',
);

const EventName = reference('an event: STAGE.start, STAGE.end or exit');

const Target = strict(
  {
    until: z
      .union([EventName, z.array(EventName, expecting('a list of events')).min(1, expecting('at least one event'))], {
        error: 'an event (STAGE.start, STAGE.end or exit) or a list of events',
      })
      .meta({ description: 'The first of these events stops the clock.' }),
    within: duration('positive', 'The standard: the clock must stop within this time.'),
    goal: probability('a goal between 0 and 1').meta({ description: 'Share of patients that should meet the standard.' }),
    description: text().optional(),
    from: EventName.optional().meta({ description: 'Event that starts the clock (default: the patient\'s pathway start).' }),
    clock: z
      .enum(['pathway', 'first'], expecting('"pathway" or "first"'))
      .optional()
      .meta({ description: 'Which start the clock counts from: the pathway start (restarts when a missed patient comes back; the default) or the first presentation (never restarts).' }),
    measure: z
      .enum(['clock-stops', 'incomplete'], expecting('"clock-stops" or "incomplete"'))
      .optional()
      .meta({ description: 'clock-stops (default): share of stopped clocks within the standard, plus still-waiting breaches (cancer standards). incomplete: share of patients still on the pathway who have waited less than `within`, at each sample and at the end (the NHS RTT measure).' }),
    for: strict(
      {
        condition: reference('a condition name').optional().meta({ description: 'Only patients who truly have this condition.' }),
        class: reference('a class name').optional().meta({ description: 'Only patients in this class when the clock stops.' }),
      },
      'a restriction { condition?, class? }',
    )
      .optional()
      .meta({ description: 'Count only these patients.' }),
  },
  'a target { until, within, goal, description?, from?, clock?, measure?, for? }',
).meta({ description: 'A waiting-time standard.' });

const Variant = strict(
  {
    description: text().optional(),
    extends: reference('a variant name').optional().meta({ description: 'Apply this variant first.' }),
    patch: z
      .record(z.string(), z.unknown(), expecting('an object (a JSON Merge Patch over the scenario)'))
      .meta({ description: 'JSON Merge Patch (RFC 7386) over the scenario: null deletes, objects merge, anything else replaces.' }),
  },
  'a variant { description?, extends?, patch }',
).meta({ description: 'A what-if: a JSON Merge Patch over the base scenario.' });

const positiveLimit = (what: string) =>
  z.number(expecting(`a positive number (${what})`)).positive(expecting(`a positive number (${what})`)).optional();

/** Work limits (see `work-limits.ts`): raise them when a very large run is meant. */
const Limits = strict(
  {
    maxPatients: positiveLimit('patients in one run').meta({ description: 'Most patients (initial + expected arrivals) in one run (default 200,000,000).' }),
    maxEvents: positiveLimit('events in one run').meta({ description: 'Most simulation events in one run (default 2,000,000,000).' }),
    maxSamples: positiveLimit('time-series values in one run').meta({ description: 'Most time-series values one run keeps (default 50,000,000).' }),
    maxMemoryMB: positiveLimit('megabytes').meta({ description: 'Most memory an experiment may plan to hold, in MB (default 8192).' }),
  },
  'work limits such as { maxPatients: 500000000 }',
).meta({ description: 'Limits on the work of a run; carepath refuses scenarios whose estimate exceeds them.' });

/**
 * The zod schema of a scenario file (format version 1). Use {@link parseScenario} rather than
 * parsing with it directly: semantic rules and friendly messages are added there.
 */
export const ScenarioSchema = strict(
  {
    $schema: text().optional().meta({ description: 'Where editors find this JSON Schema; ignored by carepath.' }),
    version: z.literal(1, expecting('1, the only scenario format version so far')),
    name: z.string(expecting('a name for the scenario')).min(1, expecting('a non-empty name')),
    description: text().optional(),
    seed: z
      .number(expecting('an integer seed'))
      .int(expecting('an integer seed'))
      .optional()
      .meta({ description: 'Master seed (default 1): same seed, same results.', default: 1 }),
    startDate: z.iso
      .date(expecting('a calendar date YYYY-MM-DD'))
      .optional()
      .meta({ description: 'Calendar date of day 0 (default 2024-01-01, a Monday).', default: '2024-01-01' }),
    warmup: duration('nonNegative', 'Simulated time before statistics start (default 0).').optional(),
    horizon: duration('positive', 'Simulated time measured after the warm-up.'),
    sampleEvery: duration('positive', 'Interval of the waiting-list time series (default 7 days).').optional(),
    classes: named(
      strict({ priority: z.number(expecting('an integer priority')).int(expecting('an integer priority')) }, 'a class { priority }'),
      'a map of class names to { priority }',
    )
      .optional()
      .meta({ description: 'Patient classes; a lower priority is served first in priority queues.' }),
    arrivals: named(Arrival, 'a map of arrival stream names to { to, rate, ... }').meta({ description: 'Named Poisson arrival streams (at least one).', minProperties: 1 }),
    initial: named(Initial, 'a map of stage names to waiting groups').optional().meta({ description: 'Patients already waiting at time 0, per stage.' }),
    stages: named(Stage, 'a map of stage names to { capacity, ... }').meta({ description: 'Named stages (at least one).', minProperties: 1 }),
    pools: Pools.optional(),
    calendar: Calendar.optional(),
    timetable: TimetableRows.optional(),
    targets: named(Target, 'a map of target names to { until, within, goal }').optional().meta({ description: 'Waiting-time standards.' }),
    progression: Progression.optional(),
    economics: Economics.optional(),
    variants: named(Variant, 'a map of variant names to { patch, ... }').optional().meta({ description: 'Named what-if scenarios.' }),
    limits: Limits.optional(),
  },
  'a scenario object { version, name, horizon, arrivals, stages, ... }',
).meta({ title: 'carepath scenario (format version 1)' });

/**
 * A validated scenario exactly as written (JSON-able; durations may still carry units, defaults
 * are not filled in, `variants` are still there). Obtain one from {@link parseScenario} or
 * {@link loadScenario}; turn it into a {@link Model} with {@link resolveScenario}. A number
 * field may still hold an uncertain parameter (`{ dist: beta, ... }`, see `ParameterSpec`):
 * each is replaced by its mean or a replication's draw before anything reads it.
 */
export type Scenario = z.input<typeof ScenarioSchema>;

/**
 * A scenario as written in code, before validation: the type of what {@link parseScenario},
 * {@link validateScenario} and `simulate`/`runExperiment` accept, derived from the same zod
 * schema that validates, so a misspelt field or distribution name (`dist: 'exponentail'`) fails
 * to compile. Rules across fields are still only checked at run time. Data of unknown shape
 * (parsed JSON, which is `any`) is accepted as is and checked by validation. Row lists may be
 * written as `{ file: x.csv }` where a scenario file may (see `data-files.ts`); only
 * {@link loadScenario} reads them, `parseScenario` refuses them.
 * @example
 * ```ts
 * import { parseScenario, type ScenarioInput } from 'carepath';
 * const input: ScenarioInput = {
 *   version: 1, name: 'clinic', horizon: '1y',
 *   arrivals: { gp: { to: 'clinic', rate: { perWeek: 5 } } },
 *   stages: { clinic: { capacity: 1, service: { dist: 'exponential', mean: 1 } } },
 * };
 * const scenario = parseScenario(input);
 * ```
 */
export type ScenarioInput = WithDataFiles<Scenario>;

/** One stage as written in a scenario. */
export type ScenarioStage = z.input<typeof Stage>;

/**
 * A scenario whose uncertain parameters have been replaced by numbers (their means, or one
 * replication's draw: `uncertain.ts`), as the model is built from it. @internal
 */
export type DrawnScenario = z.output<typeof ScenarioSchema>;

/** One stage of a {@link DrawnScenario}. @internal */
export type DrawnStage = z.output<typeof Stage>;
