import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { allenCunneenWait, erlangB, erlangC, kingmanWait, mmcWait } from '../../src/analysis/queueing.js';

/** Erlang C from the textbook definition, summing a^k/k! in logs (independent of the recursion). */
function erlangCDirect(c: number, a: number): number {
  const logTerms: number[] = [];
  let logFact = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) logFact += Math.log(k);
    logTerms.push(k * Math.log(a) - logFact);
  }
  const logLast = c * Math.log(a) - (logFact + Math.log(c)) - Math.log(1 - a / c);
  const max = Math.max(...logTerms, logLast);
  const sum = logTerms.reduce((s, t) => s + Math.exp(t - max), 0) + Math.exp(logLast - max);
  return Math.exp(logLast - max) / sum;
}

describe('M/M/c (Erlang C)', () => {
  it('reproduces the textbook M/M/3 example: λ = 6/h, μ = 3/h gives P0 = 1/9 and W = 0.4814815 h', () => {
    const m = mmcWait(6, 3, 3);
    expect(m.P0).toBeCloseTo(1 / 9, 12);
    expect(m.W).toBeCloseTo(0.4814815, 7);
    expect(m.Pw).toBeCloseTo(4 / 9, 12); // (a^c/c!)/(1−ρ)·P0 = (8/6)/(1/3)/9
    expect(m.Wq).toBeCloseTo(4 / 27, 12);
  });

  it('gives mm1.yaml its commented answer: ρ = 0.9, Wq = 9 days, Lq = 8.1, W = 10', () => {
    const m = mmcWait(0.9, 1, 1);
    expect(m.Wq).toBeCloseTo(9, 10);
    expect(m.Lq).toBeCloseTo(8.1, 10);
    expect(m.W).toBeCloseTo(10, 10);
    expect(m.P0).toBeCloseTo(0.1, 12);
  });

  it('gives tandem.yaml its commented answers: Wq = 0.3511 d (M/M/3) and 1.2789 d (M/M/2)', () => {
    expect(mmcWait(10, 1 / 0.25, 3).Wq).toBeCloseTo(0.3511, 4);
    expect(mmcWait(6, 1 / 0.3, 2).Wq).toBeCloseTo(1.2789, 4);
  });

  it('obeys Little’s law and W = Wq + 1/μ', () => {
    const m = mmcWait(7.3, 0.9, 10);
    expect(m.Lq).toBeCloseTo(7.3 * m.Wq, 12);
    expect(m.L).toBeCloseTo(7.3 * m.W, 12);
    expect(m.W - m.Wq).toBeCloseTo(1 / 0.9, 12);
  });

  it('matches the direct definition of Erlang C, also for 1000 servers', () => {
    for (const [c, a] of [
      [1, 0.5],
      [2, 1],
      [5, 4.2],
      [10, 9.5],
      [50, 30],
      [1000, 950],
    ] as const) {
      expect(erlangC(c, a)).toBeCloseTo(erlangCDirect(c, a), 10);
    }
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    const big = mmcWait(950, 1, 1000);
    expect(big.P0).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(big.Wq)).toBe(true);
  });

  it('Erlang B matches a published table value (5 erlangs on 10 lines: 0.01838)', () => {
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 5);
    expect(erlangB(1, 3)).toBeCloseTo(3 / 4, 12);
  });

  it('says an overloaded queue grows without bound instead of returning a negative wait', () => {
    const m = mmcWait(3, 1, 3);
    expect(m.Pw).toBe(1);
    expect(m.Wq).toBe(Infinity);
    expect(erlangC(3, 3.5)).toBe(1);
  });

  it('an idle queue has no wait', () => {
    const m = mmcWait(0, 2, 4);
    expect(m.P0).toBe(1);
    expect(m.Wq).toBe(0);
  });
});

describe('approximations', () => {
  it('Allen–Cunneen with Poisson arrivals and exponential service is Erlang C exactly', () => {
    const exact = mmcWait(8, 1, 10);
    expect(allenCunneenWait(8, 1, 10, 1, 1).Wq).toBeCloseTo(exact.Wq, 12);
  });

  it('Kingman with Poisson arrivals is the exact Pollaczek–Khinchine M/G/1 wait (M/D/1: ρ/(2μ(1−ρ)))', () => {
    const lambda = 0.8;
    const mu = 1;
    expect(kingmanWait(lambda, mu, 1, 0).Wq).toBeCloseTo(0.8 / (2 * 0.2), 12);
    expect(kingmanWait(lambda, mu, 1, 1).Wq).toBeCloseTo(mmcWait(lambda, mu, 1).Wq, 12);
  });

  it('Allen–Cunneen with one server equals Kingman', () => {
    expect(allenCunneenWait(0.6, 1, 1, 0.5, 2).Wq).toBeCloseTo(kingmanWait(0.6, 1, 0.5, 2).Wq, 12);
  });

  it('scales the M/M/c wait by (ca² + cs²)/2', () => {
    const base = mmcWait(4, 1, 5).Wq;
    expect(allenCunneenWait(4, 1, 5, 0.2, 0.6).Wq).toBeCloseTo(base * 0.4, 12);
  });
});

describe('bad arguments', () => {
  it('name the argument, the value and what was expected', () => {
    expect(() => mmcWait(1, 1, 2.5)).toThrow(ValidationError);
    expect(() => mmcWait(1, 1, 2.5)).toThrow('c: expected a positive integer, got 2.5');
    expect(() => mmcWait(-1, 1, 1)).toThrow('lambda: expected a number ≥ 0, got -1');
    expect(() => mmcWait(1, 0, 1)).toThrow('mu: expected a positive number, got 0');
    expect(() => kingmanWait(1, 2, NaN, 1)).toThrow('ca2: expected a finite number, got NaN');
    expect(() => erlangC(0, 1)).toThrow('c: expected a positive integer, got 0');
  });
});
