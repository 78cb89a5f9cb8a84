import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { checkScenarioPath } from '../../src/experiment/scenario-paths.js';
import { seekCapacity } from '../../src/experiment/seek.js';
import { runSweep, scenarioAt } from '../../src/experiment/sweep.js';
import { loadScenario } from '../../src/pathway/load.js';
import { parseScenario } from '../../src/pathway/scenario.js';
import { capacitySimulate } from './capacity-fake.js';

const mm1 = loadScenario('examples/scenarios/mm1.yaml');
const lung = loadScenario('examples/scenarios/lung-cancer-ai.yaml');

function errorOf(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('paths into maps of ids', () => {
  it('a typo in a stage id is an error with a hint, not a new stage', () => {
    const e = errorOf(() => scenarioAt(mm1, { 'stages.clnic.capacity.servers': 2 }));
    expect(e.issues[0]!.path).toBe('stages.clnic.capacity.servers');
    expect(e.message).toMatch(/unknown stage "clnic" at stages \(did you mean "clinic"\?\)/);
  });

  it('checks every id map: arrivals, targets, classes, variants, initial, condition prevalences', () => {
    for (const [path, kind] of [
      ['arrivals.gp-chest-xay.rate.perWeek', 'arrival stream "gp-chest-xay"'],
      ['targets.treatment-62.goal', 'target "treatment-62"'],
      ['classes.urgnt.priority', 'class "urgnt"'],
      ['variants.ai-reportin.description', 'variant "ai-reportin"'],
      ['initial.reportin.count', 'initial group "reportin"'],
      ['arrivals.gp-chest-xray.conditions.lung-cancr', 'condition "lung-cancr"'],
      ['variants.ai-reporting.patch.stages.reportin.capacity.slots', 'stage "reportin"'],
    ] as const) {
      expect(() => checkScenarioPath(lung, path), path).toThrow(`unknown ${kind}`);
    }
  });

  it('accepts existing ids, and ids a variant patch may change (those of the base or of the patch)', () => {
    for (const path of [
      'stages.surgery.capacity.slots',
      'arrivals.gp-chest-xray.conditions.lung-cancer',
      'variants.ai-reporting.patch.stages.surgery.capacity.slots',
      'horizon',
      'startDate',
    ]) {
      expect(() => checkScenarioPath(lung, path), path).not.toThrow();
    }
  });
});

describe('sweeps and seeks refuse validation warnings', () => {
  // Routing every patient past `surgery` leaves it unreachable: a warning, not an error.
  const twoStages = parseScenario({
    version: 1,
    name: 'two',
    horizon: 10,
    arrivals: { a: { to: 'triage', rate: { perDay: 1 } } },
    stages: {
      triage: { capacity: 1, service: { dist: 'exponential', mean: 0.5 }, next: [{ to: 'surgery', p: 0.5 }, { to: 'exit' }] },
      surgery: { capacity: { slots: 7, per: 'week' }, service: { dist: 'exponential', mean: 0.5 } },
    },
    targets: { t: { until: ['surgery.start'], within: 31, goal: 0.8 } },
  });

  it('a sweep point with a warning fails before anything runs, naming the point; allowWarnings runs it', async () => {
    let runs = 0;
    const simulate = ((s: never, o: never) => {
      runs++;
      return capacitySimulate(s, o);
    }) as never;
    const set = { 'stages.triage.next': [[{ to: 'exit' }]] };
    const err = await runSweep(twoStages, { set, replications: 1, workers: 1, variants: [], simulate }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toMatch(/stages\.triage\.next=\[\{"to":"exit"\}\]: stages\.surgery/);
    expect((err as Error).message).toMatch(/allowWarnings/);
    expect(runs).toBe(0);
    const ok = await runSweep(twoStages, { set, replications: 1, workers: 1, variants: [], simulate, allowWarnings: true });
    expect(ok.points).toHaveLength(1);
    expect(runs).toBe(1);
  });

  it('a seek on a scenario with a warning fails unless allowed', async () => {
    const warned = parseScenario({ ...twoStages, stages: { ...twoStages.stages, triage: { ...twoStages.stages.triage, next: [{ to: 'exit' }] } } } as never);
    const sim = { simulate: capacitySimulate as never, replications: 2, workers: 1 };
    await expect(seekCapacity(warned, { stage: 'surgery', target: 't', ...sim })).rejects.toThrow(/stages\.surgery.*allowWarnings/s);
    await expect(seekCapacity(twoStages, { stage: 'surgery', target: 't', goal: 0.3, max: 8, ...sim })).resolves.toBeDefined();
    await expect(seekCapacity(warned, { stage: 'surgery', target: 't', goal: 0.3, max: 8, allowWarnings: true, ...sim })).resolves.toBeDefined();
  });
});
