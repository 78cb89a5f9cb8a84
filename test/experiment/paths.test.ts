import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { getPath, numberAt, setPath } from '../../src/experiment/paths.js';
import { runMetrics, metricValue } from '../../src/experiment/metrics.js';
import { canonicalJson, scenarioDigest } from '../../src/experiment/digest.js';
import { simulate } from './fake-simulate.js';

describe('paths', () => {
  it('gets and sets nested values, creating missing objects', () => {
    const s: Record<string, unknown> = { stages: { surgery: { capacity: { slots: 7, per: 'week' } } }, list: [{ a: 1 }] };
    expect(getPath(s, 'stages.surgery.capacity.slots')).toBe(7);
    expect(getPath(s, 'stages.nothing.capacity')).toBeUndefined();
    expect(getPath(s, 'list.0.a')).toBe(1);
    setPath(s, 'stages.surgery.capacity.slots', 9);
    setPath(s, 'stages.new.capacity.servers', 2);
    setPath(s, 'list.0.a', 5);
    expect(s).toEqual({ stages: { surgery: { capacity: { slots: 9, per: 'week' } }, new: { capacity: { servers: 2 } } }, list: [{ a: 5 }] });
  });

  it('refuses to step into a number, naming the path', () => {
    const s = { stages: { clinic: { capacity: 1 } } };
    let err: unknown;
    try {
      setPath(s, 'stages.clinic.capacity.servers', 2);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]!.path).toBe('stages.clinic.capacity');
    expect((err as Error).message).toMatch(/stages\.clinic\.capacity: is 1, not an object/);
    expect(s.stages.clinic.capacity).toBe(1);
  });

  it('never reaches a prototype: __proto__, constructor and prototype segments are refused', () => {
    for (const path of ['__proto__.polluted', 'a.__proto__.polluted', 'constructor.prototype.polluted', 'a.prototype']) {
      expect(() => setPath({ a: {} }, path, 'yes')).toThrow(ValidationError);
      expect(() => getPath({ a: {} }, path)).toThrow(/not allowed in a path/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('steps only into own properties: inherited names count as missing', () => {
    expect(getPath({}, 'toString')).toBeUndefined();
    expect(getPath({ a: [1] }, 'a.length')).toBeUndefined();
    expect(numberAt({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(numberAt({ a: { b: '2' } }, 'a.b')).toBeUndefined();
    const s: Record<string, unknown> = {};
    setPath(s, 'hasOwnProperty.x', 1);
    expect(Object.prototype.hasOwnProperty.call(s, 'hasOwnProperty')).toBe(true);
    expect(s.hasOwnProperty).toEqual({ x: 1 });
    expect(typeof ({} as { hasOwnProperty: unknown }).hasOwnProperty).toBe('function');
  });

  it('rejects empty segments and non-index segments into lists', () => {
    expect(() => setPath({}, 'a..b', 1)).toThrow(ValidationError);
    expect(() => setPath({ l: [1] }, 'l.x', 1)).toThrow(/is a list/);
  });
});

describe('metrics', () => {
  it('names every numeric leaf by its path, except the run identifiers and series', () => {
    const run = simulate({ name: 'fake', fake: {} }, { seed: 3, replication: 2 });
    const m = runMetrics(run);
    for (const name of ['patients.exited', 'stages.a.waitingAtEnd', 'stages.b.wait.p92', 'timeInSystem.mean', 'targets.t31.share', 'targets.t31.goal', 'events']) {
      expect(m.get(name)).toBe(metricValue(run, name));
      expect(typeof m.get(name)).toBe('number');
    }
    for (const name of m.keys()) expect(name).not.toMatch(/^(series|seed|replication|warmup|horizon|end)(\.|$)/);
    expect(m.get('stages.a.wait.mean')).toBe(run.stages.a!.wait.mean);
    expect(metricValue(run, 'seed')).toBeUndefined();
    expect(metricValue(run, 'stages.zzz.wait.mean')).toBeUndefined();
  });
});

describe('scenario digest', () => {
  it('ignores key order, notices any change', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: 2 } })).toBe('{"a":{"c":2,"d":[1,{"x":2,"y":1}]},"b":1}');
    expect(scenarioDigest({ a: 1, b: 2 })).toBe(scenarioDigest({ b: 2, a: 1 }));
    expect(scenarioDigest({ a: 1, b: 2 })).not.toBe(scenarioDigest({ a: 1, b: 3 }));
  });
});
