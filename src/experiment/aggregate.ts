/**
 * From per-replication runs to an experiment's result: metric summaries, series bands and paired
 * comparisons. A pure function of the runs in replication order, so the same runs give the same
 * result bit for bit however they were produced (one thread, many workers, shards merged).
 * @module
 */
import { mean as ssMean, quantileSorted } from 'simple-statistics';
import { mergeManifests } from '../pathway/manifest.js';
import type { RunResult } from '../pathway/result.js';
import { runMetrics } from './metrics.js';
import { pairedDifference, summarise } from './stats.js';
import type {
  Comparison,
  ExperimentResult,
  MetricSummary,
  PrecisionOutcome,
  SeriesBand,
  VariantResult,
  VariantSeries,
} from './types.js';

/** The runs of an experiment, before summarising. @internal */
export interface RunSet {
  scenario: string;
  scenarioDigest: string;
  seed: number;
  /** Base first. */
  variantNames: string[];
  /** Sorted replication indices; `runs[v][i]` is replication `replicationIndices[i]` of variant v. */
  replicationIndices: number[];
  runs: Record<string, RunResult[]>;
  precision?: PrecisionOutcome;
}

/** Everything in an {@link ExperimentResult} except `meta`. @internal */
export type ExperimentBody = Omit<ExperimentResult, 'meta'>;

function metricColumns(runs: RunResult[]): Map<string, (number | undefined)[]> {
  const cols = new Map<string, (number | undefined)[]>();
  runs.forEach((run, i) => {
    for (const [name, value] of runMetrics(run)) {
      let col = cols.get(name);
      if (!col) {
        col = new Array<number | undefined>(runs.length).fill(undefined);
        cols.set(name, col);
      }
      col[i] = value;
    }
  });
  return cols;
}

function defined(values: (number | undefined)[]): number[] {
  return values.filter((v): v is number => v !== undefined);
}

function band(day: number[], columns: number[][]): SeriesBand {
  const b: SeriesBand = { day: [...day], p5: [], median: [], p95: [], mean: [] };
  for (let i = 0; i < day.length; i++) {
    const sorted = columns.map((c) => c[i]!).sort((x, y) => x - y);
    b.p5.push(quantileSorted(sorted, 0.05));
    b.median.push(quantileSorted(sorted, 0.5));
    b.p95.push(quantileSorted(sorted, 0.95));
    b.mean.push(sorted.length === 1 ? sorted[0]! : ssMean(sorted));
  }
  return b;
}

const EMPTY_BAND = (): SeriesBand => ({ day: [], p5: [], median: [], p95: [], mean: [] });

/**
 * Bands per sample day over replications (quantiles by simple-statistics' `quantileSorted`).
 * Replications of one variant share the sample days; a mismatch is a bug upstream and throws.
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * import { seriesBands } from 'carepath/analysis';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const bands = seriesBands([0, 1, 2].map((replication) => simulate(scenario, { replication })));
 * bands.waiting.day.slice(0, 3); // [ 0, 7, 14 ]; bands.waiting.p95[i] is the 95th percentile on day[i]
 * ```
 */
export function seriesBands(runs: RunResult[]): VariantSeries {
  if (runs.length === 0) return { waiting: EMPTY_BAND(), byStage: {} };
  const day = runs[0]!.series.day;
  for (const run of runs) {
    if (run.series.day.length !== day.length) {
      throw new Error(
        `replication ${run.replication} of ${run.variant} has ${run.series.day.length} samples, replication ${runs[0]!.replication} has ${day.length}`,
      );
    }
  }
  const byStage: Record<string, SeriesBand> = Object.create(null); // keyed by ids
  for (const stage of Object.keys(runs[0]!.series.byStage)) {
    byStage[stage] = band(
      day,
      runs.map((r) => r.series.byStage[stage] ?? []),
    );
  }
  const first = runs[0]!.series.measures;
  if (!first) return { waiting: band(day, runs.map((r) => r.series.waiting)), byStage };
  const measures: Record<string, SeriesBand> = Object.create(null); // keyed by names
  for (const name of Object.keys(first)) measures[name] = band(day, runs.map((r) => r.series.measures?.[name] ?? []));
  return { waiting: band(day, runs.map((r) => r.series.waiting)), byStage, measures };
}

/**
 * Summaries of every metric over the runs (a metric missing from some runs uses the others).
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * import { summariseRuns } from 'carepath/analysis';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const metrics = summariseRuns([0, 1, 2].map((replication) => simulate(scenario, { replication })));
 * metrics['stages.surgery.waitingAtEnd']; // { mean, sd, ci95, min, max, n: 2 }
 * ```
 */
export function summariseRuns(runs: RunResult[]): Record<string, MetricSummary> {
  const metrics: Record<string, MetricSummary> = {};
  for (const [name, col] of metricColumns(runs)) {
    const values = defined(col);
    if (values.length > 0) metrics[name] = summarise(values);
  }
  return metrics;
}

/**
 * Paired differences variant − base for every metric both have, paired by replication.
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * import { compareRuns } from 'carepath/analysis';
 * const s = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const runs = (variant: string) => [0, 1, 2].map((replication) => simulate(s, { replication, variant }));
 * compareRuns(runs('ai-reporting'), runs('base'))['stages.reporting.waitingAtEnd'].meanDiff; // ≈ −4,700 after eight weeks
 * ```
 */
export function compareRuns(variant: RunResult[], base: RunResult[]): Record<string, Comparison> {
  const v = metricColumns(variant);
  const b = metricColumns(base);
  const out: Record<string, Comparison> = {};
  for (const [name, vcol] of v) {
    const bcol = b.get(name);
    if (!bcol) continue;
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < vcol.length; i++) {
      if (vcol[i] !== undefined && bcol[i] !== undefined) {
        xs.push(vcol[i]!);
        ys.push(bcol[i]!);
      }
    }
    if (xs.length > 0) out[name] = pairedDifference(xs, ys);
  }
  return out;
}

/** Summarises a set of runs into the deterministic body of an experiment result. @internal */
export function aggregate(set: RunSet): ExperimentBody {
  const variants: Record<string, VariantResult> = {};
  for (const name of set.variantNames) {
    const runs = set.runs[name] ?? [];
    variants[name] = { metrics: summariseRuns(runs), series: seriesBands(runs), replications: runs };
  }
  const base = set.variantNames[0]!;
  const comparisons: Record<string, Record<string, Comparison>> = {};
  for (const name of set.variantNames.slice(1)) {
    comparisons[name] = compareRuns(set.runs[name] ?? [], set.runs[base] ?? []);
  }
  const body: ExperimentBody = {
    scenario: set.scenario,
    scenarioDigest: set.scenarioDigest,
    seed: set.seed,
    replicationIndices: [...set.replicationIndices],
    variantNames: [...set.variantNames],
    variants,
    comparisons,
  };
  if (set.precision) body.precision = set.precision;
  const manifest = mergeManifests(set.variantNames.flatMap((v) => set.runs[v]?.[0]?.manifest ?? []));
  if (manifest) body.manifest = manifest;
  return body;
}
