import { describe, expect, it } from 'vitest';
import { EXIT, type Model } from '../../src/pathway/model.js';
import { resolveScenario, slotsPerWeekday, weekdayOf } from '../../src/pathway/resolve.js';
import { parseScenario, ScenarioError } from '../../src/pathway/scenario.js';

function model(extra: Record<string, unknown> = {}, stages?: Record<string, unknown>): Model {
  return resolveScenario(
    parseScenario({
      version: 1,
      name: 'r',
      horizon: 100,
      arrivals: { a: { to: 's', rate: { perDay: 1 } } },
      stages: stages ?? { s: { capacity: 1 } },
      ...extra,
    } as never),
  );
}

const capOf = (capacity: unknown) => model({}, { s: { capacity } }).stages[0]!.capacity;

describe('resolveScenario: defaults', () => {
  it('fills the documented defaults', () => {
    const m = model();
    expect(m).toMatchObject({
      description: '',
      variant: 'base',
      seed: 1,
      startDate: '2024-01-01',
      startWeekday: 0,
      warmup: 0,
      horizon: 100,
      sampleEvery: 7,
      classes: ['default'],
      classPriority: [0],
      conditions: [],
      initial: [],
      targets: [],
    });
    expect(m.stages[0]).toEqual({
      id: 's',
      capacity: [{ from: 0, kind: 'servers', servers: 1 }],
      service: 0,
      queue: 'fifo',
      patience: null,
      test: null,
      next: [],
    });
    expect(m.arrivals[0]).toEqual({
      id: 'a',
      to: 0,
      ratePerDay: 1,
      changes: [],
      growthPerYear: 0,
      seasonality: null,
      classIndex: 0,
      conditions: [],
    });
  });
});

describe('resolveScenario: durations and dates', () => {
  it('converts every duration to days', () => {
    const m = model({
      warmup: '2w',
      horizon: '1y',
      sampleEvery: '36h',
      targets: { t: { until: 's.start', within: '90min', goal: 0.5 } },
    });
    expect(m.warmup).toBe(14);
    expect(m.horizon).toBe(365);
    expect(m.sampleEvery).toBe(1.5);
    expect(m.targets[0]!.within).toBeCloseTo(90 / 1440, 12);
  });

  it('computes the weekday of startDate (0 = Monday)', () => {
    expect(model({ startDate: '2026-01-05' }).startWeekday).toBe(0); // a Monday
    expect(model({ startDate: '2026-04-06' }).startWeekday).toBe(0); // a Monday
    expect(model({ startDate: '2024-03-03' }).startWeekday).toBe(6); // a Sunday
    expect(weekdayOf('2024-02-29')).toBe(3); // a Thursday
  });
});

describe('resolveScenario: arrival rates', () => {
  const rate = (r: Record<string, number>) => model({ arrivals: { a: { to: 's', rate: r } } }).arrivals[0]!.ratePerDay;
  it('converts each unit to per day (month = 365/12 days, year = 365 days)', () => {
    expect(rate({ perDay: 3 })).toBe(3);
    expect(rate({ perWeek: 14 })).toBe(2);
    expect(rate({ perMonth: 365 })).toBeCloseTo(12, 12);
    expect(rate({ perYear: 730 })).toBe(2);
    expect(rate({ perDay: 0 })).toBe(0);
  });

  it('keeps changes (in days, per day), growth and seasonality', () => {
    const season = [1, 1, 1, 0.9, 0.9, 0.8, 0.7, 0.8, 1, 1.1, 1.2, 1.3];
    const a = model({
      arrivals: {
        a: {
          to: 's',
          rate: { perWeek: 70 },
          changes: [{ at: '4w', rate: { perDay: 20 } }, { at: 60, rate: { perYear: 365 } }],
          growth: { perYear: 0.03 },
          seasonality: season,
        },
      },
    }).arrivals[0]!;
    expect(a.ratePerDay).toBe(10);
    expect(a.changes).toEqual([{ at: 28, ratePerDay: 20 }, { at: 60, ratePerDay: 1 }]);
    expect(a.growthPerYear).toBe(0.03);
    expect(a.seasonality).toEqual(season);
  });
});

describe('resolveScenario: classes', () => {
  it('lists declared classes in file order, then the implicit default with the largest priority', () => {
    const m = model({
      classes: { urgent: { priority: 1 }, routine: { priority: 5 }, soon: { priority: 3 } },
      arrivals: { a: { to: 's', rate: { perDay: 1 }, class: 'soon' }, b: { to: 's', rate: { perDay: 1 } } },
    });
    expect(m.classes).toEqual(['urgent', 'routine', 'soon', 'default']);
    expect(m.classPriority).toEqual([1, 5, 3, 5]);
    expect(m.arrivals.map((a) => a.classIndex)).toEqual([2, 3]);
  });

  it('uses a declared default class as it is', () => {
    const m = model({ classes: { default: { priority: 9 }, urgent: { priority: 0 } } });
    expect(m.classes).toEqual(['default', 'urgent']);
    expect(m.classPriority).toEqual([9, 0]);
    expect(m.arrivals[0]!.classIndex).toBe(0);
  });
});

describe('resolveScenario: initial', () => {
  it('accepts one group or a list of groups per stage, in file order', () => {
    const m = model(
      {
        classes: { urgent: { priority: 1 } },
        initial: {
          t: { count: 5 },
          s: [
            { count: 10, waited: { dist: 'uniform', min: 0, max: 21 }, class: 'urgent', conditions: { c: 0.5 } },
            { count: 0, waited: '2w' },
          ],
        },
      },
      { s: { capacity: 1, next: [{ to: 't' }] }, t: { capacity: 1 } },
    );
    expect(m.initial).toEqual([
      { stage: 1, count: 5, waited: 0, classIndex: 1, conditions: [] },
      { stage: 0, count: 10, waited: { dist: 'uniform', min: 0, max: 21 }, classIndex: 0, conditions: [{ condition: 0, prevalence: 0.5 }] },
      { stage: 0, count: 0, waited: '2w', classIndex: 1, conditions: [] },
    ]);
    expect(m.conditions).toEqual(['c']);
  });

  it('numbers conditions by first declaration, arrivals before initial groups', () => {
    const m = model({
      arrivals: { a: { to: 's', rate: { perDay: 1 }, conditions: { x: 0.1, y: 0.2 } }, b: { to: 's', rate: { perDay: 1 }, conditions: { y: 0.3, z: 0.4 } } },
      initial: { s: { count: 1, conditions: { w: 1, x: 0 } } },
    });
    expect(m.conditions).toEqual(['x', 'y', 'z', 'w']);
    expect(m.arrivals[1]!.conditions).toEqual([{ condition: 1, prevalence: 0.3 }, { condition: 2, prevalence: 0.4 }]);
    expect(m.initial[0]!.conditions).toEqual([{ condition: 3, prevalence: 1 }, { condition: 0, prevalence: 0 }]);
  });
});

describe('resolveScenario: capacity', () => {
  it('reads each single form', () => {
    expect(capOf(3)).toEqual([{ from: 0, kind: 'servers', servers: 3 }]);
    expect(capOf({ servers: 2 })).toEqual([{ from: 0, kind: 'servers', servers: 2 }]);
    expect(capOf('unlimited')).toEqual([{ from: 0, kind: 'unlimited' }]);
    expect(capOf({ unlimited: true })).toEqual([{ from: 0, kind: 'unlimited' }]);
    expect(capOf({ slots: 4, per: 'day' })).toEqual([{ from: 0, kind: 'slots', perWeekday: [4, 4, 4, 4, 4, 4, 4] }]);
  });

  it('spreads weekly slots evenly, earlier days (Monday first) taking the remainder', () => {
    expect(slotsPerWeekday(7, 'week', ['mon', 'wed', 'fri'])).toEqual([3, 0, 2, 0, 2, 0, 0]);
    // Listed out of order: still Monday-to-Sunday order for the remainder.
    expect(slotsPerWeekday(7, 'week', ['fri', 'mon', 'wed'])).toEqual([3, 0, 2, 0, 2, 0, 0]);
    expect(slotsPerWeekday(1800, 'week', ['mon', 'tue', 'wed', 'thu', 'fri'])).toEqual([360, 360, 360, 360, 360, 0, 0]);
    expect(slotsPerWeekday(10, 'week')).toEqual([2, 2, 2, 1, 1, 1, 1]);
    expect(slotsPerWeekday(2, 'week', ['tue', 'sat', 'sun'])).toEqual([0, 1, 0, 0, 0, 1, 0]);
    expect(slotsPerWeekday(0, 'week', ['mon'])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    // Weekly totals are preserved for any split.
    for (let n = 0; n < 30; n++) expect(slotsPerWeekday(n, 'week', ['mon', 'thu', 'sun']).reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('gives every listed day the daily number with per: day', () => {
    expect(capOf({ slots: 5, per: 'day', days: ['sat', 'sun'] })).toEqual([{ from: 0, kind: 'slots', perWeekday: [0, 0, 0, 0, 0, 5, 5] }]);
  });

  it('reads capacity phases, with from in days', () => {
    expect(
      capOf([
        { from: 0, servers: 3 },
        { from: '4w', slots: 7, per: 'week', days: ['mon', 'wed', 'fri'] },
        { from: 60, unlimited: true },
      ]),
    ).toEqual([
      { from: 0, kind: 'servers', servers: 3 },
      { from: 28, kind: 'slots', perWeekday: [3, 0, 2, 0, 2, 0, 0] },
      { from: 60, kind: 'unlimited' },
    ]);
  });
});

describe('resolveScenario: stages, tests and routing', () => {
  it('turns names into indices', () => {
    const m = model(
      {
        classes: { urgent: { priority: 1 } },
        arrivals: { a: { to: 'xray', rate: { perDay: 1 }, conditions: { cancer: 0.1 } } },
      },
      {
        xray: {
          capacity: { slots: 10, per: 'day' },
          queue: 'priority',
          patience: { dist: 'exponential', mean: 100 },
          test: {
            detects: 'cancer',
            sensitivity: 0.8,
            specificity: 0.9,
            onPositive: { class: 'urgent' },
            missed: { share: 0.5, after: '6w', to: 'ct' },
          },
          next: [
            { if: 'positive', to: 'ct' },
            { if: 'urgent', to: 'ct', p: 0.5 },
            { if: 'negative', to: 'exit', p: 0.25 },
            { to: 'exit' },
          ],
        },
        ct: { capacity: 2, service: { dist: 'fixed', value: '30min' } },
      },
    );
    const [xray, ct] = m.stages;
    expect(xray!.test).toEqual({
      condition: 0,
      sensitivity: 0.8,
      specificity: 0.9,
      onPositiveClass: 0,
      missed: { share: 0.5, after: '6w', to: 1 },
    });
    expect(xray!.next).toEqual([
      { to: 1, p: null, if: { kind: 'positive' } },
      { to: 1, p: 0.5, if: { kind: 'class', classIndex: 0 } },
      { to: EXIT, p: 0.25, if: { kind: 'negative' } },
      { to: EXIT, p: null, if: null },
    ]);
    expect(xray!.queue).toBe('priority');
    expect(xray!.patience).toEqual({ dist: 'exponential', mean: 100 });
    expect(ct!.service).toEqual({ dist: 'fixed', value: '30min' });
    expect(ct!.test).toBeNull();
  });

  it('resolves target events, with and without from', () => {
    const m = model(
      {
        targets: {
          one: { until: 'b.start', within: 10, goal: 0.9, description: 'one event' },
          many: { until: ['a.end', 'exit'], within: '2w', goal: 0.5, from: 'a.end' },
        },
      },
      { a: { capacity: 1, next: [{ to: 'b' }] }, b: { capacity: 1 }, s: { capacity: 1, next: [{ to: 'a' }] } },
    );
    expect(m.targets).toEqual([
      { id: 'one', description: 'one event', from: null, until: [{ kind: 'start', stage: 1 }], within: 10, goal: 0.9 },
      {
        id: 'many',
        description: '',
        from: { kind: 'end', stage: 0 },
        until: [{ kind: 'end', stage: 0 }, { kind: 'exit' }],
        within: 14,
        goal: 0.5,
      },
    ]);
  });

  it('refuses an invalid hand-built scenario instead of building a broken model', () => {
    const bad = { version: 1, name: 'x', horizon: 10, arrivals: { a: { to: 'nowhere', rate: { perDay: 1 } } }, stages: { s: { capacity: 1 } } };
    expect(() => resolveScenario(bad as never)).toThrow(ScenarioError);
  });

  it('the model shares no objects with the scenario', () => {
    const s = parseScenario({
      version: 1,
      name: 'x',
      horizon: 10,
      arrivals: { a: { to: 's', rate: { perDay: 1 }, seasonality: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] } },
      stages: { s: { capacity: 1, service: { dist: 'exponential', mean: 1 } } },
    });
    const m = resolveScenario(s);
    (m.stages[0]!.service as { mean: number }).mean = 99;
    m.arrivals[0]!.seasonality![0] = 7;
    expect(s.stages.s!.service).toEqual({ dist: 'exponential', mean: 1 });
    expect(s.arrivals.a!.seasonality![0]).toBe(1);
  });
});
