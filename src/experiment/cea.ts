/**
 * Cost-effectiveness of each variant against a comparator: incremental cost and effect, the
 * ICER (or which option dominates), net monetary benefit at willingness-to-pay thresholds, all
 * paired over replications (common random numbers), and the acceptability curve. Pure functions
 * of an experiment's replications.
 * @module
 */
import { invalid } from '../core/errors.js';
import { acceptabilityCurve, thresholdGrid, type AcceptabilityCurve } from './ceac.js';
import { costEffectColumns, pairIndices, QALY_EFFECT, type CostEffectColumns } from './cea-input.js';
import { fiellerInterval, type RatioInterval } from './fieller.js';
import { varianceSplit, type VarianceSplit } from './psa-variance.js';
import { pairedDifference } from './stats.js';
import type { Comparison, ExperimentResult } from './types.js';

/** Options of {@link costEffectiveness}. */
export interface CostEffectivenessOptions {
  /** Variant every other is compared with (default `base`). */
  comparator?: string;
  /** `qalys` (default) or a metric path of the runs, e.g. `targets.treatment-62d.met`. */
  effect?: string;
  /** Willingness-to-pay thresholds, currency per unit of effect (default 20,000 and 30,000: NICE's range per QALY). */
  thresholds?: number[];
  /** Thresholds of the acceptability curve (default: 0 to about 5/3 of the largest threshold, 51 points). */
  curve?: number[];
}

/**
 * Where the mean increments fall on the cost-effectiveness plane, named so that no ratio is
 * ever read the wrong way round: `ratio` (costs more, gains more: the ICER is a price per unit
 * gained), `dominant` (costs no more and gains more, or costs less and gains the same),
 * `dominated` (costs no less and gains less, or costs more and gains the same), `saves-for-less`
 * (costs less and gains less: the ratio is the saving per unit given up), `identical`.
 */
export type IcerVerdict = 'ratio' | 'dominant' | 'dominated' | 'saves-for-less' | 'identical';

/** The incremental cost-effectiveness ratio, or the reason there is none to quote. */
export interface Icer {
  /** Which case applies (see {@link IcerVerdict}). */
  verdict: IcerVerdict;
  /**
   * Δcost ÷ Δeffect for `ratio` (cost per unit gained) and `saves-for-less` (saving per unit
   * given up, a positive number); absent otherwise (a negative ICER would mislead).
   */
  ratio?: number;
  /** Fieller's 95% confidence set of Δcost ÷ Δeffect (the signed ratio), over paired replications. */
  ci95: RatioInterval;
}

/** Net monetary benefit λ·Δeffect − Δcost at one threshold, with its paired 95% CI. */
export interface NetBenefit {
  /** Threshold λ (currency per unit of effect). */
  threshold: number;
  /** Mean incremental NMB over paired replications, with its Student t CI. */
  nmb: Comparison;
  /** Share of replications in which the incremental NMB is positive. */
  positiveShare: number;
}

/** One variant against the comparator. */
export interface VariantCostEffectiveness {
  /** The variant. */
  variant: string;
  /** Paired difference in cost (variant − comparator). */
  cost: Comparison;
  /** Paired difference in effect (variant − comparator). */
  effect: Comparison;
  /** The ICER or the dominance case. */
  icer: Icer;
  /** Incremental net monetary benefit at each threshold. */
  netBenefit: NetBenefit[];
  /** The cost-effectiveness plane: per-replication paired differences, in replication order. */
  plane: { replication: number[]; effect: number[]; cost: number[] };
  /**
   * With drawn parameters (probabilistic sensitivity analysis): how much of the spread of the
   * incremental cost and effect comes from parameter uncertainty rather than simulation noise.
   */
  uncertainty?: { cost?: VarianceSplit; effect?: VarianceSplit };
}

/** The outcome of {@link costEffectiveness}. */
export interface CostEffectiveness {
  /** The comparator variant. */
  comparator: string;
  /** The effect measured (`qalys` or a metric path). */
  effect: string;
  /** Currency of the costs (from the runs' economics). */
  currency: string;
  /** Thresholds at which net benefit is given. */
  thresholds: number[];
  /** Every other variant against the comparator, in the experiment's order. */
  variants: VariantCostEffectiveness[];
  /** Probability each option (comparator included) has the highest NMB, by threshold. */
  acceptability: AcceptabilityCurve;
  /** How the intervals were computed. */
  method: string;
}

/** NICE's range: £20,000 to £30,000 per QALY gained. */
export const DEFAULT_THRESHOLDS: readonly number[] = [20_000, 30_000];

const METHOD =
  'Paired differences over replications (common random numbers), Student t 95% intervals; ' +
  "the ICER's interval by Fieller's theorem (analytic, deterministic).";

/**
 * Cost-effectiveness of every variant of an experiment against a comparator, from the runs'
 * `economics` (cost, and QALYs or another effect), paired by replication index.
 * @throws ValidationError for an unknown comparator, runs without economics, or an effect
 *   metric the runs do not have.
 * @example
 * ```ts
 * import { costEffectiveness } from 'carepath/analysis';
 * const run = (variant: string, replication: number, cost: number, qalys: number) =>
 *   ({ variant, replication, economics: { currency: 'GBP', cost, qalys } }) as any;
 * const experiment = {
 *   variantNames: ['base', 'ai'],
 *   variants: {
 *     base: { replications: [run('base', 0, 1000, 10), run('base', 1, 1100, 10)] },
 *     ai: { replications: [run('ai', 0, 3000, 10.1), run('ai', 1, 3300, 10.1)] },
 *   },
 * } as any;
 * const cea = costEffectiveness(experiment);
 * cea.variants[0].icer; // verdict 'ratio', ratio 21,000 (£2,100 more for 0.1 QALY)
 * ```
 */
export function costEffectiveness(experiment: ExperimentResult, options: CostEffectivenessOptions = {}): CostEffectiveness {
  const comparator = options.comparator ?? 'base';
  const effect = options.effect ?? QALY_EFFECT;
  const thresholds = [...(options.thresholds ?? DEFAULT_THRESHOLDS)];
  thresholds.forEach((t, i) => {
    if (!(Number.isFinite(t) && t >= 0)) throw invalid(`thresholds[${i}]`, `expected a threshold of 0 or more (currency per unit of effect), got ${String(t)}`);
  });
  if (!experiment.variantNames.includes(comparator)) {
    throw invalid('comparator', `unknown variant ${JSON.stringify(comparator)}; the experiment ran ${experiment.variantNames.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  const columns: Record<string, CostEffectColumns> = {};
  for (const v of experiment.variantNames) columns[v] = costEffectColumns(experiment, v, effect, v === comparator ? 'comparator' : 'variants');
  const base = columns[comparator]!;
  const variants = experiment.variantNames.filter((v) => v !== comparator).map((v) => versus(v, columns[v]!, base, thresholds));
  const currency = currencyOf(experiment);
  return {
    comparator,
    effect,
    currency,
    thresholds,
    variants,
    acceptability: curveOf(experiment.variantNames, columns, options.curve ?? thresholdGrid(thresholds)),
    method: METHOD,
  };
}

function versus(variant: string, v: CostEffectColumns, base: CostEffectColumns, thresholds: number[]): VariantCostEffectiveness {
  const pairs = pairIndices(v.replication, base.replication);
  if (pairs.length === 0) throw invalid('variants', `variant ${JSON.stringify(variant)} shares no replication with the comparator`);
  const dc = pairs.map(([i, j]) => v.cost[i]! - base.cost[j]!);
  const de = pairs.map(([i, j]) => v.effect[i]! - base.effect[j]!);
  const zeros = dc.map(() => 0);
  const cost = pairedDifference(dc, zeros);
  const effect = pairedDifference(de, zeros);
  const netBenefit = thresholds.map((threshold) => {
    const nmb = de.map((e, k) => (e === 0 ? 0 : threshold * e) - dc[k]!);
    return { threshold, nmb: pairedDifference(nmb, zeros), positiveShare: nmb.filter((x) => x > 0).length / nmb.length };
  });
  const out: VariantCostEffectiveness = {
    variant,
    cost,
    effect,
    icer: icerOf(cost.meanDiff, effect.meanDiff, dc, de),
    netBenefit,
    plane: { replication: pairs.map(([i]) => v.replication[i]!), effect: de, cost: dc },
  };
  // Both arms' draws explain the increment (a variant may give a parameter its own distribution).
  const params = pairs.map(([i, j]) => ({ ...prefixed(base.parameters[j]!, 'comparator:'), ...v.parameters[i]! }));
  if (params.some((p) => Object.keys(p).length > 0)) {
    const costSplit = varianceSplit(dc, params);
    const effectSplit = varianceSplit(de, params);
    if (costSplit || effectSplit) out.uncertainty = { ...(costSplit ? { cost: costSplit } : {}), ...(effectSplit ? { effect: effectSplit } : {}) };
  }
  return out;
}

function prefixed(record: Record<string, number>, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(record)) out[prefix + k] = x;
  return out;
}

/**
 * The ICER verdict from the mean increments.
 */
function icerOf(dCost: number, dEffect: number, dc: number[], de: number[]): Icer {
  const ci95 = fiellerInterval(dc, de);
  if (dEffect > 0) return dCost > 0 ? { verdict: 'ratio', ratio: dCost / dEffect, ci95 } : { verdict: 'dominant', ci95 };
  if (dEffect < 0) return dCost < 0 ? { verdict: 'saves-for-less', ratio: dCost / dEffect, ci95 } : { verdict: 'dominated', ci95 };
  if (dCost < 0) return { verdict: 'dominant', ci95 };
  if (dCost > 0) return { verdict: 'dominated', ci95 };
  return { verdict: 'identical', ci95 };
}

function curveOf(names: string[], columns: Record<string, CostEffectColumns>, grid: number[]): AcceptabilityCurve {
  // Only replications every option ran are compared.
  let common = columns[names[0]!]!.replication;
  for (const v of names.slice(1)) common = common.filter((r) => columns[v]!.replication.includes(r));
  const draws: Record<string, { cost: number[]; effect: number[] }> = {};
  for (const v of names) {
    const c = columns[v]!;
    const at = new Map(c.replication.map((r, i) => [r, i] as const));
    draws[v] = { cost: common.map((r) => c.cost[at.get(r)!]!), effect: common.map((r) => c.effect[at.get(r)!]!) };
  }
  return acceptabilityCurve(draws, grid);
}

function currencyOf(experiment: ExperimentResult): string {
  const run = experiment.variants[experiment.variantNames[0]!]?.replications[0] as { economics?: { currency?: unknown } } | undefined;
  return typeof run?.economics?.currency === 'string' ? run.economics.currency : 'GBP';
}
