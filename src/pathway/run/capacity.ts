/**
 * Capacity at run time, in the SimPy shape: one shared state of typed arrays per stage, one
 * policy object per kind filling in the same methods, and a dispatcher that switches on the
 * stage's kind code so every call site in the event loop stays monomorphic (a call through an
 * array of different policy objects would not).
 *
 * Server holders: only patients who took a server (`take` returned 1) hold capacity until they
 * finish; a slot's activity and a delay hold none, so a later change to servers finds those
 * servers free.
 * @module
 */
import type { CapacityPhase, Model } from '../model.js';

/** Kind codes of the built-in kinds (the registry numbers further kinds from 3). */
export const CAP_SERVERS = 0;
export const CAP_SLOTS = 1;
export const CAP_UNLIMITED = 2;

/** The per-stage capacity state every policy reads and writes. */
export class CapacityState {
  /** Kind code of the phase in force. */
  readonly kind: Uint8Array;
  /** Index of the phase in force. */
  readonly phase: Int32Array;
  /** Servers offered now (0 outside server phases). */
  readonly servers: Int32Array;
  /** Patients holding a server. */
  readonly busy: Int32Array;
  /** Slots left today. */
  readonly slotsLeft: Int32Array;
  /** Slots released per weekday by the phase in force: stage s owns [7s, 7s + 7). */
  readonly perWeekday: Int32Array;
  // Measured areas (see CapacityPolicy.accrue), reset at the end of the warm-up.
  /** Server-days offered, and busy within that offer. */
  readonly offered: Float64Array;
  readonly busyWithin: Float64Array;
  /** Server-days worked beyond the servers offered (patients who started before a cut). */
  readonly overtime: Float64Array;
  /** Days under a server phase, and under a slot phase. */
  readonly serverDays: Float64Array;
  readonly slotDays: Float64Array;
  /** Slots released and slots taken. */
  readonly slotsOffered: Float64Array;
  readonly slotsUsed: Float64Array;

  constructor(readonly phases: CapacityPhase[][]) {
    const S = phases.length;
    this.kind = new Uint8Array(S);
    this.phase = new Int32Array(S);
    this.servers = new Int32Array(S);
    this.busy = new Int32Array(S);
    this.slotsLeft = new Int32Array(S);
    this.perWeekday = new Int32Array(7 * S);
    this.offered = new Float64Array(S);
    this.busyWithin = new Float64Array(S);
    this.overtime = new Float64Array(S);
    this.serverDays = new Float64Array(S);
    this.slotDays = new Float64Array(S);
    this.slotsOffered = new Float64Array(S);
    this.slotsUsed = new Float64Array(S);
  }

  /** Clears the measured areas (end of the warm-up). Slot counts restart with the measuring. */
  resetAreas(s: number): void {
    this.offered[s] = 0;
    this.busyWithin[s] = 0;
    this.overtime[s] = 0;
    this.serverDays[s] = 0;
    this.slotDays[s] = 0;
  }
}

/** What one capacity kind does at run time. */
export interface CapacityPolicy {
  /** The kind's name in a resolved phase (`CapacityPhase.kind`). */
  readonly kind: string;
  /** Whether a waiting patient could start now. */
  hasFree(c: CapacityState, s: number): boolean;
  /** Uses capacity for one start; returns 1 if the patient holds a server until they finish. */
  take(c: CapacityState, s: number, measuring: boolean): number;
  /** Start of a day: release the day's capacity (`weekday` 0 = Monday). */
  dayStart(c: CapacityState, s: number, weekday: number, measuring: boolean): void;
  /** The phase `phase` of this kind comes into force. */
  enter(c: CapacityState, s: number, phase: CapacityPhase): void;
  /** A phase of this kind ends (the next phase is of another kind). */
  leave(c: CapacityState, s: number): void;
  /** Adds `dt` days at the current state to the measured areas. */
  accrue(c: CapacityState, s: number, dt: number): void;
}

/** `servers`: identical servers, each serving one patient at a time. */
export const serversPolicy: CapacityPolicy = {
  kind: 'servers',
  hasFree: (c, s) => c.busy[s]! < c.servers[s]!,
  take(c, s) {
    c.busy[s]++;
    return 1;
  },
  dayStart() {},
  enter(c, s, phase) {
    c.servers[s] = (phase as { servers: number }).servers;
  },
  leave(c, s) {
    c.servers[s] = 0;
  },
  accrue(c, s, dt) {
    const n = c.servers[s]!;
    const b = c.busy[s]!;
    c.serverDays[s] += dt;
    c.offered[s] += n * dt;
    if (b <= n) c.busyWithin[s] += b * dt;
    else {
      c.busyWithin[s] += n * dt;
      c.overtime[s] += (b - n) * dt;
    }
  },
};

/** `slots`: released at each day's start, lost if not taken that day; the activity holds none. */
export const slotsPolicy: CapacityPolicy = {
  kind: 'slots',
  hasFree: (c, s) => c.slotsLeft[s]! > 0,
  take(c, s, measuring) {
    c.slotsLeft[s]--;
    if (measuring) c.slotsUsed[s]++;
    return 0;
  },
  dayStart(c, s, weekday, measuring) {
    const n = c.perWeekday[7 * s + weekday]!;
    c.slotsLeft[s] = n; // yesterday's unused slots are lost
    if (measuring) c.slotsOffered[s] += n;
  },
  enter(c, s, phase) {
    c.perWeekday.set((phase as { perWeekday: number[] }).perWeekday, 7 * s);
  },
  leave(c, s) {
    c.slotsLeft[s] = 0; // moving to servers or unlimited drops the day's unused slots
  },
  accrue(c, s, dt) {
    c.slotDays[s] += dt;
    // Patients still holding a server from an earlier server phase work beyond any offer.
    if (c.busy[s]! > 0) c.overtime[s] += c.busy[s]! * dt;
  },
};

/** `unlimited`: a delay; everyone starts at once and holds nothing. */
export const unlimitedPolicy: CapacityPolicy = {
  kind: 'unlimited',
  hasFree: () => true,
  take: () => 0,
  dayStart() {},
  enter() {},
  leave() {},
  accrue() {},
};

/** Built-in policies by kind code. */
export const BUILTIN_POLICIES: readonly CapacityPolicy[] = [serversPolicy, slotsPolicy, unlimitedPolicy];

/**
 * The capacity of every stage: the dispatcher the engine calls. Built-in kinds are reached by a
 * switch (each case a call to one known object, which V8 inlines); further kinds go through
 * `extra`, a slower polymorphic path that built-in scenarios never touch.
 */
export class Capacity {
  readonly state: CapacityState;
  /** Stages with at least one slot phase (they get day-start events). */
  readonly usesDays: boolean;

  constructor(
    model: Model,
    private readonly extra: readonly CapacityPolicy[] = [],
  ) {
    this.state = new CapacityState(model.stages.map((st) => st.capacity));
    this.usesDays = model.stages.some((st) => st.capacity.some((c) => this.codeOf(c) === CAP_SLOTS || this.codeOf(c) > CAP_UNLIMITED));
    for (let s = 0; s < model.stages.length; s++) this.apply(s, 0);
  }

  private codeOf(phase: CapacityPhase): number {
    const i = BUILTIN_POLICIES.findIndex((p) => p.kind === phase.kind);
    if (i >= 0) return i;
    const j = this.extra.findIndex((p) => p.kind === phase.kind);
    if (j < 0) throw new Error(`unknown capacity kind "${phase.kind}"`);
    return BUILTIN_POLICIES.length + j;
  }

  private policy(code: number): CapacityPolicy {
    return code < BUILTIN_POLICIES.length ? BUILTIN_POLICIES[code]! : this.extra[code - BUILTIN_POLICIES.length]!;
  }

  private apply(s: number, i: number): void {
    const c = this.state;
    const phase = c.phases[s]![i]!;
    c.phase[s] = i;
    c.kind[s] = this.codeOf(phase);
    this.policy(c.kind[s]!).enter(c, s, phase);
  }

  hasFree(s: number): boolean {
    const c = this.state;
    switch (c.kind[s]) {
      case CAP_SERVERS:
        return serversPolicy.hasFree(c, s);
      case CAP_SLOTS:
        return slotsPolicy.hasFree(c, s);
      case CAP_UNLIMITED:
        return true;
      default:
        return this.policy(c.kind[s]!).hasFree(c, s);
    }
  }

  take(s: number, measuring: boolean): number {
    const c = this.state;
    switch (c.kind[s]) {
      case CAP_SERVERS:
        return serversPolicy.take(c, s, measuring);
      case CAP_SLOTS:
        return slotsPolicy.take(c, s, measuring);
      case CAP_UNLIMITED:
        return 0;
      default:
        return this.policy(c.kind[s]!).take(c, s, measuring);
    }
  }

  /** A server holder finished. */
  release(s: number): void {
    this.state.busy[s]--;
  }

  /** Start of a day at one stage (the engine releases every stage before serving anyone). */
  dayStart(s: number, weekday: number, measuring: boolean): void {
    const c = this.state;
    const k = c.kind[s]!;
    if (k === CAP_SLOTS) slotsPolicy.dayStart(c, s, weekday, measuring);
    else if (k > CAP_UNLIMITED) this.policy(k).dayStart(c, s, weekday, measuring);
  }

  /** Whether stage s serves at day starts (its kind releases capacity daily). */
  daily(s: number): boolean {
    const k = this.state.kind[s]!;
    return k === CAP_SLOTS || k > CAP_UNLIMITED;
  }

  /** The next phase of stage s comes into force. */
  phaseChange(s: number): void {
    const c = this.state;
    const from = c.kind[s]!;
    const next = c.phases[s]![c.phase[s]! + 1]!;
    if (this.codeOf(next) !== from) this.policy(from).leave(c, s);
    this.apply(s, c.phase[s]! + 1);
  }

  /** Adds dt days at the current state to stage s's measured areas. */
  accrue(s: number, dt: number): void {
    const c = this.state;
    switch (c.kind[s]) {
      case CAP_SERVERS:
        serversPolicy.accrue(c, s, dt);
        break;
      case CAP_SLOTS:
        slotsPolicy.accrue(c, s, dt);
        break;
      case CAP_UNLIMITED:
        break;
      default:
        this.policy(c.kind[s]!).accrue(c, s, dt);
    }
  }

  /**
   * Utilisation of stage s over the measured period: capacity used within the offer ÷ capacity
   * offered, at most 1. A stage with both server and slot phases weighs each kind's share by
   * the days it was in force.
   */
  utilisation(s: number): number {
    const c = this.state;
    const hasServers = c.offered[s]! > 0;
    const hasSlots = c.slotsOffered[s]! > 0;
    const slotShare = hasSlots ? Math.min(1, c.slotsUsed[s]! / c.slotsOffered[s]!) : 0;
    const serverShare = hasServers ? c.busyWithin[s]! / c.offered[s]! : 0;
    if (hasServers && hasSlots) {
      const ds = c.serverDays[s]!;
      const dl = c.slotDays[s]!;
      return (ds * serverShare + dl * slotShare) / (ds + dl);
    }
    return hasSlots ? slotShare : serverShare;
  }
}
