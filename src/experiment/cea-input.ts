/**
 * Reading the economics of runs, typed here rather than in `RunResult` (the economics model
 * defines the full shape; cost-effectiveness needs only these numbers).
 * @module
 */
import { invalid } from '../core/errors.js';
import type { RunResult } from '../pathway/result.js';
import { metricValue } from './metrics.js';
import type { ExperimentResult } from './types.js';

/** The part of a run's economics that cost-effectiveness reads. @internal */
export interface RunEconomics {
  currency: string;
  cost: number;
  qalys: number;
}

/** The default effect: QALYs from the progression model. */
export const QALY_EFFECT = 'qalys';

/** A run's economics, or undefined when its scenario has none. @internal */
export function runEconomics(run: RunResult): RunEconomics | undefined {
  const e = (run as { economics?: unknown }).economics;
  if (typeof e !== 'object' || e === null) return undefined;
  const { currency, cost, qalys } = e as Partial<RunEconomics>;
  if (typeof cost !== 'number') return undefined;
  return { currency: typeof currency === 'string' ? currency : 'GBP', cost, qalys: typeof qalys === 'number' ? qalys : NaN };
}

/** True when every run of the experiment carries economics. @internal */
export function hasEconomics(experiment: ExperimentResult): boolean {
  const runs = experiment.variantNames.flatMap((v) => experiment.variants[v]?.replications ?? []);
  return runs.length > 0 && runs.every((r) => runEconomics(r) !== undefined);
}

/** Paired columns of one variant: cost and effect per replication index. @internal */
export interface CostEffectColumns {
  replication: number[];
  cost: number[];
  effect: number[];
  /** Drawn parameter values per replication (probabilistic sensitivity analysis), when present. */
  parameters: Record<string, number>[];
}

/**
 * Cost and effect of every replication of `variant`, keyed by replication index.
 * @throws ValidationError when the variant is unknown, a run has no economics, or the effect
 *   metric is missing.
 * @internal
 */
export function costEffectColumns(experiment: ExperimentResult, variant: string, effect: string, field: string): CostEffectColumns {
  const result = experiment.variants[variant];
  if (!result || !experiment.variantNames.includes(variant)) {
    throw invalid(field, `unknown variant ${JSON.stringify(variant)}; the experiment ran ${experiment.variantNames.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  const out: CostEffectColumns = { replication: [], cost: [], effect: [], parameters: [] };
  for (const run of result.replications) {
    const econ = runEconomics(run);
    if (!econ) {
      throw invalid('economics', `replication ${run.replication} of variant ${JSON.stringify(variant)} carries no economics: give the scenario an \`economics:\` section (costs, and a progression model for QALYs)`);
    }
    const e = effect === QALY_EFFECT ? econ.qalys : metricValue(run, effect);
    if (e === undefined || !Number.isFinite(e)) {
      throw invalid('effect', `replication ${run.replication} of variant ${JSON.stringify(variant)} has no number at ${JSON.stringify(effect)}${effect === QALY_EFFECT ? ' (QALYs need a progression model with outcomes)' : ''}`);
    }
    out.replication.push(run.replication);
    out.cost.push(econ.cost);
    out.effect.push(e);
    out.parameters.push((run as { parameters?: Record<string, number> }).parameters ?? {});
  }
  return out;
}

/** Index pairs (i in a, j in b) of the replications both hold, in replication order. @internal */
export function pairIndices(a: readonly number[], b: readonly number[]): [number, number][] {
  const at = new Map(b.map((r, j) => [r, j] as const));
  const out: [number, number][] = [];
  a.forEach((r, i) => {
    const j = at.get(r);
    if (j !== undefined) out.push([i, j]);
  });
  return out;
}
