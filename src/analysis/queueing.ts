/**
 * Steady-state formulas for a single queue with `c` parallel servers and Poisson-like arrivals.
 * Rates are per unit of time (carepath uses days, but these functions do not care).
 *
 * - {@link erlangB}, {@link erlangC}: blocking / waiting probabilities of M/M/c.
 * - {@link mmcWait}: the exact M/M/c measures (P0, Pw, Wq, W, Lq, L).
 * - {@link allenCunneenWait}: GI/G/c approximation (Allen 1978, Cunneen): the M/M/c wait scaled by
 *   the mean of the arrival and service squared coefficients of variation.
 * - {@link kingmanWait}: GI/G/1 approximation (Kingman 1961), the c = 1 case of Allen–Cunneen.
 *
 * An unstable queue (λ ≥ cμ) has no steady state: these functions then return `Pw = 1` and
 * infinite waits and lengths rather than throwing, because "it grows without bound" is the
 * honest answer a planner needs. Bad arguments (negative rates, fractional servers) throw.
 * @module
 */
import { nonNegativeArg, positiveArg, positiveIntegerArg } from './check-args.js';

/** The steady-state measures of a queue. Times in the unit of 1/λ; Infinity when unstable. */
export interface QueueMeasures {
  /** Probability that the system is empty (M/M/c only; NaN where the approximation gives none). */
  P0: number;
  /** Probability that an arrival has to wait. */
  Pw: number;
  /** Mean wait in queue. */
  Wq: number;
  /** Mean time in system (Wq + mean service). */
  W: number;
  /** Mean number waiting (λ·Wq, Little's law). */
  Lq: number;
  /** Mean number in system (λ·W). */
  L: number;
}

/**
 * Erlang B: the probability that all `c` servers are busy in an M/M/c/c loss system with offered
 * load `a` = λ/μ. Computed by the stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)), which works
 * for thousands of servers without overflow.
 * @example
 * ```ts
 * import { erlangB } from 'carepath/analysis';
 * erlangB(3, 2); // 0.2105… (4/19)
 * ```
 */
export function erlangB(c: number, a: number): number {
  positiveIntegerArg('c', c);
  nonNegativeArg('a', a);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Erlang C: the probability that an arrival has to wait in an M/M/c queue with offered load
 * `a` = λ/μ (in servers). Returns 1 when a ≥ c (the queue is unstable: everyone eventually waits).
 * @example
 * ```ts
 * import { erlangC } from 'carepath/analysis';
 * erlangC(3, 2); // 0.4444… (4/9): three servers, offered load 2
 * ```
 */
export function erlangC(c: number, a: number): number {
  positiveIntegerArg('c', c);
  nonNegativeArg('a', a);
  if (a >= c) return 1;
  if (a === 0) return 0;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** ln(n!) for a non-negative integer, by summation (exact enough and fast for n up to millions). */
function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

/**
 * Exact steady-state measures of the M/M/c queue: Poisson arrivals at rate `lambda`, `c` servers
 * each serving at rate `mu` (mean service 1/mu), first come first served, infinite waiting room.
 *
 * Textbook check: λ = 6/h, μ = 3/h, c = 3 gives P0 = 1/9, W = 13/27 h ≈ 0.4814815 h.
 * @example
 * ```ts
 * import { mmcWait } from 'carepath/analysis';
 * const m = mmcWait(6, 3, 3); // λ = 6/h, μ = 3/h, c = 3
 * m.Wq; // 0.1481… h (4/27)
 * m.W;  // 0.4815… h (13/27)
 * ```
 */
export function mmcWait(lambda: number, mu: number, c: number): QueueMeasures {
  nonNegativeArg('lambda', lambda);
  positiveArg('mu', mu);
  positiveIntegerArg('c', c);
  const a = lambda / mu;
  if (a >= c) {
    return { P0: 0, Pw: 1, Wq: Infinity, W: Infinity, Lq: Infinity, L: Infinity };
  }
  const rho = a / c;
  const Pw = erlangC(c, a);
  let P0: number;
  if (a === 0) {
    P0 = 1;
  } else {
    // Pw = (a^c / c!) / (1 − ρ) · P0, solved for P0 in logs so large c neither overflows nor
    // underflows before the final exponential.
    P0 = Math.exp(Math.log(Pw) + Math.log(1 - rho) - (c * Math.log(a) - logFactorial(c)));
  }
  const Wq = Pw / (c * mu - lambda);
  const W = Wq + 1 / mu;
  return { P0, Pw, Wq, W, Lq: lambda * Wq, L: lambda * W };
}

/**
 * Allen–Cunneen approximation for the GI/G/c queue:
 * Wq ≈ C(c, a) / (cμ − λ) · (ca² + cs²) / 2, where C is Erlang C, `ca2` the squared coefficient
 * of variation of inter-arrival times (1 for Poisson) and `cs2` that of service times (1 for
 * exponential, 0 for fixed). Exact for M/M/c (ca² = cs² = 1); for c = 1 it equals Kingman's formula.
 * `P0` is NaN: the approximation does not give it.
 * @example
 * ```ts
 * import { allenCunneenWait } from 'carepath/analysis';
 * // Fixed service (cs² = 0) halves the M/M/c wait in this approximation.
 * allenCunneenWait(6, 3, 3, 1, 0).Wq; // 0.0741… (half of mmcWait(6, 3, 3).Wq)
 * ```
 */
export function allenCunneenWait(lambda: number, mu: number, c: number, ca2: number, cs2: number): QueueMeasures {
  nonNegativeArg('lambda', lambda);
  positiveArg('mu', mu);
  positiveIntegerArg('c', c);
  nonNegativeArg('ca2', ca2);
  nonNegativeArg('cs2', cs2);
  const a = lambda / mu;
  if (a >= c) return { P0: NaN, Pw: 1, Wq: Infinity, W: Infinity, Lq: Infinity, L: Infinity };
  const Pw = erlangC(c, a);
  const Wq = (Pw / (c * mu - lambda)) * ((ca2 + cs2) / 2);
  const W = Wq + 1 / mu;
  return { P0: NaN, Pw, Wq, W, Lq: lambda * Wq, L: lambda * W };
}

/**
 * Kingman's approximation for the GI/G/1 queue:
 * Wq ≈ ρ / (1 − ρ) · (ca² + cs²) / 2 · E[S], with ρ = λ/μ and E[S] = 1/μ.
 * Exact for M/G/1 when ca² = 1 (the Pollaczek–Khinchine formula). `P0` is 1 − ρ (exact for any
 * G/G/1 queue); `Pw` is ρ (exact for Poisson arrivals).
 * @example
 * ```ts
 * import { kingmanWait } from 'carepath/analysis';
 * kingmanWait(0.9, 1, 1, 1).Wq; // 9: exact for M/M/1 at ρ = 0.9
 * ```
 */
export function kingmanWait(lambda: number, mu: number, ca2: number, cs2: number): QueueMeasures {
  nonNegativeArg('lambda', lambda);
  positiveArg('mu', mu);
  nonNegativeArg('ca2', ca2);
  nonNegativeArg('cs2', cs2);
  const rho = lambda / mu;
  if (rho >= 1) return { P0: 0, Pw: 1, Wq: Infinity, W: Infinity, Lq: Infinity, L: Infinity };
  const Wq = (rho / (1 - rho)) * ((ca2 + cs2) / 2) * (1 / mu);
  const W = Wq + 1 / mu;
  return { P0: 1 - rho, Pw: rho, Wq, W, Lq: lambda * Wq, L: lambda * W };
}
