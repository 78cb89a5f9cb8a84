/**
 * The report's "Harm, cost and value" section: per variant the cost, QALYs, deaths while
 * waiting, patients upstaged and the stage mix at treatment (with CIs and paired differences),
 * then the cost-effectiveness table and the plane and acceptability charts.
 * @module
 */
import type { CostEffectiveness } from '../experiment/cea.js';
import type { ExperimentResult, MetricSummary } from '../experiment/types.js';
import { effectUnit, formatMoney, formatMoneySigned, icerText, ratioIntervalText } from './economics.js';
import { escapeHtml, formatNumber, formatPercent, formatSigned } from './format.js';
import { comparison, metricSummary, variantsOf } from './metrics.js';

type Kind = 'money' | 'count' | 'qaly';

interface Row {
  label: string;
  metric: string;
  kind: Kind;
}

/** The rows of the harm and cost table, from the metrics the runs carry. @internal */
export function harmRows(experiment: ExperimentResult): Row[] {
  const base = experiment.variants[variantsOf(experiment)[0]!];
  const names = Object.keys(base?.metrics ?? {});
  const rows: Row[] = [
    { label: 'Cost', metric: 'economics.cost', kind: 'money' },
    { label: 'Cost per patient', metric: 'economics.costPerPatient', kind: 'money' },
    { label: 'QALYs', metric: 'economics.qalys', kind: 'qaly' },
    { label: 'Deaths while waiting', metric: 'economics.deathsWhileWaiting', kind: 'count' },
    { label: 'Upstaged by delay', metric: 'economics.upstaged', kind: 'count' },
  ];
  for (const m of names) {
    const item = /^economics\.costs\.(.+)$/.exec(m);
    if (item) rows.push({ label: `Cost: ${item[1]}`, metric: m, kind: 'money' });
  }
  for (const m of names) {
    const mix = /^economics\.conditions\.(.+)\.atTreatment\.([^.]+)$/.exec(m);
    if (mix) rows.push({ label: `${mix[1]}: treated at ${mix[2]}`, metric: m, kind: 'count' });
  }
  return rows.filter((r) => names.includes(r.metric));
}

function fmt(kind: Kind, currency: string): (x: number) => string {
  return kind === 'money' ? (x) => formatMoney(x, currency) : formatNumber;
}

function cell(experiment: ExperimentResult, v: string, r: Row, currency: string): string {
  const s: MetricSummary | undefined = metricSummary(experiment, v, r.metric);
  if (!s) return '<td>–</td>';
  const f = fmt(r.kind, currency);
  const ci = s.ci95[0] === s.ci95[1] ? '' : `<br><span class="ci">${escapeHtml(`${f(s.ci95[0])} to ${f(s.ci95[1])}`)}</span>`;
  const c = v === 'base' ? undefined : comparison(experiment, v, r.metric);
  const signed = (x: number) => (r.kind === 'money' ? formatMoneySigned(x, currency) : formatSigned(x));
  const diff = c
    ? `<br><span class="ci">${escapeHtml(`${signed(c.meanDiff)} vs base${c.n > 1 && c.ci95[0] !== c.ci95[1] ? ` (${signed(c.ci95[0])} to ${signed(c.ci95[1])})` : ''}`)}</span>`
    : '';
  return `<td>${escapeHtml(f(s.mean))}${ci}${diff}</td>`;
}

function harmTableHtml(experiment: ExperimentResult, currency: string): string {
  const variants = variantsOf(experiment);
  const rows = harmRows(experiment);
  const head = `<thead><tr><th>Per run</th>${variants.map((v) => `<th>${escapeHtml(v)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr><td class="label">${escapeHtml(r.label)}</td>${variants.map((v) => cell(experiment, v, r, currency)).join('')}</tr>`).join('\n');
  return `<table class="summary economics">${head}<tbody>\n${body}\n</tbody></table>`;
}

function ceTableHtml(experiment: ExperimentResult, cea: CostEffectiveness): string {
  const cur = cea.currency;
  const unit = effectUnit(experiment, cea.effect);
  const money = (x: number) => formatMoneySigned(x, cur);
  const interval = (lo: number, hi: number, f: (x: number) => string) => (lo === hi ? '' : `<br><span class="ci">${escapeHtml(`${f(lo)} to ${f(hi)}`)}</span>`);
  const head = `<thead><tr><th>Against ${escapeHtml(cea.comparator)}</th><th>Δ cost</th><th>Δ ${escapeHtml(unit.many.replace(/^of /, ''))}</th><th>ICER</th>${cea.thresholds
    .map((t) => `<th>NMB at ${escapeHtml(formatMoney(t, cur))}</th>`)
    .join('')}</tr></thead>`;
  const body = cea.variants
    .map((v) => {
      const range = ratioIntervalText(v.icer, cur);
      const icer = `${escapeHtml(icerText(v.icer, cur, unit.one))}${range ? `<br><span class="ci">${escapeHtml(`95% CI ${range}`)}</span>` : ''}`;
      const nmb = v.netBenefit
        .map((b) => {
          const cls = b.nmb.n > 1 && b.nmb.ci95[0] > 0 ? ' class="good"' : b.nmb.n > 1 && b.nmb.ci95[1] < 0 ? ' class="bad"' : '';
          return `<td${cls}>${escapeHtml(money(b.nmb.meanDiff))}${interval(b.nmb.ci95[0], b.nmb.ci95[1], money)}<br><span class="ci">${escapeHtml(`ahead in ${formatPercent(b.positiveShare, 0)} of runs`)}</span></td>`;
        })
        .join('');
      return `<tr><td class="label">${escapeHtml(v.variant)}</td><td>${escapeHtml(money(v.cost.meanDiff))}${interval(v.cost.ci95[0], v.cost.ci95[1], money)}</td><td>${escapeHtml(formatSigned(v.effect.meanDiff))}${interval(v.effect.ci95[0], v.effect.ci95[1], (x) => formatSigned(x))}</td><td>${icer}</td>${nmb}</tr>`;
    })
    .join('\n');
  return `<table class="comparison economics">${head}<tbody>\n${body}\n</tbody></table>`;
}

function uncertaintyHtml(cea: CostEffectiveness): string {
  const items = cea.variants.flatMap((v) => {
    const u = v.uncertainty;
    if (!u) return [];
    const part = (k: 'cost' | 'effect') => {
      const s = u[k];
      return s ? `${k === 'cost' ? 'Δ cost' : 'Δ effect'}: ${formatPercent(s.parameterShare, 0)} parameter uncertainty, ${formatPercent(s.noiseShare, 0)} simulation noise (${s.dominant === 'parameters' ? 'parameters dominate' : 'noise dominates'})` : '';
    };
    return [`<li>${escapeHtml(`${v.variant}: ${[part('cost'), part('effect')].filter(Boolean).join('; ')}.`)}</li>`];
  });
  if (items.length === 0) return '';
  return `<h3>Parameter uncertainty or simulation noise?</h3>
<p class="lead">Parameters given as distributions are drawn once per run. The share of each increment's spread that a linear regression on the drawn parameters explains (adjusted R²) is parameter uncertainty; the rest is simulation noise (and any non-linear effect of the parameters). More runs narrow only the noise.</p>
<ul>${items.join('')}</ul>`;
}

/**
 * The "Harm, cost and value" section, or '' when the runs carry no economics.
 * @param chart Renders a chart by name (`ce-plane`, `ceac`) as the report's figure, or ''.
 * @internal
 */
export function harmCostValueHtml(
  experiment: ExperimentResult,
  ce: { cea: CostEffectiveness } | { error: string } | undefined,
  chart: (name: string) => string,
): string {
  if (!ce) return '';
  const currency = 'cea' in ce ? ce.cea.currency : 'GBP';
  const parts = [
    `<section id="economics"><h2>Harm, cost and value</h2>`,
    `<p class="lead">Per run, mean over runs with the 95% confidence interval, and the paired difference against base underneath.</p>`,
    harmTableHtml(experiment, currency),
  ];
  if ('error' in ce) parts.push(`<p class="lead">Cost-effectiveness could not be computed: ${escapeHtml(ce.error)}</p>`);
  else if (ce.cea.variants.length > 0) {
    const t = ce.cea.thresholds.map((x) => formatMoney(x, currency)).join(' and ');
    parts.push(
      `<h3>Cost-effectiveness</h3>`,
      `<p class="lead">Each variant against ${escapeHtml(ce.cea.comparator)}, paired by run. ICER: extra cost per unit of extra effect (Fieller 95% interval); when a variant costs less and gains more it is dominant, when it costs more and gains less dominated, and no ratio is quoted. Net monetary benefit (NMB): the effect valued at ${escapeHtml(t)} per unit, minus the extra cost; above 0, worth it at that price.</p>`,
      ceTableHtml(experiment, ce.cea),
      chart('ce-plane'),
      chart('ceac'),
      uncertaintyHtml(ce.cea),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}
