import { describe, expect, it } from 'vitest';
import { erlangA } from '../../src/analysis/erlang-a.js';
import { leaversOf, upperBound } from '../../src/experiment/leavers.js';
import { seekCapacity } from '../../src/experiment/seek.js';
import { runSweep } from '../../src/experiment/sweep.js';
import { lowerBound } from '../../src/experiment/stats.js';
import { parseScenario } from '../../src/pathway/scenario.js';

// The clinic: patients give up waiting, so an overloaded list sheds patients instead of
// growing, and those served are seen quickly. Erlang-A (M/M/c+M) gives the share who leave.
const LAMBDA = 10;
const THETA = 0.5; // mean patience 2 days
const clinic = (patience: boolean, horizon = 400, within = 14) =>
  parseScenario({
    version: 1,
    name: 'clinic with patience',
    seed: 11,
    horizon,
    sampleEvery: 7,
    arrivals: { referrals: { to: 'clinic', rate: { perDay: LAMBDA } } },
    stages: {
      clinic: {
        capacity: 9, // 111% load
        service: { dist: 'exponential', mean: 1 },
        ...(patience ? { patience: { dist: 'exponential', mean: 1 / THETA } } : {}),
      },
    },
    targets: { seen: { until: ['clinic.start'], within, goal: 0.9 } },
  });

describe('seek with leavers', () => {
  it('states the leavers of an overloaded capacity, and --max-left buys the capacity Erlang-A asks for', async () => {
    const plain = await seekCapacity(clinic(true), { stage: 'clinic', target: 'seen', replications: 5, workers: 1 });
    // The 14-day standard alone is met far below the arrival rate: most patients leave instead.
    expect(plain.met).toBe(true);
    expect(plain.capacity).toBeLessThan(LAMBDA);
    expect(plain.leavers.left.mean).toBeGreaterThan(0.05 * LAMBDA * 400);
    expect(plain.leavers.stages.clinic!.left.mean).toBeGreaterThan(0);
    expect(plain.constraints).toEqual({});

    const maxLeft = 0.05;
    const s = await seekCapacity(clinic(true), { stage: 'clinic', target: 'seen', replications: 5, workers: 1, maxLeft });
    // Erlang-A: 11 servers lose 6.5% of arrivals, 12 lose 3.9%: the smallest c with at most 5% is 12,
    // and the gap on either side is several standard errors of the simulated share (≈ 0.003).
    const share = (c: number) => erlangA(LAMBDA, 1, c, THETA).abandonShare;
    expect(share(11)).toBeGreaterThan(maxLeft + 0.01);
    expect(share(12)).toBeLessThan(maxLeft - 0.01);
    expect(s.capacity).toBe(12);
    expect(s.met).toBe(true);
    expect(s.capacity).toBeGreaterThan(plain.capacity);
    expect(s.constraints).toEqual({ maxLeft });
    // The simulated share at the recommended capacity agrees with Erlang-A within 4 standard errors.
    const at = s.leavers.leftShare;
    expect(Math.abs(at.mean - share(12))).toBeLessThan(4 * (at.sd / Math.sqrt(at.n)) + 0.002);
    const e11 = s.evaluations.find((e) => e.capacity === 11)!;
    expect(e11.met).toBe(false);
    expect(e11.leftUpper!).toBeGreaterThan(maxLeft);
    expect(s.evaluations.find((e) => e.capacity === 12)!.leftUpper).toBe(upperBound(at, 0.95));
  });

  it('--no-growth refuses a capacity whose list keeps growing', async () => {
    const plain = await seekCapacity(clinic(false, 280, 100), { stage: 'clinic', target: 'seen', replications: 5, workers: 1 });
    expect(plain.capacity).toBeLessThan(LAMBDA); // the share of clock stops is met while the list grows
    expect(plain.leavers.stages.clinic!.growthPerWeek.mean).toBeGreaterThan(1);
    const s = await seekCapacity(clinic(false, 280, 100), { stage: 'clinic', target: 'seen', replications: 5, workers: 1, noGrowth: true });
    // Below 10 servers the list grows by 7 × (10 − c) a week; at 10 (critical) or more it does not drift.
    expect(s.capacity).toBeGreaterThanOrEqual(LAMBDA);
    expect(s.capacity).toBeLessThanOrEqual(LAMBDA + 2);
    const below = s.evaluations.find((e) => e.capacity === s.capacity - 1)!;
    expect(below.growthLower!).toBeGreaterThan(0);
    expect(s.evaluations.find((e) => e.capacity === s.capacity)!.growthLower!).toBeLessThanOrEqual(0);
    expect(lowerBound(s.leavers.stages.clinic!.growthPerWeek, 0.95)).toBeLessThanOrEqual(0);
  });

  it('names bad constraints', async () => {
    await expect(seekCapacity(clinic(true), { stage: 'clinic', target: 'seen', maxLeft: 5 })).rejects.toThrow(/maxLeft: expected a share between 0 and 1.*got 5/);
    // 20 days sampled weekly (days 0, 7, 14): one sample in the second half, no growth to fit.
    await expect(seekCapacity(clinic(true, 20), { stage: 'clinic', target: 'seen', noGrowth: true, workers: 1, replications: 2 })).rejects.toThrow(/noGrowth: needs at least 4 samples.*the runs have 1/);
  });
});

describe('leavers of a run', () => {
  it('count leavers and the list as the runs do, and slope 7·(λ − cμ) a week for a list that cannot keep up', () => {
    const s = clinic(false, 280);
    const slow = { ...s, stages: { clinic: { ...s.stages.clinic!, capacity: 7 } } };
    return import('../../src/experiment/run.js').then(({ runExperimentSync }) => {
      const r = runExperimentSync(parseScenario(slow as never), { replications: 4 });
      const runs = r.variants.base!.replications;
      const l = leaversOf(runs);
      expect(l.waitingAtEnd.mean).toBe(runs.reduce((a, x) => a + x.patients.waiting, 0) / runs.length);
      expect(l.left.mean).toBe(0);
      // λ − cμ = 3 a day ⇒ 21 a week; each run's slope is within a few √(2λ·t)/t of it.
      expect(l.growthPerWeek.mean).toBeGreaterThan(21 - 4);
      expect(l.growthPerWeek.mean).toBeLessThan(21 + 4);
      expect(l.stages.clinic!.growthPerWeek.mean).toBe(l.growthPerWeek.mean);
    });
  });

  it('sweep points carry each variant\'s leavers', async () => {
    const sweep = await runSweep(clinic(true, 100), { set: { 'stages.clinic.capacity': [8, 12] }, replications: 2, workers: 1 });
    const [p8, p12] = sweep.points.map((p) => p.leavers.base!);
    expect(p8!.left.mean).toBeGreaterThan(p12!.left.mean);
    expect(p8!.left.mean).toBe(sweep.points[0]!.result.variants.base!.metrics['patients.abandoned']!.mean);
  });
});
