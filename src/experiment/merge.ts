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

/**
 * Merges experiment results over disjoint replication sets (e.g. the shards of
 * `runExperiment(s, { shard: { index: i, count: n } })` for i = 0..n−1). Everything is recomputed
 * from the union of the per-replication results, so the merge equals the unsharded experiment bit
 * for bit, except `meta` (earliest start, longest wall time, total workers, `mergedParts`).
 *
 * Parts must share the scenario (digest), seed and variants; a replication present in two parts
 * is an error, as is a part chosen by a precision target (its stopping point belongs to it alone).
 * @example
 * ```ts
 * import { loadScenario, mergeExperiments, runExperiment } from 'carepath';
 * const s = { ...loadScenario('examples/scenarios/tandem.yaml'), horizon: 2000 };
 * const parts = await Promise.all([0, 1, 2].map((index) => runExperiment(s, { replications: 6, workers: 1, shard: { index, count: 3 } })));
 * const all = mergeExperiments(parts); // same as runExperiment(s, { replications: 6 }) but meta
 * ```
 * @throws ValidationError naming the part and field that do not fit.
 */
export function mergeExperiments(parts: ExperimentResult[]): ExperimentResult {
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
    if (part.seed !== first.seed) throw invalid(`${where}.seed`, `expected seed ${first.seed} like parts[0], got ${describeValue(part.seed)}`);
    if (!sameList(part.variantNames, first.variantNames)) {
      throw invalid(`${where}.variantNames`, `expected ${describeValue(first.variantNames)} like parts[0], got ${describeValue(part.variantNames)}`);
    }
    if (part.precision) throw invalid(`${where}.precision`, 'an experiment whose replications were chosen by a precision target cannot be merged');
    part.replicationIndices.forEach((r, i) => {
      const seen = owner.get(r);
      if (seen !== undefined) throw invalid(`${where}.replicationIndices`, `replication ${r} is also in parts[${seen}]: parts must not overlap`);
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
    },
    ...body,
  };
}
