/**
 * Reading an {@link ExperimentResult}: which stages and targets it has, a metric's summary and a
 * variant's paired difference against `base`. The experiment layer normally provides both; when
 * a metric is missing (an older or merged file), it is summarised here from the replications with
 * the same Student t interval, so the report never shows a number it cannot back.
 * @module
 */
import type { Comparison, ExperimentResult, MetricSummary, VariantResult } from '../experiment/types.js';

/** Two-sided 97.5% quantiles of Student's t for 1–30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12,
  2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** 97.5% quantile of Student's t with `df` degrees of freedom (Cornish–Fisher beyond 30). */
export function tQuantile975(df: number): number {
  if (df < 1) return NaN;
  if (df <= 30) return T975[Math.floor(df) - 1]!;
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/** Mean, sd, 95% t interval, min, max of a sample (interval collapses to the mean when n = 1). */
export function summarise(values: readonly number[]): MetricSummary {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN, ci95: [NaN, NaN], min: NaN, max: NaN, n: 0 };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const half = n > 1 ? (tQuantile975(n - 1) * sd) / Math.sqrt(n) : 0;
  return { mean, sd, ci95: [mean - half, mean + half], min, max, n };
}

/** The value at a dotted path (`stages.ct.wait.mean`) in a plain object, if it is a number. */
export function valueAt(obj: unknown, path: string): number | undefined {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return typeof cur === 'number' ? cur : undefined;
}

function unionKeys(lists: Iterable<string[]>): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const k of list) seen.add(k);
  return [...seen];
}

/**
 * Variant names in the experiment, `base` first.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync, variantsOf } from 'carepath';
 * const result = runExperimentSync(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { replications: 3 });
 * variantsOf(result); // [ 'base', 'ai-reporting', 'ai-reporting-and-treatment' ]
 * ```
 */
export function variantsOf(experiment: ExperimentResult): string[] {
  const names = experiment.variantNames.filter((v) => v in experiment.variants);
  return names.includes('base') ? ['base', ...names.filter((v) => v !== 'base')] : names;
}

/**
 * Stage ids, in the order the scenario lists them.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync, stageIds } from 'carepath';
 * const result = runExperimentSync(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { replications: 3 });
 * stageIds(result); // [ 'reporting', 'ct', 'staging', 'surgery', 'radiotherapy', 'sact' ]
 * ```
 */
export function stageIds(experiment: ExperimentResult): string[] {
  return unionKeys(
    variantsOf(experiment).map((v) => {
      const vr = experiment.variants[v]!;
      const fromSeries = Object.keys(vr.series?.byStage ?? {});
      return fromSeries.length > 0 ? fromSeries : Object.keys(vr.replications[0]?.stages ?? {});
    }),
  );
}

/**
 * Target ids, in the order the scenario lists them.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync, targetIds } from 'carepath';
 * const result = runExperimentSync(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { replications: 3 });
 * targetIds(result); // [ 'faster-diagnosis-28d', 'treatment-31d', 'treatment-62d' ]
 * ```
 */
export function targetIds(experiment: ExperimentResult): string[] {
  return unionKeys(
    variantsOf(experiment).map((v) => {
      const vr = experiment.variants[v]!;
      const fromRuns = Object.keys(vr.replications[0]?.targets ?? {});
      if (fromRuns.length > 0) return fromRuns;
      return Object.keys(vr.metrics)
        .map((k) => /^targets\.([^.]+)\.share$/.exec(k)?.[1])
        .filter((k): k is string => k !== undefined);
    }),
  );
}

/**
 * A target's goal (0–1) as the runs recorded it, or undefined.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync, targetGoal } from 'carepath';
 * const result = runExperimentSync(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { replications: 3 });
 * targetGoal(result, 'treatment-62d'); // 0.85
 * targetGoal(result, 'no-such-target'); // undefined
 * ```
 */
export function targetGoal(experiment: ExperimentResult, target: string): number | undefined {
  for (const v of variantsOf(experiment)) {
    const vr = experiment.variants[v]!;
    const fromRun = vr.replications[0]?.targets?.[target]?.goal;
    if (typeof fromRun === 'number') return fromRun;
    const fromMetric = vr.metrics[`targets.${target}.goal`]?.mean;
    if (typeof fromMetric === 'number') return fromMetric;
  }
  return undefined;
}

/** Number of replications per variant (the largest, for a merged result). */
export function replicationCount(experiment: ExperimentResult): number {
  return experiment.replicationIndices.length;
}

/**
 * Summary of one metric for one variant: the experiment's own, or computed from the
 * replications; undefined when the metric exists in neither.
 * @example
 * ```ts
 * import { loadScenario, metricSummary, runExperimentSync } from 'carepath';
 * const result = runExperimentSync(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { replications: 3 });
 * metricSummary(result, 'ai-reporting', 'targets.treatment-62d.share'); // { mean, sd, ci95, min, max, n: 3 }
 * metricSummary(result, 'base', 'no.such.metric'); // undefined
 * ```
 */
export function metricSummary(experiment: ExperimentResult, variant: string, path: string): MetricSummary | undefined {
  const vr: VariantResult | undefined = experiment.variants[variant];
  if (!vr) return undefined;
  const given = vr.metrics[path];
  if (given) return given;
  const values = vr.replications.map((r) => valueAt(r, path)).filter((x): x is number => x !== undefined);
  return values.length > 0 ? summarise(values) : undefined;
}

/**
 * Paired difference variant − base of one metric: the experiment's own, or computed from
 * replications paired by replication index (common random numbers make pairing valid).
 * @example
 * ```ts
 * import { comparison, loadScenario, runExperimentSync } from 'carepath';
 * const result = runExperimentSync(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { replications: 3 });
 * comparison(result, 'ai-reporting', 'stages.surgery.waitingAtEnd'); // { meanDiff, sd, ci95, n: 3 }
 * comparison(result, 'base', 'stages.surgery.waitingAtEnd'); // undefined: base is not compared with itself
 * ```
 */
export function comparison(experiment: ExperimentResult, variant: string, path: string): Comparison | undefined {
  const given = experiment.comparisons?.[variant]?.[path];
  if (given) return given;
  const base = experiment.variants.base;
  const other = experiment.variants[variant];
  if (!base || !other || variant === 'base') return undefined;
  const byRep = new Map(base.replications.map((r) => [r.replication, r] as const));
  const diffs: number[] = [];
  for (const r of other.replications) {
    const b = byRep.get(r.replication);
    const x = valueAt(r, path);
    const y = b === undefined ? undefined : valueAt(b, path);
    if (x !== undefined && y !== undefined) diffs.push(x - y);
  }
  if (diffs.length === 0) return undefined;
  const s = summarise(diffs);
  return { meanDiff: s.mean, sd: s.sd, ci95: s.ci95, n: s.n };
}

/** True when a 95% interval lies wholly on one side of zero (and is a real interval). */
export function isClear(ci: readonly [number, number]): boolean {
  const [lo, hi] = ci;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo === hi) return false;
  return lo > 0 || hi < 0;
}

/**
 * Well-known metric paths, so every part of the report names them the same way.
 * @example
 * ```ts
 * import { metricPath } from 'carepath';
 * metricPath.stageWaitMean('surgery'); // 'stages.surgery.wait.mean'
 * metricPath.targetShare('treatment-62d'); // 'targets.treatment-62d.share'
 * ```
 */
export const metricPath = {
  /** Patients on any list at the end of the run. */
  waitingAtEnd: 'patients.waiting',
  /** Patients on one stage's list at the end. */
  stageWaitingAtEnd: (stage: string) => `stages.${stage}.waitingAtEnd`,
  /** Mean wait on one stage's list (days). */
  stageWaitMean: (stage: string) => `stages.${stage}.wait.mean`,
  /** 92nd percentile of the wait on one stage's list (days). */
  stageWaitP92: (stage: string) => `stages.${stage}.wait.p92`,
  /** One stage's utilisation (busy time or slots used, as a share). */
  stageUtilisation: (stage: string) => `stages.${stage}.utilisation`,
  /** One stage's completions per day. */
  stageThroughput: (stage: string) => `stages.${stage}.throughputPerDay`,
  /** Share of patients within a target's standard. */
  targetShare: (target: string) => `targets.${target}.share`,
  /** Patients still waiting past a target's standard at the end. */
  targetStillWaiting: (target: string) => `targets.${target}.breachedStillWaiting`,
  /** Mean time from pathway start to exit (days). */
  timeInSystemMean: 'timeInSystem.mean',
} as const;
