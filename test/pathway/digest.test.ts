/**
 * Result digests: speed work must not change results.
 *
 * For each canonical scenario (every variant) and a feature-mix scenario that exercises what
 * the canonical files do not (arrival step changes, growth and seasonality, capacity phases,
 * patience at a server stage, custom priority and routing hooks, several service
 * distributions), the SHA-256 of `JSON.stringify(simulate(...))` is compared with the digest
 * stored in `digests.json`. The same seed must give bit-identical results before and after any
 * optimisation of the engine: the same random draws, in the same order, fed to the same formulas.
 *
 * `digests.json` is updated only on purpose — when a change is *meant* to change results (a
 * new statistic in RunResult, a fixed bug) — by running
 * `UPDATE_DIGESTS=1 npx vitest run test/pathway/digest.test.ts`, and the reason goes in the
 * commit message. A digest that changes as a side effect of a speed-up is a bug in the speed-up.
 *
 * Horizons are shortened so the file runs in seconds; England keeps its 7.4 million initially
 * waiting patients (the insertion path is part of what is pinned) but runs two weeks.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, parseScenario, simulate, variantNames, type RunResult, type Scenario } from '../../src/pathway/index.js';
import type { SimulateOptions } from '../../src/pathway/simulate.js';

const scenarios = join(__dirname, '../../examples/scenarios');
const digestFile = join(__dirname, 'digests.json');
const update = process.env.UPDATE_DIGESTS === '1';

/** Horizon (days) per canonical file; null keeps the file's own. */
const HORIZONS: Record<string, number | null> = {
  'mm1.yaml': 50_000,
  'tandem.yaml': 20_000,
  'lung-cancer-ai.yaml': null,
  'lung-cancer-ai-costed.yaml': 28,
  'england-elective.yaml': 14,
  'england-elective-rtt.yaml': 14,
  'surgical-pathway.yaml': null,
};

/** What is stored per run: the digest, plus a few counts so a mismatch says roughly what moved. */
interface Pinned {
  sha256: string;
  events: number;
  arrived: number;
  exited: number;
  waiting: number;
}

function pin(r: RunResult): Pinned {
  return {
    sha256: createHash('sha256').update(JSON.stringify(r)).digest('hex'),
    events: r.events,
    arrived: r.patients.arrived,
    exited: r.patients.exited,
    waiting: r.patients.waiting,
  };
}

const stored: Record<string, Pinned> = existsSync(digestFile) ? JSON.parse(readFileSync(digestFile, 'utf8')) : {};
const computed: Record<string, Pinned> = {};

function check(key: string, run: () => RunResult): void {
  const got = pin(run());
  computed[key] = got;
  if (update) return;
  expect(stored[key], `no stored digest for ${key}: run with UPDATE_DIGESTS=1 (on purpose only)`).toBeDefined();
  // Counts first: a readable hint of what changed, before the all-or-nothing digest.
  expect(got).toEqual(stored[key]);
}

/** A scenario touching the engine paths the canonical files leave out. */
const featureMix: Scenario = parseScenario({
  version: 1,
  name: 'feature mix (digest)',
  seed: 99,
  startDate: '2026-03-02',
  warmup: 30,
  horizon: 400,
  sampleEvery: 5,
  classes: { urgent: { priority: 1 }, routine: { priority: 3 } },
  arrivals: {
    steady: {
      to: 'triage',
      rate: { perDay: 40 },
      class: 'routine',
      conditions: { cancer: 0.05, infection: 0.2 },
      changes: [{ at: 100, rate: { perDay: 55 } }, { at: 250, rate: { perDay: 35 } }],
    },
    growing: { to: 'triage', rate: { perWeek: 70 }, class: 'urgent', growth: { perYear: 0.4 }, conditions: { cancer: 0.3 } },
    seasonal: {
      to: 'clinic',
      rate: { perMonth: 300 },
      seasonality: [1.3, 1.2, 1.1, 1, 0.9, 0.8, 0.7, 0.8, 0.9, 1, 1.1, 1.2],
      growth: { perYear: -0.2 },
    },
  },
  initial: {
    clinic: [
      { count: 300, waited: { dist: 'uniform', min: 0, max: 60 }, class: 'routine' },
      { count: 50, waited: { dist: 'gamma', mean: 20, sd: 15 }, class: 'urgent', conditions: { cancer: 0.5 } },
    ],
    imaging: { count: 80, waited: { dist: 'exponential', mean: 10 } },
  },
  stages: {
    triage: {
      capacity: [{ from: 0, servers: 3 }, { from: 120, servers: 2 }, { from: 200, unlimited: true }, { from: 300, servers: 4 }],
      service: { dist: 'erlang', k: 3, mean: 0.05 },
      test: { detects: 'infection', sensitivity: 0.9, specificity: 0.8 },
      next: [
        { if: 'positive', to: 'clinic', p: 0.5 },
        { if: 'urgent', to: 'imaging' },
        { to: 'clinic', p: 0.4 },
        { to: 'exit' },
      ],
    },
    clinic: {
      capacity: [{ from: 0, slots: 60, per: 'day', days: ['mon', 'tue', 'wed', 'thu', 'fri'] }, { from: 150, servers: 5 }],
      service: { dist: 'lognormal', mean: 0.1, sd: 0.05 },
      queue: 'priority',
      patience: { dist: 'weibull', shape: 1.5, scale: 40 },
      next: [{ to: 'imaging', p: 0.4 }, { to: 'exit' }],
    },
    imaging: {
      capacity: { servers: 2 },
      service: { dist: 'triangular', min: 0.02, mode: 0.05, max: 0.2 },
      queue: 'priority',
      patience: { dist: 'exponential', mean: 30 },
      test: {
        detects: 'cancer',
        sensitivity: 0.8,
        specificity: 0.9,
        onPositive: { class: 'urgent' },
        missed: { share: 0.6, after: { dist: 'normal', mean: 20, sd: 8 }, to: 'imaging' },
      },
      next: [{ if: 'positive', to: 'treatment' }, { to: 'exit' }],
    },
    treatment: {
      capacity: { slots: 20, per: 'week', days: ['mon', 'wed', 'fri'] },
      service: { dist: 'empirical', values: [1, 2, 5], weights: [3, 2, 1] },
    },
  },
  targets: {
    'to-clinic': { until: ['clinic.start', 'exit'], within: 14, goal: 0.9 },
    'decision-to-treat': { from: 'imaging.end', until: ['treatment.start'], within: 10, goal: 0.9 },
    'whole-pathway': { until: 'exit', within: '8w', goal: 0.8 },
  },
});

describe('result digests (same seed ⇒ bit-identical results across optimisations)', () => {
  afterAll(() => {
    if (update) writeFileSync(digestFile, `${JSON.stringify(sortKeys(computed), null, 2)}\n`);
  });

  it('covers every canonical scenario file', () => {
    const files = readdirSync(scenarios).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files.sort()).toEqual(Object.keys(HORIZONS).sort());
  });

  for (const [file, horizon] of Object.entries(HORIZONS)) {
    const base = loadScenario(join(scenarios, file));
    const s = horizon === null ? base : parseScenario({ ...base, horizon });
    for (const variant of ['base', ...variantNames(s)]) {
      it(`${file} variant ${variant}`, () => check(`${file}#${variant}`, () => simulate(s, { variant })));
    }
  }

  it('lung-cancer-ai.yaml replication 3, another seed', () => {
    const s = loadScenario(join(scenarios, 'lung-cancer-ai.yaml'));
    check('lung-cancer-ai.yaml#ai-reporting@seed5r3', () => simulate(s, { variant: 'ai-reporting', seed: 5, replication: 3 }));
  });

  it('feature mix', () => check('feature-mix#base', () => simulate(featureMix)));

  it('feature mix with custom priority and routing hooks', () => {
    const hooks: SimulateOptions['hooks'] = {
      // Longest-waiting first by pathway start, urgent class ahead by 30 days.
      priority: ({ patient }) => patient.pathwayStart - (patient.class === 'urgent' ? 30 : 0),
      // Send a tenth of the patients leaving triage for the clinic to imaging instead, by id.
      route: ({ patient, stage, proposed }) => (stage === 'triage' && proposed === 'clinic' && patient.id % 10 === 0 ? 'imaging' : undefined),
    };
    check('feature-mix#hooks', () => simulate(featureMix, { hooks }));
  });
});

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
