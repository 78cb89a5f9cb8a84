/**
 * Costs of a run, computed after it from what the simulation counted in the measured period:
 * each cost item's unit cost times its count (service starts, tests read, slots offered or used,
 * server-days offered, treatments, true cases treated by state), and fixed costs per period pro
 * rata over the measured horizon. Plus the harm totals of the progression models.
 * @module
 */
import type { ModelCost } from '../model-economics.js';
import type { Model } from '../model.js';
import type { EconomicsResult, ProgressionResult, RunResult } from '../result.js';
import { PERIOD_DAYS } from '../schema-economics.js';
import type { CapacityState } from './capacity-state.js';

/** What the cost items count, besides the run's own result. */
export interface CostCounts {
  /** The run's capacity state at its end (slots offered and used, server-days offered: measured period). */
  capacity: Pick<CapacityState, 'slotsOffered' | 'slotsUsed' | 'offered'>;
  /** Stage index → 1 at a treatment stage. */
  treatStage: Uint8Array;
  /** Condition name → its progression counts. */
  progression: Record<string, ProgressionResult>;
  /** Patients who entered the pathway in the measured period. */
  entered: number;
}

/** The number of units of cost item `c` in a run (the measured period). */
function units(model: Model, run: Omit<RunResult, 'manifest'>, c: ModelCost, k: CostCounts): number {
  const stage = c.stage >= 0 ? run.stages[model.stages[c.stage]!.id]! : undefined;
  switch (c.per) {
    case 'patient':
      return stage!.started;
    case 'test':
      return stage!.completed;
    case 'slot-offered':
      return k.capacity.slotsOffered[c.stage]!;
    case 'slot-used':
      return k.capacity.slotsUsed[c.stage]!;
    case 'server-day':
      return k.capacity.offered[c.stage]!;
    case 'treatment': {
      if (stage !== undefined) return stage.started;
      let n = 0;
      model.stages.forEach((st, s) => {
        if (k.treatStage[s] === 1) n += run.stages[st.id]!.started;
      });
      return n;
    }
    case 'treated': {
      const name = model.conditions[c.condition]!;
      const prog = k.progression[name];
      if (prog === undefined) return run.conditions[name]!.treated;
      return c.state >= 0 ? prog.atTreatment[model.progression!.find((p) => p.condition === c.condition)!.states[c.state]!]! : prog.treated;
    }
    default:
      return model.horizon / PERIOD_DAYS[c.per];
  }
}

/**
 * The economics of a run: every cost item's total, their sum, the cost per patient, and the
 * harm totals over conditions.
 * @internal
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * const s = { ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 73,
 *   economics: { costs: { clinic: { cost: 50, per: 'patient', stage: 'clinic' }, rent: { cost: 3650, per: 'year' } } } };
 * const e = simulate(s).economics!;
 * e.costs.rent; // 730: 73 days of a year's 3,650
 * e.cost === e.costs.clinic + e.costs.rent; // true
 * ```
 */
export function economicsResult(model: Model, run: Omit<RunResult, 'manifest'>, counts: CostCounts): EconomicsResult {
  const costs: Record<string, number> = Object.create(null); // ids are keys: no prototype to collide with
  let cost = 0;
  for (const c of model.economics?.costs ?? []) {
    const total = c.cost * units(model, run, c, counts);
    costs[c.id] = total;
    cost += total;
  }
  let qalys = 0;
  let deaths = 0;
  let upstaged = 0;
  for (const p of Object.values(counts.progression)) {
    qalys += p.qalys;
    deaths += p.deathsWhileWaiting;
    upstaged += p.upstaged;
  }
  return {
    currency: model.economics?.currency ?? 'GBP',
    cost,
    costPerPatient: counts.entered > 0 ? cost / counts.entered : 0,
    costs,
    qalys,
    deathsWhileWaiting: deaths,
    upstaged,
    conditions: counts.progression,
  };
}
