/**
 * The engine's cold paths: patients leaving the plain stage-to-stage flow. A DNA uses up the
 * capacity it was given and is rebooked or discharged (rules in `losses.ts`); a false negative
 * comes back later at the missed-case stage; a patient from outside finds a stage full and is
 * turned away; a patient released by the flow moves on. The engine calls in here only where a
 * stage has losses, pools or places, or a patient was missed, so the hot path never does.
 * @module
 */
import type { Rng } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import { EXIT, type Model } from '../model.js';
import type { PatientRandom } from '../patient-random.js';
import { AWAY, IN_SERVICE, REBOOKING, type PatientStore } from '../patients.js';
import type { CompiledModel } from './compiled.js';
import { K_IDLE_END, K_REBOOK, K_RETURN } from './events.js';
import type { Flow } from './flow.js';
import { ATTEND, REBOOK, type Losses } from './losses.js';
import type { RunMeasures } from './measures.js';
import type { Statistics } from './stats.js';

/** The engine's moves the detours need (bound once, not per event). @internal */
export interface DetourHost {
  /** Starts waiting patients at s while it has capacity. */
  drain(s: number): void;
  /** Whether a patient could start at s now (own capacity and pool). */
  hasFree(s: number): boolean;
  /** Patient p starts service at s now. */
  startService(p: number, s: number): void;
  /** Patient p joins s's queue. */
  enqueue(p: number, s: number): void;
  /** Patient p joins stage s (their join time already set). */
  enterStage(p: number, s: number): void;
  /** Patient p reaches the end of the pathway. */
  exit(p: number): void;
}

/** DNAs, rebooking, missed returns, rejection and flow moves for one run. @internal */
export class Detours {
  constructor(
    private readonly m: Model,
    private readonly c: CompiledModel,
    private readonly sim: Simulation,
    private readonly store: PatientStore,
    private readonly stats: Statistics,
    private readonly measures: RunMeasures,
    private readonly prn: PatientRandom,
    private readonly serviceRng: Rng[],
    private readonly busy: Int32Array,
    private readonly waiting: Int32Array,
    private readonly ext: Uint8Array,
    private readonly leadAt: Uint8Array,
    private readonly losses: Losses | null,
    private readonly flow: Flow | null,
    private readonly host: DetourHost,
  ) {}

  /**
   * Patient p, just given capacity at DNA stage s, may not attend (run/losses.ts): then the
   * capacity is used up (a server idles for the service time), and p is rebooked or discharged.
   */
  didNotAttend(p: number, s: number, held: number): boolean {
    const losses = this.losses!;
    const outcome = losses.attend(p, s, this.stats.measuring);
    if (outcome === ATTEND) return false;
    this.measures.missed(p);
    const sim = this.sim;
    if (held === 1) {
      const d = this.c.service[s]!.sample(this.serviceRng[s]!);
      if (d > 0) sim.schedule(sim.now + d, K_IDLE_END, s);
      else this.busy[s]--;
    }
    if (outcome === REBOOK) {
      // A nullified clock is off the list while away; a running one stays on it (losses.ts).
      this.store.setState(p, losses.restarts(s) ? AWAY : REBOOKING);
      sim.schedule(sim.now + losses.delay, K_REBOOK, p);
    } else {
      // Discharged: leaves the pathway; their clock stops uncounted (see losses.ts).
      this.measures.discharged(p);
      if (this.ext[s] !== 0) this.flow!.abandoned(s); // their place frees
      this.store.release(p);
    }
    return true;
  }

  /** The server a DNA left idle at s is free again. */
  idleEnd(s: number): void {
    this.stats.touch(s);
    this.busy[s]--;
    this.host.drain(s);
  }

  /** A patient who did not attend rejoins their stage's queue, as newly joined (the clock restarts if the stage says so). */
  onRebook(p: number): void {
    const store = this.store;
    const now = this.sim.now;
    const s = store.stage(p);
    if (this.losses!.restarts(s)) store.setStart(p, now);
    store.setJoined(p, now);
    store.setState(p, IN_SERVICE);
    this.measures.rebooked(p, s);
    if (this.waiting[s] === 0 && this.host.hasFree(s) && (this.leadAt[s] === 0 || this.losses!.eligible(p, s, now))) this.host.startService(p, s);
    else this.host.enqueue(p, s);
  }

  /** Patient p goes on to `next` (for the flow, after it has released what they held). */
  moveTo(p: number, next: number): void {
    if (next === EXIT) this.host.exit(p);
    else {
      this.store.setJoined(p, this.sim.now);
      this.host.enterStage(p, next);
    }
  }

  /** Patient p from outside found stage s full (`places`): turned away, they leave the pathway. */
  reject(p: number, s: number): void {
    this.flow!.rejectedAt(s);
    this.measures.rejected(p, s);
    this.store.release(p);
  }

  /** A false negative leaving the pathway: true if they are to come back later (then sent away). */
  missedReturns(p: number, at: number): boolean {
    const delay = this.prn.missedDelay(p, at, this.m.stages[at]!.test!.missed!.share, this.c.missedAfter[at]!);
    if (delay < 0) return false;
    this.store.setState(p, AWAY);
    this.sim.schedule(this.sim.now + delay, K_RETURN, p);
    return true;
  }

  /** A missed patient comes back: a new pathway (the clock restarts) at the missed-case stage. */
  onReturn(p: number): void {
    const at = this.store.missedAt(p);
    const to = this.m.stages[at]!.test!.missed!.to;
    this.measures.returned(p);
    this.store.setState(p, IN_SERVICE);
    if (this.ext[to] !== 0 && this.flow!.isFull(to)) this.reject(p, to);
    else this.host.enterStage(p, to);
  }
}
