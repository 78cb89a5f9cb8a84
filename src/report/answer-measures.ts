/**
 * Sentences of the answer about what waiting-time standards do not show: true cases of each
 * condition (delay from first presentation to diagnosis, cases that leave undiagnosed) and
 * patients who gave up waiting. A variant that misses more cases can look better on every
 * standard (fewer patients found, shorter lists); these sentences make the harm visible. Each
 * variant is compared with base and, for true cases, with the variant that leaves the fewest
 * cases undiagnosed (paired by replication, 95% CI).
 * @module
 */
import { pairedDifference } from '../experiment/stats.js';
import { runMetrics } from '../experiment/metrics.js';
import type { Comparison, ExperimentResult } from '../experiment/types.js';
import { formatDays, formatNumber, formatPercent, formatSigned } from './format.js';
import { comparison, isClear, metricSummary, variantsOf } from './metrics.js';

function ci(c: Comparison, format: (v: number) => string): string {
  if (c.n < 2) return 'one run';
  return `95% CI ${formatSigned(c.ci95[0], format)} to ${formatSigned(c.ci95[1], format)}`;
}

/** Paired difference a − b of one metric over the replications both variants ran. */
function paired(experiment: ExperimentResult, a: string, b: string, metric: string): Comparison | undefined {
  const ra = experiment.variants[a]?.replications ?? [];
  const rb = experiment.variants[b]?.replications ?? [];
  if (ra.length === 0 || ra.length !== rb.length) return undefined;
  const va = ra.map((r) => runMetrics(r).get(metric));
  const vb = rb.map((r) => runMetrics(r).get(metric));
  if (va.some((x) => x === undefined) || vb.some((x) => x === undefined)) return undefined;
  return pairedDifference(va as number[], vb as number[]);
}

const clear = (c: Comparison | undefined): c is Comparison => c !== undefined && c.meanDiff !== 0 && (c.n < 2 || isClear(c.ci95));

/** The variant (not base) leaving the fewest true cases of `c` undiagnosed, and how `variant` compares with it. */
function harmAgainstBest(experiment: ExperimentResult, variant: string, c: string): { best: string; left: Comparison; delay?: Comparison } | undefined {
  if (variant === 'base') return undefined;
  const left = `conditions.${c}.undiagnosed`;
  const best = variantsOf(experiment)
    .filter((v) => v !== 'base' && metricSummary(experiment, v, left))
    .sort((a, b) => metricSummary(experiment, a, left)!.mean - metricSummary(experiment, b, left)!.mean)[0];
  if (best === undefined || best === variant) return undefined;
  const pl = paired(experiment, variant, best, left);
  if (!clear(pl) || pl.meanDiff <= 0) return undefined;
  const pd = paired(experiment, variant, best, `conditions.${c}.diagnosis.mean`);
  return { best, left: pl, ...(pd ? { delay: pd } : {}) };
}

/**
 * A headline clause when `variant` clearly leaves more true cases undiagnosed than the variant
 * that misses fewest, e.g. `but 324 more true lung-cancer cases leave undiagnosed than with ai-reporting`.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { missedCaseClause } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * missedCaseClause(result, 'ai-reporting'); // undefined: it misses the fewest
 * ```
 */
export function missedCaseClause(experiment: ExperimentResult, variant: string): string | undefined {
  for (const c of experiment.manifest?.conditions ?? []) {
    const h = harmAgainstBest(experiment, variant, c);
    if (!h) continue;
    const later = h.delay && clear(h.delay) && h.delay.meanDiff > 0 ? ` and true cases wait ${formatDays(h.delay.meanDiff)} days longer for diagnosis` : '';
    return `but ${formatNumber(h.left.meanDiff)} more true ${c} cases leave undiagnosed than with ${h.best}${later}`;
  }
  return undefined;
}

/**
 * Sentences on true cases of each condition for `variant`: against base, and against the
 * variant that leaves the fewest cases undiagnosed when that is another one.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { trueCaseSentences } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * trueCaseSentences(result, 'ai-lower-sensitivity'); // [ 'True lung-cancer cases: …' ]
 * ```
 */
export function trueCaseSentences(experiment: ExperimentResult, variant: string): string[] {
  const out: string[] = [];
  for (const c of experiment.manifest?.conditions ?? []) {
    const delay = `conditions.${c}.diagnosis.mean`;
    const left = `conditions.${c}.undiagnosed`;
    const over = `conditions.${c}.diagnosisOver28`;
    const d = metricSummary(experiment, variant, delay);
    const l = metricSummary(experiment, variant, left);
    const o = metricSummary(experiment, variant, over);
    if (!d || !l || !o) continue;
    let text =
      `True ${c} cases: ${formatDays(d.mean)} days on average from first presentation to diagnosis, ` +
      `${formatPercent(o.mean)} not diagnosed within 28 days, ${formatNumber(l.mean)} left undiagnosed`;
    if (variant !== 'base') {
      const cd = comparison(experiment, variant, delay);
      const cl = comparison(experiment, variant, left);
      if (cd && cl) text += ` (against base: ${formatSigned(cd.meanDiff, formatDays)} days, ${ci(cd, formatDays)}; ${formatSigned(cl.meanDiff, formatNumber)} undiagnosed, ${ci(cl, formatNumber)})`;
    }
    out.push(`${text}.`);
    const h = harmAgainstBest(experiment, variant, c);
    if (h) {
      const delayPart = h.delay ? `; diagnosis ${formatSigned(h.delay.meanDiff, formatDays)} days on average (${ci(h.delay, formatDays)})` : '';
      out.push(
        `Against ${h.best}, ${formatNumber(h.left.meanDiff)} more true ${c} cases leave undiagnosed (${ci(h.left, formatNumber)})${delayPart}: ` +
          `waiting-time standards count only the cases a test finds, so they do not show this.`,
      );
    }
  }
  return out;
}

/**
 * A sentence on patients who gave up waiting (left untreated) when the variant changes it
 * clearly against base, naming the stages that change most.
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { leaverSentences } from 'carepath/report';
 * const result = runExperimentSync({ ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '8w' }, { replications: 2 });
 * leaverSentences(result, 'ai-reporting'); // []: nobody in this pathway gives up waiting
 * ```
 */
export function leaverSentences(experiment: ExperimentResult, variant: string): string[] {
  const all = metricSummary(experiment, variant, 'patients.abandoned');
  if (!all || all.mean === 0) return [];
  const stages = (experiment.manifest?.stages ?? []).map((s) => s.id);
  const byStage = stages
    .map((s) => ({ s, v: metricSummary(experiment, variant, `stages.${s}.abandoned`)?.mean ?? 0 }))
    .filter((x) => x.v > 0)
    .map((x) => `${x.s} ${formatNumber(x.v)}`);
  const where = byStage.length > 0 ? ` (${byStage.join(', ')})` : '';
  if (variant === 'base') return [`Patients who gave up waiting (left untreated): ${formatNumber(all.mean)}${where}.`];
  const cmp = comparison(experiment, variant, 'patients.abandoned');
  if (!clear(cmp)) return [];
  const base = metricSummary(experiment, 'base', 'patients.abandoned');
  return [
    `Patients who gave up waiting (left untreated): ${formatNumber(base?.mean ?? 0)} in base, ${formatNumber(all.mean)} here${where} ` +
      `(${formatSigned(cmp.meanDiff, formatNumber)}; ${ci(cmp, formatNumber)}).`,
  ];
}
