import { describe, expect, it } from 'vitest';
import { loadScenario, simulate } from '../../src/pathway/index.js';
import { runMetrics } from '../../src/experiment/metrics.js';
import { scenario } from './helpers.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('results by class and by condition', () => {
  const lung = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
  const run = simulate({ ...lung, horizon: '26w' });
  const b = run.breakdown;

  it('splits every stage count into classes, and into has / has not, exactly', () => {
    for (const [id, st] of Object.entries(run.stages)) {
      const groups = b.stages[id]!;
      const classes = Object.values(groups.byClass);
      for (const key of ['started', 'abandoned', 'waitingAtEnd'] as const) {
        expect(sum(classes.map((g) => g[key]))).toBe(key === 'started' ? st.started : key === 'abandoned' ? st.abandoned : st.waitingAtEnd);
        const c = groups.byCondition['lung-cancer']!;
        expect(c.has[key] + c.hasNot[key]).toBe(sum(classes.map((g) => g[key])));
      }
      // The groups' mean waits, weighed by their counts, give the stage's exact mean.
      const weighed = sum(classes.map((g) => g.waitMean * g.started));
      expect(weighed).toBeCloseTo(st.wait.mean * st.started, 4);
    }
    // Not vacuous: the reporting list holds both classes' and both groups' patients.
    expect(b.stages.ct!.byClass.urgent!.started).toBeGreaterThan(100);
    expect(b.stages.ct!.byCondition['lung-cancer']!.has.started).toBeGreaterThan(50);
  });

  it('splits every target count the same way', () => {
    for (const [id, t] of Object.entries(run.targets)) {
      const groups = b.targets[id]!;
      expect(sum(Object.values(groups.byClass).map((g) => g.met))).toBe(t.met);
      expect(sum(Object.values(groups.byClass).map((g) => g.breached))).toBe(t.breached);
      const c = groups.byCondition['lung-cancer']!;
      expect(c.has.counted + c.hasNot.counted).toBe(t.counted);
    }
  });

  it('counts the hand-countable group: false positives of a one-off test', () => {
    // 10,000 patients without the condition take one test with specificity 0.9; positives go
    // to treatment, where the target stops. So the `hasNot` group counts Binomial(10,000, 0.1).
    const r = simulate(
      scenario({
        arrivals: { none: { to: 'xray', rate: { perDay: 0 } } },
        initial: { xray: [{ count: 10_000, conditions: { cancer: 0 } }, { count: 1000, conditions: { cancer: 1 } }] },
        stages: {
          xray: { capacity: 'unlimited', test: { detects: 'cancer', sensitivity: 1, specificity: 0.9 }, next: [{ if: 'positive', to: 'treat' }, { to: 'exit' }] },
          treat: { capacity: 'unlimited' },
        },
        targets: { t: { until: 'treat.start', within: '1d', goal: 0.9 } },
      }),
    );
    const c = r.breakdown.targets.t!.byCondition.cancer!;
    expect(c.has.counted).toBe(1000); // sensitivity 1
    expect(Math.abs(c.hasNot.counted - 1000)).toBeLessThan(4 * Math.sqrt(10_000 * 0.1 * 0.9));
  });

  it('are metrics of an experiment, described by the manifest', () => {
    const keys = [...runMetrics(run).keys()].filter((k) => k.startsWith('breakdown.') || k.startsWith('conditions.'));
    expect(keys.length).toBeGreaterThan(100);
    for (const k of keys) expect(run.manifest.metrics[k], k).toBeDefined();
    expect(run.manifest.metrics['breakdown.stages.surgery.byClass.urgent.waitMean']!.label).toBe('surgery (urgent): mean wait');
  });
});

describe('a breakdown with one group (one class, no conditions)', () => {
  it('reports the counts and mean waits the per-group count gives when a second, empty class exists', () => {
    const tandem = loadScenario('examples/scenarios/tandem.yaml');
    const one = simulate({ ...tandem, warmup: 50, horizon: 400 });
    // Declaring a class nobody belongs to makes the breakdown count per group at every start.
    const two = simulate({ ...tandem, warmup: 50, horizon: 400, classes: { nobody: { priority: 1 } } });
    for (const id of ['diagnosis', 'treatment']) {
      const single = one.breakdown.stages[id]!.byClass.default!;
      const counted = two.breakdown.stages[id]!.byClass.default!;
      expect(two.breakdown.stages[id]!.byClass.nobody!.started).toBe(0);
      expect(single).toEqual(counted);
      // Not vacuous: thousands of starts, waits that are not all zero.
      expect(single.started).toBeGreaterThan(2000);
      expect(single.waitMean).toBeGreaterThan(0.1);
    }
  });
});
