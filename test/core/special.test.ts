import { describe, expect, it } from 'vitest';
import { logGamma, normalCdf, normalQuantile } from '../../src/core/special.js';

describe('normalQuantile (AS 241)', () => {
  // Reference quantiles of the standard normal (published tables / R's qnorm to 16 digits).
  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.25, -0.6744897501960817],
    [0.8413447460685429, 1], // Φ(1)
    [0.022750131948179195, -2], // Φ(−2)
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%d) = %d', (p, x) => {
    expect(Math.abs(normalQuantile(p) - x)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(x)));
  });

  it('is antisymmetric: Φ⁻¹(1 − p) = −Φ⁻¹(p)', () => {
    for (const p of [0.01, 0.1, 0.3, 0.45]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 13);
  });

  it('handles the ends of [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(Number.NaN)).toBeNaN();
    expect(Number.isFinite(normalQuantile(2 ** -33))).toBe(true);
  });
});

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [-1, 0.15865525393145707],
    [1.96, 0.9750021048517795],
    [-3, 0.0013498980316301],
    [-2, 0.022750131948179195],
  ])('Φ(%d) = %d to 1e-15', (x, p) => {
    expect(Math.abs(normalCdf(x) - p)).toBeLessThan(1e-15);
  });

  it('inverts normalQuantile to 1e-15', () => {
    for (let i = 1; i < 1000; i++) {
      const p = i / 1000;
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-15);
    }
  });
});

describe('logGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [11, Math.log(3628800)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [0.1, Math.log(9.513507698668732)],
  ])('lnΓ(%d) = %d', (x, v) => {
    expect(Math.abs(logGamma(x) - v)).toBeLessThan(1e-13 * Math.max(1, Math.abs(v)));
  });

  it('satisfies Γ(x + 1) = xΓ(x)', () => {
    for (const x of [0.3, 1.7, 4.2, 30.5]) expect(logGamma(x + 1)).toBeCloseTo(Math.log(x) + logGamma(x), 11);
  });
});
