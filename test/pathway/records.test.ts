import { describe, expect, it } from 'vitest';
import { loadScenario, simulate } from '../../src/pathway/index.js';
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
