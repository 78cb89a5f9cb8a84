/**
 * Patient-level common random numbers (see src/pathway/patient-random.ts): the same patient
 * draws the same test result and routing at a stage in two variants, and the draws are still
 * right in distribution.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, simulate, type RouteContext, type Scenario } from '../../src/pathway/index.js';
import { PatientStore } from '../../src/pathway/patients.js';
import { conserved, scenario } from './helpers.js';

/** Runs a scenario variant and records, per patient identity, what happened at `stage`. */
function record(s: Scenario, variant: string, stage: string): Map<string, { test: string | null; next: string }> {
  const seen = new Map<string, { test: string | null; next: string }>();
  const route = (ctx: RouteContext) => {
    if (ctx.stage !== stage) return undefined;
    // A patient may pass more than once (a feedback loop); the first visit is the paired one.
    if (!seen.has(ctx.patient.identity)) seen.set(ctx.patient.identity, { test: ctx.patient.lastTest, next: ctx.proposed });
    return undefined;
  };
  const r = simulate(s, { variant, hooks: { route } });
  expect(conserved(r)).toBe(true);
  return seen;
}

describe('patient-level common random numbers', () => {
  it('a more sensitive X-ray test leaves the CT results and staging routes of the same patients alone', () => {
    const lung = loadScenario(join(__dirname, '../../examples/scenarios/lung-cancer-ai.yaml'));
    // Only the first test's sensitivity differs (0.75 → 0.85, as in the lung file's ai-reporting).
    const s: Scenario = {
      ...lung,
      horizon: 52 * 7,
      variants: { sensitive: { patch: { stages: { reporting: { test: { sensitivity: 0.85 } } } } } },
    };
    for (const [stage, field, floor] of [
      ['ct', 'test', 800],
      ['staging', 'next', 80],
    ] as const) {
      const base = record(s, 'base', stage);
      const sensitive = record(s, 'sensitive', stage);
      let both = 0;
      let agree = 0;
      for (const [who, a] of base) {
        const b = sensitive.get(who);
        if (b === undefined) continue;
        both++;
        if (a[field] === b[field]) agree++;
      }
      // Enough patients in both for the rate to mean something (about 6,500 reach CT in a year).
      expect(both).toBeGreaterThan(floor);
      // Measured with per-stage streams in completion order (the engine before this change,
      // seed 2026, one year): CT results agreed for 83.1% (4,805 of 5,783) and staging routes
      // for 38.5% (362 of 940) of the patients in both. With patient-level draws every one agrees
      // (5,747 of 5,747 and 1,456 of 1,456): each visits CT and staging once, so the draws there
      // are identical by construction.
      expect(agree / both, `${stage}: ${agree} of ${both} agree`).toBeGreaterThan(0.99);
    }
  });

  it('a routing split still sends its share: p = 0.3 over 100,000 patients', () => {
    const s = scenario({
      horizon: 1000,
      arrivals: { a: { to: 'triage', rate: { perDay: 100 } } },
      stages: {
        triage: { capacity: 'unlimited', next: [{ to: 'clinic', p: 0.3 }, { to: 'exit' }] },
        clinic: { capacity: 'unlimited' },
      },
    });
    const r = simulate(s);
    expect(conserved(r)).toBe(true);
    const n = r.stages.triage!.completed;
    expect(n).toBeGreaterThan(95_000);
    // Binomial SE = sqrt(0.3 × 0.7 / n) ≈ 0.00145; tolerance 5 SE.
    expect(Math.abs(r.stages.clinic!.entered / n - 0.3)).toBeLessThan(5 * Math.sqrt(0.21 / n));
  });

  it('a feedback loop draws afresh on every revisit: visits are geometric (routing and test loops)', () => {
    // Back to the same stage with probability q, by a routing split or by a test that misses
    // (sensitivity 1 − q, everyone has the condition): visits per patient are geometric with
    // mean 1 / (1 − q) and variance q / (1 − q)². A visit takes 0.001 days, so only the few
    // patients of the last moments are mid-loop at the end. Reusing a uniform on a revisit would
    // loop a patient forever (every draw below q) or never.
    const q = 0.6;
    const loops = {
      routing: { capacity: 'unlimited', service: 0.001, next: [{ to: 'loop', p: q }, { to: 'exit' }] },
      test: {
        capacity: 'unlimited',
        service: 0.001,
        test: { detects: 'c', sensitivity: 1 - q, specificity: 1 },
        next: [{ if: 'negative', to: 'loop' }, { to: 'exit' }],
      },
    };
    for (const [name, loop] of Object.entries(loops)) {
      const r = simulate(
        scenario({
          horizon: 1000,
          arrivals: { a: { to: 'loop', rate: { perDay: 100 }, conditions: { c: 1 } } },
          stages: { loop },
        }),
      );
      expect(conserved(r)).toBe(true);
      const n = r.patients.exited;
      expect(r.patients.inSystem).toBeLessThan(10);
      expect(n).toBeGreaterThan(95_000);
      const mean = r.stages.loop!.completed / n;
      const se = Math.sqrt(q / (1 - q) ** 2 / n); // ≈ 0.0061
      expect(Math.abs(mean - 1 / (1 - q)), name).toBeLessThan(5 * se);
    }
  });

  it('a missed-return delay is drawn from its distribution (Little: λ × mean delay still away)', () => {
    // Everyone has the condition; the test misses 40%, half of those come back (to `recall`)
    // after an exponential delay of mean 20 days. Returns leave at rate λ = 100 × 0.4 × 0.5 = 20
    // a day, so the number away at the end is Poisson with mean λ × 20 = 400 (M/G/∞): SD 20.
    const r = simulate(
      scenario({
        horizon: 1000,
        arrivals: { a: { to: 'xray', rate: { perDay: 100 }, conditions: { c: 1 } } },
        stages: {
          xray: {
            capacity: 'unlimited',
            test: { detects: 'c', sensitivity: 0.6, specificity: 1, missed: { share: 0.5, after: { dist: 'exponential', mean: 20 }, to: 'recall' } },
            next: [{ if: 'positive', to: 'ct' }, { to: 'exit' }],
          },
          ct: { capacity: 'unlimited' },
          recall: { capacity: 'unlimited' },
        },
      }),
    );
    expect(conserved(r)).toBe(true);
    expect(Math.abs(r.patients.away - 400)).toBeLessThan(5 * 20);
    // Share coming back among the missed (returned or still away): 0.5, binomial SE ≈ 0.0025.
    const missed = r.stages.xray!.completed - r.stages.ct!.entered;
    expect(missed).toBeGreaterThan(35_000);
    const back = r.stages.recall!.entered + r.patients.away;
    expect(Math.abs(back / missed - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / missed));
  });

  it('visit keys: 0 on a first visit to a stage, then a new key on every repeat', () => {
    const store = new PatientStore(0, 16);
    const p = store.allocate(0, 0);
    store.setKey(p, 5, 6);
    expect([store.keyA(p), store.keyB(p)]).toEqual([5, 6]);
    expect([store.visitKey(p, 0), store.visitKey(p, 5), store.visitKey(p, 0), store.visitKey(p, 5), store.visitKey(p, 0)]).toEqual([
      0, 0, 1, 2, 3,
    ]);
    // Stage 37 shares stage 5's bit (mod 32): not a first visit, but still a key never used.
    expect(store.visitKey(p, 37)).toBe(4);
    // A reused row, once given its new patient's key, starts with no visits.
    store.release(p);
    const again = store.allocate(0, 0);
    expect(again).toBe(p);
    store.setKey(again, 7, 8);
    expect([store.keyA(again), store.keyB(again), store.visitKey(again, 5)]).toEqual([7, 8, 0]);
  });

  it('names patients by source and serial, the same in every variant', () => {
    const seen: string[] = [];
    const s = scenario({
      horizon: 3,
      arrivals: { gp: { to: 'clinic', rate: { perDay: 1 } } },
      initial: { clinic: [{ count: 2 }, { count: 1, waited: 5 }] },
      stages: { clinic: { capacity: 1, service: 0.01 } },
      variants: { other: { patch: { stages: { clinic: { service: 0.02 } } } } },
    });
    for (const variant of ['base', 'other']) {
      seen.length = 0;
      simulate(s, { variant, hooks: { route: (ctx) => void seen.push(ctx.patient.identity) } });
      // Longest waiter (group 1) first, then group 0 in order, then arrivals in order.
      expect(seen.slice(0, 5), variant).toEqual(['initial/clinic/1#0', 'initial/clinic/0#0', 'initial/clinic/0#1', 'arrivals/gp#0', 'arrivals/gp#1']);
    }
  });
});
