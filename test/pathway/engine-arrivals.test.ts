import { describe, expect, it } from 'vitest';
import { aleaRng } from '../../src/core/random.js';
import { ArrivalProcess } from '../../src/pathway/arrivals.js';
import type { ModelArrival } from '../../src/pathway/model.js';

function stream(over: Partial<ModelArrival>): ModelArrival {
  return { id: 'a', to: 0, ratePerDay: 10, changes: [], growthPerYear: 0, seasonality: null, classIndex: 0, conditions: [], ...over };
}

/** Arrival times of a process over [0, end]. */
function times(p: ArrivalProcess, seed: string): number[] {
  const rng = aleaRng(seed);
  const out: number[] = [];
  for (let t = p.next(0, rng); t !== Infinity; t = p.next(t, rng)) out.push(t);
  return out;
}

describe('ArrivalProcess', () => {
  it('a constant rate with cuts (a change to the same rate, flat seasonality) keeps arriving to the end', () => {
    // Regression: the constant fast path stopped at the first cut instead of the run's end.
    const end = 400;
    const flat = new ArrivalProcess(stream({ changes: [{ at: 100, ratePerDay: 10 }] }), '2024-01-01', end);
    const seasonal = new ArrivalProcess(stream({ seasonality: Array(12).fill(1) }), '2024-01-01', end);
    const plain = new ArrivalProcess(stream({}), '2024-01-01', end);
    for (const p of [flat, seasonal]) {
      const t = times(p, 'x');
      // Same rate, same uniforms: exactly the arrivals of the process without cuts.
      expect(t).toEqual(times(plain, 'x'));
      expect(t[t.length - 1]!).toBeGreaterThan(end - 1);
    }
  });

  it('constantRatePerDay is the rate when it never changes, else NaN', () => {
    expect(new ArrivalProcess(stream({ ratePerDay: 3 }), '2024-01-01', 10).constantRatePerDay).toBe(3);
    expect(new ArrivalProcess(stream({ changes: [{ at: 5, ratePerDay: 4 }] }), '2024-01-01', 10).constantRatePerDay).toBeNaN();
    expect(new ArrivalProcess(stream({ growthPerYear: 0.1 }), '2024-01-01', 10).constantRatePerDay).toBeNaN();
  });

  it('a step change takes effect at its time (counts before and after match the rates within 5 SE)', () => {
    // Poisson counts: 10/day for 500 days then 30/day for 500 days; SE = sqrt(mean).
    const p = new ArrivalProcess(stream({ changes: [{ at: 500, ratePerDay: 30 }] }), '2024-01-01', 1000);
    const t = times(p, 'step');
    const before = t.filter((x) => x < 500).length;
    const after = t.length - before;
    expect(Math.abs(before - 5000)).toBeLessThan(5 * Math.sqrt(5000));
    expect(Math.abs(after - 15000)).toBeLessThan(5 * Math.sqrt(15000));
  });
});
