/**
 * Shapes of an experiment's options and result: plain JSON-able data.
 * @module
 */
import type { ResultManifest } from '../pathway/manifest.js';
import type { RunResult } from '../pathway/result.js';
import type { SimulateOptions } from '../pathway/simulate.js';

/** Descriptive statistics of one metric over replications (Student t interval). */
export interface MetricSummary {
  /** Mean over replications. */
  mean: number;
  /** Sample standard deviation (n − 1 denominator); 0 with one replication. */
  sd: number;
  /** 95% confidence interval of the mean; equals [mean, mean] with one replication. */
  ci95: [number, number];
  /** Smallest value over replications. */
  min: number;
  /** Largest value over replications. */
  max: number;
  /** Number of replications summarised. */
  n: number;
}

/** Spread of a time series over replications, per sample day. */
export interface SeriesBand {
  /** Sample days (days since day 0); the other arrays are parallel to it. */
  day: number[];
  /** 5th percentile over replications, per sample day (with `p95`, the 90% band). */
  p5: number[];
  /** Median over replications, per sample day. */
  median: number[];
  /** 95th percentile over replications, per sample day. */
  p95: number[];
  /** Mean over replications, per sample day. */
  mean: number[];
}

/** Time-series bands of one variant: the whole waiting list and each stage's queue. */
export interface VariantSeries {
  /** The whole waiting list (patients on any queue). */
  waiting: SeriesBand;
  /** Stage id → that stage's queue. */
  byStage: Record<string, SeriesBand>;
  /** The runs' named measure series (see `RunSeries.measures`), when they have them. */
  measures?: Record<string, SeriesBand>;
}

/** Everything measured for one variant. */
export interface VariantResult {
  /** Metric path in {@link RunResult} (e.g. `stages.surgery.waitingAtEnd`) → summary. */
  metrics: Record<string, MetricSummary>;
  /** Waiting lists over time, with their spread over replications. */
  series: VariantSeries;
  /** Per-replication results, in replication order (same order as `replicationIndices`). */
  replications: RunResult[];
}

/** Paired difference variant − base for one metric. */
export interface Comparison {
  /** Mean of variant − base over the paired replications. */
  meanDiff: number;
  /** Standard deviation of the paired differences. */
  sd: number;
  /** 95% confidence interval of the mean difference (Student t); [meanDiff, meanDiff] with one pair. */
  ci95: [number, number];
  /** Number of pairs (replications run in both). */
  n: number;
}

/** Things that may differ between two runs of the same experiment. */
export interface ExperimentMeta {
  /** ISO time the experiment started (the earliest part's, for a merged result). */
  startedAt: string;
  /** Elapsed seconds (the longest part's, for a merged result). */
  wallSeconds: number;
  /** Worker threads used (1 = the calling thread; summed over the parts of a merged result). */
  workers: number;
  /** carepath version that ran the experiment. */
  carepathVersion: string;
  /** Node.js version, e.g. `v20.19.0` (in a browser: `browser`). */
  nodeVersion: string;
  /** This result's shard (`index` of `count`), when it is one part of a sharded experiment. */
  shard?: { index: number; count: number };
  /** Replications read back from a checkpoint instead of being run. */
  resumed?: number;
  /** Number of parts when the result came from `mergeExperiments`. */
  mergedParts?: number;
  /**
   * Replications planned for the whole experiment (all shards together), with a fixed number of
   * replications; {@link index!mergeExperiments} uses it to tell a complete merge from one missing parts.
   */
  replications?: number;
  /** Set when {@link index!mergeExperiments} was told to accept missing parts and some were missing. */
  partial?: {
    /** Planned replications (absent when the parts did not record it). */
    expected?: number;
    /** Replications merged. */
    present: number;
    /** Planned replication indices that no part held. */
    missing: number[];
  };
  /** Set when times, wall time and host details were left out so that outputs are byte-identical. */
  reproducible?: boolean;
}

/** How a precision-driven experiment stopped (see {@link ExperimentOptions.precision}). */
export interface PrecisionOutcome {
  /** Metric path whose CI half-width decided the number of replications. */
  metric: string;
  /** The target, as given (absolute, or a fraction of |mean| when `relative`). */
  halfWidth: number;
  /** True when `halfWidth` is a fraction of |mean| rather than absolute. */
  relative: boolean;
  /** True when every variant reached the target; false when `max` replications ran out first. */
  met: boolean;
  /** Variant → CI half-width reached (absolute units) at the final number of replications. */
  achieved: Record<string, number>;
}

/** The outcome of {@link runExperiment}: plain data, identical for any worker count except `meta`. */
export interface ExperimentResult {
  /** When, where and how fast it ran: the only part that differs between identical runs. */
  meta: ExperimentMeta;
  /** Scenario name. */
  scenario: string;
  /** SHA-256 of the scenario's canonical JSON: parts of different scenarios are never merged. */
  scenarioDigest: string;
  /** Master seed: the same seed and replications give the same numbers. */
  seed: number;
  /** Replication indices included (0-based), sorted. */
  replicationIndices: number[];
  /** Variant names, `base` first. */
  variantNames: string[];
  /** Variant name → its metrics, series and replications. */
  variants: Record<string, VariantResult>;
  /** Variant name (not `base`) → metric path → paired difference against `base`. */
  comparisons: Record<string, Record<string, Comparison>>;
  /** Present when the number of replications was chosen by `precision`. */
  precision?: PrecisionOutcome;
  /**
   * What the numbers mean (stages, targets, calendar, each metric's unit, label and better
   * direction), over all variants: the base's, plus what only later variants add. Absent only
   * when the result holds no run at all (an empty shard).
   */
  manifest?: ResultManifest;
}

/** Reported after each finished replication. */
export interface ProgressInfo {
  /** Runs (variant × replication) finished so far (including any read back from a checkpoint). */
  done: number;
  /** Runs (variant × replication) planned (the maximum with `precision`). */
  total: number;
  /** Variant of the run just finished. */
  variant: string;
  /** Replication index of the run just finished. */
  replication: number;
}

/**
 * A simulator: carepath's `simulate`, or a replacement with the same contract (synchronous,
 * deterministic for (scenario, seed, replication, variant)).
 */
export type SimulateFn = (scenario: any, options?: SimulateOptions) => RunResult;

/** Options of {@link runExperiment}. */
export interface ExperimentOptions {
  /** Number of replications (default 10). Not allowed together with `precision`. */
  replications?: number;
  /**
   * Choose the number of replications by Law & Kelton's sequential procedure: run `min` (default 5),
   * then add one replication at a time until the 95% CI half-width of `metric` is at most
   * `halfWidth` for every variant (absolute, or `halfWidth × |mean|` when `relative`), or `max`
   * replications have run.
   */
  precision?: { metric: string; halfWidth: number; relative?: boolean; max: number; min?: number };
  /** Variant names to run; `base` is always included (first). Default: base + all variants. */
  variants?: string[];
  /** Master seed; default: the scenario's seed (0 when it has none). */
  seed?: number;
  /** Worker threads; default: available cores (1 runs in the calling thread). */
  workers?: number;
  /** Run only the replications r with r % count === index (see docs/scale.md). */
  shard?: { index: number; count: number };
  /** Append each replication to this JSONL file and resume from it if it exists. */
  checkpoint?: string;
  /** Called after each finished replication. */
  onProgress?: (p: ProgressInfo) => void;
  /**
   * Called every fifth of a second or so while runs are under way, with the runs done so far
   * counting the share finished of those in progress (fractional), and the runs planned: a
   * progress bar that moves even during one long replication.
   */
  onRunProgress?: (runsDone: number, total: number) => void;
  /**
   * Advanced: a replacement simulator, called in the calling thread (a function cannot be sent
   * to a worker thread: with `workers` > 1 also give `simulateModule`). Default: carepath's own.
   * Use it, for instance, to pass custom routing hooks:
   * `simulate: (s, o) => simulate(s, { ...o, hooks })`.
   */
  simulate?: SimulateFn;
  /**
   * Advanced: path or file URL of a module exporting `simulate` ({@link SimulateFn}); each worker
   * thread imports it. Use it to run a custom simulator in parallel.
   */
  simulateModule?: string;
}

/** Options of {@link runSweep}: a grid of scenario parameters plus the experiment options. */
export interface SweepOptions extends ExperimentOptions {
  /** Dotted path into the scenario → values to try. The grid is the cartesian product (first path outermost). */
  set: Record<string, unknown[]>;
  /**
   * Run even when a point's scenario has validation warnings (an unreachable stage, a branch never
   * taken); by default such a sweep is refused before anything runs.
   */
  allowWarnings?: boolean;
  /** Called after each grid point finishes. */
  onPoint?: (p: { index: number; total: number; values: Record<string, unknown> }) => void;
}

/** One grid point of a sweep. */
export interface SweepPoint {
  /** Swept path → the value used at this point. */
  values: Record<string, unknown>;
  /** The experiment run at this point. */
  result: ExperimentResult;
  /** Variant name → patients who left untreated and who were still waiting at the end, in total and per stage. */
  leavers: Record<string, Leavers>;
}

/** Leavers and the unfinished at one stage, over replications (see `leaversOf`). */
export interface StageLeavers {
  /** Patients who gave up waiting on the stage's list (left untreated), in the measured period. */
  left: MetricSummary;
  /** Patients on the stage's list at the end. */
  waitingAtEnd: MetricSummary;
  /** Slope of the stage's list (patients per week) over the second half of the measured period. */
  growthPerWeek: MetricSummary;
}

/** Leavers and the unfinished of one variant, over replications (see `leaversOf`). */
export interface Leavers {
  /** Patients who gave up waiting (left untreated) over the whole run, all stages. */
  left: MetricSummary;
  /** `left` ÷ patients who came (new arrivals plus those waiting at day 0). */
  leftShare: MetricSummary;
  /** Patients on any list at the end. */
  waitingAtEnd: MetricSummary;
  /** Slope of the whole waiting list (patients per week) over the second half of the measured period. */
  growthPerWeek: MetricSummary;
  /** Stage id → the same for that stage. */
  stages: Record<string, StageLeavers>;
}

/** The outcome of {@link runSweep}. */
export interface SweepResult {
  /** Paths swept, in grid order. */
  paths: string[];
  /** Every grid point, in grid order (first path outermost). */
  points: SweepPoint[];
}

/** Options of {@link seekCapacity}. */
export interface SeekOptions {
  /** Stage whose capacity is searched. */
  stage: string;
  /** Target (waiting-time standard) whose share must reach its goal. */
  target: string;
  /** Variant to apply first (default `base`). */
  variant?: string;
  /** Goal to reach; default: the target's own `goal`. */
  goal?: number;
  /**
   * One-sided confidence that the mean share reaches the goal (default 0.95): the lower bound
   * mean − t(confidence, n − 1)·sd/√n must be ≥ goal. 0.5 compares the mean itself.
   */
  confidence?: number;
  /** Replications per evaluated capacity (default 10); the same replications at every capacity. */
  replications?: number;
  /** Smallest capacity considered (default 1). */
  min?: number;
  /** Largest capacity considered (default 100 × the current capacity, at least 100). */
  max?: number;
  /** Worker threads; default: available cores (as {@link ExperimentOptions.workers}). */
  workers?: number;
  /** Master seed; default: the scenario's seed (as {@link ExperimentOptions.seed}). */
  seed?: number;
  /** Run even when the scenario has validation warnings; by default the search is refused. */
  allowWarnings?: boolean;
  /**
   * Also require that at most this share of patients leave untreated (give up waiting, anywhere
   * in the pathway), with the same one-sided confidence: the upper bound of the mean share
   * (`Leavers.leftShare`) must be ≤ `maxLeft`. E.g. 0.05: "no more than 5% leave untreated".
   */
  maxLeft?: number;
  /**
   * Also require that the list at `stage` does not grow: the one-sided lower confidence bound of
   * its growth per week (the least-squares slope over the second half of the measured period,
   * `StageLeavers.growthPerWeek`) must be ≤ 0, i.e. growth is not shown at the seek's confidence.
   * A list that settles, or shrinks, passes; one that keeps growing fails. Needs at least 4
   * samples (`sampleEvery`) in that second half.
   */
  noGrowth?: boolean;
  /** Called after each evaluated capacity. */
  onEvaluation?: (e: SeekEvaluation) => void;
  /** Advanced: see {@link ExperimentOptions.simulate}. */
  simulate?: SimulateFn;
  /** Advanced: see {@link ExperimentOptions.simulateModule}. */
  simulateModule?: string;
}

/** One capacity tried by `seekCapacity`. */
export interface SeekEvaluation {
  /** Capacity tried (in {@link SeekResult.unit}). */
  capacity: number;
  /** The target's share over the replications at this capacity. */
  share: MetricSummary;
  /** The one-sided lower confidence bound of the share compared with the goal. */
  lower: number;
  /** True when `lower` ≥ the goal and every constraint (`maxLeft`, `noGrowth`) asked for holds. */
  met: boolean;
  /** Patients who left untreated and who were still waiting at the end, at this capacity. */
  leavers: Leavers;
  /** With `maxLeft`: the one-sided upper confidence bound of the share who left untreated. */
  leftUpper?: number;
  /** With `noGrowth`: the one-sided lower confidence bound of the stage's list growth per week. */
  growthLower?: number;
}

/** The outcome of {@link seekCapacity}. */
export interface SeekResult {
  /** Stage whose capacity was searched. */
  stage: string;
  /** Target whose share had to reach the goal. */
  target: string;
  /** Variant applied before the search (`base` for none). */
  variant: string;
  /** What `capacity` counts. */
  unit: 'slots per week' | 'servers';
  /** Smallest capacity that meets the goal (or the largest tried, with `met: false`). */
  capacity: number;
  /** Capacity in the scenario before the search (the largest phase for a phase list). */
  current: number;
  /** Goal share the search aimed for. */
  goal: number;
  /** One-sided confidence used (see {@link SeekOptions.confidence}). */
  confidence: number;
  /** The target's share at `capacity`. */
  share: MetricSummary;
  /** Every capacity evaluated, in the order tried. */
  evaluations: SeekEvaluation[];
  /** False when even the largest capacity allowed (`max`) misses the goal (or a constraint). */
  met: boolean;
  /** Patients who left untreated and who were still waiting at the end, at `capacity`. */
  leavers: Leavers;
  /** The constraints the search respected besides the goal (as given in the options). */
  constraints: { maxLeft?: number; noGrowth?: boolean };
}

/** Options of `suggestWarmup`. */
export interface WarmupOptions {
  /** Pilot replications (default 5); their waiting-list series are averaged before MSER-5. */
  replications?: number;
  /** Variant to run (default `base`). */
  variant?: string;
  /** Master seed; default: the scenario's seed. */
  seed?: number;
  /** Advanced: see {@link ExperimentOptions.simulate}. */
  simulate?: SimulateFn;
}

/** The outcome of `suggestWarmup`. */
export interface WarmupSuggestion {
  /** Suggested warm-up in days (the day of the first sample kept). */
  warmup: number;
  /** Method used: MSER-5 (White 1997), the marginal standard error rule on batches of 5 samples. */
  method: 'MSER-5';
  /** Series analysed: the waiting list (patients on any queue), averaged over the pilot replications. */
  series: 'waiting';
  /** Samples per batch (5). */
  batchSize: number;
  /** Batches in the series, and batches truncated. */
  batches: number;
  /** Batches cut off as warm-up: `warmup` is the day of sample number truncatedBatches × batchSize (0-based). */
  truncatedBatches: number;
  /** Days between samples. */
  sampleEvery: number;
  /** Pilot replications run. */
  replications: number;
  /**
   * False when the MSER statistic is still falling at half the series (the search limit): the
   * series does not settle within the run (unstable, or the run is too short), so the suggestion
   * is not reliable.
   */
  reliable: boolean;
  /** A sentence for the planner. */
  note: string;
}
