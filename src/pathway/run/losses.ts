/**
 * Hospital-side losses at run time (rules in `../losses.ts`): whether a patient given capacity
 * attends, when a DNA is rebooked, the day's cancelled slots, and who a lead-time stage may
 * book. The engine holds one only when some stage has losses, and asks it only at stages that
 * do (flags `dnaAt`, `leadAt`), so other stages pay one typed-array read at most.
 * @module
 */
import { streamKey } from '../../core/counter-random.js';
import { compileDistribution, type Sampler } from '../../core/distributions.js';
import type { RandomStreams, Rng } from '../../core/random.js';
import type { Model } from '../model.js';
import { EventDraws } from '../patient-random.js';
import type { PatientStore } from '../patients.js';
import type { FifoQueue } from '../queues.js';
import type { RunResult } from '../result.js';
import { CAP_SLOTS, type CapacityState } from './capacity.js';

/** Outcomes of {@link Losses.attend}. */
export const ATTEND = 0;
export const REBOOK = 1;
export const DISCHARGE = 2;

/**
 * The losses of every stage of one replication.
 * @internal
 */
export class Losses {
  /** 1 at stages with DNAs. */
  readonly dnaAt: Uint8Array;
  /** 1 at stages with a booking lead time. */
  readonly leadAt: Uint8Array;
  /** The rebooking delay drawn by the last {@link attend} that returned REBOOK (days). */
  delay = 0;
  /** Patients discharged over the whole run (for the patient counts). */
  dischargedTotal = 0;

  private readonly S: number;
  private readonly share: Float64Array;
  private readonly dischargeAfter: Int32Array;
  private readonly restart: Uint8Array;
  private readonly rebook: (Sampler | null)[];
  private readonly lead: Float64Array;
  private readonly cancelShare: Float64Array;
  private readonly cancelStages: Int32Array;
  private readonly cancelRng: (Rng | null)[];
  /** Per stage: key lanes of the patient-level stream `dna/<stage id>`. */
  private readonly keyA: Int32Array;
  private readonly keyB: Int32Array;
  /** Per patient row: DNAs in a row at the current stage. */
  private count = new Int32Array(1024);
  // Measured counts per stage.
  private readonly dna: Float64Array;
  private readonly rebooked: Float64Array;
  private readonly discharged: Float64Array;
  private readonly cancelled: Float64Array;
  /** Draws of the current DNA event: whether the patient attends, then the rebooking delay's. */
  private readonly draws: EventDraws;

  constructor(
    private readonly model: Model,
    seed: number | string,
    replication: number,
    streams: RandomStreams,
    private readonly store: PatientStore,
  ) {
    const S = (this.S = model.stages.length);
    const l = model.stages.map((st) => st.losses);
    this.dnaAt = Uint8Array.from(l, (x) => (x?.dna ? 1 : 0));
    this.leadAt = Uint8Array.from(l, (x) => (x && x.leadTime > 0 ? 1 : 0));
    // A model built by hand skips validation: the lead-time gate needs a fifo ring and slots.
    model.stages.forEach((st, s) => {
      if (this.leadAt[s] === 1 && (st.queue !== 'fifo' || (st.calendar ?? st.capacity).some((ph) => ph.kind !== 'slots'))) {
        throw new Error(`stages.${st.id}.leadTime: a booking lead time needs queue "fifo" and slots all the time`);
      }
    });
    this.share = Float64Array.from(l, (x) => x?.dna?.share ?? 0);
    this.dischargeAfter = Int32Array.from(l, (x) => x?.dna?.dischargeAfter ?? 0);
    this.restart = Uint8Array.from(l, (x) => (x?.dna?.clock === 'restart' ? 1 : 0));
    this.rebook = model.stages.map((st) =>
      st.losses?.dna?.rebookAfter == null ? null : compileDistribution(st.losses.dna.rebookAfter, `stages.${st.id}.dna.rebookAfter`),
    );
    this.lead = Float64Array.from(l, (x) => x?.leadTime ?? 0);
    this.cancelShare = Float64Array.from(l, (x) => x?.cancellations ?? 0);
    this.cancelStages = Int32Array.from(l.flatMap((x, s) => (x && x.cancellations > 0 ? [s] : [])));
    this.cancelRng = model.stages.map((st, s) => (this.cancelShare[s]! > 0 ? streams.stream(`cancellations/${st.id}`) : null));
    this.keyA = new Int32Array(S);
    this.keyB = new Int32Array(S);
    model.stages.forEach((st, s) => ([this.keyA[s], this.keyB[s]] = streamKey(seed, replication, `dna/${st.id}`)));
    this.dna = new Float64Array(S);
    this.rebooked = new Float64Array(S);
    this.discharged = new Float64Array(S);
    this.cancelled = new Float64Array(S);
    this.draws = new EventDraws(store);
  }

  /** Whether a model has any losses (the engine builds a Losses only then). */
  static any(model: Model): boolean {
    return model.stages.some((st) => st.losses !== undefined);
  }

  /**
   * Patient p has just been given capacity at stage s (a DNA stage): ATTEND, or a DNA that is
   * REBOOK (with {@link delay} set) or DISCHARGE. The draw is the patient's own (stream
   * `dna/<stage>`, visit slot 2S + s), so a patient gets the same answer in every variant.
   */
  attend(p: number, s: number, measuring: boolean): number {
    const store = this.store;
    if (p >= this.count.length) this.grow(p);
    const visit = store.visitKey(p, 2 * this.S + s);
    if (this.draws.first(this.keyA[s]!, this.keyB[s]!, p, visit) >= this.share[s]!) {
      this.count[p] = 0;
      return ATTEND;
    }
    const n = ++this.count[p]!;
    if (measuring) this.dna[s]++;
    if (n === this.dischargeAfter[s]!) {
      this.count[p] = 0;
      if (measuring) this.discharged[s]++;
      this.dischargedTotal++;
      return DISCHARGE;
    }
    if (measuring) this.rebooked[s]++;
    this.delay = this.rebook[s]!.sample(this.draws.rest);
    return REBOOK;
  }

  /** Whether the clock restarts when a DNA at stage s is rebooked. */
  restarts(s: number): boolean {
    return this.restart[s] === 1;
  }

  /** Patient p leaves while rebooked (gave up waiting): forget their DNAs, as the row will be reused. */
  forget(p: number): void {
    if (p < this.count.length) this.count[p] = 0;
  }

  /** Whether patient p may take a slot of the day now under way at lead-time stage s. */
  eligible(p: number, s: number, now: number): boolean {
    return this.store.joined(p) <= Math.floor(now) - this.lead[s]!;
  }

  /** Whether the first entry of a lead-time stage's queue may take a slot now (the caller has freed those who gave up: run/queue-front.ts). */
  headEligible(queue: FifoQueue, s: number, now: number): boolean {
    return this.eligible(queue.peek(), s, now);
  }

  /** Start of a day, after every stage's release: each released slot is cancelled with the stage's share. */
  dayStart(c: CapacityState, measuring: boolean): void {
    for (let i = 0; i < this.cancelStages.length; i++) {
      const s = this.cancelStages[i]!;
      if (c.kind[s] !== CAP_SLOTS) continue;
      const n = c.slotsLeft[s]!;
      const share = this.cancelShare[s]!;
      const rng = this.cancelRng[s]!;
      let lost = 0;
      for (let k = 0; k < n; k++) if (rng() < share) lost++;
      c.slotsLeft[s] = n - lost;
      if (measuring) {
        // Cancelled slots were never offered to a patient: utilisation counts the slots that ran.
        c.slotsOffered[s] -= lost;
        this.cancelled[s] += lost;
      }
    }
  }

  /** Adds the loss counts to a run's result: per stage where they apply, and `patients.discharged`. */
  annotate(result: Omit<RunResult, 'manifest'>): void {
    this.model.stages.forEach((st, s) => {
      const r = result.stages[st.id]!;
      if (st.losses?.dna) Object.assign(r, { dna: this.dna[s]!, rebooked: this.rebooked[s]!, discharged: this.discharged[s]! });
      if (st.losses && st.losses.cancellations > 0) r.slotsCancelled = this.cancelled[s]!;
    });
    if (this.dnaAt.includes(1)) result.patients.discharged = this.dischargedTotal;
  }

  private grow(p: number): void {
    const next = new Int32Array(Math.max(2 * this.count.length, p + 1));
    next.set(this.count);
    this.count = next;
  }
}
