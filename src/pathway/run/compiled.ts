/**
 * The compiled model: a {@link Model} resolved once into the flat tables the event loop reads —
 * routing, tests, service and patience samplers (with fixed and exponential draws inlined),
 * and arrival streams. Plain typed arrays and samplers; no random streams (those belong to a
 * replication).
 * @module
 */
import { compileDistribution, type Sampler } from '../../core/distributions.js';
import type { Model } from '../model.js';
import type { PatientRandom } from '../patient-random.js';
import type { PatientStore } from '../patients.js';
import { MAX_CLASSES, MAX_STAGES } from '../patients.js';
import { compileRouting, type RoutingTable } from '../routing.js';

/** How a service or patience time is drawn (see {@link specialise}). */
export const D_FIXED = 0;
export const D_EXPONENTIAL = 1;
export const D_GENERAL = 2;
/** Patience kind of a stage whose patients never leave. */
export const D_NONE = 255;

/** The flat tables of a model, read by every part of the engine. */
export interface CompiledModel {
  readonly model: Model;
  readonly stages: number;
  readonly routing: RoutingTable;
  /** Service draw: D_FIXED (svcParam = value), D_EXPONENTIAL (svcParam = mean) or D_GENERAL. */
  readonly svcKind: Uint8Array;
  readonly svcParam: Float64Array;
  readonly service: Sampler[];
  /** Patience draw, as for service; D_NONE = infinite patience. */
  readonly patKind: Uint8Array;
  readonly patParam: Float64Array;
  readonly patience: (Sampler | null)[];
  /** Tests: testCond -1 = the stage is not a test. */
  readonly testCond: Int32Array;
  readonly testSens: Float64Array;
  readonly testSpec: Float64Array;
  readonly testOnPositive: Int32Array;
  readonly testMissed: Uint8Array;
  readonly missedAfter: (Sampler | null)[];
  /** Arrival streams: first stage and class; conditions of stream a are [condStart[a], condStart[a+1]). */
  readonly arrivalTo: Int32Array;
  readonly arrivalClass: Int32Array;
  readonly condStart: Int32Array;
  readonly condBit: Int32Array;
  readonly condPrevalence: Float64Array;
}

/**
 * Compiles a model's tables (once per run).
 * @internal
 * @example
 * ```ts
 * import { loadScenario } from '../load.js';
 * import { resolveScenario } from '../resolve.js';
 * import { compileModel, D_EXPONENTIAL } from './compiled.js';
 * const c = compileModel(resolveScenario(loadScenario('examples/scenarios/mm1.yaml')));
 * c.svcKind[0] === D_EXPONENTIAL; // true: the clinic's service is drawn inline
 * ```
 */
export function compileModel(model: Model): CompiledModel {
  const S = model.stages.length;
  if (S > MAX_STAGES) throw new Error(`at most ${MAX_STAGES} stages are supported, got ${S}`);
  if (model.classes.length > MAX_CLASSES) throw new Error(`at most ${MAX_CLASSES} classes are supported, got ${model.classes.length}`);
  const c = {
    model,
    stages: S,
    routing: compileRouting(model.stages),
    svcKind: new Uint8Array(S),
    svcParam: new Float64Array(S),
    service: [] as Sampler[],
    patKind: new Uint8Array(S),
    patParam: new Float64Array(S),
    patience: [] as (Sampler | null)[],
    testCond: new Int32Array(S).fill(-1),
    testSens: new Float64Array(S),
    testSpec: new Float64Array(S),
    testOnPositive: new Int32Array(S).fill(-1),
    testMissed: new Uint8Array(S),
    missedAfter: [] as (Sampler | null)[],
    arrivalTo: Int32Array.from(model.arrivals, (a) => a.to),
    arrivalClass: Int32Array.from(model.arrivals, (a) => a.classIndex),
    condStart: new Int32Array(model.arrivals.length + 1),
    condBit: Int32Array.from(
      model.arrivals.flatMap((a) => a.conditions),
      (x) => 1 << x.condition,
    ),
    condPrevalence: Float64Array.from(
      model.arrivals.flatMap((a) => a.conditions),
      (x) => x.prevalence,
    ),
  };
  model.arrivals.forEach((a, i) => (c.condStart[i + 1] = c.condStart[i]! + a.conditions.length));
  model.stages.forEach((st, s) => {
    const path = `stages.${st.id}`;
    const service = compileDistribution(st.service, `${path}.service`);
    c.service.push(service);
    [c.svcKind[s], c.svcParam[s]] = specialise(service);
    const patience = st.patience === null ? null : compileDistribution(st.patience, `${path}.patience`);
    c.patience.push(patience);
    if (patience === null) c.patKind[s] = D_NONE;
    else [c.patKind[s], c.patParam[s]] = specialise(patience);
    c.missedAfter.push(st.test?.missed ? compileDistribution(st.test.missed.after, `${path}.test.missed.after`) : null);
    if (st.test !== null) {
      c.testCond[s] = st.test.condition;
      c.testSens[s] = st.test.sensitivity;
      c.testSpec[s] = st.test.specificity;
      c.testOnPositive[s] = st.test.onPositiveClass;
      c.testMissed[s] = st.test.missed !== null ? 1 : 0;
    }
  });
  return c;
}

/**
 * Reads a sampler as a fixed value or an exponential, so the engine can draw those inline (no
 * call, no switch) with the very same uniform and formula. Checked against the sampler itself
 * at a few uniforms, so if the kernel's formulas ever change the engine falls back to calling
 * `sample` rather than silently drawing something different.
 * @returns [kind, parameter]: [D_FIXED, value], [D_EXPONENTIAL, mean] or [D_GENERAL, 0].
 */
export function specialise(sampler: Sampler): [number, number] {
  const probes = [0, 0.25, 0.5, 0.9, 1 - 2 ** -32];
  const agrees = (inline: (u: number) => number, draws: number) =>
    probes.every((u) => {
      let calls = 0;
      const v = sampler.sample(() => {
        calls++;
        return u;
      });
      return calls === draws && Object.is(v, inline(u));
    });
  const mean = sampler.mean;
  if (sampler.variance === 0 && agrees(() => mean, 0)) return [D_FIXED, mean];
  if (sampler.dist === 'exponential' && agrees((u) => -mean * Math.log(1 - u), 1)) return [D_EXPONENTIAL, mean];
  return [D_GENERAL, 0];
}

/**
 * The test of stage s (condition tc) on patient p at visit key `visit`, with the patient's own
 * draw (see patient-random.ts): sets their last result, whether a missed condition may bring
 * them back, and their class on a positive.
 */
export function applyTest(c: CompiledModel, store: PatientStore, p: number, s: number, tc: number, prn: PatientRandom, visit: number): void {
  const has = (store.cond(p) >>> tc) & 1;
  // A draw is a pure function of patient and visit, so a certain result needs none.
  const certain = has === 1 ? c.testSens[s]! >= 1 : c.testSpec[s]! >= 1;
  const u = certain ? 0 : prn.test(p, s, visit);
  // Positive with probability sensitivity if the patient has the condition, else 1 − specificity.
  const positive = has === 1 ? u < c.testSens[s]! : u >= c.testSpec[s]!;
  store.setLastTest(p, positive ? 1 : 0);
  store.setMissedAt(p, has === 1 && !positive && c.testMissed[s] === 1 ? s : -1);
  if (positive && c.testOnPositive[s]! >= 0) store.setCls(p, c.testOnPositive[s]!);
}
