import { describe, expect, it } from 'vitest';
import { runMetrics } from '../../src/experiment/metrics.js';
import { runExperimentSync } from '../../src/experiment/run.js';
import { mergeManifests, resultManifest } from '../../src/pathway/manifest.js';
import { loadScenario, resolveScenario, simulate } from '../../src/pathway/index.js';
import { scenario } from './helpers.js';

const lung = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
const short = { ...lung, horizon: '2w' } as typeof lung;

describe('result manifest', () => {
  it('names exactly the metric keys of the run, in the same order', () => {
    const run = simulate(short);
    expect(Object.keys(run.manifest.metrics)).toEqual([...runMetrics(run).keys()]);
    // 8 patient counts + 6 stages × 14 + 5 time-in-system fields + 3 targets × 6 + events
    // + 1 condition × 20 + breakdowns over 5 groups (3 classes, has / has not): 6 stages × 4 + 3 targets × 4
    expect(Object.keys(run.manifest.metrics)).toHaveLength(8 + 6 * 14 + 5 + 3 * 6 + 1 + 20 + 5 * (6 * 4 + 3 * 4));
  });

  it('describes stages, targets and the calendar as the scenario file states them', () => {
    const m = simulate(short).manifest;
    expect(m.startDate).toBe('2026-01-05');
    expect(m.sampleEvery).toBe(7);
    expect(m.classes).toEqual(['urgent', 'routine', 'default']); // the scenario's classes, then the implicit one
    expect(m.conditions).toEqual(['lung-cancer']);
    expect(m.stages.map((s) => `${s.id}:${s.capacity.join('+')}`)).toEqual([
      'reporting:slots', 'ct:slots', 'staging:unlimited', 'surgery:slots', 'radiotherapy:slots', 'sact:slots',
    ]);
    // 62 days, 85% goal (lung-cancer-ai.yaml, targets.treatment-62d)
    expect(m.targets.find((t) => t.id === 'treatment-62d')).toMatchObject({ goal: 0.85, within: 62 });
    expect(m.metrics['stages.surgery.wait.p92']).toEqual({ unit: 'days', label: 'surgery: 92nd percentile wait', better: 'lower' });
    expect(m.metrics['targets.treatment-62d.share']).toMatchObject({ unit: 'share', better: 'higher' });
    expect(m.metrics['stages.surgery.utilisation']).toMatchObject({ unit: 'share', better: 'neither' });
    expect(m.metrics['stages.surgery.throughputPerDay']!.unit).toBe('patients per day');
  });

  it('lists every capacity kind of a stage whose phases change kind, once each, in order', () => {
    const s = scenario({
      arrivals: { a: { to: 'x', rate: { perDay: 1 } } },
      stages: { x: { capacity: [{ from: 0, slots: 2, per: 'day' }, { from: 5, servers: 2 }, { from: 9, slots: 3, per: 'day' }] } },
    });
    expect(resultManifest(resolveScenario(s)).stages).toEqual([{ id: 'x', capacity: ['slots', 'servers'] }]);
  });

  it('an experiment carries the union over variants: the base first, then what variants add', () => {
    const a = resultManifest(resolveScenario(scenario({ arrivals: { a: { to: 'x', rate: { perDay: 1 } } }, stages: { x: { capacity: 1 } } })));
    const b = resultManifest(
      resolveScenario(
        scenario({
          arrivals: { a: { to: 'x', rate: { perDay: 1 } } },
          stages: { x: { capacity: 'unlimited', next: [{ to: 'y' }] }, y: { capacity: 2 } },
        }),
      ),
    );
    const m = mergeManifests([a, b])!;
    expect(m.stages).toEqual([
      { id: 'x', capacity: ['servers', 'unlimited'] },
      { id: 'y', capacity: ['servers'] },
    ]);
    expect(Object.keys(m.metrics)).toEqual([...Object.keys(a.metrics), ...Object.keys(b.metrics).filter((k) => !(k in a.metrics))]);
    expect(mergeManifests([])).toBeUndefined();
    const experiment = runExperimentSync(short, { replications: 1, variants: ['ai-reporting'] });
    expect(experiment.manifest).toEqual(experiment.variants.base!.replications[0]!.manifest);
  });
});
