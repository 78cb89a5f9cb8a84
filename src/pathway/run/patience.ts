/**
 * Patience: a waiting patient's abandonment deadline, drawn when they join a queue with
 * patience, scheduled as an event when it falls before tomorrow and otherwise kept in its day's
 * list (see deadlines.ts) until the day before; cleared when they start service.
 *
 * The day before, a list's entries whose tags show them pending join a small heap
 * (deadline-window.ts), and only its earliest live deadline is in the calendar at a time: an
 * event with data `~p` (negative, so the engine can tell it from a deadline scheduled directly)
 * in the order reserved when the patient joined. The patient's row is read when that deadline
 * is posted (a cache miss the abandonment would pay anyway) and again when it fires, since the
 * patient may have been treated in between; a deadline found stale when it fires does nothing
 * and is left out of the result's event count, like the day ticks.
 *
 * Moved out of the engine as is: the engine checks `patKind` (no call for stages without
 * patience) and the handle (no call for a patient without a deadline) before calling here.
 * @module
 */
import type { Rng } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import type { PatientStore } from '../patients.js';
import { D_EXPONENTIAL, D_FIXED, D_NONE, type CompiledModel } from './compiled.js';
import { DeadlineWindow } from './deadline-window.js';
import { deferredHandle, DeferredDeadlines } from './deadlines.js';

/**
 * Draws, schedules and clears abandonment deadlines for the engine.
 * @internal
 * @example
 * ```ts
 * import { Simulation } from '../../core/simulation.js';
 * import { RandomStreams } from '../../core/random.js';
 * import { PatientStore } from '../patients.js';
 * import { resolveScenario } from '../resolve.js';
 * import { parseScenario } from '../scenario.js';
 * import { compileModel } from './compiled.js';
 * import { Patience } from './patience.js';
 * const model = resolveScenario(
 *   parseScenario({ version: 1, name: 'clinic', horizon: 10, arrivals: { gp: { to: 'clinic', rate: { perDay: 5 } } },
 *     stages: { clinic: { capacity: { servers: 1 }, patience: { dist: 'fixed', value: 3 } } } }),
 * );
 * const sim = new Simulation();
 * const store = new PatientStore(0, 16);
 * const patience = new Patience(compileModel(model), [new RandomStreams(1).stream('patience')], sim, store, 10, 64, 9);
 * const p = store.allocate(0, 0);
 * patience.begin(p, 0); // deadline day 3: a day or more ahead, so kept in day 3's list
 * patience.deadlines!.count(3); // 3 (patient and tag, order, time)
 * ```
 * ```
 */
export class Patience {
  /** Deadlines a day or more ahead (null when no stage has patience). */
  readonly deadlines: DeferredDeadlines | null;
  /** Day ticks run (`kDeadlines` events) and window deadlines found stale, left out of the result's event count. */
  ticks = 0;
  /** Deadlines of the next day or so whose tags show them pending, earliest first. */
  private readonly window = new DeadlineWindow();
  /** The reserved order of the window's deadline now in the calendar, or -1 if none is. */
  private posted = -1;

  /**
   * @param kAbandon Event kind of a deadline at stage 0 (`kAbandon + s` at stage s); `kDeadlines` that of the daily move of the next
   *   day's deadlines into the calendar (its data is the day).
   */
  constructor(
    private readonly c: CompiledModel,
    private readonly rng: Rng[],
    private readonly sim: Simulation,
    private readonly store: PatientStore,
    private readonly end: number,
    private readonly kAbandon: number,
    private readonly kDeadlines: number,
  ) {
    this.deadlines = c.patKind.some((k) => k !== D_NONE) ? new DeferredDeadlines(end, store) : null;
  }

  /** Schedules the first day tick (call once, at time 0, where the engine sets the order). */
  start(): void {
    if (this.deadlines !== null && this.end >= 1) this.sim.schedule(0, this.kDeadlines, 0);
  }

  /** Patient p joins stage s's queue now (s has patience): draws and keeps their deadline. */
  begin(p: number, s: number): void {
    const c = this.c;
    const pk = c.patKind[s]!;
    const now = this.sim.now;
    const at =
      now +
      (pk === D_EXPONENTIAL
        ? -c.patParam[s]! * Math.log(1 - this.rng[s]!())
        : pk === D_FIXED
          ? c.patParam[s]!
          : c.patience[s]!.sample(this.rng[s]!));
    // Patience that outlasts the run can never fire: not scheduling it keeps the calendar small.
    if (at <= this.end) {
      const store = this.store;
      const dl = this.deadlines!;
      if (at < dl.horizon) store.setAbandonHandle(p, this.sim.schedule(at, this.kAbandon + s, p));
      else {
        const order = this.sim.reserveOrder();
        store.setAbandonHandle(p, deferredHandle(order));
        dl.add(p, order, at);
      }
    }
  }

  /** Patient p, holding a deadline, starts service: the deadline no longer counts. */
  clear(p: number): void {
    const h = this.store.abandonHandle(p);
    if (h >= 0) this.sim.cancel(h);
    else this.deadlines!.forget(p); // a deferred deadline, now stale (see onDay)
    this.store.setAbandonHandle(p, -1);
  }

  /**
   * At day d: the deadlines of day d + 1 whose tags show them pending join the window (no row
   * is read); they all fall after the window's others, so the one in the calendar stays first.
   */
  onDay(d: number): void {
    this.ticks++;
    const dl = this.deadlines!;
    const list = dl.list(d + 1);
    const n = dl.count(d + 1);
    const window = this.window;
    for (let i = 0; i < n; i += 3) {
      if (dl.tagLive(list!, i)) window.push(list![i + 2]!, list![i + 1]!, dl.patient(list!, i));
    }
    dl.drop(d + 1);
    if (this.posted < 0) this.postNext();
    if (d + 2 <= this.end) this.sim.schedule(d + 1, this.kDeadlines, d + 1);
  }

  /**
   * The window's deadline of patient p (the event's data was `~p`) fires: whether p still waits
   * for it (then the engine abandons them). Posts the window's next live deadline either way.
   */
  fire(p: number): boolean {
    const live = this.store.abandonHandle(p) === deferredHandle(this.posted);
    if (!live) this.ticks++; // treated since it was posted: not an event of the model
    this.postNext();
    return live;
  }

  /** Puts the window's earliest live deadline into the calendar, dropping stale ones on the way. */
  private postNext(): void {
    const window = this.window;
    const store = this.store;
    while (window.size > 0) {
      window.pop();
      const p = window.patient;
      const order = window.order;
      if (store.abandonHandle(p) === deferredHandle(order)) {
        this.posted = order;
        this.sim.scheduleInOrder(window.at, this.kAbandon + store.stage(p), ~p, order);
        return;
      }
    }
    this.posted = -1;
  }
}
