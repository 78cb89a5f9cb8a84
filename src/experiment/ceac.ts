/**
 * The cost-effectiveness acceptability curve: at each willingness-to-pay threshold λ, the share
 * of replications in which each option has the highest net monetary benefit λ·effect − cost.
 * @module
 */

/** Probability each option is best, per threshold. */
export interface AcceptabilityCurve {
  /** Thresholds λ (currency per unit of effect), ascending. */
  thresholds: number[];
  /** Option → share of replications (0 to 1) in which it has the highest NMB, parallel to `thresholds`. */
  probability: Record<string, number[]>;
  /** Replications compared (those every option ran). */
  n: number;
}

/** Per-replication cost and effect of one option, paired by position with the other options. */
export interface OptionDraws {
  cost: readonly number[];
  effect: readonly number[];
}

/**
 * The acceptability curve of several options over the same replications: at each threshold,
 * the share of replications in which each option's NMB (λ·effect − cost) is the highest; a tie
 * is shared equally among the tied options, so the shares add up to 1.
 * @example
 * ```ts
 * import { acceptabilityCurve } from 'carepath/analysis';
 * const curve = acceptabilityCurve(
 *   { base: { cost: [0, 0], effect: [0, 0] }, ai: { cost: [100, 300], effect: [0.01, 0.01] } },
 *   [0, 20_000, 40_000],
 * );
 * curve.probability.ai; // [0, 0.5, 1]: at £20,000 one replication of two repays the cost
 * ```
 */
export function acceptabilityCurve(options: Record<string, OptionDraws>, thresholds: readonly number[]): AcceptabilityCurve {
  const names = Object.keys(options);
  const n = names.length === 0 ? 0 : Math.min(...names.map((o) => Math.min(options[o]!.cost.length, options[o]!.effect.length)));
  const probability: Record<string, number[]> = {};
  for (const o of names) probability[o] = [];
  const sorted = [...thresholds].sort((a, b) => a - b);
  for (const lambda of sorted) {
    const share = new Float64Array(names.length);
    for (let i = 0; i < n; i++) {
      let best = -Infinity;
      let ties = 0;
      for (let k = 0; k < names.length; k++) {
        const nmb = netBenefit(lambda, options[names[k]!]!, i);
        if (nmb > best) {
          best = nmb;
          ties = 1;
        } else if (nmb === best) ties++;
      }
      for (let k = 0; k < names.length; k++) {
        if (netBenefit(lambda, options[names[k]!]!, i) === best) share[k]! += 1 / ties;
      }
    }
    names.forEach((o, k) => probability[o]!.push(n === 0 ? 0 : share[k]! / n));
  }
  return { thresholds: sorted, probability, n };
}

function netBenefit(lambda: number, o: OptionDraws, i: number): number {
  // λ·effect with λ = Infinity and effect 0 would be NaN: no effect is worth nothing at any price.
  const e = o.effect[i]!;
  return (e === 0 ? 0 : lambda * e) - o.cost[i]!;
}

/**
 * A grid of thresholds from 0 to a round number about 5/3 of the largest given threshold
 * (50,000 for the NICE £20,000–£30,000 range), in 50 equal steps, with the given thresholds
 * themselves included.
 * @example
 * ```ts
 * import { thresholdGrid } from 'carepath/analysis';
 * const grid = thresholdGrid([20_000, 30_000]);
 * [grid[0], grid[1], grid.at(-1)]; // [0, 1000, 50000]
 * ```
 */
export function thresholdGrid(thresholds: readonly number[]): number[] {
  const top = Math.max(1, ...thresholds.filter((t) => Number.isFinite(t) && t > 0));
  const max = roundUp((top * 5) / 3);
  const grid = Array.from({ length: 51 }, (_, i) => (max * i) / 50);
  for (const t of thresholds) if (Number.isFinite(t) && t >= 0 && !grid.includes(t)) grid.push(t);
  return grid.sort((a, b) => a - b);
}

/** Rounds up to 1, 2 or 5 times a power of ten (50,000, not 49,999.9). */
function roundUp(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x - 1e-9 * p) return m * p;
  return 10 * p;
}
