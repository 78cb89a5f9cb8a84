/**
 * Patient-level common random numbers: each patient's test results, routing and missed-return
 * draws are a pure function of who the patient is and where they are, not of the order in which
 * patients happen to finish.
 *
 * With one stream per stage consumed in completion order, a change upstream (a more sensitive
 * X-ray test) reorders the completions at CT, so the same patient gets another patient's CT
 * uniform: about 16% of the patients who reach CT in both variants got a different CT result, and
 * a paired comparison lost its pairing exactly where the question is asked. Here the uniform of a
 * draw is `counterUniform(stream key, source key, serial, visit key, draw)`:
 *
 * - **stream key**: (seed, replication, `test/<stage>`, `routing/<stage>` or `missed/<stage>`);
 * - **who**: the patient's source — an arrival stream (`arrivals/<id>`) or an initial group
 *   (`initial/<stage id>/<k>`, the k-th group at that stage) — hashed from its name, and the
 *   serial (the n-th patient of that source). Names, not positions, so a variant that adds a
 *   stream or a group leaves everyone else's identity alone;
 * - **visit key** ({@link PatientStore.visitKey}): 0 the first time the patient draws at a stage,
 *   and 1 + a per-patient count of repeat draws afterwards. So a patient who reaches stage X in
 *   both variants, by whatever path (even after a missed return in one of them), draws the same
 *   number there the first time; and in a feedback loop every revisit gets a key the patient has
 *   never used, so no patient ever sees the same uniform twice in one stream. (Visits are tracked
 *   in a 32-bit mask by stage mod 32: beyond 32 stages two stages may share a bit, which makes a
 *   first visit look like a revisit — still a fresh key, only unpaired.) Missed-return draws use
 *   slot `stages + stage` of the same mask;
 * - **draw**: 0, or 1, 2, … for the uniforms a missed-return delay's sampler asks for.
 *
 * Arrival times, service times and patience keep their per-stage streams: they are not
 * patient-level decisions, and changing them would gain nothing for the comparisons.
 * @module
 */
import { counterUniform, hashKey, streamKey } from '../core/counter-random.js';
import type { Rng } from '../core/random.js';
import type { Model } from './model.js';
import { MAX_SOURCES, type PatientStore } from './patients.js';

/** The per-patient draws of one replication of a model. */
export class PatientRandom {
  private readonly store: PatientStore;
  /** Per stage: stream keys (lanes A, B) of `test/`, `routing/` and `missed/<stage id>`. */
  private readonly testA: Int32Array;
  private readonly testB: Int32Array;
  private readonly routeA: Int32Array;
  private readonly routeB: Int32Array;
  private readonly missedA: Int32Array;
  private readonly missedB: Int32Array;
  /** Per source (arrival streams, then initial groups in model order): its name's hash. */
  private readonly sourceKey: Int32Array;
  private readonly sourceName: string[];
  /** Next serial per source. */
  private readonly nextSerial: Float64Array;
  private readonly nStages: number;
  private readonly nArrivals: number;
  // State of the reusable generator handed to the missed-return delay's sampler.
  private rngA = 0;
  private rngB = 0;
  private rngPatient = 0;
  private rngVisit = 0;
  private rngDraw = 0;
  /** The missed-return delay's generator: draws 1, 2, … of the current missed event. */
  readonly missedRng: Rng;
  /**
   * The uniform of the last {@link test}, {@link route} or {@link missed} draw. A slot, not a
   * return value: the engine's hot functions are too big for V8 to inline these calls, and a
   * double returned from a call that is not inlined is boxed in a fresh heap number.
   */
  readonly u = new Float64Array(1);

  /**
   * @param model The model (its stage ids, arrival ids and initial groups name the streams).
   * @param seed Master seed; with `replication`, selects the numbers as for `RandomStreams`.
   * @param replication Replication number.
   * @param store The engine's patient store, where identities and visits are kept.
   * @example
   * ```ts
   * const prn = new PatientRandom(model, 2026, 0, store);
   * prn.identifyArrival(p, 0); // p is the next patient of arrival stream 0
   * const visit = store.visitKey(p, s);
   * prn.test(p, s, visit);
   * const positive = prn.u[0] < sensitivity;
   * ```
   */
  constructor(model: Model, seed: number | string, replication: number, store: PatientStore) {
    this.store = store;
    const S = (this.nStages = model.stages.length);
    this.nArrivals = model.arrivals.length;
    const keys = (prefix: string) => {
      const a = new Int32Array(S);
      const b = new Int32Array(S);
      model.stages.forEach((st, s) => ([a[s], b[s]] = streamKey(seed, replication, `${prefix}/${st.id}`)));
      return [a, b] as const;
    };
    [this.testA, this.testB] = keys('test');
    [this.routeA, this.routeB] = keys('routing');
    [this.missedA, this.missedB] = keys('missed');
    const perStage = new Map<number, number>();
    this.sourceName = [
      ...model.arrivals.map((a) => `arrivals/${a.id}`),
      ...model.initial.map((g) => {
        const k = perStage.get(g.stage) ?? 0;
        perStage.set(g.stage, k + 1);
        return `initial/${model.stages[g.stage]!.id}/${k}`;
      }),
    ];
    if (this.sourceName.length > MAX_SOURCES) {
      throw new Error(`at most ${MAX_SOURCES} arrival streams and initial groups together are supported, got ${this.sourceName.length}`);
    }
    this.sourceKey = Int32Array.from(this.sourceName, (n) => hashKey(n)[0]);
    // Two sources with one key would share their patients' numbers: vanishingly rare (names
    // hashed to 32 bits), but cheap to rule out.
    if (new Set(this.sourceKey).size !== this.sourceKey.length) {
      throw new Error(`patient sources ${this.sourceName.join(', ')}: two names hash alike; rename one`);
    }
    this.nextSerial = new Float64Array(this.sourceName.length);
    this.missedRng = () =>
      counterUniform(this.rngA, this.rngB, this.sourceKey[this.store.source(this.rngPatient)]!, this.store.serial(this.rngPatient), this.rngVisit, ++this.rngDraw);
  }

  /** Patient p is the next arrival of stream a. */
  identifyArrival(p: number, a: number): void {
    this.identify(p, a);
  }

  /** Patient p is the next of initial group g (index into `model.initial`). */
  identifyInitial(p: number, g: number): void {
    this.identify(p, this.nArrivals + g);
  }

  private identify(p: number, source: number): void {
    const serial = this.nextSerial[source]!;
    this.nextSerial[source] = serial + 1;
    this.store.setIdentity(p, source, serial);
  }

  /** Draws the test uniform of patient p at stage s into `u[0]` (visit key from `store.visitKey(p, s)`). */
  test(p: number, s: number, visit: number): void {
    const store = this.store;
    this.u[0] = counterUniform(this.testA[s]!, this.testB[s]!, this.sourceKey[store.source(p)]!, store.serial(p), visit, 0);
  }

  /** Draws the routing uniform of patient p after stage s into `u[0]` (the visit key of its test there). */
  route(p: number, s: number, visit: number): void {
    const store = this.store;
    this.u[0] = counterUniform(this.routeA[s]!, this.routeB[s]!, this.sourceKey[store.source(p)]!, store.serial(p), visit, 0);
  }

  /**
   * Draws into `u[0]` the uniform deciding whether patient p, missed by the test at stage s,
   * comes back, and points {@link missedRng} at this event, for the delay's sampler.
   */
  missed(p: number, s: number): void {
    const store = this.store;
    const visit = store.visitKey(p, this.nStages + s);
    this.rngA = this.missedA[s]!;
    this.rngB = this.missedB[s]!;
    this.rngPatient = p;
    this.rngVisit = visit;
    this.rngDraw = 0;
    this.u[0] = counterUniform(this.rngA, this.rngB, this.sourceKey[store.source(p)]!, store.serial(p), visit, 0);
  }

  /** Who patient p is, e.g. `arrivals/gp-chest-xray#41`: the same patient in every variant of a run. */
  identity(p: number): string {
    return `${this.sourceName[this.store.source(p)]}#${this.store.serial(p)}`;
  }
}
