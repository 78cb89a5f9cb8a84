/**
 * Birth–death chains on {0, 1, 2, …}: the stationary law (truncated where the tail is
 * negligible) and the asymptotic variance of a time average, the exact noise of a simulated
 * mean such as the mean queue length. For births λₙ and stationary π, the time average of f over
 * T days has variance σ²/T with (Whitt 1992, "Asymptotic formulas for Markov processes")
 *   σ² = 2 Σₙ (Σ_{k≤n} πₖ (f(k) − E f))² / (λₙ πₙ).
 * M/M/c, Erlang-A (M/M/c+M) and the number waiting in a non-preemptive priority M/M/c queue with
 * one service rate (which has the same law as in FIFO) are all such chains.
 * @module
 */

/** Stationary law and time-average statistics of f. */
export interface BirthDeathStats {
  /** Stationary probabilities of 0…N (truncated; the rest is below 1e-16). */
  pi: number[];
  /** Stationary mean of f. */
  mean: number;
  /** σ²: T × the variance of the time average of f over T time units, for large T. */
  timeAverageVariance: number;
}

/** Largest truncation before giving up. */
export const BIRTH_DEATH_MAX_STATES = 2_000_000;

/**
 * Stationary law of the chain with births `birth(n)` (n → n+1) and deaths `death(n)` (n → n−1),
 * and the asymptotic variance of the time average of `f`. The chain must be positive recurrent
 * (deaths eventually exceed births).
 * @throws RangeError when more than {@link BIRTH_DEATH_MAX_STATES} states are needed.
 * @example
 * ```ts
 * import { birthDeath } from 'carepath/analysis';
 * // M/M/1 at ρ 0.5: mean number in system ρ/(1 − ρ) = 1, σ² = 2ρ(1 + ρ)/(μ(1 − ρ)⁴) = 24.
 * const s = birthDeath(() => 0.5, () => 1, (n) => n);
 * s.mean; // 1
 * s.timeAverageVariance; // 24
 * ```
 */
export function birthDeath(birth: (n: number) => number, death: (n: number) => number, f: (n: number) => number): BirthDeathStats {
  const p: number[] = [1];
  let peak = 1;
  for (let n = 0; ; n++) {
    const up = birth(n);
    const down = death(n + 1);
    if (!(down > 0)) throw new RangeError(`birthDeath: death rate at ${n + 1} must be positive, got ${down}`);
    const next = (p[n]! * up) / down;
    if (down > up && next < peak * 1e-17) break;
    p.push(next);
    if (next > peak) peak = next;
    if (peak > 1e250) {
      for (let i = 0; i < p.length; i++) p[i] = p[i]! / peak;
      peak = 1;
    }
    if (p.length > BIRTH_DEATH_MAX_STATES) throw new RangeError(`birthDeath: more than ${BIRTH_DEATH_MAX_STATES} states needed`);
  }
  const total = p.reduce((a, b) => a + b, 0);
  const pi = p.map((x) => x / total);
  let mean = 0;
  for (let n = 0; n < pi.length; n++) mean += pi[n]! * f(n);
  let cumulative = 0;
  let variance = 0;
  for (let n = 0; n < pi.length - 1; n++) {
    cumulative += pi[n]! * (f(n) - mean);
    const flow = birth(n) * pi[n]!;
    if (flow > 0) variance += (cumulative * cumulative) / flow;
  }
  return { pi, mean, timeAverageVariance: 2 * variance };
}
