/**
 * Patience: a waiting patient's abandonment deadline, drawn when they join a queue with
 * patience and kept in its day's list (see deadlines.ts) until the day before; cleared when
 * they start service.
 *
 * The day before, a list's entries whose tags show them pending join a small heap
 * (deadline-window.ts), as does a deadline less than a day ahead at once; the earliest live
 * one is always in the calendar: an event with data `~p` in the order reserved when the patient
 * joined. The patient's row is read when that deadline is posted (a cache miss the abandonment
 * would pay anyway) and again when it fires, since the patient may have been treated in
 * between; a deadline found stale when it fires does nothing and is left out of the result's
 * event count, like the day ticks. So nothing is cancelled, and the calendar keeps no handles.
 *
 * Where every stage with patience serves first come first served, a deadline is told live by
 * the patient's place in the queue instead (`queued-deadlines.ts`): no tag, no row handle, and
 * no row read to post, fire or drop a deadline; the stage rides in the place. The two rules
 * agree at every check, so events and results are the same. Rows then keep no handle (it reads
 * -1), so the engine never calls `clear`.
 *
 * Moved out of the engine as is: the engine checks `patKind` (no call for stages without
 * patience) and the handle (no call for a patient without a deadline) before calling here.
 * @module
 */
import type { Rng } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import type { PatientStore } from '../patients.js';
import type { FifoQueue } from '../queues.js';
import { D_EXPONENTIAL, D_FIXED, D_NONE, type CompiledModel } from './compiled.js';
import { DeadlineWindow } from './deadline-window.js';
import { deferredHandle, DeferredDeadlines } from './deadlines.js';
import { QueuedDeadlines, STAGE_SLOTS } from './queued-deadlines.js';

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
  /** Deadlines a day or more ahead, told live by tags and rows (null when no stage has patience, or queued). */
  readonly deadlines: DeferredDeadlines | null;
  /** The same, told live by the patient's place in a ring (null unless queued). */
  readonly queuedDeadlines: QueuedDeadlines | null;
  /** 1 when deadlines are told live by place (every stage with patience has a ring). */
  private readonly queued: number;
  /** Each stage's ring (queued mode; empty otherwise). */
  private readonly rings: (FifoQueue | null)[];
  /** Day ticks run (`kDeadlines` events) and window deadlines found stale, left out of the result's event count. */
  ticks = 0;
  /** Deadlines of the next day or so not yet found stale, earliest first. */
  private readonly window = new DeadlineWindow();
  // The window's deadlines now in the calendar, a stack whose top is the earliest: each was
  // posted as the earliest pending deadline, so they fire top first (see settle).
  private postedAt = new Float64Array(8);
  private postedOrder = new Float64Array(8);
  private postedPlace = new Float64Array(8);
  private nPosted = 0;

  /**
   * @param kAbandon Event kind of a deadline at stage 0 (`kAbandon + s` at stage s); `kDeadlines` that of the daily move of the next
   *   day's deadlines into the calendar (its data is the day).
   * @param rings Each stage's ring, when every stage with patience has one (`queuedPatience`):
   *   deadlines are then told live by place and rows' handles are never set (the store may keep
   *   none); else null.
   */
  constructor(
    private readonly c: CompiledModel,
    private readonly rng: Rng[],
    private readonly sim: Simulation,
    private readonly store: PatientStore,
    private readonly end: number,
    private readonly kAbandon: number,
    private readonly kDeadlines: number,
    rings: (FifoQueue | null)[] | null = null,
  ) {
    const any = c.patKind.some((k) => k !== D_NONE);
    if (rings !== null && c.patKind.some((k, s) => k !== D_NONE && rings[s] == null)) {
      throw new Error('Patience: deadlines told by place need a ring at every stage with patience');
    }
    this.queued = any && rings !== null ? 1 : 0;
    this.deadlines = any && this.queued === 0 ? new DeferredDeadlines(end, store) : null;
    this.queuedDeadlines = this.queued === 1 ? new QueuedDeadlines(end, rings!) : null;
    this.rings = rings ?? [];
  }

  /** Schedules the first day tick (call once, at time 0, where the engine sets the order). */
  start(): void {
    if ((this.deadlines !== null || this.queuedDeadlines !== null) && this.end >= 1) this.sim.schedule(0, this.kDeadlines, 0);
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
      // The order is taken now, where scheduling the deadline at once would have taken it.
      const order = this.sim.reserveOrder();
      if (this.queued === 1) {
        // The engine has just pushed p: their place is the ring's last.
        const place = (this.rings[s]!.pushed - 1) * STAGE_SLOTS + s;
        const qd = this.queuedDeadlines!;
        if (at >= qd.horizon) qd.add(p, place, order, at);
        else {
          this.window.push(at, order, p, place);
          this.settle();
        }
        return;
      }
      this.store.setAbandonHandle(p, deferredHandle(order));
      const dl = this.deadlines!;
      if (at >= dl.horizon) dl.add(p, order, at);
      else {
        // Due before the next day's move (rare): straight into the window.
        this.window.push(at, order, p);
        this.settle();
      }
    }
  }

  /** Patient p, holding a deadline, starts service: the deadline no longer counts. */
  clear(p: number): void {
    if (this.deadlines !== null) this.deadlines.forget(p); // its list entry, if any, is now stale; a posted one is found stale when it fires
    this.store.setAbandonHandle(p, -1);
  }

  /**
   * At day d: the deadlines of day d + 1 whose tags show them pending join the window (no row
   * is read here: it is read when the deadline is posted).
   */
  onDay(d: number): void {
    this.ticks++;
    if (this.queued === 1) this.queuedDay(d + 1);
    else this.taggedDay(d + 1);
    this.settle();
    if (d + 2 <= this.end) this.sim.schedule(d + 1, this.kDeadlines, d + 1);
  }

  /** Day d's deadlines whose tags show them pending join the window. */
  private taggedDay(d: number): void {
    const dl = this.deadlines!;
    const list = dl.list(d);
    const n = dl.count(d);
    const window = this.window;
    for (let i = 0; i < n; i += 3) {
      if (dl.tagLive(list!, i)) window.push(list![i + 2]!, list![i + 1]!, dl.patient(list!, i));
    }
    dl.drop(d);
  }

  /** Day d's deadlines whose patients are still on their ring join the window (exact: no row read). */
  private queuedDay(d: number): void {
    const qd = this.queuedDeadlines!;
    const list = qd.list(d);
    const n = qd.count(d);
    const window = this.window;
    for (let i = 0; i < n; i += 4) {
      const place = list![i + 1]!;
      if (qd.live(place)) window.push(list![i + 3]!, list![i + 2]!, list![i]!, place);
    }
    qd.drop(d);
  }

  /**
   * The earliest posted deadline, patient p's (the event's data was `~p`), fires: whether p
   * still waits for it (then the engine abandons them).
   */
  fire(p: number): boolean {
    const k = --this.nPosted;
    const live = this.queued === 1 ? this.queuedDeadlines!.live(this.postedPlace[k]!) : this.store.abandonHandle(p) === deferredHandle(this.postedOrder[k]!);
    if (!live) this.ticks++; // treated since it was posted: not an event of the model
    this.settle();
    return live;
  }

  /**
   * Keeps the earliest pending deadline in the calendar: if the window's earliest live entry
   * comes before every posted one (or none is posted), posts it. Entries whose patients have
   * left are dropped on the way (a row read: the one the abandonment would pay anyway).
   * Whatever is posted later is earlier than everything posted before, so the posted deadlines
   * form a stack with the earliest on top, and the calendar fires them top first.
   */
  private settle(): void {
    const window = this.window;
    const store = this.store;
    while (window.size > 0) {
      const at = window.headAt();
      const order = window.headOrder();
      const k = this.nPosted - 1;
      if (k >= 0 && !(at < this.postedAt[k]! || (at === this.postedAt[k] && order < this.postedOrder[k]!))) return;
      const p = window.headPatient();
      const place = window.headPlace();
      window.pop();
      const queued = this.queued === 1;
      if (queued ? this.queuedDeadlines!.live(place) : store.abandonHandle(p) === deferredHandle(order)) {
        if (k + 1 === this.postedAt.length) this.growPosted();
        this.postedAt[k + 1] = at;
        this.postedOrder[k + 1] = order;
        this.postedPlace[k + 1] = place;
        this.nPosted = k + 2;
        const s = queued ? place % STAGE_SLOTS : store.stage(p);
        this.sim.scheduleInOrder(at, this.kAbandon + s, ~p, order);
        return;
      }
    }
  }

  private growPosted(): void {
    const n = 2 * this.postedAt.length;
    const at = new Float64Array(n);
    const order = new Float64Array(n);
    const place = new Float64Array(n);
    at.set(this.postedAt);
    order.set(this.postedOrder);
    place.set(this.postedPlace);
    this.postedAt = at;
    this.postedOrder = order;
    this.postedPlace = place;
  }
}
