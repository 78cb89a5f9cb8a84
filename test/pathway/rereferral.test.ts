import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/pathway/index.js';
import type { PatientRecord } from '../../src/pathway/run/records.js';
import { validateScenario } from '../../src/pathway/validate.js';
import { conserved, scenario } from './helpers.js';

// Every patient is tested (10 days, perfect test), then re-referred to treatment (5 days). With
// the branch marked as a re-referral of the same episode the pathway clock restarts at day 10 of
// the patient's path and the first-presentation clock does not.
const H = 200;
const pathway = (mark: boolean) =>
  scenario({
    seed: 4,
    horizon: H,
    arrivals: { gp: { to: 'clinic', rate: { perDay: 2 }, conditions: { c: 0.5 } } },
    stages: {
      clinic: {
        capacity: 'unlimited',
        service: { dist: 'fixed', value: 10 },
        test: { detects: 'c', sensitivity: 1, specificity: 1 },
        next: [{ to: 'treat', ...(mark ? { rereferral: 'same-episode' } : {}) }],
      },
      treat: { capacity: 'unlimited', service: { dist: 'fixed', value: 5 }, treatment: true },
    },
    targets: {
      'path-7': { until: 'treat.end', within: 7, goal: 0.9 },
      'first-7': { until: 'treat.end', within: 7, goal: 0.9, clock: 'first' },
    },
  });

function run(mark: boolean) {
  const records: PatientRecord[] = [];
  const result = simulate(pathway(mark), { patients: { write: (r) => records.push(structuredClone(r)) } });
  return { result, records };
}

describe('a re-referral marked as the same episode', () => {
  const marked = run(true);
  const plain = run(false);

  it('restarts the pathway clock and keeps the first-presentation clock (hand count from arrival times)', () => {
    expect(conserved(marked.result)).toBe(true);
    const arrivals = marked.records.map((r) => r.arrival);
    expect(arrivals.length).toBeGreaterThan(300);
    expect(plain.records.map((r) => r.arrival)).toEqual(arrivals); // same patients either way
    const count = (f: (t: number) => boolean) => arrivals.filter(f).length;
    const done = count((t) => t + 15 <= H); // treatment ended within the run
    // In treatment at the end (its end, the stop, is certain): arrived in (H − 15, H − 10].
    const inTreat = count((t) => t > H - 15 && t <= H - 10);
    expect(inTreat).toBeGreaterThan(0);
    // Pathway clock: 5 days after the re-referral, so every stop is met, and those in treatment
    // at the end have waited under 5 days since it: no breach.
    expect(marked.result.targets['path-7']).toMatchObject({ met: done, breached: 0, breachedStillWaiting: 0 });
    // Unmarked: the clock runs 15 days to the stop, so every stop is a breach, and those in
    // treatment at the end have waited 10 days or more.
    expect(plain.result.targets['path-7']).toMatchObject({ met: 0, breached: done + inTreat, breachedStillWaiting: inTreat });
    // The first-presentation clock never restarts: a breach either way.
    for (const r of [marked, plain]) expect(r.result.targets['first-7']).toMatchObject({ met: 0, breached: done + inTreat });
  });

  it('keeps true-case delays from the first presentation and records the re-referral as a return', () => {
    const c = marked.result.conditions.c!;
    expect(c.diagnosis.mean).toBeCloseTo(10, 9);
    expect(c.treatment.mean).toBeCloseTo(10, 9);
    expect(c.treatment.max).toBeCloseTo(10, 9);
    const finished = marked.records.filter((r) => r.outcome === 'exited');
    expect(finished.length).toBeGreaterThan(0);
    for (const r of finished) {
      expect(r.returns).toEqual([r.arrival + 10]);
      expect(r.pathwayStart).toBe(r.arrival + 10);
    }
    expect(plain.records.every((r) => r.returns.length === 0)).toBe(true);
  });

  it('is refused on a branch to exit, or beside an unmarked branch to the same stage', () => {
    const bad = (next: unknown[]) =>
      validateScenario({
        version: 1,
        name: 'x',
        horizon: 10,
        arrivals: { a: { to: 's', rate: { perDay: 1 } } },
        stages: { s: { capacity: 1, next }, t: { capacity: 1 } },
      }).issues.map((i) => `${i.path}: ${i.message}`);
    expect(bad([{ to: 'exit', rereferral: 'same-episode' }])).toContainEqual('stages.s.next[0]: a re-referral must lead to a stage, not to exit');
    expect(bad([{ to: 't', p: 0.5, rereferral: 'same-episode' }, { to: 't' }]).join('\n')).toMatch(/stages\.s\.next\[0\]: branch \[1\] also leads to t without rereferral/);
    expect(bad([{ to: 't', rereferral: 'yes' }]).join('\n')).toMatch(/stages\.s\.next\[0\]\.rereferral: .*"same-episode"/);
  });
});
