/**
 * The NHS referral-to-treatment measures of the waiting list at a snapshot: for each target with
 * `measure: incomplete`, the share of incomplete pathways (patients in the pathway whose clock
 * is running) who have waited less than `within` — the RTT "92% within 18 weeks" statistic —
 * and the list by weeks waited, in the bands and over the thresholds planners watch (52, 65 and
 * 78 weeks). Taken at every sample and at the end, by one pass over the patient store (no
 * allocation; only when the scenario has an incomplete target).
 * @module
 */
import type { Model } from '../model.js';
import { IN_SERVICE, REBOOKING, WAITING, type PatientStore } from '../patients.js';

/** Edges (weeks) of the weeks-waited bands; the last band is open. */
export const WAITED_BAND_WEEKS = [18, 52, 65, 78] as const;
/** Thresholds (weeks) whose exceedance counts form a series. */
export const OVER_WEEKS = [52, 65, 78] as const;

/** Names of the weeks-waited bands, e.g. `waited 0-18w`, `waited 78w+`. */
export const WAITED_BAND_NAMES: readonly string[] = WAITED_BAND_WEEKS.map(
  (w, i) => `waited ${i === 0 ? 0 : WAITED_BAND_WEEKS[i - 1]}-${w}w`,
).concat(`waited ${WAITED_BAND_WEEKS[WAITED_BAND_WEEKS.length - 1]}w+`);

/** How a clock reads a patient: the target clocks' own rule (pathway, first presentation or `from`). */
export interface ClockReader {
  /** When target t's clock started for patient p (NaN: not started). */
  clockStart(p: number, t: number): number;
  /** Whether target t counts patient p (its condition and class restrictions). */
  counts(p: number, t: number): boolean;
}

/** Snapshots of the incomplete pathways of a run's incomplete targets. */
export class IncompleteMeasures {
  /** Indices of the targets measured on incomplete pathways. */
  readonly targets: Int32Array;
  private readonly within: Float64Array;
  /** Per incomplete target: [within, beyond] at the last snapshot. */
  readonly lastWithin: Float64Array;
  readonly lastBeyond: Float64Array;
  private readonly bandCounts = new Float64Array(WAITED_BAND_WEEKS.length + 1);
  /** Series name → values per sample. */
  readonly series: Record<string, number[]> = Object.create(null); // names are keys
  private readonly shareSeries: number[][];
  private readonly bandSeries: number[][];
  private readonly overSeries: number[][];

  constructor(private readonly model: Model) {
    const idx = model.targets.flatMap((t, i) => (t.measure === 'incomplete' ? [i] : []));
    this.targets = Int32Array.from(idx);
    this.within = Float64Array.from(idx, (i) => model.targets[i]!.within);
    this.lastWithin = new Float64Array(idx.length);
    this.lastBeyond = new Float64Array(idx.length);
    this.shareSeries = idx.map((i) => (this.series[`incomplete within ${model.targets[i]!.id}`] = []));
    this.bandSeries = WAITED_BAND_NAMES.map((n) => (this.series[n] = []));
    this.overSeries = OVER_WEEKS.map((w) => (this.series[`over ${w}w`] = []));
  }

  /** Takes a snapshot at `now` and appends it to the series. */
  sample(store: PatientStore, clocks: ClockReader, now: number): void {
    this.snapshot(store, clocks, now);
    const n = this.targets.length;
    for (let i = 0; i < n; i++) {
      const total = this.lastWithin[i]! + this.lastBeyond[i]!;
      this.shareSeries[i]!.push(total > 0 ? this.lastWithin[i]! / total : 0);
    }
    for (let b = 0; b < this.bandSeries.length; b++) this.bandSeries[b]!.push(this.bandCounts[b]!);
    for (let k = 0; k < OVER_WEEKS.length; k++) {
      let over = 0;
      for (let b = 0; b < WAITED_BAND_WEEKS.length; b++) if (WAITED_BAND_WEEKS[b]! >= OVER_WEEKS[k]!) over += this.bandCounts[b + 1]!;
      this.overSeries[k]!.push(over);
    }
  }

  /**
   * Counts the incomplete pathways at `now` within and beyond each target's standard, and by
   * weeks waited (on the first incomplete target's clock).
   */
  snapshot(store: PatientStore, clocks: ClockReader, now: number): void {
    const n = this.targets.length;
    this.lastWithin.fill(0);
    this.lastBeyond.fill(0);
    this.bandCounts.fill(0);
    for (let p = 0; p < store.highWater; p++) {
      const state = store.state(p);
      if (state !== WAITING && state !== IN_SERVICE && state !== REBOOKING) continue;
      const done = store.targetsDone(p);
      for (let i = 0; i < n; i++) {
        const t = this.targets[i]!;
        if ((done & (1 << t)) !== 0 || !clocks.counts(p, t)) continue;
        const start = clocks.clockStart(p, t);
        if (start !== start) continue; // clock not started: not an incomplete pathway yet
        const waited = now - start;
        if (waited < this.within[i]!) this.lastWithin[i]++;
        else this.lastBeyond[i]++;
        if (i === 0) {
          const weeks = waited / 7;
          let b = 0;
          while (b < WAITED_BAND_WEEKS.length && weeks >= WAITED_BAND_WEEKS[b]!) b++;
          this.bandCounts[b]++;
        }
      }
    }
  }
}
