/**
 * Writes the whole output of a run to a directory: report, CSV files, JSON and chart specs.
 * @module
 */
import { join } from 'node:path';
import type { Analysis } from '../analysis/types.js';
import type { ExperimentResult } from '../experiment/types.js';
import type { Scenario } from '../pathway/index.js';
import { writeFileAtomic } from './atomic.js';
import { reportChartSpecs } from './charts.js';
import { comparisonsCsv, replicationsCsv, resultsJson, seriesCsv, summaryCsv } from './csv.js';
import { costEffectivenessCsv } from './csv-cea.js';
import { economicsOptions, reportCostEffectiveness } from './economics.js';
import { renderReport, reportStartDate } from './html.js';
import { scenarioInfo } from './scenario-info.js';
import { writeDirectoryAtomic } from './swap.js';

/** Entries of the output folder that belong to the bundle: replaced (or removed) as one set. */
export const BUNDLE_ENTRIES = ['results.json', 'summary.csv', 'cost-effectiveness.csv', 'comparisons.csv', 'replications.csv', 'series.csv', 'charts', 'report.html'] as const;

/** Input of {@link writeReportBundle}. */
export interface ReportBundleInput {
  /** The experiment whose results are written. */
  experiment: ExperimentResult;
  /** The scenario; without it there is no `report.html` (the CSV, JSON and charts are still written). */
  scenario?: Scenario;
  /** Variant → analysis, for the bottleneck chart and sentences. */
  analyses?: Record<string, Analysis>;
  /** Scenario file path as typed, for the "reproduce" command in the report. */
  source?: string;
  /** ISO date of day 0; default: the scenario's `startDate`. */
  startDate?: string;
}

/** Paths written by {@link writeReportBundle}. */
export interface ReportBundleFiles {
  /** Path of `report.html`, when a scenario was given. */
  report?: string;
  /** Path of `summary.csv` (see {@link summaryCsv}). */
  summary: string;
  /** Path of `comparisons.csv`: each variant against base, paired (see {@link comparisonsCsv}). */
  comparisons: string;
  /** Path of `replications.csv`: every replication's metrics (see {@link replicationsCsv}). */
  replications: string;
  /** Path of `series.csv` (see {@link seriesCsv}). */
  series: string;
  /** Path of `cost-effectiveness.csv`, when the runs carry economics (see {@link costEffectivenessCsv}). */
  costEffectiveness?: string;
  /** Path of `results.json` (see {@link resultsJson}). */
  results: string;
  /** Paths of `charts/<name>.vl.json`, one Vega-Lite spec per chart, in report order. */
  charts: string[];
}

/**
 * Writes `results.json`, `summary.csv`, `comparisons.csv`, `replications.csv`, `series.csv`,
 * `charts/<name>.vl.json` and (with a scenario) `report.html` into `dir` as one set: they are
 * written to a temporary folder that then takes the place of `dir` (see `writeDirectoryAtomic`
 * in src/report/swap.ts), so an interrupted run leaves the previous set whole and never mixes
 * files of two runs. Other files in `dir` are kept.
 * @throws ValidationError naming `out` when a file stands where the folder should be.
 *
 * @example
 * const files = await writeReportBundle('carepath-out/lung', { experiment, scenario, analyses });
 * console.log(files.report);
 */
export async function writeReportBundle(dir: string, input: ReportBundleInput): Promise<ReportBundleFiles> {
  const { experiment } = input;
  const analyses = input.analyses ?? {};
  const startDate = reportStartDate(input);
  const files: ReportBundleFiles = {
    results: join(dir, 'results.json'),
    summary: join(dir, 'summary.csv'),
    comparisons: join(dir, 'comparisons.csv'),
    replications: join(dir, 'replications.csv'),
    series: join(dir, 'series.csv'),
    charts: [],
  };
  const economics = economicsOptions(input.scenario);
  const ce = reportCostEffectiveness(experiment, economics);
  const cea = ce && 'cea' in ce ? ce.cea : undefined;
  const specs = reportChartSpecs({
    experiment,
    analyses,
    economics,
    options: {
      ...(startDate ? { startDate } : {}),
      ...(input.scenario ? { targetDescriptions: scenarioInfo(input.scenario).targetDescriptions } : {}),
    },
  });
  const html = input.scenario
    ? await renderReport({
        scenario: input.scenario,
        experiment,
        analyses,
        ...(input.source ? { source: input.source } : {}),
        ...(startDate ? { startDate } : {}),
      })
    : undefined;
  await writeDirectoryAtomic(dir, BUNDLE_ENTRIES, async (tmp) => {
    await writeFileAtomic(join(tmp, 'results.json'), resultsJson(experiment));
    await writeFileAtomic(join(tmp, 'summary.csv'), summaryCsv(experiment));
    if (cea) await writeFileAtomic(join(tmp, 'cost-effectiveness.csv'), costEffectivenessCsv(cea));
    await writeFileAtomic(join(tmp, 'comparisons.csv'), comparisonsCsv(experiment));
    await writeFileAtomic(join(tmp, 'replications.csv'), replicationsCsv(experiment));
    await writeFileAtomic(join(tmp, 'series.csv'), seriesCsv(experiment, startDate ? { startDate } : {}));
    for (const [name, spec] of Object.entries(specs)) {
      await writeFileAtomic(join(tmp, 'charts', `${name}.vl.json`), JSON.stringify(spec, null, 2) + '\n');
    }
    if (html !== undefined) await writeFileAtomic(join(tmp, 'report.html'), html);
  });
  for (const name of Object.keys(specs)) files.charts.push(join(dir, 'charts', `${name}.vl.json`));
  if (html !== undefined) files.report = join(dir, 'report.html');
  if (cea) files.costEffectiveness = join(dir, 'cost-effectiveness.csv');
  return files;
}
