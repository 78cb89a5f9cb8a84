/**
 * A band-and-line chart of one series per variant where every variant stays visible: each line
 * has its own dash pattern (lines that coincide still show both), and a label at its end in the
 * variant's colour, nudged apart so labels never sit on top of each other.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult, SeriesBand } from '../../experiment/types.js';
import { dayToDate } from '../format.js';
import { variantsOf } from '../metrics.js';
import { bandRows, type BandRow } from './bands.js';
import { chartConfig, colourScale, SCHEMA, timeAxis, variantColours, type ChartOptions } from './style.js';

/** Dash patterns by variant order: solid first (base), then patterns that stay apart when lines coincide. @internal */
export const VARIANT_DASHES: number[][] = [[1, 0], [8, 4], [2, 3], [12, 3, 2, 3], [4, 4], [16, 4], [2, 6], [10, 2, 2, 2, 2, 2]];

/** The dash scale of a result's variants. @internal */
export function dashScale(experiment: ExperimentResult) {
  const variants = variantsOf(experiment);
  return { domain: variants, range: variants.map((_, i) => VARIANT_DASHES[i % VARIANT_DASHES.length]!) };
}

/** A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten. @internal */
export function niceMax(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/**
 * Vertical positions (in data units) of end labels, moved apart until neighbours are at least
 * `gap` apart, kept inside [0, max]: a simple deterministic sweep from the bottom, then from the top.
 * @internal
 */
export function spreadLabels(values: number[], gap: number, max: number): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const pos = order.map((o) => Math.min(max, Math.max(0, o.v)));
  for (let k = 1; k < pos.length; k++) pos[k] = Math.max(pos[k]!, pos[k - 1]! + gap);
  if (pos.length > 0 && pos[pos.length - 1]! > max) pos[pos.length - 1] = max;
  for (let k = pos.length - 2; k >= 0; k--) pos[k] = Math.min(pos[k]!, pos[k + 1]! - gap);
  const out = new Array<number>(values.length);
  order.forEach((o, k) => (out[o.i] = pos[k]!));
  return out;
}

/** Text of the chart. @internal */
export interface LinesText {
  title: string;
  subtitle: string | string[];
  yTitle: string;
}

/**
 * One band-and-median series per variant with dashes and end labels, on its own y scale.
 * @internal
 */
export function variantLinesSpec(
  experiment: ExperimentResult,
  series: (variant: string) => SeriesBand | undefined,
  text: LinesText,
  options: ChartOptions & { height?: number } = {},
): TopLevelSpec {
  const variants = variantsOf(experiment).filter((v) => series(v));
  const rows: BandRow[] = variants.flatMap((v) => bandRows(v, series(v)!, options.startDate));
  const height = options.height ?? 280;
  const top = niceMax(Math.max(0, ...rows.map((r) => r.p95).filter(Number.isFinite)));
  const colours = variantColours(variantsOf(experiment));
  const ends = variants.map((v) => {
    const band = series(v)!;
    const i = band.day.length - 1;
    return { variant: v, day: band.day[i]!, ...(options.startDate ? { date: dayToDate(options.startDate, band.day[i]!) } : {}), median: band.median[i]! };
  });
  // 14 px between label baselines, in data units of this chart's scale.
  const at = spreadLabels(ends.map((e) => e.median), (14 / height) * top, top);
  const labels = ends.map((e, k) => ({ ...e, labelY: at[k]!, colour: colours[e.variant] }));
  const colour = { field: 'variant', type: 'nominal', scale: colourScale(experiment), legend: null };
  const y = { type: 'quantitative' as const, scale: { domain: [0, top], nice: false } };
  return {
    $schema: SCHEMA,
    title: { text: text.title, subtitle: text.subtitle },
    // The overall width is the option's; the plot leaves room for the axis and the end labels.
    width: Math.max(160, (options.width ?? 760) - 70 - Math.min(0.3 * (options.width ?? 760), 200, 7 * Math.max(0, ...variants.map((v) => v.length)) + 10)),
    height,
    config: chartConfig,
    // The band and the line read the same rows: named once, not inlined in both layers.
    datasets: { bands: rows },
    layer: [
      {
        data: { name: 'bands' },
        mark: { type: 'area', opacity: 0.14, interpolate: 'linear' },
        encoding: {
          x: timeAxis(options.startDate),
          y: { field: 'p5', ...y, title: text.yTitle, axis: { format: ',d' } },
          y2: { field: 'p95' },
          color: colour,
        },
      },
      {
        data: { name: 'bands' },
        mark: { type: 'line', strokeWidth: 2.2, interpolate: 'linear' },
        encoding: {
          x: timeAxis(options.startDate),
          y: { field: 'median', ...y },
          color: colour,
          strokeDash: { field: 'variant', type: 'nominal', scale: dashScale(experiment), legend: null },
        },
      },
      {
        data: { values: labels },
        // Long names are cut (with …) so the plot keeps most of a narrow chart.
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 12, fontWeight: 600, limit: Math.round(0.3 * (options.width ?? 760)) },
        encoding: {
          x: timeAxis(options.startDate),
          y: { field: 'labelY', ...y },
          text: { field: 'variant' },
          color: colour,
        },
      },
    ],
  } as TopLevelSpec;
}
