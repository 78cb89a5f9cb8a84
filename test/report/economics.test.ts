import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareRuns, summariseRuns } from '../../src/experiment/aggregate.js';
import { costEffectiveness } from '../../src/experiment/cea.js';
import type { ExperimentResult } from '../../src/experiment/types.js';
import {
  COST_EFFECTIVENESS_COLUMNS,
  costEffectivenessCsv,
  costEffectivenessSentences,
  formatMoney,
  renderReport,
  reportChartSpecs,
  writeReportBundle,
} from '../../src/report/index.js';
import { economicsOptions, reportCostEffectiveness } from '../../src/report/economics.js';
import { harmCostValueHtml } from '../../src/report/economics-html.js';
import { fixtureAnalyses, fixtureExperiment, fixtureScenario, REPLICATIONS } from './fixture.js';

/** Per variant: cost and QALYs per replication (made up, paired: replication r shares its noise). */
const ECON: Record<string, { cost: number[]; qalys: number[] }> = {
  base: { cost: [1.0e6, 1.1e6, 1.05e6, 0.95e6, 1.0e6], qalys: [100, 101, 100.5, 99.5, 100] },
  // +£200k, +12 QALYs ⇒ about £16,700 per QALY: below £20,000.
  'more-scans': { cost: [1.2e6, 1.31e6, 1.24e6, 1.16e6, 1.19e6], qalys: [112, 113, 112.5, 111.5, 112] },
  // dominated: costs more, gains less.
  'more-scans-and-treat': { cost: [1.3e6, 1.4e6, 1.35e6, 1.25e6, 1.3e6], qalys: [98, 99, 98.5, 97.5, 98] },
};

function withEconomics(): ExperimentResult {
  const e = fixtureExperiment();
  for (const v of e.variantNames) {
    const vr = e.variants[v]!;
    vr.replications = vr.replications.map((r, i) => ({
      ...r,
      economics: {
        currency: 'GBP',
        cost: ECON[v]!.cost[i]!,
        costPerPatient: ECON[v]!.cost[i]! / 1000,
        costs: { diagnosis: ECON[v]!.cost[i]! * 0.4, treatment: ECON[v]!.cost[i]! * 0.6 },
        qalys: ECON[v]!.qalys[i]!,
        deathsWhileWaiting: i % 2,
        upstaged: 10 + i,
        conditions: { cancer: { atTreatment: { I: 30 + i, II: 20, III: 10, IV: 5 } } },
      },
    })) as never;
    vr.metrics = summariseRuns(vr.replications);
  }
  for (const v of e.variantNames.slice(1)) e.comparisons[v] = compareRuns(e.variants[v]!.replications, e.variants.base!.replications);
  return e;
}

describe('report: harm, cost and value', () => {
  const experiment = withEconomics();
  const scenario = { ...fixtureScenario(), economics: { thresholds: [20_000, 30_000] } };
  let html: string;
  beforeAll(async () => {
    html = await renderReport({ scenario: scenario as never, experiment, analyses: fixtureAnalyses() });
  });

  it('adds the section with the harm table, the cost-effectiveness table and both charts', () => {
    expect(html).toContain('<section id="economics"><h2>Harm, cost and value</h2>');
    for (const label of ['Cost per patient', 'QALYs', 'Deaths while waiting', 'Upstaged by delay', 'cancer: treated at IV', 'Cost: treatment']) expect(html).toContain(label);
    expect(html).toContain('id="chart-ce-plane"');
    expect(html).toContain('id="chart-ceac"');
    expect(html).toContain('dominated: costs no less and gains less');
    expect(html).not.toContain('95% CI −£150,000');
    expect(html).toContain('NMB at £20,000');
  });

  it('says the ICER in words in the answer, against the threshold', () => {
    const cea = costEffectiveness(experiment);
    const v = cea.variants[0]!;
    // Hand: Δcost = (0.2+0.21+0.19+0.21+0.19)e6/5 = £200,000; ΔQALY = 12 in every run.
    expect(v.cost.meanDiff).toBeCloseTo(200_000, 6);
    expect(v.effect.meanDiff).toBeCloseTo(12, 12);
    const [first, second] = costEffectivenessSentences(experiment, cea, 'more-scans');
    expect(first).toMatch(/^Against base, more-scans costs £200,000 more \(95% CI \+£187,583 to \+£212,417\) and gains 12 QALYs: £16,667 per QALY gained, below the £20,000 threshold\.$/);
    expect(second).toMatch(/^Net monetary benefit at £20,000 per QALY: \+£40,000/);
    expect(html).toContain('£16,667 per QALY gained, below the £20,000 threshold');
    expect(costEffectivenessSentences(experiment, cea, 'base')).toEqual([]);
  });

  it('writes cost-effectiveness.csv beside summary.csv, and the chart specs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-econ-'));
    // Without a scenario there is no report.html to render (faster); the CSV and charts still come.
    const files = await writeReportBundle(dir, { experiment, analyses: fixtureAnalyses() });
    const csv = readFileSync(files.costEffectiveness!, 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(COST_EFFECTIVENESS_COLUMNS.join(','));
    // Two variants × two thresholds.
    expect(csv).toHaveLength(1 + 2 * 2);
    expect(csv[1]!.split(',').slice(0, 4)).toEqual(['more-scans', 'base', 'qalys', 'GBP']);
    expect(files.charts.map((c) => c.split('/').pop())).toEqual(expect.arrayContaining(['ce-plane.vl.json', 'ceac.vl.json']));
    expect(costEffectivenessCsv(costEffectiveness(experiment))).toBe(readFileSync(files.costEffectiveness!, 'utf8'));
  });

  it('leaves reports without economics unchanged', () => {
    const specs = reportChartSpecs({ experiment: fixtureExperiment(), analyses: fixtureAnalyses() });
    expect(specs['ce-plane']).toBeUndefined();
    expect(specs.ceac).toBeUndefined();
  });

  it('reports a bad comparator instead of failing', () => {
    const ce = reportCostEffectiveness(experiment, economicsOptions({ economics: { comparator: 'nope' } }));
    expect(harmCostValueHtml(experiment, ce, () => '')).toContain('Cost-effectiveness could not be computed: comparator: unknown variant');
    expect(reportCostEffectiveness(fixtureExperiment(), {})).toBeUndefined();
  });

  it('draws the plane with threshold lines through the origin and the curve over the grid', () => {
    const cea = costEffectiveness(experiment);
    const specs = reportChartSpecs({ experiment, analyses: fixtureAnalyses(), economics: {} });
    const layers = (specs['ce-plane'] as { layer: { data: { values: Record<string, number | string>[] } }[] }).layer;
    const lines = layers[2]!.data.values;
    expect(lines).toHaveLength(4); // two thresholds, two ends each
    for (const p of lines) {
      const lambda = String(p.threshold).startsWith('£20,000') ? 20_000 : 30_000;
      // Clipped to the points' box, so on the line or at the box's edge.
      const cost = p.cost as number;
      expect(Math.abs(cost - lambda * (p.effect as number)) < 1e-6 || cost === 300_000 || cost === 0).toBe(true);
    }
    expect(layers[3]!.data.values).toHaveLength(2 * REPLICATIONS);
    const curve = (specs.ceac as { layer: { data: { values: { p: number }[] } }[] }).layer[1]!.data.values;
    expect(curve).toHaveLength(3 * cea.acceptability.thresholds.length);
    expect(cea.acceptability.thresholds.at(-1)).toBe(50_000);
  });

  it('formats money', () => {
    expect([formatMoney(16_666.7), formatMoney(-250), formatMoney(2_500_000), formatMoney(12, 'EUR')]).toEqual(['£16,667', '−£250', '£2.5 million', '€12']);
  });
});
