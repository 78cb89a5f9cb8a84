/** Synthetic experiment results carrying economics, for cost-effectiveness tests. */
import type { RunResult } from '../../src/pathway/result.js';
import type { ExperimentResult } from '../../src/experiment/types.js';

export interface Arm {
  cost: number[];
  qalys: number[];
  parameters?: Record<string, number>[];
  treated62?: number[];
}

/** A run with only what cost-effectiveness reads (and a 62-day target for the effect-path tests). */
export function fakeRun(variant: string, replication: number, arm: Arm): RunResult {
  return {
    variant,
    replication,
    targets: { 'treatment-62d': { met: arm.treated62?.[replication] ?? 0 } },
    economics: { currency: 'GBP', cost: arm.cost[replication]!, qalys: arm.qalys[replication]! },
    ...(arm.parameters ? { parameters: arm.parameters[replication] } : {}),
  } as unknown as RunResult;
}

/** An experiment of the given arms (first is `base`), replications 0 … n − 1. */
export function fakeExperiment(arms: Record<string, Arm>): ExperimentResult {
  const names = Object.keys(arms);
  const n = arms[names[0]!]!.cost.length;
  const variants: ExperimentResult['variants'] = {};
  for (const v of names) {
    variants[v] = { metrics: {}, series: { waiting: { day: [], p5: [], median: [], p95: [], mean: [] }, byStage: {} }, replications: Array.from({ length: n }, (_, r) => fakeRun(v, r, arms[v]!)) };
  }
  return { meta: {} as ExperimentResult['meta'], scenario: 'fake', scenarioDigest: '', seed: 1, replicationIndices: [...Array(n).keys()], variantNames: names, variants, comparisons: {} };
}

const add = (xs: number[], d: number) => xs.map((x) => x + d);

/** base; ai costs more and gains more; worse is dominated; better dominant; cheap saves money for less QALYs. */
export const BASE: Arm = { cost: [1000, 1200, 1100], qalys: [10, 10.2, 10.1] };
export const ARMS: Record<string, Arm> = {
  base: BASE,
  ai: { cost: [3000, 3300, 3000], qalys: [10.1, 10.32, 10.2] },
  worse: { cost: add(BASE.cost, 500), qalys: add(BASE.qalys, -0.05) },
  better: { cost: add(BASE.cost, -100), qalys: add(BASE.qalys, 0.01) },
  cheap: { cost: add(BASE.cost, -1000), qalys: add(BASE.qalys, -0.01) },
};
