/**
 * Whether a run's patient rows need their tail (first presentation, diagnosed and treated
 * bits; see `patients.ts`). Only conditions, missed returns, targets on the first-presentation
 * clock and patient records read it; without them `first` always equals `start`, and leaving
 * the tail out saves 16 bytes per patient row (a national waiting list holds millions).
 * @module
 */
import type { Model } from '../model.js';
import type { TargetClocks } from './clocks.js';
import type { PatientSink } from './records.js';

/**
 * True when some part of a run of `model` reads a row's tail.
 * @internal
 * @example
 * ```ts
 * import { resolveScenario } from '../resolve.js';
 * import { parseScenario } from '../scenario.js';
 * import { TargetClocks } from './clocks.js';
 * import { needsRowTail } from './row-tail.js';
 * const model = resolveScenario(
 *   parseScenario({ version: 1, name: 'x-ray', horizon: 10, arrivals: { gp: { to: 'xray', rate: { perDay: 5 } } }, stages: { xray: { capacity: 'unlimited' } } }),
 * );
 * needsRowTail(model, new TargetClocks(model), undefined); // false: no conditions, returns, first-clock targets or records
 * ```
 */
export function needsRowTail(model: Model, clocks: TargetClocks, records: PatientSink | undefined): boolean {
  return (
    model.conditions.length > 0 ||
    model.stages.some((st) => st.test?.missed != null) ||
    clocks.firstMask !== 0 ||
    records !== undefined
  );
}
