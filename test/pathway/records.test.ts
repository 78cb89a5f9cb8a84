import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario, simulate } from '../../src/pathway/index.js';
import { jsonLinesSink, type PatientRecord } from '../../src/pathway/run/records.js';
import { conserved } from './helpers.js';

// The lung file over 26 weeks: tests, missed returns, class changes, slots and a delay stage.
const lung = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '26w' };

function recorded(options: { sample?: number } = {}) {
  const records: PatientRecord[] = [];
  const run = simulate(lung, { variant: 'ai-lower-sensitivity', patients: { write: (r) => records.push(r), ...options } });
  return { run, records };
}

describe('patient records', () => {
  const { run, records } = recorded();

  it('leave the results unchanged and cover every patient once', () => {
    expect(simulate(lung, { variant: 'ai-lower-sensitivity' })).toEqual(run);
    expect(conserved(run)).toBe(true);
    expect(records).toHaveLength(run.patients.initial + run.patients.arrived);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    const count = (o: PatientRecord['outcome']) => records.filter((r) => r.outcome === o).length;
    expect([count('exited'), count('abandoned'), count('in-pathway')]).toEqual([run.patients.exited, run.patients.abandoned, run.patients.inSystem]);
  });

  it('reproduce every stage wait exactly', () => {
    for (const [id, st] of Object.entries(run.stages)) {
      const waits = records.flatMap((r) => r.visits.filter((v) => v.stage === id && v.start !== null).map((v) => v.start! - v.joined));
      expect(waits.length, id).toBe(st.wait.n);
      if (waits.length === 0) continue;
      expect(Math.max(...waits), id).toBe(st.wait.max);
      expect(waits.reduce((a, b) => a + b, 0) / waits.length, id).toBeCloseTo(st.wait.mean, 9);
      const waiting = records.filter((r) => r.visits.at(-1)?.stage === id && r.visits.at(-1)?.outcome === 'waiting').length;
      expect(waiting, id).toBe(st.waitingAtEnd);
    }
    expect(run.stages.reporting!.wait.n).toBeGreaterThan(10_000); // not vacuous
  });

  it('reproduce time in the pathway and the true-case diagnosis delay exactly', () => {
    const times = records.filter((r) => r.outcome === 'exited').map((r) => r.left! - r.pathwayStart);
    expect(times.length).toBe(run.timeInSystem.n);
    expect(times.reduce((a, b) => a + b, 0) / times.length).toBeCloseTo(run.timeInSystem.mean, 9);
    // Diagnosis: the end of the first visit to a lung-cancer test with a positive result, for a true case.
    const tests = new Set(['reporting', 'ct', 'staging']);
    const delays = records
      .filter((r) => r.conditions.includes('lung-cancer'))
      .flatMap((r) => {
        const v = r.visits.find((x) => tests.has(x.stage) && x.test === 'positive');
        return v ? [v.end! - r.arrival] : [];
      });
    const c = run.conditions['lung-cancer']!;
    expect(delays.length).toBe(c.diagnosed);
    expect(delays.reduce((a, b) => a + b, 0) / delays.length).toBeCloseTo(c.diagnosis.mean, 9);
    expect(records.some((r) => r.returns.length > 0)).toBe(true); // missed patients came back
  });

  it('can be sampled, and written as JSON Lines', () => {
    const { run: sampledRun, records: some } = recorded({ sample: 0.1 });
    expect(sampledRun).toEqual(run);
    const n = records.length;
    expect(Math.abs(some.length - 0.1 * n)).toBeLessThan(4 * Math.sqrt(n * 0.1 * 0.9));
    const lines: string[] = [];
    simulate({ ...lung, horizon: '2w' }, { patients: jsonLinesSink((l) => lines.push(l), 0.01) });
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(JSON.parse(l).visits.length).toBeGreaterThan(0);
    expect(() => simulate(lung, { patients: { write: () => {}, sample: 2 } })).toThrow(/patients\.sample.*got 2/);
  });
});

describe('patient records with DNAs and places', () => {
  // A clinic with three places (arrivals finding it full are turned away) and DNAs: rebooked
  // 5 days later, discharged at the second in a row.
  const s = parseScenario({
    version: 1, name: 'dna and places', seed: 4, horizon: 300,
    arrivals: { gp: { to: 'clinic', rate: { perDay: 1.5 } } },
    stages: {
      clinic: {
        capacity: 1, places: 3, service: { dist: 'exponential', mean: 0.5 },
        dna: { share: 0.3, rebookAfter: '5d', dischargeAfter: 2 },
        next: [{ to: 'exit' }],
      },
    },
  });
  const records: PatientRecord[] = [];
  const run = simulate(s, { patients: { write: (r) => records.push(r) } });
  const clinic = run.stages.clinic!;

  it('count rejected, discharged and DNA visits as the results do', () => {
    const count = (o: PatientRecord['outcome']) => records.filter((r) => r.outcome === o).length;
    expect(count('rejected')).toBe(run.patients.rejected);
    expect(count('discharged')).toBe(run.patients.discharged);
    expect(count('exited')).toBe(run.patients.exited);
    expect(count('in-pathway')).toBe(run.patients.inSystem);
    expect(records).toHaveLength(run.patients.initial + run.patients.arrived);
    const visits = records.flatMap((r) => r.visits);
    expect(visits.filter((v) => v.outcome === 'dna').length).toBe(clinic.dna);
    expect(visits.filter((v) => v.outcome === 'rejected').length).toBe(clinic.rejected);
    // Not vacuous: each kind happens.
    expect(Math.min(run.patients.rejected!, run.patients.discharged!, clinic.rebooked!)).toBeGreaterThan(10);
  });

  it('follow the rules visit by visit: a rejection is one visit; a DNA is followed by its rebooking or the discharge', () => {
    for (const r of records) {
      const v = r.visits;
      if (r.outcome === 'rejected') {
        expect(v).toEqual([{ stage: 'clinic', joined: r.arrival, start: null, end: r.arrival, test: null, outcome: 'rejected' }]);
        expect(r.left).toBe(r.arrival);
      }
      if (r.outcome === 'discharged') {
        // Discharged at the second DNA in a row: exactly two visits, both missed, 5 days apart.
        expect(v.map((x) => x.outcome)).toEqual(['dna', 'dna']);
        expect(v[1]!.joined).toBeCloseTo(v[0]!.end! + 5, 9);
        expect(r.left).toBe(v[1]!.end);
      }
      if (r.outcome === 'exited') {
        // Seen at the first visit, or after one DNA and a rebooking.
        expect([['served'], ['dna', 'served']]).toContainEqual(v.map((x) => x.outcome));
        if (v.length === 2) expect(v[1]!.joined).toBeCloseTo(v[0]!.end! + 5, 9);
      }
    }
  });

  it('still reproduce the stage wait exactly (a rebooked patient waits from their rebooking)', () => {
    const waits = records.flatMap((r) => r.visits.filter((v) => v.start !== null).map((v) => v.start! - v.joined));
    expect(waits.length).toBe(clinic.wait.n);
    expect(waits.reduce((a, b) => a + b, 0) / waits.length).toBeCloseTo(clinic.wait.mean, 9);
    expect(Math.max(...waits)).toBe(clinic.wait.max);
  });
});
