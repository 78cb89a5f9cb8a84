import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/pathway/index.js';
import { seriesBands } from '../../src/experiment/aggregate.js';
import { seriesCsv } from '../../src/report/csv.js';
import { conserved, scenario } from './helpers.js';

// A list of N patients who have waited uniformly 0–200 days, and no service: at day t the share
// of them who have waited under 126 days (18 weeks) is (126 − t)/200 (a binomial share), and
// nobody reaches 52 weeks.
const N = 20_000;
const run = simulate(
  scenario({
    horizon: 14,
    sampleEvery: 7,
    arrivals: { none: { to: 'surgery', rate: { perDay: 0 } } },
    initial: { surgery: { count: N, waited: { dist: 'uniform', min: 0, max: 200 } } },
    stages: { surgery: { capacity: { servers: 1 }, service: { dist: 'fixed', value: 1000 } } },
    targets: {
      'rtt-18w': { until: 'surgery.start', within: '18w', goal: 0.92, measure: 'incomplete' },
      'rtt-stops': { until: 'surgery.start', within: '18w', goal: 0.92 },
    },
  }),
);

const within = (t: number, w: number) => Math.min(1, Math.max(0, (w - t) / 200));
const tol = (p: number) => 4 * Math.sqrt((p * (1 - p)) / N) + 1 / N;

describe('the incomplete-pathway measure (NHS RTT)', () => {
  it('gives the hand-computed share of the list waiting under 18 weeks, at every sample and the end', () => {
    expect(conserved(run)).toBe(true);
    const share = run.series.measures!['incomplete within rtt-18w']!;
    expect(run.series.day).toEqual([0, 7, 14]);
    run.series.day.forEach((t, i) => expect(Math.abs(share[i]! - within(t, 126))).toBeLessThan(tol(within(t, 126))));
    expect(Math.abs(share[0]! - 0.63)).toBeLessThan(tol(0.63)); // the NHS measure at day 0: 126/200
    const t = run.targets['rtt-18w']!;
    // One patient is in service (the clock stopped): the rest are the incomplete list.
    expect(t.counted).toBe(N - 1);
    expect(Math.abs(t.share - within(14, 126))).toBeLessThan(tol(within(14, 126)));
    // The clock-stop measure counts the one stop and the breaches still waiting: near 0%, not 56%.
    expect(run.targets['rtt-stops']!.share).toBeLessThan(0.01);
  });

  it('counts the list by weeks waited and over 52 weeks, summing to the list', () => {
    const m = run.series.measures!;
    const bands = ['waited 0-18w', 'waited 18-52w', 'waited 52-65w', 'waited 65-78w', 'waited 78w+'];
    run.series.day.forEach((t, i) => {
      expect(bands.reduce((a, b) => a + m[b]![i]!, 0)).toBe(N - 1); // one patient is in service from day 0
      // Waits run to 200 + t days: 52 weeks (364 days) is never reached.
      expect(m['over 52w']![i]).toBe(0);
      const p = 1 - within(t, 126); // 18 weeks or more, all under 52
      expect(Math.abs(m['waited 18-52w']![i]! / N - p)).toBeLessThan(tol(p));
    });
  });

  it('reaches series.csv through an experiment', () => {
    const bands = seriesBands([run]);
    expect(Object.keys(bands.measures!)).toContain('over 78w');
    const csv = seriesCsv({ variantNames: ['base'], variants: { base: { series: bands, metrics: {}, replications: [run] } } } as never);
    expect(csv).toMatch(/\nbase,measure,incomplete within rtt-18w,0,/);
    expect(csv).toMatch(/\nbase,measure,waited 78w\+,14,/);
  });
});
