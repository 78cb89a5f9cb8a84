/**
 * The report's table of pools and blocking: each pool's utilisation, and per stage the patients
 * blocked after finishing, the patient-days they spent blocked and the patients turned away at a
 * full stage — shown only where a scenario has pools or places, and rows only where some variant
 * has any.
 * @module
 */
import type { ExperimentResult } from '../experiment/types.js';
import type { MetricUnit } from '../pathway/manifest.js';
import { escapeHtml } from './format.js';
import { metricSummary, stageIds, variantsOf } from './metrics.js';
import { formatSummary } from './tables.js';

/** One row: label, metric path, unit. */
interface Row {
  label: string;
  metric: string;
  unit: MetricUnit;
}

/**
 * The rows of the pools-and-blocking table (empty when the experiment has neither).
 * @internal
 * @example
 * ```ts
 * import { loadExample, runExperimentSync } from 'carepath';
 * import { poolsBlockingRows } from './pools-table.js';
 * const result = runExperimentSync({ ...loadExample('surgical-pathway'), horizon: '8w' }, { replications: 2 });
 * poolsBlockingRows(result).map((r) => r.label); // [ 'surgeons: utilisation', … ]
 * ```
 */
export function poolsBlockingRows(experiment: ExperimentResult): Row[] {
  const variants = variantsOf(experiment);
  const some = (metric: string) => variants.some((v) => (metricSummary(experiment, v, metric)?.mean ?? 0) > 0);
  const pools = experiment.manifest?.pools?.map((p) => p.id) ?? [];
  const rows: Row[] = pools.map((p) => ({ label: `${p}: utilisation`, metric: `pools.${p}.utilisation`, unit: 'share' }));
  for (const s of stageIds(experiment)) {
    rows.push(
      { label: `${s}: patients blocked after finishing`, metric: `stages.${s}.blockedPatients`, unit: 'patients' },
      { label: `${s}: patient-days blocked`, metric: `stages.${s}.blockedDays`, unit: 'days' },
      { label: `${s}: turned away (full)`, metric: `stages.${s}.rejected`, unit: 'patients' },
    );
  }
  return rows.filter((r) => r.metric.startsWith('pools.') || some(r.metric));
}

/**
 * The report section for pools and blocking, or '' when there is nothing to show.
 * @internal
 * @example
 * ```ts
 * import { loadExample, runExperimentSync } from 'carepath';
 * import { poolsBlockingHtml } from './pools-table.js';
 * const result = runExperimentSync({ ...loadExample('surgical-pathway'), horizon: '8w' }, { replications: 2 });
 * poolsBlockingHtml(result).startsWith('<section id="pools">'); // true
 * ```
 */
export function poolsBlockingHtml(experiment: ExperimentResult): string {
  const rows = poolsBlockingRows(experiment);
  if (rows.length === 0) return '';
  const variants = variantsOf(experiment);
  const head = `<thead><tr><th>Pool or stage</th>${variants.map((v) => `<th>${escapeHtml(v)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((r) => `<tr><td class="label">${escapeHtml(r.label)}</td>${variants.map((v) => `<td>${escapeHtml(formatSummary(r.unit, metricSummary(experiment, v, r.metric)))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<section id="pools"><h2>Shared pools and blocking</h2>
<p class="lead">Pools: share of their units' time in use. Blocking: patients who finished a stage but waited there, holding their place, server or slot, because the next stage was full; turned away: patients from outside who found a stage full. Mean over replications (95% confidence interval).</p>
<table class="summary">${head}<tbody>
${body}
</tbody></table></section>`;
}
