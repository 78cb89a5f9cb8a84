/**
 * The report's tables as data (rows of metrics per variant), shared by the HTML report and the
 * terminal summary so both show the same numbers the same way.
 * @module
 */
import type { Analysis } from '../analysis/types.js';
import type { ExperimentResult, MetricSummary } from '../experiment/types.js';
import { clampShareInterval, formatApprox, formatDays, formatInterval, formatNumber, formatPercent, humanise } from './format.js';
import { metricPath, metricSummary, stageIds, targetGoal, targetIds, variantsOf } from './metrics.js';
import { formatTextTable } from './text-table.js';

/** How a metric reads, and which direction is better (for colouring changes). */
export type MetricKind = 'count' | 'days' | 'share' | 'utilisation';

/** One row of a metrics table. */
export interface MetricRow {
  /** Row label (a stage or target id, or `All stages`). */
  label: string;
  /** Metric path in the runs, e.g. `stages.surgery.waitingAtEnd`. */
  metric: string;
  /** How the value reads (count, days, share or utilisation). */
  kind: MetricKind;
  /** +1 when higher is better, −1 when lower is better, 0 when neither. */
  better: 1 | -1 | 0;
  /** Target goal, for share rows. */
  goal?: number;
}

/** Which table a {@link MetricSection} is (stable, unlike its title). */
export type MetricSectionId = 'waiting-at-end' | 'wait-mean' | 'wait-p92' | 'utilisation' | 'standards' | 'time-in-pathway';

/** A titled group of rows. */
export interface MetricSection {
  /** Which table it is, for code that picks sections (the title is for people). */
  id: MetricSectionId;
  /** Section heading, e.g. `Waiting list at the end`. */
  title: string;
  /** The section's rows, in display order. */
  rows: MetricRow[];
}

/** Formats a value of a metric of the given kind. */
export function formatMetric(kind: MetricKind, value: number): string {
  switch (kind) {
    case 'share':
    case 'utilisation':
      return formatPercent(value);
    case 'days':
      return formatDays(value);
    default:
      return formatNumber(value);
  }
}

/** `mean (lo to hi)`, or just the mean when the interval is degenerate. */
export function formatSummary(kind: MetricKind, s: MetricSummary | undefined): string {
  if (!s) return '–';
  const ci = kind === 'share' ? clampShareInterval(s.ci95) : s.ci95;
  const interval = s.ci95[0] === s.ci95[1] ? 'n/a' : formatInterval(ci, (v) => formatMetric(kind, v));
  return interval === 'n/a' ? formatMetric(kind, s.mean) : `${formatMetric(kind, s.mean)} (${interval})`;
}

/**
 * The metrics the report tabulates, in sections: waiting lists at the end, mean and 92nd
 * percentile waits per stage, utilisation, waiting-time standards, and time in the pathway.
 * Stages in `limitedStages` (default: all) get wait and utilisation rows.
 * @example
 * ```ts
 * import { loadScenario, metricSections, runExperimentSync } from 'carepath';
 * const result = runExperimentSync(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { replications: 3 });
 * metricSections(result)[0].title; // 'Waiting list at the end'
 * metricSections(result)[0].rows[0]; // { label: 'All stages', metric: 'patients.waiting', kind: 'count', better: -1 }
 * ```
 */
export function metricSections(experiment: ExperimentResult, limitedStages?: string[]): MetricSection[] {
  const stages = stageIds(experiment);
  const limited = limitedStages ?? stages;
  const sections: MetricSection[] = [
    {
      id: 'waiting-at-end',
      title: 'Waiting list at the end',
      rows: [
        { label: 'All stages', metric: metricPath.waitingAtEnd, kind: 'count', better: -1 },
        ...stages.map((s) => ({ label: s, metric: metricPath.stageWaitingAtEnd(s), kind: 'count' as const, better: -1 as const })),
      ],
    },
    {
      id: 'wait-mean',
      title: 'Mean wait on the list (days)',
      rows: limited.map((s) => ({ label: s, metric: metricPath.stageWaitMean(s), kind: 'days' as const, better: -1 as const })),
    },
    {
      id: 'wait-p92',
      title: '92nd percentile wait (days)',
      rows: limited.map((s) => ({ label: s, metric: metricPath.stageWaitP92(s), kind: 'days' as const, better: -1 as const })),
    },
    {
      id: 'utilisation',
      title: 'Utilisation',
      rows: limited.map((s) => ({ label: s, metric: metricPath.stageUtilisation(s), kind: 'utilisation' as const, better: 0 as const })),
    },
  ];
  const targets = targetIds(experiment);
  if (targets.length > 0) {
    sections.push({
      id: 'standards',
      title: 'Waiting-time standards (share within time)',
      rows: targets.map((t) => {
        const goal = targetGoal(experiment, t);
        return {
          label: goal === undefined ? humanise(t) : `${humanise(t)} (goal ${formatPercent(goal, 0)})`,
          metric: metricPath.targetShare(t),
          kind: 'share' as const,
          better: 1 as const,
          ...(goal === undefined ? {} : { goal }),
        };
      }),
    });
  }
  sections.push({
    id: 'time-in-pathway',
    title: 'Time in the pathway (days)',
    rows: [{ label: 'Mean, referral to exit', metric: metricPath.timeInSystemMean, kind: 'days', better: -1 }],
  });
  // Drop rows no variant has (e.g. a result without timeInSystem), then empty sections.
  const variants = variantsOf(experiment);
  return sections
    .map((sec) => ({ ...sec, rows: sec.rows.filter((r) => variants.some((v) => metricSummary(experiment, v, r.metric))) }))
    .filter((sec) => sec.rows.length > 0);
}

/** Sections the terminal summary keeps: the lists, the mean waits and the standards. */
const TERMINAL_SECTIONS: ReadonlySet<MetricSectionId> = new Set<MetricSectionId>(['waiting-at-end', 'wait-mean', 'standards']);

/**
 * The concise terminal summary printed by `carepath run`: one column per variant; rows for the
 * waiting list at the end (total and per stage), mean waits by stage, the standards' shares with
 * 95% CIs, and the bottleneck from theory when `analyses` are given.
 * @example
 * ```ts
 * console.log(terminalSummary(result, { analyses: analyseVariants(scenario) }));
 * ```
 */
export function terminalSummary(
  experiment: ExperimentResult,
  options: { analyses?: Record<string, Analysis>; limitedStages?: string[] } = {},
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
          return r.kind === 'share' ? formatSummary(r.kind, s) : formatMetric(r.kind, s.mean);
        }),
      ]);
    }
  }
  if (options.analyses) {
    sectionRows.push(rows.length);
    rows.push(['Bottleneck (theory)']);
    rows.push(['  stage', ...variants.map((v) => bottleneckLabel(options.analyses![v]))]);
  }
  return formatTextTable(rows, { header: ['', ...variants], sections: sectionRows });
}

/**
 * The bottleneck with its utilisation, e.g. `surgery (108%)`; `none` when every stage keeps up,
 * `–` without an analysis.
 * @example
 * ```ts
 * import { analyse, bottleneckLabel, loadScenario } from 'carepath';
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
 * console.log(analysisTable(analyse(scenario, { variant: 'ai-reporting' })));
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
