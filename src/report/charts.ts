/**
 * Vega-Lite specs for the report's charts. Each builder takes plain results and returns a
 * self-contained spec (data inline), so a notebook can show it as it is, the report can render it
 * to SVG, and `charts/*.vl.json` files can be opened in any Vega-Lite editor.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Analysis } from '../analysis/types.js';
import type { ExperimentResult, SeriesBand } from '../experiment/types.js';
import { dayToDate, formatApprox, formatDays, formatPercent, humanise } from './format.js';
import { limitedStageIds, metricPath, metricSummary, replicationCount, stageIds, targetGoal, targetIds, variantsOf } from './metrics.js';

/** Options shared by the chart builders. */
export interface ChartOptions {
  /** ISO date of day 0; when given, time axes show calendar dates instead of day numbers. */
  startDate?: string;
  /** Overall chart width in pixels (default 760). */
  width?: number;
  /** Stages to show in per-stage charts, in order (default: all stages in the results). */
  stages?: string[];
  /** Readable descriptions of targets (target id → text), used in labels. */
  targetDescriptions?: Record<string, string>;
}

/**
 * Colour of `base` (neutral slate) and of the variants, in order. Colour-blind friendly (Tableau 10).
 * @example
 * ```ts
 * import { BASE_COLOUR, variantColours } from 'carepath/report';
 * variantColours(['base', 'ai']).base === BASE_COLOUR; // true ('#5b6770')
 * ```
 */
export const BASE_COLOUR = '#5b6770';
const VARIANT_COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7'];

/**
 * Colour per variant, `base` in slate and the others in a fixed palette order.
 * @example
 * ```ts
 * import { variantColours } from 'carepath/report';
 * variantColours(['base', 'ai-reporting', 'ai-reporting-and-treatment']);
 * // { base: '#5b6770', 'ai-reporting': '#4e79a7', 'ai-reporting-and-treatment': '#f28e2b' }
 * ```
 */
export function variantColours(variants: readonly string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null); // keyed by ids
  let i = 0;
  for (const v of variants) out[v] = v === 'base' ? BASE_COLOUR : VARIANT_COLOURS[i++ % VARIANT_COLOURS.length]!;
  return out;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * House style shared by every chart.
 * @example
 * ```ts
 * import { chartConfig, renderChartSvg } from 'carepath/report';
 * // A chart of your own in the report's style (the report's own specs already carry it).
 * const spec = { data: { values: [{ stage: 'ct', waiting: 41 }, { stage: 'surgery', waiting: 12 }] }, mark: 'bar',
 *   encoding: { x: { field: 'stage', type: 'nominal' }, y: { field: 'waiting', type: 'quantitative' } }, config: chartConfig };
 * const svg = await renderChartSvg(spec as TopLevelSpec); // TopLevelSpec from 'vega-lite'
 * ```
 */
export const chartConfig = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  axis: {
    labelColor: '#444',
    titleColor: '#444',
    gridColor: '#ececec',
    domainColor: '#999',
    tickColor: '#999',
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    labelLimit: 260,
  },
  title: { anchor: 'start', fontSize: 14, subtitleFontSize: 11, subtitleColor: '#666', color: '#1d2b3a', offset: 10 },
  legend: { labelFontSize: 12, titleFontSize: 11, orient: 'top', title: null, labelLimit: 400, symbolOpacity: 1, symbolType: 'square', symbolSize: 120 },
  header: { labelFontSize: 12, labelFontWeight: 'bold', labelColor: '#333', title: null },
} as const;

function colourScale(experiment: ExperimentResult) {
  const variants = variantsOf(experiment);
  const colours = variantColours(variants);
  return { domain: variants, range: variants.map((v) => colours[v]!) };
}

function timeAxis(startDate: string | undefined) {
  return startDate
    ? { field: 'date', type: 'temporal' as const, title: null, scale: { type: 'utc' as const }, axis: { format: '%b %Y', labelAngle: 0, tickCount: 8 } }
    : { field: 'day', type: 'quantitative' as const, title: 'day' };
}

interface BandRow {
  variant: string;
  stage?: string;
  day: number;
  date?: string;
  p5: number;
  median: number;
  p95: number;
}

/** Most points a chart draws per series; longer series are thinned (the CSV keeps them all). @internal */
export const MAX_CHART_POINTS = 400;

/**
 * Indices of at most `max` evenly strided samples out of `n`, always keeping the first and the
 * last, so a long run (mm1.yaml samples 28,000 weeks) still gives a report small enough to email.
 * @internal
 */
export function thinIndices(n: number, max = MAX_CHART_POINTS): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil((n - 1) / (max - 1));
  const out: number[] = [];
  for (let i = 0; i < n - 1; i += step) out.push(i);
  out.push(n - 1);
  return out;
}

function bandRows(variant: string, band: SeriesBand, startDate: string | undefined, stage?: string): BandRow[] {
  return thinIndices(band.day.length).map((i) => ({
    variant,
    ...(stage === undefined ? {} : { stage }),
    day: band.day[i]!,
    ...(startDate ? { date: dayToDate(startDate, band.day[i]!) } : {}),
    p5: band.p5[i]!,
    median: band.median[i]!,
    p95: band.p95[i]!,
  }));
}

function bandLayers(yTitle: string) {
  return [
    {
      mark: { type: 'area' as const, opacity: 0.16, interpolate: 'monotone' as const },
      encoding: {
        y: { field: 'p5', type: 'quantitative' as const, title: yTitle, axis: { format: ',d' } },
        y2: { field: 'p95' },
      },
    },
    {
      mark: { type: 'line' as const, strokeWidth: 2, interpolate: 'monotone' as const },
      encoding: { y: { field: 'median', type: 'quantitative' as const } },
    },
  ];
}

/**
 * The total waiting list over time, one colour per variant: the median over replications as a
 * line, and the band where 90% of runs fall (5th–95th percentile).
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { renderChartSvg, waitingListChartSpec } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const spec = waitingListChartSpec(result, { startDate: '2026-01-05' });
 * const svg = await renderChartSvg(spec); // write it to waiting-list.svg
 * ```
 */
export function waitingListChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec {
  const rows = variantsOf(experiment).flatMap((v) => bandRows(v, experiment.variants[v]!.series.waiting, options.startDate));
  return {
    $schema: SCHEMA,
    title: {
      text: 'Total waiting list',
      subtitle: `Patients on any list. Line: median of ${replicationCount(experiment)} runs; shading: 90% of runs (5th–95th percentile).`,
    },
    width: options.width ?? 760,
    height: 300,
    config: chartConfig,
    data: { values: rows },
    encoding: { x: timeAxis(options.startDate), color: { field: 'variant', type: 'nominal', scale: colourScale(experiment) } },
    layer: bandLayers('patients waiting'),
  } as TopLevelSpec;
}

/**
 * Each stage's waiting list over time (small multiples, own y scale each), per variant.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { stageListsChartSpec } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const spec = stageListsChartSpec(result, { stages: ['surgery'] }); // one panel
 * ```
 */
export function stageListsChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec {
  const stages = options.stages ?? stageIds(experiment);
  const rows = variantsOf(experiment).flatMap((v) => {
    const byStage = experiment.variants[v]!.series.byStage;
    return stages.filter((s) => byStage[s]).flatMap((s) => bandRows(v, byStage[s]!, options.startDate, s));
  });
  // Two columns for up to four stages (a square), three beyond: panels stay wide enough to read.
  const columns = stages.length <= 2 ? Math.max(1, stages.length) : stages.length <= 4 ? 2 : 3;
  const width = options.width ?? 760;
  return {
    $schema: SCHEMA,
    title: {
      text: 'Waiting list by stage',
      subtitle: 'Each panel has its own scale. Line: median; shading: 90% of runs.',
    },
    config: chartConfig,
    data: { values: rows },
    facet: {
      field: 'stage',
      type: 'nominal',
      sort: stages,
      header: { labelAnchor: 'start', labelFontSize: 12 },
    },
    columns,
    spec: {
      width: Math.floor((width - 70 * columns) / columns),
      height: 150,
      encoding: {
        x: { ...timeAxis(options.startDate), ...(options.startDate ? { axis: { format: '%b %y', labelAngle: 0, tickCount: 4 } } : {}) },
        color: { field: 'variant', type: 'nominal', scale: colourScale(experiment) },
      },
      layer: bandLayers('waiting'),
    },
    // Each panel draws its own x axis: a shared axis would also be drawn under the empty cells
    // of the last row.
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
  } as TopLevelSpec;
}

function targetLabel(target: string, goal: number | undefined): string {
  const name = humanise(target);
  return goal === undefined ? name : `${name} (goal ${formatPercent(goal, 0)})`;
}

/**
 * Waiting-time standards: each variant's share of patients seen within the target time, with its
 * 95% confidence interval, against the goal (red dashed line). One row per target.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { renderChartSvg, targetsChartSpec } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const svg = await renderChartSvg(targetsChartSpec(result));
 * ```
 */
export function targetsChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec {
  const targets = targetIds(experiment);
  const variants = variantsOf(experiment);
  const variantY = { field: 'variant', type: 'nominal', sort: variants, title: null };
  const rows = targets.flatMap((t) => {
    const goal = targetGoal(experiment, t);
    return variants.flatMap((v) => {
      const s = metricSummary(experiment, v, metricPath.targetShare(t));
      if (!s) return [];
      return [
        {
          target: targetLabel(t, goal),
          variant: v,
          mean: s.mean,
          // A t interval of a mean share can pass 0% or 100% with few runs; the axis cannot.
          lo: Math.max(0, s.ci95[0]),
          hi: Math.min(1, s.ci95[1]),
          goal: goal ?? null,
          label: formatPercent(s.mean),
        },
      ];
    });
  });
  return {
    $schema: SCHEMA,
    title: {
      text: 'Waiting-time standards',
      subtitle: 'Share of patients within each standard\u2019s time, with 95% confidence interval. Red dashed line: the goal.',
    },
    config: chartConfig,
    data: { values: rows },
    facet: {
      row: {
        field: 'target',
        type: 'nominal',
        sort: targets.map((t) => targetLabel(t, targetGoal(experiment, t))),
        header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontSize: 12 },
      },
    },
    spec: {
      width: (options.width ?? 760) - 200,
      height: { step: 22 },
      layer: [
        {
          mark: { type: 'rule', color: '#c0392b', strokeDash: [5, 3], strokeWidth: 1.5 },
          encoding: { x: { field: 'goal', type: 'quantitative' } },
        },
        {
          mark: { type: 'rule', strokeWidth: 2.5 },
          encoding: {
            y: variantY,
            x: { field: 'lo', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '%', title: null } },
            x2: { field: 'hi' },
            color: { field: 'variant', type: 'nominal', scale: colourScale(experiment), legend: null },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 80, opacity: 1 },
          encoding: {
            y: variantY,
            x: { field: 'mean', type: 'quantitative' },
            color: { field: 'variant', type: 'nominal', scale: colourScale(experiment), legend: null },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 8, fontSize: 11, color: '#333' },
          encoding: { y: variantY, x: { field: 'hi', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    },
  } as TopLevelSpec;
}

/** Grouped horizontal bars of one per-stage metric, per variant, with optional 95% CI whiskers. */
function stageBarsSpec(
  experiment: ExperimentResult,
  options: ChartOptions,
  metric: (stage: string) => string,
  text: { title: string; subtitle: string; axis: string; format: string; label: (v: number) => string },
  referenceLine?: number,
): TopLevelSpec {
  const stages = options.stages ?? stageIds(experiment);
  const variants = variantsOf(experiment);
  const rows = stages.flatMap((stage) =>
    variants.flatMap((v) => {
      const s = metricSummary(experiment, v, metric(stage));
      return s ? [{ stage, variant: v, mean: s.mean, lo: s.ci95[0], hi: s.ci95[1], label: text.label(s.mean) }] : [];
    }),
  );
  const maxX = Math.max(referenceLine ?? 0, ...rows.map((r) => r.hi).filter(Number.isFinite));
  const y = {
    y: { field: 'stage', type: 'nominal', sort: stages, title: null, axis: { labelFontSize: 12, labelFontWeight: 'bold' } },
    yOffset: { field: 'variant', type: 'nominal', sort: variants },
  };
  const layers: unknown[] = [
    {
      mark: { type: 'bar', height: { band: 0.85 }, cornerRadiusEnd: 2 },
      encoding: {
        ...y,
        x: { field: 'mean', type: 'quantitative', title: text.axis, axis: { format: text.format }, scale: { domain: [0, maxX * 1.12 || 1] } },
        color: { field: 'variant', type: 'nominal', scale: colourScale(experiment) },
      },
    },
    {
      mark: { type: 'rule', color: '#222', strokeWidth: 1.2 },
      encoding: { ...y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
    },
    {
      mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#333' },
      encoding: { ...y, x: { field: 'hi', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
  if (referenceLine !== undefined) {
    layers.push({
      data: { values: [{ ref: referenceLine }] },
      mark: { type: 'rule', color: '#c0392b', strokeDash: [5, 3], strokeWidth: 1.5 },
      encoding: { x: { field: 'ref', type: 'quantitative' } },
    });
  }
  return {
    $schema: SCHEMA,
    title: { text: text.title, subtitle: text.subtitle },
    width: (options.width ?? 760) - 120,
    height: stages.length * (15 * variants.length + 14),
    config: chartConfig,
    data: { values: rows },
    layer: layers,
  } as TopLevelSpec;
}

/**
 * Mean wait on each stage's list per variant (days), with 95% confidence intervals.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { renderChartSvg, stageWaitsChartSpec } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const svg = await renderChartSvg(stageWaitsChartSpec(result, { stages: ['ct', 'surgery'] }));
 * ```
 */
export function stageWaitsChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec {
  return stageBarsSpec(experiment, options, metricPath.stageWaitMean, {
    title: 'Wait on each stage\u2019s list',
    subtitle: 'Mean days from joining the list to starting, for patients who started; black line: 95% confidence interval.',
    axis: 'mean wait (days)',
    format: ',.0f',
    label: (v) => `${formatDays(v)} d`,
  });
}

/**
 * Simulated utilisation by stage per variant, with the 100% line.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { renderChartSvg, utilisationChartSpec } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const svg = await renderChartSvg(utilisationChartSpec(result));
 * ```
 */
export function utilisationChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec {
  return stageBarsSpec(
    experiment,
    options,
    metricPath.stageUtilisation,
    {
      title: 'Utilisation by stage',
      subtitle: 'Share of capacity used in the simulation (busy time, or slots used). Near 100%, lists grow.',
      axis: 'utilisation',
      format: '%',
      label: (v) => formatPercent(v, 0),
    },
    1,
  );
}

/** Category of a stage's load (demand ÷ capacity) in the bottleneck chart. */
function loadBand(utilisation: number, capacityRate: number, demandUtilisation: number | undefined): string {
  if (!Number.isFinite(capacityRate)) return 'no capacity limit';
  if (utilisation >= 1) return 'over capacity';
  if (demandUtilisation !== undefined && demandUtilisation >= 1) return 'over once upstream keeps up';
  if (utilisation >= 0.85) return '85–100%';
  return 'under 85%';
}

/**
 * The bottleneck per variant from queueing theory (`analyse`): demand ÷ capacity for every stage
 * and variant; stages over capacity are red and show how fast their list grows; the bottleneck
 * (the stage that caps throughput) is outlined.
 * @example
 * ```ts
 * import { analyseVariants, loadScenario } from 'carepath';
 * import { bottleneckChartSpec, renderChartSvg } from 'carepath/report';
 * const svg = await renderChartSvg(bottleneckChartSpec(analyseVariants(loadScenario('examples/scenarios/lung-cancer-ai.yaml'))));
 * ```
 */
export function bottleneckChartSpec(
  analyses: Record<string, Analysis>,
  options: ChartOptions & { variants?: string[] } = {},
): TopLevelSpec {
  const variants = options.variants ?? Object.keys(analyses);
  const stages = options.stages ?? [...new Set(variants.flatMap((v) => Object.keys(analyses[v]?.stages ?? {})))];
  const rows = variants.flatMap((v) => {
    const a = analyses[v];
    if (!a) return [];
    return stages
      .filter((s) => a.stages[s])
      .map((s) => {
        const st = a.stages[s]!;
        const unlimited = !Number.isFinite(st.capacityRate);
        const band = loadBand(st.utilisation, st.capacityRate, st.demandUtilisation);
        const lines = unlimited ? ['no limit'] : [formatPercent(st.utilisation, 0)];
        if (!unlimited && st.growthPerWeek > 0) lines.push(`+${formatApprox(st.growthPerWeek)}/wk`);
        if (band === 'over once upstream keeps up') lines.push(`demand ${formatPercent(st.demandUtilisation, 0)}`);
        return {
          variant: v,
          stage: s,
          band,
          label: lines.join('\n'),
          bottleneck: a.bottleneck === s,
        };
      });
  });
  const cell = Math.max(84, Math.min(130, Math.floor(((options.width ?? 760) - 180) / Math.max(1, stages.length))));
  return {
    $schema: SCHEMA,
    title: {
      text: 'Where demand meets capacity (theory)',
      subtitle: 'Arrivals ÷ capacity per stage at steady state. Over 100% the list grows every week; outlined: the bottleneck.',
    },
    config: chartConfig,
    width: { step: cell },
    height: { step: 50 },
    data: { values: rows },
    encoding: {
      x: { field: 'stage', type: 'nominal', sort: stages, title: null, axis: { orient: 'top', labelAngle: 0, labelFontSize: 12, labelFontWeight: 'bold', domain: false, ticks: false } },
      y: { field: 'variant', type: 'nominal', sort: variants, title: null, axis: { labelFontSize: 12, domain: false, ticks: false } },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
        encoding: {
          color: {
            field: 'band',
            type: 'nominal',
            title: null,
            legend: { orient: 'right', symbolSize: 180, labelFontSize: 12, rowPadding: 6 },
            scale: {
              domain: ['under 85%', '85–100%', 'over once upstream keeps up', 'over capacity', 'no capacity limit'],
              range: ['#d9efdc', '#fbe3a6', '#f4b183', '#d9534f', '#eef0f2'],
            },
          },
        },
      },
      {
        transform: [{ filter: 'datum.bottleneck' }],
        mark: { type: 'rect', fill: null, stroke: '#1d2b3a', strokeWidth: 3 },
      },
      {
        mark: { type: 'text', fontSize: 12, lineBreak: '\n', lineHeight: 14 },
        encoding: {
          text: { field: 'label' },
          color: { condition: { test: "datum.band === 'over capacity'", value: 'white' }, value: '#222' },
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Stages that have a finite capacity in at least one variant's analysis (all when unknown): the
 * fallback for a result without a manifest (see `limitedStageIds`).
 * @example
 * ```ts
 * import { analyse, loadScenario } from 'carepath';
 * import { stagesWithCapacity } from 'carepath/report';
 * const base = analyse(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
 * stagesWithCapacity(['reporting', 'ct', 'staging', 'surgery'], { base }); // [ 'reporting', 'ct', 'surgery' ]
 * ```
 */
export function stagesWithCapacity(stages: string[], analyses: Record<string, Analysis>): string[] {
  const kept = stages.filter((s) =>
    Object.values(analyses).some((a) => {
      const st = a.stages[s];
      return st === undefined || Number.isFinite(st.capacityRate);
    }),
  );
  return kept.length > 0 ? kept : stages;
}

/** Everything needed to build the report's charts. */
export interface ChartInput {
  /** The experiment whose results the charts show. */
  experiment: ExperimentResult;
  /** Variant name → `analyse(scenario, { variant })`; without it there is no bottleneck chart. */
  analyses?: Record<string, Analysis>;
  /** Dates, width, stages and target labels (see {@link ChartOptions}). */
  options?: ChartOptions;
}

/**
 * Most stages shown in per-stage charts; beyond it, the ones with the longest lists at the end.
 * @example
 * ```ts
 * import { MAX_CHART_STAGES } from 'carepath/report';
 * MAX_CHART_STAGES; // 24
 * ```
 */
export const MAX_CHART_STAGES = 24;

/** The `n` stages with the longest mean list at the end in any variant, in their original order. */
function busiestStages(experiment: ExperimentResult, stages: string[], n: number): string[] {
  const size = (s: string) =>
    Math.max(0, ...variantsOf(experiment).map((v) => experiment.variants[v]!.metrics[`stages.${s}.waitingAtEnd`]?.mean ?? 0));
  const keep = new Set([...stages].sort((a, b) => size(b) - size(a)).slice(0, n));
  return stages.filter((s) => keep.has(s));
}

/**
 * All the report's chart specs by file-friendly name (`waiting-list`, `stage-lists`, `targets`,
 * `stage-waits`, `utilisation`, `bottleneck`), in report order. Charts without data (no targets,
 * no analyses) are left out.
 * @example
 * ```ts
 * import { analyseVariants, loadScenario, runExperimentSync } from 'carepath';
 * import { reportChartSpecs } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' };
 * const result = runExperimentSync(scenario, { replications: 2 });
 * const files: Record<string, string> = {};
 * for (const [name, spec] of Object.entries(reportChartSpecs({ experiment: result, analyses: analyseVariants(scenario) }))) {
 *   files[`${name}.vl.json`] = JSON.stringify(spec); // write each to disk
 * }
 * ```
 */
export function reportChartSpecs(input: ChartInput): Record<string, TopLevelSpec> {
  const { experiment, analyses } = input;
  const options = input.options ?? {};
  // A stage without a capacity limit is a delay: nobody waits and nothing is used up, so panels
  // and bars for it would only be noise.
  const limited = limitedStageIds(experiment) ?? (analyses ? stagesWithCapacity(stageIds(experiment), analyses) : undefined);
  const shown = limited ?? stageIds(experiment);
  // Thousands of panels or bars are unreadable, and their sort lists overflow vega's parser.
  const few = shown.length > MAX_CHART_STAGES ? busiestStages(experiment, shown, MAX_CHART_STAGES) : limited;
  const barOptions = options.stages || !few ? options : { ...options, stages: few };
  const specs: Record<string, TopLevelSpec> = {
    'waiting-list': waitingListChartSpec(experiment, options),
    'stage-lists': stageListsChartSpec(experiment, barOptions),
  };
  if (targetIds(experiment).length > 0) specs.targets = targetsChartSpec(experiment, options);
  specs['stage-waits'] = stageWaitsChartSpec(experiment, barOptions);
  specs.utilisation = utilisationChartSpec(experiment, barOptions);
  if (analyses && Object.keys(analyses).length > 0) {
    specs.bottleneck = bottleneckChartSpec(analyses, {
      ...options,
      variants: variantsOf(experiment).filter((v) => analyses[v]),
      stages: shown.length > MAX_CHART_STAGES && few ? few : stageIds(experiment),
    });
  }
  return specs;
}
