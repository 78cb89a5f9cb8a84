import { describe, expect, it } from 'vitest';
import { runExperimentSync } from '../../src/experiment/run.js';
import { poolsBlockingHtml, poolsBlockingRows } from '../../src/report/pools-table.js';
import { scenario } from '../pathway/helpers.js';

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
});
