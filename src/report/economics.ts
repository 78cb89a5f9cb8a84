/**
 * The report's view of health economics: options from the scenario's `economics:` section, the
 * cost-effectiveness of the experiment (or why it cannot be computed), money and ICERs in words.
 * @module
 */
import { costEffectiveness, type CostEffectiveness, type CostEffectivenessOptions, type Icer } from '../experiment/cea.js';
import { hasEconomics, QALY_EFFECT } from '../experiment/cea-input.js';
import type { RatioInterval } from '../experiment/fieller.js';
import type { ExperimentResult } from '../experiment/types.js';
import { formatNumber } from './format.js';
import { threeDigits } from './intl.js';
import { metricInfo } from './metrics.js';

/**
 * Cost-effectiveness options from a scenario's `economics:` section (comparator, effect,
 * thresholds); empty when it has none.
 * @example
 * ```ts
 * import { economicsOptions } from 'carepath/report';
 * economicsOptions({ economics: { comparator: 'base', thresholds: [20000] } }); // { comparator: 'base', thresholds: [ 20000 ] }
 * ```
 */
export function economicsOptions(scenario: unknown): CostEffectivenessOptions {
  const e = (scenario as { economics?: Record<string, unknown> } | undefined)?.economics;
  if (typeof e !== 'object' || e === null) return {};
  const out: CostEffectivenessOptions = {};
  if (typeof e.comparator === 'string') out.comparator = e.comparator;
  if (typeof e.effect === 'string') out.effect = e.effect;
  if (Array.isArray(e.thresholds) && e.thresholds.every((t) => typeof t === 'number')) out.thresholds = e.thresholds as number[];
  return out;
}

/**
 * The experiment's cost-effectiveness for the report: undefined when the runs carry no
 * economics, `{ error }` when the options do not fit the results (the report says why instead
 * of failing).
 * @internal
 */
export function reportCostEffectiveness(experiment: ExperimentResult, options: CostEffectivenessOptions): { cea: CostEffectiveness } | { error: string } | undefined {
  if (!hasEconomics(experiment)) return undefined;
  try {
    return { cea: costEffectiveness(experiment, options) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const SYMBOLS: Record<string, string> = { GBP: '£', EUR: '€', USD: '$' };

/**
 * An amount of money for reading: `£2,100`, `£1.25 million`, `−£300`.
 * @example
 * ```ts
 * import { formatMoney } from 'carepath/report';
 * [formatMoney(2100.4), formatMoney(-300), formatMoney(1_254_000), formatMoney(50, 'NOK')]; // [ '£2,100', '−£300', '£1.25 million', 'NOK 50' ]
 * ```
 */
export function formatMoney(value: number, currency = 'GBP'): string {
  if (!Number.isFinite(value)) return '–';
  const symbol = SYMBOLS[currency];
  const abs = Math.abs(value);
  const body = abs >= 1e6 ? `${threeDigits().format(abs / 1e6)} million` : formatNumber(abs >= 100 ? Math.round(abs) : abs);
  const text = symbol ? `${symbol}${body}` : `${currency} ${body}`;
  return value < 0 ? `−${text}` : text;
}

/** A signed amount: `+£2,100`, `−£300`. @internal */
export function formatMoneySigned(value: number, currency: string): string {
  if (!Number.isFinite(value)) return '–';
  return value > 0 ? `+${formatMoney(value, currency)}` : formatMoney(value, currency);
}

/** The unit of the effect: `QALY` (singular), or the metric's label. @internal */
export function effectUnit(experiment: ExperimentResult, effect: string): { one: string; many: string } {
  if (effect === QALY_EFFECT) return { one: 'QALY', many: 'QALYs' };
  const label = metricInfo(experiment, effect)?.label ?? effect;
  return { one: `unit of ${label}`, many: `of ${label}` };
}

/** The ICER (or the dominance case) in a few words. @internal */
export function icerText(icer: Icer, currency: string, unit: string): string {
  switch (icer.verdict) {
    case 'ratio':
      return `${formatMoney(icer.ratio!, currency)} per ${unit} gained`;
    case 'dominant':
      return 'dominant: costs no more and gains more';
    case 'dominated':
      return 'dominated: costs no less and gains less';
    case 'saves-for-less':
      return `saves ${formatMoney(icer.ratio!, currency)} per ${unit} given up`;
    default:
      return 'no difference in cost or effect';
  }
}

/**
 * Fieller's confidence set of the ICER in words, or '' where no ratio is quoted (dominance: a
 * signed ratio there would read as a price). A negative lower end of a ratio's interval means
 * the variant may cost less while gaining more: it reads "dominant".
 * @internal
 */
export function ratioIntervalText(icer: Icer, currency: string): string {
  const ci: RatioInterval = icer.ci95;
  if (icer.verdict !== 'ratio' && icer.verdict !== 'saves-for-less') return '';
  if (ci.kind === 'interval') {
    const lower = icer.verdict === 'ratio' && ci.lower < 0 ? 'dominant' : formatMoney(ci.lower, currency);
    return `${lower} to ${formatMoney(ci.upper, currency)}`;
  }
  if (ci.kind === 'outside') return `below ${formatMoney(ci.lower, currency)} or above ${formatMoney(ci.upper, currency)} (the effect may be zero)`;
  return 'unbounded (the effect may be zero)';
}
