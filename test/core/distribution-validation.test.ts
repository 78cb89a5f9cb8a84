import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  checkDistribution,
  compileDistribution,
  DISTRIBUTION_NAMES,
  DistributionSchema,
  distributionMean,
} from '../../src/core/distributions.js';
import { ValidationError } from '../../src/core/errors.js';

const P = 'stages.ct.service';

/** [spec, expected issue path, fragments the message must contain] */
const bad: [unknown, string, (string | RegExp)[]][] = [
  [{ dist: 'exponential', mean: -3 }, `${P}.mean`, ['expected a non-negative duration, got -3']],
  [{ dist: 'fixed', value: 2, sd: 1 }, `${P}.sd`, ['not a parameter of a fixed distribution', 'it takes value', 'got 1']],
  [{ dist: 'expo', mean: 3 }, `${P}.dist`, ['expected one of fixed, exponential', 'got "expo"']],
  [{ mean: 3 }, `${P}.dist`, ['expected one of', 'got nothing']],
  [{ dist: 'exponential' }, `${P}.mean`, ['expected a non-negative duration', 'got nothing']],
  [{ dist: 'exponential', mean: '3 days' }, `${P}.mean`, ['got "3 days"']],
  [{ dist: 'exponential', mean: Number.NaN }, `${P}.mean`, ['got NaN']],
  [{ dist: 'exponential', mean: Infinity }, `${P}.mean`, ['got Infinity']],
  [{ dist: 'uniform', min: 5, max: 3 }, `${P}.max`, ['expected a value ≥ min (5), got 3']],
  [{ dist: 'triangular', min: 1, mode: 5, max: 3 }, `${P}.mode`, ['expected a value from min (1) to max (3), got 5']],
  [{ dist: 'triangular', min: 4, mode: 5, max: 3 }, `${P}.max`, ['≥ min (4), got 3']],
  [{ dist: 'normal', mean: 3, sd: -1 }, `${P}.sd`, ['expected a non-negative duration, got -1']],
  [{ dist: 'normal', mean: -1, sd: 1 }, `${P}.mean`, ['got -1']],
  [{ dist: 'lognormal', mean: 0, sd: 1 }, `${P}.mean`, ['expected a positive mean when sd is positive, got 0']],
  [{ dist: 'gamma', mean: 3, sd: 1, shape: 2 }, P, ['either mean and sd, or shape and scale']],
  [{ dist: 'gamma', shape: 0, scale: 1 }, `${P}.shape`, ['expected a positive number, got 0']],
  [{ dist: 'gamma', shape: 2, scale: -1 }, `${P}.scale`, ['got -1']],
  [{ dist: 'gamma', shape: 2 }, `${P}.scale`, ['expected a positive duration', 'got nothing']],
  [{ dist: 'erlang', k: 2.5, mean: 3 }, `${P}.k`, ['expected a positive integer', 'got 2.5']],
  [{ dist: 'erlang', k: 0, mean: 3 }, `${P}.k`, ['got 0']],
  [{ dist: 'erlang', k: '3', mean: 3 }, `${P}.k`, ['got "3"']],
  [{ dist: 'weibull', shape: -1, scale: 1 }, `${P}.shape`, ['expected a positive number, got -1']],
  [{ dist: 'weibull', shape: 0.001, scale: 1 }, `${P}.shape`, ['large enough for a finite mean', 'got 0.001']],
  [{ dist: 'weibull', shape: 1, scale: 0 }, `${P}.scale`, ['expected a positive duration, got 0']],
  [{ dist: 'bernoulli', p: 1.5 }, `${P}.p`, ['expected a probability from 0 to 1, got 1.5']],
  [{ dist: 'bernoulli', p: -0.1 }, `${P}.p`, ['got -0.1']],
  [{ dist: 'empirical', values: [] }, `${P}.values`, ['expected a non-empty list of durations, got []']],
  [{ dist: 'empirical', values: [1, -2] }, `${P}.values[1]`, ['expected a non-negative duration, got -2']],
  [{ dist: 'empirical', values: [1, 2], weights: [1, -1] }, `${P}.weights[1]`, ['expected a weight ≥ 0, got -1']],
  [{ dist: 'empirical', values: [1, 2], weights: [0, 0] }, `${P}.weights`, ['positive, finite total', 'got [0,0]']],
  [{ dist: 'empirical', values: [1, 2], weights: [1, 2, 3] }, `${P}.weights`, ['expected 2 weights, one per value, got 3']],
  [{ dist: 'categorical', weights: [1, 2], values: [1] }, `${P}.weights`, ['expected 1 weights, one per value, got 2']],
  [{ dist: 'categorical', weights: 'equal' }, `${P}.weights`, ['expected a non-empty list of weights', 'got "equal"']],
  [{ dist: 'categorical', weights: [1, 2], values: [1, 'a'] }, `${P}.values[1]`, ['expected a finite number, got "a"']],
  [-3, P, ['expected a non-negative duration, got -3']],
  ['soon', P, ['got "soon"']],
  ['exponential', P, ['got "exponential"', 'written as an object: { dist: exponential, mean }']],
  [true, P, ['expected a distribution', 'got true']],
  [null, P, ['expected a distribution', 'got null']],
  [[1, 2], P, ['expected a distribution', 'got [1,2]']],
];

describe('distribution validation', () => {
  it.each(bad)('%j → an issue at the named path', (spec, path, fragments) => {
    const issues = checkDistribution(spec, P);
    expect(issues.length).toBeGreaterThan(0);
    const issue = issues.find((i) => i.path === path);
    expect(issue, `issues: ${JSON.stringify(issues)}`).toBeDefined();
    for (const f of fragments) {
      if (typeof f === 'string') expect(issue!.message).toContain(f);
      else expect(issue!.message).toMatch(f);
    }
    expect(() => compileDistribution(spec, P)).toThrow(ValidationError);
    expect(() => compileDistribution(spec, P)).toThrow(`${path}: `);
  });

  it('reports every problem, not just the first', () => {
    const issues = checkDistribution({ dist: 'triangular', min: -1, mode: 'x', max: 3, sd: 2 }, P);
    expect(issues.map((i) => i.path).sort()).toEqual([`${P}.min`, `${P}.mode`, `${P}.sd`]);
    try {
      compileDistribution({ dist: 'triangular', min: -1, mode: 'x', max: 3, sd: 2 }, P);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues).toHaveLength(3);
      expect((e as ValidationError).message).toMatch(/3 problems/);
    }
  });

  it('an empty path gives bare field names', () => {
    expect(checkDistribution({ dist: 'exponential', mean: -1 }, '')[0]!.path).toBe('mean');
  });

  it.each([
    3,
    0,
    '15min',
    { dist: 'fixed', value: '2d' },
    { dist: 'exponential', mean: 0 },
    { dist: 'uniform', min: 2, max: 2 },
    { dist: 'triangular', min: 1, mode: 1, max: 3 },
    { dist: 'normal', mean: 0, sd: 0 },
    { dist: 'lognormal', mean: '2w', sd: '3d' },
    { dist: 'gamma', mean: 3, sd: 2 },
    { dist: 'gamma', shape: 2, scale: '12h' },
    { dist: 'erlang', k: 4, mean: 2 },
    { dist: 'weibull', shape: 1.5, scale: 10 },
    { dist: 'empirical', values: [1, '2d'] },
    { dist: 'empirical', values: [1, 2], weights: [0, 1] },
    { dist: 'bernoulli', p: 0 },
    { dist: 'categorical', weights: [0.2, 0.8] },
    { dist: 'categorical', weights: [2, 3], values: [-1, 7] },
  ])('accepts %j', (spec) => {
    expect(checkDistribution(spec, P)).toEqual([]);
    expect(() => compileDistribution(spec, P)).not.toThrow();
  });

  it('distributionMean gives theoretical means', () => {
    expect(distributionMean({ dist: 'exponential', mean: '36h' })).toBeCloseTo(1.5, 12);
    expect(distributionMean({ dist: 'erlang', k: 3, mean: 6 })).toBe(6);
    expect(distributionMean({ dist: 'gamma', shape: 2, scale: 3 })).toBe(6);
    expect(distributionMean('1w')).toBe(7);
    expect(() => distributionMean({ dist: 'exponential', mean: -1 } as never)).toThrow(/mean: expected a non-negative/);
  });
});

describe('DistributionSchema (zod)', () => {
  const Stage = z.object({ service: DistributionSchema });

  it('accepts valid specs unchanged', () => {
    const spec = { dist: 'lognormal', mean: '2w', sd: 5 };
    const r = Stage.safeParse({ service: spec });
    expect(r.success).toBe(true);
    expect(r.data!.service).toEqual(spec);
  });

  it('reports each problem at its own path with the same message as checkDistribution', () => {
    const r = Stage.safeParse({ service: { dist: 'uniform', min: -1, max: 3, sd: 2 } });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['service.min', 'expected a non-negative duration, got -1'],
        ['service.sd', expect.stringContaining('not a parameter of a uniform distribution')],
      ]),
    );
    const arr = Stage.safeParse({ service: { dist: 'empirical', values: [1, -1] } });
    expect(arr.error!.issues[0]!.path).toEqual(['service', 'values', 1]);
  });

  it('publishes a JSON Schema with every distribution shape, in both io modes', () => {
    for (const io of ['output', 'input'] as const) {
      const schema = z.toJSONSchema(Stage, { io }) as unknown as {
        properties: { service: { anyOf: { properties?: { dist?: { const: string } }; required?: string[] }[] } };
      };
      const variants = schema.properties.service.anyOf;
      const names = variants.map((v) => v.properties?.dist?.const).filter(Boolean);
      expect(new Set(names)).toEqual(new Set(DISTRIBUTION_NAMES));
      const gamma = variants.filter((v) => v.properties?.dist?.const === 'gamma').map((v) => v.required);
      expect(gamma).toEqual([
        ['dist', 'mean', 'sd'],
        ['dist', 'shape', 'scale'],
      ]);
      // A bare number (days) and a duration string are accepted too.
      expect(variants.some((v) => (v as { anyOf?: unknown[] }).anyOf !== undefined)).toBe(true);
    }
  });
});
