import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { mergeExperiments, runExperiment, runExperimentSync } from '../../src/experiment/index.js';
import type { ExperimentResult, ProgressInfo } from '../../src/experiment/types.js';
import { simulate, type FakeScenario } from './fake-simulate.js';

const fakeModule = new URL('./fake-simulate.ts', import.meta.url).href;

const scenario: FakeScenario = {
  name: 'fake',
  seed: 42,
  variants: { slower: { patch: {} }, faster: { patch: {} } },
  fake: { effect: { slower: 6, faster: -4 } },
};

/** Everything but meta, as JSON text: "identical" means identical text. */
function body(r: ExperimentResult): string {
  const { meta: _meta, ...rest } = r;
  return JSON.stringify(rest);
}

function plainMean(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

describe('runExperiment with an injected simulator', () => {
  it('runs base first, then every variant, with per-replication results kept', () => {
    const r = runExperimentSync(scenario as never, { replications: 6, simulate: simulate as never });
    expect(r.variantNames).toEqual(['base', 'slower', 'faster']);
    expect(r.replicationIndices).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.seed).toBe(42);
    expect(r.scenario).toBe('fake');
    for (const v of r.variantNames) {
      expect(r.variants[v]!.replications.map((x) => [x.variant, x.replication, x.seed])).toEqual(
        [0, 1, 2, 3, 4, 5].map((i) => [v, i, 42]),
      );
    }
    expect(r.meta.workers).toBe(1);
  });

  it('summarises each metric over replications, named by its path', () => {
    const r = runExperimentSync(scenario as never, { replications: 8, variants: ['slower'], simulate: simulate as never });
    expect(r.variantNames).toEqual(['base', 'slower']);
    const runs = r.variants.base!.replications;
    const values = runs.map((x) => x.stages.a!.waitingAtEnd);
    const m = r.variants.base!.metrics['stages.a.waitingAtEnd']!;
    expect(m.n).toBe(8);
    expect(m.mean).toBeCloseTo(plainMean(values), 10);
    expect(m.min).toBe(Math.min(...values));
    expect(m.max).toBe(Math.max(...values));
    const sd = Math.sqrt(values.reduce((s, x) => s + (x - plainMean(values)) ** 2, 0) / 7);
    expect(m.sd).toBeCloseTo(sd, 9);
    // t(0.975, 7) = 2.3646 from tables.
    expect(m.ci95[1] - m.mean).toBeCloseTo((2.3646 * sd) / Math.sqrt(8), 3);
    for (const name of ['patients.exited', 'timeInSystem.mean', 'targets.t31.share', 'stages.b.wait.mean', 'events']) {
      expect(r.variants.base!.metrics[name]).toBeDefined();
    }
    expect(Object.keys(r.variants.base!.metrics).some((k) => k.startsWith('series') || k === 'seed' || k === 'end')).toBe(false);
  });

  it('bands the time series per sample day', () => {
    const r = runExperimentSync(scenario as never, { replications: 20, variants: [], simulate: simulate as never });
    const band = r.variants.base!.series.waiting;
    const runs = r.variants.base!.replications;
    expect(band.day).toEqual(runs[0]!.series.day);
    for (let i = 0; i < band.day.length; i++) {
      const col = runs.map((x) => x.series.waiting[i]!).sort((a, b) => a - b);
      expect(band.mean[i]).toBeCloseTo(plainMean(col), 10);
      expect(band.p5[i]).toBeGreaterThanOrEqual(col[0]!);
      expect(band.p5[i]).toBeLessThanOrEqual(band.median[i]!);
      expect(band.median[i]).toBeLessThanOrEqual(band.p95[i]!);
      expect(band.p95[i]).toBeLessThanOrEqual(col[col.length - 1]!);
      // With 20 values the median lies between the 10th and 11th smallest.
      expect(band.median[i]).toBeGreaterThanOrEqual(col[9]!);
      expect(band.median[i]).toBeLessThanOrEqual(col[10]!);
    }
    expect(Object.keys(r.variants.base!.series.byStage)).toEqual(['a', 'b']);
  });

  it('compares each variant with base, paired by replication', () => {
    const r = runExperimentSync(scenario as never, { replications: 12, simulate: simulate as never });
    const name = 'stages.a.waitingAtEnd';
    for (const v of ['slower', 'faster']) {
      const diffs = r.variants[v]!.replications.map((x, i) => x.stages.a!.waitingAtEnd - r.variants.base!.replications[i]!.stages.a!.waitingAtEnd);
      const c = r.comparisons[v]![name]!;
      expect(c.n).toBe(12);
      expect(c.meanDiff).toBeCloseTo(plainMean(diffs), 10);
      expect(c.ci95[0]).toBeLessThan(c.meanDiff);
    }
    expect(r.comparisons.base).toBeUndefined();
    // The fake shares its noise across variants, so the paired interval excludes 0 for a shift of
    // 6 on a list of ~100 whose sd is ~20.
    const c = r.comparisons.slower!['patients.waiting']!;
    expect(c.ci95[0]).toBeGreaterThan(0);
  });

  it('is deterministic: the same experiment twice gives the same result', () => {
    const a = runExperimentSync(scenario as never, { replications: 5, simulate: simulate as never });
    const b = runExperimentSync(scenario as never, { replications: 5, simulate: simulate as never });
    expect(body(a)).toBe(body(b));
    const c = runExperimentSync(scenario as never, { replications: 5, seed: 43, simulate: simulate as never });
    expect(body(c)).not.toBe(body(a));
  });

  it('reports progress after each replication', () => {
    const seen: ProgressInfo[] = [];
    runExperimentSync(scenario as never, { replications: 4, simulate: simulate as never, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBe(12);
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(seen.every((p) => p.total === 12)).toBe(true);
  });

  it('rejects bad options, naming each', () => {
    const bad = (o: object) => {
      try {
        runExperimentSync(scenario as never, { simulate: simulate as never, ...o });
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => i.path);
      }
      throw new Error('expected a ValidationError');
    };
    expect(bad({ replications: 0 })).toEqual(['replications']);
    expect(bad({ variants: ['base', 'slowr'] })).toEqual(['variants[1]']);
    expect(bad({ shard: { index: 3, count: 3 } })).toEqual(['shard.index']);
    expect(bad({ workers: 2 })).toEqual(['workers']);
    expect(bad({ replications: 5, precision: { metric: 'x', halfWidth: 1, max: 10 } })).toEqual(['replications']);
    expect(bad({ precision: { metric: 'x', halfWidth: -1, max: 1 } })).toEqual(['precision.halfWidth', 'precision.max']);
    let msg = '';
    try {
      runExperimentSync(scenario as never, { simulate: simulate as never, variants: ['slowr'] });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/unknown variant "slowr".*slower/);
  });
});

describe('precision: Law & Kelton sequential procedure', () => {
  it('stops at the first n whose half-width meets the target for every variant', () => {
    const precision = { metric: 'stages.a.waitingAtEnd', halfWidth: 4, max: 60, min: 5 };
    const r = runExperimentSync(scenario as never, { precision, simulate: simulate as never });
    const n = r.replicationIndices.length;
    expect(r.precision!.met).toBe(true);
    expect(n).toBeGreaterThan(5);
    expect(n).toBeLessThan(60);
    const halfWidth = (res: ExperimentResult, v: string) => {
      const m = res.variants[v]!.metrics['stages.a.waitingAtEnd']!;
      return m.ci95[1] - m.mean;
    };
    // At n every variant meets the target, and `achieved` reports the half-widths.
    for (const v of r.variantNames) {
      expect(halfWidth(r, v)).toBeLessThanOrEqual(4);
      expect(r.precision!.achieved[v]).toBeCloseTo(halfWidth(r, v), 10);
    }
    // At n − 1 some variant did not (re-derived from a fixed-size run of the same replications).
    const prev = runExperimentSync(scenario as never, { replications: n - 1, simulate: simulate as never });
    expect(r.variantNames.some((v) => halfWidth(prev, v) > 4)).toBe(true);
    // And the replications are exactly those of a fixed run of n.
    const all = runExperimentSync(scenario as never, { replications: n, simulate: simulate as never });
    const { precision: _p, ...rest } = JSON.parse(body(r)) as Record<string, unknown>;
    expect(JSON.stringify(rest)).toBe(body(all));
  });

  it('stops at max when the target is out of reach, and says so', () => {
    const r = runExperimentSync(scenario as never, { precision: { metric: 'stages.a.waitingAtEnd', halfWidth: 0.01, max: 7 }, simulate: simulate as never });
    expect(r.replicationIndices.length).toBe(7);
    expect(r.precision!.met).toBe(false);
  });

  it('relative targets compare the half-width with |mean|', () => {
    const r = runExperimentSync(scenario as never, { precision: { metric: 'timeInSystem.mean', halfWidth: 0.05, relative: true, max: 200 }, simulate: simulate as never });
    for (const v of r.variantNames) {
      const m = r.variants[v]!.metrics['timeInSystem.mean']!;
      expect(m.ci95[1] - m.mean).toBeLessThanOrEqual(0.05 * Math.abs(m.mean));
    }
  });

  it('an unknown metric is an error naming precision.metric', () => {
    expect(() => runExperimentSync(scenario as never, { precision: { metric: 'stages.a.wait.meen', halfWidth: 1, max: 10 }, simulate: simulate as never })).toThrow(
      /precision\.metric: unknown metric "stages\.a\.wait\.meen"/,
    );
  });
});

describe('worker threads', () => {
  it('give exactly the in-thread result, for fixed and precision-driven experiments', async () => {
    const one = await runExperiment(scenario as never, { replications: 9, workers: 1, simulateModule: fakeModule });
    const two = await runExperiment(scenario as never, { replications: 9, workers: 2, simulateModule: fakeModule });
    expect(two.meta.workers).toBe(2);
    expect(one.meta.workers).toBe(1);
    expect(body(two)).toBe(body(one));
    expect(two).toEqual({ ...one, meta: two.meta });
    const precision = { metric: 'stages.a.waitingAtEnd', halfWidth: 4, max: 60 };
    const p1 = runExperimentSync(scenario as never, { precision, simulate: simulate as never });
    const p2 = await runExperiment(scenario as never, { precision, workers: 2, simulateModule: fakeModule });
    expect(body(p2)).toBe(body(p1));
  });

  it('a worker error rejects with the original message and issues', async () => {
    const failing = { ...scenario, fake: { ...scenario.fake, failAt: 3 } };
    const err = await runExperiment(failing as never, { replications: 5, workers: 2, simulateModule: fakeModule }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe('stages.x.capacity: fake failure in replication 3');
    expect((err as ValidationError).issues).toEqual([{ path: 'stages.x.capacity', message: 'fake failure in replication 3' }]);
  });
});

describe('shards', () => {
  it('merged shards equal the unsharded experiment, bit for bit', async () => {
    const whole = runExperimentSync(scenario as never, { replications: 10, simulate: simulate as never });
    const parts = [0, 1, 2].map((index) => runExperimentSync(scenario as never, { replications: 10, shard: { index, count: 3 }, simulate: simulate as never }));
    expect(parts.map((p) => p.replicationIndices)).toEqual([[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]);
    expect(parts[1]!.meta.shard).toEqual({ index: 1, count: 3 });
    // As they would come back from files written with --json, in any order.
    const fromFiles = [parts[2], parts[0], parts[1]].map((p) => JSON.parse(JSON.stringify(p)) as ExperimentResult);
    const merged = mergeExperiments(fromFiles);
    expect(body(merged)).toBe(body(whole));
    expect(merged.meta.mergedParts).toBe(3);
    // A shard in a worker pool merges the same way.
    const pooled = await runExperiment(scenario as never, { replications: 10, shard: { index: 0, count: 3 }, workers: 2, simulateModule: fakeModule });
    expect(body(mergeExperiments([pooled, parts[1]!, parts[2]!]))).toBe(body(whole));
  });

  it('an empty shard is fine', () => {
    const p = runExperimentSync(scenario as never, { replications: 2, shard: { index: 2, count: 3 }, simulate: simulate as never });
    expect(p.replicationIndices).toEqual([]);
    expect(p.variants.base!.metrics).toEqual({});
  });

  it('refuses parts that do not belong together', () => {
    const a = runExperimentSync(scenario as never, { replications: 4, shard: { index: 0, count: 2 }, simulate: simulate as never });
    const b = runExperimentSync(scenario as never, { replications: 4, shard: { index: 1, count: 2 }, simulate: simulate as never });
    const otherSeed = runExperimentSync(scenario as never, { replications: 4, seed: 1, shard: { index: 1, count: 2 }, simulate: simulate as never });
    const otherScenario = runExperimentSync({ ...scenario, name: 'other' } as never, { replications: 4, shard: { index: 1, count: 2 }, simulate: simulate as never });
    expect(() => mergeExperiments([a, a])).toThrow(/parts\[1\]\.replicationIndices: replication 0 is also in parts\[0\]/);
    expect(() => mergeExperiments([a, otherSeed])).toThrow(/parts\[1\]\.seed/);
    expect(() => mergeExperiments([a, otherScenario])).toThrow(/parts\[1\]\.scenarioDigest/);
    expect(() => mergeExperiments([])).toThrow(ValidationError);
    expect(mergeExperiments([a, b]).replicationIndices).toEqual([0, 1, 2, 3]);
  });
});
