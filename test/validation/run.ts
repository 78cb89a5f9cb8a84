/**
 * Runs a validation case over independent replications and summarises each metric: the mean
 * over replications, its standard error, a 95% confidence interval and the relative error.
 * @module
 */
import { simulate } from '../../src/pathway/simulate.js';
import { theoryFor, type RunPlan, type ValidationCase } from './cases.js';

export interface MetricOutcome {
  label: string;
  theory: number;
  mean: number;
  /** Standard error of the mean over replications (sd / √n). */
  se: number;
  ci95: [number, number];
  /** (mean − theory) / theory. */
  relativeError: number;
  /** |mean − theory| / se. */
  zScore: number;
  replications: number;
}

export interface CaseOutcome {
  id: string;
  title: string;
  source: string;
  plan: RunPlan;
  metrics: MetricOutcome[];
  seconds: number;
}

/** Two-sided 97.5% quantile of Student's t with `df` degrees of freedom (df ≥ 1). */
export function tQuantile975(df: number): number {
  const table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];
  if (df <= 30) return table[Math.max(1, Math.round(df)) - 1]!;
  if (df <= 40) return 2.021;
  if (df <= 60) return 2.0;
  if (df <= 120) return 1.98;
  return 1.96;
}

export function runCase(c: ValidationCase, plan: RunPlan): CaseOutcome {
  const started = performance.now();
  const scenario = c.scenario(plan);
  const values: number[][] = c.metrics.map(() => []);
  for (let r = 0; r < plan.replications; r++) {
    const observer = c.observe?.();
    const result = simulate(scenario, { replication: r, ...(observer ? { hooks: observer.hooks } : {}) });
    const observed = observer?.read() ?? {};
    c.metrics.forEach((m, i) => values[i]!.push(m.extract(result, observed)));
  }
  const metrics = c.metrics.map((m, i) => {
    const xs = values[i]!;
    const n = xs.length;
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
    const se = sd / Math.sqrt(n);
    const half = tQuantile975(n - 1) * se;
    const theory = theoryFor(c, m, plan);
    return {
      label: m.label,
      theory,
      mean,
      se,
      ci95: [mean - half, mean + half] as [number, number],
      relativeError: (mean - theory) / theory,
      zScore: Math.abs(mean - theory) / se,
      replications: n,
    };
  });
  return { id: c.id, title: c.title, source: c.source, plan, metrics, seconds: (performance.now() - started) / 1000 };
}
