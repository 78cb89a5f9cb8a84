import { describe, expect, it } from 'vitest';
import { ABANDONED, FREE, IN_SERVICE, PatientStore } from '../../src/pathway/patients.js';
import { FifoQueue, KeyedQueue, LevelQueue } from '../../src/pathway/queues.js';

describe('PatientStore', () => {
  it('reuses released rows last-in first-out and resets a reused row', () => {
    const s = new PatientStore(2, 16);
    const a = s.allocate(1, 0b101);
    const b = s.allocate(2, 0);
    expect([a, b]).toEqual([0, 1]);
    s.setLastTest(a, 1);
    s.setMissedAt(a, 3);
    s.setAbandonHandle(a, 123456789012); // beyond int32: handles must survive
    expect(s.abandonHandle(a)).toBe(123456789012);
    s.setTargetsDone(a, 7);
    s.setClockFrom(a, 1, 4);
    s.release(a);
    s.release(b);
    expect(s.state(a)).toBe(FREE);
    expect(s.live).toBe(0);
    // The last released row comes back first, then the one before it, then fresh rows.
    expect(s.allocate(0, 0)).toBe(b);
    const again = s.allocate(3, 0b10);
    expect(again).toBe(a);
    expect(s.allocate(0, 0)).toBe(2);
    expect([s.cls(a), s.cond(a), s.state(a), s.lastTest(a), s.missedAt(a), s.abandonHandle(a), s.targetsDone(a)]).toEqual([
      3,
      0b10,
      IN_SERVICE,
      -1,
      -1,
      -1,
      0,
    ]);
    expect(Number.isNaN(s.clockFrom(a, 0)) && Number.isNaN(s.clockFrom(a, 1))).toBe(true);
  });

  it('keeps the fields of a row apart, at their extremes, and of neighbouring rows', () => {
    const s = new PatientStore(1, 16);
    const p = s.allocate(255, -1);
    const q = s.allocate(0, 0);
    s.setStart(p, -1e9);
    s.setJoined(p, 1.5);
    s.setAbandonHandle(p, 2 ** 53 - 1);
    s.setTargetsDone(p, -1);
    s.setStage(p, 32767);
    s.setMissedAt(p, -1);
    s.setState(p, 4);
    s.setLastTest(p, 1);
    s.setClockFrom(p, 0, 7.25);
    s.setFirst(p, -2e9);
    s.setDiagnosed(p, -1);
    s.setTreated(p, 0x40000000);
    expect([s.first(p), s.diagnosed(p), s.treated(p), s.first(q), s.diagnosed(q), s.treated(q)]).toEqual([-2e9, -1, 0x40000000, 0, 0, 0]);
    s.setKey(p, -1, 2 ** 31 - 1);
    expect([s.visitKey(p, 31), s.visitKey(p, 31)]).toEqual([0, 1]);
    expect([s.keyA(p), s.keyB(p)]).toEqual([-1, 2 ** 31 - 1]);
    expect([s.keyA(q), s.keyB(q), s.visitKey(q, 31)]).toEqual([0, 0, 0]);
    expect([s.start(p), s.joined(p), s.abandonHandle(p), s.cond(p), s.targetsDone(p), s.stage(p), s.missedAt(p)]).toEqual([
      -1e9, 1.5, 2 ** 53 - 1, -1, -1, 32767, -1,
    ]);
    expect([s.cls(p), s.state(p), s.lastTest(p), s.clockFrom(p, 0)]).toEqual([255, 4, 1, 7.25]);
    expect([s.cls(q), s.cond(q), s.stage(q), s.targetsDone(q), s.state(q), s.lastTest(q)]).toEqual([0, 0, 0, 0, IN_SERVICE, -1]);
    expect(s.rowBytes).toBe(56 + 8 + 16); // fixed fields and random key, one target clock, first presentation and condition bits
  });

  it('compact rows: 48 bytes, fields apart at their extremes, cond, missedAt and lastTest fixed', () => {
    const s = new PatientStore(0, 16, false, 'sweep', true);
    expect(s.rowBytes).toBe(48);
    const p = s.allocate(255, 0b11); // cond is not kept: a run with compact rows has no conditions
    const q = s.allocate(7, 0);
    s.setStart(p, -1e9);
    s.setJoined(p, 1.5);
    s.setAbandonHandle(p, 2 ** 53 - 1);
    s.setTargetsDone(p, -1);
    s.setStage(p, 32767);
    s.setState(p, 4);
    s.setKey(p, -1, 2 ** 31 - 1);
    expect([s.visitKey(p, 31), s.visitKey(p, 31), s.visitKey(p, 31), s.visitKey(p, 0)]).toEqual([0, 1, 2, 0]);
    s.setMissedAt(p, 5); // ignored
    s.setLastTest(p, 1); // ignored
    expect([s.start(p), s.joined(p), s.abandonHandle(p), s.targetsDone(p), s.stage(p), s.cls(p), s.state(p)]).toEqual([-1e9, 1.5, 2 ** 53 - 1, -1, 32767, 255, 4]);
    expect([s.keyA(p), s.keyB(p), s.cond(p), s.missedAt(p), s.lastTest(p), s.first(p)]).toEqual([-1, 2 ** 31 - 1, 0, -1, -1, -1e9]);
    expect([s.cls(q), s.state(q), s.stage(q), s.targetsDone(q), s.keyA(q), s.keyB(q), s.visitKey(q, 31)]).toEqual([7, IN_SERVICE, 0, 0, 0, 0, 0]);
    // Asked for where it cannot hold (a tail, clockFrom entries or lifo reuse), the full row.
    expect([new PatientStore(0, 16, true, 'sweep', true).rowBytes, new PatientStore(1, 16, false, 'sweep', true).rowBytes, new PatientStore(0, 16, false, 'lifo', true).rowBytes]).toEqual([72, 64, 56]);
  });

  it('grows past its initial capacity and keeps every row', () => {
    const s = new PatientStore(1, 16);
    const n = 5000;
    for (let i = 0; i < n; i++) {
      const p = s.allocate(i % 7, i);
      s.setStart(p, 0.5 - i);
      s.setStage(p, i % 300);
      s.setClockFrom(p, 0, i);
    }
    expect(s.capacity).toBeGreaterThanOrEqual(n);
    expect(s.highWater).toBe(n);
    for (let i = 0; i < n; i += 97) expect([s.cls(i), s.cond(i), s.start(i), s.stage(i), s.clockFrom(i, 0)]).toEqual([i % 7, i, 0.5 - i, i % 300, i]);
  });
});

describe('queues', () => {
  it('FifoQueue keeps order when a ring past a million entries grows by a quarter while wrapped', () => {
    const q = new FifoQueue(1 << 20);
    for (let i = 0; i < 1000; i++) q.push(i);
    for (let i = 0; i < 1000; i++) q.shift(); // the head is now 1000 places in: pushes wrap round
    const n = (1 << 20) + 3000; // past the ring: one growth
    for (let i = 0; i < n; i++) q.push(i);
    let bad = 0;
    for (let i = 0; i < n; i++) if (q.shift() !== i) bad++;
    expect([bad, q.size, q.shift()]).toEqual([0, 0, -1]);
  });

  it('FifoQueue keeps order across wrap-around, growth and reserve', () => {
    const q = new FifoQueue(2);
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 7; i++) q.push(next++);
      for (let i = 0; i < 5; i++) out.push(q.shift());
      if (round === 20) q.reserve(1000);
    }
    while (q.size > 0) out.push(q.shift());
    expect(out).toEqual([...Array(next).keys()]);
    expect(q.shift()).toBe(-1);
  });

  it('LevelQueue serves lower levels first, in arrival order within a level', () => {
    const q = new LevelQueue(3);
    [[10, 2], [11, 0], [12, 1], [13, 0], [14, 2]].forEach(([id, lvl]) => q.push(id!, lvl!));
    expect([q.shift(), q.shift(), q.shift(), q.shift(), q.shift(), q.shift()]).toEqual([11, 13, 12, 10, 14, -1]);
  });

  it('KeyedQueue orders by key, ties in arrival order', () => {
    const q = new KeyedQueue();
    const keys = [5, 1, 5, 3, 1, 0.5, 5, 3];
    keys.forEach((k, id) => q.push(id, k));
    const out: number[] = [];
    while (q.size > 0) out.push(q.shift());
    const expected = keys.map((k, id) => ({ k, id })).sort((a, b) => a.k - b.k || a.id - b.id).map((e) => e.id);
    expect(out).toEqual(expected);
  });

  it('exports the ABANDONED marker the engine relies on', () => {
    expect(ABANDONED).not.toBe(FREE);
  });
});
