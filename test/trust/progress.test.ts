import { describe, expect, it } from 'vitest';
import { runExperiment, runExperimentSync } from '../../src/experiment/run.js';
import { parseScenario } from '../../src/pathway/scenario.js';
import { simulate } from '../../src/pathway/simulate.js';

function mm1(horizon: number) {
  return parseScenario({
    version: 1,
    name: 'p',
    horizon,
    seed: 3,
    arrivals: { a: { to: 'x', rate: { perDay: 0.9 } } },
    stages: { x: { capacity: 1, service: { dist: 'exponential', mean: 1 } } },
  });
}

describe('progress inside one replication', () => {
  it('simulate reports the share of simulated time, rising, every 65,536 events; results unchanged', () => {
    const s = mm1(100_000);
    const shares: number[] = [];
    const r = simulate(s, { onProgress: (f) => shares.push(f) });
    // Events: per patient an arrival and an end of service (≈ 2 × 90,000), plus weekly samples.
    const events = 2 * r.patients.arrived + 100_000 / 7;
    expect(shares.length).toBeGreaterThanOrEqual(Math.floor(events / 65_536) - 1);
    expect(shares.length).toBeLessThanOrEqual(Math.ceil(events / 65_536) + 1);
    expect(shares.length).toBeGreaterThan(0);
    for (let i = 1; i < shares.length; i++) expect(shares[i]!).toBeGreaterThanOrEqual(shares[i - 1]!);
    expect(shares[0]!).toBeGreaterThan(0);
    expect(shares.at(-1)!).toBeLessThanOrEqual(1);
    expect(JSON.stringify(simulate(s))).toBe(JSON.stringify(r));
  });

  it('an experiment in the calling thread reports fractional runs done', () => {
    const seen: number[] = [];
    runExperimentSync(mm1(400_000), { replications: 1, workers: 1, onRunProgress: (done, total) => { expect(total).toBe(1); seen.push(done); } });
    // The first report is never held back (later ones at most every 200 ms), and the engine
    // reports every 65,536 of the run's ≈ 750,000 events: at least one report, inside the run.
    expect(seen.length).toBeGreaterThan(0);
    for (const d of seen) {
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThan(1);
    }
  });

  it('an experiment on worker threads reports fractional runs done while the runs are under way', async () => {
    const seen: number[] = [];
    const result = await runExperiment(mm1(2_000_000), { replications: 2, workers: 2, onRunProgress: (done) => seen.push(done) });
    expect(result.replicationIndices).toEqual([0, 1]);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((d) => d > 0 && !Number.isInteger(d))).toBe(true);
    for (const d of seen) expect(d).toBeLessThanOrEqual(2);
  }, 120_000);
});
