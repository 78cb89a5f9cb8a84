/**
 * The validation cases: parameter sets where queueing theory gives the exact answer, the
 * scenario that simulates each (plain objects), and how to compare them. Shared by the test
 * suite (test/validation/*.test.ts) and the report script (scripts/validation-report.ts).
 *
 * Theory comes from the closed-form formulas of src/analysis/queueing.ts (checked against
 * textbook values in test/analysis/queueing.test.ts); arrival rates of networks are solved by
 * hand here, not by `analyse`, so the simulator and the analysis cannot share a mistake.
 * @module
 */
import { kingmanWait, mmcWait } from '../../src/analysis/queueing.js';
import type { SimulationHooks } from '../../src/pathway/engine.js';
import type { RunResult } from '../../src/pathway/result.js';
import { parseScenario, type Scenario } from '../../src/pathway/scenario.js';
import { KIND_CASES } from './cases-kinds.js';
import { exp, lqOf, scenario, seedOf, utilOf, waitOf } from './case-kit.js';

/** One compared quantity. */
export interface Metric {
  /** E.g. `clinic: mean wait (days)`. */
  label: string;
  theory: number;
  /**
   * The per-replication value whose mean over replications estimates `theory`; `observed` holds
   * what the case's {@link ValidationCase.observe} hooks measured in that replication.
   */
  extract: (r: RunResult, observed: Record<string, number>) => number;
}

/** Hooks that watch one replication (e.g. waits by class), and what they measured. */
export interface Observer {
  hooks: SimulationHooks;
  read(): Record<string, number>;
}

/** Run length: replications × (warm-up + horizon days). */
export interface RunPlan {
  replications: number;
  warmup: number;
  horizon: number;
}

export interface ValidationCase {
  id: string;
  /** What the case is, e.g. `M/M/1, ρ = 0.9`. */
  title: string;
  /** Where the theory comes from. */
  source: string;
  /** Builds the scenario for a run plan. */
  scenario: (plan: RunPlan) => Scenario;
  metrics: Metric[];
  /** Run length in `npm test` (quick) and in `npm run validate` (full). */
  quick: RunPlan;
  full: RunPlan;
  /** Stage kind the case validates (the docs list a case for every kind). */
  kind?: 'servers' | 'network' | 'slots' | 'priority' | 'patience' | 'tests' | 'missed-returns' | 'time-varying';
  /** For M/M/c cases: the parameters the referee's noise prediction uses (λ, μ, c). */
  referee?: { lambda: number; mu: number; servers: number };
  /** A fresh observer per replication, for quantities a RunResult does not hold. */
  observe?: () => Observer;
}

export { seedOf } from './case-kit.js';

/** An M/M/c clinic: Poisson arrivals λ/day, c servers of mean service 1/μ days. */
function mmc(
  id: string,
  lambda: number,
  mu: number,
  c: number,
  quick: RunPlan,
  full: RunPlan,
): ValidationCase {
  const m = mmcWait(lambda, mu, c);
  const rho = lambda / (c * mu);
  return {
    id,
    title: `M/M/${c}, ρ = ${Number(rho.toFixed(3))} (λ = ${lambda}/day, mean service ${Number((1 / mu).toFixed(4))} d)`,
    source: c === 1 ? 'M/M/1: Wq = ρ/(μ − λ)' : 'Erlang C',
    scenario: (plan) =>
      scenario(plan, id, {
        arrivals: { referrals: { to: 'clinic', rate: { perDay: lambda } } },
        stages: { clinic: { capacity: { servers: c }, service: exp(1 / mu) } },
      }),
    metrics: [
      { label: 'clinic: mean wait (days)', theory: m.Wq, extract: waitOf('clinic') },
      { label: 'clinic: mean number waiting', theory: m.Lq, extract: lqOf('clinic') },
      { label: 'clinic: utilisation', theory: rho, extract: utilOf('clinic') },
    ],
    quick,
    full,
    kind: 'servers',
    referee: { lambda, mu, servers: c },
  };
}

/** Linear least-squares slope of y on x. */
export function slope(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

export const CASES: ValidationCase[] = [
  mmc('mm1-low', 0.3, 1, 1, { replications: 40, warmup: 200, horizon: 20_000 }, { replications: 100, warmup: 200, horizon: 50_000 }),
  mmc('mm1-high', 0.9, 1, 1, { replications: 40, warmup: 2_000, horizon: 30_000 }, { replications: 100, warmup: 2_000, horizon: 100_000 }),
  mmc('mm2', 1.2, 1, 2, { replications: 40, warmup: 500, horizon: 15_000 }, { replications: 100, warmup: 500, horizon: 50_000 }),
  mmc('mm5', 4, 1, 5, { replications: 40, warmup: 500, horizon: 8_000 }, { replications: 100, warmup: 500, horizon: 30_000 }),
  mmc('mm10', 9.5, 1, 10, { replications: 40, warmup: 1_000, horizon: 8_000 }, { replications: 100, warmup: 1_000, horizon: 30_000 }),
  // M/D/1: Kingman with Poisson arrivals is the exact Pollaczek–Khinchine formula.
  (() => {
    const lambda = 0.8;
    const k = kingmanWait(lambda, 1, 1, 0);
    const quick = { replications: 40, warmup: 500, horizon: 10_000 };
    return {
      id: 'md1',
      kind: 'servers',
      title: 'M/D/1, ρ = 0.8 (fixed service of 1 day)',
      source: 'Pollaczek–Khinchine: Wq = ρ/(2μ(1 − ρ))',
      scenario: (plan: RunPlan) =>
        scenario(plan, 'md1', {
          arrivals: { referrals: { to: 'clinic', rate: { perDay: lambda } } },
          stages: { clinic: { capacity: 1, service: { dist: 'fixed', value: 1 } } },
        }),
      metrics: [
        { label: 'clinic: mean wait (days)', theory: k.Wq, extract: waitOf('clinic') },
        { label: 'clinic: mean number waiting', theory: k.Lq, extract: lqOf('clinic') },
      ],
      quick,
      full: { replications: 100, warmup: 500, horizon: 40_000 },
    } satisfies ValidationCase;
  })(),
  // Tandem (tandem.yaml): M/M/3 then, for 60%, M/M/2 — a feed-forward Jackson network.
  (() => {
    const d = mmcWait(10, 4, 3);
    const t = mmcWait(6, 1 / 0.3, 2);
    return {
      id: 'tandem',
      kind: 'network',
      title: 'Tandem Jackson network: M/M/3 (ρ 0.83) → 60% → M/M/2 (ρ 0.9)',
      source: 'Jackson: each stage is M/M/c at its traffic-equation rate',
      scenario: (plan: RunPlan) =>
        scenario(plan, 'tandem', {
          arrivals: { referrals: { to: 'diagnosis', rate: { perDay: 10 } } },
          stages: {
            diagnosis: {
              capacity: { servers: 3 },
              service: exp(0.25),
              next: [{ to: 'treatment', p: 0.6 }, { to: 'exit' }],
            },
            treatment: { capacity: { servers: 2 }, service: exp(0.3) },
          },
        }),
      metrics: [
        { label: 'diagnosis: mean wait (days)', theory: d.Wq, extract: waitOf('diagnosis') },
        { label: 'treatment: mean wait (days)', theory: t.Wq, extract: waitOf('treatment') },
        { label: 'treatment: arrivals per day', theory: 6, extract: (r) => r.stages.treatment!.entered / r.horizon },
      ],
      quick: { replications: 40, warmup: 500, horizon: 5_000 },
      full: { replications: 100, warmup: 1_000, horizon: 20_000 },
    } satisfies ValidationCase;
  })(),
  // Feedback Jackson network: A (2 servers) sends 30% back to itself and 70% on to B (1 server);
  // B sends 20% back to A. Traffic equations: λA = 1 + 0.3 λA + 0.2 λB, λB = 0.7 λA
  // ⇒ λA = 1 / (1 − 0.3 − 0.14) = 1/0.56, λB = 0.7/0.56.
  (() => {
    const lamA = 1 / 0.56;
    const lamB = 0.7 / 0.56;
    const a = mmcWait(lamA, 1 / 0.9, 2); // ρA = 0.804
    const b = mmcWait(lamB, 1 / 0.6, 1); // ρB = 0.75
    return {
      id: 'feedback',
      kind: 'network',
      title: 'Feedback Jackson network: A (M/M/2, 30% back to A) → B (M/M/1, 20% back to A)',
      source: 'Jackson: traffic equations λA = 1/0.56, λB = 0.7/0.56, then M/M/c',
      scenario: (plan: RunPlan) =>
        scenario(plan, 'feedback', {
          arrivals: { referrals: { to: 'A', rate: { perDay: 1 } } },
          stages: {
            A: { capacity: 2, service: exp(0.9), next: [{ to: 'A', p: 0.3 }, { to: 'B' }] },
            B: { capacity: 1, service: exp(0.6), next: [{ to: 'A', p: 0.2 }, { to: 'exit' }] },
          },
        }),
      metrics: [
        { label: 'A: mean wait (days)', theory: a.Wq, extract: waitOf('A') },
        { label: 'B: mean wait (days)', theory: b.Wq, extract: waitOf('B') },
        { label: 'A: arrivals per day', theory: lamA, extract: (r) => r.stages.A!.entered / r.horizon },
      ],
      quick: { replications: 40, warmup: 500, horizon: 8_000 },
      full: { replications: 100, warmup: 1_000, horizon: 30_000 },
    } satisfies ValidationCase;
  })(),
  // Overloaded M/M/1 (λ 1.5, μ 1) from empty, no warm-up: the number in system is a random
  // walk with drift λ − μ; its expected idle time is 1/(λ − μ) (λ/(λ−μ) visits to 0, each
  // 1/λ long), so E[in system at T] = (λ − μ)T + μ/(λ − μ), and the queue holds one fewer
  // (the server is busy).
  (() => {
    const lambda = 1.5;
    const mu = 1;
    return {
      id: 'overload',
      kind: 'servers',
      title: 'Overloaded M/M/1: λ = 1.5/day, μ = 1/day, from empty',
      source: 'random walk with drift λ − μ: E[Q(T)] = (λ − μ)T + μ/(λ − μ) − 1',
      scenario: (plan: RunPlan) =>
        parseScenario({
          version: 1,
          name: 'overload',
          warmup: 0,
          horizon: plan.horizon,
          seed: seedOf('overload'),
          sampleEvery: plan.horizon / 20,
          arrivals: { referrals: { to: 'clinic', rate: { perDay: lambda } } },
          stages: { clinic: { capacity: 1, service: exp(1 / mu) } },
        }),
      metrics: [
        {
          label: 'clinic: waiting at the end',
          theory: NaN, // depends on the horizon: set by theoryFor
          extract: (r) => r.stages.clinic!.waitingAtEnd,
        },
        {
          label: 'clinic: growth of the list per day (slope of the series)',
          theory: lambda - mu,
          extract: (r) => {
            const s = r.series;
            const half = Math.floor(s.day.length / 2);
            return slope(s.day.slice(half), s.byStage.clinic!.slice(half));
          },
        },
      ],
      quick: { replications: 40, warmup: 0, horizon: 2_000 },
      full: { replications: 100, warmup: 0, horizon: 5_000 },
    } satisfies ValidationCase;
  })(),
  ...KIND_CASES,
];

/** A metric's theoretical value for a run plan (the overloaded list depends on the horizon). */
export function theoryFor(c: ValidationCase, metric: Metric, plan: RunPlan): number {
  if (c.id === 'overload' && metric.label === 'clinic: waiting at the end') {
    return 0.5 * plan.horizon + 1 / 0.5 - 1;
  }
  return metric.theory;
}
