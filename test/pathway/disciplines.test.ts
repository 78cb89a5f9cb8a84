/**
 * Queue disciplines: longest clock first against a hand count and against FIFO where the two
 * must agree exactly; disciplines given in code; the registry's names in the schema and in
 * `analyse`.
 */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { DISCIPLINE_NAMES, disciplineAnalysis } from '../../src/pathway/parts/disciplines.js';
import { parseScenario, simulate, validateScenario, type DisciplineFunction } from '../../src/pathway/index.js';
import { conserved, scenario } from './helpers.js';

const none = { none: { to: 'clinic', rate: { perDay: 0 } } };

describe('longest clock first', () => {
  // clinic: one server, service 1, 10 patients waiting at day 0 (clocks at 0); the first starts
  // at once, the rest at 1, 2, …. `slow`: a 4.5-day delay for 2 patients whose clocks started
  // 30 days before day 0; they join clinic's list at 4.5.
  // FIFO: clinic's own 10 start at 0..9, the two slow ones at 10 and 11 (clocks 40 and 41).
  // Longest clock first: at 5 and 6 the slow ones (clocks −30) go first (clocks 35, 36), then
  // clinic's 6th..10th at 7..11 (clocks 7..11).
  // Target: clinic.start within 37 of the pathway start. FIFO: 10 met, 2 breached; longest
  // clock first: 12 met. Waits on clinic's list: FIFO 0..9 and 5.5, 6.5 (max 9); longest clock
  // first 0..4, 7..11 and 0.5, 1.5 (max 11); the totals are both 57 (mean 4.75): the order moves
  // who waits, not the average.
  const base = {
    horizon: 12,
    arrivals: none,
    initial: { clinic: { count: 10 }, slow: { count: 2, waited: 30 } },
    targets: { t: { until: 'clinic.start', within: 37, goal: 1 } },
  };
  const stages = (queue: string) => ({
    slow: { capacity: 'unlimited', service: 4.5, next: [{ to: 'clinic' }] },
    clinic: { capacity: 1, service: 1, queue },
  });

  it('serves the longest clock first (hand count)', () => {
    const fifo = simulate(scenario({ ...base, stages: stages('fifo') }));
    const lcf = simulate(scenario({ ...base, stages: stages('longest-clock-first') }));
    expect(fifo.targets.t).toMatchObject({ met: 10, breached: 0 + 2 });
    expect(lcf.targets.t).toMatchObject({ met: 12, breached: 0 });
    expect(fifo.stages.clinic!.wait.max).toBe(9);
    expect(lcf.stages.clinic!.wait.max).toBe(11);
    expect(fifo.stages.clinic!.wait.mean).toBeCloseTo(57 / 12, 12);
    expect(lcf.stages.clinic!.wait.mean).toBeCloseTo(57 / 12, 12);
    expect(lcf.stages.clinic!.started).toBe(12);
    expect(conserved(lcf)).toBe(true);
  });

  it('equals FIFO exactly when every clock starts on joining the list', () => {
    // One stage: arrivals start their clock as they join; the backlog's clock and join time are
    // the same past day. So the pathway-clock order is the joining order.
    for (const seed of [1, 2, 3, 4, 5]) {
      const make = (queue: string) =>
        scenario({
          seed,
          horizon: 200,
          arrivals: { a: { to: 'clinic', rate: { perDay: 1.8 } } },
          initial: { clinic: [{ count: 40, waited: { dist: 'uniform', min: 0, max: 30 } }, { count: 5 }] },
          stages: {
            clinic: { capacity: [{ from: 0, servers: 2 }, { from: 50, servers: 1 }, { from: 90, servers: 3 }], service: { dist: 'exponential', mean: 1 }, queue, patience: { dist: 'exponential', mean: 40 } },
          },
          targets: { t: { until: 'clinic.start', within: 14, goal: 0.9 } },
        });
      const fifo = simulate(make('fifo'));
      expect(fifo.stages.clinic!.started).toBeGreaterThan(300); // not vacuous
      expect(JSON.stringify(simulate(make('longest-clock-first')))).toBe(JSON.stringify(fifo));
    }
  });

  it('is in the schema, from the registry', () => {
    expect(DISCIPLINE_NAMES).toContain('longest-clock-first');
    const bad = validateScenario({ version: 1, name: 'x', horizon: 1, arrivals: none, stages: { clinic: { capacity: 1, queue: 'longest-clock-frist' } } });
    expect(bad.issues.find((i) => i.path === 'stages.clinic.queue')?.message).toMatch(/"fifo", "priority" or "longest-clock-first".*did you mean "longest-clock-first"/);
  });

  it('analyse: the mean wait is FIFO’s (exact for M/M/1), with a note', () => {
    const s = (queue: string) =>
      scenario({
        horizon: 100,
        arrivals: { a: { to: 'clinic', rate: { perDay: 0.9 } } },
        stages: { clinic: { capacity: 1, service: { dist: 'exponential', mean: 1 }, queue } },
      });
    const lcf = analyse(s('longest-clock-first')).stages.clinic!.wait;
    const fifo = analyse(s('fifo')).stages.clinic!.wait;
    expect(lcf.mean).toBeCloseTo(9, 10); // M/M/1: ρ/(μ − λ) = 0.9 / 0.1
    expect(lcf.mean).toBe(fifo.mean);
    expect(lcf.exact).toBe(true);
    expect(lcf.note).toMatch(/Longest clock first/);
    expect(disciplineAnalysis('my-rule', 1).treatment).toBe('simulate-only');
  });
});

describe('disciplines given in code', () => {
  // One server, service 1. Day 0: A (waited 10) starts at once; A, A (waited 10) and B, B
  // (waited 0) wait, in that order. Last in first out serves B, B, A, A at 1..4: waits on the
  // list 10 (first A), 1, 2, 13, 14: max 14, mean 8. FIFO: 10, 11, 12, 3, 4: max 12, mean 8.
  const data = (queue: string) => ({
    version: 1 as const,
    name: 'code discipline',
    horizon: 10,
    arrivals: none,
    initial: { clinic: [{ count: 3, waited: 10 }, { count: 2 }] },
    stages: { clinic: { capacity: 1, service: 1, queue } },
  });
  // Parsing accepts a name given in code when told it; simulate checks it against its options.
  const make = (queue: string) => parseScenario(data(queue), { disciplines: [queue] });

  it('a function of the waiting patients chooses who is served (hand count)', () => {
    const seen: number[] = [];
    const lifo: DisciplineFunction = (waiting, now) => {
      seen.push(now, waiting.length);
      expect(waiting.every((w, i) => i === 0 || w.joined >= waiting[i - 1]!.joined)).toBe(true);
      return waiting.length - 1;
    };
    const r = simulate(make('lifo'), { disciplines: { lifo } });
    expect(seen).toEqual([1, 4, 2, 3, 3, 2, 4, 1]);
    expect(r.stages.clinic!.wait.max).toBe(14);
    expect(r.stages.clinic!.wait.mean).toBeCloseTo(8, 12);
    const fifo = simulate(make('fifo'));
    expect(fifo.stages.clinic!.wait.max).toBe(12);
    expect(fifo.stages.clinic!.wait.mean).toBeCloseTo(8, 12);
    // Through the hooks too; "serve the first" is FIFO exactly.
    expect(JSON.stringify(simulate(make('first'), { hooks: { disciplines: { first: () => 0 } } }))).toBe(JSON.stringify(fifo));
  });

  it('a name that is neither built in nor given is an error naming the field', () => {
    expect(() => parseScenario(data('lifo'))).toThrow(/stages\.clinic\.queue: expected "fifo", "priority" or "longest-clock-first", got "lifo"/);
    expect(() => simulate(make('lifo'))).toThrow(/stages\.clinic\.queue.*"fifo", "priority" or "longest-clock-first"/);
    expect(() => simulate(make('lifo'), { disciplines: { lifo: () => 7 } })).toThrow(/returned 7, expected an index from 0 to 3/);
  });
});
