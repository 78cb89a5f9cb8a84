import { describe, expect, it } from 'vitest';
import { FreeRows } from '../../src/pathway/run/free-rows.js';
import { FREE, IN_SERVICE, PatientStore } from '../../src/pathway/patients.js';

/** The same next-fit rule by linear scan over a boolean per row: the independent reference. */
class NextFitReference {
  free: boolean[];
  cursor = 0;
  constructor(n: number) {
    this.free = new Array<boolean>(n).fill(false);
  }
  take(): number {
    const n = this.free.length;
    for (let k = 0; k < n; k++) {
      const i = (this.cursor + k) % n; // from the cursor to the end, then from row 0
      if (this.free[i]) {
        this.free[i] = false;
        this.cursor = i + 1;
        return i;
      }
    }
    return -1;
  }
}

describe('FreeRows (next-fit over a bitmap)', () => {
  it('hands out free rows in address order from the cursor, wrapping round', () => {
    const f = new FreeRows(64);
    for (const r of [40, 3, 63, 7]) f.add(r);
    expect([f.take(), f.take()]).toEqual([3, 7]);
    f.add(1); // behind the cursor: reached after the sweep wraps
    expect([f.take(), f.take(), f.take(), f.take()]).toEqual([40, 63, 1, -1]);
    expect(f.count).toBe(0);
  });

  it('agrees with a linear-scan reference over 60,000 random operations across all three levels', () => {
    const n = 70_000; // more than 32,768 rows: level 2 has three words
    const f = new FreeRows(n);
    const ref = new NextFitReference(n);
    const used: number[] = []; // rows handed out and not yet returned
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    // Start with every row free, as a store whose rows were all released.
    for (let r = 0; r < n; r++) {
      f.add(r);
      ref.free[r] = true;
    }
    let takes = 0;
    let wraps = 0;
    let mismatches = 0;
    let countOff = 0;
    // Most rows handed out first, so the sweep soon reaches the end and wraps.
    for (let k = 0; k < 65_000; k++) {
      const got = f.take();
      if (got !== ref.take()) mismatches++;
      used.push(got);
    }
    for (let op = 0; op < 60_000; op++) {
      // Bursts of takes and releases, so that the free set is sometimes sparse, sometimes dense.
      const phase = Math.floor(op / 6_000) % 2;
      if (used.length > 0 && rnd() < (phase === 0 ? 0.3 : 0.7)) {
        const k = Math.floor(rnd() * used.length);
        const r = used[k]!;
        used[k] = used[used.length - 1]!;
        used.pop();
        f.add(r);
        ref.free[r] = true;
      } else {
        const before = ref.cursor;
        const want = ref.take();
        const got = f.take();
        if (got !== want) mismatches++;
        if (got >= 0) {
          used.push(got);
          takes++;
          if (got < before) wraps++;
        }
      }
      if (f.count !== n - used.length) countOff++;
    }
    expect([mismatches, countOff]).toEqual([0, 0]);
    expect(takes).toBeGreaterThan(25_000);
    expect(wraps).toBeGreaterThan(0); // the sweep did wrap round
  });

  it('keeps its free rows when it grows', () => {
    const f = new FreeRows(40);
    f.add(39);
    f.grow(5000);
    f.add(4999);
    expect([f.take(), f.take(), f.take()]).toEqual([39, 4999, -1]);
  });
});

describe('PatientStore with sweep reuse', () => {
  it('reuses released rows in address order after the last row handed out, then fresh rows', () => {
    const s = new PatientStore(0, 16, false, 'sweep');
    const rows = Array.from({ length: 6 }, () => s.allocate(0, 0));
    expect(rows).toEqual([0, 1, 2, 3, 4, 5]);
    for (const r of [4, 1, 2]) s.release(r);
    expect(s.state(1)).toBe(FREE);
    expect([s.allocate(0, 0), s.allocate(0, 0), s.allocate(0, 0), s.allocate(0, 0)]).toEqual([1, 2, 4, 6]);
    expect([s.live, s.highWater, s.state(4)]).toEqual([7, 7, IN_SERVICE]);
  });

  it('keeps every row when it grows', () => {
    const s = new PatientStore(0, 16, false, 'sweep');
    for (let i = 0; i < 3000; i++) s.allocate(0, i);
    for (let i = 0; i < 3000; i += 3) s.release(i);
    const again = Array.from({ length: 1000 }, () => s.allocate(0, 0));
    expect(again).toEqual(Array.from({ length: 1000 }, (_, k) => 3 * k));
    expect(s.allocate(0, 0)).toBe(3000);
  });
});
