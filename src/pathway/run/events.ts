/**
 * The engine's event kinds (the calendar's `kind`; `data` is a patient, stage, stream or day),
 * and the events every run schedules at its start.
 * @module
 */
import type { Simulation } from '../../core/simulation.js';
import type { Model } from '../model.js';

/** A stream's arrival; data: the stream. @internal */
export const K_ARRIVAL = 0;
/** A patient holding a server finishes; data: the patient. @internal */
export const K_END = 1;
/**
 * A waiting patient's deadline at stage s is kind `K_ABANDON_AT + s`; data: `~p`, the patient
 * bit-inverted (posted by run/patience.ts, which checks it is still live when it fires). The
 * stage rides in the kind so that the abandonment need not read the patient's row first (at
 * national scale that read is a cache miss: the row was last touched a day or months before).
 * Kinds from here up are abandonments, so every other kind stays below it. @internal
 */
export const K_ABANDON_AT = 64;
/** Start of a day (slot release); data: the day. @internal */
export const K_DAY = 3;
/** A stage's capacity phase changes; data: the stage. @internal */
export const K_CAPACITY = 4;
/** A sample of the time series; data: the sample's number. @internal */
export const K_SAMPLE = 5;
/** A missed patient comes back; data: the patient. @internal */
export const K_RETURN = 6;
/** End of the warm-up; data: 0. @internal */
export const K_WARMUP = 7;
/** A patient holding no capacity (a slot's activity, a delay) finishes; data: the patient. @internal */
export const K_END_FREE = 8;
/** Moves the next day's live abandonment deadlines into the calendar; not counted as an event. @internal */
export const K_DEADLINES = 9;
/** A patient who did not attend rejoins the queue; data: the patient. @internal */
export const K_REBOOK = 10;
/** A server left idle by a DNA frees; data: the stage. @internal */
export const K_IDLE_END = 11;

/**
 * Schedules a run's fixed events: warm-up end, capacity phase changes, the first sample and the
 * first day. Scheduling order sets the order of same-time events: warm-up reset, capacity
 * changes and samples come before the day's slot release, so a sample at day d shows the list
 * before that day's slots are used.
 * @internal
 */
export function scheduleFixed(sim: Simulation, m: Model, end: number, usesDays: boolean): void {
  if (m.warmup > 0) sim.schedule(m.warmup, K_WARMUP, 0);
  m.stages.forEach((st, s) => {
    for (let i = 1; i < st.capacity.length; i++) {
      if (st.capacity[i]!.from <= end) sim.schedule(st.capacity[i]!.from, K_CAPACITY, s);
    }
  });
  sim.schedule(0, K_SAMPLE, 0);
  if (usesDays) sim.schedule(0, K_DAY, 0);
}
