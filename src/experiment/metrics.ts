/**
 * Turns a {@link RunResult} into named numbers: every numeric leaf, named by its dotted path.
 * @module
 */
import type { RunResult } from '../pathway/result.js';
import { numberAt } from './paths.js';

/**
 * Top-level fields of a run that are not metrics: identifiers and settings of the run, the
 * time series (summarised separately as bands) and the manifest (what the metrics mean).
 * @example
 * ```ts
 * import { NON_METRIC_FIELDS } from 'carepath/analysis';
 * NON_METRIC_FIELDS.has('seed'); // true: a run's seed is not summarised as a metric
 * ```
 */
export const NON_METRIC_FIELDS: ReadonlySet<string> = new Set(['series', 'seed', 'replication', 'warmup', 'horizon', 'end', 'manifest']);

function collect(value: unknown, path: string, out: Map<string, number>): void {
  if (typeof value === 'number') {
    out.set(path, value);
    return;
  }
  // Arrays (e.g. `warnings`) hold no metrics; only plain objects are walked.
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) collect(child, path ? `${path}.${key}` : key, out);
}

/**
 * Every numeric leaf of a run except {@link NON_METRIC_FIELDS}, as `path → value`, in the run's
 * own field order (`patients.exited`, `stages.surgery.waitingAtEnd`, `targets.treatment-62d.share`, …).
 * @example runMetrics(run).get('stages.surgery.waitingAtEnd')
 */
export function runMetrics(run: RunResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, value] of Object.entries(run)) {
    if (NON_METRIC_FIELDS.has(key)) continue;
    collect(value, key, out);
  }
  return out;
}

/**
 * Reads one metric from a run by its dotted path, or undefined when the run has no such number
 * (or the path names a non-metric field).
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * import { metricValue } from 'carepath/analysis';
 * const run = simulate({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '4w' });
 * metricValue(run, 'stages.surgery.waitingAtEnd'); // a number
 * metricValue(run, 'stages.nowhere.waitingAtEnd'); // undefined
 * ```
 */
export function metricValue(run: RunResult, metric: string): number | undefined {
  if (NON_METRIC_FIELDS.has(metric.split('.')[0]!)) return undefined;
  return numberAt(run, metric);
}
