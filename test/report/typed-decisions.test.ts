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
    expect(sections.map((s) => s.id)).toEqual(['waiting-at-end', 'wait-mean', 'wait-p92', 'utilisation', 'standards', 'time-in-pathway']);
    const text = terminalSummary(experiment);
    for (const s of sections) {
      const kept = ['waiting-at-end', 'wait-mean', 'standards'].includes(s.id);
      expect(text.includes(s.title), s.title).toBe(kept);
    }
  });
});
