/**
 * The answer's sentences about value: what a variant costs against the comparator, what it
 * gains, the ICER (or dominance) against the thresholds, and the net monetary benefit.
 * @module
 */
import type { CostEffectiveness } from '../experiment/cea.js';
import type { Comparison, ExperimentResult } from '../experiment/types.js';
import { blindSpotSentence } from './answer-blind-spot.js';
import { effectUnit, formatMoney, formatMoneySigned, icerText } from './economics.js';
import { formatNumber, formatPercent } from './format.js';

function ci(c: Comparison, format: (x: number) => string): string {
  if (c.n < 2 || c.ci95[0] === c.ci95[1]) return '';
  return ` (95% CI ${format(c.ci95[0])} to ${format(c.ci95[1])})`;
}

/**
 * Sentences on the value of `variant` against the comparator, e.g. "Against base, it costs
 * £2.1 million more (95% CI …) and gains 12.4 QALYs (…): £170,000 per QALY gained, above the
 * £30,000 threshold." None for the comparator itself or without cost-effectiveness results.
 * @example
 * ```ts
 * import { costEffectiveness } from 'carepath/analysis';
 * import { costEffectivenessSentences } from 'carepath/report';
 * const run = (variant: string, replication: number, cost: number, qalys: number) =>
 *   ({ variant, replication, economics: { currency: 'GBP', cost, qalys } }) as any;
 * const experiment = { variantNames: ['base', 'ai'], variants: {
 *   base: { replications: [run('base', 0, 1000, 10), run('base', 1, 1100, 10)] },
 *   ai: { replications: [run('ai', 0, 2000, 10.1), run('ai', 1, 2100, 10.1)] } } } as any;
 * costEffectivenessSentences(experiment, costEffectiveness(experiment), 'ai')[0];
 * // 'Against base, ai costs £1,000 more and gains 0.1 QALYs: £10,000 per QALY gained, below the £20,000 threshold.'
 * ```
 */
export function costEffectivenessSentences(experiment: ExperimentResult, cea: CostEffectiveness, variant: string): string[] {
  const v = cea.variants.find((x) => x.variant === variant);
  if (!v) return [];
  const cur = cea.currency;
  const unit = effectUnit(experiment, cea.effect);
  const money = (x: number) => formatMoneySigned(x, cur);
  const amount = (x: number) => formatNumber(x);
  const dc = v.cost.meanDiff;
  const de = v.effect.meanDiff;
  const costPart = dc === 0 ? 'costs the same' : `costs ${formatMoney(Math.abs(dc), cur)} ${dc > 0 ? 'more' : 'less'}${ci(v.cost, money)}`;
  const effectPart = de === 0 ? `gains no ${unit.many}` : `${de > 0 ? 'gains' : 'loses'} ${amount(Math.abs(de))} ${unit.many}${ci(v.effect, (x) => formatNumber(x))}`;
  const verdict = icerText(v.icer, cur, unit.one);
  const out = [`Against ${cea.comparator}, ${variant} ${costPart} and ${effectPart}: ${verdict}${thresholdClause(v.icer, cea.thresholds, cur)}.`];
  const first = v.netBenefit[0];
  if (first) {
    const clear = first.nmb.n > 1 && (first.nmb.ci95[0] > 0 || first.nmb.ci95[1] < 0);
    out.push(
      `Net monetary benefit at ${formatMoney(first.threshold, cur)} per ${unit.one}: ${money(first.nmb.meanDiff)}${ci(first.nmb, money)}` +
        `${clear ? (first.nmb.meanDiff > 0 ? ', clearly worth it at that price' : ', clearly not worth it at that price') : ', not clearly different from 0'}` +
        `; it comes out ahead in ${formatPercent(first.positiveShare, 0)} of runs.`,
    );
  }
  const u = v.uncertainty;
  if (u?.cost || u?.effect) {
    const parts = (['cost', 'effect'] as const)
      .filter((k) => u[k])
      .map((k) => `${formatPercent(u[k]!.parameterShare, 0)} of the spread of the ${k === 'cost' ? 'extra cost' : 'gain'}`);
    const dominant = [u.cost, u.effect].some((s) => s && s.dominant === 'parameters') ? 'parameter uncertainty dominates' : 'simulation noise dominates';
    out.push(`Parameter uncertainty explains ${parts.join(' and ')}; ${dominant} (more replications narrow only the noise).`);
  }
  const blind = blindSpotSentence(experiment, cea, variant);
  if (blind) out.push(blind);
  return out;
}

function thresholdClause(icer: CostEffectiveness['variants'][number]['icer'], thresholds: number[], cur: string): string {
  if (thresholds.length === 0) return '';
  const sorted = [...thresholds].sort((a, b) => a - b);
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  if (icer.verdict === 'ratio') {
    const r = icer.ratio!;
    if (r <= lo) return `, below the ${formatMoney(lo, cur)} threshold`;
    if (r > hi) return `, above the ${formatMoney(hi, cur)} threshold`;
    return `, between the ${formatMoney(lo, cur)} and ${formatMoney(hi, cur)} thresholds`;
  }
  if (icer.verdict === 'saves-for-less') {
    // Giving up effect is worth it when the saving per unit exceeds what a unit is worth.
    const r = icer.ratio!;
    return r > hi ? `, more than the ${formatMoney(hi, cur)} a unit is worth` : r < lo ? `, less than the ${formatMoney(lo, cur)} a unit is worth` : '';
  }
  return '';
}
