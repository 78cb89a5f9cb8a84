/**
 * Sampling tests: every distribution's sample mean and variance against theory.
 *
 * Tolerance: 5 standard errors, with n = 200,000 draws from a fixed seed. The SE of the mean is
 * sqrt(σ²/n) with σ² the theoretical variance; the SE of the sample variance is
 * sqrt((μ₄ − σ⁴)/n), with the fourth central moment μ₄ estimated from the same sample (exact
 * for large n to well within the margin for the light-tailed parameters used here). A correct
 * sampler lands outside 5 SE with probability below 1e-6, so these cannot flake; a wrong
 * parameterisation (e.g. a lognormal fitted to the log's mean and sd) misses by hundreds of SE.
 */
import { describe, expect, it } from 'vitest';
import { compileDistribution, distributionMean, type DistributionSpec } from '../../src/core/distributions.js';
import { RandomStreams, type Rng } from '../../src/core/random.js';

const N = 200_000;

function moments(xs: Float64Array) {
  const n = xs.length;
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= n;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = (x - mean) ** 2;
    m2 += d;
    m4 += d * d;
  }
  return { mean, variance: m2 / (n - 1), m4: m4 / n };
}

function draw(spec: DistributionSpec, n = N, stream = JSON.stringify(spec)): Float64Array {
  const sampler = compileDistribution(spec, 'test');
  const rng = new RandomStreams(20260105).stream(stream);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = sampler.sample(rng);
  return xs;
}

/** Checks sampler.mean/variance against theory, and the sample against both within 5 SE. */
function checkMoments(spec: DistributionSpec, mean: number, variance: number) {
  const sampler = compileDistribution(spec, 'test');
  expect(sampler.mean).toBeCloseTo(mean, 10);
  expect(sampler.variance).toBeCloseTo(variance, 10);
  const xs = draw(spec);
  const s = moments(xs);
  const seMean = Math.sqrt(variance / N);
  const seVar = Math.sqrt((s.m4 - variance * variance) / N);
  expect(Math.abs(s.mean - mean)).toBeLessThan(5 * seMean);
  expect(Math.abs(s.variance - variance)).toBeLessThan(5 * seVar);
  expect(xs.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
}

/** ∫ f over [a, b] by composite Simpson's rule (for theory computed independently of the code). */
function simpson(f: (x: number) => number, a: number, b: number, steps = 20_000): number {
  const h = (b - a) / steps;
  let s = f(a) + f(b);
  for (let i = 1; i < steps; i++) s += f(a + i * h) * (i % 2 ? 4 : 2);
  return (s * h) / 3;
}

describe('distribution moments (n = 200k, 5 SE)', () => {
  it('fixed: a bare number, a duration string and {dist: fixed}', () => {
    for (const spec of [3, '3d', { dist: 'fixed', value: 3 }, { dist: 'fixed', value: '72h' }] as DistributionSpec[]) {
      const s = compileDistribution(spec, 'x');
      const rng = new RandomStreams(1).stream('x');
      expect([s.sample(rng), s.sample(rng)]).toEqual([3, 3]);
      expect(s.mean).toBe(3);
      expect(s.variance).toBe(0);
    }
  });

  it('a fixed value draws no random numbers (streams stay aligned)', () => {
    const rng: Rng = () => {
      throw new Error('should not draw');
    };
    expect(compileDistribution(5, 'x').sample(rng)).toBe(5);
    expect(compileDistribution({ dist: 'normal', mean: 2, sd: 0 }, 'x').sample(rng)).toBe(2);
  });

  it('exponential', () => checkMoments({ dist: 'exponential', mean: 2 }, 2, 4));
  it('exponential with a duration string mean', () => checkMoments({ dist: 'exponential', mean: '12h' }, 0.5, 0.25));
  it('uniform', () => checkMoments({ dist: 'uniform', min: 1, max: 5 }, 3, 16 / 12));
  it('triangular', () => checkMoments({ dist: 'triangular', min: 1, mode: 2, max: 6 }, 3, (1 + 4 + 36 - 2 - 6 - 12) / 18));
  it('triangular with the mode at an end', () =>
    checkMoments({ dist: 'triangular', min: 0, mode: 0, max: 3 }, 1, (0 + 9 + 0 - 0 - 0 - 0) / 18));

  it('normal far from 0 (truncation negligible)', () => checkMoments({ dist: 'normal', mean: 10, sd: 1 }, 10, 1));

  it('normal truncated at 0: the truncated mean and variance', () => {
    // Theory by numerical integration of the normal density on [0, ∞), not by the code's formula.
    const mu = 1;
    const sd = 2;
    const pdf = (x: number) => Math.exp(-(((x - mu) / sd) ** 2) / 2) / (sd * Math.sqrt(2 * Math.PI));
    const mass = simpson(pdf, 0, mu + 14 * sd);
    const mean = simpson((x) => x * pdf(x), 0, mu + 14 * sd) / mass;
    const second = simpson((x) => x * x * pdf(x), 0, mu + 14 * sd) / mass;
    expect(mean).toBeGreaterThan(1.5); // well above the untruncated mean: the test is sensitive
    checkMoments({ dist: 'normal', mean: mu, sd }, mean, second - mean * mean);
    expect(distributionMean({ dist: 'normal', mean: mu, sd })).toBeCloseTo(mean, 8);
  });

  it('normal with mean 0: half-normal', () =>
    checkMoments({ dist: 'normal', mean: 0, sd: 3 }, 3 * Math.sqrt(2 / Math.PI), 9 * (1 - 2 / Math.PI)));

  it('lognormal: mean and sd are those of the variable', () => {
    checkMoments({ dist: 'lognormal', mean: 14, sd: 5 }, 14, 25);
    checkMoments({ dist: 'lognormal', mean: '2d', sd: '12h' }, 2, 0.25);
  });

  it('gamma from mean and sd (non-integer shape: Marsaglia–Tsang)', () => checkMoments({ dist: 'gamma', mean: 3, sd: 2 }, 3, 4));
  it('gamma with shape < 1', () => checkMoments({ dist: 'gamma', shape: 0.5, scale: 2 }, 1, 2));
  it('gamma with a large shape', () => checkMoments({ dist: 'gamma', shape: 40.5, scale: 0.1 }, 4.05, 0.405));
  it('gamma with an integer shape', () => checkMoments({ dist: 'gamma', shape: 3, scale: 2 }, 6, 12));
  it('erlang', () => checkMoments({ dist: 'erlang', k: 3, mean: 6 }, 6, 12));

  it('erlang with a large k (no underflow of the product of uniforms)', () => {
    const xs = draw({ dist: 'erlang', k: 2000, mean: 1 }, 5000);
    expect(xs.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    const s = moments(xs);
    // mean 1, variance 1/2000; 5 SE of the mean with n = 5000.
    expect(Math.abs(s.mean - 1)).toBeLessThan(5 * Math.sqrt(1 / 2000 / 5000));
  });

  it('weibull', () => {
    // Shape 2: mean = scale·√π/2, variance = scale²(1 − π/4). Shape 1 is the exponential.
    checkMoments({ dist: 'weibull', shape: 2, scale: 3 }, (3 * Math.sqrt(Math.PI)) / 2, 9 * (1 - Math.PI / 4));
    checkMoments({ dist: 'weibull', shape: 1, scale: 2 }, 2, 4);
  });

  it('empirical: frequencies match the weights (5 SE each)', () => {
    const xs = draw({ dist: 'empirical', values: [3, 1, 2], weights: [1, 2, 3] });
    const expected = new Map([
      [1, 2 / 6],
      [2, 3 / 6],
      [3, 1 / 6],
    ]);
    for (const [v, p] of expected) {
      const freq = xs.filter((x) => x === v).length / N;
      expect(Math.abs(freq - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    }
    const s = compileDistribution({ dist: 'empirical', values: [3, 1, 2], weights: [1, 2, 3] }, 'x');
    expect(s.mean).toBeCloseTo(11 / 6, 12);
    expect(s.variance).toBeCloseTo(1 * (2 / 6) + 4 * (3 / 6) + 9 * (1 / 6) - (11 / 6) ** 2, 12);
  });

  it('empirical without weights is uniform over the values, durations allowed', () => {
    const xs = draw({ dist: 'empirical', values: ['1d', '48h', 3, '4d'] });
    for (const v of [1, 2, 3, 4]) {
      const freq = xs.filter((x) => x === v).length / N;
      expect(Math.abs(freq - 0.25)).toBeLessThan(5 * Math.sqrt((0.25 * 0.75) / N));
    }
  });

  it('empirical never draws a value with zero weight, even at u close to 1', () => {
    const s = compileDistribution({ dist: 'empirical', values: [1, 2, 3], weights: [1, 1, 0] }, 'x');
    expect(s.sample(() => 0.9999999999999999)).toBe(2);
    expect(s.sample(() => 0)).toBe(1);
    const xs = draw({ dist: 'empirical', values: [1, 2, 3], weights: [1, 1, 0] }, 20_000);
    expect(xs.includes(3)).toBe(false);
  });

  it('bernoulli', () => {
    const xs = draw({ dist: 'bernoulli', p: 0.3 });
    const freq = xs.reduce((a, b) => a + b, 0) / N;
    expect(Math.abs(freq - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / N));
    expect(xs.every((x) => x === 0 || x === 1)).toBe(true);
    expect(compileDistribution({ dist: 'bernoulli', p: 0.3 }, 'x').variance).toBeCloseTo(0.21, 12);
    expect(draw({ dist: 'bernoulli', p: 1 }, 1000).every((x) => x === 1)).toBe(true);
    expect(draw({ dist: 'bernoulli', p: 0 }, 1000).every((x) => x === 0)).toBe(true);
  });

  it('categorical: indices with probabilities proportional to the weights', () => {
    const xs = draw({ dist: 'categorical', weights: [1, 0, 3] });
    expect(xs.includes(1)).toBe(false);
    const freq0 = xs.filter((x) => x === 0).length / N;
    expect(Math.abs(freq0 - 0.25)).toBeLessThan(5 * Math.sqrt((0.25 * 0.75) / N));
    const withValues = compileDistribution({ dist: 'categorical', weights: [1, 1], values: [-5, 5] }, 'x');
    expect(withValues.mean).toBe(0);
    expect(withValues.sample(() => 0.1)).toBe(-5);
    expect(withValues.sample(() => 0.9)).toBe(5);
  });
});

describe('inverse-transform properties', () => {
  it('one uniform per draw, and draws grow with the uniform (monotone)', () => {
    const specs: DistributionSpec[] = [
      { dist: 'exponential', mean: 2 },
      { dist: 'uniform', min: 1, max: 2 },
      { dist: 'triangular', min: 0, mode: 1, max: 4 },
      { dist: 'normal', mean: 1, sd: 2 },
      { dist: 'lognormal', mean: 3, sd: 2 },
      { dist: 'weibull', shape: 0.7, scale: 2 },
      { dist: 'empirical', values: [5, 1, 3], weights: [1, 1, 1] },
    ];
    for (const spec of specs) {
      const s = compileDistribution(spec, 'x');
      let prev = -Infinity;
      for (let i = 0; i < 1000; i++) {
        let calls = 0;
        const u = i / 1000;
        const x = s.sample(() => {
          calls++;
          return u;
        });
        expect(calls).toBe(1);
        expect(x).toBeGreaterThanOrEqual(prev);
        prev = x;
      }
    }
  });

  it('stays finite at the extreme uniforms 0 and 1 − 2^-32', () => {
    const specs: DistributionSpec[] = [
      { dist: 'exponential', mean: 2 },
      { dist: 'normal', mean: 1, sd: 2 },
      { dist: 'normal', mean: 100, sd: 1 },
      { dist: 'lognormal', mean: 3, sd: 2 },
      { dist: 'weibull', shape: 0.7, scale: 2 },
      { dist: 'gamma', mean: 3, sd: 2 },
      { dist: 'gamma', shape: 0.3, scale: 2 },
      { dist: 'erlang', k: 4, mean: 1 },
    ];
    for (const spec of specs) {
      const s = compileDistribution(spec, 'x');
      for (const u of [0, 1 - 2 ** -32, 1 - 2 ** -53]) {
        // The first uniform is the extreme one; later ones (a rejection sampler's retries)
        // come from a real stream, since a fixed pattern could be rejected forever.
        const rest = new RandomStreams(3).stream('rest');
        let first = true;
        const x = s.sample(() => {
          if (!first) return rest();
          first = false;
          return u;
        });
        expect(Number.isFinite(x), `${JSON.stringify(spec)} at u = ${u}`).toBe(true);
        expect(x).toBeGreaterThanOrEqual(0);
      }
    }
    // Not just finite: sensible. N(100, 1) at u = 0 is about 6 sd below the mean, not 0.
    const far = compileDistribution({ dist: 'normal', mean: 100, sd: 1 }, 'x');
    expect(far.sample(() => 0)).toBeGreaterThan(90);
  });

  it('the same stream gives the same draws (reproducible)', () => {
    const spec: DistributionSpec = { dist: 'gamma', mean: 3, sd: 2 };
    expect(Array.from(draw(spec, 100, 'a'))).toEqual(Array.from(draw(spec, 100, 'a')));
    expect(Array.from(draw(spec, 100, 'a'))).not.toEqual(Array.from(draw(spec, 100, 'b')));
  });
});
