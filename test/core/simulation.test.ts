import { describe, expect, it } from 'vitest';
import { CALLBACK_KIND, Simulation, ZeroTimeLoopError } from '../../src/core/simulation.js';

describe('Simulation run loop', () => {
  it('runs events in time order, ties in scheduling order, and sets now', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.schedule(3, 1, 30);
    sim.schedule(1, 2, 10);
    sim.schedule(3, 3, 31);
    sim.schedule(2, 4, 20);
    sim.run(10, (kind, data) => seen.push(`${sim.now}:${kind}:${data}`));
    expect(seen).toEqual(['1:2:10', '2:4:20', '3:1:30', '3:3:31']);
    expect(sim.now).toBe(10);
    expect(sim.eventsProcessed).toBe(4);
    expect(sim.pending).toBe(0);
  });

  it('lets events schedule others, including at the current instant', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.schedule(0, 0, 0);
    sim.run(5, (kind, data) => {
      seen.push(sim.now * 100 + data);
      if (data < 3) sim.scheduleAfter(1, 0, data + 1);
      if (data === 1) sim.schedule(sim.now, 0, 9); // same instant, runs after the current event
    });
    expect(seen).toEqual([0, 101, 109, 202, 303]);
  });

  it('runs an event exactly at `until`, leaves later ones pending, and resumes', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (const t of [1, 2, 2.0000001, 3]) sim.schedule(t, 0, 0);
    sim.run(2, () => seen.push(sim.now));
    expect(seen).toEqual([1, 2]);
    expect(sim.now).toBe(2);
    expect(sim.pending).toBe(2);
    expect(sim.nextEventTime()).toBe(2.0000001);
    sim.run(10, () => seen.push(sim.now));
    expect(seen).toEqual([1, 2, 2.0000001, 3]);
    expect(sim.now).toBe(10);
  });

  it('advances the clock to `until` when nothing happens', () => {
    const sim = new Simulation();
    sim.run(7, () => {
      throw new Error('no events expected');
    });
    expect(sim.now).toBe(7);
  });

  it('runs to an empty calendar with until = Infinity and keeps the last event time', () => {
    const sim = new Simulation();
    sim.schedule(4, 0, 0);
    sim.schedule(9, 0, 0);
    sim.run(Infinity, () => {});
    expect(sim.now).toBe(9);
    expect(sim.pending).toBe(0);
  });

  it('stop() returns after the current event, with now at that event', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (let t = 1; t <= 5; t++) sim.schedule(t, 0, t);
    sim.run(100, (_k, data) => {
      seen.push(data);
      if (data === 3) sim.stop();
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3);
    expect(sim.pending).toBe(2);
    sim.run(100, (_k, data) => seen.push(data)); // a new run is not stopped
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(sim.now).toBe(100);
  });

  it('cancels events', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.schedule(1, 0, 1);
    const h = sim.schedule(2, 0, 2);
    sim.schedule(3, 0, 3);
    expect(sim.isPending(h)).toBe(true);
    sim.cancel(h);
    expect(sim.isPending(h)).toBe(false);
    expect(sim.pending).toBe(2);
    sim.run(10, (_k, d) => seen.push(d));
    expect(seen).toEqual([1, 3]);
    expect(() => sim.cancel(h)).toThrow(/not name a pending event/);
  });

  it('lets an event cancel another scheduled at the same instant', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.schedule(1, 0, 1);
    const later = sim.schedule(1, 0, 2);
    sim.run(5, (_k, d) => {
      seen.push(d);
      if (d === 1) sim.cancel(later);
    });
    expect(seen).toEqual([1]);
  });
});

describe('Simulation callbacks (at)', () => {
  it('runs callbacks in order with numeric events, and allows cancelling them', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.at(2, () => seen.push(`cb@${sim.now}`));
    sim.schedule(1, 5, 0);
    const h = sim.at(3, () => seen.push('cancelled'));
    sim.after(4, () => {
      seen.push(`after@${sim.now}`);
      sim.after(1, () => seen.push(`nested@${sim.now}`));
    });
    sim.cancel(h);
    sim.run(10, (kind) => seen.push(`event${kind}@${sim.now}`));
    expect(seen).toEqual(['event5@1', 'cb@2', 'after@4', 'nested@5']);
  });

  it('reuses callback storage (no growth over many callbacks)', () => {
    const sim = new Simulation();
    let n = 0;
    const tick = () => {
      n++;
      if (n < 10_000) sim.after(1, tick);
    };
    sim.at(0, tick);
    sim.run(Infinity, () => {});
    expect(n).toBe(10_000);
    // Internal array of callbacks should hold at most a couple of entries.
    expect((sim as unknown as { callbacks: unknown[] }).callbacks.length).toBeLessThanOrEqual(2);
  });

  it('rejects the reserved kind for numeric events', () => {
    const sim = new Simulation();
    expect(() => sim.schedule(1, CALLBACK_KIND, 0)).toThrow(/reserved for callbacks/);
  });
});

describe('Simulation input checks', () => {
  it('throws when scheduling in the past', () => {
    const sim = new Simulation();
    sim.run(5, () => {});
    expect(() => sim.schedule(4.9, 0, 0)).toThrow(/event time 4.9 is in the past \(now is 5\)/);
    expect(() => sim.at(1, () => {})).toThrow(/in the past/);
    expect(() => sim.scheduleAfter(-1, 0, 0)).toThrow(/event delay: expected a finite number ≥ 0, got -1/);
  });

  it.each([Number.NaN, Infinity])('throws on a time of %s', (t) => {
    const sim = new Simulation();
    expect(() => sim.schedule(t, 0, 0)).toThrow(/expected a finite number/);
    expect(() => sim.scheduleAfter(t, 0, 0)).toThrow(/expected a finite number/);
  });

  it('throws on a bad end time, and when run is re-entered', () => {
    const sim = new Simulation();
    sim.run(3, () => {});
    expect(() => sim.run(2, () => {})).toThrow(/expected an end time ≥ now \(3\), got 2/);
    expect(() => sim.run(Number.NaN, () => {})).toThrow(/end time/);
    sim.schedule(4, 0, 0);
    expect(() => sim.run(10, () => sim.run(20, () => {}))).toThrow(/not re-entrant/);
  });

  it('rejects a bad maxEventsPerInstant', () => {
    expect(() => new Simulation({ maxEventsPerInstant: 0 })).toThrow(/maxEventsPerInstant/);
  });
});

describe('Simulation runaway guard', () => {
  it('throws (does not hang) on a zero-time loop, naming the time and the count', () => {
    const sim = new Simulation({ maxEventsPerInstant: 1000 });
    sim.schedule(2.5, 0, 0);
    let err: unknown;
    try {
      sim.run(10, (kind, data) => sim.scheduleAfter(0, kind, data));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ZeroTimeLoopError);
    const e = err as ZeroTimeLoopError;
    expect(e.message).toMatch(/possible zero-time loop/);
    expect(e.message).toContain('time 2.5');
    expect(e.message).toContain('1001 events');
    expect(e.time).toBe(2.5);
    expect(e.count).toBe(1001);
    expect(sim.eventsProcessed).toBe(1000);
  });

  it('does not fire when many events share an instant but the clock moves on', () => {
    const sim = new Simulation({ maxEventsPerInstant: 100 });
    for (let t = 0; t < 5; t++) for (let i = 0; i < 100; i++) sim.schedule(t, 0, i);
    sim.run(10, () => {});
    expect(sim.eventsProcessed).toBe(500);
  });

  it('works with the default limit (fires after 10 million events at one instant)', () => {
    const sim = new Simulation();
    sim.schedule(1, 0, 0);
    expect(() => sim.run(2, (k, d) => sim.scheduleAfter(0, k, d))).toThrow(/10000001 events at time 1/);
  });
});
