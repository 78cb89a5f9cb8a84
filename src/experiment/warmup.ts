/**
 * `suggestWarmup`: a warm-up length from a pilot run, by MSER-5.
 * @module
 */
import { describeValue, invalid } from '../core/errors.js';
import type { Scenario } from '../pathway/scenario.js';
import { mser } from './mser.js';
import { DEFAULT_SEED } from './run.js';
import { simulate as defaultSimulate } from './simulator.js';
import type { SimulateFn, WarmupOptions, WarmupSuggestion } from './types.js';

/**
 * Suggests a warm-up from pilot replications: their waiting-list series (patients on any queue,
 * sampled every `sampleEvery` days from day 0, warm-up included) are averaged per sample day, then
 * MSER-5 — the truncation point minimising the marginal standard error of the batch means of 5
 * consecutive samples — gives the first day to keep. Averaging replications first smooths the
 * noise that would otherwise move the truncation point (White, Cobb & Spratt 2000).
 *
 * Runs in the calling thread. The scenario's own warm-up does not matter: the series covers it.
 * @example
 * ```ts
 * import { loadScenario, suggestWarmup } from 'carepath';
 * const w = suggestWarmup({ ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 5000 }, { replications: 3 });
 * if (w.reliable) console.log(`warm-up: ${w.warmup} days`);
 * ```
 */
export function suggestWarmup(scenario: Scenario, options: WarmupOptions = {}): WarmupSuggestion {
  const replications = options.replications ?? 5;
  if (!(Number.isInteger(replications) && replications > 0)) throw invalid('replications', `expected a positive integer, got ${describeValue(replications)}`);
  const seed = options.seed ?? (typeof scenario.seed === 'number' ? scenario.seed : DEFAULT_SEED);
  const variant = options.variant ?? 'base';
  const simulate: SimulateFn = options.simulate ?? (defaultSimulate as SimulateFn);
  let day: number[] = [];
  let sum: number[] = [];
  for (let r = 0; r < replications; r++) {
    const run = simulate(scenario, { seed, replication: r, variant });
    if (r === 0) {
      day = run.series.day;
      sum = new Array<number>(day.length).fill(0);
    }
    const n = Math.min(sum.length, run.series.waiting.length);
    for (let i = 0; i < n; i++) sum[i] += run.series.waiting[i]!;
  }
  const avg = sum.map((s) => s / replications);
  const m = mser(avg);
  const sampleEvery = day.length > 1 ? day[1]! - day[0]! : 0;
  const warmup = day[m.truncatedSamples] ?? 0;
  const note = m.reliable
    ? `MSER-5 over ${replications} pilot replication(s) puts the end of the start-up transient at day ${warmup}; use a warm-up of at least that.`
    : m.batches < 4
      ? `the series has only ${day.length} samples (${m.batches} batches of 5): too short for MSER-5; lengthen the horizon or sample more often.`
      : `the waiting list does not settle within the run (MSER-5's statistic still falls at half the run, day ${warmup}): the system may be unstable or trending, or the run too short for a steady state.`;
  return {
    warmup,
    method: 'MSER-5',
    series: 'waiting',
    batchSize: m.batchSize,
    batches: m.batches,
    truncatedBatches: m.truncatedBatches,
    sampleEvery,
    replications,
    reliable: m.reliable,
    note,
  };
}
