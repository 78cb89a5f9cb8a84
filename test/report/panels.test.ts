/** Small multiples cut into panels: every row in exactly one panel, its own stage's, in order. */
import { describe, expect, it } from 'vitest';
import { stageListsChartSpec } from '../../src/report/charts.js';
import { splitFacet } from '../../src/report/panels.js';
import { fixtureExperiment } from './fixture.js';

type Row = { stage: string };
const rowsOf = (spec: unknown) => (spec as { data: { values: Row[] } }).data.values;

describe('splitFacet', () => {
  it('gives one panel per stage holding exactly that stage’s rows, the title once, the legend on the first only', () => {
    const spec = stageListsChartSpec(fixtureExperiment(), { width: 360 });
    const all = rowsOf(spec);
    const split = splitFacet(spec)!;
    const stages = (spec as unknown as { facet: { sort: string[] } }).facet.sort;
    expect(split.panels.map((p) => p.key)).toEqual(stages);
    expect(split.title).toBe('Waiting list by stage');
    expect(split.subtitle).toMatch(/own scale/);
    let total = 0;
    for (const p of split.panels) {
      const rows = rowsOf(p.spec);
      expect(rows.length).toBe(all.filter((r) => r.stage === p.key).length);
      expect(rows.every((r) => r.stage === p.key)).toBe(true);
      expect(p.spec).not.toHaveProperty('title');
      total += rows.length;
    }
    expect(total).toBe(all.length);
    const legends = split.panels.map((p) => (p.spec as unknown as { spec: { encoding: { color: { legend?: unknown } } } }).spec.encoding.color.legend);
    expect(legends[0]).toBeUndefined();
    expect(legends.slice(1).every((l) => l === null)).toBe(true);
  });

  it('rows carry the series to six significant digits (within 5e-6 relative), no float noise', () => {
    const experiment = fixtureExperiment();
    const rows = rowsOf(stageListsChartSpec(experiment)) as unknown as (Row & { variant: string; day: number; p95: number })[];
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      const band = experiment.variants[r.variant]!.series.byStage[r.stage]!;
      const exact = band.p95[band.day.indexOf(r.day)]!;
      expect(Math.abs(r.p95 - exact)).toBeLessThanOrEqual(5e-6 * Math.abs(exact));
      expect(String(r.p95).replace(/^0\.0*|[.-]/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(6);
    }
  });

  it('leaves a spec that is not faceted alone', () => {
    expect(splitFacet({ mark: 'point', data: { values: [] } } as never)).toBeUndefined();
  });
});
