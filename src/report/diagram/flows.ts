/**
 * The flows a pathway diagram draws: per stage, weekly arrivals; per arrow, the weekly volume
 * and the share of the stage's output it carries. From the same flow balance `analyse` solves
 * (traffic equations, saturated stages passing on only their capacity), at day 0 with the
 * year's mean seasonality, so the numbers match the analysis beside them.
 * @module
 */
import { solveCappedFlow } from '../../analysis/flow.js';
import { arrivalRateAt } from '../../analysis/inputs.js';
import type { Analysis } from '../../analysis/types.js';
import type { Model } from '../../pathway/model.js';

/** One arrow of the diagram: patients a week from one stage to the next. */
export interface FlowEdge {
  /** Stage id the patients leave. */
  from: string;
  /** Stage id they join. */
  to: string;
  /** Patients a week along this arrow. */
  perWeek: number;
  /** Share of the `from` stage's output that takes this arrow (0–1). */
  share: number;
}

/** A stage's place in the flow. */
export interface FlowStage {
  /** Stage id. */
  id: string;
  /** Patients a week arriving (effective: what saturated stages upstream let through). */
  arrivalsPerWeek: number;
  /** New patients a week arriving from outside the pathway. */
  newPerWeek: number;
  /** Patients a week the stage can serve (Infinity for no limit). */
  capacityPerWeek: number;
  /** Arrivals ÷ capacity (0 for no limit). */
  utilisation: number;
  /** Patients a week leaving the pathway after this stage. */
  exitPerWeek: number;
  /** Share of the stage's output that leaves the pathway (0–1). */
  exitShare: number;
}

/** The flow balance of one variant, by stage and arrow, in scenario order. */
export interface PathwayFlows {
  /** Stages in scenario order. */
  stages: FlowStage[];
  /** Arrows with a positive flow, ordered by source stage then target stage. */
  edges: FlowEdge[];
  /** The bottleneck stage from the analysis, or null. */
  bottleneck: string | null;
}

/**
 * Weekly flows of a resolved model, with capacities and the bottleneck taken from its analysis.
 * @example
 * ```ts
 * import { analyse, loadScenario, resolveScenario } from 'carepath';
 * import { pathwayFlows } from 'carepath/report';
 * const model = resolveScenario(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
 * const flows = pathwayFlows(model, analyse(model));
 * flows.edges[0]; // { from: 'reporting', to: 'ct', perWeek: about 111, share: about 0.06 }
 * ```
 */
export function pathwayFlows(model: Model, analysis: Analysis): PathwayFlows {
  const ids = model.stages.map((s) => s.id);
  const capacity = ids.map((id) => analysis.stages[id]?.capacityRate ?? Infinity);
  const external = model.arrivals.map((a) => arrivalRateAt(a, analysis.day, model.startDate, 'mean'));
  const { flow } = solveCappedFlow(model, external, capacity);
  const edges: FlowEdge[] = [];
  const stages = ids.map((id, i) => {
    const row = flow.between[i]!;
    const out = row.reduce((a, b) => a + b, 0) + flow.exits[i]!;
    row.forEach((x, j) => {
      if (x > 0) edges.push({ from: id, to: ids[j]!, perWeek: x * 7, share: out > 0 ? x / out : 0 });
    });
    const cap = capacity[i]!;
    return {
      id,
      arrivalsPerWeek: flow.arrivals[i]! * 7,
      newPerWeek: flow.external[i]! * 7,
      capacityPerWeek: cap * 7,
      utilisation: Number.isFinite(cap) && cap > 0 ? flow.arrivals[i]! / cap : 0,
      exitPerWeek: flow.exits[i]! * 7,
      exitShare: out > 0 ? flow.exits[i]! / out : 0,
    };
  });
  return { stages, edges, bottleneck: analysis.bottleneck };
}
