/**
 * Merges that lose nothing and mix nothing: a missing shard, a shard given twice, parts of
 * another planned size or another carepath version are refused; `partial` merges say so.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { mergeExperiments, runExperimentSync } from '../../src/experiment/index.js';
import { reproducibleEpoch, withReproducibleMeta } from '../../src/experiment/reproducible.js';
import type { ExperimentResult } from '../../src/experiment/types.js';
import { simulate, type FakeScenario } from './fake-simulate.js';

const scenario: FakeScenario = { name: 'fake', seed: 42, variants: { faster: { patch: {} } }, fake: { effect: { faster: -4 } } };

function shards(replications: number, count: number, extra: object = {}): ExperimentResult[] {
  return Array.from({ length: count }, (_, index) =>
    runExperimentSync(scenario as never, { replications, shard: { index, count }, simulate: simulate as never, ...extra }),
  );
}

describe('mergeExperiments: completeness', () => {
  it('each run records the planned number of replications (the whole experiment, not the shard)', () => {
    const parts = shards(7, 7);
    expect(parts.map((p) => p.meta.replications)).toEqual([7, 7, 7, 7, 7, 7, 7]);
    expect(parts.map((p) => p.replicationIndices.length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('refuses a merge with a missing shard, naming the missing replications and shards', () => {
    const parts = shards(7, 7);
    const five = [parts[0]!, parts[1]!, parts[3]!, parts[4]!, parts[6]!];
    let err: unknown;
    try {
      mergeExperiments(five);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/5 of 7 planned replications.*replications 2, 5 are missing \(missing shards 2\/7, 5\/7\)/);
    expect((err as Error).message).toMatch(/partial/);
  });

  it('merges the same parts with partial: true and says what is missing', () => {
    const parts = shards(7, 7);
    const merged = mergeExperiments([parts[0]!, parts[1]!, parts[3]!, parts[4]!, parts[6]!], { partial: true });
    expect(merged.replicationIndices).toEqual([0, 1, 3, 4, 6]);
    expect(merged.meta.partial).toEqual({ expected: 7, present: 5, missing: [2, 5] });
    expect(merged.meta.replications).toBe(7);
    // A complete merge is not marked partial, even when allowed.
    const all = mergeExperiments(parts, { partial: true });
    expect(all.meta.partial).toBeUndefined();
    expect(all.replicationIndices).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('refuses a shard given twice, saying so', () => {
    const parts = shards(4, 2);
    expect(() => mergeExperiments([parts[0]!, parts[1]!, parts[0]!])).toThrow(/parts\[2\]\.replicationIndices: replication 0 is also in parts\[0\].*both are shard 0\/2/);
  });

  it('refuses parts planned with another replication count', () => {
    const a = shards(4, 2)[0]!;
    const b = shards(6, 2)[1]!;
    expect(() => mergeExperiments([a, b])).toThrow(/parts\[1\]\.meta\.replications: expected 4 planned replications like parts\[0\], got 6/);
  });

  it('refuses parts run by another carepath version', () => {
    const [a, b] = shards(4, 2);
    const older = { ...b!, meta: { ...b!.meta, carepathVersion: '0.0.1' } };
    expect(() => mergeExperiments([a!, older])).toThrow(/parts\[1\]\.meta\.carepathVersion: expected carepath ".+" like parts\[0\], got "0\.0\.1"/);
  });

  it('refuses parts that do not record the planned count unless partial', () => {
    const [a, b] = shards(4, 2).map((p) => {
      const { replications: _r, ...meta } = p.meta;
      return { ...p, meta } as ExperimentResult;
    });
    expect(() => mergeExperiments([a!, b!])).toThrow(/parts\[0\]\.meta\.replications: the planned number of replications is not recorded/);
    const merged = mergeExperiments([a!, b!], { partial: true });
    expect(merged.replicationIndices).toEqual([0, 1, 2, 3]);
    expect(merged.meta.partial).toEqual({ present: 4, missing: [] });
  });
});

describe('reproducible meta', () => {
  it('reads SOURCE_DATE_EPOCH, defaults to 0 with --reproducible, refuses a bad value by name', () => {
    expect(reproducibleEpoch(false, {})).toBeUndefined();
    expect(reproducibleEpoch(true, {})).toBe(0);
    expect(reproducibleEpoch(false, { SOURCE_DATE_EPOCH: '1767225600' })).toBe(1767225600);
    expect(() => reproducibleEpoch(true, { SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH: expected whole seconds.*"yesterday"/);
  });

  it('makes two runs with different worker counts and times identical as text', async () => {
    const a = runExperimentSync(scenario as never, { replications: 3, simulate: simulate as never });
    await new Promise((r) => setTimeout(r, 5));
    const b = runExperimentSync(scenario as never, { replications: 3, simulate: simulate as never });
    const changed = { ...b, meta: { ...b.meta, workers: 3, nodeVersion: 'v99.0.0' } };
    expect(JSON.stringify(withReproducibleMeta(a, 1767225600))).toBe(JSON.stringify(withReproducibleMeta(changed, 1767225600)));
    expect(withReproducibleMeta(a, 1767225600).meta).toMatchObject({ startedAt: '2026-01-01T00:00:00.000Z', wallSeconds: 0, reproducible: true, replications: 3 });
  });
});
