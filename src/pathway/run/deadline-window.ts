/**
 * The deadlines of the next day or so, sorted, so that only the earliest is in the calendar.
 *
 * Why: a national list has thousands of abandonments a day. As one calendar event each they
 * filled its heap (and, past 8,192 rows, its far tier), so every arrival's push and pop paid for
 * their depth and the far tier's bucket refills. Here they wait in a small binary heap of their
 * own, keyed exactly as the calendar keys events (time, then reserved order), and
 * `run/patience.ts` keeps only the earliest pending one in the calendar, posted in its reserved
 * place; when it fires the next is posted. Since every event scheduled later has a larger order,
 * and the next deadline sorts after the one just fired, the calendar pops every event in the
 * same order as when each deadline had its own event. A deadline's patient may be treated
 * before it fires: it is then found stale and ignored, so no event is ever cancelled and the
 * engine uses the calendar without cancellation (`core/plain-calendar.ts`).
 * @module
 */

/**
 * A binary min-heap of (time, order, patient, place), ordered by time, then order; the place
 * (a number the caller gives) rides along.
 * @internal
 * @example
 * ```ts
 * import { DeadlineWindow } from './deadline-window.js';
 * const w = new DeadlineWindow();
 * w.push(3.5, 10, 7);
 * w.push(2.25, 12, 8);
 * w.push(2.25, 11, 9);
 * w.pop(); // w.at 2.25, w.order 11, w.patient 9
 * w.size; // 2
 * ```
 */
export class DeadlineWindow {
  private times = new Float64Array(64);
  private orders = new Float64Array(64);
  private patients = new Int32Array(64);
  private places = new Float64Array(64);
  private n = 0;
  /** The last popped entry's time. */
  at = 0;
  /** The last popped entry's reserved order. */
  order = 0;
  /** The last popped entry's patient. */
  patient = -1;
  /** The last popped entry's place. */
  place = 0;

  /** Entries waiting. */
  get size(): number {
    return this.n;
  }

  /** The earliest entry's time (the caller checks size > 0). */
  headAt(): number {
    return this.times[0]!;
  }

  /** The earliest entry's reserved order. */
  headOrder(): number {
    return this.orders[0]!;
  }

  /** The earliest entry's patient. */
  headPatient(): number {
    return this.patients[0]!;
  }

  /** The earliest entry's place. */
  headPlace(): number {
    return this.places[0]!;
  }

  /** Adds patient p's deadline at time `at` with its reserved `order`. */
  push(at: number, order: number, p: number, place = 0): void {
    if (this.n === this.times.length) this.grow();
    const t = this.times;
    const o = this.orders;
    const q = this.patients;
    const x = this.places;
    let i = this.n++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      const ut = t[up]!;
      if (ut < at || (ut === at && o[up]! < order)) break;
      t[i] = ut;
      o[i] = o[up]!;
      q[i] = q[up]!;
      x[i] = x[up]!;
      i = up;
    }
    t[i] = at;
    o[i] = order;
    q[i] = p;
    x[i] = place;
  }

  /** Removes the earliest entry into {@link at}, {@link order}, {@link patient} and {@link place} (the caller checks size > 0). */
  pop(): void {
    const t = this.times;
    const o = this.orders;
    const q = this.patients;
    const x = this.places;
    this.at = t[0]!;
    this.order = o[0]!;
    this.patient = q[0]!;
    this.place = x[0]!;
    const n = --this.n;
    if (n === 0) return;
    const lt = t[n]!;
    const lo = o[n]!;
    const lp = q[n]!;
    const lx = x[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (t[r]! < t[c]! || (t[r] === t[c] && o[r]! < o[c]!))) c = r;
      const ct = t[c]!;
      if (lt < ct || (lt === ct && lo < o[c]!)) break;
      t[i] = ct;
      o[i] = o[c]!;
      q[i] = q[c]!;
      x[i] = x[c]!;
      i = c;
    }
    t[i] = lt;
    o[i] = lo;
    q[i] = lp;
    x[i] = lx;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const t = new Float64Array(n);
    const o = new Float64Array(n);
    const q = new Int32Array(n);
    const x = new Float64Array(n);
    t.set(this.times);
    o.set(this.orders);
    q.set(this.patients);
    x.set(this.places);
    this.times = t;
    this.orders = o;
    this.patients = q;
    this.places = x;
  }
}
