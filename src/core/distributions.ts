/**
 * Probability distributions described as plain data, validated with messages that name the
 * field, and compiled into fast samplers.
 *
 * ```yaml
 * service: { dist: lognormal, mean: 14, sd: 5 }   # days; the mean and sd of the variable
 * delay: 36h                                      # a bare duration is a fixed value
 * ```
 *
 * Sampling choices (they matter for common random numbers, where two variants of a scenario
 * should see the same draws wherever they did not change):
 * - **Inverse transform, one uniform per draw**, wherever it exists: fixed (no uniform at all),
 *   exponential, uniform, triangular, truncated normal, lognormal, Weibull, empirical,
 *   bernoulli, categorical. A draw is then a monotone function of its uniform, so a small
 *   change of parameters moves each draw a little instead of reshuffling the stream.
 * - **Erlang** (and gamma with a small integer shape) multiplies exactly `k` uniforms.
 * - **Gamma** with a non-integer shape uses Marsaglia and Tsang's method (ACM TOMS 26, 2000), a
 *   rejection method: it uses a *variable* number of uniforms (two per try, about 1.05 tries on
 *   average for shape ≥ 1, one more uniform when shape < 1).
 * - Uniforms are taken in [0, 1); logarithms use `1 - u` (never 0), and the normal quantile
 *   of u = 0 is taken at 2^-33, half of Alea's resolution of 2^-32, so no draw is infinite.
 *
 * Every duration parameter (`value`, `mean`, `min`, `mode`, `max`, `sd`, `scale`, empirical
 * `values`) is in days and also accepts a duration string (`"3d"`, `"36h"`). All of them are
 * non-negative, and every sampler returns values ≥ 0 (the normal is truncated at 0), except
 * a categorical distribution with negative `values`.
 *
 * The code is in `src/core/distributions/`: one module per distribution and a registry
 * (`registry.ts`) listing them; this file keeps the public names where they always were.
 * @module
 */
export * from './distributions/index.js';
