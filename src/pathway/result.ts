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
  /** Missed by a test and not yet come back. */
  away: number;
}

/** Time series sampled every `sampleEvery` days from day 0 to the end of the run. */
export interface RunSeries {
  /** Sample times in days since day 0. */
  day: number[];
  /** Patients on any queue (the planner's waiting list). */
  waiting: number[];
  /** Patients on each stage's queue. */
  byStage: Record<string, number[]>;
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
  /** Waiting lists over time, from day 0 (warm-up included). */
  series: RunSeries;
  /** Events the kernel processed. */
  events: number;
  /** Things the planner should know (an unstable stage, a suspicious warm-up, …). */
  warnings: string[];
  /** What the numbers mean: stages, targets, calendar, and each metric's unit, label and better direction. */
  manifest: ResultManifest;
}
