import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventCalendar } from '../../src/core/calendar.js';
import { PlainCalendar } from '../../src/core/plain-calendar.js';
import { Simulation } from '../../src/core/simulation.js';

type Op = { op: 'push'; time: number; kind: number; data: number } | { op: 'pop' } | { op: 'popUntil'; limit: number } | { op: 'reserve' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('push' as const),
      // Few distinct integer times, so that ties (decided by scheduling order) are common.
      time: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: -5, max: 25, noNaN: true })),
      kind: fc.integer({ min: -3, max: 3 }),
      data: fc.integer(),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ op: 'pop' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('popUntil' as const), limit: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'reserve' as const }) },
);

/** What each calendar pops (time, kind, data, or a miss), op by op. */
function trace(cal: EventCalendar | PlainCalendar, ops: Op[]): (number | string)[] {
  const out: (number | string)[] = [];
  const reserved: number[] = [];
  for (const o of ops) {
    if (o.op === 'push') {
      // Half the pushes use a place reserved earlier, as the engine's deferred deadlines do.
      if (reserved.length > 0 && (o.data & 1) === 1) cal.pushInOrder(o.time, o.kind, o.data, reserved.shift()!);
      else cal.add(o.time, o.kind, o.data);
    } else if (o.op === 'reserve') reserved.push(cal.reserveOrder());
    else if (o.op === 'pop' ? cal.pop() : cal.popUntil(o.limit)) out.push(cal.time, cal.kind, cal.data);
    else out.push('none');
    out.push(cal.size, cal.peekTime());
  }
  while (cal.pop()) out.push(cal.time, cal.kind, cal.data);
  return out;
}

describe('PlainCalendar', () => {
  it('pops exactly what EventCalendar pops, in the same order, for random sequences', () => {
    // EventCalendar is the independent reference: a 4-ary heap over slot rows, here with a far
    // tier from 8 rows on, against a binary heap of whole rows.
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 300 }), (ops) => {
        expect(trace(new PlainCalendar(1), ops)).toEqual(trace(new EventCalendar(1, { farTierAt: 8, buckets: 4 }), ops));
      }),
      { numRuns: 300 },
    );
  });

  it('breaks ties by scheduling order and grows from a capacity of one', () => {
    const cal = new PlainCalendar(1);
    for (let i = 0; i < 1000; i++) cal.add(i % 3, 0, i);
    expect(cal.size).toBe(1000);
    expect(cal.allocated).toBe(1024);
    const popped: number[] = [];
    while (cal.pop()) popped.push(cal.data);
    // Time 0 holds i ≡ 0 (mod 3) in order, then time 1, then time 2.
    const expected = [0, 1, 2].flatMap((r) => Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 3 === r));
    expect(popped).toEqual(expected);
    expect(cal.peekTime()).toBe(Infinity);
  });

  it('holds an event ahead of all pending ones outside the heap without changing the order', () => {
    // By hand: 5 in the heap; 3 then 1 each go ahead of everything (1 displaces 3 into the heap);
    // 1 again ties with the held 1 and goes after it (scheduling order); 0.5 after popping.
    const cal = new PlainCalendar(1);
    cal.add(5, 0, 50);
    cal.add(3, 0, 30);
    cal.add(1, 0, 10);
    cal.add(1, 0, 11);
    expect([cal.size, cal.peekTime()]).toEqual([4, 1]);
    expect(cal.popUntil(0.9)).toBe(false);
    expect(cal.pop() && cal.data).toBe(10);
    cal.add(0.5, 0, 5);
    const popped: number[] = [];
    while (cal.pop()) popped.push(cal.data);
    expect(popped).toEqual([5, 11, 30, 50]);
    expect([cal.size, cal.peekTime()]).toEqual([0, Infinity]);
    cal.add(2, 0, 20);
    cal.clear();
    expect([cal.size, cal.pop()]).toEqual([0, false]);
  });

  it('popUntil leaves later events in place', () => {
    const cal = new PlainCalendar();
    cal.add(5, 1, 1);
    cal.add(2, 1, 2);
    expect(cal.popUntil(1)).toBe(false);
    expect(cal.popUntil(2)).toBe(true);
    expect(cal.data).toBe(2);
    expect(cal.popUntil(4.9)).toBe(false);
    expect(cal.size).toBe(1);
    cal.clear();
    expect(cal.size).toBe(0);
    expect(cal.pop()).toBe(false);
  });

  it('has no handles: push returns -1, cancel throws saying why, bad events are rejected', () => {
    const cal = new PlainCalendar();
    expect(cal.push(1, 0, 0)).toBe(-1);
    expect(cal.isPending(0)).toBe(false);
    expect(() => cal.cancel(0)).toThrow(/cannot cancel.*cancellable: false/);
    expect(() => cal.add(Number.NaN, 0, 0)).toThrow(/event time/);
    expect(() => cal.add(1, 0.5, 0)).toThrow(/event kind/);
    expect(() => cal.add(1, 0, 2 ** 31)).toThrow(/event data/);
    expect(() => new PlainCalendar(0)).toThrow(/initialCapacity/);
  });
});

describe('Simulation({ cancellable: false })', () => {
  it('runs the same events at the same times as the default simulation', () => {
    const run = (sim: Simulation) => {
      const seen: number[] = [];
      let x = 7;
      // Five chains of events, each event posting the next of its chain after a delay on a
      // coarse grid (0 to 3), so that many events tie.
      for (let c = 0; c < 5; c++) sim.schedule(0, 1, 1000 * c);
      sim.run(200, (kind, data) => {
        seen.push(sim.now, kind, data);
        x = (x * 48271) % 2147483647;
        sim.post(sim.now + (x % 4), 1 + (x % 3), data + 1);
      });
      return seen;
    };
    const plain = run(new Simulation({ cancellable: false }));
    expect(plain.length).toBeGreaterThan(1000);
    expect(plain).toEqual(run(new Simulation()));
  });

  it('gives no handles and refuses to cancel', () => {
    const sim = new Simulation({ cancellable: false });
    expect(sim.schedule(1, 0, 0)).toBe(-1);
    expect(sim.isPending(-1)).toBe(false);
    expect(() => sim.cancel(-1)).toThrow(/cancellable: false/);
    let ran = false;
    sim.at(2, () => (ran = true));
    sim.run(5, () => {});
    expect(ran).toBe(true);
  });
});
