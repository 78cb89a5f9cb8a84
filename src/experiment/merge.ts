/**
 * `mergeExperiments`: shards (or any experiments over disjoint replications of the same
 * scenario and seed) back into one result, exactly as if it had been run in one go.
 * @module
 */
import { describeValue, invalid } from '../core/errors.js';
import type { RunResult } from '../pathway/result.js';
import { aggregate } from './aggregate.js';
import type { ExperimentResult } from './types.js';
import { CAREPATH_VERSION } from './version.js';

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Options of {@link mergeExperiments}. */
export interface MergeOptions {
  /**
   * Accept parts that do not make up the whole experiment (missing replications or shards). The
   * result then says so in `meta.partial`. Without it, a missing part is an error.
   */
  partial?: boolean;
}

function listShort(xs: number[]): string {
  return xs.length <= 10 ? xs.join(', ') : `${xs.slice(0, 10).join(', ')} … (${xs.length} in all)`;
}

/** Shards none of the parts is (when every part says it is shard i of the same n). */
function missingShards(parts: ExperimentResult[]): string {
  const shards = parts.map((p) => p.meta?.shard);
  const count = shards[0]?.count;
  if (count === undefined || !shards.every((s) => s?.count === count)) return '';
  const have = new Set(shards.map((s) => s!.index));
  const lost = Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(i));
  return lost.length ? ` (missing shard${lost.length === 1 ? '' : 's'} ${lost.map((i) => `${i}/${count}`).join(', ')})` : '';
}

/**
 * The planned replication count the parts agree on, and the planned indices none of them holds.
 * Throws when a part does not record it, or records another one.
 */
function completeness(parts: ExperimentResult[], present: number[]): { expected: number | undefined; missing: number[] } {
  const counts = parts.map((p) => p.meta?.replications);
  const expected = counts[0];
  counts.forEach((n, p) => {
    if (n !== expected) {
      throw invalid(`parts[${p}].meta.replications`, `expected ${describeValue(expected)} planned replications like parts[0], got ${describeValue(n)}: the parts come from different runs`);
    }
  });
  if (expected === undefined) return { expected, missing: [] };
  const outside = present.filter((r) => r >= expected);
  if (outside.length) throw invalid('parts', `replications ${listShort(outside)} lie beyond the ${expected} planned`);
  const have = new Set(present);
  return { expected, missing: Array.from({ length: expected }, (_, r) => r).filter((r) => !have.has(r)) };
}

/**
 * Merges experiment results over disjoint replication sets (e.g. the shards of
 * `runExperiment(s, { shard: { index: i, count: n } })` for i = 0..n−1). Everything is recomputed
 * from the union of the per-replication results, so the merge equals the unsharded experiment bit
 * for bit, except `meta` (earliest start, longest wall time, total workers, `mergedParts`).
 *
 * Parts must share the scenario (digest), seed, variants, carepath version and planned number of
 * replications (`meta.replications`, recorded by every run), and together hold every planned
 * replication exactly once: a missing shard is an error unless `options.partial` is set, and
 * then `meta.partial` says what is missing. A part chosen by a precision target cannot be merged
 * (its stopping point belongs to it alone).
 * @example
 * ```ts
 * import { loadScenario, mergeExperiments, runExperiment } from 'carepath';
 * const s = { ...loadScenario('examples/scenarios/tandem.yaml'), horizon: 2000 };
 * const parts = await Promise.all([0, 1, 2].map((index) => runExperiment(s, { replications: 6, workers: 1, shard: { index, count: 3 } })));
 * const all = mergeExperiments(parts); // same as runExperiment(s, { replications: 6 }) but meta
 * try {
 *   mergeExperiments(parts.slice(0, 2));
 * } catch (e) {
 *   console.log((e as Error).message); // parts: 4 of 6 planned replications are here: replications 2, 5 are missing (missing shard 2/3) …
 * }
 * mergeExperiments(parts.slice(0, 2), { partial: true }).meta.partial; // { expected: 6, present: 4, missing: [2, 5] }
 * ```
 * @throws ValidationError naming the part and field that do not fit.
 */
export function mergeExperiments(parts: ExperimentResult[], options: MergeOptions = {}): ExperimentResult {
  if (!Array.isArray(parts) || parts.length === 0) throw invalid('parts', `expected at least one experiment result, got ${describeValue(parts)}`);
  const first = parts[0]!;
  const owner = new Map<number, number>();
  const byReplication = new Map<number, Record<string, RunResult>>();
  parts.forEach((part, p) => {
    const where = `parts[${p}]`;
    if (typeof part !== 'object' || part === null || !Array.isArray(part.replicationIndices) || !Array.isArray(part.variantNames)) {
      throw invalid(where, `expected an experiment result (with replicationIndices, variantNames, variants), got ${describeValue(part)}`);
    }
    if (part.scenarioDigest !== first.scenarioDigest) {
      throw invalid(`${where}.scenarioDigest`, `comes from a different scenario than parts[0] (${String(part.scenarioDigest).slice(0, 12)}… vs ${first.scenarioDigest.slice(0, 12)}…)`);
    }
    const version = part.meta?.carepathVersion;
    if (version !== first.meta?.carepathVersion) {
      throw invalid(`${where}.meta.carepathVersion`, `expected carepath ${describeValue(first.meta?.carepathVersion)} like parts[0], got ${describeValue(version)}: parts run by different versions may simulate differently`);
    }
    if (part.seed !== first.seed) throw invalid(`${where}.seed`, `expected seed ${first.seed} like parts[0], got ${describeValue(part.seed)}`);
    if (!sameList(part.variantNames, first.variantNames)) {
      throw invalid(`${where}.variantNames`, `expected ${describeValue(first.variantNames)} like parts[0], got ${describeValue(part.variantNames)}`);
    }
    if (part.precision) throw invalid(`${where}.precision`, 'an experiment whose replications were chosen by a precision target cannot be merged');
    part.replicationIndices.forEach((r, i) => {
      const seen = owner.get(r);
      if (seen !== undefined) {
        const shard = part.meta?.shard;
        const same = shard && parts[seen]!.meta?.shard?.index === shard.index ? ` (both are shard ${shard.index}/${shard.count}: is a file given twice?)` : '';
        throw invalid(`${where}.replicationIndices`, `replication ${r} is also in parts[${seen}]: parts must not overlap${same}`);
      }
      owner.set(r, p);
      const runs: Record<string, RunResult> = {};
      for (const v of part.variantNames) {
        const run = part.variants?.[v]?.replications?.[i];
        if (!run) throw invalid(`${where}.variants.${v}.replications`, `expected ${part.replicationIndices.length} runs, the one for replication ${r} is missing`);
        runs[v] = run;
      }
      byReplication.set(r, runs);
    });
  });
  const indices = [...byReplication.keys()].sort((a, b) => a - b);
  const { expected, missing } = completeness(parts, indices);
  if (!options.partial) {
    if (expected === undefined) {
      throw invalid('parts[0].meta.replications', 'the planned number of replications is not recorded (a result from an older carepath?), so completeness cannot be checked; merge with partial: true (--partial) to accept what is there');
    }
    if (missing.length) {
      throw invalid('parts', `${indices.length} of ${expected} planned replications are here: replications ${listShort(missing)} are missing${missingShards(parts)}; add the missing parts, or merge with partial: true (--partial) to accept an incomplete result`);
    }
  }
  const runs: Record<string, RunResult[]> = {};
  for (const v of first.variantNames) runs[v] = indices.map((r) => byReplication.get(r)![v]!);
  const body = aggregate({
    scenario: first.scenario,
    scenarioDigest: first.scenarioDigest,
    seed: first.seed,
    variantNames: first.variantNames,
    replicationIndices: indices,
    runs,
  });
  const starts = parts.map((p) => p.meta?.startedAt).filter((s): s is string => typeof s === 'string').sort();
  return {
    meta: {
      startedAt: starts[0] ?? new Date().toISOString(),
      wallSeconds: Math.max(0, ...parts.map((p) => p.meta?.wallSeconds ?? 0)),
      workers: parts.reduce((n, p) => n + (p.meta?.workers ?? 0), 0),
      carepathVersion: first.meta?.carepathVersion ?? CAREPATH_VERSION,
      nodeVersion: first.meta?.nodeVersion ?? process.version,
      mergedParts: parts.length,
      ...(expected !== undefined ? { replications: expected } : {}),
      ...(options.partial && (missing.length || expected === undefined)
        ? { partial: { ...(expected !== undefined ? { expected } : {}), present: indices.length, missing } }
        : {}),
    },
    ...body,
  };
}
