/**
 * Variability of the arrival streams inside a pathway, by Whitt's Queueing Network Analyzer
 * (QNA; Whitt 1983, "The Queueing Network Analyzer", Bell System Technical Journal 62(9)).
 *
 * Each stream is summarised by the squared coefficient of variation (SCV) of its inter-event
 * times. External streams are Poisson (SCV 1). The linking equations:
 * - departures of a c-server stage: cd² = 1 + (1 − ρ²)(ca² − 1) + ρ²(cs² − 1)/√c (ρ capped at 1
 *   for a saturated stage, whose output is its service process);
 * - a pure delay (unlimited capacity) keeps the long-run variability of its input (cd² = ca²;
 *   with Poisson input its output is Poisson);
 * - appointment slots: a stable slot stage delays patients to the next slot day, which keeps the
 *   long-run variability (cd² = ca²); a saturated one releases a fixed number a week (cd² = 0);
 * - a split with probability q: q·cd² + 1 − q; merging: the rate-weighted mean.
 * The equations are linear in the arrival SCVs and solved by iteration (feedback allowed).
 * @module
 */

/** What QNA needs to know about a stage. @internal */
export interface VariabilityStage {
  kind: 'servers' | 'slots' | 'unlimited';
  servers: number;
  /** Utilisation (arrivals ÷ capacity), any value ≥ 0. */
  utilisation: number;
  /** Service-time SCV. */
  serviceScv: number;
}

/**
 * Arrival SCV at each stage. `external[j]` new patients per day at j; `between[i][j]` flow from
 * i to j; `throughput[i]` what i passes on in total (to stages and to exit).
 * @internal
 */
export function arrivalScvs(
  stages: VariabilityStage[],
  external: number[],
  between: number[][],
  throughput: number[],
): number[] {
  const S = stages.length;
  const inflow = external.map((e, j) => e + between.reduce((acc, row) => acc + row[j]!, 0));
  let ca2 = new Array<number>(S).fill(1);
  for (let iter = 0; iter < 10_000; iter++) {
    const cd2 = stages.map((st, i) => departureScv(st, ca2[i]!));
    const next = ca2.map((_, j) => {
      const lam = inflow[j]!;
      if (lam <= 0) return 1;
      let v = external[j]! / lam; // Poisson external streams: SCV 1
      for (let i = 0; i < S; i++) {
        const f = between[i]![j]!;
        if (f <= 0) continue;
        const q = throughput[i]! > 0 ? Math.min(1, f / throughput[i]!) : 1;
        v += (f / lam) * (q * cd2[i]! + 1 - q);
      }
      return v;
    });
    let change = 0;
    for (let j = 0; j < S; j++) change = Math.max(change, Math.abs(next[j]! - ca2[j]!));
    ca2 = next;
    if (change < 1e-12) break;
  }
  return ca2;
}

/** Departure SCV of a stage given its arrival SCV (see the module notes). @internal */
export function departureScv(st: VariabilityStage, ca2: number): number {
  if (st.kind === 'unlimited') return ca2;
  if (st.kind === 'slots') return st.utilisation >= 1 ? 0 : ca2;
  const rho = Math.min(1, st.utilisation);
  return 1 + (1 - rho * rho) * (ca2 - 1) + (rho * rho * (st.serviceScv - 1)) / Math.sqrt(st.servers);
}
