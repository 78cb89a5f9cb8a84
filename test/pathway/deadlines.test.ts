// Abandonment deadlines kept out of the calendar until the day before (run/deadlines.ts).
// Bit-identity with one calendar event per waiting patient is pinned by the digests
// (test/pathway/digest.test.ts: England, and the feature mix with patience at server stages and
// priority queues, were recorded with the old mechanism and are unchanged). Here: the ordering
// primitive against a sorted-list reference, and a hand count of the timing and order of ties.
import { describe, expect, it } from 'vitest';
import { EventCalendar } from '../../src/core/calendar.js';
import { PatientStore } from '../../src/pathway/patients.js';
import { DeadlineWindow } from '../../src/pathway/run/deadline-window.js';
import { DeferredDeadlines, deferredHandle } from '../../src/pathway/run/deadlines.js';
import { parseScenario } from '../../src/pathway/scenario.js';
import { simulate } from '../../src/pathway/simulate.js';
import seedrandom from 'seedrandom';

describe('EventCalendar.reserveOrder / pushInOrder', () => {
  it('sorts an event pushed late exactly where a push at reservation time would have', () => {
    for (const tiers of [{}, { farTierAt: 8, buckets: 4 }, { farTierAt: 64, buckets: 16 }]) {
      const u = seedrandom('order');
      const cal = new EventCalendar(4, tiers);
      // Reference: every event with the sequence it would have had, sorted by (time, sequence).
      const ref: { time: number; seq: number; data: number }[] = [];
      const held: { time: number; seq: number; data: number }[] = [];
      let seq = 0;
      for (let i = 0; i < 5000; i++) {
        const time = Math.floor(u() * 50) * 0.5; // many ties
        if (u() < 0.5) {
          const s = cal.reserveOrder();
          expect(s).toBe(seq);
          held.push({ time, seq: seq++, data: i });
        } else {
          cal.push(time, 1, i);
          ref.push({ time, seq: seq++, data: i });
        }
        // Release some reserved events later, out of order.
        if (held.length > 0 && u() < 0.4) {
          const e = held.splice(Math.floor(u() * held.length), 1)[0]!;
          cal.pushInOrder(e.time, 2, e.data, e.seq);
          ref.push(e);
        }
      }
      for (const e of held) {
        cal.pushInOrder(e.time, 2, e.data, e.seq);
        ref.push(e);
      }
      ref.sort((a, b) => a.time - b.time || a.seq - b.seq);
      const got: number[] = [];
      while (cal.pop()) got.push(cal.data);
      expect(got.length).toBe(5000);
      expect(got).toEqual(ref.map((e) => e.data));
    }
  });
});

describe('deferred abandonment deadlines', () => {
  it('abandon at their exact time, before a same-time sample scheduled later (hand count)', () => {
    // 100 waiting at day 0, one server busy for 100 days: 99 give up at exactly day 10 (fixed
    // patience), a deadline 10 days ahead, so it waits in a day list and enters the calendar at
    // day 9. Their place in the order was taken at day 0, before the day-10 sample (scheduled at
    // day 9), so that sample already shows an empty list.
    const s = parseScenario({
      version: 1,
      name: 'deadlines',
      horizon: 30,
      sampleEvery: 1,
      arrivals: { a: { to: 'x', rate: { perDay: 0 } } },
      stages: { x: { capacity: { servers: 1 }, service: { dist: 'fixed', value: 100 }, patience: { dist: 'fixed', value: 10 } } },
      initial: { x: { count: 100 } },
    });
    const r = simulate(s);
    expect(r.patients.abandoned).toBe(99);
    expect(r.stages.x!.abandoned).toBe(99);
    expect(r.series.waiting).toEqual([...Array(10).fill(99), ...Array(21).fill(0)]);
    expect(r.stages.x!.meanQueueLength).toBeCloseTo((99 * 10) / 30, 12);
    // 99 abandonments + 31 samples: the daily moves of deadlines are not events of the model.
    expect(r.events).toBe(130);
  });

  it('a patient treated before a deferred deadline never abandons (hand count)', () => {
    // 20 waiting, one server, service 1 day, patience 10.5 days: 10 are served by day 10 (the
    // 11th starts at day 10), the other 9 give up at day 10.5, each deadline deferred.
    const s = parseScenario({
      version: 1,
      name: 'deadlines-served',
      horizon: 40,
      sampleEvery: 40,
      arrivals: { a: { to: 'x', rate: { perDay: 0 } } },
      stages: { x: { capacity: { servers: 1 }, service: { dist: 'fixed', value: 1 }, patience: { dist: 'fixed', value: 10.5 } } },
      initial: { x: { count: 20 } },
    });
    const r = simulate(s);
    expect(r.stages.x!.started).toBe(11);
    expect(r.patients.abandoned).toBe(9);
    expect(r.patients.exited).toBe(11);
    // The 11th patient is still waiting when day 10's deadlines join the window (at day 9) and,
    // joining first, has the earliest: posted, then found stale at 10.5 (treated at day 10). It
    // is not an event: 11 service ends + 9 abandonments + 2 samples (days 0 and 40).
    expect(r.events).toBe(22);
  });
});

describe('the day\'s window of deadlines', () => {
  it('a deadline set within a day that falls before the posted one goes first, ties with samples in scheduling order (hand count)', () => {
    // x: 3 waiting at day 0, one in service for 100 days, patience 10.25: two deadlines at 10.25,
    // kept in day 10's list and posted at day 9. z serves A (0–9.5) then B (9.5–19), who go on to
    // y, whose server is taken for 100 days and whose patience is 0.5: A's deadline (10.0) is set
    // at 9.5, after x's was posted, and falls before it. The sample at day 10 was scheduled at day
    // 9, before A's deadline: it still counts A. B joins y at 19 (before that day's sample,
    // scheduled at 18, as z's end was at 9.5) and gives up at 19.5.
    const s = parseScenario({
      version: 1,
      name: 'window',
      horizon: 20,
      sampleEvery: 1,
      arrivals: { a: { to: 'z', rate: { perDay: 0 } } },
      stages: {
        z: { capacity: { servers: 1 }, service: { dist: 'fixed', value: 9.5 }, next: [{ to: 'y', p: 1 }] },
        y: { capacity: { servers: 1 }, service: { dist: 'fixed', value: 100 }, patience: { dist: 'fixed', value: 0.5 } },
        x: { capacity: { servers: 1 }, service: { dist: 'fixed', value: 100 }, patience: { dist: 'fixed', value: 10.25 } },
      },
      initial: { z: { count: 2 }, y: { count: 1 }, x: { count: 3 } },
    });
    const r = simulate(s);
    expect(r.stages.x!.abandoned).toBe(2);
    expect(r.stages.y!.abandoned).toBe(2);
    expect(r.series.waiting).toEqual([...Array(11).fill(3), ...Array(8).fill(0), 1, 0]);
    // 2 service ends at z + 4 abandonments + 21 samples.
    expect(r.events).toBe(27);
  });
});

describe('DeferredDeadlines compaction', () => {
  it('drops stale entries before growing, keeps live ones in order, and grows only when over three quarters live', () => {
    const store = new PatientStore(0, 4096);
    const dl = new DeferredDeadlines(10, store);
    const live: number[] = [];
    let order = 0;
    // 1000 deadlines on day 5; every patient but each fourth is treated (handle cleared) later.
    for (let i = 0; i < 1000; i++) {
      const p = store.allocate(0, 0);
      const o = order++;
      store.setAbandonHandle(p, deferredHandle(o));
      dl.add(p, o, 5 + i / 1000);
      if (i % 4 !== 0) {
        dl.forget(p); // as Patience.clear does when the patient starts service
        store.setAbandonHandle(p, -1);
      } else live.push(p);
    }
    const list = dl.list(5)!;
    const n = dl.count(5);
    // Hand count: lists start at 192 places (64 entries). At each full list the stale are dropped
    // and it grows by half only when more than three quarters of its places are live. The live
    // (1 in 4) reach 250: growing past 48, 72, 108 and 162 live entries (3/4 of 64, 96, 144 and
    // 216) gives 288, 432, 648 and 972 places (a list that kept every entry would need 3000).
    expect(list.length).toBe(972);
    const kept: number[] = [];
    for (let i = 0; i < n; i += 3) if (store.abandonHandle(dl.patient(list, i)) === deferredHandle(list[i + 1]!)) kept.push(dl.patient(list, i));
    // Every live entry is kept, in the order added; the stale ones left came after the last compaction.
    expect(kept).toEqual(live);
    expect(n / 3).toBeLessThanOrEqual(324);
    expect(n / 3).toBeGreaterThanOrEqual(live.length);
  });

  it('tells stale entries from live ones when a reused row tag has wrapped round', () => {
    // One row, 301 patients in turn, each setting a deferred deadline (on its own day, so no
    // compaction) and all but the last leaving the list before it. The row's tag changes twice
    // per patient, so entries 44 and 172 carry the tag the row ends with ((2k + 1) mod 256 = 601
    // mod 256 = 89): only the row's handle tells them apart from the live one.
    const store = new PatientStore(0, 16);
    const dl = new DeferredDeadlines(400, store);
    const p = store.allocate(0, 0);
    for (let k = 0; k <= 300; k++) {
      store.setAbandonHandle(p, deferredHandle(k));
      dl.add(p, k, 2 + k + 0.5);
      if (k < 300) {
        dl.forget(p);
        store.setAbandonHandle(p, -1);
      }
    }
    const live: number[] = [];
    for (let k = 0; k <= 300; k++) {
      const list = dl.list(2 + k)!;
      expect(dl.count(2 + k)).toBe(3);
      expect(dl.patient(list, 0)).toBe(p);
      if (dl.isLive(list, 0)) live.push(k);
    }
    expect(live).toEqual([300]);
  });

  it('without a store, lists only grow (every entry kept)', () => {
    const dl = new DeferredDeadlines(10);
    for (let i = 0; i < 100; i++) dl.add(i, i, 3.5);
    expect(dl.count(3)).toBe(300);
    expect(dl.list(3)!.length).toBe(432);
  });
});

describe('DeadlineWindow', () => {
  it('pops (time, order, patient) by time, then order, against a sorted-list reference', () => {
    const u = seedrandom('window');
    const w = new DeadlineWindow();
    const ref: { at: number; order: number; p: number }[] = [];
    const got: { at: number; order: number; p: number }[] = [];
    let order = 0;
    for (let i = 0; i < 20000; i++) {
      // Many ties in time (broken by order), pushes in batches and pops interleaved, growth past 64.
      if (u() < 0.6) {
        const e = { at: Math.floor(u() * 40) * 0.25, order: order++, p: i };
        w.push(e.at, e.order, e.p);
        ref.push(e);
      } else if (w.size > 0) {
        w.pop();
        got.push({ at: w.at, order: w.order, p: w.patient });
        // What was popped is the least of what had been pushed and not yet popped.
        const k = ref.reduce((b, e, j) => (e.at < ref[b]!.at || (e.at === ref[b]!.at && e.order < ref[b]!.order) ? j : b), 0);
        expect(ref.splice(k, 1)[0]).toEqual(got[got.length - 1]);
      }
    }
    expect(got.length).toBeGreaterThan(5000);
    expect(w.size).toBe(ref.length);
    ref.sort((a, b) => a.at - b.at || a.order - b.order);
    const rest: number[] = [];
    while (w.size > 0) {
      w.pop();
      rest.push(w.patient);
    }
    expect(rest).toEqual(ref.map((e) => e.p));
  });
});
