/**
 * The resolved form of `progression` and `economics` (see {@link Model.progression} and
 * {@link Model.economics}): rates per day, names turned into indices, defaults filled in.
 * @module
 */
import type { CostBasis } from './schema-economics.js';

/** How one condition's true cases move through ordered states while undiagnosed or untreated. */
export interface ModelProgression {
  /** Index into {@link Model.conditions}. */
  condition: number;
  /** State ids, earliest first. */
  states: string[];
  /** Share of true cases in each state at first presentation (sums to 1). */
  atPresentation: number[];
  /** Rate per day of moving to the next state (0: stays; always 0 for the last state). */
  toNext: number[];
  /** Hazard per day of death while waiting in each state (0: none). */
  death: number[];
  /** Expected QALYs of a patient treated in each state. */
  qalys: number[];
  /** Five-year survival when treated in each state, or null where not given (reference only). */
  survival5y: (number | null)[];
}

/** One unit cost attached to a count of the simulation. */
export interface ModelCost {
  /** The item's id (its key under `economics.costs`). */
  id: string;
  /** Cost of one unit, in the currency. */
  cost: number;
  /** What a unit is (see `COST_BASES`). */
  per: CostBasis;
  /** Stage index counted, or -1 (all treatment stages for `treatment`; a label only for fixed costs). */
  stage: number;
  /** Condition index (`per: treated`), or -1. */
  condition: number;
  /** State index within the condition's progression (`per: treated`), or -1 for any state. */
  state: number;
}

/** Costs and the settings of the cost-effectiveness comparison. */
export interface ModelEconomics {
  /** ISO 4217 code of every cost. */
  currency: string;
  /** Variant every other one is compared with. */
  comparator: string;
  /** `qalys` or a metric path. */
  effect: string;
  /** Willingness to pay per unit of effect. */
  thresholds: number[];
  /** Cost items in file order. */
  costs: ModelCost[];
}
