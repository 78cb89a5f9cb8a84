/**
 * Reading an {@link ExperimentResult}: which stages and targets it has (from its manifest), a
 * metric's meaning, summary and a variant's paired difference against `base`. The experiment
 * layer normally provides the numbers; when a metric is missing (an older or hand-made file), it
 * is summarised here from the replications with the experiment layer's own Student t summary, so
 * the report never shows a number it cannot back.
 * @module
 */
import { numberAt } from '../experiment/paths.js';
import { pairedDifference, summarise } from '../experiment/stats.js';
import type { Comparison, ExperimentResult, MetricSummary, VariantResult } from '../experiment/types.js';
import type { MetricInfo } from '../pathway/manifest.js';
import { humanise } from './format.js';

function unionKeys(lists: Iterable<string[]>): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const k of list) seen.add(k);
  return [...seen];
}

/**
 * Variant names in the experiment, `base` first.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { variantsOf } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * variantsOf(result); // [ 'base', 'ai-reporting', 'ai-reporting-and-treatment', 'ai-lower-sensitivity' ]
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
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { stageIds } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * stageIds(result); // [ 'reporting', 'ct', 'staging', 'surgery', 'radiotherapy', 'sact' ]
 * ```
 */
export function stageIds(experiment: ExperimentResult): string[] {
  if (experiment.manifest) return experiment.manifest.stages.map((s) => s.id);
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
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { targetIds } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * targetIds(result); // [ 'faster-diagnosis-28d', 'treatment-31d', 'treatment-62d' ]
 * ```
 */
export function targetIds(experiment: ExperimentResult): string[] {
  if (experiment.manifest) return experiment.manifest.targets.map((t) => t.id);
  return unionKeys(variantsOf(experiment).map((v) => Object.keys(experiment.variants[v]!.replications[0]?.targets ?? {})));
}

/**
 * Stages with limited capacity (servers or slots in some phase), in scenario order, from the
 * manifest; undefined when the result has none (then every stage is shown).
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { limitedStageIds } from 'carepath/report';
 * const result = runExperimentSync(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { replications: 2 });
 * limitedStageIds(result); // [ 'reporting', 'ct', 'surgery', 'radiotherapy', 'sact' ]: staging is unlimited
 * ```
 */
export function limitedStageIds(experiment: ExperimentResult): string[] | undefined {
  return experiment.manifest?.stages.filter((s) => s.capacity.some((k) => k !== 'unlimited')).map((s) => s.id);
}

/**
 * What a metric key means (unit, label, better direction), from the result's manifest.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { metricInfo } from 'carepath/report';
 * const result = runExperimentSync(loadScenario('examples/scenarios/mm1.yaml'), { replications: 2 });
 * metricInfo(result, 'stages.clinic.wait.mean'); // { unit: 'days', label: 'clinic: mean wait', better: 'lower' }
 * ```
 */
export function metricInfo(experiment: ExperimentResult, metric: string): MetricInfo | undefined {
  const metrics = experiment.manifest?.metrics;
  return metrics && Object.prototype.hasOwnProperty.call(metrics, metric) ? metrics[metric] : undefined;
}

/** Target id → description, from the result's manifest (only targets that have one). */
export function targetDescriptions(experiment: ExperimentResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of experiment.manifest?.targets ?? []) if (t.description) Object.defineProperty(out, t.id, { value: t.description, enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * A target's goal (0–1) as the runs recorded it, or undefined.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { targetGoal } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * targetGoal(result, 'treatment-62d'); // 0.85
 * targetGoal(result, 'no-such-target'); // undefined
 * ```
 */
export function targetGoal(experiment: ExperimentResult, target: string): number | undefined {
  const fromManifest = experiment.manifest?.targets.find((t) => t.id === target)?.goal;
  if (fromManifest !== undefined) return fromManifest;
  for (const v of variantsOf(experiment)) {
    const vr = experiment.variants[v]!;
    const fromRun = numberAt(vr.replications[0], `targets.${target}.goal`);
    if (fromRun !== undefined) return fromRun;
  }
  return undefined;
}

/** Number of replications per variant (the largest, for a merged result). @internal */
export function replicationCount(experiment: ExperimentResult): number {
  return experiment.replicationIndices.length;
}

/**
 * Summary of one metric for one variant: the experiment's own, or computed from the
 * replications; undefined when the metric exists in neither.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { metricSummary } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * metricSummary(result, 'ai-reporting', 'targets.treatment-62d.share'); // { mean, sd, ci95, min, max, n: 2 }
 * metricSummary(result, 'base', 'no.such.metric'); // undefined
 * ```
 */
export function metricSummary(experiment: ExperimentResult, variant: string, path: string): MetricSummary | undefined {
  const vr: VariantResult | undefined = experiment.variants[variant];
  if (!vr) return undefined;
  const given = Object.prototype.hasOwnProperty.call(vr.metrics, path) ? vr.metrics[path] : undefined;
  if (given) return given;
  const values = vr.replications.map((r) => numberAt(r, path)).filter((x): x is number => x !== undefined);
  return values.length > 0 ? summarise(values) : undefined;
}

/**
 * Paired difference variant − base of one metric: the experiment's own, or computed from
 * replications paired by replication index (common random numbers make pairing valid).
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { comparison } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * comparison(result, 'ai-reporting', 'stages.surgery.waitingAtEnd'); // { meanDiff, sd, ci95, n: 2 }
 * comparison(result, 'base', 'stages.surgery.waitingAtEnd'); // undefined: base is not compared with itself
 * ```
 */
export function comparison(experiment: ExperimentResult, variant: string, path: string): Comparison | undefined {
  const byVariant = experiment.comparisons?.[variant];
  const given = byVariant && Object.prototype.hasOwnProperty.call(byVariant, path) ? byVariant[path] : undefined;
  if (given) return given;
  const base = experiment.variants.base;
  const other = experiment.variants[variant];
  if (!base || !other || variant === 'base') return undefined;
  const byRep = new Map(base.replications.map((r) => [r.replication, r] as const));
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of other.replications) {
    const b = byRep.get(r.replication);
    const x = numberAt(r, path);
    const y = b === undefined ? undefined : numberAt(b, path);
    if (x !== undefined && y !== undefined) {
      xs.push(x);
      ys.push(y);
    }
  }
  return xs.length === 0 ? undefined : pairedDifference(xs, ys);
}

/** True when a 95% interval lies wholly on one side of zero (and is a real interval). @internal */
export function isClear(ci: readonly [number, number]): boolean {
  const [lo, hi] = ci;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo === hi) return false;
  return lo > 0 || hi < 0;
}

/**
 * Well-known metric paths, so every part of the report names them the same way.
 * @example
 * ```ts
 * import { metricPath } from 'carepath/report';
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

/**
 * A target's name for people: its description from the result's manifest, else its id made readable.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { targetName } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * targetName(result, 'treatment-62d'); // 'First treatment within 62 days of referral'
 * ```
 */
export function targetName(experiment: ExperimentResult, target: string): string {
  return experiment.manifest?.targets.find((t) => t.id === target)?.description || humanise(target);
}
