import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventCalendar } from '../../src/core/calendar.js';

function drain(cal: EventCalendar): [number, number, number][] {
  const out: [number, number, number][] = [];
  while (cal.pop()) out.push([cal.time, cal.kind, cal.data]);
  return out;
}

describe('EventCalendar ordering', () => {
  it('pops in time order', () => {
    const cal = new EventCalendar();
    const times = [5, 1, 4, 2, 3, 0.5, 10, 7];
    times.forEach((t, i) => cal.push(t, 0, i));
    expect(drain(cal).map((e) => e[0])).toEqual([...times].sort((a, b) => a - b));
  });

  it('breaks ties by scheduling order', () => {
    const cal = new EventCalendar();
    // Interleave two times so that ties are not pushed consecutively.
    for (let i = 0; i < 50; i++) {
      cal.push(2, 1, i);
      cal.push(1, 0, i);
    }
    const out = drain(cal);
    expect(out.slice(0, 50).map((e) => e[2])).toEqual([...Array(50).keys()]);
    expect(out.slice(0, 50).every((e) => e[0] === 1 && e[1] === 0)).toBe(true);
    expect(out.slice(50).map((e) => e[2])).toEqual([...Array(50).keys()]);
  });

  it('keeps ties in scheduling order across pops and pushes', () => {
    const cal = new EventCalendar();
    cal.push(1, 0, 0);
    cal.push(1, 0, 1);
    expect(cal.pop()).toBe(true);
    expect(cal.data).toBe(0);
    cal.push(1, 0, 2); // same time, scheduled later than data 1
    expect(drain(cal).map((e) => e[2])).toEqual([1, 2]);
  });

  it('carries kind and data, including negative int32 values', () => {
    const cal = new EventCalendar();
    cal.push(1, -7, 2147483647);
    cal.push(0, 2147483647, -2147483648);
    expect(drain(cal)).toEqual([
      [0, 2147483647, -2147483648],
      [1, -7, 2147483647],
    ]);
  });

  it('grows from a capacity of one and keeps order', () => {
    const cal = new EventCalendar(1);
    const times: number[] = [];
    let x = 1;
    for (let i = 0; i < 5000; i++) {
      x = (x * 48271) % 2147483647; // Park–Miller, deterministic
      const t = x % 1000;
      times.push(t);
      cal.push(t, 0, i);
    }
    expect(cal.size).toBe(5000);
    expect(cal.allocated).toBeGreaterThanOrEqual(5000);
    const out = drain(cal);
    expect(out.map((e) => e[0])).toEqual([...times].sort((a, b) => a - b));
    // Equal times come out in push order (data = push index).
    for (let i = 1; i < out.length; i++) {
      if (out[i]![0] === out[i - 1]![0]) expect(out[i]![2]).toBeGreaterThan(out[i - 1]![2]);
    }
  });

  it('reports empty correctly', () => {
    const cal = new EventCalendar();
    expect(cal.size).toBe(0);
    expect(cal.peekTime()).toBe(Infinity);
    expect(cal.pop()).toBe(false);
    cal.push(3, 0, 0);
    expect(cal.peekTime()).toBe(3);
    expect(cal.pop()).toBe(true);
    expect(cal.pop()).toBe(false);
  });

  it('popUntil pops only events at or before the limit', () => {
    const cal = new EventCalendar();
    cal.push(1, 0, 1);
    cal.push(2, 0, 2);
    expect(cal.popUntil(0.5)).toBe(false);
    expect(cal.size).toBe(2);
    expect(cal.popUntil(1)).toBe(true);
    expect(cal.data).toBe(1);
    expect(cal.popUntil(1.5)).toBe(false);
    expect(cal.peekTime()).toBe(2);
  });

  it('accepts negative and fractional times', () => {
    const cal = new EventCalendar();
    cal.push(-1.5, 0, 0);
    cal.push(0.25, 0, 1);
    cal.push(-3, 0, 2);
    expect(drain(cal).map((e) => e[0])).toEqual([-3, -1.5, 0.25]);
  });
});

describe('EventCalendar input checks', () => {
  it.each([Number.NaN, Infinity, -Infinity])('rejects time %s', (t) => {
    const cal = new EventCalendar();
    expect(() => cal.push(t, 0, 0)).toThrow(/event time: expected a finite number/);
    expect(cal.size).toBe(0);
  });

  it('rejects kind and data that are not int32', () => {
    const cal = new EventCalendar();
    expect(() => cal.push(0, 1.5, 0)).toThrow(/event kind: expected an int32, got 1.5/);
    expect(() => cal.push(0, 0, 2 ** 31)).toThrow(/event data: expected an int32, got 2147483648/);
    expect(() => cal.push(0, 0, Number.NaN)).toThrow(/event data/);
  });

  it('rejects a bad initial capacity', () => {
    expect(() => new EventCalendar(0)).toThrow(/initialCapacity/);
    expect(() => new EventCalendar(2.5)).toThrow(/initialCapacity/);
  });
});

describe('EventCalendar cancel', () => {
  it('skips cancelled events and updates size', () => {
    const cal = new EventCalendar();
    const handles = [3, 1, 2, 0].map((t) => cal.push(t, 0, t));
    cal.cancel(handles[1]!); // time 1
    cal.cancel(handles[3]!); // time 0, the top
    expect(cal.size).toBe(2);
    expect(cal.peekTime()).toBe(2);
    expect(drain(cal).map((e) => e[2])).toEqual([2, 3]);
  });

  it('isPending follows the event through pop and cancel', () => {
    const cal = new EventCalendar();
    const a = cal.push(1, 0, 0);
    const b = cal.push(2, 0, 0);
    expect(cal.isPending(a)).toBe(true);
    cal.pop();
    expect(cal.isPending(a)).toBe(false);
    cal.cancel(b);
    expect(cal.isPending(b)).toBe(false);
    expect(cal.isPending(-1)).toBe(false);
    expect(cal.isPending(1.5)).toBe(false);
    expect(cal.isPending(123456)).toBe(false);
  });

  it('throws a clear error on cancelling a handle that is not pending', () => {
    const cal = new EventCalendar();
    const a = cal.push(1, 0, 0);
    cal.cancel(a);
    expect(() => cal.cancel(a)).toThrow(/handle \d+ does not name a pending event/);
    const b = cal.push(1, 0, 0);
    cal.pop();
    expect(() => cal.cancel(b)).toThrow(/does not name a pending event/);
    expect(() => cal.cancel(999)).toThrow(/does not name a pending event/);
  });

  it('does not confuse a stale handle with a later event in the same storage', () => {
    const cal = new EventCalendar();
    const old = cal.push(1, 0, 1);
    cal.pop();
    const fresh = cal.push(2, 0, 2); // reuses the freed storage
    expect(fresh).not.toBe(old);
    expect(cal.isPending(old)).toBe(false);
    expect(() => cal.cancel(old)).toThrow(/does not name a pending event/);
    expect(cal.isPending(fresh)).toBe(true);
    expect(cal.size).toBe(1);
  });

  it('kindOf and dataOf read a pending event', () => {
    const cal = new EventCalendar();
    const h = cal.push(1, 7, 42);
    expect(cal.kindOf(h)).toBe(7);
    expect(cal.dataOf(h)).toBe(42);
    cal.cancel(h);
    expect(() => cal.kindOf(h)).toThrow(/pending/);
  });

  it('keeps memory bounded under many cancellations (compaction)', () => {
    const cal = new EventCalendar(16);
    for (let i = 0; i < 100; i++) cal.push(1e6 + i, 0, i);
    // Far-future timers that are always cancelled: without compaction every one would stay
    // in the heap until its time came, and storage would grow to 100k rows.
    for (let i = 0; i < 100_000; i++) cal.cancel(cal.push(1e9 + i, 0, i));
    expect(cal.size).toBe(100);
    expect(cal.allocated).toBeLessThanOrEqual(512);
    expect(drain(cal).map((e) => e[2])).toEqual([...Array(100).keys()]);
  });

  it('leaves no stale rows behind after compaction (seeded trials)', () => {
    // Fill past the threshold, cancel a random majority (a rebuild moves the survivors down),
    // push a few, then drain. Rows past the new end must not keep old times, or a later pop
    // could pick them up: this pattern exposes that within a few dozen trials.
    let x = 12345;
    const rnd = () => (x = (x * 48271) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 300; trial++) {
      const cal = new EventCalendar(4);
      const n0 = 64 + Math.floor(rnd() * 100);
      const events = Array.from({ length: n0 }, (_, i) => {
        const time = Math.floor(rnd() * 1000);
        return { time, data: i, handle: cal.push(time, 0, i) };
      });
      const order = events.map((e) => ({ e, key: rnd() })).sort((a, b) => a.key - b.key);
      const cancelled = order.slice(0, (n0 >> 1) + 1).map((o) => o.e);
      for (const e of cancelled) cal.cancel(e.handle);
      const live = events.filter((e) => !cancelled.includes(e));
      for (let i = 0; i < 4; i++) {
        const time = Math.floor(rnd() * 1000);
        cal.push(time, 0, n0 + i);
        live.push({ time, data: n0 + i, handle: -1 });
      }
      const expected = [...live].sort((a, b) => a.time - b.time || a.data - b.data).map((e) => e.data);
      expect(drain(cal).map((e) => e[2])).toEqual(expected);
    }
  });

  it('clear empties the calendar and invalidates handles', () => {
    const cal = new EventCalendar();
    const h = cal.push(1, 0, 0);
    cal.push(2, 0, 0);
    cal.clear();
    expect(cal.size).toBe(0);
    expect(cal.isPending(h)).toBe(false);
    expect(cal.pop()).toBe(false);
    cal.push(5, 0, 9);
    expect(drain(cal)).toEqual([[5, 0, 9]]);
  });
});

/** Reference model: a plain array kept sorted by (time, seq). */
interface ModelEvent {
  time: number;
  seq: number;
  kind: number;
  data: number;
  handle: number;
}

type Op =
  | { op: 'push'; time: number; kind: number; data: number }
  | { op: 'pop' }
  | { op: 'cancel'; pick: number }
  | { op: 'popUntil'; limit: number };

function opArb(weights: { push: number; pop: number; cancel: number }): fc.Arbitrary<Op> {
  return fc.oneof(
    {
      weight: weights.push,
      arbitrary: fc.record({
        op: fc.constant('push' as const),
        // Few distinct times, so ties are frequent.
        time: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: -5, max: 25, noNaN: true })),
        kind: fc.integer({ min: -3, max: 3 }),
        data: fc.integer(),
      }),
    },
    { weight: weights.pop, arbitrary: fc.constant({ op: 'pop' as const }) },
    { weight: weights.cancel, arbitrary: fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('popUntil' as const), limit: fc.integer({ min: 0, max: 20 }) }) },
  );
}

function checkAgainstModel(ops: Op[], capacity: number): void {
  const cal = new EventCalendar(capacity);
  let model: ModelEvent[] = [];
  let seq = 0;
  for (const o of ops) {
    if (o.op === 'push') {
      const handle = cal.push(o.time, o.kind, o.data);
      model.push({ time: o.time, seq: seq++, kind: o.kind, data: o.data, handle });
      model.sort((a, b) => a.time - b.time || a.seq - b.seq);
    } else if (o.op === 'pop' || o.op === 'popUntil') {
      const limit = o.op === 'pop' ? Infinity : o.limit;
      const ok = cal.popUntil(limit);
      const head = model[0];
      if (head === undefined || head.time > limit) {
        expect(ok).toBe(false);
      } else {
        expect(ok).toBe(true);
        expect([cal.time, cal.kind, cal.data]).toEqual([head.time, head.kind, head.data]);
        expect(cal.isPending(head.handle)).toBe(false);
        model.shift();
      }
    } else if (model.length > 0) {
      const victim = model[o.pick % model.length]!;
      cal.cancel(victim.handle);
      model = model.filter((e) => e !== victim);
      expect(cal.isPending(victim.handle)).toBe(false);
    }
    expect(cal.size).toBe(model.length);
    expect(cal.peekTime()).toBe(model.length ? model[0]!.time : Infinity);
  }
  for (const e of model) expect(cal.isPending(e.handle)).toBe(true);
  // Draining gives the model's order exactly.
  expect(drain(cal)).toEqual(model.map((e) => [e.time, e.kind, e.data]));
}

describe('EventCalendar against a sorted-array model (property)', () => {
  it('matches the model for random push/pop/cancel sequences', () => {
    fc.assert(
      fc.property(fc.array(opArb({ push: 5, pop: 3, cancel: 2 }), { maxLength: 400, size: 'max' }), fc.integer({ min: 1, max: 8 }), checkAgainstModel),
      { numRuns: 300, seed: 20260105 },
    );
  });

  it('matches the model when the heap is large and mostly cancelled (compaction)', () => {
    // Fill past the compaction threshold (64 rows), cancel most of it (each cancellation
    // beyond half the heap triggers a rebuild), then carry on with mixed operations.
    const push = opArb({ push: 1, pop: 0, cancel: 0 }).filter((o) => o.op === 'push');
    const cancel = fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() });
    fc.assert(
      fc.property(
        fc.array(push, { minLength: 64, maxLength: 200, size: 'max' }),
        fc.array(cancel, { minLength: 20, maxLength: 200, size: 'max' }),
        fc.array(opArb({ push: 3, pop: 3, cancel: 2 }), { maxLength: 300, size: 'max' }),
        (fill, cancels, rest) => checkAgainstModel([...fill, ...cancels, ...rest], 4),
      ),
      // No shrinking: counterexamples here are long, and shrinking them takes minutes.
      { numRuns: 200, seed: 7, endOnFailure: true },
    );
  });
});
