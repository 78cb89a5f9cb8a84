/**
 * A run's result, put together at its end from the parts that measured it: the measures'
 * result, then what losses and flow add, then costs and QALYs where the model has them.
 * @module
 */
import type { Model } from '../model.js';
import type { RunResult } from '../result.js';
import type { CapacityState } from './capacity-state.js';
import { economicsResult } from './costs.js';
import type { Flow } from './flow.js';
import type { Losses } from './losses.js';
import type { RunMeasures } from './measures.js';

/** The engine's running totals at the end of a run. @internal */
export interface RunTotals {
  arrived: number;
  /** Arrivals before the measured period (cost per patient counts the measured ones). */
  arrivedInWarmup: number;
  initial: number;
  exited: number;
  abandoned: number;
  /** Model events (the kernel's, less the daily moves of deadlines). */
  events: number;
}

/**
 * Assembles the result of one replication at time `end`.
 * @internal
 */
export function runResult(
  m: Model,
  parts: { measures: RunMeasures; losses: Losses | null; flow: Flow | null; capacity: CapacityState },
  totals: RunTotals,
  run: { end: number; seed: number; replication: number },
): Omit<RunResult, 'manifest'> {
  const { measures, losses, flow } = parts;
  const counts = { arrived: totals.arrived, initial: totals.initial, exited: totals.exited, abandoned: totals.abandoned };
  const result = measures.result(counts, run.end, { seed: run.seed, replication: run.replication, events: totals.events });
  if (losses !== null) losses.annotate(result);
  if (flow !== null) flow.addTo(result, run.end);
  if (m.economics === undefined && m.progression === undefined) return result;
  const entered = totals.arrived - totals.arrivedInWarmup + (m.warmup === 0 ? totals.initial : 0);
  const progression = measures.conds.progressionResult(run.end);
  result.economics = economicsResult(m, result, { capacity: parts.capacity, treatStage: measures.treatStage, progression, entered });
  return result;
}
