/**
 * Capacity rules at day starts and phase changes, each checked against a hand count: the day's
 * slots of every stage are released before anyone is served, patients in a slot's activity or a
 * delay hold no server, and utilisation never exceeds 1 (work beyond offered capacity is overtime).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/pathway/index.js';
import { conserved, scenario } from './helpers.js';

const none = { none: { to: 'a', rate: { perDay: 0 } } };

describe('midnight slot release', () => {
  // Day 0 is a Monday (the default start date 2024-01-01). A releases 10 slots on Tuesdays only
  // and sends its patients on at once (service 0) to B, which has 3 slots a day. At Tuesday's
  // midnight A starts its 10; B's Monday slots are lost at that same midnight (a slot nobody
  // takes that day is lost), so B starts exactly Tuesday's 3 by day 1.5, in either stage order.
  const stages = {
    a: { capacity: { slots: 10, per: 'day', days: ['tue'] }, next: [{ to: 'b' }] },
    b: { capacity: { slots: 3, per: 'day' } },
  };
  const base = { horizon: 1.5, arrivals: none, initial: { a: { count: 10 } } };

  it('releases every stage’s slots before serving, whatever the order of stages', () => {
    const aFirst = simulate(scenario({ ...base, stages }));
    const bFirst = simulate(scenario({ ...base, stages: { b: stages.b, a: stages.a } }));
    for (const r of [aFirst, bFirst]) {
      expect(r.stages.a!.started).toBe(10);
      expect(r.stages.b!.started).toBe(3);
      expect(r.stages.b!.waitingAtEnd).toBe(7);
      expect(conserved(r)).toBe(true);
    }
  });
});

describe('slots or unlimited, then servers', () => {
  it('patients in the activity after their slot hold no server', () => {
    // Days 0–4 release 10 slots each: 50 starts, each then 10 days in the activity after the
    // slot (no capacity). From day 5 two servers, free at once: starts at 5, 15, 25 and 35,
    // two each = 8 (those of day 35 still in service at 40). 50 + 8 = 58. (Counting the
    // activity patients as busy servers would delay the first server start to day 14, when the
    // last slot patients finish: 2 at 14, 24, 34 = 6, total 56.)
    const s = scenario({
      horizon: 40,
      arrivals: none,
      initial: { a: { count: 100 } },
      stages: { a: { capacity: [{ from: 0, slots: 10, per: 'day' }, { from: 5, servers: 2 }], service: 10 } },
    });
    const r = simulate(s);
    expect(r.stages.a!.started).toBe(58);
    expect(r.stages.a!.completed).toBe(50 + 6);
    expect(conserved(r)).toBe(true);
  });

  it('patients in a delay hold no server', () => {
    // a is a delay (unlimited) until day 1, then one server; service 10. Its 10 initial
    // patients start the delay at 0 and are in it until day 10. gate releases 5 slots on
    // Wednesday (day 2) and sends them on at once: the one free server starts one at day 2,
    // the next would start at 12. So 11 starts by day 8 (with the delay counted as busy
    // servers, none of the 5 could start before day 10: 10).
    const s = scenario({
      horizon: 8,
      arrivals: { none: { to: 'gate', rate: { perDay: 0 } } },
      initial: { a: { count: 10 }, gate: { count: 5 } },
      stages: {
        gate: { capacity: { slots: 5, per: 'day', days: ['wed'] }, next: [{ to: 'a' }] },
        a: { capacity: [{ from: 0, unlimited: true }, { from: 1, servers: 1 }], service: 10 },
      },
    });
    const r = simulate(s);
    expect(r.stages.a!.started).toBe(11);
    expect(r.stages.a!.wait.max).toBe(0);
    expect(conserved(r)).toBe(true);
  });
});

describe('utilisation and overtime', () => {
  it('fewer servers while patients are in service: utilisation 1, the excess is overtime', () => {
    // 4 servers until day 1, then 1; service 3; 20 waiting; horizon 29.5. Four start at 0 and
    // finish at 3; then one at a time at 3, 6, …, 27. Offered server-days: 4 × 1 + 1 × 28.5 =
    // 32.5. Busy within the offer: 4 × 1 + 1 × 2 (days 1–3, one of four) + 26.5 = 32.5, so
    // utilisation 1. Overtime: 3 patients beyond the one server for days 1–3 = 6 server-days.
    // (Busy ÷ offered would be 38.5 / 32.5 = 1.185.)
    const s = scenario({
      horizon: 29.5,
      arrivals: none,
      initial: { a: { count: 20 } },
      stages: { a: { capacity: [{ from: 0, servers: 4 }, { from: 1, servers: 1 }], service: 3 } },
    });
    const r = simulate(s).stages.a!;
    expect(r.started).toBe(13);
    expect(r.utilisation).toBeCloseTo(1, 12);
    expect(r.overtime).toBeCloseTo(6, 12);
  });

  it('a stage mixing slot and server phases weighs each phase by its time', () => {
    // 55 waiting. Days 0–4: 10 slots a day, all used (slot share 1, over 5 days). From day 5,
    // two servers for 35 days (70 server-days); the last 5 patients start at 5, 5, 15, 15, 25
    // (service 10): busy 20 + 20 + 10 = 50 server-days, a share of 5/7. Weighted by time:
    // (5 × 1 + 35 × 5/7) / 40 = 0.75. No overtime: the slot patients hold no server.
    const s = scenario({
      horizon: 40,
      arrivals: none,
      initial: { a: { count: 55 } },
      stages: { a: { capacity: [{ from: 0, slots: 10, per: 'day' }, { from: 5, servers: 2 }], service: 10 } },
    });
    const r = simulate(s).stages.a!;
    expect(r.started).toBe(55);
    expect(r.utilisation).toBeCloseTo(0.75, 12);
    expect(r.overtime).toBe(0);
  });

  it('stays at most 1 for pure server, slot and unlimited stages', () => {
    const s = scenario({
      horizon: 50,
      arrivals: { a: { to: 'a', rate: { perDay: 3 } } },
      stages: {
        a: { capacity: 2, service: { dist: 'exponential', mean: 1 }, next: [{ to: 'b' }] },
        b: { capacity: { slots: 2, per: 'day' }, service: 1, next: [{ to: 'c' }] },
        c: { capacity: 'unlimited', service: 2 },
      },
    });
    const r = simulate(s);
    expect(r.stages.a!.utilisation).toBeGreaterThan(0.9);
    expect(r.stages.a!.utilisation).toBeLessThanOrEqual(1);
    expect(r.stages.b!.utilisation).toBe(1);
    expect(r.stages.c!.utilisation).toBe(0);
    for (const st of Object.values(r.stages)) expect(st.overtime).toBe(0);
  });
});
