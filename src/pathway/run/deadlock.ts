/**
 * Deadlock detection for stages with `places`, in the spirit of Ciw's state digraph: a run is
 * deadlocked when a set of stages can never free a place again. Checked each time a patient is
 * blocked (the only moment a deadlock can form), from the stage they wait for.
 *
 * A stage is *frozen* when it is full, nobody there is in service, at least one patient there
 * has finished and is blocked, and anyone still waiting there can never start: there is nobody
 * waiting, or every server the stage will ever have is held by a blocked patient and nobody
 * waiting can give up (no patience). Deadlock: every stage reachable from the one a patient now
 * waits for, following "a patient blocked at u waits for a place at v", is frozen (a knot of
 * frozen stages: nothing in it can move, so nothing waiting for it can either). The check looks
 * at the state now, as Ciw's does; a stage whose waiting patients could still start (slots, a
 * later phase with more servers, patience) is never called frozen, so it never raises a false alarm.
 * @module
 */
import type { Model } from '../model.js';

/**
 * Thrown when a run deadlocks: names the stages, the day, and who waits for whom.
 * @internal
 */
export class DeadlockError extends Error {
  constructor(
    /** Ids of the deadlocked stages, in scenario order. */
    readonly stages: string[],
    /** Day the deadlock formed. */
    readonly day: number,
    edges: string[],
  ) {
    super(
      `deadlock on day ${Number(day.toFixed(3))}: stages ${stages.map((s) => `"${s}"`).join(', ')} are full and every patient there ` +
        `has finished and is blocked waiting for a place at another of them (${edges.join(', ')}), so nobody can move again. ` +
        'Give one of them more places, or route patients out of the loop (see docs/guide/pools-and-beds.md).',
    );
    this.name = 'DeadlockError';
  }
}

/** The state the detector reads (the flow's and engine's live arrays; never written here). @internal */
export interface DeadlockView {
  places: Int32Array;
  present: Int32Array;
  blockedAt: Int32Array;
  waiting: Int32Array;
  busy: Int32Array;
}

/** Keeps "blocked at u, waiting for v" counts and looks for a knot of frozen stages. @internal */
export class DeadlockDetector {
  /** Per holding stage u: destination v → patients blocked at u waiting for v. */
  private readonly out: Map<number, number>[];
  /** Most servers a stage ever has, or -1 when some phase is not servers (its waiting patients might start). */
  private readonly maxServers: Int32Array;
  private readonly patience: Uint8Array;

  constructor(
    private readonly model: Model,
    private readonly v: DeadlockView,
  ) {
    const S = model.stages.length;
    this.out = Array.from({ length: S }, () => new Map<number, number>());
    this.maxServers = Int32Array.from(model.stages, (st) =>
      st.capacity.every((ph) => ph.kind === 'servers') ? Math.max(...st.capacity.map((ph) => (ph as { servers: number }).servers)) : -1,
    );
    this.patience = Uint8Array.from(model.stages, (st) => (st.patience === null ? 0 : 1));
  }

  /** One more (delta 1) or one fewer (delta -1) patient blocked at u waiting for v. */
  edge(u: number, v: number, delta: number): void {
    const m = this.out[u]!;
    const n = (m.get(v) ?? 0) + delta;
    if (n === 0) m.delete(v);
    else m.set(v, n);
  }

  /** Whether nothing at stage u can ever move by itself. */
  frozen(u: number): boolean {
    const { places, present, blockedAt, waiting, busy } = this.v;
    const cap = places[u]!;
    if (cap === 0 || present[u]! < cap || blockedAt[u]! === 0) return false;
    if (present[u]! - waiting[u]! - blockedAt[u]! > 0) return false; // someone is in service
    if (waiting[u]! === 0) return true;
    const most = this.maxServers[u]!;
    return this.patience[u] === 0 && most >= 0 && busy[u]! >= most;
  }

  /**
   * Throws a {@link DeadlockError} when every stage reachable from `t` (the stage a patient has
   * just been blocked waiting for) is frozen.
   */
  check(t: number, now: number): void {
    const seen = new Set<number>([t]);
    const stack = [t];
    while (stack.length > 0) {
      const u = stack.pop()!;
      if (!this.frozen(u)) return;
      for (const w of this.out[u]!.keys()) {
        if (!seen.has(w)) {
          seen.add(w);
          stack.push(w);
        }
      }
    }
    const stages = [...seen].sort((a, b) => a - b);
    const ids = this.model.stages.map((st) => st.id);
    const edges = stages.flatMap((u) => [...this.out[u]!.keys()].sort((a, b) => a - b).map((w) => `${ids[u]} → ${ids[w]}`));
    throw new DeadlockError(
      stages.map((s) => ids[s]!),
      now,
      edges,
    );
  }
}
