/**
 * The registry is the one list: names, messages, the JSON Schema and the analysis treatment all
 * come from it. Exact checks (counts, names, identities), no sampling.
 */
import { describe, expect, it } from 'vitest';
import {
  checkDistribution,
  compileDistribution,
  DISTRIBUTION_NAMES,
  DISTRIBUTIONS,
  distributionAnalysis,
  distributionDefinition,
  distributionJsonSchema,
} from '../../src/core/distributions.js';
import { functionSampler } from '../../src/core/distributions/kernel.js';

describe('distribution registry', () => {
  it('lists each distribution once, in the order of DISTRIBUTION_NAMES and of the "expected one of" message', () => {
    const names = DISTRIBUTIONS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...DISTRIBUTION_NAMES]).toEqual(names);
    expect(checkDistribution({ dist: 'nope' }, 's')[0]!.message).toBe(`expected one of ${names.join(', ')}, got "nope"`);
    for (const n of names) expect(distributionDefinition(n)!.name).toBe(n);
    expect(distributionDefinition('constructor')).toBeUndefined();
  });

  it('gives the JSON Schema one variant per form, plus the bare duration', () => {
    const forms = DISTRIBUTIONS.reduce((n, d) => n + d.forms.length, 0);
    expect(forms).toBe(13); // gamma has two forms
    const variants = distributionJsonSchema().anyOf as { properties?: { dist?: { const: string } } }[];
    expect(variants.length).toBe(forms + 1);
    expect(variants.slice(1).map((v) => v.properties!.dist!.const)).toEqual(DISTRIBUTIONS.flatMap((d) => d.forms.map(() => d.name)));
  });

  it('compiles every form of every entry, and the treatment is exact only where the distribution is exponential', () => {
    const examples: Record<string, unknown[]> = {
      fixed: [{ dist: 'fixed', value: 2 }],
      exponential: [{ dist: 'exponential', mean: 2 }],
      uniform: [{ dist: 'uniform', min: 1, max: 3 }],
      triangular: [{ dist: 'triangular', min: 1, mode: 2, max: 3 }],
      normal: [{ dist: 'normal', mean: 2, sd: 2 }],
      lognormal: [{ dist: 'lognormal', mean: 2, sd: 2 }],
      gamma: [{ dist: 'gamma', mean: 2, sd: 2 }, { dist: 'gamma', shape: 2, scale: 1 }],
      erlang: [{ dist: 'erlang', k: 1, mean: 2 }, { dist: 'erlang', k: 2, mean: 2 }],
      weibull: [{ dist: 'weibull', shape: 1, scale: 2 }],
      empirical: [{ dist: 'empirical', values: [1, 3] }],
      bernoulli: [{ dist: 'bernoulli', p: 0.5 }],
      categorical: [{ dist: 'categorical', weights: [1, 1] }],
    };
    expect(Object.keys(examples)).toEqual([...DISTRIBUTION_NAMES]);
    const exact = new Set(['exponential', 'gamma:0', 'erlang:0', 'weibull']); // SCV 1: the exponential itself
    for (const [name, specs] of Object.entries(examples)) {
      specs.forEach((spec, i) => {
        const s = compileDistribution(spec, 's');
        expect(s.dist).toBe(name);
        const a = distributionAnalysis(spec, 's');
        expect([a.mean, a.scv]).toEqual([s.mean, s.variance / (s.mean * s.mean)]);
        const isExact = exact.has(name) || exact.has(`${name}:${i}`);
        expect(a.treatment, `${name} form ${i}`).toBe(isExact ? 'exact' : 'approximation');
      });
    }
  });

  it('a distribution without an inline formula delegates to its own sample, in the same class', () => {
    const own = functionSampler('mine', { sample: (rng) => 3 * rng(), mean: 1.5 });
    const builtIn = compileDistribution({ dist: 'uniform', min: 0, max: 3 }, 's');
    expect(Object.getPrototypeOf(own)).toBe(Object.getPrototypeOf(builtIn));
    expect(own.sample(() => 0.5)).toBe(builtIn.sample(() => 0.5));
    expect([own.dist, own.mean, Number.isNaN(own.variance)]).toEqual(['mine', 1.5, true]);
  });
});
