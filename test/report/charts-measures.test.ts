/** The weeks-waited chart and the waits-by-group chart: data present, every variant and band visible, materiality. */
import { describe, expect, it } from 'vitest';
import { runExperimentSync } from '../../src/experiment/run.js';
import { groupWaitRows, groupWaitsChartSpec } from '../../src/report/charts/group-waits.js';
import { reportChartSpecs } from '../../src/report/charts/registry.js';
import { waitedBandNames, waitedBandsChartSpec } from '../../src/report/charts/waited-bands.js';
import { seriesCsv } from '../../src/report/csv.js';
import { renderChartSvg } from '../../src/report/render-svg.js';
import { parseScenario } from '../../src/pathway/scenario.js';
import { fixtureExperiment } from './fixture.js';

// A list with waits spread over 0–100 weeks, cleared oldest first: every weeks-waited band is
// populated at the start, and the variant with more slots empties the long bands sooner.
const rtt = runExperimentSync(
  parseScenario({
    version: 1,
    name: 'rtt',
    seed: 5,
    horizon: '30w',
    sampleEvery: 7,
    startDate: '2026-04-06',
    arrivals: { referrals: { to: 'clinic', rate: { perWeek: 10 } } },
    initial: { clinic: { count: 300, waited: { dist: 'uniform', min: 0, max: 700 } } },
    stages: { clinic: { capacity: { slots: 9, per: 'week' } } },
    targets: { rtt: { until: ['clinic.start'], within: '18w', goal: 0.92, measure: 'incomplete' } },
    variants: { more: { patch: { stages: { clinic: { capacity: { slots: 14 } } } } } },
  }),
  { replications: 3 },
);

describe('waiting list by weeks waited', () => {
  const spec = waitedBandsChartSpec(rtt, { startDate: '2026-04-06' }) as any;
  const rows = spec.data.values as { variant: string; band: string; day: number; date: string; patients: number }[];

  it('stacks every band, in every variant, and the bands add up to the list', () => {
    const bands = waitedBandNames(rtt).map((b) => b.replace(/^waited /, ''));
    expect(bands).toEqual(['0-18w', '18-52w', '52-65w', '65-78w', '78w+']);
    expect(spec.spec.encoding.color.scale.domain).toEqual(bands);
    expect(spec.spec.encoding.y.stack).toBe('zero');
    expect(spec.facet.sort).toEqual(['base', 'more']);
    for (const v of ['base', 'more']) for (const b of bands) expect(rows.some((r) => r.variant === v && r.band === b && r.patients > 0)).toBe(true);
    // One stage whose slots start patients at once: the incomplete pathways are exactly the list,
    // so at every sample the band means add up to the mean list (means are additive).
    for (const v of ['base', 'more']) {
      const list = rtt.variants[v]!.series.waiting;
      list.day.forEach((day, i) => {
        const sum = rows.filter((r) => r.variant === v && r.day === day).reduce((a, r) => a + r.patients, 0);
        expect(sum).toBeCloseTo(list.mean[i]!, 9);
      });
    }
    expect(rows[0]!.date).toBe('2026-04-06');
  });

  it('shows the long waits going faster with more slots', () => {
    const over52 = (v: string) => rows.filter((r) => r.variant === v && ['52-65w', '65-78w', '78w+'].includes(r.band) && r.day === 70).reduce((a, r) => a + r.patients, 0);
    expect(over52('more')).toBeLessThan(over52('base'));
  });

  it('keeps the bands in series.csv as measure rows, and is in the report only when there are bands', () => {
    const csv = seriesCsv(rtt).split('\n');
    expect(csv.filter((l) => l.startsWith('base,measure,waited 78w+,')).length).toBe(rtt.variants.base!.series.waiting.day.length);
    expect(Object.keys(reportChartSpecs({ experiment: rtt }))).toContain('waited-bands');
    expect(waitedBandsChartSpec(fixtureExperiment())).toBeUndefined();
    expect(Object.keys(reportChartSpecs({ experiment: fixtureExperiment() }))).not.toContain('waited-bands');
  });
});

describe('waits by class and condition', () => {
  // Urgent patients jump the queue of a busy clinic, so their waits differ by far more than the
  // materiality floor; the condition is drawn independently of class, so its groups' waits do not.
  const grouped = runExperimentSync(
    parseScenario({
      version: 1,
      name: 'groups',
      seed: 9,
      horizon: 300,
      classes: { urgent: { priority: 1 }, routine: { priority: 2 } },
      arrivals: {
        urgent: { to: 'clinic', rate: { perDay: 2 }, class: 'urgent', conditions: { flu: 0.5 } },
        routine: { to: 'clinic', rate: { perDay: 6 }, class: 'routine', conditions: { flu: 0.5 } },
      },
      stages: { clinic: { capacity: 9, service: { dist: 'exponential', mean: 1 }, queue: 'priority' } },
      variants: { more: { patch: { stages: { clinic: { capacity: 10 } } } } },
    } as never),
    { replications: 4 },
  );

  it('draws both classes in every variant with their intervals, and leaves out a split that does not differ', () => {
    const rows = groupWaitRows(grouped);
    const panels = new Set(rows.map((r) => r.panel));
    expect(panels).toEqual(new Set(['clinic · by class']));
    for (const v of ['base', 'more']) {
      const urgent = rows.find((r) => r.variant === v && r.group === 'urgent')!;
      const routine = rows.find((r) => r.variant === v && r.group === 'routine')!;
      expect(routine.mean).toBeGreaterThan(urgent.mean);
      expect(routine.lo).toBeGreaterThan(urgent.hi);
      const m = grouped.variants[v]!.metrics['breakdown.stages.clinic.byClass.routine.waitMean']!;
      expect(routine.mean).toBe(m.mean);
      expect(routine.hi).toBe(m.ci95[1]);
    }
    const spec = groupWaitsChartSpec(grouped) as any;
    expect(spec.data.values).toEqual(rows);
    expect(spec.spec.encoding.color.scale.domain).toEqual(['base', 'more']);
    expect(spec.spec.layer.map((l: any) => l.mark.type)).toEqual(['rule', 'point']);
    expect(Object.keys(reportChartSpecs({ experiment: grouped }))).toContain('group-waits');
  });

  it('both charts render, at report and phone widths, naming every variant and group', async () => {
    const specs = [
      ...[760, 400].map((width) => reportChartSpecs({ experiment: grouped, options: { width } })['group-waits']!),
      ...[760, 400].map((width) => reportChartSpecs({ experiment: rtt, options: { width, startDate: '2026-04-06' } })['waited-bands']!),
    ];
    const svgs = await Promise.all(specs.map((s) => renderChartSvg(s)));
    for (const svg of svgs.slice(0, 2)) for (const word of ['base', 'more', 'urgent', 'routine', 'clinic · by class']) expect(svg).toContain(`>${word}<`);
    for (const svg of svgs.slice(2)) for (const word of ['base', 'more', '0-18w', '78w+']) expect(svg).toContain(`>${word}<`);
  });

  it('is left out when no groups differ', () => {
    expect(groupWaitsChartSpec(fixtureExperiment())).toBeUndefined();
  });
});
