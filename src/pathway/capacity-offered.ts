/**
 * The capacity a stage actually offers over a stretch of days, read from the phases the engine
 * runs (`ModelStage.calendar`: sessions, closed days and timetable rows expanded): the mean
 * server count over time, or the mean slots released a day. `analyse` uses it so a stage whose
 * slots come only from a timetable, or whose clinic opens 40 hours a week, gets the capacity it
 * really has rather than the one written under `capacity`.
 * @module
 */
import type { CapacityPhase, ModelStage } from './model.js';

/** What a stage offers over a window of days. */
export interface OfferedCapacity {
  /** Capacity kind (the calendar never changes it within one planned phase). */
  kind: CapacityPhase['kind'];
  /** Mean servers over the window (time-weighted); 0 for slots and unlimited. */
  meanServers: number;
  /** Most servers on at once in the window (the number on duty when open); 0 for slots and unlimited. */
  peakServers: number;
  /** Mean slots released on each weekday (index 0 = Monday) over the window's days; null unless slots. */
  slotsPerWeekday: number[] | null;
  /** Mean slots released a day over the window; 0 unless slots. */
  slotsPerDay: number;
  /**
   * True when the capacity is the same at every moment (servers) or the same on each weekday
   * (slots) throughout the window, so a steady-state formula sees the real capacity.
   */
  steady: boolean;
}

/**
 * The window [from, until) in days that `analyse` averages a stage's calendar over at `day`:
 * the planned capacity phase in force at `day` (it takes effect at the first midnight on or
 * after its `from`, as the calendar applies it), cut to the run [0, end).
 * @internal
 * @example
 * ```ts
 * import { offeredWindow } from './capacity-offered.js';
 * offeredWindow({ capacity: [{ from: 0, kind: 'servers', servers: 1 }, { from: 9.5, kind: 'servers', servers: 2 }] }, 3, 28); // [ 0, 10 ]
 * offeredWindow({ capacity: [{ from: 0, kind: 'servers', servers: 1 }] }, 40, 28); // [ 0, 28 ]
 * ```
 */
export function offeredWindow(stage: Pick<ModelStage, 'capacity'>, day: number, end: number): [number, number] {
  const phases = stage.capacity;
  let k = 0;
  for (let i = 0; i < phases.length; i++) if (phases[i]!.from <= day) k = i;
  const runEnd = Math.max(1, Math.ceil(end));
  let from = Math.ceil(phases[k]!.from);
  let until = k + 1 < phases.length ? Math.ceil(phases[k + 1]!.from) : runEnd;
  until = Math.min(until, runEnd);
  // A day past the run (or a phase that never starts within it): the run's last planned phase.
  if (from >= until) {
    from = 0;
    for (const p of phases) if (Math.ceil(p.from) < runEnd) from = Math.ceil(p.from);
    until = runEnd;
  }
  return [from, until];
}

/**
 * The capacity `phases` (sorted by `from`, the first at 0) offer over [from, until): servers
 * averaged over time, slots over whole days (day d releases `perWeekday[(startWeekday + d) % 7]`
 * of the phase in force at its midnight).
 * @internal
 * @example
 * ```ts
 * import { offeredCapacity } from './capacity-offered.js';
 * // Open 09:00-17:00 (one server) on day 0 only, over two days: a third of a server on average.
 * offeredCapacity([{ from: 0, kind: 'servers', servers: 0 }, { from: 0.375, kind: 'servers', servers: 1 }, { from: 0.7083333333333334, kind: 'servers', servers: 0 }], 0, 0, 1).meanServers; // 0.3333333333333333
 * offeredCapacity([{ from: 0, kind: 'slots', perWeekday: [4, 0, 0, 0, 0, 0, 0] }], 0, 0, 14).slotsPerDay; // 0.5714285714285714 (8 over 14 days)
 * ```
 */
export function offeredCapacity(phases: readonly CapacityPhase[], startWeekday: number, from: number, until: number): OfferedCapacity {
  let k = 0;
  while (k + 1 < phases.length && phases[k + 1]!.from <= from) k++;
  const kind = phases[k]!.kind;
  if (kind === 'unlimited') return { kind, meanServers: 0, peakServers: 0, slotsPerWeekday: null, slotsPerDay: 0, steady: true };
  if (kind === 'servers') {
    let area = 0;
    let peak = 0;
    let low = Infinity;
    for (let i = k; i < phases.length && phases[i]!.from < until; i++) {
      const p = phases[i]!;
      const n = p.kind === 'servers' ? p.servers : 0;
      const a = Math.max(from, p.from);
      const b = Math.min(until, phases[i + 1]?.from ?? Infinity);
      if (b <= a) continue;
      area += n * (b - a);
      peak = Math.max(peak, n);
      low = Math.min(low, n);
    }
    return { kind, meanServers: area / (until - from), peakServers: peak, slotsPerWeekday: null, slotsPerDay: 0, steady: low === peak };
  }
  const sum = new Array<number>(7).fill(0);
  const count = new Array<number>(7).fill(0);
  const seen: (number | null)[] = new Array<number | null>(7).fill(null);
  let steady = true;
  let total = 0;
  let days = 0;
  let j = k;
  for (let d = Math.ceil(from); d < until; d++) {
    while (j + 1 < phases.length && phases[j + 1]!.from <= d) j++;
    const p = phases[j]!;
    const w = (startWeekday + d) % 7;
    const n = p.kind === 'slots' ? p.perWeekday[w]! : 0;
    if (seen[w] !== null && seen[w] !== n) steady = false;
    seen[w] = n;
    sum[w] += n;
    count[w] += 1;
    total += n;
    days++;
  }
  return {
    kind,
    meanServers: 0,
    peakServers: 0,
    slotsPerWeekday: sum.map((x, w) => (count[w]! > 0 ? x / count[w]! : 0)),
    slotsPerDay: days > 0 ? total / days : 0,
    steady,
  };
}
