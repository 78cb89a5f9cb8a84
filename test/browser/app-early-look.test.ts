/** The what-if page's early look: charts only when a core is spare for the page's own thread. */
import { describe, expect, it } from 'vitest';
import { earlyCharts } from '../../src/app/early-look.js';

describe('earlyCharts', () => {
  it('draws early only when the cores outnumber the workers', () => {
    // Hand table: cores − workers ≥ 1 leaves a core for Vega on the page's thread.
    const cases: [cores: number, workers: number, early: boolean][] = [
      [2, 2, false],
      [1, 2, false],
      [4, 4, false],
      [3, 2, true],
      [8, 4, true],
      [16, 4, true],
    ];
    for (const [cores, workers, early] of cases) expect(earlyCharts(cores, workers), `${cores} cores, ${workers} workers`).toBe(early);
  });

  it('treats an unknown core count as no spare core', () => {
    expect(earlyCharts(0, 2)).toBe(false);
    expect(earlyCharts(Number.NaN, 1)).toBe(false);
    expect(earlyCharts(Number.POSITIVE_INFINITY, 4)).toBe(false);
  });
});
