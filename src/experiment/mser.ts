/**
 * MSER-5 (White 1997; White, Cobb & Spratt 2000): the warm-up truncation point that minimises the
 * marginal standard error of the retained batch means. Pure functions with no dependency on the
 * simulator, so the pathway layer may use {@link warmupWarning} too.
 * @module
 */
import type { RunResult } from '../pathway/result.js';

/** Where MSER truncates a series. */
export interface MserResult {
  /** Samples per batch. */
  batchSize: number;
  /** Complete batches in the series (a trailing partial batch is ignored). */
  batches: number;
  /** Batches to drop from the start. */
  truncatedBatches: number;
  /** Samples to drop from the start (truncatedBatches × batchSize). */
  truncatedSamples: number;
  /**
   * False when the minimum lies at the end of the searched first half (the statistic was still
   * falling: the series has not settled within the run), or the series has fewer than four
   * batches; the truncation point then means little.
   */
  reliable: boolean;
}

/**
 * MSER-b on a series: batch means Z₁…Z_m of `batchSize` consecutive samples, then the d in
 * 0…⌊m/2⌋ minimising Σ_{j>d}(Z_j − Z̄_d)² / (m − d)²; the first minimum wins ties. The search
 * stops at half the series, as usual for MSER: near the end the statistic rests on a handful of
 * batches and can drop to almost nothing by chance.
 * @example mser([50, 40, 30, 20, 10, ...Array(95).fill(5)]).truncatedSamples // 5
 */
export function mser(series: readonly number[], batchSize = 5): MserResult {
  const m = Math.floor(series.length / batchSize);
  if (m < 4) return { batchSize, batches: m, truncatedBatches: 0, truncatedSamples: 0, reliable: false };
  const z = new Float64Array(m);
  let grand = 0;
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < batchSize; i++) s += series[j * batchSize + i]!;
    z[j] = s / batchSize;
    grand += z[j]!;
  }
  grand /= m;
  // Suffix sums of centred batch means (centring keeps the sum-of-squares formula accurate).
  let s1 = 0;
  let s2 = 0;
  const stat = new Float64Array(m);
  for (let d = m - 1; d >= 0; d--) {
    const c = z[d]! - grand;
    s1 += c;
    s2 += c * c;
    const k = m - d;
    stat[d] = Math.max(0, s2 - (s1 * s1) / k) / (k * k);
  }
  const last = Math.floor(m / 2);
  let best = 0;
  for (let d = 1; d <= last; d++) if (stat[d]! < stat[best]!) best = d;
  return { batchSize, batches: m, truncatedBatches: best, truncatedSamples: best * batchSize, reliable: best < last };
}

/**
 * A warning when a run's warm-up looks too short: MSER-5 on the run's waiting-list series (patients
 * on any queue) puts the end of the start-up transient more than max(two batches, 5% of the run)
 * after the configured warm-up. Returns null otherwise, including when the series never settles
 * (MSER's minimum at the end of the first half: an unstable or trending system, which has its own warnings,
 * or a deliberate start from today's lists with no steady state to reach).
 * @example warmupWarning(simulate(scenario)) // null, or a sentence for the planner
 */
export function warmupWarning(result: RunResult): string | null {
  const { day, waiting } = result.series;
  if (day.length < 2) return null;
  const m = mser(waiting);
  if (!m.reliable || m.truncatedSamples === 0) return null;
  const suggested = day[m.truncatedSamples]!;
  const sampleEvery = day[1]! - day[0]!;
  const tolerance = Math.max(2 * m.batchSize * sampleEvery, 0.05 * result.end);
  if (suggested <= result.warmup + tolerance) return null;
  return (
    `the warm-up of ${result.warmup} days looks too short: MSER-5 on the waiting list suggests about ${round(suggested)} days, ` +
    'so the statistics may include the start-up transient (check with suggestWarmup over several replications)'
  );
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
