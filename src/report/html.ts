/**
 * The report: one self-contained HTML file (inline CSS, inline SVG charts, no scripts, no links
 * to load) that a planner can email. The answer comes first, in words; then the charts, the
 * tables with confidence intervals, the assumptions and how to reproduce the run.
 * @module
 */
import type { Analysis } from '../analysis/types.js';
import type { ExperimentResult } from '../experiment/types.js';
import type { Scenario } from '../pathway/index.js';
import { answerSections } from './answer.js';
import { economicsOptions, reportCostEffectiveness } from './economics.js';
import { harmCostValueHtml } from './economics-html.js';
import { parameterTablesHtml, patchTableHtml } from './assumptions.js';
import { materialityText, notableChange } from './material.js';
import { reportChartSpecs, stagesWithCapacity, variantColours } from './charts.js';
import { escapeHtml, formatApprox, formatDate, formatDays, formatPeriod, formatNumber, formatPercent, formatSigned, isoStartDate } from './format.js';
import { comparison, limitedStageIds, metricSummary, replicationCount, stageIds, targetDescriptions, variantsOf } from './metrics.js';
import { pathwaySectionHtml } from './diagram/section.js';
import { poolsBlockingHtml } from './pools-table.js';
import { readableNumbers } from './readable-text.js';
import { runWarnings } from './warnings.js';
import { renderChartSvg } from './render-svg.js';
import { panelsHtml, splitFacet } from './panels.js';
import { scenarioInfo, type ScenarioInfo } from './scenario-info.js';
import { REPORT_CSS } from './style.js';
import { betterSign, formatMetric, formatSummary, metricSections, type MetricSection } from './tables.js';

/** Input of {@link renderReport}. */
export interface ReportInput {
  /** The scenario as loaded (its parameters are listed under "Assumptions"). */
  scenario: Scenario;
  /** The experiment to report (from `runExperiment`, or `mergeExperiments` of shards). */
  experiment: ExperimentResult;
  /** Variant name → `analyse(scenario, { variant })`. */
  analyses: Record<string, Analysis>;
  /** The scenario file's path as the user typed it, for the "how to reproduce" command. */
  source?: string;
  /** ISO date of day 0; default: the scenario's `startDate`. */
  startDate?: string;
}

/** Captions under each chart, by chart name. */
const CAPTIONS: Record<string, string> = {
  'answer-stage': 'Each variant has its own dash pattern and a label at the end of its line, so lines that coincide stay visible.',
  'waiting-list':
    'How to read: where the shaded bands of two variants do not overlap, the difference is far larger than chance variation between runs.',
  'stage-lists': 'A list that climbs steadily means that stage cannot keep up with the patients sent to it.',
  'waited-bands': 'The RTT shape: a growing red top means more patients waiting over a year (52, 65 and 78-week waiters).',
  'group-waits': 'Urgent against routine, true cases against the rest: where a variant helps one group at the cost of another.',
  targets: 'A dot left of the red line misses the goal. The whisker is the 95% confidence interval of the mean over runs.',
  'stage-waits': 'Only stages with limited capacity are shown; stages without a limit are pure delays with no list.',
  utilisation: 'Slots or server time used. A stage near 100% has no slack: its list and waits grow.',
  'ce-plane': 'A dot in the lower right costs less and gains more (dominant); upper left costs more and gains less (dominated). The spread of the dots is the uncertainty.',
  ceac: 'Where a line is near 100%, that option is best at that price in almost every run; where lines cross, the choice depends on what one unit of effect is worth.',
  bottleneck:
    'Queueing theory (steady state, instant): arrivals ÷ capacity for each stage. A stage over 100% has a list that grows by the weekly figure shown; orange: a stage that keeps up only because the stage before it holds patients back.',
};

function attr(text: string): string {
  return escapeHtml(text);
}

function colourStyle(colour: string | undefined): string {
  return colour ? ` style="--c:${attr(colour)}"` : '';
}

function badge(variant: string, colours: Record<string, string>): string {
  return `<span class="badge"${colourStyle(colours[variant])}>${escapeHtml(variant)}</span>`;
}

function headerHtml(info: ScenarioInfo, experiment: ExperimentResult, startDate: string | undefined): string {
  const first = experiment.variants[variantsOf(experiment)[0]!]?.replications[0];
  const reps = replicationCount(experiment);
  const nVariants = variantsOf(experiment).length;
  const bits = [
    `${reps} replication${reps === 1 ? '' : 's'} per variant`,
    nVariants === 1 ? 'base case only' : `${nVariants} variants`,
  ];
  if (first) {
    bits.push(`${formatPeriod(first.horizon)} measured${first.warmup > 0 ? ` after ${formatPeriod(first.warmup)} warm-up` : ''}`);
  }
  if (startDate) bits.push(`from ${formatDate(startDate)}`);
  bits.push(`seed ${experiment.seed}`);
  return `<header class="top">
<div class="kicker">carepath · capacity simulation report</div>
<h1>${escapeHtml(info.name)}</h1>
${info.description ? `<p class="desc">${escapeHtml(info.description)}</p>` : ''}
<p class="meta">${bits.map(escapeHtml).join(' · ')}</p>
</header>`;
}

function answerHtml(input: ReportInput, info: ScenarioInfo, colours: Record<string, string>, answerChart = ''): string {
  const ce = reportCostEffectiveness(input.experiment, economicsOptions(input.scenario));
  const sections = answerSections({
    experiment: input.experiment,
    analyses: input.analyses,
    variantDescriptions: info.variantDescriptions,
    ...(ce && 'cea' in ce ? { costEffectiveness: ce.cea } : {}),
  });
  const headlines = sections
    .map((s) => `<li${colourStyle(colours[s.variant])}>${escapeHtml(s.headline)}</li>`)
    .join('\n');
  const cards = sections
    .map(
      (s) => `<div class="card"${colourStyle(colours[s.variant])}>
<h3>${badge(s.variant, colours)}</h3>
${s.description ? `<p class="vdesc">${escapeHtml(s.description)}</p>` : s.variant === 'base' ? '<p class="vdesc">The scenario as written, without any variant.</p>' : ''}
<ul>${s.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>
</div>`,
    )
    .join('\n');
  const notes = runWarnings(input.experiment, input.analyses);
  const notesHtml =
    notes.length === 0
      ? ''
      : `<div class="notes"><h3>Things to know</h3><ul>${notes
          .slice(0, 15)
          .map((n) => `<li>${escapeHtml(readableNumbers(n))}</li>`)
          .join('')}${notes.length > 15 ? `<li>… and ${notes.length - 15} more (see results.json)</li>` : ''}</ul></div>`;
  return `<section class="answer" id="answer">
<h2>The answer</h2>
<ul class="headlines">
${headlines}
</ul>
${answerChart}
<div class="cards">
${cards}
</div>
${notesHtml}
</section>`;
}

/** Width of the charts drawn for narrow screens (phones), shown instead of the wide ones below 600 px. */
const NARROW_WIDTH = 360;

/** Charts drawn once, at the phone's width, that the page lays out side by side where there is room. */
const DRAWN_ONCE = new Set(['stage-lists', 'stage-waits', 'utilisation']);

function figure(name: string, svg: string, narrow: string | undefined): string {
  const caption = CAPTIONS[name];
  return `<figure class="chart${narrow ? '' : ' once'}" id="chart-${attr(name)}" data-chart="${attr(name)}">
${narrow ? `<div class="wide">${svg}</div><div class="narrow">${narrow}</div>` : svg}
${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}
</figure>`;
}

function summaryTableHtml(experiment: ExperimentResult, sections: MetricSection[], colours: Record<string, string>): string {
  const variants = variantsOf(experiment);
  const head = `<thead><tr><th>Metric</th>${variants.map((v) => `<th><span class="swatch"${colourStyle(colours[v])}></span>${escapeHtml(v)}</th>`).join('')}</tr></thead>`;
  const body = sections
    .map((sec) => {
      const rows = sec.rows
        .map((r) => {
          const cells = variants
            .map((v) => {
              const s = metricSummary(experiment, v, r.metric);
              if (!s) return '<td>–</td>';
              const full = formatSummary(r.unit, s);
              const main = formatMetric(r.unit, s.mean);
              const ci = full === main ? '' : `<br><span class="ci">${escapeHtml(full.slice(main.length).trim())}</span>`;
              return `<td>${escapeHtml(main)}${ci}</td>`;
            })
            .join('');
          return `<tr><td class="label">${escapeHtml(r.label)}</td>${cells}</tr>`;
        })
        .join('\n');
      return `<tr class="section"><td colspan="${variants.length + 1}">${escapeHtml(sec.title)}</td></tr>\n${rows}`;
    })
    .join('\n');
  return `<table class="summary">${head}<tbody>\n${body}\n</tbody></table>`;
}

function comparisonTableHtml(experiment: ExperimentResult, sections: MetricSection[], colours: Record<string, string>): string {
  const others = variantsOf(experiment).filter((v) => v !== 'base');
  if (others.length === 0 || !experiment.variants.base) return '';
  const head = `<thead><tr><th>Metric</th>${others.map((v) => `<th><span class="swatch"${colourStyle(colours[v])}></span>${escapeHtml(v)} − base</th>`).join('')}</tr></thead>`;
  const body = sections
    .map((sec) => {
      const rows = sec.rows
        .map((r) => {
          const cells = others
            .map((v) => {
              const c = comparison(experiment, v, r.metric);
              if (!c) return '<td>–</td>';
              const fmt = r.unit === 'share' ? (x: number) => `${(x * 100).toFixed(1)} pts` : (x: number) => formatNumber(x);
              const dir = notableChange(c, metricSummary(experiment, 'base', r.metric)?.mean, r.unit);
              const better = betterSign(r.better);
              const cls = dir === 0 || better === 0 ? '' : dir * better > 0 ? ' class="good"' : ' class="bad"';
              const ci = c.n > 1 && c.ci95[0] !== c.ci95[1] ? `<br><span class="ci">${escapeHtml(`${formatSigned(c.ci95[0], fmt)} to ${formatSigned(c.ci95[1], fmt)}`)}</span>` : '';
              return `<td${cls}>${escapeHtml(formatSigned(c.meanDiff, fmt))}${ci}</td>`;
            })
            .join('');
          return `<tr><td class="label">${escapeHtml(r.label)}</td>${cells}</tr>`;
        })
        .join('\n');
      return `<tr class="section"><td colspan="${others.length + 1}">${escapeHtml(sec.title)}</td></tr>\n${rows}`;
    })
    .join('\n');
  return `<h3>Differences against base</h3>
<p class="lead">Paired differences (same random numbers in every variant), mean and 95% confidence interval. Coloured only when a change is both clear (its confidence interval excludes 0) and material (${escapeHtml(materialityText())}): green better, red worse; plain otherwise, or when neither direction is better.</p>
<table class="comparison">${head}<tbody>\n${body}\n</tbody></table>`;
}

function analysisTablesHtml(experiment: ExperimentResult, analyses: Record<string, Analysis>, colours: Record<string, string>): string {
  const variants = variantsOf(experiment).filter((v) => analyses[v]);
  if (variants.length === 0) return '';
  const stages = stageIds(experiment);
  const head = `<thead><tr><th>Stage</th>${variants.map((v) => `<th><span class="swatch"${colourStyle(colours[v])}></span>${escapeHtml(v)}</th>`).join('')}</tr></thead>`;
  const row = (label: string, cell: (a: Analysis, s: string) => string, unstableCheck = false) =>
    stages
      .map(
        (s) =>
          `<tr><td class="label">${escapeHtml(s)}</td>${variants
            .map((v) => {
              const st = analyses[v]!.stages[s];
              const cls = unstableCheck && st && !st.stable ? ' class="unstable"' : '';
              return `<td${cls}>${st ? escapeHtml(cell(analyses[v]!, s)) : '–'}</td>`;
            })
            .join('')}</tr>`,
      )
      .join('\n')
      .replace(/^/, `<tr class="section"><td colspan="${variants.length + 1}">${escapeHtml(label)}</td></tr>\n`);
  const finite = (x: number) => Number.isFinite(x);
  const body = [
    row('Arrivals (patients a week)', (a, s) => formatNumber(a.stages[s]!.arrivalRate * 7)),
    row('Capacity (patients a week)', (a, s) => (finite(a.stages[s]!.capacityRate) ? formatNumber(a.stages[s]!.capacityRate * 7) : 'no limit')),
    row('Arrivals ÷ capacity', (a, s) => (finite(a.stages[s]!.capacityRate) ? formatPercent(a.stages[s]!.utilisation, 0) : '–'), true),
    row('Demand ÷ capacity if every stage before it kept up', (a, s) =>
      finite(a.stages[s]!.capacityRate) && a.stages[s]!.demandUtilisation !== undefined ? formatPercent(a.stages[s]!.demandUtilisation, 0) : '–',
    ),
    row('List growth a week', (a, s) => (a.stages[s]!.growthPerWeek > 0 ? `+${formatApprox(a.stages[s]!.growthPerWeek)}` : '0'), true),
    row('Steady-state mean wait (days)', (a, s) => {
      const w = a.stages[s]!.wait;
      return w.mean === null ? `– (${w.method === 'none' ? 'no formula' : w.method})` : `${formatDays(w.mean)} (${w.method})`;
    }),
  ].join('\n');
  return `<h3>Queueing-theory figures per stage</h3>
<table class="analysis">${head}<tbody>\n${body}\n</tbody></table>`;
}

function assumptionsHtml(scenario: Scenario, info: ScenarioInfo, colours: Record<string, string>): string {
  const { variants, ...base } = scenario as Record<string, unknown>;
  const variantBlocks = Object.entries((variants ?? {}) as Record<string, Record<string, unknown>>)
    .map(([name, v]) => {
      const ext = info.variantExtends[name];
      return `<div class="variant-patch">
<h4>${badge(name, colours)}</h4>
${info.variantDescriptions[name] ? `<p>${escapeHtml(info.variantDescriptions[name]!)}</p>` : ''}
${ext ? `<p>Applied on top of ${badge(ext, colours)}.</p>` : ''}
${patchTableHtml(v.patch)}
</div>`;
    })
    .join('\n');
  const nStages = Object.keys((base.stages ?? {}) as object).length;
  return `<section id="assumptions">
<h2>Assumptions</h2>
<details class="assumptions"><summary>Every parameter of the scenario as simulated (${nStages} stage${nStages === 1 ? '' : 's'}${variantBlocks ? `, ${Object.keys(variants as object).length} variants` : ''})</summary>
<p class="lead">Durations in days unless a unit is given; rates per the unit shown.</p>
${parameterTablesHtml(base)}
${variantBlocks ? `<h3>Variants</h3><p class="lead">Each variant changes only the settings listed (a JSON Merge Patch over the scenario above).</p>\n${variantBlocks}` : ''}
</details>
</section>`;
}

/**
 * The command that reproduces this experiment.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { reproduceCommand } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * reproduceCommand(result, 'examples/scenarios/lung-cancer-ai.yaml');
 * // 'npx carepath run examples/scenarios/lung-cancer-ai.yaml --replications 2 --seed 2026'
 * ```
 */
export function reproduceCommand(experiment: ExperimentResult, source?: string): string {
  const file = source ?? 'SCENARIO.yaml';
  const quoted = /^[\w./@:+-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
  const parts = ['npx carepath run', quoted, `--replications ${replicationCount(experiment)}`, `--seed ${experiment.seed}`];
  return parts.join(' ');
}

function footerHtml(experiment: ExperimentResult, source: string | undefined): string {
  const m = experiment.meta;
  const items: [string, string][] = [
    ['Seed', String(experiment.seed)],
    ['Replications', `${replicationCount(experiment)} per variant (indices ${formatIndexRanges(experiment.replicationIndices)})`],
    ['carepath', m?.carepathVersion ?? 'unknown'],
    ['Node.js', m?.nodeVersion ?? 'unknown'],
    ['Run', m ? (m.reproducible ? `${m.startedAt} (reproducible output: no wall time or host recorded)` : `${m.startedAt}, ${formatNumber(m.wallSeconds)} s on ${m.workers} worker${m.workers === 1 ? '' : 's'}`) : 'unknown'],
  ];
  if (m?.shard) items.push(['Shard', `${m.shard.index} of ${m.shard.count} (a part of a larger experiment)`]);
  if (m?.partial) items.push(['Partial', `${m.partial.present} of ${m.partial.expected ?? 'an unknown number of'} planned replications: merged with parts missing`]);
  return `<footer>
<dl>${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<p>Reproduce: <code>${escapeHtml(reproduceCommand(experiment, source))}</code> (the same seed and replications give the same numbers).</p>
<p>Intervals are 95% confidence intervals of the mean over replications (Student t; intervals of shares are shown cut at 0% and 100%); bands in charts show where 90% of runs fall. Differences between variants are paired: each replication uses the same random numbers in every variant.</p>
</footer>`;
}

/** `0–19` or `0–4, 10–14`. */
function formatIndexRanges(indices: number[]): string {
  if (indices.length === 0) return 'none';
  const parts: string[] = [];
  let start = indices[0]!;
  let prev = start;
  for (const i of [...indices.slice(1), NaN]) {
    if (i === prev + 1) {
      prev = i;
      continue;
    }
    parts.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = i;
    prev = i;
  }
  return parts.join(', ');
}

/**
 * Start date used by the report: the explicit one, else the scenario's, else the one the
 * experiment's manifest recorded.
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { reportStartDate } from 'carepath/report';
 * const scenario = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
 * reportStartDate({ scenario }); // '2026-01-05'
 * reportStartDate({ scenario, startDate: '2027-04-01' }); // '2027-04-01'
 * ```
 */
export function reportStartDate(input: { scenario?: unknown; startDate?: string; experiment?: ExperimentResult }): string | undefined {
  return isoStartDate(input.startDate) ?? scenarioInfo(input.scenario).startDate ?? isoStartDate(input.experiment?.manifest?.startDate);
}

/**
 * Renders the report as one self-contained HTML string: title and description, the answer in
 * words, charts (inline SVG), tables with 95% confidence intervals, the assumptions and a footer
 * with the seed, versions and the command that reproduces it.
 *
 * @example
 * const html = await renderReport({ scenario, experiment, analyses });
 * writeFileSync('report.html', html);
 */
export async function renderReport(input: ReportInput): Promise<string> {
  const { experiment, analyses } = input;
  const info = scenarioInfo(input.scenario, experiment.scenario);
  const startDate = reportStartDate(input);
  const colours = variantColours(variantsOf(experiment));
  const chartOptions = { ...(startDate ? { startDate } : {}), targetDescriptions: { ...targetDescriptions(experiment), ...info.targetDescriptions } };
  const economics = economicsOptions(input.scenario);
  const specs = reportChartSpecs({ experiment, analyses, options: chartOptions, economics });
  // Static SVG cannot reflow, so a chart is drawn for the page and for a phone; small multiples
  // are drawn once, as panels the page lays out.
  const narrowSpecs = reportChartSpecs({ experiment, analyses, options: { ...chartOptions, width: NARROW_WIDTH }, economics });
  const svgs: Record<string, string> = {};
  const narrow: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) if (!DRAWN_ONCE.has(name)) svgs[name] = await renderChartSvg(spec, `c-${name}`);
  for (const [name, spec] of Object.entries(narrowSpecs)) {
    // Small multiples are drawn once, panel by panel at the phone's width, and reflow; so are the
    // two bar charts, which sit side by side on a wide screen.
    const panels = name === 'stage-lists' ? splitFacet(spec) : undefined;
    if (panels) svgs[name] = await panelsHtml(name, panels);
    else if (DRAWN_ONCE.has(name)) svgs[name] = await renderChartSvg(spec, `c-${name}`);
    else narrow[name] = await renderChartSvg(spec, `n-${name}`);
  }
  const chart = (name: string) => (svgs[name] ? figure(name, svgs[name]!, narrow[name]) : '');
  const limited = limitedStageIds(experiment) ?? (Object.keys(analyses).length > 0 ? stagesWithCapacity(stageIds(experiment), analyses) : undefined);
  const sections = metricSections(experiment, limited);

  const body = [
    headerHtml(info, experiment, startDate),
    answerHtml(input, info, colours, chart('answer-stage')),
    pathwaySectionHtml(input.scenario, analyses, variantsOf(experiment)),
    `<section id="lists"><h2>Waiting lists over time</h2>${chart('waiting-list')}${chart('stage-lists')}${chart('waited-bands')}</section>`,
    svgs.targets ? `<section id="standards"><h2>Waiting-time standards</h2>${chart('targets')}</section>` : '',
    `<section id="stages"><h2>Waits and utilisation by stage</h2>${chart('stage-waits')}${chart('group-waits')}${chart('utilisation')}</section>`,
    poolsBlockingHtml(experiment),
    svgs.bottleneck
      ? `<section id="bottleneck"><h2>The bottleneck (theory)</h2>${chart('bottleneck')}${analysisTablesHtml(experiment, analyses, colours)}</section>`
      : '',
    harmCostValueHtml(experiment, reportCostEffectiveness(experiment, economics), chart),
    `<section id="tables"><h2>Results with confidence intervals</h2>
<p class="lead">Mean over replications, with the 95% confidence interval underneath.</p>
${summaryTableHtml(experiment, sections, colours)}
${comparisonTableHtml(experiment, sections, colours)}</section>`,
    assumptionsHtml(input.scenario, info, colours),
    footerHtml(experiment, input.source),
  ].join('\n');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="carepath ${attr(experiment.meta?.carepathVersion ?? '')}">
<title>${escapeHtml(info.name)} — carepath report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
