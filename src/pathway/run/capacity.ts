/**
 * The capacity dispatcher the engine calls. Built-in kinds are reached by a switch on the
 * stage's kind code (each case a call to one known policy object, which V8 inlines), so every
 * call site in the event loop stays monomorphic; a call through an array of different policy
 * objects would not. Kinds added to the registry after the built-ins go through the slower
 * `default` branch.
 * @module
 */
import type { CapacityPhase, Model } from '../model.js';
import { CAPACITY_KINDS, CAP_SERVERS, CAP_SLOTS, CAP_UNLIMITED, capacityKindCode } from '../parts/capacity-kinds.js';
import { CapacityState, serversPolicy, slotsPolicy, type CapacityPolicy } from './capacity-state.js';

export { CAP_SERVERS, CAP_SLOTS, CAP_UNLIMITED };
export type { CapacityState };

/**
 * The capacity of every stage: the dispatcher the engine calls. Built-in kinds are reached by a
 * switch (each case a call to one known object, which V8 inlines); further registered kinds go
 * through the registry, a slower polymorphic path that built-in scenarios never touch.
 */
export class Capacity {
  readonly state: CapacityState;
  /** Stages with at least one slot phase (they get day-start events). */
  readonly usesDays: boolean;

  constructor(model: Model) {
    this.state = new CapacityState(model.stages.map((st) => st.capacity));
    this.usesDays = model.stages.some((st) => st.capacity.some((c) => this.codeOf(c) === CAP_SLOTS || this.codeOf(c) > CAP_UNLIMITED));
    for (let s = 0; s < model.stages.length; s++) this.apply(s, 0);
  }

  private codeOf(phase: CapacityPhase): number {
    return capacityKindCode(phase.kind);
  }

  private policy(code: number): CapacityPolicy {
    return CAPACITY_KINDS[code]!.policy;
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

  /** Adds `dt` days at the current state to stage s's measured areas. */
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
   * the days it was in force within the measured period [from, to].
   */
  utilisation(s: number, from: number, to: number): number {
    const c = this.state;
    const hasServers = c.offered[s]! > 0;
    const hasSlots = c.slotsOffered[s]! > 0;
    const slotShare = hasSlots ? Math.min(1, c.slotsUsed[s]! / c.slotsOffered[s]!) : 0;
    // Busy within the offer = busy − overtime in server phases (busy beyond it is overtime).
    const overtimeInServerPhases = c.overtime[s]! - c.holdover[s]!;
    const serverShare = hasServers ? Math.min(1, (c.busyArea[s]! - overtimeInServerPhases) / c.offered[s]!) : 0;
    if (hasServers && hasSlots) {
      const ds = this.daysOf(s, CAP_SERVERS, from, to);
      const dl = this.daysOf(s, CAP_SLOTS, from, to);
      return (ds * serverShare + dl * slotShare) / (ds + dl);
    }
    return hasSlots ? slotShare : serverShare;
  }

  /** Days within [from, to] during which stage s's phases are of kind `code`. */
  private daysOf(s: number, code: number, from: number, to: number): number {
    const phases = this.state.phases[s]!;
    let days = 0;
    phases.forEach((ph, i) => {
      if (this.codeOf(ph) !== code) return;
      const a = Math.max(from, ph.from);
      const b = Math.min(to, i + 1 < phases.length ? phases[i + 1]!.from : Infinity);
      if (b > a) days += b - a;
    });
    return days;
  }
}
