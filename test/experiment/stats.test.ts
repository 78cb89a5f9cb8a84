import { describe, expect, it } from 'vitest';
import { halfWidth95, lowerBound, pairedDifference, regularizedBeta, studentTCdf, studentTQuantile, summarise } from '../../src/experiment/stats.js';

describe('Student t quantile', () => {
  // Tabulated two-sided 95% critical values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2),
  // given to 3 decimals there, so compared to within 5e-4.
  it.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [9, 2.262],
    [29, 2.045],
    [1000, 1.962],
  ])('t(0.975, %i) = %f', (df, expected) => {
    expect(Math.abs(studentTQuantile(0.975, df) - expected)).toBeLessThan(5e-4);
  });

  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    for (const p of [0.51, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 0.9999]) {
      const cauchy = Math.tan(Math.PI * (p - 0.5));
      const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      // Relative error: the p = 0.9999 Cauchy quantile is about 3183.
      expect(Math.abs(studentTQuantile(p, 1) / cauchy - 1)).toBeLessThan(1e-11);
      expect(Math.abs(studentTQuantile(p, 2) / two - 1)).toBeLessThan(1e-11);
    }
  });

  it('is symmetric, inverts the CDF, and tends to the normal quantile', () => {
    for (const df of [1, 3, 7.5, 30, 200]) {
      for (const p of [0.001, 0.05, 0.3, 0.7, 0.95, 0.999]) {
        const t = studentTQuantile(p, df);
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 10);
        expect(studentTCdf(t, df)).toBeCloseTo(p, 12);
      }
    }
    expect(studentTQuantile(0.5, 4)).toBe(0);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 5);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959964, 5);
  });

  it('rejects impossible arguments', () => {
    expect(() => studentTQuantile(1.2, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });

  it('regularized incomplete beta: known values', () => {
    expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
    // I_x(1, 1) = x and I_x(a, 1) = x^a.
    expect(regularizedBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.3, 3, 1)).toBeCloseTo(0.027, 14);
  });
});

describe('summaries', () => {
  it('mean, sample sd, t interval, min, max, n', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    const s = summarise(xs);
    const sd = Math.sqrt(32 / 7); // Σ(x − 5)² = 32
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(sd, 12);
    const h = (2.364624251592785 * sd) / Math.sqrt(8); // t(0.975, 7) from tables: 2.3646
    expect(s.ci95[0]).toBeCloseTo(5 - h, 9);
    expect(s.ci95[1]).toBeCloseTo(5 + h, 9);
    expect([s.min, s.max, s.n]).toEqual([2, 9, 8]);
    expect(halfWidth95(sd, 8)).toBeCloseTo(h, 9);
  });

  it('one value: no spread, a degenerate interval', () => {
    expect(summarise([3])).toEqual({ mean: 3, sd: 0, ci95: [3, 3], min: 3, max: 3, n: 1 });
    expect(() => summarise([])).toThrow();
  });

  it('paired difference is the summary of the differences', () => {
    const c = pairedDifference([11, 13, 12, 15], [10, 11, 11, 12]);
    const d = summarise([1, 2, 1, 3]);
    expect(c).toEqual({ meanDiff: d.mean, sd: d.sd, ci95: d.ci95, n: 4 });
    expect(() => pairedDifference([1], [1, 2])).toThrow();
  });

  it('one-sided lower bound uses t(confidence, n − 1)', () => {
    const s = summarise([0.9, 0.94, 0.96, 0.92, 0.93]);
    expect(lowerBound(s, 0.5)).toBe(s.mean);
    expect(lowerBound(s, 0.95)).toBeCloseTo(s.mean - (2.131846786 * s.sd) / Math.sqrt(5), 8); // t(0.95, 4) = 2.1318
  });
});
