/**
 * Capacity at run time, in the SimPy shape: one shared state of typed arrays per stage, and one
 * policy object per kind filling in the same methods (the loop that uses them, `drain`, is
 * written once in the engine). The kinds are registered in `parts/capacity-kinds.ts`.
 *
 * Server holders: only patients who took a server (`take` returned 1) hold capacity until they
 * finish; a slot's activity and a delay hold none, so a later change to servers finds those
 * servers free.
 * @module
 */
import type { CapacityPhase } from '../model.js';

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
  /** Server-days offered, and server-days busy (within the offer or beyond it) in server phases. */
  readonly offered: Float64Array;
  readonly busyArea: Float64Array;
  /** Server-days worked beyond the servers offered (patients who started before a cut). */
  readonly overtime: Float64Array;
  /** The part of `overtime` worked during slot phases (by patients holding an earlier phase's server). */
  readonly holdover: Float64Array;
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
    this.busyArea = new Float64Array(S);
    this.overtime = new Float64Array(S);
    this.holdover = new Float64Array(S);
    this.slotsOffered = new Float64Array(S);
    this.slotsUsed = new Float64Array(S);
  }

  /** Clears the measured areas (end of the warm-up). Slot counts restart with the measuring. */
  resetAreas(s: number): void {
    this.offered[s] = 0;
    this.busyArea[s] = 0;
    this.overtime[s] = 0;
    this.holdover[s] = 0;
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
    c.offered[s] += n * dt;
    c.busyArea[s] += b * dt;
    if (b > n) c.overtime[s] += (b - n) * dt;
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
    // Patients still holding a server from an earlier server phase work beyond any offer.
    if (c.busy[s]! > 0) {
      c.overtime[s] += c.busy[s]! * dt;
      c.holdover[s] += c.busy[s]! * dt;
    }
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
