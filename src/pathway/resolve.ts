/**
 * Resolution: a validated scenario plus a variant name → the {@link Model} that `simulate` and
 * `analyse` read. Defaults are filled in, durations become days, names become indices.
 * @module
 */
import type { DistributionSpec } from '../core/distributions.js';
import { parseDuration } from '../core/duration.js';
import { joinPath } from '../core/errors.js';
import { capacityPhases } from './capacity.js';
import { timePoint } from './calendar.js';
import { countPeriods, countsRate, stageCalendars, weekBands } from './resolve-data.js';
import { resolveEconomics } from './resolve-economics.js';
import { resolvePools } from './resolve-pools.js';
import {
  EXIT,
  type Model,
  type ModelArrival,
  type ModelBranch,
  type ModelEventRef,
  type ModelInitial,
  type ModelStage,
  type ModelTarget,
  type ModelTest,
  type Weekday,
} from './model.js';
import { stageLosses } from './losses.js';
import { cloneJson, keysOf } from './scenario-json.js';
import { BASE_VARIANT, DEFAULT_CLASS, EXIT_NAME } from './scenario-names.js';
import { ScenarioError } from './scenario-error.js';
import { RATE_UNITS, WEEKDAYS, type DrawnScenario, type Scenario } from './schema.js';
import { validateScenario, type ValidateOptions } from './validate.js';
import { parseEvent } from './validate-rules.js';
import { drawParameters } from './uncertain.js';
import { mergeVariant } from './variants.js';

/** Day 0 when a scenario gives no `startDate` (a Monday). */
export const DEFAULT_START_DATE = '2024-01-01';
/**
 * Seed used when neither the options nor the scenario give one (the scenario format's default).
 * @example
 * ```ts
 * import { DEFAULT_SEED } from 'carepath';
 * DEFAULT_SEED; // 1
 * ```
 */
export const DEFAULT_SEED = 1;
/** Days between time-series samples when a scenario gives no `sampleEvery`. */
export const DEFAULT_SAMPLE_EVERY = 7;

/**
 * Resolves a scenario with one variant applied into the internal {@link Model}: defaults filled
 * in (seed 1, start 2024-01-01, warm-up 0, sample every 7 days, service 0, fifo queues, …),
 * every duration in days, stage/class/condition names turned into indices, the implicit class
 * `default` added last, slots spread over weekdays. The merged scenario is validated again, so
 * a hand-built object typed as {@link Scenario} cannot produce a broken model.
 * @param variant A name from {@link variantNames}, or `base` (the default) for none.
 * @param options `disciplines`: names of queue disciplines given in code, accepted in `queue`;
 *   `seed` and `replication`: draw the scenario's uncertain parameters for that replication
 *   (without `replication` they are at their means).
 * @throws ScenarioError for an unknown variant or an invalid (merged) scenario.
 * @example
 * ```ts
 * import { loadScenario, resolveScenario } from 'carepath';
 * const model = resolveScenario(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), 'ai-reporting');
 * model.horizon; // 728 (days)
 * model.classes; // ['urgent', 'routine', 'default']
 * ```
 */
export function resolveScenario(
  scenario: Scenario,
  variant: string = BASE_VARIANT,
  options: ValidateOptions & { seed?: number; replication?: number } = {},
): Model {
  const merged = mergeVariant(scenario, variant);
  if ('issue' in merged) throw new ScenarioError([merged.issue]);
  // Uncertain parameters: drawn for a replication, else at their means (see uncertain.ts).
  const drawn = drawParameters(merged.scenario, options);
  const report = validateScenario(drawn.scenario, options);
  if (!report.ok) {
    const issues =
      variant === BASE_VARIANT
        ? report.issues
        : report.issues.map((i) => ({ path: `${joinPath('variants', variant)}: ${i.path}`, message: i.message }));
    throw new ScenarioError(issues);
  }
  const model = buildModel(drawn.scenario as DrawnScenario, variant);
  if (Object.keys(drawn.values).length > 0) model.parameters = drawn.values;
  return model;
}

/** Builds the model from a valid scenario without variants. */
function buildModel(s: DrawnScenario, variant: string): Model {
  const days = (value: unknown, path: string) => parseDuration(value, path);
  const startDate = s.startDate ?? DEFAULT_START_DATE;
  const end = (s.warmup === undefined ? 0 : days(s.warmup, 'warmup')) + days(s.horizon, 'horizon');

  // Classes: declared ones in file order, then the implicit `default` unless declared.
  const declared = keysOf(s.classes);
  const priorities = declared.map((c) => s.classes![c]!.priority);
  const classes = [...declared];
  const classPriority = [...priorities];
  if (!classes.includes(DEFAULT_CLASS)) {
    classes.push(DEFAULT_CLASS);
    // The least urgent declared priority: an unclassed patient never jumps a classed one.
    classPriority.push(priorities.length > 0 ? Math.max(...priorities) : 0);
  }
  const classIndex = (name: string | undefined) => classes.indexOf(name ?? DEFAULT_CLASS);

  const stageIds = keysOf(s.stages);
  const stageIndex = (name: string) => (name === EXIT_NAME ? EXIT : stageIds.indexOf(name));

  // Conditions in order of first declaration: arrivals, then initial groups.
  const conditions: string[] = [];
  const conditionList = (conds: Record<string, number> | undefined) =>
    keysOf(conds).map((name) => {
      if (!conditions.includes(name)) conditions.push(name);
      return { condition: conditions.indexOf(name), prevalence: conds![name]! };
    });

  const arrivals: ModelArrival[] = keysOf(s.arrivals).map((id) => {
    const a = s.arrivals[id]!;
    const path = joinPath('arrivals', id);
    const counts = a.counts === undefined ? undefined : countPeriods(a.counts, startDate, joinPath(path, 'counts'));
    const changes = (a.changes ?? []).map((c, i) => ({
      at: timePoint(c.at, startDate, joinPath(joinPath(joinPath(path, 'changes'), i), 'at')),
      ratePerDay: ratePerDay(c.rate),
    }));
    changes.forEach((c, i) => {
      if (i > 0 && !(c.at > changes[i - 1]!.at)) {
        throw new ScenarioError([{ path: joinPath(joinPath(joinPath(path, 'changes'), i), 'at'), message: `changes must be in strictly increasing order of \`at\`: ${JSON.stringify(a.changes![i]!.at)} is not after the previous change` }]);
      }
    });
    return {
      id,
      to: stageIndex(a.to),
      ratePerDay: counts ? countsRate(counts, end) : ratePerDay(a.rate!),
      changes,
      growthPerYear: a.growth?.perYear ?? 0,
      seasonality: a.seasonality ? [...a.seasonality] : null,
      classIndex: classIndex(a.class),
      conditions: conditionList(a.conditions),
      ...(counts ? { counts } : {}),
    };
  });

  const initial: ModelInitial[] = [];
  for (const stage of keysOf(s.initial)) {
    const entry = s.initial![stage]!;
    for (const g of Array.isArray(entry) ? entry : [entry]) {
      const groups = 'weeksWaited' in g ? weekBands(g.weeksWaited) : [{ count: g.count, waited: g.waited === undefined ? 0 : (cloneJson(g.waited) as DistributionSpec) }];
      for (const { count, waited } of groups) {
        initial.push({
          stage: stageIndex(stage),
          count,
          waited,
          classIndex: classIndex(g.class),
          conditions: conditionList(g.conditions as Record<string, number> | undefined),
        });
      }
    }
  }

  const stages: ModelStage[] = stageIds.map((id) => {
    const st = s.stages[id]!;
    const path = joinPath('stages', id);
    let test: ModelTest | null = null;
    if (st.test) {
      test = {
        condition: conditions.indexOf(st.test.detects),
        sensitivity: st.test.sensitivity,
        specificity: st.test.specificity,
        onPositiveClass: st.test.onPositive ? classIndex(st.test.onPositive.class) : -1,
        missed: st.test.missed
          ? {
              share: st.test.missed.share,
              after: cloneJson(st.test.missed.after) as DistributionSpec,
              to: stageIndex(st.test.missed.to),
            }
          : null,
      };
    }
    const next: ModelBranch[] = (st.next ?? []).map((b) => ({
      to: stageIndex(b.to),
      p: b.p ?? null,
      if:
        b.if === undefined
          ? null
          : b.if === 'positive'
            ? { kind: 'positive' }
            : b.if === 'negative'
              ? { kind: 'negative' }
              : { kind: 'class', classIndex: classIndex(b.if) },
      ...(b.rereferral ? { rereferral: b.rereferral } : {}),
    }));
    return {
      id,
      capacity: capacityPhases(st.capacity, joinPath(path, 'capacity'), startDate),
      service: st.service === undefined ? 0 : (cloneJson(st.service) as DistributionSpec),
      queue: st.queue ?? 'fifo',
      patience: st.patience === undefined ? null : (cloneJson(st.patience) as DistributionSpec),
      test,
      next,
      ...(st.treatment === undefined ? {} : { treatment: st.treatment }),
    };
  });

  const pools = resolvePools(s, stages);
  const startWeekday = weekdayOf(startDate);
  const calendars = stageCalendars(s, stages.map((st) => st.capacity), startDate, startWeekday, end);
  calendars.forEach((phases, i) => {
    if (phases) stages[i]!.calendar = phases;
  });
  stages.forEach((st) => {
    const losses = stageLosses(s.stages[st.id]!, joinPath('stages', st.id));
    if (losses) st.losses = losses;
  });

  const event = (text: string): ModelEventRef => {
    const e = parseEvent(text);
    if (typeof e === 'string') throw new Error(`unreachable: validated event ${text}`);
    return e.kind === 'exit' ? { kind: 'exit' } : { kind: e.kind, stage: stageIndex(e.stage) };
  };
  const targets: ModelTarget[] = keysOf(s.targets).map((id) => {
    const t = s.targets![id]!;
    return {
      id,
      description: t.description ?? '',
      from: t.from === undefined ? null : event(t.from),
      until: (Array.isArray(t.until) ? t.until : [t.until]).map(event),
      within: days(t.within, joinPath(joinPath('targets', id), 'within')),
      goal: t.goal,
      // Only what differs from the defaults, so a model without these reads as before.
      ...(t.clock === 'first' ? { clock: 'first' as const } : {}),
      ...(t.measure === 'incomplete' ? { measure: 'incomplete' as const } : {}),
      ...(t.for?.condition === undefined ? {} : { forCondition: conditions.indexOf(t.for.condition) }),
      ...(t.for?.class === undefined ? {} : { forClass: classIndex(t.for.class) }),
    };
  });

  return {
    name: s.name,
    description: (s.description ?? '').trim(),
    variant,
    seed: s.seed ?? DEFAULT_SEED,
    startDate,
    startWeekday,
    warmup: s.warmup === undefined ? 0 : days(s.warmup, 'warmup'),
    horizon: days(s.horizon, 'horizon'),
    sampleEvery: s.sampleEvery === undefined ? DEFAULT_SAMPLE_EVERY : days(s.sampleEvery, 'sampleEvery'),
    classes,
    classPriority,
    conditions,
    stages,
    arrivals,
    initial,
    targets,
    ...resolveEconomics(s, conditions, stageIds),
    ...pools,
  };
}

/** Weekday (0 = Monday) of an ISO calendar date. */
export function weekdayOf(isoDate: string): Weekday {
  const sundayFirst = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return ((sundayFirst + 6) % 7) as Weekday;
}

/** Mean arrivals per day of a validated rate (exactly one unit given). */
export function ratePerDay(rate: Partial<Record<keyof typeof RATE_UNITS, number>>): number {
  for (const unit of Object.keys(RATE_UNITS) as (keyof typeof RATE_UNITS)[]) {
    const value = rate[unit];
    if (value !== undefined) return value / RATE_UNITS[unit];
  }
  throw new Error('unreachable: validated rate without a unit');
}

export { slotsPerWeekday } from './capacity.js';
