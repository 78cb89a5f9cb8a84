/**
 * The resolved, internal form of a scenario: every duration in days, every name turned into an
 * index, every default filled in, one variant applied. `simulate` and `analyse` both read this
 * form, so the scenario format has exactly one interpretation. Produced by {@link resolveScenario}.
 *
 * Plain data only (no functions, no class instances), so a `Model` can be sent to a worker.
 * @module
 */
import type { DistributionSpec } from '../core/distributions.js';
import type { ModelEconomics, ModelProgression } from './model-economics.js';
import type { StageLosses } from './losses.js';

/**
 * Marker for `to: exit` in a routing branch.
 * @example
 * ```ts
 * import { loadScenario, resolveScenario } from 'carepath';
 * import { EXIT } from 'carepath/kernel';
 * const model = resolveScenario(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
 * model.stages[1].next.at(-1)?.to === EXIT; // true: CT's last branch is `{ to: exit }`
 * ```
 */
export const EXIT = -1;

/** Day-of-week index: 0 = Monday … 6 = Sunday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** One capacity regime of a stage, in force from day `from` until the next phase starts. */
export type CapacityPhase =
  /** `servers` identical servers, each serving one patient at a time. */
  | { from: number; kind: 'servers'; servers: number }
  /** No limit: every patient starts at once (a delay, not a queue). */
  | { from: number; kind: 'unlimited' }
  /** Appointment slots released at the start of each day; a slot not taken that day is lost. */
  | {
      from: number;
      kind: 'slots';
      /**
       * Slots released on each weekday, index 0 = Monday. Derived from `{ slots, per, days }`:
       * `per: week` spreads the weekly number as evenly as possible over the listed days (earlier
       * days take the remainder); `per: day` gives every listed day `slots`.
       */
      perWeekday: number[];
    };

/** A diagnostic test done at a stage. */
export interface ModelTest {
  /** Index into {@link Model.conditions}. */
  condition: number;
  /** Probability that a patient with the condition tests positive, in [0, 1]. */
  sensitivity: number;
  /** Probability that a patient without the condition tests negative, in [0, 1]. */
  specificity: number;
  /** Class index a patient moves to on a positive result, or -1 to keep the class. */
  onPositiveClass: number;
  /**
   * False negatives that come back later, or null: a `share` of them rejoin the pathway at stage
   * index `to` after a delay drawn from `after` (days).
   */
  missed: { share: number; after: DistributionSpec; to: number } | null;
}

/** A routing branch. `to` is a stage index or {@link EXIT}. */
export interface ModelBranch {
  /** Index into {@link Model.stages} of the next stage, or {@link EXIT}. */
  to: number;
  /** Probability among the matching branches; null = takes whatever is left. */
  p: number | null;
  /**
   * Condition for the branch: `positive`/`negative` (the patient's last test result), a class
   * index, or null (always matches).
   */
  if: { kind: 'positive' } | { kind: 'negative' } | { kind: 'class'; classIndex: number } | null;
  /** Set when the branch is a re-referral of the same episode (the pathway clock restarts, see run/rereferral.ts). */
  rereferral?: 'same-episode';
}

/** One stage of a {@link Model}: capacity over time, service, queue discipline, patience, test and routing. */
export interface ModelStage {
  /** The stage's name in the scenario (its key under `stages`). */
  id: string;
  /** At least one phase; the first has `from: 0`; sorted by `from`. */
  capacity: CapacityPhase[];
  /**
   * The phases the engine runs when the scenario's calendar, the stage's sessions or a timetable
   * change this stage's capacity day by day (see `calendar.ts`); absent otherwise. `capacity`
   * keeps the plan as written, which `analyse` reads.
   */
  calendar?: CapacityPhase[];
  /** Service time (servers), activity after the slot (slots), or delay (unlimited). */
  service: DistributionSpec;
  /**
   * Queue discipline: a name from the discipline registry (`fifo`, `priority`,
   * `longest-clock-first`, see `parts/disciplines.ts`) or one given in code to `simulate`.
   */
  queue: string;
  /** Time a patient will wait before leaving the list, or null for infinite patience. */
  patience: DistributionSpec | null;
  /** The diagnostic test done at this stage, or null when it does none. */
  test: ModelTest | null;
  /** Empty means exit after this stage. */
  next: ModelBranch[];
  /** Starting service here is a first treatment; absent = the default rule (not a test, and every branch exits). */
  treatment?: boolean;
  /** Patients who do not attend, cancelled slots and booking lead time; absent when the stage has none. */
  losses?: StageLosses;
  /** Units of pool `pool` (index into {@link Model.pools}) held for the whole service time; absent = none. */
  uses?: { pool: number; units: number };
  /** Most patients at the stage at once (waiting, in service and blocked there); absent = no limit. */
  places?: number;
}

/** A pool of identical units (surgeons, a scanner) shared by the stages that `use` it. */
export interface ModelPool {
  /** The pool's name in the scenario (its key under `pools`). */
  id: string;
  /** Units in the pool. */
  units: number;
  /**
   * Which waiting patient a freed unit goes to: `priority` — the stages in `order`, first
   * stage first; `first-come` — the patient who joined their stage's list earliest (ties: `order`).
   */
  serve: 'priority' | 'first-come';
  /** Indices of the stages that use the pool, highest priority first. */
  order: number[];
}

/** A piecewise description of a Poisson stream's rate over time (per day). */
export interface ModelArrival {
  /** The stream's name in the scenario (its key under `arrivals`). */
  id: string;
  /** Index into {@link Model.stages} of the stage the stream's patients join first. */
  to: number;
  /** Base rate per day at time 0. */
  ratePerDay: number;
  /** Step changes: from day `at` the base rate is `ratePerDay`. Sorted by `at`. */
  changes: { at: number; ratePerDay: number }[];
  /** Compounding growth per year as a fraction (0.03 = 3% a year); 0 for none. */
  growthPerYear: number;
  /** Twelve monthly multipliers (January first), or null. Months follow {@link Model.startDate}. */
  seasonality: number[] | null;
  /** Index into {@link Model.classes} of the class new patients get. */
  classIndex: number;
  /** Condition index → prevalence. */
  conditions: { condition: number; prevalence: number }[];
  /**
   * Period counts replayed exactly instead of a Poisson rate: `count` patients arrive in
   * [from, to), at times uniform within it. Absent for a rate. `ratePerDay` is then their mean.
   */
  counts?: { from: number; to: number; count: number }[];
}

/** Patients already waiting at a stage at time 0. */
export interface ModelInitial {
  /** Index into {@link Model.stages} of the stage whose queue they are on. */
  stage: number;
  /** Number of patients in the group. */
  count: number;
  /** Days already waited (their pathway clock started that long before day 0). */
  waited: DistributionSpec;
  /** Index into {@link Model.classes} of the group's class. */
  classIndex: number;
  /** Condition index → share of the group who have it. */
  conditions: { condition: number; prevalence: number }[];
}

/**
 * An event that starts or stops a target's clock: service starting (`start`) or ending (`end`) at
 * stage index `stage` (`STAGE.start`, `STAGE.end` in a scenario), or the patient's `exit`.
 */
export type ModelEventRef = { kind: 'start' | 'end'; stage: number } | { kind: 'exit' };

/** A waiting-time standard of a {@link Model}; `within` is in days, `goal` a share in [0, 1]. */
export interface ModelTarget {
  /** The target's name in the scenario (its key under `targets`). */
  id: string;
  /** Readable description from the scenario (empty when it has none). */
  description: string;
  /** Event that starts the clock; null = the patient's pathway start. */
  from: ModelEventRef | null;
  /** The first of these events stops the clock. */
  until: ModelEventRef[];
  /** The standard: the clock must stop within this many days. */
  within: number;
  /** Share of patients that should meet the standard, in [0, 1]. */
  goal: number;
  /** `pathway`: the clock restarts when a missed patient comes back; `first`: it counts from the first presentation. */
  clock?: 'pathway' | 'first';
  /** `clock-stops` (absent): counted as clocks stop; `incomplete`: counted on the list at a snapshot. */
  measure?: 'clock-stops' | 'incomplete';
  /** Count only patients with this condition index (-1 or absent: any). */
  forCondition?: number;
  /** Count only patients in this class index when the clock stops (-1 or absent: any). */
  forClass?: number;
}

/** A scenario resolved for simulation and analysis (one variant applied). */
export interface Model {
  /** The scenario's name. */
  name: string;
  /** The scenario's description (empty when it has none). */
  description: string;
  /** Name of the variant applied: `base` for none. */
  variant: string;
  /** Uncertain parameters drawn for this replication, by path (probabilistic sensitivity analysis). */
  parameters?: Record<string, number>;
  /** The scenario's master seed (default 1). */
  seed: number;
  /** ISO date of day 0. */
  startDate: string;
  /** Weekday of day 0. */
  startWeekday: Weekday;
  /** Days simulated before statistics start. */
  warmup: number;
  /** Days measured after the warm-up: the run ends at day `warmup + horizon`. */
  horizon: number;
  /** Days between samples of the waiting-list time series. */
  sampleEvery: number;
  /** Class names; index = class index. The implicit class is `default`. */
  classes: string[];
  /** Priority per class index (lower is served first). */
  classPriority: number[];
  /** Condition names; index = condition index (at most 30). */
  conditions: string[];
  /** Stages in scenario order; index = stage index. */
  stages: ModelStage[];
  /** Arrival streams in scenario order. */
  arrivals: ModelArrival[];
  /** Groups of patients already waiting at day 0. */
  initial: ModelInitial[];
  /** Waiting-time standards in scenario order. */
  targets: ModelTarget[];
  /** Progression while waiting, one per condition that has a model (absent when none has). */
  progression?: ModelProgression[];
  /** Costs and cost-effectiveness settings (absent when the scenario has no `economics`). */
  economics?: ModelEconomics;
  /** Pools shared by stages, in scenario order; absent when the scenario has none. */
  pools?: ModelPool[];
}
