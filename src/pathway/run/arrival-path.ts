/**
 * The arrival path: each stream's next arrival time and a new patient's row (class, condition
 * bits drawn on arrival, identity for patient-level random numbers, start times).
 *
 * Moved out of the engine as is. Times stay inside: the next arrival is scheduled here rather
 * than returned, since a double returned from a call V8 does not inline is boxed.
 * @module
 */
import type { RandomStreams, Rng } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import { arrivalSource, type ArrivalSource } from '../arrivals-counts.js';
import type { Model } from '../model.js';
import type { PatientRandom } from '../patient-random.js';
import type { PatientStore } from '../patients.js';
import type { CompiledModel } from './compiled.js';

/**
 * Arrival streams of a run: schedules their arrivals and admits the patients.
 * @internal
 * @example
 * ```ts
 * import { Simulation } from '../../core/simulation.js';
 * import { RandomStreams } from '../../core/random.js';
 * import { PatientRandom } from '../patient-random.js';
 * import { PatientStore } from '../patients.js';
 * import { resolveScenario } from '../resolve.js';
 * import { parseScenario } from '../scenario.js';
 * import { ArrivalPath } from './arrival-path.js';
 * import { compileModel } from './compiled.js';
 * const model = resolveScenario(
 *   parseScenario({ version: 1, name: 'x-ray', horizon: 10, arrivals: { gp: { to: 'xray', rate: { perDay: 5 } } }, stages: { xray: { capacity: 'unlimited' } } }),
 * );
 * const sim = new Simulation();
 * const store = new PatientStore(0, 16);
 * const prn = new PatientRandom(model, 1, 0, store);
 * const arrivals = new ArrivalPath(model, compileModel(model), new RandomStreams(1), sim, store, prn, 10, 0);
 * arrivals.schedule(0); // stream 0's first arrival, an event of kind 0 in the calendar
 * const p = arrivals.admit(0); // a patient of stream 0, started now (day 0)
 * store.start(p); // 0
 * ```
 */
export class ArrivalPath {
  private readonly proc: ArrivalSource[];
  /** Constant rate per day of a stream whose rate never changes, or NaN (use proc). */
  private readonly rate: Float64Array;
  private readonly rng: Rng[];
  private readonly conditionRng: Rng[];

  /** @param kArrival Event kind of an arrival (its data is the stream's index). */
  constructor(
    model: Model,
    private readonly c: CompiledModel,
    streams: RandomStreams,
    private readonly sim: Simulation,
    private readonly store: PatientStore,
    private readonly prn: PatientRandom,
    private readonly end: number,
    private readonly kArrival: number,
  ) {
    this.proc = model.arrivals.map((a) => arrivalSource(a, model.startDate, end));
    this.rate = Float64Array.from(this.proc, (p) => p.constantRatePerDay);
    this.rng = model.arrivals.map((a) => streams.stream(`arrivals/${a.id}`));
    this.conditionRng = model.arrivals.map((a) => streams.stream(`conditions/${a.id}`));
  }

  /** Schedules stream a's next arrival after now, if it comes before the end. */
  schedule(a: number): void {
    const after = this.sim.now;
    const rate = this.rate[a]!;
    let t: number;
    if (rate === rate) {
      // Constant rate: the same draw and formula as ArrivalProcess.next, without the call.
      if (!(rate > 0)) return;
      t = after - Math.log(1 - this.rng[a]!()) / rate;
    } else {
      t = this.proc[a]!.next(after, this.rng[a]!);
    }
    if (t <= this.end) {
      this.sim.slot[0] = t;
      this.sim.postAtSlot(this.kArrival, a);
    }
  }

  /** A patient of stream a arrives now: their row, with conditions drawn and clocks started. */
  admit(a: number): number {
    const store = this.store;
    const c = this.c;
    const now = this.sim.now;
    let cond = 0;
    const last = c.condStart[a + 1]!;
    for (let i = c.condStart[a]!; i < last; i++) {
      if (this.conditionRng[a]!() < c.condPrevalence[i]!) cond |= c.condBit[i]!;
    }
    const p = store.allocate(c.arrivalClass[a]!, cond);
    this.prn.identify(p, a); // source a: arrival stream a
    store.setStart(p, now);
    store.setFirst(p, now);
    store.setJoined(p, now);
    return p;
  }
}
