/**
 * Shared pools against exact answers: two M/M stages drawing on one pool of c units behave as
 * one M/M/c queue (first come first served across the stages), and with a declared priority
 * between the stages as a non-preemptive priority M/M/c (Cobham's formula, computed here).
 */
import { describe, expect, it } from 'vitest';
import { mmcWait } from '../../src/analysis/queueing.js';
import { runMetrics } from '../../src/experiment/metrics.js';
import { resolveScenario, simulate, validateScenario, type RunResult } from '../../src/pathway/index.js';
import { meanSe, scenario } from './helpers.js';

const C = 2;
const MU = 1; // per day, both stages (M/M/c needs one service rate)
const LA = 0.9;
const LB = 0.6;
const REPS = 8;

function pooled(serve: unknown, horizon = 12_000) {
  return scenario({
    warmup: 300,
    horizon,
    sampleEvery: horizon,
    arrivals: { ra: { to: 'a', rate: { perDay: LA } }, rb: { to: 'b', rate: { perDay: LB } } },
    // The stages' own capacity does not limit: only the pool does.
    stages: {
      a: { capacity: 'unlimited', service: { dist: 'exponential', mean: 1 / MU }, uses: { pool: 'staff' } },
      b: { capacity: 'unlimited', service: { dist: 'exponential', mean: 1 / MU }, uses: { pool: 'staff', units: 1 } },
    },
    pools: { staff: { units: C, serve } },
  });
}

const runs = (s: ReturnType<typeof pooled>): RunResult[] => Array.from({ length: REPS }, (_, r) => simulate(s, { replication: r }));

describe('a pool shared by two stages', () => {
  it('first come first served across stages: each stage waits as in the combined M/M/c (Erlang C)', () => {
    const results = runs(pooled('first-come'));
    const exact = mmcWait(LA + LB, MU, C).Wq; // 0.6429 / 0.5 = 1.2857 days
    for (const id of ['a', 'b']) {
      const { mean, se } = meanSe(results.map((r) => r.stages[id]!.wait.mean));
      expect(se).toBeLessThan(0.04 * exact); // precise enough that 5 SE is a real test
      expect(Math.abs(mean - exact)).toBeLessThan(5 * se);
    }
    // Utilisation of the pool: λ / (c μ) = 0.75.
    const u = meanSe(results.map((r) => r.pools!.staff!.utilisation));
    expect(u.se).toBeLessThan(0.01);
    expect(Math.abs(u.mean - (LA + LB) / (C * MU))).toBeLessThan(5 * u.se);
    for (const r of results) {
      expect(r.pools!.staff!.busyUnitDays).toBeCloseTo(r.pools!.staff!.utilisation * C * r.horizon, 6);
      expect(r.pools!.staff!.started).toBe(r.stages.a!.started + r.stages.b!.started);
    }
  });

  it('priority between stages: a freed unit goes to the first stage listed (non-preemptive priority M/M/c, Cobham)', () => {
    const results = runs(pooled(['a', 'b']));
    // Cobham (1954): W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)), W0 = Pw / (cμ), σ_k = Σ_{i≤k} λ_i / (cμ).
    const pw = mmcWait(LA + LB, MU, C).Pw;
    const w0 = pw / (C * MU);
    const s1 = LA / (C * MU);
    const s2 = (LA + LB) / (C * MU);
    const exact = { a: w0 / (1 - s1), b: w0 / ((1 - s1) * (1 - s2)) }; // 0.584 and 2.338 days
    for (const id of ['a', 'b'] as const) {
      const { mean, se } = meanSe(results.map((r) => r.stages[id]!.wait.mean));
      expect(se).toBeLessThan(0.06 * exact[id]);
      expect(Math.abs(mean - exact[id])).toBeLessThan(5 * se);
    }
  });

  it('the default order is the stages in scenario order; the model and manifest say so', () => {
    const model = resolveScenario(pooled(undefined));
    expect(model.pools).toEqual([{ id: 'staff', units: 2, serve: 'priority', order: [0, 1] }]);
    expect(resolveScenario(pooled(['b'])).pools![0]!.order).toEqual([1, 0]);
    const r = simulate(pooled(undefined, 200));
    expect(r.manifest.pools).toEqual([{ id: 'staff', units: 2, stages: ['a', 'b'], serve: 'priority' }]);
    expect(r.manifest.stages[0]).toMatchObject({ id: 'a', pool: 'staff' });
    expect(Object.keys(r.manifest.metrics)).toEqual([...runMetrics(r).keys()]);
    expect(r.manifest.metrics['pools.staff.utilisation']).toMatchObject({ unit: 'share' });
  });

  it('a stage with its own servers and a pool starts only when both are free', () => {
    // One clinic server, a pool of 3: the clinic is an M/M/1 (the pool never binds).
    const s = scenario({
      horizon: 20_000,
      sampleEvery: 20_000,
      arrivals: { r: { to: 'clinic', rate: { perDay: 0.5 } } },
      stages: { clinic: { capacity: 1, service: { dist: 'exponential', mean: 1 }, uses: { pool: 'p' } } },
      pools: { p: { units: 3 } },
    });
    const { mean, se } = meanSe(Array.from({ length: 6 }, (_, r) => simulate(s, { replication: r }).stages.clinic!.wait.mean));
    expect(se).toBeLessThan(0.1);
    expect(Math.abs(mean - mmcWait(0.5, 1, 1).Wq)).toBeLessThan(5 * se); // 1 day
  });

  it('same scenario and seed, same results', () => {
    const s = pooled('first-come', 500);
    expect(simulate(s)).toEqual(simulate(s));
  });
});

describe('pool validation', () => {
  const base = {
    version: 1,
    name: 'v',
    horizon: 10,
    arrivals: { r: { to: 'a', rate: { perDay: 1 } } },
    stages: { a: { capacity: 1, uses: { pool: 'staff', units: 1 }, next: [{ to: 'b' }] }, b: { capacity: 1, queue: 'priority', uses: { pool: 'staff' } } },
    pools: { staff: { units: 2 } },
  };
  const issues = (patch: (d: typeof base) => unknown) => {
    const d = structuredClone(base);
    patch(d);
    return validateScenario(d).issues;
  };

  it('accepts a valid pool', () => {
    expect(validateScenario(base).issues).toEqual([]);
  });

  it('names an unknown pool, too many units, a serve list naming a stranger, and first-come over a priority queue', () => {
    expect(issues((d) => ((d.stages.a.uses as { pool: string }).pool = 'staf'))).toEqual([
      { path: 'stages.a.uses.pool', message: expect.stringMatching(/unknown pool "staf".*did you mean "staff"/) },
    ]);
    expect(issues((d) => (d.stages.a.uses.units = 3))).toEqual([
      { path: 'stages.a.uses.units', message: expect.stringMatching(/at most 2 \(the units of pool "staff"\), got 3/) },
    ]);
    expect(issues((d) => Object.assign(d.pools.staff, { serve: ['b', 'c'] }))).toEqual([
      { path: 'pools.staff.serve[1]', message: expect.stringMatching(/a stage that uses pool "staff".*got "c"/) },
    ]);
    expect(issues((d) => Object.assign(d.pools.staff, { serve: 'first-come' }))).toEqual([
      { path: 'stages.b.queue', message: expect.stringMatching(/expected fifo.*got "priority"/) },
    ]);
    expect(issues((d) => Object.assign(d.pools.staff, { units: 0 }))[0]!.path).toBe('pools.staff.units');
  });

  it('warns about places fewer than servers, and an initial list beyond the places', () => {
    const d = structuredClone(base) as Record<string, any>;
    d.stages.b.capacity = [{ from: 0, servers: 2 }, { from: 5, servers: 5 }];
    d.stages.b.places = 3;
    d.initial = { b: [{ count: 2 }, { count: 2 }] };
    expect(validateScenario(d).warnings).toEqual(
      expect.arrayContaining([
        { path: 'stages.b.places', message: '3 places for 5 servers: at most 3 patients are ever in service, so 2 servers are never used' },
        { path: 'stages.b.places', message: expect.stringMatching(/^4 patients wait here at the start, more than its 3 places/) },
      ]),
    );
  });

  it('warns about a pool nobody uses', () => {
    const d = structuredClone(base) as Record<string, any>;
    d.pools.spare = { units: 1 };
    expect(validateScenario(d).warnings).toContainEqual({ path: 'pools.spare', message: expect.stringMatching(/no stage uses this pool/) });
  });
});
