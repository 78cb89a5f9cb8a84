/**
 * Progression while waiting: a true case's state (stage I to IV, say) moves forward while the
 * patient is undiagnosed or untreated, as a continuous-time Markov chain with exponential
 * holding times, and may end in death while waiting. The state at diagnosis and at treatment
 * then follows from the delay the patient actually had in the simulation.
 *
 * **Pairing.** Each patient's path is a pure function of their 64-bit key (see
 * `patient-random.ts`) and the condition: uniform 0 picks the state at presentation (inverse
 * transform of the mix), uniforms 1 + 2s and 2 + 2s the holding time in state s and the death
 * time drawn there (inverse transform of the exponentials; by memorylessness a fresh death clock
 * per state gives the competing risks exactly). So the same patient walks the same path in every
 * variant, and only the delay (where on the path treatment finds them) differs; the path is
 * walked again at each event instead of being stored, so the patient store does not grow.
 *
 * **Deaths** are counted, not simulated: a patient whose death time comes before treatment (or
 * before leaving the pathway, or before the end of the run) counts as a death while waiting and
 * gets no QALYs, but stays on the queue and uses capacity as before. Removing them would need
 * an event of its own in the engine; with deaths rare, the capacity they use is small, and the
 * count is on the cautious side (the queue they would have freed is not freed).
 * @module
 */
import { keyedUniform, streamKey } from '../../core/counter-random.js';
import type { Model } from '../model.js';
import type { ModelProgression } from '../model-economics.js';
import { AWAY, IN_SERVICE, REBOOKING, WAITING, type PatientStore } from '../patients.js';
import type { ProgressionResult } from '../result.js';

/** Per-condition counts. */
interface Counts {
  atPresentation: Float64Array;
  atDiagnosis: Float64Array;
  atTreatment: Float64Array;
  waitingAtEnd: Float64Array;
  treated: number;
  upstaged: number;
  deaths: number;
  qalys: number;
  qalysTreated: number;
}

/**
 * The progression of every condition that has a model, in one run: walks each true case's path
 * at diagnosis, treatment, leaving and the end of the run, and counts states, upstaging, deaths
 * and QALYs. Only events in the measured period are passed in (the caller checks).
 * @internal
 * @example
 * ```ts
 * import { loadScenario, resolveScenario } from 'carepath';
 * import { Progression } from './progression.js';
 * const model = resolveScenario(loadScenario('examples/scenarios/lung-cancer-ai-costed.yaml'));
 * const prog = new Progression(model, 2026, 0);
 * const m = prog.index[0]!; // lung-cancer's model
 * const s = prog.walk(0x1234, 0x5678, m, 90); // this patient's state 90 days after presentation
 * prog.stateId(m, prog.lastFirst); // their state at presentation, the same at any delay
 * ```
 */
export class Progression {
  /** Condition index → index into the models, or -1 when the condition has none. */
  readonly index: Int32Array;
  private readonly models: ModelProgression[];
  /** Per model: cumulative shares at presentation, the last positive one set to exactly 1. */
  private readonly cumulative: Float64Array[];
  private readonly keyA: Int32Array;
  private readonly keyB: Int32Array;
  private readonly counts: Counts[];
  // Results of the last walk.
  private first = 0;
  private died = 0;
  /** End of the run (warm-up + horizon): untreated true cases are valued at their state then. */
  private readonly end: number;

  /**
   * @param model The resolved model (its `progression`, if any).
   * @param seed Master seed of the run; with `replication`, names the progression streams.
   * @param replication Replication index.
   */
  constructor(model: Model, seed: number, replication: number) {
    this.models = model.progression ?? [];
    this.end = model.warmup + model.horizon;
    this.index = new Int32Array(model.conditions.length).fill(-1);
    this.models.forEach((pm, m) => (this.index[pm.condition] = m));
    this.cumulative = this.models.map((pm) => {
      const cum = new Float64Array(pm.states.length);
      let acc = 0;
      let lastPositive = 0;
      pm.atPresentation.forEach((share, s) => {
        acc += share;
        cum[s] = acc;
        if (share > 0) lastPositive = s;
      });
      // Rounding must never send a patient past the last state anyone presents in.
      for (let s = lastPositive; s < cum.length; s++) cum[s] = 1;
      return cum;
    });
    const keys = this.models.map((pm) => streamKey(seed, replication, `progression/${model.conditions[pm.condition]}`));
    this.keyA = Int32Array.from(keys, (k) => k[0]);
    this.keyB = Int32Array.from(keys, (k) => k[1]);
    this.counts = this.models.map((pm) => {
      const n = pm.states.length;
      return {
        atPresentation: new Float64Array(n),
        atDiagnosis: new Float64Array(n),
        atTreatment: new Float64Array(n),
        waitingAtEnd: new Float64Array(n),
        treated: 0,
        upstaged: 0,
        deaths: 0,
        qalys: 0,
        qalysTreated: 0,
      };
    });
  }

  /** State at presentation found by the last {@link walk}. */
  get lastFirst(): number {
    return this.first;
  }

  /** 1 if the last {@link walk} ended in death while waiting. */
  get lastDied(): number {
    return this.died;
  }

  /** The id of state s of model m. */
  stateId(m: number, s: number): string {
    return this.models[m]!.states[s]!;
  }

  /**
   * The state of a patient (key ka, kb) of model m after `t` days since first presentation: sets
   * `first` (the state at presentation) and `died` (1 if death came first; the state is then the
   * one they died in).
   */
  walk(ka: number, kb: number, m: number, t: number): number {
    const pm = this.models[m]!;
    const sa = this.keyA[m]!;
    const sb = this.keyB[m]!;
    const cum = this.cumulative[m]!;
    const u = keyedUniform(ka, kb, sa, sb, 0);
    let s = 0;
    while (u >= cum[s]!) s++;
    this.first = s;
    this.died = 0;
    let clock = 0;
    for (;;) {
      const rate = pm.toNext[s]!;
      const hazard = pm.death[s]!;
      const hold = rate > 0 ? -Math.log(1 - keyedUniform(ka, kb, sa, sb, 1 + 2 * s)) / rate : Infinity;
      if (hazard > 0) {
        const die = -Math.log(1 - keyedUniform(ka, kb, sa, sb, 2 + 2 * s)) / hazard;
        if (die < hold && clock + die <= t) {
          this.died = 1;
          return s;
        }
      }
      if (clock + hold > t) return s;
      clock += hold;
      s++;
    }
  }

  /** Patient p, a true case of c, is diagnosed `delay` days after first presentation. */
  diagnosis(store: PatientStore, p: number, c: number, delay: number): void {
    const m = this.index[c]!;
    if (m < 0) return;
    this.counts[m]!.atDiagnosis[this.walk(store.keyA(p), store.keyB(p), m, delay)]++;
  }

  /** Patient p, a true case of c, starts a first treatment `delay` days after first presentation. */
  treatment(store: PatientStore, p: number, c: number, delay: number): void {
    const m = this.index[c]!;
    if (m < 0) return;
    const s = this.walk(store.keyA(p), store.keyB(p), m, delay);
    const k = this.counts[m]!;
    k.atPresentation[this.first]++;
    if (this.died === 1) {
      k.deaths++;
      return;
    }
    k.atTreatment[s]++;
    k.treated++;
    const q = this.models[m]!.qalys[s]!;
    k.qalys += q;
    k.qalysTreated += q;
    if (s > this.first) k.upstaged++;
  }

  /** Patient p, a true case of c, leaves the pathway untreated `delay` days after first presentation. */
  left(store: PatientStore, p: number, c: number, delay: number): void {
    const m = this.index[c]!;
    if (m < 0) return;
    this.walk(store.keyA(p), store.keyB(p), m, delay);
    const k = this.counts[m]!;
    k.atPresentation[this.first]++;
    if (this.died === 1) {
      k.deaths++;
      return;
    }
    // A case missed for good is valued like one still waiting: at its state at the end of the run
    // (as if found then), or nothing if its path dies first — so every variant values the same
    // cohort of true cases, and a missed cancer costs QALYs rather than dropping out of the sum.
    const atEnd = this.walk(store.keyA(p), store.keyB(p), m, this.end - store.first(p));
    // A death after leaving is not a death while waiting (the pathway no longer holds them), but it gets no QALYs.
    if (this.died === 0) k.qalys += this.models[m]!.qalys[atEnd]!;
  }

  /**
   * The end of the run at `end`: true cases still in the pathway untreated count by their state
   * now (or as deaths while waiting); then the results by condition name.
   */
  result(model: Model, store: PatientStore, end: number): Record<string, ProgressionResult> {
    for (let p = 0; p < store.highWater; p++) {
      const state = store.state(p);
      if (state !== WAITING && state !== IN_SERVICE && state !== AWAY && state !== REBOOKING) continue;
      const due = store.cond(p) & ~store.treated(p);
      if (due === 0) continue;
      for (let m = 0; m < this.models.length; m++) {
        if (((due >>> this.models[m]!.condition) & 1) === 0) continue;
        const s = this.walk(store.keyA(p), store.keyB(p), m, end - store.first(p));
        const k = this.counts[m]!;
        k.atPresentation[this.first]++;
        if (this.died === 1) k.deaths++;
        else {
          k.waitingAtEnd[s]++;
          k.qalys += this.models[m]!.qalys[s]!; // as if treated at the end (an upper bound for them)
        }
      }
    }
    const out: Record<string, ProgressionResult> = Object.create(null); // names are keys: no prototype to collide with
    this.models.forEach((pm, m) => {
      const k = this.counts[m]!;
      const byState = (a: Float64Array) => {
        const r: Record<string, number> = Object.create(null);
        pm.states.forEach((id, s) => (r[id] = a[s]!));
        return r;
      };
      out[model.conditions[pm.condition]!] = {
        atPresentation: byState(k.atPresentation),
        atDiagnosis: byState(k.atDiagnosis),
        atTreatment: byState(k.atTreatment),
        treated: k.treated,
        upstaged: k.upstaged,
        deathsWhileWaiting: k.deaths,
        qalys: k.qalys,
        qalysTreated: k.qalysTreated,
        waitingAtEnd: byState(k.waitingAtEnd),
      };
    });
    return out;
  }
}
