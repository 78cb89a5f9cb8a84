/**
 * The routing rule, in one place: which branch of a stage's `next` a patient takes, given their
 * class, their last test result and a uniform draw. The engine draws with it, the flow solver of
 * `analyse` weighs every branch with it, and validation checks probabilities with it.
 *
 * The rule: a branch applies when its `if` is absent, names the patient's last test result
 * (`positive`/`negative`), or names the patient's class. Among the applying branches, in order,
 * those with `p` take their probability; the first applying branch without `p` takes whatever the
 * others leave; if there is none, the rest exit.
 * @module
 */
import { EXIT, type ModelBranch, type ModelStage } from './model.js';

/** Branch condition codes of a {@link RoutingTable}. */
export const IF_ALWAYS = 0;
export const IF_POSITIVE = 1;
export const IF_NEGATIVE = 2;
export const IF_CLASS = 3;

/** Last test result codes, as the patient store holds them: none, negative, positive. */
export const NO_TEST = -1;
export const NEGATIVE = 0;
export const POSITIVE = 1;

/**
 * Whether a resolved branch applies to a patient of class `cls` whose last test result is
 * `lastTest` ({@link NO_TEST}, {@link NEGATIVE} or {@link POSITIVE}).
 * @internal
 * @example
 * ```ts
 * import { branchApplies, NO_TEST, POSITIVE } from './routing.js';
 * branchApplies({ kind: 'positive' }, 0, POSITIVE); // true
 * branchApplies({ kind: 'class', classIndex: 1 }, 0, NO_TEST); // false
 * ```
 */
export function branchApplies(cond: ModelBranch['if'], cls: number, lastTest: number): boolean {
  if (cond === null) return true;
  if (cond.kind === 'positive') return lastTest === POSITIVE;
  if (cond.kind === 'negative') return lastTest === NEGATIVE;
  return cond.classIndex === cls;
}

/**
 * The same rule on a scenario's own names (before resolution): `ifName` is a branch's `if` or
 * null, `cls` a class name, `result` `positive`, `negative` or null.
 * @internal
 * @example
 * ```ts
 * import { scenarioBranchApplies } from './routing.js';
 * scenarioBranchApplies('urgent', 'urgent', null); // true
 * scenarioBranchApplies('negative', 'urgent', 'positive'); // false
 * ```
 */
export function scenarioBranchApplies(ifName: string | null, cls: string | null, result: string | null): boolean {
  return ifName === null || ifName === cls || ifName === result;
}

/** Every stage's branches flattened into typed arrays: stage s owns `[start[s], start[s+1])`. */
export interface RoutingTable {
  /** S + 1 offsets into the branch arrays. */
  start: Int32Array;
  /** Target stage index or {@link EXIT}. */
  to: Int32Array;
  /** Probability, NaN when the branch takes the rest. */
  p: Float64Array;
  /** {@link IF_ALWAYS}, {@link IF_POSITIVE}, {@link IF_NEGATIVE} or {@link IF_CLASS}. */
  cond: Int8Array;
  /** Class index of an {@link IF_CLASS} branch, else -1. */
  cls: Int32Array;
  /**
   * Per stage: where every patient goes when the first branch has neither `if` nor `p` (it takes
   * everyone, whatever the draw), else -2. Spares the engine the call in the common case.
   */
  only: Int32Array;
  /**
   * Per stage: 1 when some branch has a `p`, so the choice needs the patient's routing uniform;
   * 0 when conditions alone decide (the draw is a pure function of patient and visit, so one
   * never read need not be made: results are the same).
   */
  drawn: Uint8Array;
}

/**
 * Flattens the stages' branches into a {@link RoutingTable}, built once per run.
 * @internal
 * @example
 * ```ts
 * import { loadScenario } from './load.js';
 * import { resolveScenario } from './resolve.js';
 * import { compileRouting } from './routing.js';
 * // tandem.yaml: diagnosis sends 60% to treatment, the rest exit.
 * const table = compileRouting(resolveScenario(loadScenario('examples/scenarios/tandem.yaml')).stages);
 * table.to; // Int32Array [1, -1]: treatment (stage 1), then EXIT
 * table.p; // Float64Array [0.6, NaN]: the second branch takes the rest
 * ```
 */
export function compileRouting(stages: ModelStage[]): RoutingTable {
  const S = stages.length;
  const n = stages.reduce((k, st) => k + st.next.length, 0);
  const t: RoutingTable = {
    start: new Int32Array(S + 1),
    to: new Int32Array(n),
    p: new Float64Array(n),
    cond: new Int8Array(n),
    cls: new Int32Array(n),
    only: new Int32Array(S).fill(-2),
    drawn: new Uint8Array(S),
  };
  let b = 0;
  stages.forEach((st, s) => {
    t.start[s] = b;
    const first = st.next[0];
    if (first !== undefined && first.if === null && first.p === null) t.only[s] = first.to;
    for (const br of st.next) {
      const c = br.if;
      t.to[b] = br.to;
      t.p[b] = br.p === null ? NaN : br.p;
      if (br.p !== null) t.drawn[s] = 1;
      t.cond[b] = c === null ? IF_ALWAYS : c.kind === 'positive' ? IF_POSITIVE : c.kind === 'negative' ? IF_NEGATIVE : IF_CLASS;
      t.cls[b] = c !== null && c.kind === 'class' ? c.classIndex : -1;
      b++;
    }
  });
  t.start[S] = b;
  return t;
}

/** True when stage s has branches (else its patients exit without a routing draw). */
export function hasBranches(t: RoutingTable, s: number): boolean {
  return t.start[s]! < t.start[s + 1]!;
}

/** What routing reads of a patient (the engine's PatientStore), only for conditional branches. */
export interface RoutedPatients {
  cls(p: number): number;
  lastTest(p: number): number;
}

/**
 * Where patient p goes after stage s, for the uniform `u` in [0, 1): a stage index or
 * {@link EXIT}. Reads typed arrays only (the engine calls it once per completion), and the
 * patient's class and last result only when a branch has an `if`.
 * @internal
 * @example
 * ```ts
 * import { loadScenario } from './load.js';
 * import { resolveScenario } from './resolve.js';
 * import { chooseBranch, compileRouting, NO_TEST } from './routing.js';
 * const table = compileRouting(resolveScenario(loadScenario('examples/scenarios/tandem.yaml')).stages);
 * const patients = { cls: () => 0, lastTest: () => NO_TEST }; // the engine passes its patient store
 * chooseBranch(table, 0, patients, 0, 0.3); // 1: treatment (u below 0.6)
 * chooseBranch(table, 0, patients, 0, 0.8); // -1: EXIT
 * ```
 */
export function chooseBranch(t: RoutingTable, s: number, patients: RoutedPatients, p: number, u: number): number {
  return chooseBranchFrom(t, s, patients, p, Float64Array.of(u));
}

/**
 * {@link chooseBranch} for the uniform in `box[0]`: the engine's way in, since a double passed
 * to a call V8 does not inline is boxed in a fresh heap number.
 * @internal
 * @example
 * ```ts
 * import { loadScenario } from './load.js';
 * import { resolveScenario } from './resolve.js';
 * import { chooseBranchFrom, compileRouting, NO_TEST } from './routing.js';
 * const table = compileRouting(resolveScenario(loadScenario('examples/scenarios/tandem.yaml')).stages);
 * const patients = { cls: () => 0, lastTest: () => NO_TEST };
 * chooseBranchFrom(table, 0, patients, 0, Float64Array.of(0.3)); // 1: treatment
 * ```
 */
export function chooseBranchFrom(t: RoutingTable, s: number, patients: RoutedPatients, p: number, box: Float64Array): number {
  const u = box[0]!;
  const last = t.start[s + 1]!;
  let acc = 0;
  let rest = -2;
  for (let b = t.start[s]!; b < last; b++) {
    const cond = t.cond[b];
    if (cond !== IF_ALWAYS) {
      if (cond === IF_POSITIVE && patients.lastTest(p) !== POSITIVE) continue;
      if (cond === IF_NEGATIVE && patients.lastTest(p) !== NEGATIVE) continue;
      if (cond === IF_CLASS && patients.cls(p) !== t.cls[b]) continue;
    }
    const prob = t.p[b]!;
    if (prob !== prob) {
      // No `p`: the first such applying branch takes whatever the others leave.
      if (rest === -2) rest = t.to[b]!;
      continue;
    }
    acc += prob;
    if (u < acc) return t.to[b]!;
  }
  return rest === -2 ? EXIT : rest;
}
