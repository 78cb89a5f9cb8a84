import { describe, expect, it } from 'vitest';
import { deriveSeed, RandomStreams, type Rng } from '../../src/core/random.js';

const take = (rng: Rng, n: number) => Array.from({ length: n }, () => rng());

function correlation(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('RandomStreams', () => {
  it('same seed, replication and name give the same sequence', () => {
    const a = new RandomStreams(2026, 3).stream('service/ct');
    const b = new RandomStreams(2026, 3).stream('service/ct');
    expect(take(a, 1000)).toEqual(take(b, 1000));
  });

  it('gives numbers in [0, 1)', () => {
    const xs = take(new RandomStreams('s').stream('u'), 10_000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('different names give different, uncorrelated sequences', () => {
    const streams = new RandomStreams(1);
    const n = 20_000;
    const x = take(streams.stream('arrivals/gp'), n);
    const y = take(streams.stream('arrivals/gp2'), n);
    expect(x).not.toEqual(y);
    // Independent uniforms: the sample correlation has SE 1/sqrt(n); allow 5 SE.
    expect(Math.abs(correlation(x, y))).toBeLessThan(5 / Math.sqrt(n));
  });

  it('creating other streams, in any order, does not change a stream’s draws', () => {
    const alone = take(new RandomStreams(7).stream('service/surgery'), 500);
    const busy = new RandomStreams(7);
    const other = busy.stream('arrivals/a');
    take(other, 123);
    busy.stream('zzz');
    const s = busy.stream('service/surgery');
    const interleaved: number[] = [];
    for (let i = 0; i < 500; i++) {
      interleaved.push(s());
      other(); // drawing from another stream in between changes nothing either
    }
    expect(interleaved).toEqual(alone);
  });

  it('replications give different, uncorrelated sequences', () => {
    const n = 20_000;
    const r0 = take(new RandomStreams(2026, 0).stream('x'), n);
    const r1 = take(new RandomStreams(2026, 1).stream('x'), n);
    expect(r0).not.toEqual(r1);
    expect(Math.abs(correlation(r0, r1))).toBeLessThan(5 / Math.sqrt(n));
  });

  it('different seeds give different sequences; the number 1 and the string "1" differ', () => {
    const first = (seed: number | string) => take(new RandomStreams(seed).stream('x'), 5);
    expect(first(1)).not.toEqual(first(2));
    expect(first(1)).not.toEqual(first('1'));
    expect(first(1)).toEqual(first(1));
  });

  it('asking twice for a name returns the same, continuing generator', () => {
    const streams = new RandomStreams(5);
    const a = streams.stream('x');
    const first = a();
    const b = streams.stream('x');
    expect(b).toBe(a);
    expect(b()).not.toBe(first);
    expect(streams.names()).toEqual(['x']);
  });

  it('looks uniform: mean and variance within 5 standard errors', () => {
    const n = 200_000;
    const xs = take(new RandomStreams(99).stream('u'), n);
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    // U(0,1): mean 1/2 with SE sqrt(1/12/n); variance 1/12 with SE sqrt((mu4 - sigma^4)/n),
    // mu4 = 1/80, sigma^4 = 1/144.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  it('rejects bad seeds and replications', () => {
    expect(() => new RandomStreams(Number.NaN)).toThrow(/seed/);
    expect(() => new RandomStreams(1, -1)).toThrow(/replication/);
    expect(() => new RandomStreams(1, 1.5)).toThrow(/replication/);
  });

  it('deriveSeed is unambiguous', () => {
    expect(deriveSeed('a', 1)).not.toBe(deriveSeed('a1'));
    expect(deriveSeed(1)).not.toBe(deriveSeed('1'));
    expect(deriveSeed('a', 'b')).not.toBe(deriveSeed('a,b'));
  });
});
