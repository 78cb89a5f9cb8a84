/**
 * A hand-made experiment with plausible numbers (not produced by the simulator), so the report
 * can be tested on its own. Three variants of a four-stage pathway: in `base` the scan stage
 * cannot keep up; `more-scans` clears it and moves the queue to treatment; `more-scans-and-treat`
 * relieves both. Summaries are computed here independently of the report's own code.
 */
import type { Analysis, StageAnalysis } from '../../src/analysis/types.js';
import type { ExperimentResult, MetricSummary, SeriesBand, VariantResult } from '../../src/experiment/types.js';
import { mergeManifests, resultManifest } from '../../src/pathway/manifest.js';
import type { RunResult, StageResult } from '../../src/pathway/result.js';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { parseScenario } from '../../src/pathway/scenario.js';

/** What the fixture's numbers mean, from the fixture scenario (meaning only: the numbers are made up). */
function manifestOf(variant: string) {
  return resultManifest(resolveScenario(parseScenario(fixtureScenario() as never), variant));
}

export const STAGES = ['triage', 'scan', 'review', 'treat'] as const;
export const TARGETS = { 'diagnosis-28d': 0.8, 'treatment-62d': 0.85 } as const;
export const VARIANTS = ['base', 'more-scans', 'more-scans-and-treat'] as const;
export const REPLICATIONS = 5;
const WEEKS = 52;

/** Mean stage list at the end and the pathway's target shares per variant (the "truth" of the fixture). */
export const TRUTH = {
  base: { lists: { triage: 4, scan: 1200, review: 0, treat: 20 }, shares: { 'diagnosis-28d': 0.45, 'treatment-62d': 0.7 } },
  'more-scans': { lists: { triage: 4, scan: 50, review: 0, treat: 400 }, shares: { 'diagnosis-28d': 0.88, 'treatment-62d': 0.55 } },
  'more-scans-and-treat': { lists: { triage: 4, scan: 50, review: 0, treat: 25 }, shares: { 'diagnosis-28d': 0.88, 'treatment-62d': 0.9 } },
} as const;

const START = { triage: 3, scan: 200, review: 0, treat: 20 } as const;

/** Small deterministic noise generator (LCG), so the fixture is the same every time. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function stageResult(waitingAtEnd: number, waitMean: number, utilisation: number): StageResult {
  return {
    entered: 5000,
    started: 4900,
    completed: 4890,
    abandoned: 0,
    waitingAtEnd,
    wait: { mean: waitMean, median: waitMean * 0.8, p92: waitMean * 2.1, max: waitMean * 4, n: 4900 },
    utilisation,
    overtime: 0,
    meanQueueLength: waitingAtEnd / 2,
    throughputPerDay: 13.4,
  };
}

function run(variant: (typeof VARIANTS)[number], replication: number): RunResult {
  const rnd = noise(1000 * VARIANTS.indexOf(variant) + replication + 1);
  const common = noise(replication + 77); // shared across variants: paired runs move together
  const truth = TRUTH[variant];
  const stages: Record<string, StageResult> = {};
  const byStage: Record<string, number[]> = {};
  const day = Array.from({ length: WEEKS + 1 }, (_, i) => i * 7);
  for (const s of STAGES) {
    const end = Math.max(0, Math.round(truth.lists[s] * (1 + 0.04 * common() + 0.02 * rnd())));
    const util = s === 'review' ? 0 : Math.min(0.999, s === 'scan' && variant === 'base' ? 0.999 : 0.7 + 0.25 * (truth.lists[s] / 1200) + 0.01 * rnd());
    stages[s] = stageResult(end, s === 'review' ? 0 : 2 + truth.lists[s] / 15 + rnd(), util);
    byStage[s] = day.map((d) => Math.max(0, Math.round(START[s] + ((end - START[s]) * d) / (WEEKS * 7) + 5 * rnd())));
  }
  const waiting = day.map((_, i) => STAGES.reduce((sum, s) => sum + byStage[s]![i]!, 0));
  const targets: RunResult['targets'] = {};
  for (const [t, goal] of Object.entries(TARGETS)) {
    const share = truth.shares[t as keyof typeof truth.shares] + 0.01 * common() + 0.005 * rnd();
    const counted = 4000;
    const met = Math.round(share * counted);
    targets[t] = { met, breached: counted - met, share: met / counted, goal, breachedStillWaiting: 12, counted };
  }
  const waitingTotal = STAGES.reduce((sum, s) => sum + stages[s]!.waitingAtEnd, 0);
  return {
    scenario: 'Fixture pathway',
    variant,
    seed: 42,
    replication,
    warmup: 0,
    horizon: WEEKS * 7,
    end: WEEKS * 7,
    patients: { arrived: 26000, initial: 223, exited: 25000, abandoned: 0, inSystem: 1223, waiting: waitingTotal, inService: 10, away: 3 },
    stages,
    timeInSystem: { mean: 30 + rnd(), median: 25, p92: 60, max: 200, n: 25000 },
    targets,
    conditions: {},
    breakdown: { stages: {}, targets: {} },
    series: { day, waiting, byStage },
    events: 123456,
    warnings: variant === 'base' ? ['stage scan is over capacity: its list grows every week'] : [],
    manifest: manifestOf(variant),
  };
}

const T4 = 2.776; // t quantile, 4 degrees of freedom

function summary(values: number[]): MetricSummary {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (T4 * sd) / Math.sqrt(n);
  return { mean, sd, ci95: [mean - half, mean + half], min: Math.min(...values), max: Math.max(...values), n };
}

function leaves(obj: unknown, prefix: string, out: Map<string, number>): void {
  if (typeof obj === 'number') out.set(prefix, obj);
  else if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  }
}

function metricsOf(runs: RunResult[]): Record<string, MetricSummary> {
  const per = new Map<string, number[]>();
  for (const r of runs) {
    const m = new Map<string, number>();
    for (const key of ['patients', 'stages', 'timeInSystem', 'targets', 'events'] as const) leaves(r[key], key, m);
    for (const [k, v] of m) per.set(k, [...(per.get(k) ?? []), v]);
  }
  return Object.fromEntries([...per].map(([k, vs]) => [k, summary(vs)]));
}

function band(series: number[][]): SeriesBand {
  const len = series[0]!.length;
  const out: SeriesBand = { day: [], p5: [], median: [], p95: [], mean: [] };
  for (let i = 0; i < len; i++) {
    const xs = series.map((s) => s[i]!).sort((a, b) => a - b);
    out.day.push(i * 7);
    out.p5.push(xs[0]!);
    out.median.push(xs[Math.floor(xs.length / 2)]!);
    out.p95.push(xs[xs.length - 1]!);
    out.mean.push(xs.reduce((a, b) => a + b, 0) / xs.length);
  }
  return out;
}

/** The fixture experiment result. */
export function fixtureExperiment(): ExperimentResult {
  const variants: Record<string, VariantResult> = {};
  for (const v of VARIANTS) {
    const runs = Array.from({ length: REPLICATIONS }, (_, i) => run(v, i));
    variants[v] = {
      metrics: metricsOf(runs),
      series: {
        waiting: band(runs.map((r) => r.series.waiting)),
        byStage: Object.fromEntries(STAGES.map((s) => [s, band(runs.map((r) => r.series.byStage[s]!))])),
      },
      replications: runs,
    };
  }
  const comparisons: ExperimentResult['comparisons'] = {};
  for (const v of VARIANTS.slice(1)) {
    const base = metricsOf(variants.base!.replications);
    comparisons[v] = {};
    for (const key of Object.keys(base)) {
      const diffs = variants[v]!.replications.map((r, i) => {
        const a = new Map<string, number>();
        const b = new Map<string, number>();
        for (const k of ['patients', 'stages', 'timeInSystem', 'targets', 'events'] as const) {
          leaves(r[k], k, a);
          leaves(variants.base!.replications[i]![k], k, b);
        }
        return a.get(key)! - b.get(key)!;
      });
      const s = summary(diffs);
      comparisons[v]![key] = { meanDiff: s.mean, sd: s.sd, ci95: s.ci95, n: s.n };
    }
  }
  return {
    meta: { startedAt: '2026-01-01T10:00:00.000Z', wallSeconds: 3.2, workers: 2, carepathVersion: '0.1.0', nodeVersion: 'v20.20.2' },
    scenario: 'Fixture pathway',
    scenarioDigest: 'fixture',
    seed: 42,
    replicationIndices: Array.from({ length: REPLICATIONS }, (_, i) => i),
    variantNames: [...VARIANTS],
    variants,
    comparisons,
    manifest: mergeManifests(VARIANTS.map(manifestOf))!,
  };
}

function stage(demandRate: number, capacityRate: number, servers: number | null = null, upstreamCap = Infinity): StageAnalysis {
  const arrivalRate = Math.min(demandRate, upstreamCap);
  const finite = Number.isFinite(capacityRate);
  const utilisation = finite ? arrivalRate / capacityRate : 0;
  const stable = utilisation < 1;
  return {
    arrivalRate,
    demandRate,
    capacityRate,
    throughputRate: Math.min(arrivalRate, capacityRate),
    offeredLoad: utilisation,
    utilisation,
    demandUtilisation: finite ? demandRate / capacityRate : 0,
    stable,
    growthPerWeek: stable ? 0 : (arrivalRate - capacityRate) * 7,
    initialWaiting: 0,
    weeksToClear: null,
    listSettlesAt: null,
    patienceMean: null,
    wait: { mean: stable && servers !== null ? 0.4 : null, method: servers !== null ? 'erlang-c' : 'none', exact: servers !== null, discipline: 'fifo' },
    servers,
    capacityKind: servers !== null ? 'servers' : finite ? 'slots' : 'unlimited',
    serviceMean: 0.15,
    serviceScv: 1,
    arrivalScv: 1,
  };
}

/** Analyses matching the fixture's story: scan is the bottleneck, then treat, then none. */
export function fixtureAnalyses(): Record<string, Analysis> {
  const a = (variant: string, scanCap: number, treatCap: number): Analysis => {
    const stages = {
      triage: stage(14, 20, 3),
      scan: stage(14, scanCap),
      review: stage(4, Infinity),
      treat: stage(14 * 0.3, treatCap, null, scanCap * 0.3),
    };
    const over = Object.entries(stages).filter(([, s]) => s.utilisation >= 1).sort((x, y) => y[1].utilisation - x[1].utilisation);
    const hidden = Object.entries(stages).filter(([, s]) => s.stable && s.demandUtilisation >= 1).map(([id]) => id);
    return {
      scenario: 'Fixture pathway',
      variant,
      day: 0,
      stages,
      bottleneck: over[0]?.[0] ?? null,
      hiddenBottlenecks: hidden,
      phases: [],
      notes: ['slots: no steady-state wait formula'],
    };
  };
  return { base: a('base', 11, 4), 'more-scans': a('more-scans', 16, 3.8), 'more-scans-and-treat': a('more-scans-and-treat', 16, 5) };
}

/** A scenario (plain data, like a parsed file) that goes with the fixture. */
export function fixtureScenario() {
  return {
    version: 1,
    name: 'Fixture pathway — scans and treatment',
    description: 'Triage, a scan, a review and treatment, with the scan short of capacity.',
    startDate: '2026-01-05',
    warmup: 0,
    horizon: '52w',
    seed: 42,
    sampleEvery: 7,
    arrivals: { referrals: { to: 'triage', rate: { perDay: 14 } } },
    stages: {
      triage: { capacity: 3, service: { dist: 'exponential', mean: 0.15 } },
      scan: { capacity: { slots: 77, per: 'week', days: ['mon', 'tue', 'wed', 'thu', 'fri'] }, next: [{ to: 'review' }] },
      review: { capacity: 'unlimited', service: 7, next: [{ to: 'treat', p: 0.3 }, { to: 'exit' }] },
      treat: { capacity: { slots: 35, per: 'week', days: ['mon', 'wed', 'fri'] } },
    },
    targets: {
      'diagnosis-28d': { description: 'Diagnosis within 28 days', until: ['review.end'], within: '28d', goal: 0.8 },
      'treatment-62d': { description: 'Treatment within 62 days', until: ['treat.start'], within: '62d', goal: 0.85 },
    },
    variants: {
      'more-scans': { description: 'More scan slots; treatment unchanged.', patch: { stages: { scan: { capacity: { slots: 112 } } } } },
      'more-scans-and-treat': {
        description: 'More scan slots and more treatment.',
        extends: 'more-scans',
        patch: { stages: { treat: { capacity: { slots: 35 } } } },
      },
    },
  };
}
