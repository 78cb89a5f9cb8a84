/**
 * Harm, cost and value rows of the terminal summary (`carepath run`): per variant the cost,
 * QALYs, deaths while waiting and patients upstaged, then against the comparator the ICER (or
 * the dominance case) and the net monetary benefit at the first threshold. The same numbers as
 * the report's "Harm, cost and value" section, in a few columns.
 * @module
 */
import type { CostEffectivenessOptions } from '../experiment/cea.js';
import type { ExperimentResult } from '../experiment/types.js';
import { formatMoney, formatMoneySigned, reportCostEffectiveness } from './economics.js';
import { formatNumber } from './format.js';
import { metricSummary, variantsOf } from './metrics.js';

/** Rows of a titled block: the first row is the title, the rest are label + one cell per variant. */
export interface TextSection {
  /** The block's heading. */
  title: string;
  /** Label followed by one cell per variant. */
  rows: string[][];
}

const HARM_ROWS: readonly (readonly [string, string, 'money' | 'number'])[] = [
  ['Cost', 'economics.cost', 'money'],
  ['QALYs', 'economics.qalys', 'number'],
  ['Deaths while waiting', 'economics.deathsWhileWaiting', 'number'],
  ['Upstaged by delay', 'economics.upstaged', 'number'],
];

/**
 * The harm, cost and value blocks of the terminal summary; empty when the runs carry no
 * economics. `options` are the scenario's `economics:` settings (comparator, effect, thresholds).
 * @example
 * ```ts
 * import { loadScenario, runExperimentSync } from 'carepath';
 * import { economicsTextSections, economicsOptions } from 'carepath/report';
 * const scenario = { ...loadScenario('examples/scenarios/lung-cancer-ai-costed.yaml'), horizon: '4w' };
 * const result = runExperimentSync(scenario, { replications: 2, variants: ['ai-reporting'] });
 * economicsTextSections(result, economicsOptions(scenario)).map((s) => s.title);
 * // [ 'Harm, cost and value (per run, mean)', 'Against base (paired)' ]
 * ```
 */
export function economicsTextSections(experiment: ExperimentResult, options: CostEffectivenessOptions = {}): TextSection[] {
  const computed = reportCostEffectiveness(experiment, options);
  if (computed === undefined) return [];
  const variants = variantsOf(experiment);
  const currency = 'cea' in computed ? computed.cea.currency : 'GBP';
  const harm: string[][] = [];
  for (const [label, metric, kind] of HARM_ROWS) {
    if (!variants.some((v) => metricSummary(experiment, v, metric))) continue;
    harm.push([
      label,
      ...variants.map((v) => {
        const s = metricSummary(experiment, v, metric);
        return s ? (kind === 'money' ? formatMoney(s.mean, currency) : formatNumber(s.mean)) : '–';
      }),
    ]);
  }
  const out: TextSection[] = [{ title: 'Harm, cost and value (per run, mean)', rows: harm }];
  if ('error' in computed) {
    out.push({ title: `Cost-effectiveness: ${computed.error}`, rows: [] });
    return out;
  }
  const { cea } = computed;
  const byVariant = new Map(cea.variants.map((v) => [v.variant, v]));
  const per = cea.effect === 'qalys' ? 'QALY' : 'unit';
  const cells = (f: (v: NonNullable<ReturnType<typeof byVariant.get>>) => string) =>
    variants.map((name) => {
      const v = byVariant.get(name);
      return name === cea.comparator ? 'comparator' : v ? f(v) : '–';
    });
  const rows: string[][] = [
    [
      'ICER',
      ...cells((v) => {
        const i = v.icer;
        if (i.verdict === 'ratio') return `${formatMoney(i.ratio!, currency)}/${per}`;
        if (i.verdict === 'saves-for-less') return `saves ${formatMoney(i.ratio!, currency)}/${per}`;
        return i.verdict === 'identical' ? 'no difference' : i.verdict;
      }),
    ],
  ];
  const threshold = cea.thresholds[0];
  if (threshold !== undefined) {
    const money = (x: number) => formatMoneySigned(x, currency);
    rows.push([`NMB at ${formatMoney(threshold, currency)}/${per}`, ...cells((v) => money(v.netBenefit[0]!.nmb.meanDiff))]);
    // The interval on a row of its own keeps the columns narrow enough for a terminal.
    rows.push([
      '  95% CI',
      ...cells((v) => {
        const nmb = v.netBenefit[0]!.nmb;
        return nmb.n > 1 && nmb.ci95[0] !== nmb.ci95[1] ? `${money(nmb.ci95[0])} to ${money(nmb.ci95[1])}` : '–';
      }),
    ]);
  }
  out.push({ title: `Against ${cea.comparator} (paired)`, rows });
  return out;
}
