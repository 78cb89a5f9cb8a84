/**
 * replications.csv and comparisons.csv on a real small experiment, checked against independent
 * runs of `simulate` and against a hand computation of the paired differences.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, runExperimentSync, simulate, summaryCsv, type ScenarioInput } from '../../src/index.js';
import { COMPARISON_COLUMNS, comparisonsCsv, REPLICATION_COLUMNS, replicationsCsv } from '../../src/api/report.js';
import { writeReportBundle } from '../../src/api/node.js';
import { metricValue } from '../../src/experiment/metrics.js';

const input: ScenarioInput = {
  version: 1,
  name: 'two stages',
  seed: 7,
  horizon: 200,
  arrivals: { gp: { to: 'clinic', rate: { perDay: 1.5 } } },
  stages: {
    clinic: { capacity: 2, service: { dist: 'exponential', mean: 1 }, next: [{ to: 'scan' }] },
    scan: { capacity: 1, service: { dist: 'exponential', mean: 0.5 } },
  },
  variants: { faster: { patch: { stages: { scan: { service: { dist: 'exponential', mean: 0.4 } } } } } },
};
const scenario = parseScenario(input);
const REPLICATIONS = 4;
const experiment = runExperimentSync(scenario, { replications: REPLICATIONS });

/** CSV without quoted fields (ids here are plain) into rows of cells. */
const rowsOf = (csv: string) => csv.trimEnd().split('\n').map((line) => line.split(','));

describe('replications.csv', () => {
  const rows = rowsOf(replicationsCsv(experiment));
  const metrics = Object.keys(experiment.variants.base!.metrics);

  it('has one row per variant × replication × summary metric', () => {
    expect(rows[0]).toEqual([...REPLICATION_COLUMNS]);
    expect(metrics).toContain('stages.scan.waitingAtEnd');
    expect(rows.length - 1).toBe(2 * REPLICATIONS * metrics.length);
  });

  it('each value is what an independent simulate() of that variant and replication gives', () => {
    for (const variant of ['base', 'faster']) {
      for (let r = 0; r < REPLICATIONS; r++) {
        const run = simulate(scenario, { variant, replication: r });
        const mine = rows.filter((row) => row[0] === variant && row[1] === String(r));
        expect(mine).toHaveLength(metrics.length);
        for (const [, , seed, metric, value] of mine) {
          expect(seed).toBe('7');
          expect(Number(value)).toBe(metricValue(run, metric!));
        }
      }
    }
  });

  it('their mean per variant and metric is summary.csv\'s mean', () => {
    const [header, ...summary] = rowsOf(summaryCsv(experiment));
    const at = (name: string) => header!.indexOf(name);
    expect(at('mean')).toBeGreaterThan(1);
    expect(summary.length).toBe(2 * metrics.length);
    for (const row of summary) {
      const [variant, metric, mean] = [row[at('variant')], row[at('metric')], row[at('mean')]];
      const values = rows.filter((row) => row[0] === variant && row[3] === metric).map((row) => Number(row[4]));
      expect(values).toHaveLength(REPLICATIONS);
      const m = values.reduce((a, b) => a + b, 0) / values.length;
      expect(m).toBeCloseTo(Number(mean), 9);
    }
  });
});

describe('comparisons.csv', () => {
  it('holds the paired difference faster − base per metric, computed by hand from the replications', () => {
    const rows = rowsOf(comparisonsCsv(experiment));
    expect(rows[0]).toEqual([...COMPARISON_COLUMNS]);
    const row = rows.find((r) => r[0] === 'faster' && r[1] === 'stages.scan.waitingAtEnd')!;
    const diffs = [0, 1, 2, 3].map(
      (r) =>
        metricValue(simulate(scenario, { variant: 'faster', replication: r }), 'stages.scan.waitingAtEnd')! -
        metricValue(simulate(scenario, { replication: r }), 'stages.scan.waitingAtEnd')!,
    );
    expect(Number(row[2])).toBeCloseTo(diffs.reduce((a, b) => a + b, 0) / 4, 9);
    expect(row[6]).toBe('4');
    expect(rows.some((r) => r[0] === 'base')).toBe(false); // base is the reference, not compared
  });
});

describe('writeReportBundle', () => {
  it('writes comparisons.csv and replications.csv beside summary.csv', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-csv-'));
    const files = await writeReportBundle(dir, { experiment });
    expect(files.comparisons).toBe(join(dir, 'comparisons.csv'));
    expect(files.replications).toBe(join(dir, 'replications.csv'));
    expect(existsSync(files.summary)).toBe(true);
    expect(readFileSync(files.comparisons, 'utf8')).toBe(comparisonsCsv(experiment));
    expect(readFileSync(files.replications, 'utf8')).toBe(replicationsCsv(experiment));
  });
});
