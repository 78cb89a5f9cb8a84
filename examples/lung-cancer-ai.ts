// # The lung-cancer AI story: faster diagnosis, longer treatment waits?
//
// Run it:  npx tsx examples/lung-cancer-ai.ts        (about 20 s on two cores)
// (CAREPATH_EXAMPLE_QUICK=1 makes it shorter; charts go to examples/out/lung-cancer-ai/.)
//
// Question: a cancer alliance's radiologists cannot keep up with GP chest X-rays, so a backlog
// grows. AI that reports normal X-rays would clear it — but then more cancers are found sooner,
// and surgery, radiotherapy and chemotherapy (SACT) capacity stays where it is. What happens to
// the treatment lists and to the 28-, 31- and 62-day cancer standards?
//
// The scenario file examples/scenarios/lung-cancer-ai.yaml holds the pathway and three
// variants: `base` (today), `ai-reporting` (AI, treatment unchanged) and
// `ai-reporting-and-treatment` (AI plus a little more treatment capacity).
//
// The imports are the package's own (`carepath`, `carepath/report`, …); in a clone they
// resolve to the sources through tsconfig.json's `paths`, so the examples run without building.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseVariants, loadScenario, parseScenario, runExperiment, type MetricSummary } from 'carepath';
import {
  answerSections,
  bottleneckLabel,
  clampShareInterval,
  formatTextTable,
  renderChartSvg,
  stageListsChartSpec,
  waitingListChartSpec,
} from 'carepath/report';
import { writeReportBundle } from 'carepath/node';

const QUICK = process.env.CAREPATH_EXAMPLE_QUICK === '1';
const OUT = join(process.env.CAREPATH_EXAMPLE_OUT ?? fileURLToPath(new URL('./out/', import.meta.url)), 'lung-cancer-ai');
const FILE = fileURLToPath(new URL('./scenarios/lung-cancer-ai.yaml', import.meta.url));

// ## 1. Load the scenario
// `loadScenario` reads YAML or JSON and checks every field (a mistake is reported with its
// path and line). The quick mode keeps the model and shortens the run to 13 weeks.
const loaded = loadScenario(FILE);
const scenario = QUICK ? parseScenario({ ...loaded, horizon: '13w' }) : loaded;
const variants = ['base', ...Object.keys(scenario.variants ?? {})];

// ## 2. The instant answer from queueing theory
// `analyse` needs no simulation: arrivals against capacity at every stage, at steady state.
// Look for: the bottleneck moving from reporting (today) to surgery (AI alone), and none left
// when treatment grows as well.
const analyses = analyseVariants(scenario);
console.log('Bottleneck by queueing theory (demand as a share of capacity):');
console.log(formatTextTable(variants.map((v) => [v, bottleneckLabel(analyses[v])]), { header: ['variant', 'bottleneck'] }));

// ## 3. Simulate every variant
// Replication r of each variant uses the same random numbers (common random numbers), so the
// differences between variants are due to the variants, not to luck. Worker threads run the
// replications in parallel.
const replications = QUICK ? 2 : 20;
const started = performance.now();
const result = await runExperiment(scenario, { replications, ...(QUICK ? { workers: 1 } : {}) });
console.log(`\n${replications} replications × ${variants.length} variants in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

// ## 4. The numbers that answer the question
// Each metric is summarised over the replications: mean and 95% confidence interval.
// Metric names are paths into one run's result: `stages.<stage>.waitingAtEnd`,
// `targets.<target>.share`, ...
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const count = (x: number) => x.toFixed(0);
// With few runs a t interval can pass 0 or 100%, which no count or share can: trim it.
const withCi = (s: MetricSummary, f: (x: number) => string) => {
  if (s.n < 2) return f(s.mean);
  const [lo, hi] = f === pct ? clampShareInterval(s.ci95) : [Math.max(0, s.ci95[0]), s.ci95[1]];
  return `${f(s.mean)} (${f(lo)} to ${f(hi)})`;
};
const metric = (v: string, path: string) => result.variants[v]!.metrics[path]!;
const rows: [string, string, (x: number) => string][] = [
  ['surgery list at the end', 'stages.surgery.waitingAtEnd', count],
  ['whole waiting list at the end', 'patients.waiting', count],
  ['diagnosed within 28 days (goal 80%)', 'targets.faster-diagnosis-28d.share', pct],
  ['treated within 31 days of decision (goal 96%)', 'targets.treatment-31d.share', pct],
  ['treated within 62 days of referral (goal 85%)', 'targets.treatment-62d.share', pct],
];
console.log(
  formatTextTable(
    [...rows.map(([label, path, f]) => [label, ...variants.map((v) => withCi(metric(v, path), f))]), ['bottleneck (theory)', ...variants.map((v) => bottleneckLabel(analyses[v]))]],
    { header: ['mean (95% CI)', ...variants] },
  ),
);

// ## 5. The answer in words
// Differences against `base` are paired by replication (the same random numbers), so their
// confidence intervals are much narrower than comparing two separate intervals would suggest.
const diff = (v: string, path: string) => result.comparisons[v]![path]!;
const ai = 'ai-reporting';
const both = 'ai-reporting-and-treatment';
const surgery = (v: string) => metric(v, 'stages.surgery.waitingAtEnd').mean.toFixed(0);
const d = diff(ai, 'stages.surgery.waitingAtEnd');
console.log(
  `\nWith AI reporting and treatment capacity unchanged, the surgery waiting list ends at ${surgery(ai)} patients` +
    ` against ${surgery('base')} today (paired difference ${d.meanDiff.toFixed(0)}, 95% CI ${d.ci95[0].toFixed(0)} to ${d.ci95[1].toFixed(0)}).` +
    ` The 28-day diagnosis share goes from ${pct(metric('base', 'targets.faster-diagnosis-28d.share').mean)} to` +
    ` ${pct(metric(ai, 'targets.faster-diagnosis-28d.share').mean)}, while the 31-day treatment share goes from` +
    ` ${pct(metric('base', 'targets.treatment-31d.share').mean)} to ${pct(metric(ai, 'targets.treatment-31d.share').mean)}:` +
    ` the bottleneck moves from ${analyses.base!.bottleneck ?? 'nowhere'} to ${analyses[ai]!.bottleneck ?? 'nowhere'}.` +
    ` With treatment capacity raised as well, the surgery list ends at ${surgery(both)} and the 62-day share is` +
    ` ${pct(metric(both, 'targets.treatment-62d.share').mean)}.`,
);

// The report layer writes the same kind of answer from any results, for any scenario: these are
// the sentences that open report.html.
console.log('\nThe report\u2019s own answer:');
for (const section of answerSections({ experiment: result, analyses })) {
  console.log(`- ${section.variant}: ${section.headline}`);
}

// ## 6. Charts: the waiting list over time, and the surgery list
// Lines are the median over replications; the shaded band holds 90% of the runs. `startDate`
// puts calendar dates on the time axis.
await mkdir(OUT, { recursive: true });
const options = { startDate: scenario.startDate! };
const charts = {
  'waiting-list': waitingListChartSpec(result, options),
  'surgery-list': stageListsChartSpec(result, { ...options, stages: ['surgery'] }),
};
for (const [name, spec] of Object.entries(charts)) {
  await writeFile(join(OUT, `${name}.vl.json`), JSON.stringify(spec, null, 2));
  await writeFile(join(OUT, `${name}.svg`), await renderChartSvg(spec, name));
}

// ## 7. The whole report, as `carepath run` writes it: report.html (email it), CSV and JSON
const files = await writeReportBundle(join(OUT, 'report'), { experiment: result, scenario, analyses, source: 'examples/scenarios/lung-cancer-ai.yaml' });
console.log(`\nCharts in ${OUT}; report: ${files.report}`);
