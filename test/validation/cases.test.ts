/** The case list covers what the referee promises: at least 8 sets, c up to 10, ρ from 0.3 to 0.95. */
import { describe, expect, it } from 'vitest';
import { CASES, slope } from './cases.js';

describe('validation cases', () => {
  it('cover M/M/1, M/M/c up to 10 servers, ρ from 0.3 to 0.95, networks with feedback and overload', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(8);
    const ids = CASES.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['mm1-low', 'mm1-high', 'mm10', 'tandem', 'feedback', 'overload']));
    const utilisations = CASES.flatMap((c) => c.metrics.filter((m) => m.label.endsWith('utilisation')).map((m) => m.theory));
    expect(Math.min(...utilisations)).toBeCloseTo(0.3, 10);
    expect(Math.max(...utilisations)).toBeCloseTo(0.95, 10);
  });

  it('cover every stage kind: servers, networks, slots, priority, patience, tests, missed returns, time-varying arrivals', () => {
    const kinds = new Set(CASES.map((c) => c.kind));
    for (const k of ['servers', 'network', 'slots', 'priority', 'patience', 'tests', 'missed-returns', 'time-varying'] as const) {
      expect(kinds.has(k), k).toBe(true);
    }
    expect(CASES.every((c) => c.kind !== undefined)).toBe(true);
  });

  it('every case builds a valid scenario', () => {
    for (const c of CASES) expect(() => c.scenario(c.quick)).not.toThrow();
  });

  it('slope is the least-squares slope', () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2, 12);
  });
});
