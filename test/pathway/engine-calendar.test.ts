/**
 * The kernel calendar's far tier (bucket lists behind the heap, used once many events are
 * pending), tested against a plain sorted list. Lives here because the far tier was added for
 * the pathway engine's national-scale runs; the calendar's own tests are in test/core.
 * Small tier sizes make every path run often: switching the tier on, loading buckets, new
 * grids over the overflow, re-gridding a heap that grew again, cancelled events in buckets,
 * reclaiming them before growing, and clear().
 */
import { describe, expect, it } from 'vitest';
import { EventCalendar } from '../../src/core/calendar.js';

interface Ev {
  time: number;
  seq: number;
  kind: number;
  data: number;
  handle: number;
}

/** Runs `ops` random operations on a calendar and a sorted-list model, checking they agree. */
function agree(seed: number, ops: number, tiers: { farTierAt: number; buckets: number }, times: (now: number, u: () => number) => number, cancelShare: number) {
  let x = seed >>> 0 || 1;
  const u = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  const cal = new EventCalendar(4, tiers);
  let model: Ev[] = [];
  let seq = 0;
  let now = 0;
  const insert = (e: Ev) => {
    let lo = 0;
    let hi = model.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = model[mid]!;
      if (m.time < e.time || (m.time === e.time && m.seq < e.seq)) lo = mid + 1;
      else hi = mid;
    }
    model.splice(lo, 0, e);
  };
  let pops = 0;
  for (let i = 0; i < ops; i++) {
    const r = u();
    if (r < 0.5) {
      const t = times(now, u);
      const kind = (u() * 9) | 0;
      const data = (u() * 2 ** 31) | 0;
      insert({ time: t, seq: seq++, kind, data, handle: cal.push(t, kind, data) });
    } else if (r < 0.5 + cancelShare) {
      if (model.length === 0) continue;
      const j = Math.floor(u() * model.length);
      const victim = model[j]!;
      expect(cal.kindOf(victim.handle)).toBe(victim.kind);
      expect(cal.dataOf(victim.handle)).toBe(victim.data);
      cal.cancel(victim.handle);
      expect(cal.isPending(victim.handle)).toBe(false);
      model.splice(j, 1);
    } else if (r < 0.995) {
      const limit = u() < 0.3 ? now + u() * 3 : Infinity;
      const ok = cal.popUntil(limit);
      const head = model[0];
      if (head === undefined || head.time > limit) expect(ok).toBe(false);
      else {
        expect(ok).toBe(true);
        expect([cal.time, cal.kind, cal.data]).toEqual([head.time, head.kind, head.data]);
        expect(cal.isPending(head.handle)).toBe(false);
        model.shift();
        now = head.time;
        pops++;
      }
    } else {
      cal.clear();
      for (const e of model) expect(cal.isPending(e.handle)).toBe(false);
      model = [];
    }
    expect(cal.size).toBe(model.length);
    if (i % 53 === 0) expect(cal.peekTime()).toBe(model.length ? model[0]!.time : Infinity);
  }
  for (const e of model) expect(cal.isPending(e.handle)).toBe(true);
  while (cal.pop()) {
    const head = model.shift()!;
    expect([cal.time, cal.kind, cal.data]).toEqual([head.time, head.kind, head.data]);
  }
  expect(model.length).toBe(0);
  return { pops, allocated: cal.allocated };
}

/** Mixed times: ties, near, far and very far (beyond the grid). */
const mixed = (now: number, u: () => number) => {
  const m = u();
  return m < 0.25 ? now + Math.floor(u() * 4) : m < 0.6 ? now + u() * 10 : m < 0.9 ? now + u() * 1000 : now + 1e6 * u();
};

describe('EventCalendar far tier (against a sorted list)', () => {
  it('pops in exactly the order of one heap, whatever the tier sizes', () => {
    for (const tiers of [
      { farTierAt: 4, buckets: 2 },
      { farTierAt: 8, buckets: 3 },
      { farTierAt: 16, buckets: 16 },
      { farTierAt: 64, buckets: 64 },
    ]) {
      const { pops } = agree(17 + tiers.buckets, 30_000, tiers, mixed, 0.2);
      expect(pops).toBeGreaterThan(3000);
    }
  });

  it('keeps ties in scheduling order when every event falls at one of a few times', () => {
    agree(5, 20_000, { farTierAt: 8, buckets: 4 }, (now, u) => now + Math.floor(u() * 3) * 0.25, 0.2);
    agree(6, 20_000, { farTierAt: 8, buckets: 4 }, (now) => now, 0.2);
  });

  it('reclaims cancelled far events instead of growing without bound', () => {
    // Most events are cancelled (like abandonment timers of patients who get seen).
    const { allocated } = agree(9, 40_000, { farTierAt: 16, buckets: 8 }, mixed, 0.42);
    expect(allocated).toBeLessThanOrEqual(16_384);
  });

  it('rejects bad tier settings', () => {
    expect(() => new EventCalendar(16, { farTierAt: 0 })).toThrow(/tiers/);
    expect(() => new EventCalendar(16, { buckets: 1.5 })).toThrow(/tiers/);
  });
});
