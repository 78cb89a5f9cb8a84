/**
 * Resolution of `progression` and `economics` into {@link ModelProgression} and
 * {@link ModelEconomics}: rates per day, indices for names, defaults filled in.
 * @module
 */
import type { ModelCost, ModelEconomics, ModelProgression } from './model-economics.js';
import { keysOf } from './scenario-json.js';
import { BASE_VARIANT } from './scenario-names.js';
import { DEFAULT_THRESHOLDS, perDay } from './schema-economics.js';
import type { DrawnScenario } from './schema.js';

/**
 * The resolved progression and economics of a valid scenario, as fields to spread into its
 * model: empty when it has neither, so models without them are exactly as before.
 * @internal
 * @example
 * ```ts
 * import { resolveEconomics } from './resolve-economics.js';
 * const s = { version: 1, name: 'x', horizon: 10, arrivals: { a: { to: 'clinic', rate: { perDay: 1 } } }, stages: { clinic: { capacity: 1 } },
 *   economics: { costs: { licence: { cost: 365, per: 'year' } } } } as const;
 * resolveEconomics(s, [], ['clinic']).economics?.costs[0]; // { id: 'licence', cost: 365, per: 'year', stage: -1, condition: -1, state: -1 }
 * ```
 */
export function resolveEconomics(
  s: DrawnScenario,
  conditions: readonly string[],
  stageIds: readonly string[],
): { progression?: ModelProgression[]; economics?: ModelEconomics } {
  const out: { progression?: ModelProgression[]; economics?: ModelEconomics } = {};
  if (s.progression !== undefined) {
    out.progression = keysOf(s.progression).map((name) => {
      const states = s.progression![name]!.states;
      const ids = keysOf(states);
      return {
        condition: conditions.indexOf(name),
        states: ids,
        atPresentation: ids.map((id) => states[id]!.atPresentation ?? 0),
        toNext: ids.map((id) => perDay(states[id]!.toNext)),
        death: ids.map((id) => perDay(states[id]!.death)),
        qalys: ids.map((id) => states[id]!.qalys ?? 0),
        survival5y: ids.map((id) => states[id]!.survival5y ?? null),
      };
    });
  }
  const e = s.economics;
  if (e !== undefined) {
    const costs: ModelCost[] = keysOf(e.costs).map((id) => {
      const c = e.costs![id]!;
      const condition = c.condition === undefined ? -1 : conditions.indexOf(c.condition);
      const states = c.condition === undefined ? [] : keysOf(s.progression?.[c.condition]?.states);
      return {
        id,
        cost: c.cost,
        per: c.per,
        stage: c.stage === undefined ? -1 : stageIds.indexOf(c.stage),
        condition,
        state: c.state === undefined ? -1 : states.indexOf(c.state),
      };
    });
    out.economics = {
      currency: e.currency ?? 'GBP',
      comparator: e.comparator ?? BASE_VARIANT,
      effect: e.effect ?? 'qalys',
      thresholds: [...(e.thresholds ?? DEFAULT_THRESHOLDS)],
      costs,
    };
  }
  return out;
}
