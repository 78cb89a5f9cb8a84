/**
 * Pools and places at resolve time: pool names become indices, each pool's serving order
 * becomes a list of stage indices, and each stage's `uses` and `places` are copied onto it.
 * @module
 */
import type { Model, ModelPool, ModelStage } from './model.js';
import { keysOf } from './scenario-json.js';
import type { Scenario } from './schema.js';
import { FIRST_COME } from './schema-pools.js';

/**
 * Adds a validated scenario's pools to its model's stages (in place) and returns the model's
 * `pools` fields: `{}` when the scenario has no pools, so a model without them reads as before.
 * @internal
 * @example
 * ```ts
 * import { resolvePools } from './resolve-pools.js';
 * const stages = [{ id: 'clinic' }, { id: 'theatre' }] as never[];
 * const s = { pools: { surgeons: { units: 2, serve: ['theatre'] } }, stages: { clinic: { uses: { pool: 'surgeons' } }, theatre: { uses: { pool: 'surgeons' } } } };
 * resolvePools(s as never, stages).pools; // [ { id: 'surgeons', units: 2, serve: 'priority', order: [ 1, 0 ] } ]
 * ```
 */
export function resolvePools(s: Scenario, stages: ModelStage[]): Pick<Model, 'pools'> {
  const ids = keysOf(s.pools);
  stages.forEach((st) => {
    const written = s.stages[st.id]!;
    if (written.uses) st.uses = { pool: ids.indexOf(written.uses.pool), units: written.uses.units ?? 1 };
    if (written.places !== undefined) st.places = written.places;
  });
  if (ids.length === 0) return {};
  const pools = ids.map((id, k): ModelPool => {
    const p = s.pools![id]!;
    const users = stages.flatMap((st, i) => (st.uses?.pool === k ? [i] : []));
    const listed = Array.isArray(p.serve) ? p.serve.map((name) => stages.findIndex((st) => st.id === name)) : [];
    return {
      id,
      units: p.units,
      serve: p.serve === FIRST_COME ? 'first-come' : 'priority',
      order: [...listed, ...users.filter((i) => !listed.includes(i))],
    };
  });
  return { pools };
}
