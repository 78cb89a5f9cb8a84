/**
 * Validation cases for the stage kinds beyond first-come-first-served servers: daily slots,
 * priority classes, patience, tests, missed returns and time-varying arrivals. Each has an
 * exact reference computed here or in src/analysis (whose formulas are checked by hand values in
 * test/analysis), never taken from the simulator's output.
 * @module
 */
import { cobhamMmc } from '../../src/analysis/cobham.js';
import { erlangA } from '../../src/analysis/erlang-a.js';
import { dailySlotsQueue } from '../../src/analysis/slots-chain.js';
import type { RunResult } from '../../src/pathway/result.js';
import type { Observer, RunPlan, ValidationCase } from './cases.js';
import { exp, lqOf, perDay, scenario, waitOf } from './case-kit.js';


/** Mean time from pathway start to finishing `stage`, by class, for patients finishing after `from`. */
function sojournByClass(stage: string, from: number): () => Observer {
  return () => {
    const sum = new Map<string, number>();
    const count = new Map<string, number>();
    return {
      hooks: {
        route(ctx) {
          if (ctx.stage === stage && ctx.now >= from) {
            const k = ctx.patient.class;
            sum.set(k, (sum.get(k) ?? 0) + (ctx.now - ctx.patient.pathwayStart));
            count.set(k, (count.get(k) ?? 0) + 1);
          }
          return undefined;
        },
      },
      read: () => Object.fromEntries([...sum].map(([k, v]) => [k, v / count.get(k)!])),
    };
  };
}

/** Arrivals (pathway starts) in [a, b) counted when they finish `stage`. */
function arrivalsBetween(stage: string, windows: [number, number][]): () => Observer {
  return () => {
    const counts = windows.map(() => 0);
    return {
      hooks: {
        route(ctx) {
          if (ctx.stage === stage) {
            const t = ctx.patient.pathwayStart;
            windows.forEach(([a, b], i) => {
              if (t >= a && t < b) counts[i]!++;
            });
          }
          return undefined;
        },
      },
      read: () => Object.fromEntries(windows.map(([a, b], i) => [`${a}-${b}`, counts[i]!])),
    };
  };
}

/** Daily slots with Poisson arrivals (every day alike, or a weekday pattern). */
function slotsCase(id: string, lambda: number, capacity: Record<string, unknown>, perWeekday: number[], quick: RunPlan, full: RunPlan): ValidationCase {
  const q = dailySlotsQueue(lambda, perWeekday);
  const slotsPerDay = perWeekday.reduce((a, b) => a + b, 0) / perWeekday.length;
  return {
    id,
    kind: 'slots',
    title: `Daily slots: ${lambda}/day for ${perWeekday.length === 1 ? `${perWeekday[0]} slots every day` : `slots ${perWeekday.join(', ')} (Mon–Sun)`}`,
    source: "Markov chain of the list at each day's release, X′ = max(X + A − s, 0), A ~ Poisson(λ); mean list from its stationary law, wait by Little's law",
    scenario: (plan) =>
      scenario(plan, id, {
        startDate: '2026-01-05',
        arrivals: { referrals: { to: 'clinic', rate: { perDay: lambda } } },
        stages: { clinic: { capacity, service: { dist: 'fixed', value: 0.1 } } },
      }),
    metrics: [
      { label: 'clinic: mean number waiting', theory: q.Lq, extract: lqOf('clinic') },
      { label: 'clinic: mean wait (days)', theory: q.Wq, extract: waitOf('clinic') },
      { label: 'clinic: share of slots used', theory: lambda / slotsPerDay, extract: (r) => r.stages.clinic!.utilisation },
    ],
    quick,
    full,
  };
}

const MONTHS = [1.2, 1.1, 1.0, 0.9, 0.9, 0.8, 0.7, 0.8, 1.0, 1.1, 1.2, 1.3];

/**
 * ∫ rate over [a, b) for a base rate that steps at integer days (`baseAt`), compounding growth
 * `g` a year and a monthly multiplier by calendar month from `startDate` — all constant within a
 * day except growth, which integrates in closed form: ∫ e^{kt} dt = (e^{k·(d+1)} − e^{k·d})/k.
 */
function expectedArrivals(a: number, b: number, baseAt: (day: number) => number, g: number, startDate: string): number {
  const k = Math.log1p(g) / 365;
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  const day0 = Date.UTC(y, m - 1, d);
  let total = 0;
  for (let day = a; day < b; day++) {
    const month = new Date(day0 + day * 86_400_000).getUTCMonth();
    const growth = k === 0 ? 1 : (Math.exp(k * (day + 1)) - Math.exp(k * day)) / k;
    total += baseAt(day) * MONTHS[month]! * growth;
  }
  return total;
}

export const KIND_CASES: ValidationCase[] = [
  slotsCase('slots-daily', 4, { slots: 5, per: 'day' }, [5], { replications: 40, warmup: 100, horizon: 4_000 }, { replications: 100, warmup: 100, horizon: 20_000 }),
  slotsCase(
    'slots-weekdays',
    1,
    { slots: 12, per: 'week', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    [3, 3, 2, 2, 2, 0, 0],
    { replications: 40, warmup: 70, horizon: 7_000 },
    { replications: 100, warmup: 70, horizon: 35_000 },
  ),
  // Two classes at one exponential server, urgent first (non-preemptive): Cobham's formula.
  (() => {
    const rates = { urgent: 0.3, routine: 0.4 };
    const cob = cobhamMmc([{ rate: rates.urgent, level: 1 }, { rate: rates.routine, level: 2 }], 1, 1);
    const warmup = 500;
    return {
      id: 'priority',
      kind: 'priority',
      title: 'Priority M/M/1, two classes: urgent 0.3/day before routine 0.4/day (ρ 0.7)',
      source: "Cobham (non-preemptive): W_k = W₀/((1 − σ_{k−1})(1 − σ_k)), W₀ = ρ/μ; the class mean from the route hook's sojourn minus the mean service (1 day)",
      scenario: (plan: RunPlan) =>
        scenario(plan, 'priority', {
          classes: { urgent: { priority: 1 }, routine: { priority: 2 } },
          arrivals: {
            u: { to: 'clinic', rate: { perDay: rates.urgent }, class: 'urgent' },
            r: { to: 'clinic', rate: { perDay: rates.routine }, class: 'routine' },
          },
          stages: { clinic: { capacity: 1, service: exp(1), queue: 'priority' } },
        }),
      observe: sojournByClass('clinic', warmup),
      metrics: [
        { label: 'urgent: mean wait (days)', theory: cob.byClass[0]!, extract: (_r: RunResult, o: Record<string, number>) => o.urgent! - 1 },
        { label: 'routine: mean wait (days)', theory: cob.byClass[1]!, extract: (_r: RunResult, o: Record<string, number>) => o.routine! - 1 },
        { label: 'clinic: mean wait, all classes (days)', theory: cob.mean, extract: waitOf('clinic') },
      ],
      quick: { replications: 40, warmup, horizon: 12_000 },
      full: { replications: 100, warmup, horizon: 60_000 },
    } satisfies ValidationCase;
  })(),
  // Patience: overloaded without it (1.2/day for 1/day), stable because patients leave.
  (() => {
    const ea = erlangA(1.2, 1, 1, 1 / 5);
    return {
      id: 'patience',
      kind: 'patience',
      title: 'M/M/1+M (Erlang-A): 1.2/day for 1/day, exponential patience of mean 5 days',
      source: 'Erlang-A birth–death chain (deaths min(n, c)μ + (n − c)⁺θ), truncated where the tail is below 1e-17',
      scenario: (plan: RunPlan) =>
        scenario(plan, 'patience', {
          arrivals: { referrals: { to: 'clinic', rate: { perDay: 1.2 } } },
          stages: { clinic: { capacity: 1, service: exp(1), patience: exp(5) } },
        }),
      metrics: [
        { label: 'clinic: mean wait of those served (days)', theory: ea.waitServed, extract: waitOf('clinic') },
        { label: 'clinic: share who abandon', theory: ea.abandonShare, extract: (r: RunResult) => r.stages.clinic!.abandoned / r.stages.clinic!.entered },
        { label: 'clinic: mean number waiting', theory: ea.Lq, extract: lqOf('clinic') },
      ],
      quick: { replications: 40, warmup: 100, horizon: 3_000 },
      full: { replications: 100, warmup: 100, horizon: 15_000 },
    } satisfies ValidationCase;
  })(),
  // A test: positives are Binomial(n, q) with q = prevalence × sensitivity + (1 − prevalence) ×
  // (1 − specificity); half the false negatives come back after an exponential delay.
  (() => {
    const lambda = 10;
    const prevalence = 0.2;
    const se = 0.8;
    const sp = 0.9;
    const q = prevalence * se + (1 - prevalence) * (1 - sp);
    const returns = lambda * prevalence * (1 - se) * 0.5;
    const body = {
      arrivals: { referrals: { to: 'xray', rate: { perDay: lambda }, conditions: { cancer: prevalence } } },
      stages: {
        xray: {
          capacity: 'unlimited',
          service: { dist: 'fixed', value: 0.1 },
          test: { detects: 'cancer', sensitivity: se, specificity: sp, missed: { share: 0.5, after: exp(20), to: 'recall' } },
          next: [{ if: 'positive', to: 'ct' }, { to: 'exit' }],
        },
        ct: { capacity: 'unlimited', service: { dist: 'fixed', value: 0.1 } },
        recall: { capacity: 'unlimited', service: { dist: 'fixed', value: 0.1 } },
      },
    };
    return [
      {
        id: 'tests',
        kind: 'tests',
        title: `Test routing: prevalence ${prevalence}, sensitivity ${se}, specificity ${sp} (${lambda}/day)`,
        source: 'binomial: share positive q = p·se + (1 − p)(1 − sp) = 0.24; positives per day λq',
        scenario: (plan: RunPlan) => scenario(plan, 'tests', body),
        metrics: [
          { label: 'xray: share testing positive', theory: q, extract: (r: RunResult) => r.stages.ct!.entered / r.stages.xray!.completed },
          { label: 'ct: arrivals per day', theory: lambda * q, extract: perDay('ct') },
        ],
        quick: { replications: 40, warmup: 10, horizon: 200 },
        full: { replications: 100, warmup: 10, horizon: 1_000 },
      },
      {
        id: 'missed-returns',
        kind: 'missed-returns',
        title: 'Missed returns: half the false negatives come back after exponential(20 days)',
        source: 'flow balance: returns per day = λ · p · (1 − se) · share = 10 · 0.2 · 0.2 · 0.5 = 0.2',
        scenario: (plan: RunPlan) => scenario(plan, 'missed-returns', body),
        metrics: [{ label: 'recall: arrivals per day', theory: returns, extract: perDay('recall') }],
        quick: { replications: 40, warmup: 300, horizon: 1_000 },
        full: { replications: 100, warmup: 300, horizon: 5_000 },
      },
    ] satisfies ValidationCase[];
  })(),
  // Arrivals with a step change at day 100, 50% growth a year and monthly seasonality.
  (() => {
    const startDate = '2026-01-01';
    const base = (day: number) => (day < 100 ? 10 : 20);
    const g = 0.5;
    return {
      id: 'time-varying',
      kind: 'time-varying',
      title: 'Time-varying arrivals: 10/day then 20/day from day 100, growth 50% a year, monthly seasonality',
      source: 'integrated rate = expected count: Σ over days of base × month multiplier × ∫ (1 + g)^(t/365) dt',
      scenario: (plan: RunPlan) =>
        scenario(plan, 'time-varying', {
          startDate,
          arrivals: {
            referrals: { to: 'clinic', rate: { perDay: 10 }, changes: [{ at: 100, rate: { perDay: 20 } }], growth: { perYear: g }, seasonality: MONTHS },
          },
          stages: { clinic: { capacity: 'unlimited', service: { dist: 'fixed', value: 0.5 } } },
        }),
      observe: arrivalsBetween('clinic', [
        [0, 100],
        [100, 360],
      ]),
      metrics: [
        { label: 'arrivals in the run (days 0–365)', theory: expectedArrivals(0, 365, base, g, startDate), extract: (r: RunResult) => r.patients.arrived },
        { label: 'arrivals in days 0–100', theory: expectedArrivals(0, 100, base, g, startDate), extract: (_r: RunResult, o: Record<string, number>) => o['0-100']! },
        { label: 'arrivals in days 100–360', theory: expectedArrivals(100, 360, base, g, startDate), extract: (_r: RunResult, o: Record<string, number>) => o['100-360']! },
      ],
      quick: { replications: 40, warmup: 0, horizon: 365 },
      full: { replications: 100, warmup: 0, horizon: 365 },
    } satisfies ValidationCase;
  })(),
].flat();
