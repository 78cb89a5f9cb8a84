/**
 * What one simulation run returns: plain JSON-able data, every time in days.
 * @module
 */
import type { ResultManifest } from './manifest.js';

/** Summary of a set of waits (days). Percentiles come from a fine histogram (see docs). */
export interface WaitSummary {
  /** Mean wait (days; exact). */
  mean: number;
  /** Median wait (days). */
  median: number;
  /** 92nd percentile (days): the NHS referral-to-treatment measure. */
  p92: number;
  /** Longest wait (days; exact). */
  max: number;
  /** Number of waits summarised. */
  n: number;
}

/** Per-stage results. Counts and waits cover the measured period (after the warm-up). */
export interface StageResult {
  /** Patients who arrived at the stage. */
  entered: number;
  /** Patients who started service (took a server or a slot, or began the delay). */
  started: number;
  /** Patients who finished the stage. */
  completed: number;
  /** Patients who left this stage's queue because their patience ran out. */
  abandoned: number;
  /** Patients on the stage's queue at the end of the run. */
  waitingAtEnd: number;
  /** Time spent on this stage's queue, for patients who started service. */
  wait: WaitSummary;
  /**
   * Capacity used within the offer ÷ capacity offered, never above 1: busy server-days within the
   * servers offered ÷ server-days offered, or slots used ÷ slots offered; a stage with both server
   * and slot phases weighs each share by the days its kind was in force; 0 for unlimited.
   */
  utilisation: number;
  /**
   * Server-days worked beyond the servers offered (days × patients): patients who started before
   * the number of servers was cut (a session closing, a closed day), or before a change to
   * slots, finishing their service. 0 when
   * capacity is never reduced under patients in service.
   */
  overtime: number;
  /** Time-average number on the queue. */
  meanQueueLength: number;
  /** Completions per day. */
  throughputPerDay: number;
  /** Patients given a slot or a server who did not attend (present at stages with `dna`). */
  dna?: number;
  /** DNAs rebooked: back on the queue after `rebookAfter` (present at stages with `dna`). */
  rebooked?: number;
  /** DNAs discharged: left the pathway at their `dischargeAfter`-th DNA in a row (present at stages with `dna`). */
  discharged?: number;
  /** Slots cancelled by the hospital, not offered (present at stages with `cancellations`). */
  slotsCancelled?: number;
  /**
   * Patients who finished here and were blocked (their next stage full), during the measured
   * period. Present, with the three fields below, when a stage of the scenario has `places`.
   */
  blockedPatients?: number;
  /** Patient-days spent blocked here (finished, holding their server, slot or place, waiting for a place downstream). */
  blockedDays?: number;
  /** Patients blocked here at the end of the run (counted in `patients.inService`). */
  blockedAtEnd?: number;
  /** Patients from outside (an arrival stream, a missed patient coming back) turned away because the stage was full. */
  rejected?: number;
}

/** One pool's results over the measured period. */
export interface PoolResult {
  /** Units in the pool. */
  units: number;
  /** Busy unit-days ÷ unit-days offered (units × horizon). */
  utilisation: number;
  /** Unit-days the units were held by patients in service. */
  busyUnitDays: number;
  /** Patients who took units (started service at a stage using the pool). */
  started: number;
}

/** Result of one waiting-time standard. */
export interface TargetResult {
  /** Patients whose clock stopped within `within`. */
  met: number;
  /** Patients whose clock stopped after `within`, plus those still waiting past it at the end. */
  breached: number;
  /** met ÷ (met + breached); NaN-free: 0 when nobody was counted (see `counted`). */
  share: number;
  /** The target's goal share, in [0, 1], copied from the scenario. */
  goal: number;
  /** Patients still waiting at the end whose wait already exceeds `within` (included in `breached`). */
  breachedStillWaiting: number;
  /** met + breached. */
  counted: number;
}

/**
 * True-case measures of one condition, counted from each patient's first presentation (which a
 * missed patient's return does not reset). Diagnosis: the first positive test for the condition
 * on a patient who has it. Treatment: the first service start at a treatment stage after it.
 * The `Over` shares count a true case who left undiagnosed (untreated), or is still in the
 * pathway undiagnosed (untreated) past the threshold, as over it.
 */
export interface ConditionResult {
  /** True cases diagnosed during the measured period. */
  diagnosed: number;
  /** True cases who left the pathway (for good, or by giving up) without a diagnosis. */
  undiagnosed: number;
  /** True cases still in the pathway (waiting, in service or away) at the end without a diagnosis. */
  undiagnosedInPathway: number;
  /** First presentation to diagnosis (days), for those diagnosed. */
  diagnosis: WaitSummary;
  /** Share of true cases not diagnosed within 28 days (undiagnosed leavers count as over). */
  diagnosisOver28: number;
  /** Share of true cases not diagnosed within 62 days. */
  diagnosisOver62: number;
  /** True cases whose first treatment started during the measured period. */
  treated: number;
  /** True cases who left the pathway without treatment (missed, or diagnosed then lost). */
  untreated: number;
  /** True cases still in the pathway untreated at the end. */
  untreatedInPathway: number;
  /** First presentation to first treatment (days), for those treated. */
  treatment: WaitSummary;
  /** Share of true cases not treated within 28 days of first presentation. */
  treatmentOver28: number;
  /** Share of true cases not treated within 62 days of first presentation. */
  treatmentOver62: number;
}

/** A stage's results for one group of patients (a class, or those who have / have not a condition). */
export interface GroupStageResult {
  /** Patients of the group who started service. */
  started: number;
  /** Their mean wait on the stage's queue (days; 0 when none started). */
  waitMean: number;
  /** Patients of the group who gave up waiting. */
  abandoned: number;
  /** Patients of the group on the queue at the end. */
  waitingAtEnd: number;
}

/** A target's results for one group of patients. */
export interface GroupTargetResult {
  /** Patients of the group whose clock stopped within the standard. */
  met: number;
  /** Patients of the group who breached it (still-waiting breaches included). */
  breached: number;
  /** met ÷ counted; 0 when nobody of the group was counted. */
  share: number;
  /** met + breached. */
  counted: number;
}

/** One result split by class (class when the event happened) and by condition (has / has not). */
export interface GroupSplit<R> {
  /** Class name → the result for patients in that class. */
  byClass: Record<string, R>;
  /** Condition name → the result for patients who truly have it, and for those who do not. */
  byCondition: Record<string, { has: R; hasNot: R }>;
}

/** Stage and target results by class and by condition. */
export interface Breakdowns {
  /** Stage id → its results per group. */
  stages: Record<string, GroupSplit<GroupStageResult>>;
  /** Target id → its results per group. */
  targets: Record<string, GroupSplit<GroupTargetResult>>;
}

/** Patient counts over the whole run (day 0 to the end), so conservation holds exactly. */
export interface PatientCounts {
  /** New patients from arrival streams. */
  arrived: number;
  /** Patients waiting at day 0. */
  initial: number;
  /** Patients who left the pathway through `exit`. */
  exited: number;
  /** Patients who left a queue because their patience ran out. */
  abandoned: number;
  /** Patients still somewhere in the pathway at the end: waiting + inService + away. */
  inSystem: number;
  /** On a queue at the end. */
  waiting: number;
  /** Being served, in a slot's activity, or in a delay stage at the end. */
  inService: number;
  /** Missed by a test and not yet come back, or rebooked after a DNA and not yet back. */
  away: number;
  /** Patients discharged after DNAs (present when a stage has `dna`): initial + arrived = exited + abandoned + discharged + inSystem. */
  discharged?: number;
  /**
   * Patients turned away at a full stage (`places`), over the whole run; present when a stage of
   * the scenario has places. Conservation: initial + arrived = exited + abandoned + rejected + inSystem.
   */
  rejected?: number;
}

/** Time series sampled every `sampleEvery` days from day 0 to the end of the run. */
export interface RunSeries {
  /** Sample times in days since day 0. */
  day: number[];
  /** Patients on any queue (the planner's waiting list). */
  waiting: number[];
  /** Patients on each stage's queue. */
  byStage: Record<string, number[]>;
  /**
   * Present when a target has `measure: incomplete`: `incomplete within TARGET` (share of the
   * incomplete pathways waiting less than its `within`), the list by weeks waited (`waited 0-18w`,
   * `waited 18-52w`, `waited 52-65w`, `waited 65-78w`, `waited 78w+`) and the counts `over 52w`,
   * `over 65w`, `over 78w`, on the first such target's clock.
   */
  measures?: Record<string, number[]>;
}

/**
 * Progression while waiting of one condition's true cases (see `progression:` in a scenario),
 * over the measured period. Each true case resolved in the measured period counts once in
 * `atPresentation`: when first treated (`treated`, or a death while waiting if its death time
 * came first), when leaving the pathway untreated (a death if it came first), or at the end of
 * the run if still waiting (`waitingAtEnd`, or a death). Patients stay on their queues after a
 * death while waiting: deaths are counted, not simulated.
 */
export interface ProgressionResult {
  /** State id → true cases resolved in the measured period, by their state at first presentation. */
  atPresentation: Record<string, number>;
  /** State id → true cases diagnosed in the measured period, by their state at diagnosis. */
  atDiagnosis: Record<string, number>;
  /** State id → true cases first treated (alive) in the measured period, by their state then. */
  atTreatment: Record<string, number>;
  /** True cases first treated alive in the measured period (the sum of `atTreatment`). */
  treated: number;
  /** Of `treated`, those treated in a later state than at presentation. */
  upstaged: number;
  /** True cases whose death time came before treatment (or before leaving untreated, or the end). */
  deathsWhileWaiting: number;
  /**
   * QALYs of every true case resolved or still present in the measured period: the treated at
   * their state at treatment, the untreated (still waiting, or missed for good) at their state at
   * the end of the run as if treated then; deaths none. Every variant values the same cohort.
   */
  qalys: number;
  /** The part of `qalys` from the patients treated in the measured period. */
  qalysTreated: number;
  /** State id → true cases still in the pathway untreated (and alive) at the end, by their state then. */
  waitingAtEnd: Record<string, number>;
}

/**
 * Harm and cost of one run (present when the scenario has `economics` or `progression`). Costs
 * count the measured period; fixed costs pro rata over it.
 */
export interface EconomicsResult {
  /** ISO 4217 code of the costs (default GBP). */
  currency: string;
  /** Total cost in the measured period. */
  cost: number;
  /** cost ÷ patients who entered the pathway in the measured period (arrivals, plus the initial list when there is no warm-up); 0 when none did. */
  costPerPatient: number;
  /** Cost item id → its total (the totals sum to `cost`). */
  costs: Record<string, number>;
  /** Sum over conditions of their `qalys` (treated at treatment; untreated at their state at the end). */
  qalys: number;
  /** Sum over conditions of the deaths while waiting. */
  deathsWhileWaiting: number;
  /** Sum over conditions of the patients treated in a later state than at presentation. */
  upstaged: number;
  /** Condition name → its progression counts (conditions with a progression model only). */
  conditions: Record<string, ProgressionResult>;
}

/** The result of {@link simulate}: one replication of one variant. */
export interface RunResult {
  /** The scenario's name. */
  scenario: string;
  /** Name of the variant applied (`base` for none). */
  variant: string;
  /** Master seed the run used. */
  seed: number;
  /** Replication index (0-based). */
  replication: number;
  /** Days of warm-up, measured horizon, and end time (warm-up + horizon). */
  warmup: number;
  /** Days measured after the warm-up. */
  horizon: number;
  /** Day the run ended: warm-up + horizon. */
  end: number;
  /** Patient counts over the whole run, warm-up included. */
  patients: PatientCounts;
  /** Stage id → its results over the measured period. */
  stages: Record<string, StageResult>;
  /** Pathway start to exit, for patients who exited during the measured period. */
  timeInSystem: WaitSummary;
  /** Target id → how many patients met its standard. */
  targets: Record<string, TargetResult>;
  /** Condition name → true-case delays and missed cases (no target needs declaring). */
  conditions: Record<string, ConditionResult>;
  /** Stage and target results by class and by condition (has / has not). */
  breakdown: Breakdowns;
  /** Waiting lists over time, from day 0 (warm-up included). */
  series: RunSeries;
  /** Events the kernel processed. */
  events: number;
  /** Things the planner should know (an unstable stage, a suspicious warm-up, …). */
  warnings: string[];
  /** Harm and cost (present when the scenario has `economics` or `progression`). */
  economics?: EconomicsResult;
  /** Pool id → its utilisation over the measured period; present when the scenario has pools. */
  pools?: Record<string, PoolResult>;
  /** What the numbers mean: stages, targets, calendar, and each metric's unit, label and better direction. */
  manifest: ResultManifest;
  /** Uncertain parameters drawn for this replication, by path (only when the scenario has some). */
  parameters?: Record<string, number>;
}
