import { describe, expect, it } from 'vitest';
import { runExperimentSync } from '../../src/experiment/run.js';
import { poolsBlockingHtml, poolsBlockingRows } from '../../src/report/pools-table.js';
import { scenario } from '../pathway/helpers.js';
import { loadExample } from '../../src/pathway/examples.js';

describe('report: pools and blocking table', () => {
  const withBoth = scenario({
    horizon: 200,
    arrivals: { r: { to: 'theatre', rate: { perDay: 2 } } },
    pools: { surgeons: { units: 1 } },
    stages: {
      theatre: { capacity: 2, places: 4, service: { dist: 'exponential', mean: 0.4 }, uses: { pool: 'surgeons' }, next: [{ to: 'ward' }] },
      ward: { capacity: 2, places: 2, service: { dist: 'exponential', mean: 1 } },
    },
  });

  it('shows each pool and the stages that blocked or turned patients away, with their means', () => {
    const result = runExperimentSync(withBoth, { replications: 2 });
    const rows = poolsBlockingRows(result).map((r) => r.label);
    expect(rows[0]).toBe('surgeons: utilisation');
    expect(rows).toContain('theatre: patient-days blocked');
    expect(rows).toContain('theatre: turned away (full)');
    expect(rows.some((r) => r.startsWith('ward: patients blocked'))).toBe(false); // the ward exits: never blocked
    const html = poolsBlockingHtml(result);
    expect(html).toMatch(/^<section id="pools"><h2>Shared pools and blocking<\/h2>/);
    const u = result.variants.base!.metrics['pools.surgeons.utilisation']!.mean;
    expect(html).toContain(`${(u * 100).toFixed(1)}%`);
  });

  it('is empty for a scenario with neither', () => {
    const plain = scenario({ arrivals: { r: { to: 'a', rate: { perDay: 1 } } }, stages: { a: { capacity: 2, service: 0.5 } } });
    expect(poolsBlockingHtml(runExperimentSync(plain, { replications: 2 }))).toBe('');
  });

  it('shows overtime after closing where it is material (half a server-day), with its hand count', () => {
    // One server, 09:00-17:00 on weekdays, 3-hour appointments, a list that never empties: starts
    // at 09:00, 12:00 and 15:00, the last ending at 18:00, one hour (1/24 server-day) over each
    // weekday. Four weeks: 20/24 server-days; two weeks: 10/24, under the floor.
    const sessions = (horizon: string) =>
      scenario({
        horizon, startDate: '2024-01-08', calendar: { bankHolidays: 'none' },
        initial: { clinic: { count: 500 } },
        arrivals: { r: { to: 'clinic', rate: { perDay: 0 } } },
        stages: {
          clinic: {
            capacity: 1, service: '3h',
            sessions: { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' },
          },
        },
      });
    const four = runExperimentSync(sessions('28d'), { replications: 2 });
    const rows = poolsBlockingRows(four);
    expect(rows.map((r) => r.label)).toEqual(['clinic: overtime after closing']);
    expect(four.variants.base!.metrics['stages.clinic.overtime']!.mean).toBeCloseTo(20 / 24, 8);
    const html = poolsBlockingHtml(four);
    expect(html).toMatch(/^<section id="pools"><h2>Overtime<\/h2>/);
    expect(html).not.toMatch(/Pools:/);
    expect(poolsBlockingHtml(runExperimentSync(sessions('14d'), { replications: 2 }))).toBe('');
  });

  it('adds overtime to the pools and blocking of the surgical pathway', () => {
    const result = runExperimentSync({ ...loadExample('surgical-pathway'), horizon: '26w' }, { replications: 2 });
    const labels = poolsBlockingRows(result).map((r) => r.label);
    expect(labels).toContain('clinic: overtime after closing');
    expect(labels).toContain('surgeons: utilisation');
    expect(poolsBlockingHtml(result)).toMatch(/<h2>Shared pools, blocking and overtime<\/h2>/);
  });
});
