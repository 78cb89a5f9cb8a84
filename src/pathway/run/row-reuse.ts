/**
 * Which way a run reuses patient rows (see `RowReuse` in `patients.ts`). Sweeping in address
 * order is faster at national scale, but the row a patient gets shows in two places, and there
 * the rows are reused last-in first-out as they always were, so results stay as they were:
 * hooks see it (`PatientView.id`), and the end-of-run progression scan adds QALYs in row
 * order (floating-point sums depend on their order).
 * @module
 */
import type { Model } from '../model.js';
import type { RowReuse } from '../patients.js';
import type { SimulationHooks } from './hooks.js';

/**
 * `lifo` when hooks or condition progression make results depend on which row a patient gets,
 * else `sweep`.
 * @internal
 * @example
 * ```ts
 * import { resolveScenario } from '../resolve.js';
 * import { parseScenario } from '../scenario.js';
 * import { rowReuse } from './row-reuse.js';
 * const model = resolveScenario(
 *   parseScenario({ version: 1, name: 'x-ray', horizon: 10, arrivals: { gp: { to: 'xray', rate: { perDay: 5 } } }, stages: { xray: { capacity: 'unlimited' } } }),
 * );
 * rowReuse(model, {}); // 'sweep'
 * rowReuse(model, { route: () => undefined }); // 'lifo'
 * ```
 */
export function rowReuse(model: Model, hooks: SimulationHooks): RowReuse {
  const hooked = hooks.route !== undefined || hooks.priority !== undefined || hooks.disciplines !== undefined;
  return hooked || (model.progression?.length ?? 0) > 0 ? 'lifo' : 'sweep';
}

/**
 * Whether a run's rows can leave out cond, missedAt and lastTest (see `PatientStore`): no
 * conditions and no stage with a test, so they would always read 0, -1 and -1.
 * @internal
 * @example
 * ```ts
 * import { resolveScenario } from '../resolve.js';
 * import { parseScenario } from '../scenario.js';
 * import { compactRows } from './row-reuse.js';
 * const model = resolveScenario(
 *   parseScenario({ version: 1, name: 'x-ray', horizon: 10, arrivals: { gp: { to: 'xray', rate: { perDay: 5 } } }, stages: { xray: { capacity: 'unlimited' } } }),
 * );
 * compactRows(model); // true
 * ```
 */
export function compactRows(model: Model): boolean {
  return model.conditions.length === 0 && model.stages.every((st) => st.test === null);
}
