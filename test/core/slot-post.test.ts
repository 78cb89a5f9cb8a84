import { describe, expect, it } from 'vitest';
import { EventCalendar } from '../../src/core/calendar.js';
import { PlainCalendar } from '../../src/core/plain-calendar.js';
import { Simulation } from '../../src/core/simulation.js';
import { WaitHistogram } from '../../src/pathway/histogram.js';

// Times passed through a Float64Array slot instead of as arguments: the same events in the same order.

/** Pops every event as [time, kind, data] rows. */
function drain(cal: PlainCalendar | EventCalendar): number[][] {
  const out: number[][] = [];
  while (cal.pop()) out.push([cal.time, cal.kind, cal.data]);
  return out;
}

describe('scheduling at the slot time', () => {
  // Times chosen so that the front register takes, displaces and passes events, with ties.
  const times = [5, 3, 3, 8, 1, 1, 2.5, 9, 0.5, 3, 7.25, 0.5];

  it('PlainCalendar.addFromSlot pops exactly what add pops (front register and heap paths)', () => {
    const a = new PlainCalendar(2);
    const b = new PlainCalendar(2); // small: the heap grows on the way
    times.forEach((t, i) => {
      a.add(t, i, 100 + i);
      b.slot[0] = t;
      b.addFromSlot(i, 100 + i);
    });
    const want = drain(a);
    expect(want).toHaveLength(times.length);
    expect(drain(b)).toEqual(want);
    // Ties keep scheduling order: the three events at time 3 are kinds 1, 2, 9.
    expect(want.filter((r) => r[0] === 3).map((r) => r[1])).toEqual([1, 2, 9]);
  });

  it('EventCalendar.addFromSlot pops exactly what add pops', () => {
    const a = new EventCalendar();
    const b = new EventCalendar();
    times.forEach((t, i) => {
      a.add(t, i, i);
      b.slot[0] = t;
      b.addFromSlot(i, i);
    });
    expect(drain(b)).toEqual(drain(a));
  });

  it('Simulation.postAtSlot checks the time like post does', () => {
    for (const cancellable of [true, false]) {
      const sim = new Simulation({ cancellable });
      sim.slot[0] = 2;
      sim.postAtSlot(1, 7);
      const seen: number[] = [];
      sim.run(1, () => seen.push(sim.now));
      sim.slot[0] = 0.5;
      expect(() => sim.postAtSlot(1, 8)).toThrow(/event time 0.5 is in the past \(now is 1\)/);
      sim.slot[0] = Number.NaN;
      expect(() => sim.postAtSlot(1, 8)).toThrow(/expected a finite number, got NaN/);
      sim.run(5, () => seen.push(sim.now));
      expect(seen).toEqual([2]);
    }
  });
});

describe('WaitHistogram.addFrom', () => {
  it('keeps the same summary as add', () => {
    const waits = [0, 0.001, 0.3, 1.5, 1.5, 40, 1e-9, 2000, 0];
    const a = new WaitHistogram();
    const b = new WaitHistogram();
    const box = new Float64Array(1);
    for (const w of waits) {
      a.add(w);
      box[0] = w;
      b.addFrom(box);
    }
    expect(b.n).toBe(waits.length);
    expect(b.sumDays).toBe(a.sumDays);
    expect(b.summary()).toEqual(a.summary());
  });
});
