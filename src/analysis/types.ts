/**
 * Shape of the instant queueing-theory answer: plain data, rates per day, times in days.
 * @module
 */

/**
 * How a stage's steady-state wait was obtained: Erlang C (M/M/c), Erlang-A (M/M/c+M, patience),
 * the exact daily-slot recursion, the Allen–Cunneen (GI/G/c) or Kingman (GI/G/1) approximation,
 * M/M/c/K (a stage with `places`: the birth–death chain), or none.
 */
export type WaitMethod = 'erlang-c' | 'erlang-a' | 'slots-chain' | 'allen-cunneen' | 'kingman' | 'mmck' | 'none';

/** Who a note of an {@link Analysis} is for. */
export type NoteAudience = 'everyone' | 'analyst';

/** A stage's steady-state wait in queue. */
export interface StageWait {
  /** Mean wait in queue (days) where a formula applies; null when none does (see `note`). */
  mean: number | null;
  /** Formula used (see {@link WaitMethod}). */
  method: WaitMethod;
  /**
   * True when the formula is exact for this model: Erlang C at a stage with exponential service
   * whose every upstream stage keeps the network product-form (a Jackson/BCMP network:
   * exponential FIFO servers, unlimited delays); Erlang-A or the slot recursion where the
   * stage's arrivals are Poisson. False for approximations.
   */
  exact: boolean;
  /**
   * The order the stage serves its list in: `priority` when it is a priority queue that more than
   * one class reaches, `fifo` for FIFO (and a priority queue that one class reaches: arrival
   * order), else the discipline's registry name (`longest-clock-first`, or one given in code).
   */
  discipline: string;
  /**
   * What an exact `mean` describes: `each-patient` — every patient is treated alike, so it is the
   * mean wait of any patient and one run's mean wait varies as theory says; `mean-over-classes`
   * — a priority queue, where the formula is exact only for the mean over all classes (per-class
   * waits differ, see `byClass`). Absent when `exact` is false.
   */
  exactFor?: 'each-patient' | 'mean-over-classes';
  /** Priority queue with Poisson arrivals: the mean wait of each class (Cobham's formula). */
  byClass?: {
    /** Cobham (1954), non-preemptive: M/M/c with one service rate, or M/G/1. */
    method: 'cobham';
    /** True: exact for Poisson arrivals and class-independent service. */
    exact: boolean;
    /** Class name → mean wait in queue (days). */
    mean: Record<string, number>;
  };
  /** Erlang-A: share of arrivals who abandon the list. */
  abandonShare?: number;
  /** M/M/c/K (a stage with `places`): share of arrivals turned away because the stage is full. */
  rejectedShare?: number;
  /** Why no formula applies, or what the approximation assumes (for people; decisions read the fields above). */
  note?: string;
}

/** The steady state of one stage: flow, capacity, load, list growth and wait. Rates per day. */
export interface StageAnalysis {
  /**
   * Mean arrivals per day at steady state from the traffic equations, *effective*: a saturated
   * upstream stage passes on only what its capacity lets through.
   */
  arrivalRate: number;
  /**
   * Arrivals per day if every upstream stage kept up (the demand on this stage). Equals
   * `arrivalRate` unless an upstream stage is saturated; the gap is the surplus that will queue
   * here once the upstream bottleneck is relieved.
   */
  demandRate: number;
  /** Mean completions per day the stage can sustain; Infinity for unlimited. */
  capacityRate: number;
  /** Completions per day at steady state: min(arrivalRate × (1 − p^k), capacityRate), with p^k the share discharged after DNAs (else 0). */
  throughputRate: number;
  /** Offered load in servers (arrivalRate × mean service), or arrivals ÷ slots per day. */
  offeredLoad: number;
  /** arrivalRate × (1 − p^k) ÷ capacityRate, with p^k the share discharged after DNAs (else 0); 0 for unlimited. */
  utilisation: number;
  /** demandRate ÷ capacityRate: the utilisation this stage would see if upstream kept up. */
  demandUtilisation: number;
  /** True when utilisation < 1: the stage keeps up and its list has a steady state. */
  stable: boolean;
  /** Growth of the waiting list per week when unstable: (arrival − capacity) × 7; 0 when stable. */
  growthPerWeek: number;
  /** Patients waiting at day 0 (the scenario's `initial`). */
  initialWaiting: number;
  /**
   * Stable stage with an initial list: weeks until the surplus capacity clears it (fluid
   * estimate, initialWaiting ÷ ((capacity − arrival) × 7)); null otherwise.
   */
  weeksToClear: number | null;
  /**
   * Unstable stage with `patience`: the list size where abandonments balance the excess,
   * (arrival − capacity) × mean patience (fluid model, exact in the limit for exponential
   * patience); null otherwise. Below `initialWaiting` the list shrinks towards it.
   */
  listSettlesAt: number | null;
  /** Mean patience (days) when the stage has one, else null. */
  patienceMean: number | null;
  /** Steady-state mean wait in queue (days) where a formula applies; `method: 'none'` with a note otherwise. */
  wait: StageWait;
  /** Servers, or null for slots/unlimited. */
  servers: number | null;
  /** Capacity kind in force. */
  capacityKind: 'servers' | 'slots' | 'unlimited';
  /** Mean service (servers), activity (slots) or delay (unlimited) time in days. */
  serviceMean: number;
  /** Squared coefficient of variation of the service time (1 for exponential, 0 for fixed). */
  serviceScv: number;
  /**
   * Squared coefficient of variation of the times between arrivals at this stage (1 = Poisson),
   * from Whitt's QNA linking equations (departures, splits and merges of upstream flows).
   */
  arrivalScv: number;
}

/** A pool's steady state: its stages' combined load against its units, and the wait for a unit. */
export interface PoolAnalysis {
  /** Units in the pool. */
  units: number;
  /** Ids of the stages that use it, highest priority first. */
  stages: string[];
  /** How a freed unit picks the next patient. */
  serve: 'priority' | 'first-come';
  /** Patients per day taking units (the stages' arrival rates added). */
  arrivalRate: number;
  /** Units busy on average: Σ arrivals × mean service × units per patient. */
  offeredLoad: number;
  /** offeredLoad ÷ units. */
  utilisation: number;
  /** True when utilisation < 1. */
  stable: boolean;
  /** The wait for a unit: Erlang C (Cobham by stage for a priority order) where exact, else Allen–Cunneen, else none. */
  wait: {
    /** Mean wait (days) over all its patients, or null when no formula applies. */
    mean: number | null;
    method: WaitMethod;
    exact: boolean;
    /** Priority between stages (exact case): stage id → mean wait. */
    byStage?: Record<string, number>;
    note: string;
  };
}

/** A stage's figures in one phase of the timeline. */
export interface PhaseStage {
  /** Effective arrivals per day (as {@link StageAnalysis.arrivalRate}). */
  arrivalRate: number;
  /** Arrivals per day if every upstream stage kept up (as {@link StageAnalysis.demandRate}). */
  demandRate: number;
  /** Completions per day the stage can sustain; Infinity for unlimited. */
  capacityRate: number;
  /** arrivalRate × (1 − p^k) ÷ capacityRate, with p^k the share discharged after DNAs (else 0); 0 for unlimited. */
  utilisation: number;
  /** True when utilisation < 1. */
  stable: boolean;
  /** Growth of the list per week when unstable; 0 when stable. */
  growthPerWeek: number;
}

/** The steady state of one period in which capacity and (step) demand are constant. */
export interface AnalysisPhase {
  /** First day of the phase (day 0 = start of the run, warm-up included). */
  from: number;
  /** Day the next phase starts, or the end of the run (a last entry at the end itself shows demand grown by then). */
  until: number;
  /** What starts the phase, e.g. `start`, `capacity of surgery`, `demand of gp-chest-xray`. */
  reason: string;
  /** The stage that caps throughput in this phase, or null when every stage is stable. */
  bottleneck: string | null;
  /** Stages whose demand exceeds their capacity in this phase (see {@link Analysis.hiddenBottlenecks}). */
  hiddenBottlenecks: string[];
  /** Stage id → its figures in this phase. */
  stages: Record<string, PhaseStage>;
}

/**
 * The instant queueing-theory answer for one variant of a scenario (see `analyse`): per-stage
 * steady state at `day`, the bottleneck, the timeline of phases, and notes. Plain JSON-able data
 * (capacityRate is Infinity for unlimited stages).
 */
export interface Analysis {
  /** The scenario's name. */
  scenario: string;
  /** Name of the variant analysed (`base` for none). */
  variant: string;
  /** Day whose demand and capacity the steady state describes (0 unless asked otherwise). */
  day: number;
  /** Stage id → its steady state, in scenario order. */
  stages: Record<string, StageAnalysis>;
  /** The stage that caps throughput (highest utilisation ≥ 1), or null when every stage is stable. */
  bottleneck: string | null;
  /**
   * Stable stages whose *demand* exceeds their capacity (demandUtilisation ≥ 1): they keep up only
   * because a saturated upstream stage holds patients back. Relieve that stage and the queue moves
   * here. Sorted by demand utilisation, highest first.
   */
  hiddenBottlenecks: string[];
  /** Steady state after each capacity or demand change (the first phase starts at day 0). */
  phases: AnalysisPhase[];
  /** Human-readable notes (where no formula applies, assumptions made). */
  notes: string[];
  /** Pool id → its steady state; present when the scenario has pools. */
  pools?: Record<string, PoolAnalysis>;
  /**
   * Who each note is for, in the order of `notes`: `analyst` for notes about the analysis itself
   * (they name API functions), `everyone` for findings a planner's report shows. Absent in
   * analyses from older versions (then every note is for everyone).
   */
  noteAudience?: NoteAudience[];
}
