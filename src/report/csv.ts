/**
 * Results as files an analyst opens in a spreadsheet or a notebook: a summary per variant and
 * metric, the time series with their spread, and the whole result as JSON.
 * @module
 */
import { metricValue } from '../experiment/metrics.js';
import type { ExperimentResult } from '../experiment/types.js';
import { dayToDate } from './format.js';
import { metricInfo, stageIds, variantsOf } from './metrics.js';
import { spreadsheetSafe } from './safe-text.js';

/**
 * Quotes a CSV field when it needs it (RFC 4180); text a spreadsheet would run as a formula
 * gets a leading `'` (see {@link spreadsheetSafe}).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = spreadsheetSafe(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Joins rows into CSV text with a header row and a final newline.
 * @example
 * ```ts
 * import { toCsv } from 'carepath/report';
 * toCsv(['stage', 'waiting'], [['ct', 41], ['surgery, urgent', 12]]);
 * // 'stage,waiting\nct,41\n"surgery, urgent",12\n'
 * ```
 */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/**
 * Columns of {@link summaryCsv}.
 * @example
 * ```ts
 * import { SUMMARY_COLUMNS } from 'carepath/report';
 * SUMMARY_COLUMNS.join(','); // 'variant,metric,label,unit,better,mean,sd,ci_low,ci_high,min,max,n'
 * ```
 */
export const SUMMARY_COLUMNS = ['variant', 'metric', 'label', 'unit', 'better', 'mean', 'sd', 'ci_low', 'ci_high', 'min', 'max', 'n'] as const;

/**
 * One row per variant × metric: what the metric is (label, unit and which direction is better,
 * from the result's manifest; empty without one), then mean, sd, 95% CI, min, max and the number
 * of replications.
 *
 * @example writeFileSync('summary.csv', summaryCsv(result));
 */
export function summaryCsv(experiment: ExperimentResult): string {
  const rows: (string | number)[][] = [];
  for (const v of variantsOf(experiment)) {
    for (const [metric, s] of Object.entries(experiment.variants[v]!.metrics)) {
      const info = metricInfo(experiment, metric);
      rows.push([v, metric, info?.label ?? '', info?.unit ?? '', info?.better ?? '', s.mean, s.sd, s.ci95[0], s.ci95[1], s.min, s.max, s.n]);
    }
  }
  return toCsv([...SUMMARY_COLUMNS], rows);
}

/**
 * Columns of {@link comparisonsCsv}.
 * @example
 * ```ts
 * import { COMPARISON_COLUMNS } from 'carepath/report';
 * COMPARISON_COLUMNS.join(','); // 'variant,metric,mean_diff,sd,ci_low,ci_high,n'
 * ```
 */
export const COMPARISON_COLUMNS = ['variant', 'metric', 'mean_diff', 'sd', 'ci_low', 'ci_high', 'n'] as const;

/**
 * One row per variant (not base) × metric: the paired difference against base with its 95% CI.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { comparisonsCsv } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * comparisonsCsv(result).split('\n')[0]; // 'variant,metric,mean_diff,sd,ci_low,ci_high,n'
 * ```
 */
export function comparisonsCsv(experiment: ExperimentResult): string {
  const rows: (string | number)[][] = [];
  for (const v of variantsOf(experiment)) {
    for (const [metric, c] of Object.entries(experiment.comparisons?.[v] ?? {})) {
      rows.push([v, metric, c.meanDiff, c.sd, c.ci95[0], c.ci95[1], c.n]);
    }
  }
  return toCsv([...COMPARISON_COLUMNS], rows);
}

/**
 * Columns of {@link replicationsCsv}.
 * @example
 * ```ts
 * import { REPLICATION_COLUMNS } from 'carepath/report';
 * REPLICATION_COLUMNS.join(','); // 'variant,replication,seed,metric,value'
 * ```
 */
export const REPLICATION_COLUMNS = ['variant', 'replication', 'seed', 'metric', 'value'] as const;

/**
 * Every replication's own numbers, in long form: one row per variant × replication × metric,
 * the metrics being those of {@link summaryCsv} (whose mean, sd and CI are computed from these
 * values), so an analyst can redo any statistic or plot the spread. `replication` is the
 * replication index (the same index in two variants is a common-random-numbers pair).
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { replicationsCsv } from 'carepath/report';
 * const result = runExperimentSync(loadScenario('examples/scenarios/mm1.yaml'), { replications: 3 });
 * replicationsCsv(result).split('\n')[0]; // 'variant,replication,seed,metric,value'
 * ```
 */
export function replicationsCsv(experiment: ExperimentResult): string {
  const rows: (string | number)[][] = [];
  for (const v of variantsOf(experiment)) {
    const variant = experiment.variants[v]!;
    const metrics = Object.keys(variant.metrics);
    for (const run of variant.replications) {
      for (const metric of metrics) {
        const value = metricValue(run, metric);
        if (value !== undefined) rows.push([v, run.replication, run.seed, metric, value]);
      }
    }
  }
  return toCsv([...REPLICATION_COLUMNS], rows);
}

/**
 * Columns of {@link seriesCsv}.
 * @example
 * ```ts
 * import { SERIES_COLUMNS } from 'carepath/report';
 * SERIES_COLUMNS.join(','); // 'variant,series,stage,day,date,p5,median,p95,mean'
 * ```
 */
export const SERIES_COLUMNS = ['variant', 'series', 'stage', 'day', 'date', 'p5', 'median', 'p95', 'mean'] as const;

/**
 * The time series in long form: for each variant, the total waiting list (`series` = `waiting`,
 * empty `stage`) and each stage's list (`series` = `stage`), per sample day, with the 5th
 * percentile, median, 95th percentile and mean over replications. `date` is filled from the
 * given start date, else from the result's manifest. A scenario with an incomplete-pathway target
 * adds its measures (`series` = `measure`, `stage` = the measure's name: the share within, the
 * list by weeks waited, the counts over 52, 65 and 78 weeks).
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync, seriesCsv } from 'carepath';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * seriesCsv(result, { startDate: '2026-01-05' }).split('\n').slice(0, 2);
 * // [ 'variant,series,stage,day,date,p5,median,p95,mean', 'base,waiting,,0,2026-01-05,3000,3000,3000,3000' ]
 * ```
 */
export function seriesCsv(experiment: ExperimentResult, options: { startDate?: string } = {}): string {
  const rows: (string | number)[][] = [];
  const startDate = options.startDate ?? experiment.manifest?.startDate;
  const date = (day: number) => (startDate ? dayToDate(startDate, day) : '');
  for (const v of variantsOf(experiment)) {
    const series = experiment.variants[v]!.series;
    const bands: [string, string, typeof series.waiting][] = [['waiting', '', series.waiting]];
    for (const s of stageIds(experiment)) if (series.byStage[s]) bands.push(['stage', s, series.byStage[s]!]);
    for (const [name, band] of Object.entries(series.measures ?? {})) bands.push(['measure', name, band]);
    for (const [kind, stage, band] of bands) {
      band.day.forEach((day, i) => {
        rows.push([v, kind, stage, day, date(day), band.p5[i]!, band.median[i]!, band.p95[i]!, band.mean[i]!]);
      });
    }
  }
  return toCsv([...SERIES_COLUMNS], rows);
}

/**
 * The whole experiment result as JSON text (non-finite numbers become `null`, as JSON requires).
 * `carepath merge` reads these files back.
 * @example
 * ```ts
 * import { loadScenario, resultsJson, runExperimentSync } from 'carepath';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * const text = resultsJson(result); // what `carepath run` writes to results.json
 * JSON.parse(resultsJson(result)).variantNames; // [ 'base', 'ai-reporting', 'ai-reporting-and-treatment', 'ai-lower-sensitivity' ]
 * ```
 */
export function resultsJson(experiment: ExperimentResult, options: { pretty?: boolean } = {}): string {
  return JSON.stringify(experiment, null, options.pretty === false ? undefined : 1) + '\n';
}
