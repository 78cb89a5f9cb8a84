/**
 * The report on a real (small) experiment: the starter scenario of `carepath init`, whose scan
 * stage cannot keep up in the base case (70 slots a week for about 80 patients) and keeps up with
 * the `more-scans` variant (90 slots).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.js';
import { runExperiment } from '../../src/experiment/index.js';
import type { ExperimentResult } from '../../src/experiment/types.js';
import { parseScenarioText } from '../../src/pathway/index.js';
import { STARTER_SCENARIO } from '../../src/cli/starter.js';
import { answerSections, renderReport, reportChartSpecs, summaryCsv, terminalSummary } from '../../src/report/index.js';

describe('report of a real experiment', () => {
  const scenario = parseScenarioText(STARTER_SCENARIO, 'starter.yaml');
  let experiment: ExperimentResult;
  let analyses: Record<string, ReturnType<typeof analyse>>;

  beforeAll(async () => {
    experiment = await runExperiment(scenario, { replications: 3, workers: 1 });
    analyses = Object.fromEntries(experiment.variantNames.map((v) => [v, analyse(scenario, { variant: v })]));
  });

  it('states in words that more scan slots empty the growing scan list', () => {
    const sections = answerSections({ experiment, analyses });
    expect(sections.map((s) => s.variant)).toEqual(['base', 'more-scans', 'more-scans-and-treatment']);
    expect(sections[0]!.headline).toMatch(/The bottleneck is scan\./);
    expect(sections[1]!.headline).toMatch(/^With more-scans, the scan waiting list falls from [\d,]+ to [\d.,]+/);
    expect(sections[1]!.details.join(' ')).toMatch(/The bottleneck moves from scan to treatment/);
  });

  it('renders one chart per spec and the summary table', async () => {
    const html = await renderReport({ scenario, experiment, analyses });
    // Each chart wide and narrow but the small multiples (one SVG per stage panel), and one
    // pathway diagram per variant.
    const specs = reportChartSpecs({ experiment, analyses });
    const panels = (specs['stage-lists'] as unknown as { facet: { sort: string[] } }).facet.sort.length;
    // The two bar charts are drawn once too.
    expect(html.match(/<svg\b/g)?.length).toBe(2 * (Object.keys(specs).length - 3) + 2 + panels + experiment.variantNames.length);
    const table = terminalSummary(experiment, { analyses });
    expect(table).toMatch(/Diagnosed or ruled out within 28 days of referral \(goal 80%\)/);
    expect(table).toMatch(/scan \(114%\)/);
    expect(summaryCsv(experiment)).toMatch(/^variant,metric,label,unit,better,mean,sd,ci_low,ci_high,min,max,n\nbase,/);
  });
});
