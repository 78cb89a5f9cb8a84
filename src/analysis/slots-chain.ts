/**
 * The exact steady state of a slot stage fed by Poisson arrivals: slots are released at the start
 * of each day (one number per weekday), the waiting list takes them first, a patient who arrives
 * while the day still has a slot left takes it at once, and unused slots are lost at midnight.
 *
 * Let X be the list just before a day's release and s that day's slots. After the release
 * max(X − s, 0) still wait and r = max(s − X, 0) slots are free; the first r of the day's
 * Poisson(λ) arrivals take them, the rest join the list, so
 *   X′ = max(X − s, 0) + max(A − r, 0),  A ~ Poisson(λ).
 * X is a Markov chain (periodic over the week when the slots differ by weekday); its stationary
 * law is computed numerically on a truncated state space. The time-average list during a day
 * that starts from X follows in closed form, because ∫₀¹ P(N(t) = k) dt = P(Poisson(λ) > k)/λ:
 *   E∫₀¹ (N(t) − r)⁺ dt = λ/2 − r + (1/λ) Σ_{k<r} (r − k)·P(Poisson(λ) > k).
 * Little's law turns the mean list into the mean wait (every patient is served eventually).
 * @module
 */
import { nonNegativeArg, positiveArg } from './check-args.js';

/** Steady state of a daily-slot stage (times in days). */
export interface SlotQueueMeasures {
  /** Time-average number on the list. */
  Lq: number;
  /** Mean wait from joining the list to taking a slot, over all patients (Lq / λ). */
  Wq: number;
  /** Mean list just before a day's release (averaged over the weekdays). */
  carriedOver: number;
  /** Share of offered slots used (= λ ÷ slots per day on average). */
  utilisation: number;
  /** States of the truncated chain. */
  states: number;
}

/** Poisson(λ) probabilities P(A = k) for k = 0…K with P(A > K) below 1e-16. */
function poissonPmf(lambda: number): number[] {
  const out: number[] = [];
  // Start at the mode in logs so a large λ does not underflow e^{−λ}.
  const mode = Math.floor(lambda);
  let logMode = -lambda;
  for (let k = 1; k <= mode; k++) logMode += Math.log(lambda / k);
  const span = Math.ceil(12 * Math.sqrt(lambda + 1) + 30);
  const lo = Math.max(0, mode - span);
  const hi = mode + span;
  const pm = new Array<number>(hi + 1).fill(0);
  pm[mode] = Math.exp(logMode);
  for (let k = mode + 1; k <= hi; k++) pm[k] = (pm[k - 1]! * lambda) / k;
  for (let k = mode - 1; k >= lo; k--) pm[k] = (pm[k + 1]! * (k + 1)) / lambda;
  for (let k = 0; k <= hi; k++) out.push(pm[k]!);
  return out;
}

/** E∫₀¹ (N(t) − r)⁺ dt for a Poisson process of rate λ over one day, r slots free at the start. */
function lateArrivalsOnList(lambda: number, r: number, tailAbove: number[]): number {
  let s = lambda / 2 - r;
  for (let k = 0; k < r; k++) s += ((r - k) * (tailAbove[k] ?? 0)) / lambda;
  return s;
}

/** Largest truncation of the chain before giving up. */
export const SLOTS_MAX_STATES = 200_000;

/**
 * Most elementary steps (state × arrival count) the recursion may take: about a tenth of a
 * second, so `analyse` stays instant. Larger cases (thousands of patients a day, or a load very
 * close to 1) are left to simulation.
 */
export const SLOTS_MAX_WORK = 20_000_000;

/**
 * Exact steady state of a slot stage with Poisson arrivals of `lambda` a day and `perWeekday`
 * slots (seven numbers, Monday first; one number means every day alike).
 * @throws RangeError when arrivals reach or exceed the slots (no steady state), for bad arguments,
 * or when the recursion would take more than {@link SLOTS_MAX_WORK} steps.
 * @example
 * ```ts
 * import { dailySlotsQueue } from 'carepath/analysis';
 * // 4 a day on average for 5 slots a day: about half a patient waits on average.
 * dailySlotsQueue(4, [5]).Lq; // ≈ 0.49
 * ```
 */
export function dailySlotsQueue(lambda: number, perWeekday: number[]): SlotQueueMeasures {
  const key = `${lambda}|${perWeekday.join(',')}`;
  const known = cache.get(key);
  if (known) {
    if (known instanceof RangeError) throw known;
    return { ...known };
  }
  try {
    const result = computeSlotsQueue(lambda, perWeekday);
    remember(key, result);
    return { ...result };
  } catch (err) {
    if (err instanceof RangeError) remember(key, err);
    throw err;
  }
}

/**
 * Answers already computed: the referee analyses the same model after every replication, and
 * `analyse` each phase, so the same (λ, slots) comes back often. Small and bounded.
 */
const cache = new Map<string, SlotQueueMeasures | RangeError>();
const CACHE_SIZE = 64;

function remember(key: string, value: SlotQueueMeasures | RangeError): void {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

function computeSlotsQueue(lambda: number, perWeekday: number[]): SlotQueueMeasures {
  positiveArg('lambda', lambda);
  const days = perWeekday.length === 1 ? perWeekday : perWeekday.slice();
  if (days.length !== 1 && days.length !== 7) throw new RangeError(`perWeekday: expected 1 or 7 numbers, got ${days.length}`);
  days.forEach((s, i) => {
    nonNegativeArg(`perWeekday[${i}]`, s);
    if (!Number.isInteger(s)) throw new RangeError(`perWeekday[${i}]: expected a whole number of slots, got ${s}`);
  });
  const mean = days.reduce((a, b) => a + b, 0) / days.length;
  if (lambda >= mean) throw new RangeError(`no steady state: ${lambda} arrivals a day for ${mean} slots a day`);
  const pmf = poissonPmf(lambda);
  const tailAbove: number[] = []; // P(A > k)
  let acc = 1;
  for (let k = 0; k < pmf.length; k++) {
    acc -= pmf[k]!;
    tailAbove.push(Math.max(0, acc));
  }
  const maxSlots = Math.max(...days);
  // The list's tail decays geometrically; start from a generous guess and double if mass
  // reaches the edge.
  let size = Math.ceil(maxSlots + pmf.length + (20 * (lambda + 1)) / (1 - lambda / mean));
  const budget = { left: SLOTS_MAX_WORK };
  // The chain needs at least a few dozen days to settle: refuse at once what cannot fit.
  if (size * pmf.length * 28 > SLOTS_MAX_WORK) {
    throw new RangeError(`dailySlotsQueue: more than ${SLOTS_MAX_WORK} steps needed (λ ${lambda}, slots ${days.join(',')}): simulate instead`);
  }
  for (;;) {
    const result = solve(lambda, days, pmf, tailAbove, size, budget);
    if (result) return result;
    size *= 2;
    if (size > SLOTS_MAX_STATES) throw new RangeError(`dailySlotsQueue: more than ${SLOTS_MAX_STATES} states needed (λ ${lambda}, slots ${days.join(',')})`);
  }
}

/** One week of transitions repeated to convergence; null when mass reaches the truncation edge. */
function solve(lambda: number, days: number[], pmf: number[], tailAbove: number[], size: number, budget: { left: number }): SlotQueueMeasures | null {
  let pi = new Float64Array(size);
  pi[0] = 1;
  let next = new Float64Array(size);
  const step = (from: Float64Array, to: Float64Array, s: number) => {
    budget.left -= size * pmf.length;
    if (budget.left < 0) throw new RangeError(`dailySlotsQueue: more than ${SLOTS_MAX_WORK} steps needed (λ ${lambda}, slots ${days.join(',')}): simulate instead`);
    to.fill(0);
    for (let x = 0; x < size; x++) {
      const px = from[x]!;
      if (px < 1e-300) continue;
      const left = Math.max(x - s, 0);
      const free = Math.max(s - x, 0);
      for (let a = 0; a < pmf.length; a++) {
        const y = Math.min(size - 1, left + Math.max(a - free, 0));
        to[y] += px * pmf[a]!;
      }
    }
  };
  const start = new Array<Float64Array>(days.length);
  for (let sweep = 0; sweep < 100_000; sweep++) {
    const before = pi.slice();
    for (let d = 0; d < days.length; d++) {
      start[d] = pi.slice();
      step(pi, next, days[d]!);
      [pi, next] = [next, pi];
    }
    let diff = 0;
    for (let x = 0; x < size; x++) diff += Math.abs(pi[x]! - before[x]!);
    if (diff < 1e-11) break;
  }
  let edge = 0;
  for (let x = Math.floor(size * 0.9); x < size; x++) edge += pi[x]!;
  if (edge > 1e-12) return null;
  let lq = 0;
  let carried = 0;
  for (let d = 0; d < days.length; d++) {
    const s = days[d]!;
    const p = start[d]!;
    for (let x = 0; x < size; x++) {
      const px = p[x]!;
      if (px === 0) continue;
      carried += px * x;
      lq += px * (Math.max(x - s, 0) + lateArrivalsOnList(lambda, Math.max(s - x, 0), tailAbove));
    }
  }
  lq /= days.length;
  carried /= days.length;
  const mean = days.reduce((a, b) => a + b, 0) / days.length;
  return { Lq: lq, Wq: lq / lambda, carriedOver: carried, utilisation: lambda / mean, states: size };
}
