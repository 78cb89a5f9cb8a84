/**
 * Flow balance: the traffic equations of a pathway, solved over the patient's full routing state.
 *
 * Routing depends on more than the stage: `if` branches read the patient's class and last test
 * result, a test's result depends on whether the patient truly has the condition, a positive
 * result may change the class, and a false negative at a stage with `missed` may bring the
 * patient back when they reach `exit`. So the flow is tracked per state
 * (stage, class, condition set, last-test state), exactly as the engine (src/pathway/engine.ts)
 * moves patients:
 *
 * - a test at stage s: positive w.p. sensitivity if the patient has the condition, else w.p.
 *   1 − specificity; positive ⇒ class becomes `onPositive.class`; the last result is kept until
 *   the next test;
 * - branches: those whose `if` matches; each with `p` takes p; the first matching one without `p`
 *   takes the rest; if none does, the rest exits;
 * - at exit, a patient whose last test was a false negative at a stage with `missed` comes back
 *   with probability `share` to `missed.to` as a new pathway (class and condition kept, last test
 *   cleared) — the delay `after` does not change long-run rates.
 *
 * The linear system λ = external + λ·P (cycles allowed) is solved by pushing residual mass
 * through the states until what is left is negligible (Gauss–Seidel on a sparse state space).
 *
 * Saturation: a stage whose arrivals exceed its capacity passes on only its capacity. Each stage
 * gets a pass-through share θ = min(1, capacity ÷ arrivals) applied to what it sends on (the mix
 * of patients it serves is assumed to be the mix that arrives — exact for FIFO, an approximation
 * for priority queues), and θ is iterated to a fixed point. θ = 1 everywhere gives the demand.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { EXIT, type Model } from '../pathway/model.js';
import { branchApplies, NEGATIVE, NO_TEST, POSITIVE } from '../pathway/routing.js';
import { attendShare } from './losses.js';

/** The flow solution for one set of external rates and pass-through shares. @internal */
export interface FlowSolution {
  /** Arrivals per day at each stage (index = stage index). */
  arrivals: number[];
  /** Arrivals per day at each stage by class: [stage][class]. */
  arrivalsByClass: number[][];
  /** External (new-patient) arrivals per day at each stage. */
  external: number[];
  /** Flow per day from stage i to stage j (served patients routed on, missed returns included): [i][j]. */
  between: number[][];
  /** Flow per day leaving the pathway after each stage. */
  exits: number[];
}

/** Most tested conditions with an uncertain status the state space enumerates (2^n sets). */
const MAX_UNCERTAIN_CONDITIONS = 16;
/**
 * Routing where patients (almost) never leave: checked every so many pushes, the mass still
 * circulating must have at least halved since the last check.
 */
const CHECK_EVERY_PUSHES = 50_000;

interface Encoder {
  nStages: number;
  nClasses: number;
  nMasks: number;
  /** Last-test states: 0 none, 1 positive, 2 negative, 3 + s = false negative at stage s (missed may return). */
  nLast: number;
}

function encode(e: Encoder, stage: number, cls: number, mask: number, last: number): number {
  return ((stage * e.nClasses + cls) * e.nMasks + mask) * e.nLast + last;
}

function decode(e: Encoder, key: number): [stage: number, cls: number, mask: number, last: number] {
  const last = key % e.nLast;
  let rest = (key - last) / e.nLast;
  const mask = rest % e.nMasks;
  rest = (rest - mask) / e.nMasks;
  const cls = rest % e.nClasses;
  const stage = (rest - cls) / e.nClasses;
  return [stage, cls, mask, last];
}

/** Bit of each tested condition in the analysis' condition mask (-1 when no stage tests it). */
function conditionBits(model: Model): number[] {
  const bits = model.conditions.map(() => -1);
  let n = 0;
  for (const st of model.stages) {
    if (st.test && bits[st.test.condition] === -1) bits[st.test.condition] = n++;
  }
  return bits;
}

/** Distribution of condition masks for a stream with the given prevalences: [mask, probability][]. */
function maskDistribution(
  conditions: { condition: number; prevalence: number }[],
  bits: number[],
  path: string,
): [number, number][] {
  let dist: [number, number][] = [[0, 1]];
  let uncertain = 0;
  for (const { condition, prevalence } of conditions) {
    const bit = bits[condition] ?? -1;
    if (bit < 0 || prevalence <= 0) continue;
    if (prevalence >= 1) {
      dist = dist.map(([m, p]) => [m | (1 << bit), p]);
      continue;
    }
    if (++uncertain > MAX_UNCERTAIN_CONDITIONS) {
      throw new ValidationError([
        {
          path,
          message: `analysis supports at most ${MAX_UNCERTAIN_CONDITIONS} tested conditions with a prevalence strictly between 0 and 1 per arrival stream`,
        },
      ]);
    }
    const next: [number, number][] = [];
    for (const [m, p] of dist) {
      next.push([m | (1 << bit), p * prevalence]);
      next.push([m, p * (1 - prevalence)]);
    }
    dist = next;
  }
  return dist;
}

/**
 * Solves the traffic equations. `externalRates[a]` is arrival stream a's rate per day;
 * `passThrough[s]` the share of stage s's arrivals it passes on (1 = keeps up).
 * Throws a `ValidationError` when routing lets patients cycle without ever leaving.
 * @internal
 */
export function solveFlow(model: Model, externalRates: number[], passThrough: number[]): FlowSolution {
  const S = model.stages.length;
  const bits = conditionBits(model);
  const nBits = Math.max(0, ...bits) + (bits.some((b) => b >= 0) ? 1 : 0);
  const enc: Encoder = {
    nStages: S,
    nClasses: Math.max(1, model.classes.length),
    nMasks: 2 ** Math.min(nBits, 30),
    nLast: 3 + S,
  };
  const arrivals = new Array<number>(S).fill(0);
  const arrivalsByClass = Array.from({ length: S }, () => new Array<number>(enc.nClasses).fill(0));
  const external = new Array<number>(S).fill(0);
  const between = Array.from({ length: S }, () => new Array<number>(S).fill(0));
  const exits = new Array<number>(S).fill(0);

  const pending = new Map<number, number>();
  const queue: number[] = [];
  let pendingTotal = 0;
  const add = (key: number, amount: number) => {
    if (amount <= 0) return;
    pendingTotal += amount;
    const had = pending.get(key);
    if (had === undefined) {
      pending.set(key, amount);
      queue.push(key);
    } else pending.set(key, had + amount);
  };

  let totalExternal = 0;
  model.arrivals.forEach((arr, a) => {
    const rate = externalRates[a] ?? 0;
    if (rate <= 0) return;
    totalExternal += rate;
    external[arr.to] += rate;
    for (const [mask, p] of maskDistribution(arr.conditions, bits, `arrivals.${arr.id}.conditions`)) {
      add(encode(enc, arr.to, arr.classIndex, mask, 0), rate * p);
    }
  });
  // Below this a residual is booked as arrived but not pushed on: the loss is < 1e-13 relative.
  const negligible = totalExternal * 1e-16;

  // Where served patients in a given (class, last) state go from stage s, with probabilities.
  const route = (s: number, cls: number, mask: number, last: number, amount: number) => {
    const next = model.stages[s]!.next;
    let rest = 1;
    let restTo: number | null = null;
    const isPositive = last === 1;
    const isNegative = last >= 2;
    const lastTest = isPositive ? POSITIVE : isNegative ? NEGATIVE : NO_TEST;
    for (const b of next) {
      if (!branchApplies(b.if, cls, lastTest)) continue;
      if (b.p === null) {
        if (restTo === null) restTo = b.to;
        continue;
      }
      rest -= b.p;
      send(s, b.to, cls, mask, last, amount * b.p);
    }
    if (rest < -1e-9) {
      throw new ValidationError([
        {
          path: `stages.${model.stages[s]!.id}.next`,
          message: `probabilities of the matching branches add up to ${(1 - rest).toPrecision(6)}, expected at most 1`,
        },
      ]);
    }
    if (rest > 0) send(s, restTo ?? EXIT, cls, mask, last, amount * rest);
  };

  const send = (s: number, to: number, cls: number, mask: number, last: number, amount: number) => {
    if (amount <= 0) return;
    if (to !== EXIT) {
      between[s]![to] += amount;
      add(encode(enc, to, cls, mask, last), amount);
      return;
    }
    if (last >= 3) {
      // False negative at stage `last − 3` whose test has `missed`: a share comes back later.
      const missed = model.stages[last - 3]!.test!.missed!;
      const back = amount * missed.share;
      if (back > 0) {
        between[s]![missed.to] += back;
        add(encode(enc, missed.to, cls, mask, 0), back);
      }
      exits[s] += amount - back;
      return;
    }
    exits[s] += amount;
  };

  let sinceCheck = 0;
  let lastCheckTotal = Infinity;
  let head = 0;
  while (head < queue.length) {
    const key = queue[head++]!;
    if (head > 65_536) {
      queue.splice(0, head);
      head = 0;
    }
    const amount = pending.get(key)!;
    pending.delete(key);
    pendingTotal -= amount;
    const [s, cls, mask, last] = decode(enc, key);
    arrivals[s] += amount;
    arrivalsByClass[s]![cls] += amount;
    if (amount <= negligible) continue;
    if (++sinceCheck >= Math.max(CHECK_EVERY_PUSHES, 200 * pending.size)) {
      const circulating = pendingTotal + amount;
      if (circulating > 0.5 * lastCheckTotal) throw loopError(model, s);
      lastCheckTotal = circulating;
      sinceCheck = 0;
    }
    const served = amount * (passThrough[s] ?? 1);
    if (served <= 0) continue;
    const test = model.stages[s]!.test;
    if (test) {
      const bit = bits[test.condition]!;
      const has = ((mask >>> bit) & 1) === 1;
      const pPos = has ? test.sensitivity : 1 - test.specificity;
      const posClass = test.onPositiveClass >= 0 ? test.onPositiveClass : cls;
      if (pPos > 0) route(s, posClass, mask, 1, served * pPos);
      if (pPos < 1) route(s, cls, mask, has && test.missed !== null ? 3 + s : 2, served * (1 - pPos));
    } else {
      route(s, cls, mask, last, served);
    }
  }
  return { arrivals, arrivalsByClass, external, between, exits };
}

function loopError(model: Model, s: number): ValidationError {
  return new ValidationError([
    {
      path: `stages.${model.stages[s]!.id}.next`,
      message: 'patients cycle through this stage without (almost) ever leaving the pathway: arrival rates grow without bound',
    },
  ]);
}

/**
 * Solves the traffic equations with saturation: stages whose arrivals exceed `capacity[s]`
 * (completions a day) pass on only their capacity. A stage that discharges patients after DNAs
 * passes on at most the share who attend, 1 − p^k ({@link attendShare}). Returns the effective
 * flow and the pass-through share of each stage (of its arrivals).
 * @internal
 */
export function solveCappedFlow(
  model: Model,
  externalRates: number[],
  capacity: number[],
): { flow: FlowSolution; passThrough: number[] } {
  const S = model.stages.length;
  const keep = model.stages.map(attendShare);
  let theta = keep.slice();
  let flow = solveFlow(model, externalRates, theta);
  // Feed-forward pathways converge exactly within (depth + 1) rounds; damping after a while
  // settles the rare oscillation a saturated feedback loop can cause.
  for (let round = 0; round < 400; round++) {
    const target = flow.arrivals.map((lam, s) => {
      const cap = capacity[s]!;
      return lam * keep[s]! > cap ? cap / lam : keep[s]!;
    });
    let change = 0;
    for (let s = 0; s < S; s++) change = Math.max(change, Math.abs(target[s]! - theta[s]!));
    if (change < 1e-13) break;
    theta = round < 50 ? target : theta.map((t, s) => 0.5 * (t + target[s]!));
    flow = solveFlow(model, externalRates, theta);
  }
  return { flow, passThrough: theta };
}
