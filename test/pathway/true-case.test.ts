import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/pathway/index.js';
import { conserved, scenario } from './helpers.js';

// One test stage with no queue (unlimited, no service time), sensitivity s; a share m of false
// negatives comes back after exactly d days to the same test; positives go to treatment at once.
// For a true case the number of misses before the positive, K, has P(K = k, found) = q^k s with
// q = (1 − s) m; the case is never found with probability 1 − s / (1 − q). Every delay from first
// presentation is K·d, so: found share s/(1 − q), mean delay among found d·q/(1 − q), standard
// deviation d·√q/(1 − q), and the share not found within t days (undiagnosed counting as over) is
// P(K·d > t, found) + P(never found).
const s = 0.75;
const m = 0.5;
const d = 30;
const q = (1 - s) * m;
const found = s / (1 - q);
const overShare = (t: number) => {
  const k = Math.floor(t / d) + 1; // smallest k with k·d > t
  return (q ** k * s) / (1 - q) + (1 - found);
};

const cases = 40_000; // true cases among the patients waiting at day 0
const testScenario = (targets: Record<string, unknown> = {}) =>
  scenario({
    horizon: 2000, // K·d past this has probability q^66: nobody is still away at the end
    arrivals: { none: { to: 'xray', rate: { perDay: 0 } } },
    initial: {
      xray: [
        { count: cases, conditions: { cancer: 1 } },
        { count: 10_000, conditions: { cancer: 0 } },
      ],
    },
    stages: {
      xray: {
        capacity: 'unlimited',
        test: { detects: 'cancer', sensitivity: s, specificity: 0.9, missed: { share: m, after: { dist: 'fixed', value: d }, to: 'xray' } },
        next: [{ if: 'positive', to: 'treat' }, { to: 'exit' }],
      },
      treat: { capacity: 'unlimited' },
    },
    targets,
  });

describe('true-case delays from first presentation', () => {
  const run = simulate(
    testScenario({
      'first-28': { until: 'treat.start', within: '28d', goal: 0.8, clock: 'first', for: { condition: 'cancer' } },
      'pathway-28': { until: 'treat.start', within: '28d', goal: 0.8, for: { condition: 'cancer' } },
      'all-28': { until: 'treat.start', within: '28d', goal: 0.8 },
      'nobody': { until: 'treat.start', within: '28d', goal: 0.8, for: { class: 'default', condition: 'cancer' }, clock: 'first' },
    }),
  );
  const c = run.conditions.cancer!;

  it('accounts for every true case exactly once', () => {
    expect(conserved(run)).toBe(true);
    expect(c.undiagnosedInPathway).toBe(0);
    expect(c.diagnosed + c.undiagnosed).toBe(cases);
    // Treatment follows every diagnosis at once, so the two measures coincide.
    expect(c.treated).toBe(c.diagnosed);
    expect(c.untreated).toBe(c.undiagnosed);
    expect(c.treatment.mean).toBeCloseTo(c.diagnosis.mean, 9);
  });

  it('finds the share of cases the mixture predicts', () => {
    const se = Math.sqrt((found * (1 - found)) / cases);
    expect(Math.abs(c.diagnosed / cases - found)).toBeLessThan(4 * se);
    expect(c.undiagnosed).toBeGreaterThan(0.1 * cases); // 1/7 expected: not vacuous
  });

  it('has the mixture mean delay among cases found', () => {
    const expected = (d * q) / (1 - q); // 4.29 days
    const se = (d * Math.sqrt(q)) / (1 - q) / Math.sqrt(c.diagnosed);
    expect(Math.abs(c.diagnosis.mean - expected)).toBeLessThan(4 * se);
    expect(c.diagnosis.max).toBeGreaterThanOrEqual(3 * d); // some came back several times
  });

  it('counts cases never found as over every threshold', () => {
    for (const [share, t] of [
      [c.diagnosisOver28, 28],
      [c.diagnosisOver62, 62],
      [c.treatmentOver62, 62],
    ] as const) {
      const p = overShare(t);
      expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / cases));
    }
    expect(overShare(28)).toBeCloseTo(1 - s, 12); // only a first-time positive is within 28 days
  });

  it('lets targets count from the first presentation, and only true cases', () => {
    const first = run.targets['first-28']!;
    // Met: found at the first test; breached: found later or never (left undiagnosed).
    expect(first.counted).toBe(cases);
    expect(first.met).toBe(c.diagnosed - Math.round(c.diagnosisOver28 * cases - c.undiagnosed));
    expect(Math.abs(first.share - s)).toBeLessThan(4 * Math.sqrt((s * (1 - s)) / cases));
    // The pathway clock restarts at each return: every case found is met, the missed ones breach.
    const pathway = run.targets['pathway-28']!;
    expect(pathway.met).toBe(c.diagnosed);
    expect(pathway.breached).toBe(c.undiagnosed);
    // Without the restriction the harm is invisible: everyone treated was within 28 days.
    expect(run.targets['all-28']!.share).toBe(1);
    expect(run.targets['all-28']!.counted).toBeGreaterThan(c.diagnosed); // false positives are treated too
    expect(run.targets.nobody!.counted).toBe(cases); // `default` is everyone's class here
  });

  it('is reproducible', () => {
    const again = simulate(testScenario());
    expect(again.conditions).toEqual(simulate(testScenario()).conditions);
  });
});

describe('target restrictions are validated', () => {
  it('names an unknown condition or class, and refuses from with clock: first', () => {
    const bad = (t: Record<string, unknown>) => () => testScenario({ t: { until: 'treat.start', within: '28d', goal: 0.8, ...t } });
    expect(bad({ for: { condition: 'cancr' } })).toThrow(/targets\.t\.for\.condition.*unknown condition "cancr"/s);
    expect(bad({ for: { class: 'urgnt' } })).toThrow(/targets\.t\.for\.class.*unknown class "urgnt"/s);
    expect(bad({ clock: 'first', from: 'xray.end' })).toThrow(/targets\.t\.clock/);
    expect(bad({ clock: 'last' })).toThrow(/"pathway" or "first"/);
  });
});
