/**
 * `analyse` for pools and places: the pool as one M/M/c queue (Erlang C; Cobham by stage for a
 * priority order), Allen–Cunneen otherwise; M/M/1/K against its closed form; simulate-only notes.
 */
import { describe, expect, it } from 'vitest';
import { analyseModel } from '../../src/analysis/analyse-model.js';
import { erlangC } from '../../src/analysis/queueing.js';
import { parseScenario, resolveScenario } from '../../src/pathway/index.js';

const pooled = (serve: unknown, service: unknown = { dist: 'exponential', mean: 1 }) =>
  resolveScenario(
    parseScenario({
      version: 1,
      name: 'pool',
      horizon: 100,
      arrivals: { ra: { to: 'a', rate: { perDay: 0.9 } }, rb: { to: 'b', rate: { perDay: 0.6 } } },
      stages: {
        a: { capacity: 'unlimited', service: service as never, uses: { pool: 'staff' } },
        b: { capacity: 'unlimited', service: service as never, uses: { pool: 'staff' } },
      },
      pools: { staff: { units: 2, serve: serve as never } },
    }),
  );

describe('analyse: pools', () => {
  it('first come first served: the stages share one M/M/2 queue (Erlang C)', () => {
    const a = analyseModel(pooled('first-come'));
    const wq = erlangC(2, 1.5) / (2 - 1.5); // Pw / (cμ − λ)
    expect(a.pools!.staff).toMatchObject({ units: 2, offeredLoad: 1.5, utilisation: 0.75, stable: true, wait: { method: 'erlang-c', exact: true } });
    expect(a.pools!.staff!.wait.mean).toBeCloseTo(wq, 12);
    expect(a.stages.a!.wait.mean).toBeCloseTo(wq, 12);
    expect(a.stages.b!.wait).toMatchObject({ method: 'erlang-c', exact: true });
    expect(a.notes.some((n) => /pool staff: a, b keep 1.5 of its 2 units busy/.test(n))).toBe(true);
  });

  it('a priority order: Cobham by stage', () => {
    const a = analyseModel(pooled(['b', 'a']));
    const w0 = erlangC(2, 1.5) / 2;
    expect(a.stages.b!.wait.mean).toBeCloseTo(w0 / (1 - 0.3), 12); // b first: σ = 0.6 / 2
    expect(a.stages.a!.wait.mean).toBeCloseTo(w0 / ((1 - 0.3) * (1 - 0.75)), 12);
  });

  it('general service: Allen–Cunneen, not exact', () => {
    const a = analyseModel(pooled('first-come', { dist: 'lognormal', mean: 1, sd: 0.5 }));
    expect(a.pools!.staff!.wait).toMatchObject({ method: 'allen-cunneen', exact: false });
    // cs² = 0.25, ca² = 1: the M/M/2 wait times (1 + 0.25) / 2.
    expect(a.pools!.staff!.wait.mean).toBeCloseTo((erlangC(2, 1.5) / 0.5) * 0.625, 9);
  });
});

describe('analyse: places', () => {
  const withPlaces = (next: unknown[] | undefined) =>
    resolveScenario(
      parseScenario({
        version: 1,
        name: 'places',
        horizon: 100,
        arrivals: { r: { to: 'up', rate: { perDay: 0.5 } } },
        stages: {
          up: { capacity: 1, places: 3, service: { dist: 'exponential', mean: 1 }, ...(next ? { next: next as never } : {}) },
          ward: { capacity: 1, places: 1, service: { dist: 'exponential', mean: 1 } },
        },
      }),
    );

  it('M/M/1/K where exact, against its closed form', () => {
    const a = analyseModel(withPlaces([{ to: 'ward' }]));
    const rho = 0.5;
    const pi = [0, 1, 2, 3].map((n) => ((1 - rho) * rho ** n) / (1 - rho ** 4));
    const lq = pi.reduce((x, p, n) => x + Math.max(0, n - 1) * p, 0);
    expect(a.stages.up!.wait).toMatchObject({ method: 'mmck', exact: true });
    expect(a.stages.up!.wait.rejectedShare).toBeCloseTo(pi[3]!, 12);
    expect(a.stages.up!.wait.mean).toBeCloseTo(lq / (0.5 * (1 - pi[3]!)), 12);
    // The ward is reached from another stage (blocking): simulate only.
    expect(a.stages.ward!.wait).toMatchObject({ mean: null, method: 'none', exact: false });
    expect(a.notes.some((n) => /ward: 1 place; blocking .* simulate only/.test(n))).toBe(true);
  });
});
