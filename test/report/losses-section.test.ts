/**
 * Hospital-side losses in the report: the summary CSV carries their numbers (every numeric leaf
 * is a metric) and the stage tables get a section only where a stage has them.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, runExperimentSync, summaryCsv, type ScenarioInput } from '../../src/index.js';
import { metricSections } from '../../src/report/tables.js';

const base: ScenarioInput = {
  version: 1,
  name: 'clinic',
  horizon: 200,
  arrivals: { gp: { to: 'clinic', rate: { perDay: 4 } } },
  stages: {
    clinic: { capacity: { slots: 6, per: 'day' }, dna: { share: 0.2, rebookAfter: '7d', dischargeAfter: 2 }, cancellations: { share: 0.1 } },
    scan: { capacity: 1, service: 0.1 },
  },
};

describe('losses in the report', () => {
  it('show in the summary CSV and in a section of their own, at the stages that have them', () => {
    const experiment = runExperimentSync(parseScenario(base), { replications: 2 });
    const csv = summaryCsv(experiment);
    for (const m of ['stages.clinic.dna', 'stages.clinic.rebooked', 'stages.clinic.discharged', 'stages.clinic.slotsCancelled', 'patients.discharged']) {
      expect(csv).toContain(m);
    }
    const losses = metricSections(experiment).find((s) => s.id === 'losses');
    expect(losses?.rows.map((r) => r.metric)).toEqual([
      'patients.discharged',
      'stages.clinic.dna',
      'stages.clinic.rebooked',
      'stages.clinic.discharged',
      'stages.clinic.slotsCancelled',
    ]);
  });

  it('leave the report as it was for a scenario without them', () => {
    const { clinic: _, ...rest } = base.stages;
    const plain = { ...base, arrivals: { gp: { to: 'scan', rate: { perDay: 4 } } }, stages: rest };
    const experiment = runExperimentSync(parseScenario(plain), { replications: 2 });
    expect(metricSections(experiment).some((s) => s.id === 'losses')).toBe(false);
    expect(summaryCsv(experiment)).not.toContain('discharged');
  });
});
