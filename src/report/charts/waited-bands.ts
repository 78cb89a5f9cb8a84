/**
 * Chart: the waiting list by weeks waited over time, stacked (the shape of NHS England's RTT
 * "waiting list by weeks waited" charts), for scenarios with a `measure: incomplete` target.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentResult } from '../../experiment/types.js';
import { dayToDate } from '../format.js';
import { replicationCount, variantsOf } from '../metrics.js';
import { thinIndices } from './bands.js';
import { chartConfig, SCHEMA, timeAxis, type ChartOptions } from './style.js';

/** Green for the short waits to dark red for the longest, one per band (0-18, 18-52, 52-65, 65-78, 78+ weeks). */
const BAND_COLOURS = ['#59a14f', '#edc948', '#f28e2b', '#e15759', '#8c1c13'];

/** Names of the weeks-waited series (`waited 0-18w`, …) in the result, shortest first. @internal */
export function waitedBandNames(experiment: ExperimentResult): string[] {
  const names = new Set<string>();
  for (const v of variantsOf(experiment)) for (const n of Object.keys(experiment.variants[v]?.series.measures ?? {})) if (n.startsWith('waited ')) names.add(n);
  const from = (n: string) => Number(/^waited (\d+)/.exec(n)?.[1] ?? Infinity);
  return [...names].sort((a, b) => from(a) - from(b));
}

/**
 * The waiting list by weeks waited over time, one panel per variant, the bands stacked shortest
 * wait at the bottom: the mean over replications of each band (means add up to the mean list,
 * medians would not). `undefined` when the result has no weeks-waited series (no target with
 * `measure: incomplete`). The same series are in `series.csv` (`series` = `measure`).
 * @example
 * ```ts
 * import { parseScenario, runExperimentSync } from 'carepath';
 * import { waitedBandsChartSpec } from 'carepath/report';
 * const scenario = parseScenario({
 *   version: 1, name: 'rtt', horizon: '40w', sampleEvery: 7,
 *   arrivals: { referrals: { to: 'clinic', rate: { perWeek: 10 } } },
 *   initial: { clinic: { count: 200, waited: { dist: 'uniform', min: 0, max: 500 } } },
 *   stages: { clinic: { capacity: { slots: 9, per: 'week' } } },
 *   targets: { rtt: { until: ['clinic.start'], within: '18w', goal: 0.92, measure: 'incomplete' } },
 * });
 * const spec = waitedBandsChartSpec(runExperimentSync(scenario, { replications: 2 }));
 * spec !== undefined; // true: one stacked area per band, one panel per variant
 * ```
 */
export function waitedBandsChartSpec(experiment: ExperimentResult, options: ChartOptions = {}): TopLevelSpec | undefined {
  const bands = waitedBandNames(experiment);
  if (bands.length === 0) return undefined;
  const variants = variantsOf(experiment).filter((v) => bands.some((b) => experiment.variants[v]?.series.measures?.[b]));
  const rows: Record<string, string | number>[] = [];
  for (const v of variants) {
    const measures = experiment.variants[v]!.series.measures!;
    for (const [k, b] of bands.entries()) {
      const band = measures[b];
      if (!band) continue;
      for (const i of thinIndices(band.day.length)) {
        const day = band.day[i]!;
        rows.push({ variant: v, band: b.replace(/^waited /, ''), order: k, day, ...(options.startDate ? { date: dayToDate(options.startDate, day) } : {}), patients: band.mean[i]! });
      }
    }
  }
  const width = options.width ?? 760;
  const columns = width < 500 || variants.length === 1 ? 1 : 2;
  const labels = bands.map((b) => b.replace(/^waited /, ''));
  return {
    $schema: SCHEMA,
    title: {
      text: 'Waiting list by weeks waited',
      subtitle: `Patients still waiting, by how long they have waited (the RTT incomplete pathways). Mean of ${replicationCount(experiment)} runs.`,
    },
    config: chartConfig,
    data: { values: rows },
    facet: { field: 'variant', type: 'nominal', sort: variants, header: { labelAnchor: 'start', labelFontSize: 12 } },
    columns,
    spec: {
      width: columns === 1 ? width - 110 : Math.floor((width - 80 * columns) / columns),
      height: 170,
      mark: { type: 'area', interpolate: 'monotone' },
      encoding: {
        x: { ...timeAxis(options.startDate), ...(options.startDate ? { axis: { format: '%b %y', labelAngle: 0, tickCount: 4 } } : {}) },
        y: { field: 'patients', type: 'quantitative', stack: 'zero', title: 'patients waiting', axis: { format: ',d' } },
        color: {
          field: 'band',
          type: 'ordinal',
          title: 'weeks waited',
          scale: { domain: labels, range: BAND_COLOURS.slice(0, labels.length) },
          legend: { title: 'weeks waited', orient: 'top' },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
    resolve: { axis: { x: 'independent' } },
  } as TopLevelSpec;
}
