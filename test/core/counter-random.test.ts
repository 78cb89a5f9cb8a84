/**
 * The counter-based generator: a pure function, uniform, and with no correlation between
 * neighbouring addresses (consecutive patients, visits, draws, sources and streams), which is
 * where a weak hash would show.
 */
import { describe, expect, it } from 'vitest';
import { absorbA, absorbB, counterUniform, hashKey, keyedUniform, streamKey, unabsorbA } from '../../src/core/counter-random.js';
import { normalQuantile } from '../../src/core/special.js';

const [KA, KB] = streamKey(2026, 0, 'test/ct');

/**
 * Upper (or lower) `p` quantile of chi-square with `df` degrees of freedom, by Wilson–Hilferty
 * (relative error well under 1% for df ≥ 99, far less than the gap between a good and a bad hash).
 */
function chiSquareQuantile(df: number, p: number): number {
  const z = normalQuantile(p);
  const c = 2 / (9 * df);
  return df * (1 - c + z * Math.sqrt(c)) ** 3;
}

/** Chi-square statistic of n uniforms in `bins` equal bins. */
function chiSquare(draw: (i: number) => number, n: number, bins: number): number {
  const counts = new Float64Array(bins);
  for (let i = 0; i < n; i++) counts[Math.floor(draw(i) * bins)]++;
  const e = n / bins;
  let x2 = 0;
  for (const c of counts) x2 += (c - e) ** 2 / e;
  return x2;
}

/** Pearson correlation of x(i) and y(i) over i < n. */
function correlation(x: (i: number) => number, y: (i: number) => number, n: number): number {
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = x(i);
    const b = y(i);
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  const cov = sxy / n - (sx / n) * (sy / n);
  return cov / Math.sqrt((sxx / n - (sx / n) ** 2) * (syy / n - (sy / n) ** 2));
}

describe('counterUniform', () => {
  it('is a pure function of its inputs, and every input matters', () => {
    const args: [number, number, number, number, number, number] = [KA, KB, 7, 41, 0, 0];
    const u = counterUniform(...args);
    expect(counterUniform(...args)).toBe(u);
    for (let i = 0; i < args.length; i++) {
      const changed = [...args] as typeof args;
      changed[i] = (changed[i]! + 1) | 0;
      expect(counterUniform(...changed), `input ${i}`).not.toBe(u);
    }
    // Keys are pure functions of (seed, replication, name) and differ when any of them does.
    expect(streamKey(2026, 0, 'test/ct')).toEqual([KA, KB]);
    const others = [streamKey(2027, 0, 'test/ct'), streamKey(2026, 1, 'test/ct'), streamKey(2026, 0, 'test/cu'), streamKey('2026', 0, 'test/ct')];
    for (const k of others) expect(k).not.toEqual([KA, KB]);
    expect(hashKey('ab')).not.toEqual(hashKey('ba'));
  });

  it('is uniform on [0, 1) over 1e6 consecutive patients (chi-square, 1000 bins)', () => {
    const n = 1_000_000;
    let min = 1;
    let max = 0;
    const x2 = chiSquare(
      (i) => {
        const u = counterUniform(KA, KB, 3, i, 0, 0);
        if (u < min) min = u;
        if (u > max) max = u;
        return u;
      },
      n,
      1000,
    );
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Two-sided at 1e-4 each way: df = 999 gives about [838, 1168]. The lower bound catches a
    // sequence that is too even to be random (e.g. a stratified counter).
    expect(x2).toBeLessThan(chiSquareQuantile(999, 1 - 1e-4));
    expect(x2).toBeGreaterThan(chiSquareQuantile(999, 1e-4));
  });

  it('is uniform along every input: visits, draws, sources, keys (chi-square, 100 bins)', () => {
    const n = 200_000;
    const hi = chiSquareQuantile(99, 1 - 1e-4); // about 153
    const lo = chiSquareQuantile(99, 1e-4); // about 55
    const keys = Array.from({ length: 1000 }, (_, k) => streamKey(2026, k, 'routing/a'));
    const directions: [string, (i: number) => number][] = [
      ['visit', (i) => counterUniform(KA, KB, 3, 17, i, 0)],
      ['draw', (i) => counterUniform(KA, KB, 3, 17, 0, i)],
      ['source', (i) => counterUniform(KA, KB, i, 17, 0, 0)],
      ['key', (i) => counterUniform(keys[i % 1000]![0], keys[i % 1000]![1], 3, Math.floor(i / 1000), 0, 0)],
    ];
    for (const [name, draw] of directions) {
      const x2 = chiSquare(draw, n, 100);
      expect(x2, name).toBeLessThan(hi);
      expect(x2, name).toBeGreaterThan(lo);
    }
  });

  it('uses all 53 bits: the lowest bit is a fair coin', () => {
    const n = 1_000_000;
    let odd = 0;
    for (let i = 0; i < n; i++) odd += (counterUniform(KA, KB, 3, i, 0, 0) * 2 ** 53) % 2;
    // Binomial(n, 1/2): SE = 500; 5 SE.
    expect(Math.abs(odd - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
  });

  it('neighbouring addresses are uncorrelated (|r| < 5 SE, SE = 1/√n)', () => {
    const n = 1_000_000;
    const bound = 5 / Math.sqrt(n);
    const [RA, RB] = streamKey(2026, 0, 'routing/ct');
    const pairs: [string, (i: number) => number, (i: number) => number][] = [
      ['next patient', (i) => counterUniform(KA, KB, 3, i, 0, 0), (i) => counterUniform(KA, KB, 3, i + 1, 0, 0)],
      ['next visit', (i) => counterUniform(KA, KB, 3, i, 0, 0), (i) => counterUniform(KA, KB, 3, i, 1, 0)],
      ['revisits 1 and 2', (i) => counterUniform(KA, KB, 3, i, 1, 0), (i) => counterUniform(KA, KB, 3, i, 2, 0)],
      ['next draw', (i) => counterUniform(KA, KB, 3, i, 0, 1), (i) => counterUniform(KA, KB, 3, i, 0, 2)],
      ['next source', (i) => counterUniform(KA, KB, 3, i, 0, 0), (i) => counterUniform(KA, KB, 4, i, 0, 0)],
      ['another stream', (i) => counterUniform(KA, KB, 3, i, 0, 0), (i) => counterUniform(RA, RB, 3, i, 0, 0)],
    ];
    for (const [name, x, y] of pairs) expect(Math.abs(correlation(x, y, n)), name).toBeLessThan(bound);
    // And the pairs (u_i, u_i+1) fill the unit square evenly: 10 × 10 cells, chi-square df 99.
    const counts = new Float64Array(100);
    for (let i = 0; i < n; i++) {
      const a = Math.floor(counterUniform(KA, KB, 3, i, 0, 0) * 10);
      const b = Math.floor(counterUniform(KA, KB, 3, i + 1, 0, 0) * 10);
      counts[a * 10 + b]++;
    }
    const e = n / 100;
    const x2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    expect(x2).toBeLessThan(chiSquareQuantile(99, 1 - 1e-4));
  });
});

describe('keyedUniform with patient keys from absorbA/absorbB', () => {
  // As the engine does: a source's key, absorbed with the serial once per patient, then one
  // keyedUniform per draw with a stream's key and the visit.
  const [SA, SB] = streamKey(2026, 0, 'patients/arrivals/gp');
  const [S2A, S2B] = streamKey(2026, 0, 'patients/arrivals/a-and-e');
  const [RA, RB] = streamKey(2026, 0, 'routing/ct');
  const draw = (i: number, visit = 0, sa = SA, sb = SB, ka = KA, kb = KB) => keyedUniform(absorbA(sa, i), absorbB(sb, i), ka, kb, visit);

  it('is a pure function, every input matters, and one source never gives two patients one key', () => {
    const u = draw(41);
    expect(draw(41)).toBe(u);
    const args: [number, number, number, number, number] = [absorbA(SA, 41), absorbB(SB, 41), KA, KB, 0];
    for (let i = 0; i < args.length; i++) {
      const changed = [...args] as typeof args;
      changed[i] = (changed[i]! + 1) | 0;
      expect(keyedUniform(...changed), `input ${i}`).not.toBe(u);
    }
    // absorbA is a bijection of the serial for a fixed key: 1e6 serials, 1e6 distinct lane-A keys.
    const seen = new Set<number>();
    let undone = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const k = absorbA(SA, i);
      seen.add(k);
      if (unabsorbA(SA, k) === i) undone++;
    }
    expect(seen.size).toBe(1_000_000);
    // And it can be undone (the engine recovers a patient's serial from the key).
    expect(undone).toBe(1_000_000);
    expect(unabsorbA(SA, absorbA(SA, -1))).toBe(-1);
  });

  it('is uniform on [0, 1) over 1e6 consecutive patients, and along visits, streams and sources', () => {
    let min = 1;
    let max = 0;
    const x2 = chiSquare(
      (i) => {
        const u = draw(i);
        if (u < min) min = u;
        if (u > max) max = u;
        return u;
      },
      1_000_000,
      1000,
    );
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(x2).toBeLessThan(chiSquareQuantile(999, 1 - 1e-4));
    expect(x2).toBeGreaterThan(chiSquareQuantile(999, 1e-4));
    const n = 200_000;
    const keys = Array.from({ length: 1000 }, (_, k) => streamKey(2026, k, 'routing/a'));
    const sources = Array.from({ length: 1000 }, (_, k) => streamKey(2026, 0, `patients/arrivals/s${k}`));
    const directions: [string, (i: number) => number][] = [
      ['visit', (i) => draw(17, i)],
      ['stream', (i) => draw(Math.floor(i / 1000), 0, SA, SB, keys[i % 1000]![0], keys[i % 1000]![1])],
      ['source', (i) => draw(Math.floor(i / 1000), 0, sources[i % 1000]![0], sources[i % 1000]![1])],
    ];
    for (const [name, d] of directions) {
      const x = chiSquare(d, n, 100);
      expect(x, name).toBeLessThan(chiSquareQuantile(99, 1 - 1e-4));
      expect(x, name).toBeGreaterThan(chiSquareQuantile(99, 1e-4));
    }
  });

  it('uses all 53 bits: the lowest bit is a fair coin', () => {
    const n = 1_000_000;
    let odd = 0;
    for (let i = 0; i < n; i++) odd += (draw(i) * 2 ** 53) % 2;
    expect(Math.abs(odd - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
  });

  it('neighbouring addresses are uncorrelated (|r| < 5 SE), and pairs fill the unit square', () => {
    const n = 1_000_000;
    const bound = 5 / Math.sqrt(n);
    const pairs: [string, (i: number) => number, (i: number) => number][] = [
      ['next patient', (i) => draw(i), (i) => draw(i + 1)],
      ['next visit', (i) => draw(i), (i) => draw(i, 1)],
      ['revisits 1 and 2', (i) => draw(i, 1), (i) => draw(i, 2)],
      ['test and routing of one visit', (i) => draw(i), (i) => draw(i, 0, SA, SB, RA, RB)],
      ['same serial, another source', (i) => draw(i), (i) => draw(i, 0, S2A, S2B)],
    ];
    for (const [name, x, y] of pairs) expect(Math.abs(correlation(x, y, n)), name).toBeLessThan(bound);
    for (const [name, x, y] of pairs) {
      const counts = new Float64Array(100);
      for (let i = 0; i < n; i++) counts[Math.floor(x(i) * 10) * 10 + Math.floor(y(i) * 10)]++;
      const e = n / 100;
      const x2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
      expect(x2, name).toBeLessThan(chiSquareQuantile(99, 1 - 1e-4));
    }
  });
});
