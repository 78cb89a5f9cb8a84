/**
 * Erlang-A (Palm 1943; Garnett, Mandelbaum & Reiman 2002): the M/M/c+M queue, where each
 * waiting patient leaves after an exponential patience of rate θ. The number in the system is a
 * birth–death chain (births λ, deaths min(n, c)·μ + max(n − c, 0)·θ), solved here by truncating
 * it where the remaining probability is negligible. A patient who finds n ≥ c in the system has
 * j = n − c ahead; each step ahead ends at rate cμ + iθ (a start or an abandonment ahead) while
 * the patient's own patience runs at θ, so the chance of being served and the mean wait of those
 * served follow phase by phase.
 * @module
 */
import { nonNegativeArg, positiveArg, positiveIntegerArg } from './check-args.js';

/** Steady-state measures of the M/M/c+M queue. */
export interface ErlangAMeasures {
  /** Mean wait in queue of the patients who are served (days in carepath): what a run's `wait.mean` measures. */
  waitServed: number;
  /** Mean time on the list over all arrivals, served or not (= Lq / λ). */
  waitAll: number;
  /** Share of arrivals who abandon. */
  abandonShare: number;
  /** Probability that an arrival has to wait. */
  probWait: number;
  /** Time-average number on the list. */
  Lq: number;
  /** States of the chain kept (the truncation point + 1). */
  states: number;
}

/** Largest number of states the chain may need before the tail is negligible. */
export const ERLANG_A_MAX_STATES = 2_000_000;

/**
 * Exact Erlang-A measures for arrival rate `lambda`, `c` servers of rate `mu` and patience rate
 * `theta` (mean patience 1/θ). Stable for any load when θ > 0.
 * @throws RangeError for bad arguments, or when the chain needs more than {@link ERLANG_A_MAX_STATES} states.
 * @example
 * ```ts
 * import { erlangA } from 'carepath/analysis';
 * // θ → 0 gives Erlang C: M/M/1 at ρ 0.5 waits 1 day.
 * erlangA(0.5, 1, 1, 1e-9).waitServed; // ≈ 1
 * erlangA(1.2, 1, 1, 0.2).abandonShare; // ≈ 0.30: overloaded, yet stable, as a share leaves
 * ```
 */
export function erlangA(lambda: number, mu: number, c: number, theta: number): ErlangAMeasures {
  nonNegativeArg('lambda', lambda);
  positiveArg('mu', mu);
  positiveIntegerArg('c', c);
  positiveArg('theta', theta);
  // Unnormalised stationary probabilities, scaled as they grow so that nothing overflows.
  const p: number[] = [1];
  let peak = 1;
  for (let n = 0; ; n++) {
    const death = Math.min(n + 1, c) * mu + Math.max(n + 1 - c, 0) * theta;
    const next = (p[n]! * lambda) / death;
    if (n + 1 > c && death > lambda && next < peak * 1e-17) break;
    p.push(next);
    if (next > peak) peak = next;
    if (peak > 1e250) {
      for (let i = 0; i < p.length; i++) p[i] = p[i]! / peak;
      peak = 1;
    }
    if (p.length > ERLANG_A_MAX_STATES) throw new RangeError(`erlangA: more than ${ERLANG_A_MAX_STATES} states needed (λ ${lambda}, θ ${theta})`);
  }
  const total = p.reduce((a, b) => a + b, 0);
  let served = 0;
  let waitTimesServed = 0;
  let probWait = 0;
  let lq = 0;
  for (let n = 0; n < p.length; n++) {
    const pi = p[n]! / total;
    if (n < c) {
      served += pi;
      continue;
    }
    probWait += pi;
    lq += pi * (n - c);
  }
  // Served share and mean wait of the served, for j = n − c ahead, built up j by j.
  let survive = 1;
  let meanTime = 0;
  for (let n = c; n < p.length; n++) {
    const j = n - c;
    const rate = c * mu + j * theta;
    survive *= rate / (rate + theta);
    meanTime += 1 / (rate + theta);
    const pi = p[n]! / total;
    served += pi * survive;
    waitTimesServed += pi * survive * meanTime;
  }
  return {
    waitServed: served > 0 ? waitTimesServed / served : 0,
    waitAll: lambda > 0 ? lq / lambda : 0,
    abandonShare: 1 - served,
    probWait,
    Lq: lq,
    states: p.length,
  };
}
