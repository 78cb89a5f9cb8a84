/**
 * The report's tables as data (rows of metrics per variant), shared by the HTML report and the
 * terminal summary so both show the same numbers the same way.
 * @module
 */
import type { Analysis } from '../analysis/types.js';
import type { ExperimentResult, MetricSummary } from '../experiment/types.js';
import { clampShareInterval, formatApprox, formatDays, formatInterval, formatNumber, formatPercent, humanise } from './format.js';
import type { BetterDirection, MetricUnit } from '../pathway/manifest.js';
import { limitedStageIds, metricInfo, metricPath, metricSummary, stageIds, targetGoal, targetIds, targetName, variantsOf } from './metrics.js';
import { formatTextTable } from './text-table.js';
import type { CostEffectivenessOptions } from '../experiment/cea.js';
import { economicsTextSections } from './economics-text.js';

/** One row of a metrics table. */
export interface MetricRow {
  /** Row label (a stage or target id, or `All stages`). */
  label: string;
  /** Metric path in the runs, e.g. `stages.surgery.waitingAtEnd`. */
  metric: string;
  /** Unit of the values, from the result's manifest. */
  unit: MetricUnit;
  /** Which direction is better, from the result's manifest (for colouring changes). */
  better: BetterDirection;
  /** Target goal, for share rows. */
  goal?: number;
}

/** Which table a section is: the terminal summary shows only some. */
export type MetricSectionId = 'waiting' | 'wait-mean' | 'wait-p92' | 'utilisation' | 'targets' | 'true-cases' | 'leavers' | 'time-in-system' | 'losses';

/** A titled group of rows. */
export interface MetricSection {
  /** Which section this is. */
  id: MetricSectionId;
  /** Section heading, e.g. `Waiting list at the end`. */
  title: string;
  /** The section's rows, in display order. */
  rows: MetricRow[];
}

/** Formats a value in its unit: shares as percentages, days as days, the rest as numbers. */
export function formatMetric(unit: MetricUnit, value: number): string {
  switch (unit) {
    case 'share':
      return formatPercent(value);
    case 'days':
      return formatDays(value);
    default:
      return formatNumber(value);
  }
}

/** `mean (lo to hi)`, or just the mean when the interval is degenerate. */
export function formatSummary(unit: MetricUnit, s: MetricSummary | undefined): string {
  if (!s) return '–';
  const ci = unit === 'share' ? clampShareInterval(s.ci95) : s.ci95;
  const interval = s.ci95[0] === s.ci95[1] ? 'n/a' : formatInterval(ci, (v) => formatMetric(unit, v));
  return interval === 'n/a' ? formatMetric(unit, s.mean) : `${formatMetric(unit, s.mean)} (${interval})`;
}

/** +1 when higher is better, −1 when lower is, 0 when neither. */
export function betterSign(better: BetterDirection): 1 | -1 | 0 {
  return better === 'higher' ? 1 : better === 'lower' ? -1 : 0;
}

/**
 * The metrics the report tabulates, in sections: waiting lists at the end, mean and 92nd
 * percentile waits per stage, utilisation, waiting-time standards, and time in the pathway.
 * Stages in `limitedStages` (default: the manifest's stages with limited capacity, or all) get
 * wait and utilisation rows. Units and better directions come from the result's manifest.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { metricSections } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * metricSections(result)[0].title; // 'Waiting list at the end'
 * metricSections(result)[0].rows[0]; // { label: 'All stages', metric: 'patients.waiting', unit: 'patients', better: 'lower' }
 * ```
 */
export function metricSections(experiment: ExperimentResult, limitedStages?: string[]): MetricSection[] {
  const stages = stageIds(experiment);
  const limited = limitedStages ?? limitedStageIds(experiment) ?? stages;
  // Without a manifest (a hand-made or older file) each section's own unit and direction apply.
  const row = (label: string, metric: string, unit: MetricUnit, better: BetterDirection): MetricRow => {
    const info = metricInfo(experiment, metric);
    return { label, metric, unit: info?.unit ?? unit, better: info?.better ?? better };
  };
  const sections: MetricSection[] = [
    {
      id: 'waiting',
      title: 'Waiting list at the end',
      rows: [
        row('All stages', metricPath.waitingAtEnd, 'patients', 'lower'),
        ...stages.map((s) => row(s, metricPath.stageWaitingAtEnd(s), 'patients', 'lower')),
      ],
    },
    { id: 'wait-mean', title: 'Mean wait on the list (days)', rows: limited.map((s) => row(s, metricPath.stageWaitMean(s), 'days', 'lower')) },
    { id: 'wait-p92', title: '92nd percentile wait (days)', rows: limited.map((s) => row(s, metricPath.stageWaitP92(s), 'days', 'lower')) },
    { id: 'utilisation', title: 'Utilisation', rows: limited.map((s) => row(s, metricPath.stageUtilisation(s), 'share', 'neither')) },
  ];
  const targets = targetIds(experiment);
  if (targets.length > 0) {
    sections.push({
      id: 'targets',
      title: 'Waiting-time standards (share within time)',
      rows: targets.map((t) => {
        const goal = targetGoal(experiment, t);
        const label = goal === undefined ? targetName(experiment, t) : `${targetName(experiment, t)} (goal ${formatPercent(goal, 0)})`;
        return { ...row(label, metricPath.targetShare(t), 'share', 'higher'), ...(goal === undefined ? {} : { goal }) };
      }),
    });
  }
  // True cases per condition, from first presentation (a missed case's return does not reset it).
  const conditions = experiment.manifest?.conditions ?? [];
  if (conditions.length > 0) {
    sections.push({
      id: 'true-cases',
      title: 'True cases (from first presentation)',
      rows: conditions.flatMap((c) => [
        row(`${c}: mean days to diagnosis`, `conditions.${c}.diagnosis.mean`, 'days', 'lower'),
        row(`${c}: not diagnosed within 28 days`, `conditions.${c}.diagnosisOver28`, 'share', 'lower'),
        row(`${c}: left undiagnosed`, `conditions.${c}.undiagnosed`, 'patients', 'lower'),
        row(`${c}: mean days to first treatment`, `conditions.${c}.treatment.mean`, 'days', 'lower'),
      ]),
    });
  }
  // Who gave up waiting, by stage: shown only where some variant has any.
  const someone = (metric: string) => variantsOf(experiment).some((v) => (metricSummary(experiment, v, metric)?.mean ?? 0) > 0);
  const leavers = [
    row('All stages', 'patients.abandoned', 'patients', 'lower'),
    ...stages.map((s) => row(s, `stages.${s}.abandoned`, 'patients', 'lower')),
  ].filter((r) => someone(r.metric));
  if (leavers.length > 0) sections.push({ id: 'leavers', title: 'Gave up waiting (left untreated)', rows: leavers });
  // Hospital-side losses (src/pathway/losses.ts): rows only at stages that have them (the filter below).
  const losses = [row('All stages: discharged after DNAs', 'patients.discharged', 'patients', 'lower'), ...stages.flatMap((s) => LOSS_ROWS.map(([k, label]) => row(`${s}: ${label}`, `stages.${s}.${k}`, 'patients', 'lower')))];
  sections.push({ id: 'losses', title: 'Did not attend, discharged, slots cancelled', rows: losses });
  sections.push({
    id: 'time-in-system',
    title: 'Time in the pathway (days)',
    rows: [row('Mean, referral to exit', metricPath.timeInSystemMean, 'days', 'lower')],
  });
  // Drop rows no variant has (e.g. a result without timeInSystem), then empty sections.
  const variants = variantsOf(experiment);
  return sections
    .map((sec) => ({ ...sec, rows: sec.rows.filter((r) => variants.some((v) => metricSummary(experiment, v, r.metric))) }))
    .filter((sec) => sec.rows.length > 0);
}

/** Stage result fields of hospital-side losses, with their row labels. */
const LOSS_ROWS: readonly (readonly [string, string])[] = [
  ['dna', 'did not attend'],
  ['rebooked', 'rebooked'],
  ['discharged', 'discharged after DNAs'],
  ['slotsCancelled', 'slots cancelled by the hospital'],
];

/** Sections the terminal summary shows (the report shows them all). */
const TERMINAL_SECTIONS: ReadonlySet<MetricSectionId> = new Set(['waiting', 'wait-mean', 'targets', 'true-cases', 'leavers']);

/**
 * The concise terminal summary printed by `carepath run`: one column per variant; rows for the
 * waiting list at the end (total and per stage), mean waits by stage, the standards' shares with
 * 95% CIs, the bottleneck from theory when `analyses` are given, and, when the runs carry
 * economics, cost, QALYs, harm and the ICER and net benefit against the comparator (`economics`:
 * the scenario's settings, see `economicsOptions`).
 * @example
 * ```ts
 * import { analyseVariants, loadScenario, runExperimentSync, terminalSummary } from 'carepath';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * console.log(terminalSummary(result, { analyses: analyseVariants(scenario) }));
 * ```
 */
export function terminalSummary(
  experiment: ExperimentResult,
  options: { analyses?: Record<string, Analysis>; limitedStages?: string[]; economics?: CostEffectivenessOptions } = {},
): string {
  const variants = variantsOf(experiment);
  const sections = metricSections(experiment, options.limitedStages).filter((s) => TERMINAL_SECTIONS.has(s.id));
  const rows: string[][] = [];
  const sectionRows: number[] = [];
  for (const sec of sections) {
    sectionRows.push(rows.length);
    rows.push([sec.title]);
    for (const r of sec.rows) {
      rows.push([
        `  ${r.label}`,
        ...variants.map((v) => {
          const s = metricSummary(experiment, v, r.metric);
          if (!s) return '–';
          return r.unit === 'share' ? formatSummary(r.unit, s) : formatMetric(r.unit, s.mean);
        }),
      ]);
    }
  }
  if (options.analyses) {
    sectionRows.push(rows.length);
    rows.push(['Bottleneck (theory)']);
    rows.push(['  stage', ...variants.map((v) => bottleneckLabel(options.analyses![v]))]);
  }
  for (const sec of economicsTextSections(experiment, options.economics)) {
    sectionRows.push(rows.length);
    rows.push([sec.title]);
    for (const r of sec.rows) rows.push([`  ${r[0]}`, ...r.slice(1)]);
  }
  return formatTextTable(rows, { header: ['', ...variants], sections: sectionRows });
}

/**
 * The bottleneck with its utilisation, e.g. `surgery (108%)`; `none` when every stage keeps up,
 * `–` without an analysis.
 * @example
 * ```ts
 * import { analyse, loadScenario } from 'carepath';
 * import { bottleneckLabel } from 'carepath/report';
 * const scenario = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
 * bottleneckLabel(analyse(scenario)); // 'reporting (117%)'
 * bottleneckLabel(analyse(scenario, { variant: 'ai-reporting' })); // 'surgery (111%)'
 * ```
 */
export function bottleneckLabel(a: Analysis | undefined): string {
  if (!a) return '–';
  if (!a.bottleneck) return 'none';
  const st = a.stages[a.bottleneck];
  return st ? `${a.bottleneck} (${formatPercent(st.utilisation, 0)})` : a.bottleneck;
}

/**
 * The instant answer of `analyse` for one variant as a terminal table.
 * @example
 * ```ts
 * import { analyse, loadScenario } from 'carepath';
 * import { analysisTable } from 'carepath/report';
 * console.log(analysisTable(analyse(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { variant: 'ai-reporting' })));
 * ```
 */
export function analysisTable(a: Analysis): string {
  const rows = Object.entries(a.stages).map(([id, st]) => {
    const unlimited = !Number.isFinite(st.capacityRate);
    return [
      id,
      formatNumber(st.arrivalRate * 7),
      unlimited ? 'unlimited' : formatNumber(st.capacityRate * 7),
      unlimited ? '–' : formatPercent(st.utilisation),
      unlimited ? '–' : st.stable ? 'yes' : 'NO',
      st.growthPerWeek > 0 ? `+${formatApprox(st.growthPerWeek)}` : '0',
      st.wait.mean === null ? `– (${st.wait.method})` : `${formatDays(st.wait.mean)} (${st.wait.method})`,
    ];
  });
  return formatTextTable(rows, {
    header: ['stage', 'arrivals/wk', 'capacity/wk', 'load', 'stable', 'list growth/wk', 'mean wait d (method)'],
  });
}
