/**
 * "Things to know": the runs' warnings and the analyses' notes for planners, grouped.
 * @module
 */
import type { Analysis } from '../analysis/types.js';
import type { ExperimentResult } from '../experiment/types.js';
import { replicationCount, variantsOf } from './metrics.js';

/**
 * Warnings of the runs and notes of the analyses, grouped: runs of one variant often warn about
 * the same thing with different numbers, so warnings that differ only in their numbers are shown
 * once (the first one) with how many runs gave them.
 * @internal
 */
export function runWarnings(experiment: ExperimentResult, analyses: Record<string, Analysis>): string[] {
  const groups = new Map<string, { text: string; runs: Map<string, number> }>();
  const add = (text: string, variant: string) => {
    const key = text.replace(/\d[\d,.]*/g, '#');
    const g = groups.get(key) ?? { text, runs: new Map<string, number>() };
    g.runs.set(variant, (g.runs.get(variant) ?? 0) + 1);
    groups.set(key, g);
  };
  const variants = variantsOf(experiment);
  for (const v of variants) {
    for (const r of experiment.variants[v]!.replications) for (const w of r.warnings ?? []) add(w, v);
  }
  const theory = new Map<string, Set<string>>();
  for (const v of variants) {
    const a = analyses[v];
    for (const [i, n] of (a?.notes ?? []).entries()) {
      // Notes about the analysis itself (they name API functions) are for analysts, not for this report.
      if (a?.noteAudience?.[i] === 'analyst') continue;
      theory.set(n, (theory.get(n) ?? new Set()).add(v));
    }
  }
  const n = replicationCount(experiment);
  const out: string[] = [];
  for (const g of groups.values()) {
    const where = [...g.runs].map(([v, k]) => `${v}: ${k} of ${n} runs`).join('; ');
    const total = [...g.runs.values()].reduce((a, b) => a + b, 0);
    out.push(`${g.text} (${where}${total > 1 ? '; figures from one run' : ''})`);
  }
  for (const [note, vs] of theory) {
    out.push(`Theory: ${note}${vs.size === variants.length ? '' : ` (${[...vs].join(', ')})`}`);
  }
  return out;
}
