import { describe, expect, it } from 'vitest';
import { sortAscending } from '../../src/pathway/engine.js';

describe('sortAscending (initial waits)', () => {
  it('gives exactly what Float64Array.prototype.sort gives, on a radix-sized array with every kind of double', () => {
    let x = 42;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const n = 200_000; // above the radix threshold
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = next();
      a[i] = u < 0.05 ? -next() * 1e3 : u < 0.1 ? Math.floor(next() * 10) : -Math.log(1 - next()) * 100;
    }
    const specials = [0, -0, 0, -0, 5e-324, -5e-324, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** -1074, 1, 1, 1];
    specials.forEach((v, i) => (a[i * 1000] = v));
    const expected = a.slice().sort();
    const got = sortAscending(a.slice());
    expect(got.length).toBe(n);
    let mismatches = 0;
    for (let i = 0; i < n; i++) if (!Object.is(got[i], expected[i])) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('sorts small arrays and arrays whose keys share digits (skipped passes)', () => {
    expect([...sortAscending(Float64Array.from([3, -1, 2, -0, 0]))]).toEqual([-1, -0, 0, 2, 3]);
    const same = new Float64Array(70_000).fill(7.5);
    same[123] = 7.25;
    const sorted = sortAscending(same);
    expect(sorted[0]).toBe(7.25);
    expect(sorted[69_999]).toBe(7.5);
  });
});
