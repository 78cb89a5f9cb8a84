/**
 * Median-and-band rows of a series (thinned for email-sized reports) and the layers that draw them.
 * @module
 */
import type { SeriesBand } from '../../experiment/types.js';
import { dayToDate } from '../format.js';

/** One point of a band series. @internal */
export interface BandRow {
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

/** Thinned rows of a band, tagged with variant (and stage). @internal */
export function bandRows(variant: string, band: SeriesBand, startDate: string | undefined, stage?: string): BandRow[] {
  return thinIndices(band.day.length).map((i) => ({
    variant,
    ...(stage === undefined ? {} : { stage }),
    day: band.day[i]!,
    ...(startDate ? { date: dayToDate(startDate, band.day[i]!) } : {}),
    p5: compact(band.p5[i]!),
    median: compact(band.median[i]!),
    p95: compact(band.p95[i]!),
  }));
}

/** Six significant digits: 1.05, not the quantile's 1.0500000000000007 (a chart cannot show more). */
function compact(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

/** Shaded 5th–95th band and median line. @internal */
export function bandLayers(yTitle: string) {
  return [
    {
      mark: { type: 'area' as const, opacity: 0.16, interpolate: 'linear' as const },
      encoding: {
        y: { field: 'p5', type: 'quantitative' as const, title: yTitle, axis: { format: ',d' } },
        y2: { field: 'p95' },
      },
    },
    {
      mark: { type: 'line' as const, strokeWidth: 2, interpolate: 'linear' as const },
      encoding: { y: { field: 'median', type: 'quantitative' as const } },
    },
  ];
}
