import { describe, expect, it } from 'vitest';
import { mser, warmupWarning } from '../../src/experiment/mser.js';
import { suggestWarmup } from '../../src/experiment/warmup.js';
import { parseScenario } from '../../src/pathway/scenario.js';
import type { RunResult } from '../../src/pathway/result.js';
import { simulate } from './fake-simulate.js';

/** Deterministic noise in [-1, 1). */
function noise(i: number): number {
  const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

/** A start-up ramp from 100 down to a level of 10 over `ramp` samples, then noise of ±3. */
function transient(ramp: number, length: number): number[] {
  return Array.from({ length }, (_, i) => (i < ramp ? 100 - (90 * i) / ramp : 10) + 3 * noise(i));
}

function runWith(waiting: number[], warmup: number): RunResult {
  const run = simulate({ name: 'w', fake: {} });
  run.series = { day: waiting.map((_, i) => i * 7), waiting, byStage: {} };
  run.warmup = warmup;
  run.end = waiting.length * 7;
  return run;
}

describe('MSER-5', () => {
  it('truncates a start-up ramp near its end', () => {
    const m = mser(transient(50, 500));
    expect(m.batchSize).toBe(5);
    expect(m.batches).toBe(100);
    expect(m.reliable).toBe(true);
    // The ramp ends at sample 50; its last batches are within the ±3 noise of the level, so
    // MSER may keep them: allow two batches either side.
    expect(m.truncatedSamples).toBeGreaterThanOrEqual(40);
    expect(m.truncatedSamples).toBeLessThanOrEqual(60);
  });

  it('keeps a stationary series whole (or nearly) and flags a trend as unreliable', () => {
    const flat = mser(Array.from({ length: 500 }, (_, i) => 10 + 3 * noise(i)));
    expect(flat.reliable).toBe(true);
    expect(flat.truncatedSamples).toBeLessThanOrEqual(50);
    const trend = mser(Array.from({ length: 500 }, (_, i) => i + noise(i)));
    expect(trend.reliable).toBe(false);
    expect(mser([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).reliable).toBe(false); // two batches only
  });

  it('warns when the configured warm-up ends long before the transient', () => {
    const series = transient(50, 500); // transient ends near day 350
    const w = warmupWarning(runWith(series, 0));
    expect(w).toMatch(/warm-up of 0 days looks too short: MSER-5 on the waiting list suggests about \d+ days/);
    expect(warmupWarning(runWith(series, 400))).toBeNull();
    expect(warmupWarning(runWith(Array.from({ length: 500 }, (_, i) => i), 0))).toBeNull();
  });
});

describe('suggestWarmup', () => {
  it('waits for a backlog at the start to drain', () => {
    // 500 patients waiting at day 0, one server at 2 patients a day, 0.9 arriving a day: the
    // backlog cannot clear before 500 / 2 = 250 days (it takes about 500 / 1.1 ≈ 455 on
    // average), so a sensible warm-up is at least 250 days; after that the list is short.
    const s = parseScenario({
      version: 1,
      name: 'backlog',
      horizon: 4000,
      seed: 4,
      arrivals: { r: { to: 'clinic', rate: { perDay: 0.9 } } },
      initial: { clinic: { count: 500 } },
      stages: { clinic: { capacity: 1, service: { dist: 'exponential', mean: 0.5 } } },
    });
    const w = suggestWarmup(s, { replications: 5 });
    expect(w.method).toBe('MSER-5');
    expect(w.series).toBe('waiting');
    expect(w.sampleEvery).toBe(7);
    expect(w.replications).toBe(5);
    expect(w.reliable).toBe(true);
    expect(w.warmup).toBe(w.truncatedBatches * 5 * 7);
    expect(w.warmup).toBeGreaterThanOrEqual(250);
    expect(w.warmup).toBeLessThan(2000);
    expect(w.note).toMatch(/MSER-5 over 5 pilot/);
  });

  it('says when the list never settles', () => {
    const s = parseScenario({
      version: 1,
      name: 'overloaded',
      horizon: 1000,
      arrivals: { r: { to: 'clinic', rate: { perDay: 3 } } },
      stages: { clinic: { capacity: 1, service: { dist: 'exponential', mean: 0.5 } } },
    });
    const w = suggestWarmup(s, { replications: 2 });
    expect(w.reliable).toBe(false);
    expect(w.note).toMatch(/does not settle/);
  });
});
