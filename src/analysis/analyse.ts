/**
 * `analyse`: the instant queueing-theory answer for a scenario (or a resolved model).
 * @module
 */
import { describeValue, invalid } from '../core/errors.js';
import type { Model } from '../pathway/model.js';
import { resolveScenario } from '../pathway/resolve.js';
import type { Scenario } from '../pathway/scenario.js';
import { BASE_VARIANT } from '../pathway/scenario-names.js';
import { variantNames } from '../pathway/variants.js';
import { analyseModel } from './analyse-model.js';
import type { SeasonalityMode } from './inputs.js';
import type { Analysis } from './types.js';

/** Options of {@link analyse}. */
export interface AnalyseOptions {
  /** Variant to apply (default `base`). With a resolved model it must match the model's variant. */
  variant?: string;
  /**
   * Day whose demand and capacity the steady state describes. Default 0: the system as the
   * scenario starts (today's rates, what `initial` lists grow or drain from). Use
   * {@link analyseAt} or `day: model.warmup + model.horizon` for the end of the run.
   */
  day?: number;
  /** How seasonality enters (default `mean`: the year's average multiplier; `month`: the day's month). */
  seasonality?: SeasonalityMode;
}

function isModel(x: Scenario | Model): x is Model {
  return Array.isArray((x as Model).stages);
}

/**
 * Analyses a scenario with queueing theory in about a millisecond: each stage's arrival rate
 * from the traffic equations (routing, test results, class changes, missed returns; saturated
 * stages passing on only their capacity), capacity, utilisation, stability, list growth, the
 * bottleneck, and steady-state waits where a formula applies (Erlang C exact; Allen–Cunneen or
 * Kingman approximations; none for slots and patience). Rates are per day.
 *
 * Steady state at day 0 by default (the scenario's rates before any change); `phases` lists the
 * steady state after each capacity or demand change, and {@link analyseAt} any given day.
 *
 * @example
 * ```ts
 * import { analyse, loadScenario } from 'carepath';
 * const a = analyse(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), { variant: 'ai-reporting' });
 * a.bottleneck;                        // 'surgery'
 * a.stages.surgery.growthPerWeek;      // patients added to the surgery list each week
 * ```
 */
export function analyse(scenario: Scenario | Model, options: AnalyseOptions = {}): Analysis {
  let model: Model;
  if (isModel(scenario)) {
    if (options.variant !== undefined && options.variant !== scenario.variant) {
      throw invalid(
        'variant',
        `the model was resolved for variant ${describeValue(scenario.variant)}, got ${describeValue(options.variant)}; pass the scenario to choose a variant`,
      );
    }
    model = scenario;
  } else {
    model = resolveScenario(scenario, options.variant ?? BASE_VARIANT);
  }
  return analyseModel(model, { day: options.day ?? 0, seasonality: options.seasonality ?? 'mean' });
}

/**
 * The steady state at a given day: the capacity phases and demand (step changes, growth, and
 * seasonality per `seasonality`) in force that day, as if they persisted.
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { analyseAt } from 'carepath/analysis';
 * const scenario = loadScenario('examples/scenarios/england-elective.yaml');
 * const later = analyseAt(scenario, 3 * 365);
 * later.stages; // each stage's load three years in, after demand growth and seasons
 * ```
 */
export function analyseAt(
  scenario: Scenario | Model,
  day: number,
  options: Omit<AnalyseOptions, 'day'> = {},
): Analysis {
  return analyse(scenario, { ...options, day });
}

/**
 * `analyse` for the base case and every variant the scenario declares, in file order: how the
 * bottleneck moves as capacity is added where it was.
 *
 * @example
 * ```ts
 * import { analyseVariants, loadScenario } from 'carepath';
 * const all = analyseVariants(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
 * Object.entries(all).map(([v, a]) => `${v}: ${a.bottleneck ?? 'none'}`);
 * // ['base: reporting', 'ai-reporting: surgery', 'ai-reporting-and-treatment: none', …]
 * ```
 */
export function analyseVariants(
  scenario: Scenario,
  options: Omit<AnalyseOptions, 'variant'> = {},
): Record<string, Analysis> {
  const out: Record<string, Analysis> = {};
  for (const v of [BASE_VARIANT, ...variantNames(scenario)]) out[v] = analyse(scenario, { ...options, variant: v });
  return out;
}

/**
 * The week (counted from the analysed day, 1 = by the end of the first week) by which a stage's
 * waiting list passes `size` patients, starting from its `initial` list: 0 when it already has
 * that many, null when it never will (a stable stage, or one where abandonment settles the list
 * below `size`). A fluid estimate at the analysed day's rates: the list grows by `growthPerWeek`;
 * with patience it approaches `listSettlesAt` exponentially (time constant = mean patience).
 * @example
 * ```ts
 * import { analyse, loadScenario } from 'carepath';
 * import { weekPassing } from 'carepath/analysis';
 * const a = analyse(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
 * weekPassing(a, 'reporting', 10_000); // 24: the reporting list passes 10,000 in week 24
 * ```
 */
export function weekPassing(analysis: Analysis, stageId: string, size: number): number | null {
  const st = Object.prototype.hasOwnProperty.call(analysis.stages, stageId) ? analysis.stages[stageId] : undefined;
  if (!st) {
    throw invalid('stageId', `expected one of ${Object.keys(analysis.stages).join(', ')}, got ${describeValue(stageId)}`);
  }
  if (typeof size !== 'number' || !Number.isFinite(size) || size < 0) {
    throw invalid('size', `expected a number of patients ≥ 0, got ${describeValue(size)}`);
  }
  const q0 = st.initialWaiting;
  if (q0 >= size) return 0;
  if (st.stable || st.growthPerWeek <= 0) return null;
  if (st.listSettlesAt !== null && st.patienceMean !== null) {
    const qStar = st.listSettlesAt;
    if (qStar <= size) return null;
    // Q(t) = Q* + (Q0 − Q*) e^(−t/θ): solve Q(t) = size.
    const days = st.patienceMean * Math.log((qStar - q0) / (qStar - size));
    return Math.max(1, Math.ceil(days / 7 - 1e-9));
  }
  return Math.max(1, Math.ceil((size - q0) / st.growthPerWeek - 1e-9));
}
