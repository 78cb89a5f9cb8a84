/**
 * The report's table of pools, blocking and overtime: each pool's utilisation, and per stage the
 * patients blocked after finishing, the patient-days they spent blocked, the patients turned away
 * at a full stage, and the overtime worked after sessions close (or into closed days) — pools
 * always, other rows only where some variant has any (overtime: where it is material, at least
 * half a server-day, the report's floor for server-days).
 * @module
 */
import type { ExperimentResult } from '../experiment/types.js';
import type { MetricUnit } from '../pathway/manifest.js';
import { escapeHtml } from './format.js';
import { metricSummary, stageIds, variantsOf } from './metrics.js';
import { formatSummary } from './tables.js';
import { MATERIAL_FLOOR } from './material.js';

/** One row: label, metric path, unit. */
interface Row {
  label: string;
  metric: string;
  unit: MetricUnit;
}

const OVERTIME = ': overtime after closing';

/**
 * The rows of the pools, blocking and overtime table (empty when the experiment has none).
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
  const atLeast = (metric: string, floor: number) => variants.some((v) => (metricSummary(experiment, v, metric)?.mean ?? 0) >= floor);
  const some = (metric: string) => atLeast(metric, Number.MIN_VALUE);
  const pools = experiment.manifest?.pools?.map((p) => p.id) ?? [];
  const rows: Row[] = pools.map((p) => ({ label: `${p}: utilisation`, metric: `pools.${p}.utilisation`, unit: 'share' }));
  for (const s of stageIds(experiment)) {
    rows.push(
      { label: `${s}: patients blocked after finishing`, metric: `stages.${s}.blockedPatients`, unit: 'patients' },
      { label: `${s}: patient-days blocked`, metric: `stages.${s}.blockedDays`, unit: 'days' },
      { label: `${s}: turned away (full)`, metric: `stages.${s}.rejected`, unit: 'patients' },
    );
  }
  const shown = rows.filter((r) => r.metric.startsWith('pools.') || some(r.metric));
  const overtime = stageIds(experiment)
    .map((s): Row => ({ label: `${s}${OVERTIME}`, metric: `stages.${s}.overtime`, unit: 'server-days' }))
    .filter((r) => atLeast(r.metric, MATERIAL_FLOOR['server-days']));
  return [...shown, ...overtime];
}

/**
 * The report section for pools, blocking and overtime, or '' when there is nothing to show.
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
  const hasOvertime = rows.some((r) => r.label.endsWith(OVERTIME));
  const title = rows.every((r) => r.label.endsWith(OVERTIME)) ? 'Overtime' : hasOvertime ? 'Shared pools, blocking and overtime' : 'Shared pools and blocking';
  const overtimeText = hasOvertime
    ? 'Overtime: server-days worked after a session closed (a patient in service finishes) or into a closed day, shown where at least half a server-day.'
    : '';
  const poolsText = title === 'Overtime'
    ? ''
    : "Pools: share of their units' time in use. Blocking: patients who finished a stage but waited there, holding their place, server or slot, because the next stage was full; turned away: patients from outside who found a stage full. ";
  const body = rows
    .map((r) => `<tr><td class="label">${escapeHtml(r.label)}</td>${variants.map((v) => `<td>${escapeHtml(formatSummary(r.unit, metricSummary(experiment, v, r.metric)))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<section id="pools"><h2>${title}</h2>
<p class="lead">${poolsText}${overtimeText}${overtimeText ? ' ' : ''}Mean over replications (95% confidence interval).</p>
<table class="summary">${head}<tbody>
${body}
</tbody></table></section>`;
}
