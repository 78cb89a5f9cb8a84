/**
 * A tiny stand-in for `simulate` with the same contract: deterministic in (scenario, seed,
 * replication, variant), and replication r of every variant shares its random numbers (CRN).
 * Each variant adds `effect[variant]` to the shared noise, plus a little noise of its own.
 */
import { ValidationError } from '../../src/core/errors.js';
import { resultManifest } from '../../src/pathway/manifest.js';
import type { Model } from '../../src/pathway/model.js';
import type { RunResult } from '../../src/pathway/result.js';

/** The manifest of the fake's results: two server stages and one 31-day target. */
const MANIFEST = resultManifest({
  startDate: '2026-01-05',
  sampleEvery: 7,
  classes: ['default'],
  conditions: [],
  stages: ['a', 'b'].map((id) => ({ id, capacity: [{ from: 0, kind: 'servers', servers: 1 }] })),
  targets: [{ id: 't31', goal: 0.96, within: 31, description: '' }],
} as unknown as Model);

export interface FakeScenario {
  name: string;
  seed?: number;
  variants?: Record<string, { patch: Record<string, unknown> }>;
  fake: {
    /** Variant → shift of the waiting list at the end. */
    effect?: Record<string, number>;
    /** Samples in the series. */
    days?: number;
    /** Throw a ValidationError for this replication (of any variant). */
    failAt?: number;
    /** Busy-wait this many ms per run (to make runs slow enough to kill mid-way). */
    spinMs?: number;
  };
}

function hash(...parts: (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export function simulate(scenario: FakeScenario, options: { seed?: number; replication?: number; variant?: string } = {}): RunResult {
  const seed = options.seed ?? scenario.seed ?? 1;
  const r = options.replication ?? 0;
  const variant = options.variant ?? 'base';
  const f = scenario.fake;
  if (f.failAt === r) throw new ValidationError([{ path: 'stages.x.capacity', message: `fake failure in replication ${r}` }]);
  if (f.spinMs) {
    const until = Date.now() + f.spinMs;
    while (Date.now() < until);
  }
  const shared = rng(hash(seed, r, 'shared'));
  const own = rng(hash(seed, r, 'own', variant));
  const effect = f.effect?.[variant] ?? 0;
  const level = 100 + 20 * normal(shared) + effect + 2 * normal(own);
  const days = f.days ?? 20;
  const day: number[] = [];
  const waiting: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < days; i++) {
    day.push(i * 7);
    const w = Math.max(0, Math.round(level * (1 - Math.exp(-i / 3)) + 5 * normal(shared)));
    waiting.push(w);
    a.push(Math.floor(w / 3));
    b.push(w - Math.floor(w / 3));
  }
  const atEnd = waiting[days - 1]!;
  const stage = (k: number) => ({
    entered: 1000 + k, started: 990 + k, completed: 980 + k, abandoned: 0, waitingAtEnd: k,
    wait: { mean: level / 10, median: level / 12, p92: level / 5, max: level, n: 990 },
    utilisation: Math.min(1, level / 130), overtime: 0, meanQueueLength: level / 2, throughputPerDay: 7 + k / 100,
  });
  const share = Math.min(1, Math.max(0, 0.9 - (level - 100) / 400));
  return {
    scenario: scenario.name,
    variant,
    seed,
    replication: r,
    warmup: 0,
    horizon: days * 7,
    end: days * 7,
    patients: { arrived: 2000, initial: 10, exited: 2010 - atEnd, abandoned: 0, inSystem: atEnd, waiting: atEnd, inService: 0, away: 0 },
    stages: { a: stage(Math.floor(atEnd / 3)), b: stage(atEnd - Math.floor(atEnd / 3)) },
    timeInSystem: { mean: level / 8, median: level / 9, p92: level / 4, max: level * 2, n: 1900 },
    targets: { t31: { met: Math.round(share * 500), breached: 500 - Math.round(share * 500), share, goal: 0.96, breachedStillWaiting: 3, counted: 500 } },
    conditions: {},
    breakdown: { stages: {}, targets: {} },
    series: { day, waiting, byStage: { a, b } },
    events: 12345 + r,
    warnings: [],
    manifest: structuredClone(MANIFEST),
  };
}
