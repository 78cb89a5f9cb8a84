import { describe, expect, it } from 'vitest';
import { costEffectiveness } from '../../src/experiment/cea.js';
import { acceptabilityCurve, thresholdGrid } from '../../src/experiment/ceac.js';
import { fiellerInterval } from '../../src/experiment/fieller.js';
import { varianceSplit } from '../../src/experiment/psa-variance.js';
import { summarise } from '../../src/experiment/stats.js';
import { ValidationError } from '../../src/core/errors.js';
import { ARMS, BASE, fakeExperiment } from './cea-fixture.js';

/** t(0.975, 2) in closed form: (2p − 1)·√(2 / (4p(1 − p))). */
const T2 = 0.95 * Math.sqrt(2 / (4 * 0.975 * 0.025));
const close = (a: number, b: number, rel = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe('costEffectiveness: a hand-computed example', () => {
  const cea = costEffectiveness(fakeExperiment(ARMS));
  const ai = cea.variants.find((v) => v.variant === 'ai')!;

  it('gives the paired increments and the ICER', () => {
    // Δcost = 2000, 2100, 1900 → 2000; ΔQALY = 0.1, 0.12, 0.1 → 0.32/3; ICER = 6000/0.32 = 18,750.
    close(ai.cost.meanDiff, 2000);
    close(ai.effect.meanDiff, 0.32 / 3);
    expect(ai.icer.verdict).toBe('ratio');
    close(ai.icer.ratio!, 18_750);
    expect(ai.plane.cost).toEqual([2000, 2100, 1900]);
  });

  it('gives net monetary benefit with its paired t interval', () => {
    // At £20,000: 20,000·ΔQALY − Δcost = 0, 300, 100 → mean 400/3, sd √(70,000/3)
    const nmb = ai.netBenefit.find((b) => b.threshold === 20_000)!;
    const sd = Math.sqrt(((400 / 3) ** 2 + (500 / 3) ** 2 + (100 / 3) ** 2) / 2);
    close(nmb.nmb.meanDiff, 400 / 3);
    close(nmb.nmb.sd, sd);
    close(nmb.nmb.ci95[0], 400 / 3 - (T2 * sd) / Math.sqrt(3), 1e-7);
    close(nmb.nmb.ci95[1], 400 / 3 + (T2 * sd) / Math.sqrt(3), 1e-7);
    expect(nmb.positiveShare).toBeCloseTo(2 / 3, 12);
    expect(cea.thresholds).toEqual([20_000, 30_000]);
  });

  it('names dominance instead of quoting a negative ICER', () => {
    const by = Object.fromEntries(cea.variants.map((v) => [v.variant, v.icer]));
    expect(by.worse).toMatchObject({ verdict: 'dominated' });
    expect(by.worse!.ratio).toBeUndefined();
    expect(by.better).toMatchObject({ verdict: 'dominant' });
    expect(by.better!.ratio).toBeUndefined();
    // Saves £1,000 for 0.01 QALY given up: £100,000 saved per QALY lost, a positive number.
    expect(by.cheap!.verdict).toBe('saves-for-less');
    close(by.cheap!.ratio!, 100_000);
  });

  it('compares with another comparator and another effect', () => {
    const vsAi = costEffectiveness(fakeExperiment(ARMS), { comparator: 'ai' });
    expect(vsAi.comparator).toBe('ai');
    expect(vsAi.variants.map((v) => v.variant)).toEqual(['base', 'worse', 'better', 'cheap']);
    const arms = { base: { ...BASE, treated62: [5, 6, 7] }, ai: { ...ARMS.ai!, treated62: [9, 9, 9] } };
    const byTarget = costEffectiveness(fakeExperiment(arms), { effect: 'targets.treatment-62d.met', thresholds: [500] });
    close(byTarget.variants[0]!.effect.meanDiff, 3);
    close(byTarget.variants[0]!.icer.ratio!, 2000 / 3);
  });

  it('refuses an unknown comparator, runs without economics and a missing effect', () => {
    expect(() => costEffectiveness(fakeExperiment(ARMS), { comparator: 'nope' })).toThrow(/comparator: unknown variant "nope"/);
    const bare = fakeExperiment(ARMS);
    delete (bare.variants.ai!.replications[1] as { economics?: unknown }).economics;
    try {
      costEffectiveness(bare);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]).toMatchObject({ path: 'economics' });
      expect((e as Error).message).toMatch(/replication 1 of variant "ai" carries no economics/);
    }
    expect(() => costEffectiveness(fakeExperiment(ARMS), { effect: 'targets.nope.met' })).toThrow(/effect: .*no number at "targets.nope.met"/);
    expect(() => costEffectiveness(fakeExperiment(ARMS), { thresholds: [-1] })).toThrow(/thresholds\[0\]/);
  });
});

describe("Fieller's interval", () => {
  /** Paired t statistic of x − R·y: the interval's ends are where it equals ±t. */
  const tAt = (x: number[], y: number[], r: number) => {
    const s = summarise(x.map((xi, i) => xi - r * y[i]!));
    return s.mean / (s.sd / Math.sqrt(x.length));
  };

  it('bounds the ratio where the paired t statistic reaches the critical value', () => {
    const x = [2000, 2100, 1900];
    const y = [0.1, 0.12, 0.1];
    const set = fiellerInterval(x, y);
    expect(set.kind).toBe('interval');
    if (set.kind !== 'interval') return;
    close(Math.abs(tAt(x, y, set.lower)), T2, 1e-7);
    close(Math.abs(tAt(x, y, set.upper)), T2, 1e-7);
    expect(set.lower).toBeLessThan(18_750);
    expect(set.upper).toBeGreaterThan(18_750);
    expect(Math.abs(tAt(x, y, 18_750))).toBeLessThan(T2);
  });

  it('is unbounded when the effect is not clearly away from zero', () => {
    // Effects straddle 0: the denominator's interval contains 0.
    const outside = fiellerInterval([100, 110, 90, 105], [0.01, -0.01, 0.02, -0.015]);
    expect(outside.kind).not.toBe('interval');
    // Costs straddle 0 as well: every ratio is compatible with the data.
    expect(fiellerInterval([10, -12, 9, -8], [0.01, -0.01, 0.02, -0.015]).kind).toBe('unbounded');
    expect(fiellerInterval([1], [1]).kind).toBe('unbounded');
  });
});

describe('acceptability curve', () => {
  const cea = costEffectiveness(fakeExperiment(ARMS), { curve: [0, 20_000, 1e12] });
  it('at 0 the cheapest option wins; at a huge threshold the most effective', () => {
    expect(cea.acceptability.probability.cheap![0]).toBe(1);
    expect(cea.acceptability.probability.ai![2]).toBe(1);
    for (let k = 0; k < 3; k++) {
      const total = Object.values(cea.acceptability.probability).reduce((s, p) => s + p[k]!, 0);
      close(total, 1);
    }
  });

  it('shares a tie equally', () => {
    // ai vs base at £20,000: incremental NMB 0, 300, 100 → the tie in replication 0 counts half.
    const two = acceptabilityCurve({ base: { cost: BASE.cost, effect: BASE.qalys }, ai: { cost: ARMS.ai!.cost, effect: ARMS.ai!.qalys } }, [20_000]);
    close(two.probability.ai![0]!, 2.5 / 3);
    close(two.probability.base![0]!, 0.5 / 3);
  });

  it('has a default grid from 0 to 5/3 of the largest threshold', () => {
    const grid = thresholdGrid([20_000, 30_000]);
    expect(grid).toHaveLength(51);
    expect(grid[0]).toBe(0);
    expect(grid[50]).toBe(50_000);
    expect(thresholdGrid([25_000])).toContain(25_000);
  });
});

describe('variance split (regression metamodel)', () => {
  it('gives the adjusted R² of a hand-built case', () => {
    // y = 10θ + e with e orthogonal to 1 and θ: SSR = 100·17.5, SSE = 12, SST = 1762.
    const theta = [1, 2, 3, 4, 5, 6];
    const e = [1, -2, 1, 1, -2, 1];
    const y = theta.map((t, i) => 10 * t + e[i]!);
    const split = varianceSplit(y, theta.map((t) => ({ a: t, constant: 3 })))!;
    close(split.parameterShare, 1 - (12 / 4) / (1762 / 5));
    expect(split.parameters).toBe(1);
    expect(split.dominant).toBe('parameters');
    const noise = varianceSplit(e, theta.map((t) => ({ a: t })))!;
    expect(noise.parameterShare).toBe(0);
    expect(noise.dominant).toBe('noise');
    expect(varianceSplit([1, 2, 3], [{ a: 1 }, { a: 2 }, { a: 3 }])).toBeUndefined();
  });

  it('is reported per variant when runs carry drawn parameters', () => {
    const p = [0.8, 0.9, 0.85].map((s) => ({ 'stages.x.test.sensitivity': s }));
    const arms = {
      base: { cost: [1, 2, 3, 4, 5, 6], qalys: [0, 0, 0, 0, 0, 0], parameters: [...p, ...p] },
      ai: { cost: [11, 12, 13, 14, 15, 16], qalys: [1, 2, 3, 4, 5, 6], parameters: [1, 2, 3, 4, 5, 6].map((s) => ({ 'stages.x.test.sensitivity': s })) },
    };
    const v = costEffectiveness(fakeExperiment(arms)).variants[0]!;
    expect(v.uncertainty?.effect?.parameterShare).toBeCloseTo(1, 12);
  });
});
