// Deadlines told live by the patient's place in a first-come queue (run/queued-deadlines.ts),
// against hand counts and against the row-based rule (tags and the row's handle, run/deadlines.ts)
// on the same model: a `priority` queue with one class serves exactly as `fifo` does, but is not a
// ring, so it runs on the row-based rule.
import { describe, expect, it } from 'vitest';
import { ABANDONED, FREE, IN_SERVICE, PatientStore, WAITING } from '../../src/pathway/patients.js';
import { FifoQueue } from '../../src/pathway/queues.js';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { GoneRows } from '../../src/pathway/run/gone-rows.js';
import { QueuedDeadlines, queuedPatience, STAGE_SLOTS } from '../../src/pathway/run/queued-deadlines.js';
import { parseScenario } from '../../src/pathway/scenario.js';
import { simulate } from '../../src/pathway/simulate.js';
import type { PatientRecord } from '../../src/pathway/run/records.js';
import { conserved } from './helpers.js';

const QUEUES = ['fifo', 'priority'] as const;

describe('which rule a run uses', () => {
  it('place in the queue only when every stage with patience is first come first served', () => {
    const model = (a: string, b: string) =>
      resolveScenario(
        parseScenario({
          version: 1,
          name: 'rule',
          horizon: 10,
          arrivals: { gp: { to: 'a', rate: { perDay: 1 } } },
          stages: {
            a: { queue: a, capacity: { servers: 1 }, patience: { dist: 'fixed', value: 3 }, next: [{ to: 'b', p: 1 }] },
            b: { queue: b, capacity: { servers: 1 } },
          },
        } as never),
      );
    expect([model('fifo', 'fifo'), model('fifo', 'priority'), model('priority', 'fifo'), model('longest-clock-first', 'fifo')].map(queuedPatience)).toEqual([
      true,
      true, // b has no patience: its queue does not matter
      false,
      false,
    ]);
  });
});

describe('deadlines told live by place (hand counts)', () => {
  it.each(QUEUES)('abandoned patients at the head are skipped and the live one behind them served, whose deadline is then ignored — queue %s', (queue) => {
    // x: one server, service 4 days, patience 3. P0 is served 0–4; P1 and P2 wait and give up at
    // day 3. A, served by z 0–2.5, joins x at 2.5 with a deadline at 5.5. At day 4 the line holds
    // P1, P2 (abandoned) and A: both are discarded and A is served (4–8); A's deadline is stale.
    const s = parseScenario({
      version: 1,
      name: 'head',
      horizon: 20,
      sampleEvery: 1,
      arrivals: { a: { to: 'z', rate: { perDay: 0 } } },
      stages: {
        z: { capacity: { servers: 1 }, service: { dist: 'fixed', value: 2.5 }, next: [{ to: 'x', p: 1 }] },
        x: { queue, capacity: { servers: 1 }, service: { dist: 'fixed', value: 4 }, patience: { dist: 'fixed', value: 3 } },
      },
      initial: { z: { count: 1 }, x: { count: 3 } },
    });
    const r = simulate(s);
    expect([r.stages.x!.started, r.stages.x!.abandoned, r.patients.exited, r.patients.inSystem]).toEqual([2, 2, 2, 0]);
    expect(r.stages.x!.wait.mean).toBeCloseTo((0 + 1.5) / 2, 12);
    // Day 3: P1 and P2 gone (their deadlines were ordered at day 0, before that day's sample), A waiting.
    expect(r.series.waiting).toEqual([2, 2, 2, 1, ...Array(17).fill(0)]);
    // z's end, x's two ends, two abandonments, 21 samples; A's stale deadline is no event.
    expect(r.events).toBe(26);
    expect(conserved(r)).toBe(true);
  });

  it.each([
    ['fifo', 'R1', 'U'],
    ['priority', 'U', 'R1'],
  ] as const)('queue %s: the patient served at day 4 ignores their deadline, the one passed over gives up at theirs', (queue, served, gaveUp) => {
    // x: one server, service 4 days, patience 5. Routine R0 is served 0–4 and routine R1 waits
    // from day 0 (deadline 5); urgent U, served by z 0–1, joins at 1 (deadline 6). At day 4 a
    // first-come line serves R1 and U gives up at 6; a priority line serves U out of order and R1
    // gives up at 5.
    const s = parseScenario({
      version: 1,
      name: 'order',
      horizon: 20,
      sampleEvery: 1,
      classes: { urgent: { priority: 1 }, routine: { priority: 2 } },
      arrivals: { a: { to: 'z', rate: { perDay: 0 } } },
      stages: {
        z: { capacity: { servers: 1 }, service: { dist: 'fixed', value: 1 }, next: [{ to: 'x', p: 1 }] },
        x: { queue, capacity: { servers: 1 }, service: { dist: 'fixed', value: 4 }, patience: { dist: 'fixed', value: 5 } },
      },
      initial: { z: { count: 1, class: 'urgent' }, x: { count: 2, class: 'routine' } },
    } as never);
    const r = simulate(s);
    const gaveUpAt = gaveUp === 'U' ? 6 : 5;
    expect([r.stages.x!.started, r.stages.x!.abandoned, r.patients.exited]).toEqual([2, 1, 2]);
    // Waits of those served: R0 0, and R1 4 (joined 0) or U 3 (joined 1).
    expect(r.stages.x!.wait.mean).toBeCloseTo(served === 'R1' ? 2 : 1.5, 12);
    // x's list: R1 from 0, U from 1 (z's end comes before day 1's sample), one left from 4 until the deadline.
    expect(r.series.waiting).toEqual([1, 2, 2, 2, ...Array(gaveUpAt - 4).fill(1), ...Array(21 - gaveUpAt).fill(0)]);
    expect(r.events).toBe(1 + 2 + 1 + 21);
  });
});

describe('deadlines told live by place against the row-based rule (randomized)', () => {
  // Two stages with patience, a loop back to the same stage (a new place on the same ring), DNAs
  // rebooked onto the line, slots released daily and deadlines both less and more than a day
  // ahead: the same events, abandonments and statistics under both rules.
  const model = (queue: 'fifo' | 'priority', seed: number) =>
    parseScenario({
      version: 1,
      name: 'random',
      seed,
      horizon: 40,
      sampleEvery: 1,
      arrivals: { gp: { to: 'triage', rate: { perDay: 70 } } },
      stages: {
        triage: {
          queue,
          capacity: { servers: 3 },
          service: { dist: 'exponential', mean: 0.05 },
          patience: { dist: 'exponential', mean: 2.5 },
          next: [{ to: 'clinic', p: 0.6 }, { to: 'triage', p: 0.1 }, { to: 'exit' }],
        },
        clinic: {
          queue,
          capacity: { slots: 40, per: 'day' },
          patience: { dist: 'gamma', mean: 6, sd: 4 },
          dna: { share: 0.1, rebookAfter: '2d', dischargeAfter: 2, clock: 'restart' },
          next: [{ to: 'triage', p: 0.05 }, { to: 'exit' }],
        },
      },
      initial: { triage: { count: 400 }, clinic: { count: 300 } },
    } as never);

  it('same results for four seeds (compact rows without the handle against rows with it)', () => {
    let abandoned = 0;
    for (const seed of [1, 2, 3, 4]) {
      const byPlace = simulate(model('fifo', seed));
      const byRow = simulate(model('priority', seed));
      expect(queuedPatience(resolveScenario(model('fifo', seed)))).toBe(true);
      expect(queuedPatience(resolveScenario(model('priority', seed)))).toBe(false);
      expect(conserved(byPlace)).toBe(true);
      const { manifest: _a, ...a } = byPlace;
      const { manifest: _b, ...b } = byRow;
      expect(a).toEqual(b);
      abandoned += byPlace.patients.abandoned;
      // Not vacuous: both stages see many abandonments and many patients served after waiting.
      expect(byPlace.stages.triage!.abandoned).toBeGreaterThan(100);
      expect(byPlace.stages.clinic!.abandoned).toBeGreaterThan(100);
      expect(byPlace.stages.clinic!.started).toBeGreaterThan(1000);
    }
    expect(abandoned).toBeGreaterThan(1000);
  });

  it('every patient abandons at the same time under both rules (patient records)', () => {
    const records = (queue: 'fifo' | 'priority') => {
      const out: PatientRecord[] = [];
      simulate(model(queue, 5), { patients: { write: (r: PatientRecord) => void out.push(structuredClone(r)) } });
      return out;
    };
    const byPlace = records('fifo');
    const byRow = records('priority');
    expect(byPlace.length).toBeGreaterThan(2000);
    expect(byPlace.filter((r) => JSON.stringify(r).includes('abandon')).length).toBeGreaterThan(200);
    expect(byPlace).toEqual(byRow);
  });
});

describe('QueuedDeadlines', () => {
  it('drops the entries of patients shifted off their ring, keeps the rest in order, grows only when over seven eighths live', () => {
    const rings = [new FifoQueue(), new FifoQueue()];
    const dl = new QueuedDeadlines(10, rings);
    const add = (p: number, s: number) => {
      rings[s]!.push(p);
      dl.add(p, (rings[s]!.pushed - 1) * STAGE_SLOTS + s, 1000 + p, 5.25 + p / 1e4);
    };
    // A new list has 256 places: 64 entries of (patient, place, order, time); patients 0..63
    // alternate between stages 0 and 1.
    for (let p = 0; p < 64; p++) add(p, p % 2);
    expect([dl.count(5), dl.list(5)!.length]).toEqual([256, 256]);
    for (let k = 0; k < 6; k++) rings[0]!.shift(); // patients 0, 2, ..., 10 leave stage 0
    for (let k = 0; k < 2; k++) rings[1]!.shift(); // patients 1 and 3 leave stage 1
    add(64, 0); // full: compaction drops those 8, leaving 56 of 64 (seven eighths): no growth
    const entries = () => {
      const list = dl.list(5)!;
      const out: number[] = [];
      for (let i = 0; i < dl.count(5); i += 4) {
        const p = list[i]!;
        expect(list[i + 1]! % STAGE_SLOTS).toBe(p % 2); // stage
        expect(dl.live(list[i + 1]!)).toBe(true);
        expect([list[i + 2], list[i + 3]]).toEqual([1000 + p, 5.25 + p / 1e4]);
        out.push(p);
      }
      return out;
    };
    const kept = Array.from({ length: 65 }, (_, p) => p).filter((p) => !(p % 2 === 0 && p < 12) && p !== 1 && p !== 3);
    expect(entries()).toEqual(kept);
    expect(dl.list(5)!.length).toBe(256);
    // Refill with live entries: the next add finds it full of live ones and grows it by a quarter.
    let p = 65;
    for (; dl.count(5) < 256; p++) add(p, p % 2);
    expect(p).toBe(72); // 7 entries refilled the 28 places left
    add(p, p % 2);
    expect([dl.list(5)!.length, dl.count(5)]).toEqual([320, 260]);
    expect(entries()).toEqual([...kept, ...Array.from({ length: 8 }, (_, i) => 65 + i)]);
  });

  it('tells a place live exactly: the n-th pushed waits while fewer than n + 1 were shifted, past 2^31 places too', () => {
    const ring = new FifoQueue();
    const dl = new QueuedDeadlines(3, [null, ring]);
    ring.push(4);
    ring.push(5);
    expect([dl.live(0 * STAGE_SLOTS + 1), dl.live(1 * STAGE_SLOTS + 1)]).toEqual([true, true]);
    ring.shift();
    expect([dl.live(0 * STAGE_SLOTS + 1), dl.live(1 * STAGE_SLOTS + 1)]).toEqual([false, true]);
    ring.shifted = 2 ** 33; // as after 8.6 billion patients
    expect([dl.live((2 ** 33 - 1) * STAGE_SLOTS + 1), dl.live(2 ** 33 * STAGE_SLOTS + 1)]).toEqual([false, true]);
  });
});

describe('PatientStore without the abandonment handle', () => {
  it('compact rows of 40 bytes keep their fields apart at their extremes; the handle reads -1', () => {
    const s = new PatientStore(0, 16, false, 'sweep', true, false);
    expect(s.rowBytes).toBe(40);
    const p = s.allocate(255, 0);
    const q = s.allocate(7, 0);
    s.setStart(p, -1e9);
    s.setJoined(p, 1.5);
    s.setAbandonHandle(p, 12345); // ignored
    s.setTargetsDone(p, -1);
    s.setStage(p, 32767);
    s.setState(p, 4);
    s.setKey(p, -1, 2 ** 31 - 1);
    expect([s.visitKey(p, 31), s.visitKey(p, 31), s.visitKey(p, 0)]).toEqual([0, 1, 0]);
    expect([s.start(p), s.joined(p), s.abandonHandle(p), s.targetsDone(p), s.stage(p), s.cls(p), s.state(p), s.keyA(p), s.keyB(p)]).toEqual([
      -1e9, 1.5, -1, -1, 32767, 255, 4, -1, 2 ** 31 - 1,
    ]);
    expect([s.start(q), s.joined(q), s.targetsDone(q), s.stage(q), s.cls(q), s.state(q), s.keyA(q), s.keyB(q), s.visitKey(q, 31)]).toEqual([
      0, 0, 0, 0, 7, IN_SERVICE, 0, 0, 0,
    ]);
    // Full rows keep the field's place (fixed offsets); it reads -1 there too.
    const full = new PatientStore(1, 16, true, 'lifo', false, false);
    expect(full.rowBytes).toBe(80);
    const f = full.allocate(3, 5);
    full.setAbandonHandle(f, 9);
    full.setStage(f, 12);
    expect([full.abandonHandle(f), full.stage(f), full.cls(f), full.cond(f)]).toEqual([-1, 12, 3, 5]);
  });
});

describe('GoneRows (abandonments marked outside the rows)', () => {
  it('frees a marked row when reached without touching it, and settles stale states before the end', () => {
    const store = new PatientStore(0, 64, false, 'sweep', true, false);
    const gone = new GoneRows(store);
    const rows = Array.from({ length: 40 }, () => store.allocate(0, 0));
    for (const p of rows) store.setState(p, WAITING);
    // Every third patient gives up; their rows keep reading WAITING.
    const marked = rows.filter((p) => p % 3 === 0);
    for (const p of marked) gone.mark(p);
    expect(marked.every((p) => store.state(p) === WAITING)).toBe(true);
    // The queue's front reaches rows 0..19: the marked ones among them (0, 3, ..., 18: 7) are freed.
    const reached = rows.slice(0, 20).filter((p) => gone.take(p));
    expect(reached).toEqual([0, 3, 6, 9, 12, 15, 18]);
    expect(store.live).toBe(33);
    expect(gone.take(3)).toBe(false); // a bit is cleared when its row is freed
    // A freed row is handed out again (sweep: the lowest free first).
    const again = store.allocate(0, 0);
    expect(again).toBe(0);
    store.setState(again, WAITING);
    gone.settle();
    const states = rows.map((p) => store.state(p));
    // Row 0 holds a new patient; 3..18 by 3 were freed; 21..39 by 3 gave up and are still on the queue.
    expect(states).toEqual(rows.map((p) => (p === 0 ? WAITING : p % 3 !== 0 ? WAITING : p < 20 ? FREE : ABANDONED)));
    // Rows past the bitmap's first size: it grows.
    const far = new PatientStore(0, 16, false, 'sweep', true, false);
    const g = new GoneRows(far);
    let last = -1;
    for (let i = 0; i < 200; i++) last = far.allocate(0, 0);
    g.mark(last);
    expect([g.take(last - 1), g.take(last), far.live]).toEqual([false, true, 199]);
  });
});
