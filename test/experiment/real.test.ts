/** The experiment layer on the real simulator. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { runExperiment, runSweep, studentTQuantile, sweepGrid } from '../../src/experiment/index.js';
import { workerEntry } from '../../src/experiment/pool.js';
import type { ExperimentResult } from '../../src/experiment/types.js';
import { loadScenario } from '../../src/pathway/load.js';
import { parseScenario } from '../../src/pathway/scenario.js';

function body(r: ExperimentResult): string {
  const { meta: _meta, ...rest } = r;
  return JSON.stringify(rest);
}

/** M/M/1 at rho 0.9, and a variant whose clinician is 5% faster. */
const mm1 = parseScenario({
  version: 1,
  name: 'crn',
  horizon: 2000,
  warmup: 200,
  seed: 11,
  arrivals: { r: { to: 'clinic', rate: { perDay: 0.9 } } },
  stages: { clinic: { capacity: { servers: 1 }, service: { dist: 'exponential', mean: 1 } } },
  variants: { faster: { patch: { stages: { clinic: { service: { mean: 0.95 } } } } } },
});

describe('common random numbers', () => {
  it('make the paired CI of a small change narrower than the unpaired one', async () => {
    const n = 20;
    const r = await runExperiment(mm1, { replications: n, workers: 1 });
    // Unpaired: two-sample t interval (equal n, pooled df 2n − 2) from the same replications.
    const unpaired = (m: string) => {
      const a = r.variants.base!.metrics[m]!;
      const b = r.variants.faster!.metrics[m]!;
      return studentTQuantile(0.975, 2 * n - 2) * Math.sqrt((a.sd ** 2 + b.sd ** 2) / n);
    };
    const paired = (m: string) => {
      const c = r.comparisons.faster![m]!;
      return (c.ci95[1] - c.ci95[0]) / 2;
    };
    // Same arrivals and the same service draws (scaled) in both variants: the runs are strongly
    // positively correlated, so the paired half-width is a fraction of the unpaired one. The
    // margins (0.75 and 0.25) are far from the observed ratios (about 0.45 and 0.07).
    expect(paired('stages.clinic.wait.mean')).toBeLessThan(0.75 * unpaired('stages.clinic.wait.mean'));
    expect(paired('stages.clinic.utilisation')).toBeLessThan(0.25 * unpaired('stages.clinic.utilisation'));
    // A faster clinician shortens the wait: the paired interval lies below zero.
    expect(r.comparisons.faster!['stages.clinic.wait.mean']!.ci95[1]).toBeLessThan(0);
  });
});

describe('worker threads with the real simulator', () => {
  it('resolve the worker from the TypeScript sources through tsx', () => {
    const entry = workerEntry();
    expect(entry.filename).toMatch(/src\/experiment\/worker\.ts$/);
    expect(entry.execArgv[0]).toBe('--import');
  });

  it('give the same result as one thread (lung cancer, shortened)', async () => {
    const lung = loadScenario(new URL('../../examples/scenarios/lung-cancer-ai.yaml', import.meta.url).pathname);
    const short = { ...lung, horizon: '13w' };
    const one = await runExperiment(short, { replications: 3, workers: 1 });
    const two = await runExperiment(short, { replications: 3, workers: 2 });
    expect(one.variantNames).toEqual(['base', 'ai-reporting', 'ai-reporting-and-treatment', 'ai-lower-sensitivity']);
    expect(two.meta.workers).toBe(2);
    expect(body(two)).toBe(body(one));
    expect(two).toEqual({ ...one, meta: two.meta });
    expect(one.variants.base!.metrics['stages.surgery.waitingAtEnd']!.n).toBe(3);
    expect(one.comparisons['ai-reporting']!['targets.treatment-31d.share']).toBeDefined();
  });
});

describe('runSweep', () => {
  it('runs the cartesian grid, each point the experiment of the patched scenario', async () => {
    const sweep = await runSweep(mm1, {
      set: { 'stages.clinic.capacity.servers': [1, 2], 'stages.clinic.service.mean': [1, 0.8] },
      replications: 2,
      variants: [],
      workers: 1,
    });
    expect(sweep.paths).toEqual(['stages.clinic.capacity.servers', 'stages.clinic.service.mean']);
    expect(sweep.points.map((p) => p.values)).toEqual([
      { 'stages.clinic.capacity.servers': 1, 'stages.clinic.service.mean': 1 },
      { 'stages.clinic.capacity.servers': 1, 'stages.clinic.service.mean': 0.8 },
      { 'stages.clinic.capacity.servers': 2, 'stages.clinic.service.mean': 1 },
      { 'stages.clinic.capacity.servers': 2, 'stages.clinic.service.mean': 0.8 },
    ]);
    const patched = parseScenario({ ...mm1, stages: { clinic: { capacity: { servers: 2 }, service: { dist: 'exponential', mean: 0.8 } } } });
    const direct = await runExperiment(patched, { replications: 2, variants: [], workers: 1 });
    expect(body(sweep.points[3]!.result)).toBe(body(direct));
    const wait = (i: number) => sweep.points[i]!.result.variants.base!.metrics['stages.clinic.wait.mean']!.mean;
    expect(wait(2)).toBeLessThan(wait(0));
  });

  it('names the path of a bad value, or of a step into a number', async () => {
    await expect(runSweep(mm1, { set: { 'stages.clinic.capacity.servers': [0] }, replications: 1, workers: 1 })).rejects.toThrow(
      /stages\.clinic\.capacity\.servers/,
    );
    const bare = parseScenario({ ...mm1, stages: { clinic: { capacity: 1, service: { dist: 'exponential', mean: 1 } } } });
    const err = await runSweep(bare, { set: { 'stages.clinic.capacity.servers': [2] }, replications: 1, workers: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]!.path).toBe('stages.clinic.capacity');
    await expect(runSweep(mm1, { set: {}, replications: 1 })).rejects.toThrow(/^set: /);
  });

  it('grid order: first path outermost', () => {
    expect(sweepGrid({ a: [1, 2], b: ['x', 'y', 'z'] }).map((p) => `${p.a}${p.b}`)).toEqual(['1x', '1y', '1z', '2x', '2y', '2z']);
  });
});
