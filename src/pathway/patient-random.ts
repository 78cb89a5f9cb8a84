/**
 * Patient-level common random numbers: each patient's test results, routing and missed-return
 * draws are a pure function of who the patient is and where they are, not of the order in which
 * patients happen to finish.
 *
 * With one stream per stage consumed in completion order, a change upstream (a more sensitive
 * X-ray test) reorders the completions at CT, so the same patient gets another patient's CT
 * uniform: about 16% of the patients who reach CT in both variants got a different CT result, and
 * a paired comparison lost its pairing exactly where the question is asked. Here the uniform of a
 * draw is a hash of (the patient's key, the stream's key, the visit key):
 *
 * - **stream key**: (seed, replication, `test/<stage>`, `routing/<stage>` or `missed/<stage>`);
 * - **patient key**: a 64-bit key hashed once, when the patient is created, from (seed,
 *   replication, source, serial) and kept in the patient's row. The source is an arrival stream
 *   (`arrivals/<id>`) or an initial group (`initial/<stage id>/<k>`, the k-th group at that
 *   stage), by name, not position, so a variant that adds a stream or a group leaves everyone
 *   else's identity alone; the serial says the patient is the n-th of that source. For one source
 *   the key is a bijection of the serial, so two patients of a source never share a key;
 * - **visit key** ({@link PatientStore.visitKey}): 0 the first time the patient draws at a stage,
 *   and 1 + a per-patient count of repeat draws afterwards. So a patient who reaches stage X in
 *   both variants, by whatever path (even after a missed return in one of them), draws the same
 *   number there the first time; and in a feedback loop every revisit gets a key the patient has
 *   never used, so no patient ever sees the same uniform twice in one stream. (Visits are tracked
 *   in a 32-bit mask by stage mod 32: beyond 32 stages two stages may share a bit, which makes a
 *   first visit look like a revisit — still a fresh key, only unpaired.) Missed-return draws use
 *   slot `stages + stage` of the same mask.
 *
 * Test and routing draws, made on every completion, cost one {@link keyedUniform} (four integer
 * mixes) because the patient's key is stored; the rare missed-return draws use the general
 * {@link counterUniform} with a draw index (0 for whether, 1, 2, … for the delay's sampler).
 *
 * Arrival times, service times and patience keep their per-stage streams: they are not
 * patient-level decisions, and changing them would gain nothing for the comparisons.
 * @module
 */
import { absorbA, absorbB, counterUniform, keyedUniform, streamKey, unabsorbA } from '../core/counter-random.js';
import type { Sampler } from '../core/distributions.js';
import type { Rng } from '../core/random.js';
import type { Model } from './model.js';
import type { PatientStore } from './patients.js';

/**
 * The per-patient draws of one replication of a model (the engine's).
 * @internal
 */
export class PatientRandom {
  private readonly store: PatientStore;
  /** Per stage: stream keys (lanes A, B) of `test/`, `routing/` and `missed/<stage id>`. */
  private readonly testA: Int32Array;
  private readonly testB: Int32Array;
  private readonly routeA: Int32Array;
  private readonly routeB: Int32Array;
  private readonly missedA: Int32Array;
  private readonly missedB: Int32Array;
  /** Per source (arrival streams, then initial groups in model order): its key's lanes. */
  private readonly sourceA: Int32Array;
  private readonly sourceB: Int32Array;
  private readonly sourceName: string[];
  /** Next serial per source. */
  private readonly nextSerial: Float64Array;
  private readonly nStages: number;
  private readonly nArrivals: number;
  /** Draws of the current missed event: whether they come back, then their delay's uniforms. */
  private readonly missed: EventDraws;

  /**
   * @param model The model (its stage ids, arrival ids and initial groups name the streams).
   * @param seed Master seed; with `replication`, selects the numbers as for `RandomStreams`.
   * @param replication Replication number.
   * @param store The engine's patient store, where identities and visits are kept.
   * @internal
   * @example
   * ```ts
   * import { PatientRandom } from './patient-random.js';
   * import { PatientStore } from './patients.js';
   * import { resolveScenario } from './resolve.js';
   * import { parseScenario } from './scenario.js';
   * const model = resolveScenario(
   *   parseScenario({ version: 1, name: 'x-ray', horizon: 10, arrivals: { gp: { to: 'xray', rate: { perDay: 5 } } }, stages: { xray: { capacity: 'unlimited' } } }),
   * );
   * const store = new PatientStore(0, 16);
   * const prn = new PatientRandom(model, 2026, 0, store);
   * const p = store.allocate(0, 0);
   * prn.identify(p, 0); // p is the next patient of arrival stream 0 (source 0)
   * const u = prn.test(p, 0, store.visitKey(p, 0)); // the same for this patient in every variant
   * prn.identity(p); // 'arrivals/gp#0'
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
    const sourceKeys = this.sourceName.map((n) => streamKey(seed, replication, `patients/${n}`));
    this.sourceA = Int32Array.from(sourceKeys, (k) => k[0]);
    this.sourceB = Int32Array.from(sourceKeys, (k) => k[1]);
    this.nextSerial = new Float64Array(this.sourceName.length);
    this.missed = new EventDraws(store);
  }

  /** Patient p is the next of initial group g (index into `model.initial`). */
  identifyInitial(p: number, g: number): void {
    this.identify(p, this.nArrivals + g);
  }

  /**
   * Patient p is the next of source `source` (arrival stream a is source a): their key is (absorbA(source key A, serial),
   * absorbB(source key B, serial)), written out here so that one call on each arrival does it all.
   */
  identify(p: number, source: number): void {
    const serial = this.nextSerial[source]!;
    this.nextSerial[source] = serial + 1;
    let a = this.sourceA[source]! ^ serial;
    a ^= a >>> 16;
    a = Math.imul(a, 0x7feb352d);
    a ^= a >>> 15;
    a = Math.imul(a, 0x846ca68b);
    a ^= a >>> 16;
    let b = (this.sourceB[source]! + serial) | 0;
    b ^= b >>> 16;
    b = Math.imul(b, 0x85ebca6b);
    b ^= b >>> 13;
    b = Math.imul(b, 0xc2b2ae35);
    b ^= b >>> 16;
    this.store.setKey(p, a, b);
  }

  /** The test uniform of patient p at stage s (visit key from `store.visitKey(p, s)`). */
  test(p: number, s: number, visit: number): number {
    const store = this.store;
    return keyedUniform(store.keyA(p), store.keyB(p), this.testA[s]!, this.testB[s]!, visit);
  }

  /** The routing uniform of patient p after stage s (the visit key of its test there). */
  route(p: number, s: number, visit: number): number {
    const store = this.store;
    return keyedUniform(store.keyA(p), store.keyB(p), this.routeA[s]!, this.routeB[s]!, visit);
  }

  /** Where {@link PatientRandom.drawRoute} puts its uniform: a returned double would be boxed. */
  readonly u = new Float64Array(1);

  /** {@link PatientRandom.route} into `u[0]`, for the engine's hot path. */
  drawRoute(p: number, s: number, visit: number): void {
    const store = this.store;
    this.u[0] = keyedUniform(store.keyA(p), store.keyB(p), this.routeA[s]!, this.routeB[s]!, visit);
  }

  /**
   * Whether patient p, missed by the test at stage s, comes back (with probability `share`),
   * and if so after how long (drawn from `after` with the same event's further uniforms); -1 if
   * they do not come back.
   */
  missedDelay(p: number, s: number, share: number, after: Sampler): number {
    const store = this.store;
    const visit = store.visitKey(p, this.nStages + s);
    if (this.missed.first(this.missedA[s]!, this.missedB[s]!, p, visit) >= share) return -1;
    return after.sample(this.missed.rest);
  }

  /**
   * Who patient p is, e.g. `arrivals/gp-chest-xray#41`: the same patient in every variant of a
   * run. Recovered from the key (only hooks ask, so the row need not hold source and serial):
   * undoing lane A gives source key ^ serial; the source whose lane B then matches is theirs.
   */
  identity(p: number): string {
    const ka = this.store.keyA(p);
    const kb = this.store.keyB(p);
    for (let src = 0; src < this.sourceName.length; src++) {
      const serial = unabsorbA(this.sourceA[src]!, ka) >>> 0;
      if (serial < this.nextSerial[src]! && absorbB(this.sourceB[src]!, serial) === kb) return `${this.sourceName[src]}#${serial}`;
    }
    throw new Error(`patient ${p} has no identity (not created by this PatientRandom)`);
  }
}

/**
 * The draws of one patient's event on one stream (its key lanes `a`, `b`) at one visit: draw 0
 * decides whether the event happens, draws 1, 2, … feed a sampler (a delay) through `rest`,
 * a generator made once and re-aimed at each event, so nothing is allocated per event.
 * @internal
 * @example
 * ```ts
 * import { EventDraws } from './patient-random.js';
 * const store = { keyA: () => 1, keyB: () => 2 } as never;
 * const draws = new EventDraws(store);
 * draws.first(3, 4, 0, 5); // draw 0, a uniform in [0, 1)
 * draws.rest(); // draw 1 of the same event
 * ```
 */
export class EventDraws {
  private a = 0;
  private b = 0;
  private patient = 0;
  private visit = 0;
  private draw = 0;
  /** Draws 1, 2, … of the event `first` last named. */
  readonly rest: Rng;

  constructor(private readonly store: PatientStore) {
    this.rest = () => counterUniform(this.a, this.b, store.keyA(this.patient), store.keyB(this.patient), this.visit, ++this.draw);
  }

  /** Aims the generator at patient p's event (stream lanes a, b; visit key) and returns its draw 0. */
  first(a: number, b: number, p: number, visit: number): number {
    this.a = a;
    this.b = b;
    this.patient = p;
    this.visit = visit;
    this.draw = 0;
    return counterUniform(a, b, this.store.keyA(p), this.store.keyB(p), visit, 0);
  }
}
