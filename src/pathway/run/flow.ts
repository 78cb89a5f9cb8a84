/**
 * Pools, places and blocking at run time: the part of the engine's flow that only scenarios
 * with `pools` or `places` pay for. The engine tests one byte per stage (`ext`) and calls in
 * here when it is set; stages without pools or places never do.
 *
 * Rules (see docs/guide/pools-and-beds.md):
 * - Places (Ciw's queue capacity, counted with the servers): `places` bounds the patients at a
 *   stage — waiting, in service, and finished but blocked there. Patients waiting at day 0
 *   (`initial`) are placed even beyond it; then nobody enters until the count falls below.
 * - A patient finishing upstream whose next stage is full stays where they are, blocked: they
 *   keep their server (a server stage), the next day's release loses one slot while they wait
 *   (a slot stage: the list cannot start its next case), and their place. They move, in the
 *   order they were blocked, as places free.
 * - Patients from outside (an arrival stream, a missed patient coming back) who find the
 *   stage full are turned away: counted as `rejected`, and they leave the pathway.
 * - Pool units are held for the service time (see `pools.ts`). When units free, stages are
 *   served in the pool's order (priority), or the earliest joiner first (`first-come`).
 * - Deadlock stops the run with an error naming the stages (see `deadlock.ts`).
 * @module
 */
import type { Simulation } from '../../core/simulation.js';
import { CAP_SERVERS, CAP_SLOTS } from '../parts/capacity-kinds.js';
import { EXIT, type Model } from '../model.js';
import type { PatientStore } from '../patients.js';
import type { FifoQueue } from '../queues.js';
import type { RunResult } from '../result.js';
import type { CapacityState } from './capacity-state.js';
import { DeadlockDetector } from './deadlock.js';
import { PoolState } from './pools.js';
import { dropAbandonedFront } from './queue-front.js';
import type { Statistics } from './stats.js';

/** `ext` bits: the stage uses a pool; it has places; completions there go through the flow. @internal */
export const EXT_POOL = 1;
export const EXT_PLACES = 2;
export const EXT_FLOW = 4;

/** What a blocked patient holds at the stage they finished. */
const HELD_NONE = 0;
const HELD_SERVER = 1;
const HELD_SLOT = 2;

/** The engine's moves the flow needs (bound once, not per event). @internal */
export interface FlowHost {
  /** Starts waiting patients at s while it has capacity. */
  drain(s: number): void;
  /** Starts the front live patient of s's queue (s has one waiting and capacity free). */
  startNext(s: number): void;
  /** Whether a patient could start at s now (own capacity and pool). */
  hasFree(s: number): boolean;
  /** Patient p goes on to `next` (a stage, joining it now, or EXIT). */
  moveTo(p: number, next: number): void;
}

/** Patients blocked waiting for one stage, in the order they were blocked. */
class BlockedLine {
  readonly p: number[] = [];
  readonly held: number[] = [];
  readonly since: number[] = [];
  head = 0;

  get size(): number {
    return this.p.length - this.head;
  }

  push(p: number, held: number, since: number): void {
    this.p.push(p);
    this.held.push(held);
    this.since.push(since);
  }

  /** Removes the front entry (read it at `head` first). */
  drop(): void {
    if (++this.head === this.p.length) {
      this.p.length = this.held.length = this.since.length = 0;
      this.head = 0;
    }
  }
}

/** Pools, places and blocking for one run. @internal */
export class Flow {
  /** Per stage, EXT_ bits (0: the engine's plain path). */
  readonly ext: Uint8Array;
  readonly pools: PoolState;
  /** Places per stage, 0 = no limit. */
  readonly places: Int32Array;
  /** Patients at each stage with places: waiting, in service and blocked there. */
  readonly present: Int32Array;
  /** Patients blocked at each stage (finished there, waiting for a place downstream). */
  readonly blockedAt: Int32Array;
  private readonly slotHeld: Int32Array;
  private readonly lines: (BlockedLine | null)[];
  private readonly hasPlaces: boolean;
  private readonly deadlock: DeadlockDetector | null;
  private readonly poolDraining: Uint8Array;
  private readonly poolAgain: Uint8Array;
  // Measured (reset at the end of the warm-up), except rejectedTotal (whole run, for conservation).
  private readonly blockedDays: Float64Array;
  private readonly blockedPatients: Float64Array;
  private readonly rejected: Float64Array;
  private rejectedTotal = 0;
  private measureFrom = 0;

  constructor(
    private readonly model: Model,
    private readonly sim: Simulation,
    private readonly store: PatientStore,
    private readonly cap: CapacityState,
    private readonly waiting: Int32Array,
    private readonly fifo: (FifoQueue | null)[],
    private readonly stats: Statistics,
    private readonly host: FlowHost,
  ) {
    const S = model.stages.length;
    this.pools = new PoolState(model);
    this.places = Int32Array.from(model.stages, (st) => st.places ?? 0);
    this.hasPlaces = this.places.some((n) => n > 0);
    this.ext = Uint8Array.from(model.stages, (st, s) => (st.uses ? EXT_POOL : 0) | (this.places[s]! > 0 ? EXT_PLACES : 0) | (this.hasPlaces ? EXT_FLOW : 0));
    model.stages.forEach((st, s) => {
      if (st.uses) this.ext[s]! |= EXT_FLOW;
    });
    this.present = new Int32Array(S);
    this.blockedAt = new Int32Array(S);
    this.slotHeld = new Int32Array(S);
    this.lines = model.stages.map((_, s) => (this.places[s]! > 0 ? new BlockedLine() : null));
    const P = model.pools?.length ?? 0;
    this.poolDraining = new Uint8Array(P);
    this.poolAgain = new Uint8Array(P);
    this.blockedDays = new Float64Array(S);
    this.blockedPatients = new Float64Array(S);
    this.rejected = new Float64Array(S);
    this.measureFrom = model.warmup === 0 ? 0 : Infinity;
    this.deadlock = this.hasPlaces
      ? new DeadlockDetector(model, { places: this.places, present: this.present, blockedAt: this.blockedAt, waiting, busy: cap.busy })
      : null;
  }

  /** Whether a model needs the flow at all. */
  static needed(model: Model): boolean {
    return (model.pools?.length ?? 0) > 0 || model.stages.some((st) => st.places !== undefined || st.uses !== undefined);
  }

  /** Whether stage s (with places) is full: an arrival from outside is turned away, a transfer blocked. */
  isFull(s: number): boolean {
    const n = this.places[s]!;
    return n > 0 && this.present[s]! >= n;
  }

  /** A patient joins stage s. */
  entered(s: number): void {
    if (this.places[s]! > 0) this.present[s]++;
  }

  /** A patient starts service at stage s. */
  started(s: number): void {
    if ((this.ext[s]! & EXT_POOL) !== 0) this.pools.take(s, this.sim.now, this.stats.measuring);
  }

  /** A waiting patient at stage s gave up: their place frees. */
  abandoned(s: number): void {
    if (this.places[s]! > 0) {
      this.present[s]--;
      this.placeFreed(s);
    }
  }

  /** Patient p from outside found stage s full. */
  rejectedAt(s: number): void {
    this.rejectedTotal++;
    if (this.stats.measuring) this.rejected[s]++;
  }

  /**
   * Patient p's service at stage s ended and routing chose `next`; `held` is 1 if they held a
   * server. The engine has accrued s's areas. Replaces the engine's own release-and-move.
   */
  complete(p: number, s: number, held: number, next: number): void {
    const k = (this.ext[s]! & EXT_POOL) !== 0 ? this.pools.release(s, this.sim.now) : -1;
    if (next !== EXIT && this.isFull(next)) {
      this.block(p, s, next, held);
      if (k >= 0) this.drainPool(k);
      if (this.deadlock !== null) this.deadlock.check(next, this.sim.now);
      return;
    }
    if (held === 1) this.cap.busy[s]--;
    if (k >= 0) this.drainPool(k);
    else if (this.cap.kind[s] === CAP_SERVERS) this.host.drain(s);
    this.host.moveTo(p, next);
    if (this.places[s]! > 0) {
      this.present[s]--;
      this.placeFreed(s);
    }
  }

  private block(p: number, s: number, t: number, held: number): void {
    const h = held === 1 ? HELD_SERVER : this.cap.kind[s] === CAP_SLOTS ? HELD_SLOT : HELD_NONE;
    this.lines[t]!.push(p, h, this.sim.now);
    this.blockedAt[s]++;
    if (h === HELD_SLOT) this.slotHeld[s]++;
    if (this.stats.measuring) this.blockedPatients[s]++;
    if (this.deadlock !== null) this.deadlock.edge(s, t, 1);
  }

  /** A place freed at stage t: patients blocked waiting for it move in, first blocked first. */
  private placeFreed(t: number): void {
    const line = this.lines[t]!;
    if (line === null) return;
    const now = this.sim.now;
    while (line.size > 0 && this.present[t]! < this.places[t]!) {
      const i = line.head;
      const p = line.p[i]!;
      const h = line.held[i]!;
      const since = line.since[i]!;
      line.drop();
      const u = this.store.stage(p);
      this.stats.touch(u);
      this.blockedAt[u]--;
      if (h === HELD_SLOT) this.slotHeld[u]--;
      if (now > this.measureFrom) this.blockedDays[u] += now - Math.max(since, this.measureFrom);
      if (this.deadlock !== null) this.deadlock.edge(u, t, -1);
      if (h === HELD_SERVER) {
        this.cap.busy[u]--;
        this.host.drain(u);
      }
      this.host.moveTo(p, t);
      if (this.places[u]! > 0) {
        this.present[u]--;
        this.placeFreed(u);
      }
    }
  }

  /** Units of pool k freed: serve its stages' waiting patients in the pool's order. */
  private drainPool(k: number): void {
    if (this.poolDraining[k] === 1) {
      this.poolAgain[k] = 1; // the outer call goes round again
      return;
    }
    this.poolDraining[k] = 1;
    const order = this.pools.order[k]!;
    do {
      this.poolAgain[k] = 0;
      if (this.pools.firstCome[k] === 1) this.firstCome(order);
      else for (let i = 0; i < order.length; i++) this.host.drain(order[i]!);
    } while (this.poolAgain[k] === 1);
    this.poolDraining[k] = 0;
  }

  /** First come first served across stages: repeatedly start the earliest joiner who can start. */
  private firstCome(order: Int32Array): void {
    const store = this.store;
    for (;;) {
      let best = -1;
      let bestJoined = Infinity;
      for (let i = 0; i < order.length; i++) {
        const u = order[i]!;
        if (this.waiting[u] === 0 || !this.host.hasFree(u)) continue;
        const q = this.fifo[u]!;
        // Abandoned entries stay on the ring until they reach the front: discard them now
        // (rows keep their states here: run/gone-rows.ts is off where pools or places are).
        dropAbandonedFront(q, store, null);
        const joined = store.joined(q.peek());
        if (joined < bestJoined) {
          best = u;
          bestJoined = joined;
        }
      }
      if (best < 0) return;
      this.host.startNext(best);
    }
  }

  /**
   * Start of a day, after the day's slots are released: blocked patients hold one slot each, and
   * each pool serves its stages in its own order before the engine serves stages in scenario order.
   */
  dayStart(): void {
    const held = this.slotHeld;
    for (let s = 0; s < held.length; s++) {
      if (held[s]! > 0 && this.cap.kind[s] === CAP_SLOTS) this.cap.slotsLeft[s] = Math.max(0, this.cap.slotsLeft[s]! - held[s]!);
    }
    for (let k = 0; k < this.pools.order.length; k++) this.drainPool(k);
  }

  /** The end of the warm-up. */
  startMeasuring(): void {
    this.measureFrom = this.sim.now;
    this.blockedDays.fill(0);
    this.blockedPatients.fill(0);
    this.rejected.fill(0);
    this.pools.startMeasuring(this.sim.now);
  }

  /** Adds pools, blocking and rejections to a run's result (fields only scenarios with them have). */
  addTo(result: Omit<RunResult, 'manifest'>, end: number): void {
    if (this.hasPlaces) {
      const stillBlocked = new Float64Array(this.model.stages.length);
      this.lines.forEach((line) => {
        if (line === null) return;
        for (let i = line.head; i < line.p.length; i++) {
          const u = this.store.stage(line.p[i]!);
          if (end > this.measureFrom) stillBlocked[u] += end - Math.max(line.since[i]!, this.measureFrom);
        }
      });
      result.patients.rejected = this.rejectedTotal;
      this.model.stages.forEach((st, s) => {
        Object.assign(result.stages[st.id]!, {
          blockedPatients: this.blockedPatients[s]!,
          blockedDays: this.blockedDays[s]! + stillBlocked[s]!,
          blockedAtEnd: this.blockedAt[s]!,
          rejected: this.rejected[s]!,
        });
      });
    }
    if ((this.model.pools?.length ?? 0) > 0) result.pools = this.pools.result(end, this.model.horizon);
  }
}
