/**
 * A sampler object (code) standing where a distribution spec is allowed: validated, run by
 * `simulate` with the draws it makes, treated honestly by `analyse`, kept in the calling thread.
 *
 * Exactness: a sampler object drawing the kernel's own formula from the same stream must give
 * the very same run as the spec (deep equality). Against theory: the mean wait over 40
 * independent replications must lie within 5 standard errors of the exact M/M/1 and M/D/1
 * (Pollaczek–Khinchine) waits, with the SE at most 3.5% of the value so the check has teeth (see
 * test/validation/harness.ts for why 5 SE does not flake).
 */
import { describe, expect, it } from 'vitest';
import { analyse, parseScenario, parseScenarioText, runExperiment, ScenarioError, ValidationError } from '../../src/index.js';
import { compileDistribution, distributionAnalysis, type Rng, type SamplerObject } from '../../src/api/kernel.js';
import { kingmanWait, mmcWait, scenarioDigest } from '../../src/api/analysis.js';
import { simulate } from '../../src/pathway/simulate.js';

const LAMBDA = 0.8;

function queue(service: unknown, plan = { warmup: 500, horizon: 10_000 }) {
  return {
    version: 1,
    name: 'single queue',
    ...plan,
    arrivals: { referrals: { to: 'clinic', rate: { perDay: LAMBDA } } },
    stages: { clinic: { capacity: 1, service } },
  } as never;
}

const expSampler: SamplerObject = { sample: (rng: Rng) => -1 * Math.log(1 - rng()) };
const fixedSampler: SamplerObject = { sample: () => 1 };

function meanWaitOverReplications(scenario: never, n: number): { mean: number; se: number } {
  const xs: number[] = [];
  for (let r = 0; r < n; r++) xs.push(simulate(scenario, { replication: r }).stages.clinic!.wait.mean!);
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  return { mean, se: sd / Math.sqrt(n) };
}

describe('sampler objects in a scenario', () => {
  it('draw exactly what the equivalent spec draws (same stream, same formula ⇒ same run)', () => {
    const plan = { warmup: 50, horizon: 2_000 };
    expect(simulate(queue(expSampler, plan))).toEqual(simulate(queue({ dist: 'exponential', mean: 1 }, plan)));
    expect(simulate(queue(fixedSampler, plan))).toEqual(simulate(queue(1, plan)));
    // A different sampler really is used: mean 2 instead of 1 changes the run.
    const slower = simulate(queue({ sample: (rng: Rng) => -2 * Math.log(1 - rng()) }, plan));
    expect(slower.stages.clinic!.wait.mean).not.toBe(simulate(queue(expSampler, plan)).stages.clinic!.wait.mean);
  });

  it('M/M/1 with an exponential sampler object: mean wait within 5 SE of ρ/(μ − λ)', () => {
    const theory = mmcWait(LAMBDA, 1, 1).Wq; // 4 days
    expect(theory).toBeCloseTo(4, 12);
    const { mean, se } = meanWaitOverReplications(queue(expSampler), 40);
    expect(se / theory).toBeLessThanOrEqual(0.035);
    expect(Math.abs(mean - theory) / se).toBeLessThanOrEqual(5);
  });

  it('M/D/1 with a constant sampler object: mean wait within 5 SE of Pollaczek–Khinchine', () => {
    const theory = kingmanWait(LAMBDA, 1, 1, 0).Wq; // ρ / (2μ(1 − ρ)) = 2 days
    expect(theory).toBeCloseTo(2, 12);
    const { mean, se } = meanWaitOverReplications(queue(fixedSampler), 40);
    expect(se / theory).toBeLessThanOrEqual(0.035);
    expect(Math.abs(mean - theory) / se).toBeLessThanOrEqual(5);
  });

  it('are kept (not copied) through parsing and variants, and a variant may replace one', () => {
    const s = parseScenario({
      ...(queue(expSampler) as object),
      variants: { fixed: { patch: { stages: { clinic: { service: 1 } } } }, other: { patch: { stages: { clinic: { service: fixedSampler } } } } },
    } as never) as unknown as { stages: { clinic: { service: unknown } } };
    expect(s.stages.clinic.service).toBe(expSampler);
    const plan = { warmup: 50, horizon: 500 };
    const v = { ...(queue(expSampler, plan) as object), variants: { d: { patch: { stages: { clinic: { service: fixedSampler } } } } } } as never;
    expect(simulate(v, { variant: 'd' })).toEqual({ ...simulate(queue(1, plan)), variant: 'd' });
  });

  it('a broken one is refused with a message naming the field', () => {
    expect(() => parseScenario(queue({ sample: 3 }))).toThrow(ScenarioError);
    expect(() => parseScenario(queue({ sample: 3 }))).toThrow(
      'stages.clinic.service.sample: expected a function sample(rng) returning a number (a sampler object), got 3',
    );
    expect(() => parseScenario(queue({ sample: () => 1, variance: -1 }))).toThrow('stages.clinic.service.variance: expected a finite number ≥ 0');
    // Elsewhere than a distribution it is not accepted.
    expect(() => parseScenario({ ...(queue(1) as object), name: fixedSampler } as never)).toThrow(/name/);
    // From YAML there are no functions: `sample` is simply an error.
    const yaml = 'version: 1\nname: y\nhorizon: 10\narrivals: { a: { to: s, rate: { perDay: 1 } } }\nstages: { s: { capacity: 1, service: { sample: 3 } } }\n';
    expect(() => parseScenarioText(yaml)).toThrow('stages.s.service.sample: expected a function sample(rng)');
  });
});

describe('compileDistribution and distributionAnalysis with sampler objects', () => {
  it('passes a sampler object through: its draws, its moments, NaN where unknown', () => {
    const s = compileDistribution({ sample: (rng: Rng) => 2 * rng(), mean: 1, variance: 1 / 3 }, 'service');
    expect([s.dist, s.mean, s.variance, s.sample(() => 0.25)]).toEqual(['sampler', 1, 1 / 3, 0.5]);
    const bare = compileDistribution({ sample: () => 7 }, 'service');
    expect(bare.sample(() => 0)).toBe(7);
    expect(Number.isNaN(bare.mean) && Number.isNaN(bare.variance)).toBe(true);
    // A compiled sampler is itself a sampler object.
    const erlang = compileDistribution({ dist: 'erlang', k: 2, mean: 4 }, 'service');
    const again = compileDistribution(erlang, 'service');
    expect([again.mean, again.variance, again.sample(() => 0.5)]).toEqual([4, 8, erlang.sample(() => 0.5)]);
    expect(() => compileDistribution({ sample: 'x' }, 'stages.a.service')).toThrow(ValidationError);
  });

  it("says 'exact' only for exponential service, 'simulate-only' without moments", () => {
    const t = (spec: unknown) => distributionAnalysis(spec, 'service').treatment;
    expect(t({ dist: 'exponential', mean: 3 })).toBe('exact');
    expect(t({ dist: 'erlang', k: 1, mean: 3 })).toBe('exact');
    expect(t({ dist: 'gamma', shape: 1, scale: 3 })).toBe('exact');
    expect(t({ dist: 'weibull', shape: 1, scale: 3 })).toBe('exact');
    expect(t({ dist: 'erlang', k: 2, mean: 3 })).toBe('approximation');
    expect(t({ dist: 'weibull', shape: 2, scale: 3 })).toBe('approximation');
    expect(t(3)).toBe('approximation');
    expect(t({ sample: () => 1, mean: 1, variance: 0 })).toBe('approximation');
    expect(t({ sample: () => 1, mean: 1 })).toBe('simulate-only');
    expect(t({ sample: () => 1 })).toBe('simulate-only');
    // SCV: variance / mean², as Allen–Cunneen and Kingman read it.
    expect(distributionAnalysis({ dist: 'erlang', k: 4, mean: 2 }, 's').scv).toBeCloseTo(0.25, 15);
    expect(distributionAnalysis({ dist: 'uniform', min: 0, max: 2 }, 's').scv).toBeCloseTo(1 / 3, 15);
  });

  it('analyse uses a sampler object with moments, and says "simulate" without them', () => {
    const withMoments = analyse(queue({ sample: () => 1, mean: 1, variance: 0 })).stages.clinic!;
    expect(withMoments.wait.method).toBe('kingman');
    expect(withMoments.wait.mean).toBeCloseTo(2, 12); // M/D/1: Pollaczek–Khinchine
    const without = analyse(queue(expSampler));
    expect(without.stages.clinic!.wait.mean).toBeNull();
    expect(without.stages.clinic!.wait.note).toContain('simulate');
    expect(without.bottleneck).toBeNull();
    expect(without.notes.join(' ')).toContain('clinic: its service is a sampler object without a mean');
  });
});

describe('sampler objects stay in the calling thread', () => {
  it('give scenarios that differ only in their sampler different fingerprints (checkpoints never mix them)', () => {
    expect(scenarioDigest(queue(expSampler))).not.toBe(scenarioDigest(queue({ sample: (rng: Rng) => -2 * Math.log(1 - rng()) })));
    expect(scenarioDigest(queue(expSampler))).toBe(scenarioDigest(queue({ sample: (rng: Rng) => -1 * Math.log(1 - rng()) })));
  });

  it('run with one worker by default, and refuse more with a message naming the sampler', async () => {
    const s = queue(expSampler, { warmup: 10, horizon: 200 });
    const r = await runExperiment(s, { replications: 2 });
    expect(r.meta.workers).toBe(1);
    await expect(runExperiment(s, { replications: 2, workers: 2 })).rejects.toThrow(
      /workers: the scenario has a sampler object \(code, not data\) at stages\.clinic\.service, which cannot be sent to worker threads/,
    );
  });
});
