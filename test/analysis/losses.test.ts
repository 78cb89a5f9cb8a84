/**
 * `analyse` with hospital-side losses: effective capacity = capacity × (1 − cancellations) ×
 * (1 − DNA share), checked by hand and against the simulated utilisation; a lead time adds its
 * days to the wait.
 */
import { describe, expect, it } from 'vitest';
import { analyseModel } from '../../src/analysis/analyse-model.js';
import { resolveScenario, simulate } from '../../src/pathway/index.js';
import { scenario } from '../pathway/helpers.js';

const clinic = (losses: Record<string, unknown>) =>
  scenario({
    horizon: 4000,
    arrivals: { gp: { to: 'clinic', rate: { perDay: 6 } } },
    stages: { clinic: { capacity: { slots: 10, per: 'day' }, ...losses } },
  });

describe('analyse with losses', () => {
  it('uses the effective capacity slots × (1 − c) × (1 − p), as the simulation does', () => {
    const s = clinic({ dna: { share: 0.2, rebookAfter: '7d' }, cancellations: { share: 0.1 } });
    const a = analyseModel(resolveScenario(s)).stages.clinic!;
    expect(a.capacityRate).toBeCloseTo(10 * 0.9 * 0.8, 12);
    expect(a.utilisation).toBeCloseTo(6 / 7.2, 12);
    expect(a.wait.mean).toBeNull();
    expect(a.wait.note).toMatch(/simulate for waits/);
    // Simulated: slots used (attendances and DNAs) ÷ slots that ran (9 a day on average). Slot
    // uses are a compound Poisson sum: 6 patients a day, each using a geometric number of slots
    // (mean 1/(1 − p), second moment (1 + p)/(1 − p)²), so var(uses) = 6T(1 + p)/(1 − p)².
    const r = simulate(s);
    const p = 0.2;
    const se = Math.sqrt((6 * r.horizon * (1 + p)) / (1 - p) ** 2) / (9 * r.horizon);
    expect(5 * se).toBeLessThan(0.04);
    expect(Math.abs(r.stages.clinic!.utilisation - a.utilisation)).toBeLessThan(5 * se);
  });

  it('adds the lead time to the wait and says so', () => {
    const without = analyseModel(resolveScenario(clinic({}))).stages.clinic!.wait;
    const model = resolveScenario(clinic({ leadTime: '7d' }));
    const a = analyseModel(model);
    expect(without.mean).not.toBeNull();
    expect(a.stages.clinic!.wait.mean).toBeCloseTo(without.mean! + 7, 12);
    expect(a.stages.clinic!.wait.exact).toBe(false);
    expect(a.notes.some((n) => /clinic: a booking lead time of 7 days/.test(n))).toBe(true);
  });

  it('discharge after k DNAs in a row: load and flow on are arrivals × (1 − p^k)', () => {
    // p = 0.3, k = 2: a share p² = 0.09 is discharged; each patient uses 1 slot w.p. 0.7 and 2
    // w.p. 0.3 (1.3 slots: 0.91 attendances and 0.39 DNAs), so utilisation = 20 × 1.3 ÷ 40 = 0.65.
    const s = scenario({
      horizon: 500,
      arrivals: { gp: { to: 'clinic', rate: { perDay: 20 } } },
      stages: {
        clinic: { capacity: { slots: 40, per: 'day' }, dna: { share: 0.3, rebookAfter: '7d', dischargeAfter: 2 }, next: [{ to: 'after' }] },
        after: { capacity: 'unlimited', service: 0 },
      },
    });
    const a = analyseModel(resolveScenario(s));
    expect(a.stages.after!.arrivalRate).toBeCloseTo(20 * (1 - 0.09), 12);
    expect(a.stages.clinic!.arrivalRate).toBeCloseTo(20, 12);
    expect(a.stages.clinic!.utilisation).toBeCloseTo(0.65, 12);
    expect(a.stages.clinic!.throughputRate).toBeCloseTo(18.2, 12);
    expect(a.notes.some((n) => /clinic: .*discharged after 2 DNAs in a row.*× 0\.91/.test(n))).toBe(true);
    // Simulated: the share discharged is binomial over the patients whose clinic visits ended.
    const r = simulate(s);
    const discharged = r.stages.clinic!.discharged!;
    const n = discharged + r.stages.after!.started;
    const shareSe = Math.sqrt((0.09 * 0.91) / n);
    expect(5 * shareSe).toBeLessThan(0.02);
    expect(Math.abs(discharged / n - 0.09)).toBeLessThan(5 * shareSe);
    // Slot uses: a compound Poisson sum with E[N²] = 0.7 + 4 × 0.3 = 1.9 per patient.
    const uSe = Math.sqrt(20 * r.horizon * 1.9) / (40 * r.horizon);
    expect(5 * uSe).toBeLessThan(0.04); // the old reading, 20 ÷ 28 = 0.714, lies outside
    expect(Math.abs(r.stages.clinic!.utilisation - 0.65)).toBeLessThan(5 * uSe);
  });
});
