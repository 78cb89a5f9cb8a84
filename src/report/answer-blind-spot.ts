/**
 * What a waiting-time standard cannot see: two variants equal on a standard (within a
 * percentage point) that differ clearly in health (QALYs, or the chosen effect). A standard's
 * clock stops at diagnosis or treatment; it does not count the cancers a test misses, nor what
 * a longer wait after the clock stops does to the patient. The answer says so in words.
 * @module
 */
import type { CostEffectiveness } from '../experiment/cea.js';
import { costEffectColumns, pairIndices } from '../experiment/cea-input.js';
import { pairedDifference } from '../experiment/stats.js';
import type { Comparison, ExperimentResult } from '../experiment/types.js';
import { effectUnit } from './economics.js';
import { formatNumber, formatPercent } from './format.js';
import { isClear, metricPath, metricSummary, targetIds, targetName, variantsOf } from './metrics.js';

/** Two shares "barely differ" when their means are less than this apart (one percentage point). */
const EQUAL_SHARE = 0.01;

/** Paired difference of the effect, `better − worse`, over the replications both ran. */
function effectGap(experiment: ExperimentResult, effect: string, better: string, worse: string): Comparison | undefined {
  try {
    const a = costEffectColumns(experiment, better, effect, 'effect');
    const b = costEffectColumns(experiment, worse, effect, 'effect');
    const pairs = pairIndices(a.replication, b.replication);
    if (pairs.length < 2) return undefined;
    return pairedDifference(
      pairs.map(([i]) => a.effect[i]!),
      pairs.map(([, j]) => b.effect[j]!),
    );
  } catch {
    return undefined; // a variant without the effect: nothing to say
  }
}

/**
 * For `variant`, the nearest variant that is clearly better on the effect (paired 95% CI
 * excluding zero) while equal on some waiting-time standard, in a sentence; undefined when
 * there is none.
 * @internal
 * @example
 * ```ts
 * // ai-lower-sensitivity vs ai-reporting on the costed lung scenario:
 * // 'ai-lower-sensitivity does as well as ai-reporting on Cancer diagnosed or ruled out within
 * //  28 days (100.0% and 100.0%), yet gains 411 fewer QALYs (95% CI 314 to 507): …'
 * ```
 */
export function blindSpotSentence(experiment: ExperimentResult, cea: CostEffectiveness, variant: string): string | undefined {
  const targets = targetIds(experiment);
  if (targets.length === 0) return undefined;
  const share = (v: string, t: string) => metricSummary(experiment, v, metricPath.targetShare(t))?.mean;
  let best: { other: string; target: string; gap: Comparison } | undefined;
  for (const other of variantsOf(experiment)) {
    if (other === variant) continue;
    const target = targets.find((t) => {
      const a = share(variant, t);
      const b = share(other, t);
      return a !== undefined && b !== undefined && Math.abs(a - b) < EQUAL_SHARE;
    });
    if (target === undefined) continue;
    const gap = effectGap(experiment, cea.effect, other, variant);
    if (!gap || gap.meanDiff <= 0 || !isClear(gap.ci95)) continue;
    if (!best || gap.meanDiff < best.gap.meanDiff) best = { other, target, gap };
  }
  if (!best) return undefined;
  const unit = effectUnit(experiment, cea.effect);
  const pct = (t: string, v: string) => formatPercent(share(v, t)!);
  const { other, target, gap } = best;
  return (
    `${variant} does as well as ${other} on ${targetName(experiment, target)} (${pct(target, variant)} and ${pct(target, other)}), ` +
    `yet gains ${formatNumber(gap.meanDiff)} fewer ${unit.many} (95% CI ${formatNumber(gap.ci95[0])} to ${formatNumber(gap.ci95[1])}): ` +
    `the standard's clock does not see the cases a test misses, nor the wait for treatment after the clock stops.`
  );
}
