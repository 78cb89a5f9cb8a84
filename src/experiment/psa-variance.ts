/**
 * Which dominates, parameter uncertainty or simulation noise? With parameters drawn once per
 * replication, each replication's output mixes both. A linear regression metamodel (Jalal et
 * al. 2013, "Linear regression metamodeling as a tool to summarize and present simulation model
 * results") splits the variance: the share explained by the drawn parameters (adjusted R²) is
 * parameter uncertainty; the residual is simulation noise plus whatever a straight line in the
 * parameters cannot capture (so the parameter share is, if anything, an underestimate).
 * @module
 */

/** How the variance of one output over replications splits. */
export interface VarianceSplit {
  /** Variance of the output over replications (n − 1 denominator). */
  variance: number;
  /** Share of it explained by the drawn parameters (adjusted R², clamped to [0, 1]). */
  parameterShare: number;
  /** 1 − parameterShare: simulation noise (and non-linear effects of the parameters). */
  noiseShare: number;
  /** Parameters that varied over the replications (the regressors). */
  parameters: number;
  /** Replications used. */
  n: number;
  /** What dominates: `parameters` when parameterShare > 0.5, `noise` otherwise. */
  dominant: 'parameters' | 'noise';
}

/**
 * Splits the variance of `y` over replications into the part explained by a linear regression
 * on the parameter draws `x` (one record per replication, parameter path → value) and the rest.
 * Parameters constant over the replications, or duplicating another column, are dropped.
 * Undefined when there are no varying parameters or too few replications (n ≤ parameters + 2).
 * @example
 * ```ts
 * import { varianceSplit } from 'carepath/analysis';
 * const x = [1, 2, 3, 4, 5, 6].map((v) => ({ 'costs.ai': v }));
 * varianceSplit([2, 4, 6, 8, 10, 12], x)?.parameterShare; // 1: the output is the parameter, doubled
 * ```
 */
export function varianceSplit(y: readonly number[], x: readonly Record<string, number>[]): VarianceSplit | undefined {
  const n = y.length;
  const columns = designColumns(x.slice(0, n));
  const p = columns.length;
  if (p === 0 || n <= p + 2) return undefined;
  const my = y.reduce((s, v) => s + v, 0) / n;
  const yc = y.map((v) => v - my);
  const sst = yc.reduce((s, v) => s + v * v, 0);
  const variance = sst / (n - 1);
  if (!(sst > 0)) return { variance: 0, parameterShare: 0, noiseShare: 1, parameters: p, n, dominant: 'noise' };
  // Normal equations on centred columns: (XᵀX)b = Xᵀy.
  const xtx = columns.map((a) => columns.map((b) => dot(a, b)));
  const xty = columns.map((a) => dot(a, yc));
  const beta = solve(xtx, xty);
  if (!beta) return undefined;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let k = 0; k < p; k++) fit += beta[k]! * columns[k]![i]!;
    sse += (yc[i]! - fit) ** 2;
  }
  const adjusted = 1 - (sse / (n - p - 1)) / (sst / (n - 1));
  const parameterShare = Math.min(1, Math.max(0, adjusted));
  return { variance, parameterShare, noiseShare: 1 - parameterShare, parameters: p, n, dominant: parameterShare > 0.5 ? 'parameters' : 'noise' };
}

/** Centred columns of the parameters that vary, without duplicates. */
function designColumns(x: readonly Record<string, number>[]): number[][] {
  const keys = [...new Set(x.flatMap((r) => Object.keys(r)))].sort();
  const out: number[][] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    const col = x.map((r) => r[key] ?? NaN);
    if (col.some((v) => !Number.isFinite(v))) continue;
    const m = col.reduce((s, v) => s + v, 0) / col.length;
    const centred = col.map((v) => v - m);
    if (!centred.some((v) => Math.abs(v) > 1e-12 * Math.max(1, Math.abs(m)))) continue;
    const sig = centred.join(',');
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push(centred);
  }
  return out;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Gaussian elimination with partial pivoting; undefined for a singular system. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    const scale = Math.max(...m.map((row) => Math.abs(row[c]!)));
    if (!(Math.abs(m[piv]![c]!) > 1e-12 * scale)) return undefined;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}
