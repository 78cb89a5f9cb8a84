/**
 * House style of the charts: colours per variant, the shared Vega-Lite config, options.
 * @module
 */
import { variantsOf } from '../metrics.js';
import type { ExperimentResult } from '../../experiment/types.js';

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

/** Vega-Lite schema of every spec. @internal */
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
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

/** The variant colour scale of a result. @internal */
export function colourScale(experiment: ExperimentResult) {
  const variants = variantsOf(experiment);
  const colours = variantColours(variants);
  return { domain: variants, range: variants.map((v) => colours[v]!) };
}

/** Time axis: calendar dates when day 0 has a date, else day numbers. @internal */
export function timeAxis(startDate: string | undefined) {
  return startDate
    ? { field: 'date', type: 'temporal' as const, title: null, scale: { type: 'utc' as const }, axis: { format: '%b %Y', labelAngle: 0, tickCount: 8 } }
    : { field: 'day', type: 'quantitative' as const, title: 'day' };
}
