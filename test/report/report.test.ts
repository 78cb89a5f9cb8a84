import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SERIES_COLUMNS,
  SUMMARY_COLUMNS,
  answerSections,
  metricSections,
  renderChartSvg,
  renderReport,
  reportChartSpecs,
  seriesCsv,
  summaryCsv,
  waitingListChartSpec,
  writeReportBundle,
} from '../../src/report/index.js';
import { fixtureAnalyses, fixtureExperiment, fixtureScenario, REPLICATIONS, STAGES, VARIANTS } from './fixture.js';

const experiment = fixtureExperiment();
const analyses = fixtureAnalyses();
const scenario = fixtureScenario();

/** Splits simple CSV (the fixture has no quoted fields). */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
}

describe('renderReport', () => {
  let html: string;
  beforeAll(async () => {
    html = await renderReport({ scenario: scenario as never, experiment, analyses, source: 'fixture.yaml' });
  });

  it('is one self-contained HTML document: inline style, no scripts, nothing to load from the network', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
  });

  it('has one inline SVG per chart, each in its own figure', () => {
    const names = Object.keys(reportChartSpecs({ experiment, analyses }));
    expect(names).toEqual(['answer-stage', 'waiting-list', 'stage-lists', 'targets', 'stage-waits', 'utilisation', 'bottleneck']);
    // Each chart twice (wide, and narrow for phones), but the small multiples once, one SVG per
    // stage panel, and the two bar charts once (side by side on a wide screen); plus one
    // pathway diagram per variant.
    const stages = (reportChartSpecs({ experiment, analyses })['stage-lists'] as unknown as { facet: { sort: string[] } }).facet.sort;
    expect(stages.length).toBeGreaterThan(1);
    const once = ['stage-waits', 'utilisation'];
    expect(html.match(/<figure class="diagram"/g)?.length).toBe(3);
    expect(html.match(/<svg\b/g)?.length).toBe(2 * (names.length - 3) + once.length + stages.length + 3);
    for (const name of names.filter((n) => n !== 'stage-lists' && !once.includes(n))) {
      const figure = new RegExp(`<figure class="chart" id="chart-${name}"[^>]*>\\s*<div class="wide"><svg\\b[^]*?</svg></div><div class="narrow"><svg\\b`);
      expect(html).toMatch(figure);
    }
    for (const name of once) expect(html).toMatch(new RegExp(`<figure class="chart once" id="chart-${name}"[^>]*>\\s*<svg\\b[^>]*width="3\\d\\d"`));
    const lists = /<figure class="chart once" id="chart-stage-lists"[^>]*>([^]*?)<\/figure>/.exec(html)![1]!;
    expect(lists).toContain('<div class="panels-title"><b>Waiting list by stage</b>');
    expect([...lists.matchAll(/<div class="panel" data-panel="([^"]+)"><svg\b/g)].map((m) => m[1])).toEqual(stages);
    expect(lists).not.toContain('class="narrow"');
  });

  it('gives the SVG ids of each chart a unique prefix, so inline charts cannot clash', () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('states the answer in words before any chart', () => {
    const answerAt = html.indexOf('id="answer"');
    expect(answerAt).toBeGreaterThan(0);
    expect(answerAt).toBeLessThan(html.indexOf('<svg'));
    // more-scans relieves the scan list and moves the queue to treatment (the fixture's story).
    expect(html).toMatch(/With more-scans, the scan waiting list falls from 1,\d{3} to \d{2} while the treat list grows from \d+ to \d{3}/);
    expect(html).toMatch(/Treatment within 62 days falls from 70\.\d% to 55\.\d%/);
    expect(html).toMatch(/Diagnosis within 28 days rises from 45\.\d% to 8\d\.\d%/);
    expect(html).toContain('The bottleneck moves from scan to treat');
    expect(html).toContain('The bottleneck is scan.');
    expect(html).toContain('The bottleneck at scan is relieved');
  });

  it('lists the assumptions: every scenario parameter and each variant patch', () => {
    const assumptions = html.slice(html.indexOf('id="assumptions"'));
    for (const text of ['perDay: 14', 'slots: 77', 'within: 62d', 'goal: 0.85', 'More scan slots; treatment unchanged.']) {
      expect(assumptions).toContain(text);
    }
    // Readable tables, collapsed; a variant's change as setting → value.
    expect(assumptions).toMatch(/<details class="assumptions"><summary>/);
    expect(assumptions).toContain('<td class="key">stages.scan.capacity.slots</td><td class="val">112</td>');
    expect(assumptions).toContain('<td class="key">scan</td><td class="val">capacity: (slots: 77, per: week, days: mon; tue; wed; thu; fri), next: (to: review)</td>');
    expect(assumptions).not.toContain('<pre');
  });

  it('ends with the seed, replications, version and the command that reproduces the run', () => {
    const footer = html.slice(html.indexOf('<footer>'));
    expect(footer).toContain(`npx carepath run fixture.yaml --replications ${REPLICATIONS} --seed 42`);
    expect(footer).toContain('0.1.0');
  });

  it('escapes text from the scenario', async () => {
    const evil = { ...scenario, name: 'A <b>bold</b> & "quoted" name', description: '<img src=x onerror=alert(1)>' };
    const out = await renderReport({ scenario: evil as never, experiment, analyses });
    expect(out).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; name');
    expect(out).not.toContain('<img src=x');
  });
});

describe('answerSections', () => {
  it('calls a change "not clear" when its 95% CI includes zero', () => {
    const e = fixtureExperiment();
    const path = 'targets.treatment-62d.share';
    const c = e.comparisons['more-scans']![path]!;
    e.comparisons['more-scans']![path] = { ...c, ci95: [c.meanDiff - 1, c.meanDiff + 1] };
    const section = answerSections({ experiment: e, analyses }).find((s) => s.variant === 'more-scans')!;
    expect(section.headline).toMatch(/Treatment within 62 days goes from 70\.\d% to 55\.\d% \(not a clear change\)/);
  });

  it('uses the variant descriptions and one section per variant, base first', () => {
    const sections = answerSections({ experiment, analyses, variantDescriptions: { 'more-scans': 'More scans.' } });
    expect(sections.map((s) => s.variant)).toEqual([...VARIANTS]);
    expect(sections[1]!.description).toBe('More scans.');
  });
});

describe('chart specs', () => {
  it('puts calendar dates on the time axis when a start date is given', () => {
    const spec = waitingListChartSpec(experiment, { startDate: '2026-01-05' }) as any;
    expect(spec.layer[0].encoding.x.type).toBe('temporal');
    // The band and the line share one named data set (the rows are in the spec once).
    expect(spec.layer[0].data).toEqual({ name: 'bands' });
    expect(spec.layer[1].data).toEqual({ name: 'bands' });
    const rows = spec.datasets.bands;
    expect(rows[0].date).toBe('2026-01-05');
    expect(rows[1].date).toBe('2026-01-12');
    const plain = waitingListChartSpec(experiment) as any;
    expect(plain.layer[0].encoding.x.field).toBe('day');
  });

  it('labels the time axis with month and year, as the spec asks', async () => {
    const svg = await renderChartSvg(waitingListChartSpec(experiment, { startDate: '2026-01-05' }));
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels.some((l) => /^[A-Z][a-z]{2} \d{4}$/.test(l!))).toBe(true);
  });

  it('leaves stages without a capacity limit out of the per-stage charts', () => {
    const specs = reportChartSpecs({ experiment, analyses }) as any;
    const stagesIn = (spec: any) => new Set(spec.data.values.map((r: any) => r.stage));
    expect(stagesIn(specs.utilisation).has('review')).toBe(false);
    expect(stagesIn(specs['stage-lists']).has('review')).toBe(false);
    expect(stagesIn(specs.bottleneck).has('review')).toBe(true);
  });
});

describe('CSV exports', () => {
  it('summaryCsv has one row per variant × metric with the summary columns', () => {
    const rows = parseCsv(summaryCsv(experiment));
    expect(rows[0]).toEqual([...SUMMARY_COLUMNS]);
    const metricCount = VARIANTS.reduce((n, v) => n + Object.keys(experiment.variants[v]!.metrics).length, 0);
    expect(rows.length - 1).toBe(metricCount);
    const row = rows.find((r) => r[0] === 'more-scans' && r[1] === 'stages.treat.waitingAtEnd')!;
    const s = experiment.variants['more-scans']!.metrics['stages.treat.waitingAtEnd']!;
    expect(row.slice(2, 5)).toEqual(['treat: waiting list at the end', 'patients', 'lower']);
    expect(row.slice(5).map(Number)).toEqual([s.mean, s.sd, s.ci95[0], s.ci95[1], s.min, s.max, s.n]);
  });

  it('seriesCsv has the total and every stage per variant and sample day, with dates', () => {
    const rows = parseCsv(seriesCsv(experiment, { startDate: '2026-01-05' }));
    expect(rows[0]).toEqual([...SERIES_COLUMNS]);
    const days = experiment.variants.base!.series.waiting.day.length;
    expect(rows.length - 1).toBe(VARIANTS.length * (1 + STAGES.length) * days);
    const row = rows.find((r) => r[0] === 'base' && r[1] === 'stage' && r[2] === 'scan' && r[3] === '7')!;
    expect(row[4]).toBe('2026-01-12');
    const band = experiment.variants.base!.series.byStage.scan!;
    expect(row.slice(5).map(Number)).toEqual([band.p5[1], band.median[1], band.p95[1], band.mean[1]]);
    const total = rows.filter((r) => r[1] === 'waiting');
    expect(total.every((r) => r[2] === '')).toBe(true);
  });
});

describe('writeReportBundle', () => {
  it('writes report.html, summary.csv, series.csv, results.json and the chart specs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-bundle-'));
    const files = await writeReportBundle(dir, { experiment, scenario: scenario as never, analyses });
    for (const f of ['report.html', 'summary.csv', 'series.csv', 'results.json']) expect(existsSync(join(dir, f))).toBe(true);
    expect(files.report).toBe(join(dir, 'report.html'));
    const back = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(back.variantNames).toEqual(experiment.variantNames);
    const charts = readdirSync(join(dir, 'charts')).sort();
    expect(charts).toEqual(['answer-stage', 'bottleneck', 'stage-lists', 'stage-waits', 'targets', 'utilisation', 'waiting-list'].map((n) => `${n}.vl.json`));
    const spec = JSON.parse(readFileSync(join(dir, 'charts', 'waiting-list.vl.json'), 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    // no temp files left behind
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('without a scenario writes the data files but no report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-bundle-'));
    const files = await writeReportBundle(dir, { experiment });
    expect(files.report).toBeUndefined();
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
    expect(existsSync(join(dir, 'summary.csv'))).toBe(true);
  });
});

describe('long series', () => {
  it('are thinned for charts (first and last sample kept) so the report stays small', async () => {
    const { thinIndices, MAX_CHART_POINTS } = await import('../../src/report/charts.js');
    const idx = thinIndices(28_572);
    expect(idx.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(28_571);
    expect(thinIndices(10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('the report reads the manifest, not key names', () => {
  it('wait rows only for stages the manifest gives a capacity limit; units and directions from the manifest', () => {
    const sections = metricSections(experiment);
    const waits = sections.find((s) => s.id === 'wait-mean')!;
    expect(waits.rows.map((r) => r.label)).toEqual(['triage', 'scan', 'treat']); // review is unlimited in fixtureScenario
    const edited = structuredClone(experiment);
    edited.manifest!.metrics['stages.scan.waitingAtEnd'] = { unit: 'days', label: 'x', better: 'higher' };
    const row = metricSections(edited)[0]!.rows.find((r) => r.label === 'scan')!;
    expect(row).toMatchObject({ unit: 'days', better: 'higher' });
  });

  it('start date and target ids come from the manifest when no scenario is given', () => {
    const rows = parseCsv(seriesCsv(experiment));
    expect(rows[1]![4]).toBe('2026-01-05');
    const renamed = structuredClone(experiment);
    renamed.manifest!.targets = renamed.manifest!.targets.slice(1);
    expect(metricSections(renamed).find((s) => s.id === 'targets')!.rows.map((r) => r.metric)).toEqual(['targets.treatment-62d.share']);
  });
});
