import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { seekCapacity, stageCapacity, withStageCapacity } from '../../src/experiment/seek.js';
import { studentTQuantile } from '../../src/experiment/stats.js';
import { parseScenario, type Scenario } from '../../src/pathway/scenario.js';
import { capacitySimulate, zOf } from './capacity-fake.js';

function scenarioWith(knobs: { noise?: number; cap?: number }, slots = 7): Scenario {
  return parseScenario({
    version: 1,
    name: 'seek',
    seed: 3,
    description: JSON.stringify(knobs),
    horizon: 10,
    arrivals: { a: { to: 'surgery', rate: { perDay: 1 } } },
    stages: { surgery: { capacity: { slots, per: 'week', days: ['mon', 'wed', 'fri'] } } },
    targets: { t: { until: ['surgery.start'], within: 31, goal: 0.8 } },
    variants: { big: { patch: { stages: { surgery: { capacity: { slots: 30 } } } } } },
  });
}

const sim = { simulate: capacitySimulate as never };

describe('seekCapacity', () => {
  it('brackets by doubling, then bisects, to the smallest capacity meeting the goal', async () => {
    // share = c / 20 exactly, goal 0.79 ⇒ 16 slots a week (a goal off the grid of shares, so
    // rounding in the mean cannot decide the answer).
    const s = await seekCapacity(scenarioWith({}), { stage: 'surgery', target: 't', goal: 0.79, replications: 3, ...sim });
    expect(s.capacity).toBe(16);
    expect(s.met).toBe(true);
    expect(s.unit).toBe('slots per week');
    expect(s.current).toBe(7);
    expect(s.goal).toBe(0.79);
    expect(s.evaluations.map((e) => e.capacity)).toEqual([7, 14, 28, 21, 17, 15, 16]);
    expect(s.evaluations.find((e) => e.capacity === 15)!.met).toBe(false);
    expect(s.share.mean).toBeCloseTo(0.8, 12);
  });

  it('searches downward when the current capacity already meets the goal (variant applied first)', async () => {
    const s = await seekCapacity(scenarioWith({}), { stage: 'surgery', target: 't', goal: 0.79, variant: 'big', replications: 2, ...sim });
    expect(s.current).toBe(30);
    expect(s.capacity).toBe(16);
    expect(s.evaluations[0]!.capacity).toBe(30);
    expect(s.variant).toBe('big');
  });

  it('demands the one-sided lower bound, not the mean, to reach the goal', async () => {
    const noise = 0.05;
    const n = 8;
    const zs = Array.from({ length: n }, (_, r) => zOf(3, r));
    const zbar = zs.reduce((a, b) => a + b, 0) / n;
    const sz = Math.sqrt(zs.reduce((a, z) => a + (z - zbar) ** 2, 0) / (n - 1));
    // share_r = c/20 + noise·z_r ⇒ lower bound = c/20 + noise·(z̄ − t·s_z/√n) ≥ 0.8.
    const need = (t: number) => Math.ceil(20 * (0.8 - noise * (zbar - (t * sz) / Math.sqrt(n))));
    const strict = await seekCapacity(scenarioWith({ noise }), { stage: 'surgery', target: 't', replications: n, ...sim });
    expect(strict.capacity).toBe(need(studentTQuantile(0.95, n - 1)));
    expect(strict.confidence).toBe(0.95);
    const byMean = await seekCapacity(scenarioWith({ noise }), { stage: 'surgery', target: 't', replications: n, confidence: 0.5, ...sim });
    expect(byMean.capacity).toBe(need(0));
    expect(strict.capacity).toBeGreaterThan(byMean.capacity);
  });

  it('says so when even the maximum misses the goal', async () => {
    const s = await seekCapacity(scenarioWith({ cap: 0.7 }), { stage: 'surgery', target: 't', replications: 2, max: 40, ...sim });
    expect(s.met).toBe(false);
    expect(s.capacity).toBe(40);
    expect(s.evaluations.map((e) => e.capacity)).toEqual([7, 14, 28, 40]);
  });

  it('names unknown stages, targets and bad options', async () => {
    const s = scenarioWith({});
    await expect(seekCapacity(s, { stage: 'surgry', target: 't', ...sim })).rejects.toThrow(/stage: unknown stage "surgry".*surgery/);
    await expect(seekCapacity(s, { stage: 'surgery', target: 'x', ...sim })).rejects.toThrow(/target: unknown target "x"/);
    await expect(seekCapacity(s, { stage: 'surgery', target: 't', confidence: 1, ...sim })).rejects.toThrow(ValidationError);
  });
});

describe('stage capacity patches', () => {
  const base = (capacity: unknown) =>
    parseScenario({ version: 1, name: 'c', horizon: 10, arrivals: { a: { to: 's', rate: { perDay: 1 } } }, stages: { s: { capacity } } } as never);

  it('servers: a bare number or { servers }', () => {
    expect(stageCapacity(base(2), 's')).toEqual({ kind: 'servers', current: 2 });
    expect((withStageCapacity(base(2), 's', 5) as any).stages.s.capacity).toBe(5);
    expect((withStageCapacity(base({ servers: 2 }), 's', 5) as any).stages.s.capacity).toEqual({ servers: 5 });
  });

  it('slots per day become slots per week on the same days', () => {
    const s = base({ slots: 2, per: 'day', days: ['mon', 'tue', 'wed'] });
    expect(stageCapacity(s, 's')).toEqual({ kind: 'slots', current: 6 });
    expect((withStageCapacity(s, 's', 8) as any).stages.s.capacity).toEqual({ slots: 8, per: 'week', days: ['mon', 'tue', 'wed'] });
  });

  it('phase lists: every limited phase changes, unlimited phases stay', () => {
    const s = base([{ from: 0, servers: 2 }, { from: 10, unlimited: true }, { from: 20, servers: 4 }]);
    expect(stageCapacity(s, 's')).toEqual({ kind: 'servers', current: 4 });
    expect((withStageCapacity(s, 's', 3) as any).stages.s.capacity).toEqual([{ from: 0, servers: 3 }, { from: 10, unlimited: true }, { from: 20, servers: 3 }]);
  });

  it('unlimited stages have nothing to seek; invalid capacities are refused by the scenario rules', () => {
    expect(() => stageCapacity(base('unlimited'), 's')).toThrow(/stages\.s\.capacity: is unlimited/);
    expect(() => withStageCapacity(base({ servers: 2 }), 's', 0)).toThrow(/stages\.s\.capacity/);
  });
});
