import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/run.js';
import { seekCapacity } from '../../src/experiment/seek.js';
import { parseScenario, type Scenario } from '../../src/pathway/scenario.js';
import { simulate } from '../../src/pathway/simulate.js';
import { validateScenario } from '../../src/pathway/validate.js';
import { drawUncertain } from '../../src/pathway/uncertain.js';
import { varianceSplit } from '../../src/experiment/psa-variance.js';

const BETA = { dist: 'beta', alpha: 85, beta: 15 };
const COST = { dist: 'gamma', mean: 9000, sd: 1500 };

/** A screening test whose sensitivity is uncertain, then a clinic with uncertain arrivals. */
function raw(extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    version: 1,
    name: 'psa',
    seed: 11,
    horizon: 20,
    arrivals: { gp: { to: 'screen', rate: { perDay: { dist: 'gamma', mean: 6, sd: 1 } }, conditions: { cancer: 0.3 } } },
    stages: {
      screen: {
        capacity: 'unlimited',
        service: { dist: 'exponential', mean: 1 },
        test: { detects: 'cancer', sensitivity: BETA, specificity: 0.9 },
        next: [{ if: 'positive', to: 'clinic' }, { to: 'exit' }],
      },
      clinic: { capacity: { slots: 5, per: 'week', days: ['mon', 'wed', 'fri'] }, service: { dist: 'gamma', mean: 0.5, sd: 0.2 } },
    },
    targets: { seen: { until: ['clinic.start'], within: 7, goal: 0.5 } },
    variants: { big: { patch: { stages: { clinic: { capacity: { slots: 9 } } } } } },
    ...extra,
  };
}

describe('uncertain parameters: draws', () => {
  it("a beta parameter's draws over many replications have its mean and variance", () => {
    const n = 2500;
    const xs = Array.from({ length: n }, (_, r) => drawUncertain(raw(), 11, r).values['stages.screen.test.sensitivity']!);
    const [a, b] = [85, 15];
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    const m = xs.reduce((s, x) => s + x, 0) / n;
    const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
    // Excess kurtosis of the beta gives the standard error of the sample variance.
    const kurt = (6 * ((a - b) ** 2 * (a + b + 1) - a * b * (a + b + 2))) / (a * b * (a + b + 2) * (a + b + 3));
    const seVar = variance * Math.sqrt(2 / (n - 1) + kurt / n);
    expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(variance / n));
    expect(Math.abs(v - variance)).toBeLessThan(4 * seVar);
    // Not vacuous: the draws vary, within (0, 1).
    expect(Math.min(...xs)).toBeGreaterThan(0.6);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(v).toBeGreaterThan(0);
  });

  it('draws a gamma cost with its mean and sd (mean/sd form)', () => {
    const n = 2000;
    const data = { ...raw(), limits: { maxPatients: { dist: 'gamma', mean: 9000, sd: 1500 } } };
    const xs = Array.from({ length: n }, (_, r) => drawUncertain(data, 5, r).values['limits.maxPatients']!);
    const m = xs.reduce((s, x) => s + x, 0) / n;
    expect(Math.abs(m - COST.mean)).toBeLessThan(4 * (COST.sd / Math.sqrt(n)));
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1));
    expect(Math.abs(sd - COST.sd)).toBeLessThan(0.06 * COST.sd);
  });

  it('gives every variant the same draw for a path, another replication another', () => {
    const s = parseScenario(raw() as never);
    const base = simulate(s, { replication: 3 });
    const big = simulate(s, { replication: 3, variant: 'big' });
    expect(Object.keys(base.parameters!)).toEqual(['arrivals.gp.rate.perDay', 'stages.screen.test.sensitivity']);
    expect(big.parameters).toEqual(base.parameters);
    expect(simulate(s, { replication: 4 }).parameters!['stages.screen.test.sensitivity']).not.toBe(base.parameters!['stages.screen.test.sensitivity']);
    // Service times stay distributions: never drawn as parameters.
    expect(Object.keys(base.parameters!).some((p) => p.includes('service'))).toBe(false);
    // Same scenario, seed and replication ⇒ identical result.
    expect(simulate(s, { replication: 3 })).toEqual(base);
  });

  it('a variant may give a parameter its own distribution; it draws from the same stream', () => {
    const data = raw();
    data.variants.better = { patch: { stages: { screen: { test: { sensitivity: { alpha: 95, beta: 5 } } } } } };
    const s = parseScenario(data as never);
    const a = simulate(s, { replication: 0 }).parameters!['stages.screen.test.sensitivity']!;
    const b = simulate(s, { replication: 0, variant: 'better' }).parameters!['stages.screen.test.sensitivity']!;
    expect(b).not.toBe(a);
    expect(b).toBeGreaterThan(0.8);
  });

  it('gives the same results with one worker and with two', async () => {
    const s = parseScenario(raw() as never);
    const one = await runExperiment(s, { replications: 3, workers: 1 });
    const two = await runExperiment(s, { replications: 3, workers: 2 });
    for (const v of ['base', 'big']) {
      expect(two.variants[v]!.replications.map((r) => r.parameters)).toEqual(one.variants[v]!.replications.map((r) => r.parameters));
    }
    expect({ ...two, meta: null }).toEqual({ ...one, meta: null });
    expect(one.variants.base!.metrics['parameters.stages.screen.test.sensitivity']!.n).toBe(3);
  });
});

describe('uncertain parameters: validation', () => {
  const issues = (data: unknown) => validateScenario(data).issues;

  it('accepts the scenario and checks it with each parameter at its mean', () => {
    expect(issues(raw())).toEqual([]);
    // At its mean the sensitivity is 0.85; a rule that relates fields still sees a number.
    expect(() => parseScenario(raw() as never)).not.toThrow();
  });

  it('names bad parameters, with the value and what was expected', () => {
    const bad = raw();
    bad.stages.screen.test.sensitivity = { dist: 'beta', alpha: 0, beta: 15 };
    expect(issues(bad)).toEqual([{ path: 'stages.screen.test.sensitivity.alpha', message: 'expected alpha > 0, got 0' }]);
    bad.stages.screen.test.sensitivity = { dist: 'beta', mean: 0.85 };
    expect(issues(bad)[0]).toMatchObject({ path: 'stages.screen.test.sensitivity', message: expect.stringMatching(/expected \{ dist: beta, alpha, beta \} or \{ dist: beta, mean, sd \}/) });
    bad.stages.screen.test.sensitivity = { dist: 'poisson', mean: 3 };
    expect(issues(bad)[0]).toMatchObject({ path: 'stages.screen.test.sensitivity.dist', message: expect.stringMatching(/expected one of beta, gamma/) });
  });

  it('refuses a distribution that can draw values the field does not take', () => {
    const bad = raw();
    bad.stages.screen.test.sensitivity = { dist: 'normal', mean: 0.85, sd: 0.05 };
    expect(issues(bad)).toEqual([{ path: 'stages.screen.test.sensitivity', message: expect.stringMatching(/normal distribution can draw values from −∞ to ∞, but this field does not take all of them/) }]);
    const servers = raw();
    servers.stages.clinic.capacity = { servers: { dist: 'uniform', min: 1, max: 3 } };
    expect(issues(servers)[0]!.message).toMatch(/whole numbers cannot be uncertain/);
  });

  it('refuses a distribution where the scenario takes no number, once', () => {
    const bad = raw({ name: BETA });
    expect(issues(bad)).toEqual([{ path: 'name', message: expect.stringMatching(/a distribution \(.*\) is given where the scenario does not take a number/) }]);
  });

  it('checks parameters in variants, named by variant', () => {
    const bad = raw();
    bad.variants.worse = { patch: { stages: { screen: { test: { sensitivity: { beta: -1 } } } } } };
    expect(issues(bad)).toEqual([{ path: 'variants.worse: stages.screen.test.sensitivity.beta', message: 'expected beta > 0, got -1' }]);
  });
});

describe('uncertain parameters: seek', () => {
  it('seekCapacity works on a scenario with drawn parameters', async () => {
    const s: Scenario = parseScenario(raw() as never);
    const result = await seekCapacity(s, { stage: 'clinic', target: 'seen', goal: 0.6, replications: 3, workers: 1, confidence: 0.5, max: 40 });
    expect(result.met).toBe(true);
    expect(result.capacity).toBeGreaterThan(1);
    // The capacity found meets the goal and the one below does not (same draws at every capacity).
    const below = result.evaluations.find((e) => e.capacity === result.capacity - 1);
    if (below) expect(below.met).toBe(false);
    expect(result.share.mean).toBeGreaterThanOrEqual(0.6);
  });
});

describe('uncertain parameters: which dominates', () => {
  it('splits the variance of arrivals into the rate’s uncertainty and Poisson noise as the law of total variance says', () => {
    // N | λ ~ Poisson(50λ), λ ~ gamma(mean 20, sd 0.5): Var N = 50·20 (noise) + 50²·0.25 (parameter) = 1000 + 625.
    const s = parseScenario({
      version: 1,
      name: 'split',
      seed: 3,
      horizon: 50,
      arrivals: { a: { to: 'd', rate: { perDay: { dist: 'gamma', mean: 20, sd: 0.5 } } } },
      stages: { d: { capacity: 'unlimited' } },
    } as never);
    const n = 200;
    const runs = Array.from({ length: n }, (_, replication) => simulate(s, { replication }));
    const split = varianceSplit(runs.map((r) => r.patients.arrived), runs.map((r) => r.parameters!))!;
    const exact = 625 / 1625;
    // Adjusted R² with one regressor: SE ≈ √(4R²(1 − R²)²/n) ≈ 0.047 here; four of them.
    const se = Math.sqrt((4 * exact * (1 - exact) ** 2) / n);
    expect(Math.abs(split.parameterShare - exact)).toBeLessThan(4 * se);
    expect(split.dominant).toBe('noise');
    expect(Math.abs(split.variance - 1625)).toBeLessThan(4 * 1625 * Math.sqrt(2 / (n - 1)));
  });
});
