/**
 * The report decides from typed fields, not from wording: which analysis notes a planner sees
 * (`noteAudience`), and which tables the terminal summary keeps (`MetricSection.id`).
 */
import { describe, expect, it } from 'vitest';
import { metricSections, renderReport, terminalSummary } from '../../src/report/index.js';
import { fixtureAnalyses, fixtureExperiment, fixtureScenario } from './fixture.js';

describe('typed decisions in the report', () => {
  it('hides the notes for analysts and shows the others, whatever their wording', async () => {
    const analyses = fixtureAnalyses();
    for (const a of Object.values(analyses)) {
      a.notes = ['Use `phases` for later days (analyst note).', 'scan: the `slots` pattern leaves Fridays empty (planner note).'];
      a.noteAudience = ['analyst', 'everyone'];
    }
    const html = await renderReport({ scenario: fixtureScenario() as never, experiment: fixtureExperiment(), analyses });
    expect(html).not.toContain('analyst note');
    // A backtick used to hide a note from the report; the audience decides now.
    expect(html).toContain('planner note');
  });

  it('the terminal summary keeps the list, mean-wait and standards tables by id', () => {
    const experiment = fixtureExperiment();
    const sections = metricSections(experiment);
    expect(sections.map((s) => s.id)).toEqual(['waiting', 'wait-mean', 'wait-p92', 'utilisation', 'targets', 'time-in-system']);
    const text = terminalSummary(experiment);
    for (const s of sections) {
      const kept = ['waiting', 'wait-mean', 'targets'].includes(s.id);
      expect(text.includes(s.title), s.title).toBe(kept);
    }
  });
});

describe('analysis notes carry their audience', () => {
  it('the first note (about the analysis itself) is for analysts, findings are for everyone', async () => {
    const { analyseModel } = await import('../../src/analysis/analyse-model.js');
    const { model, stage, arrival } = await import('../analysis/helpers.js');
    const a = analyseModel(model([stage('clinic')], [arrival(0, 1.5)]));
    expect(a.notes.length).toBeGreaterThanOrEqual(2);
    expect(a.noteAudience).toHaveLength(a.notes.length);
    expect(a.noteAudience![0]).toBe('analyst');
    expect(a.notes[0]).toMatch(/analyseAt/);
    expect(a.noteAudience!.slice(1).every((w) => w === 'everyone')).toBe(true);
    expect(a.notes[1]).toMatch(/clinic cannot keep up/);
  });
});

describe('the report footer says how the run was recorded', () => {
  it('names a partial merge and a reproducible run', async () => {
    const experiment = fixtureExperiment();
    experiment.meta = {
      ...experiment.meta,
      startedAt: '1970-01-01T00:00:00.000Z',
      wallSeconds: 0,
      workers: 0,
      nodeVersion: 'unrecorded',
      reproducible: true,
      partial: { expected: 7, present: 5, missing: [2, 5] },
    };
    const html = await renderReport({ scenario: fixtureScenario() as never, experiment, analyses: fixtureAnalyses() });
    expect(html).toContain('1970-01-01T00:00:00.000Z (reproducible output: no wall time or host recorded)');
    expect(html).toContain('5 of 7 planned replications: merged with parts missing');
  });
});
