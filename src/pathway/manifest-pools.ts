/**
 * The manifest's part for pools, places and blocking: metric keys that only scenarios with
 * `pools` or `places` have, in the order their results carry them.
 * @module
 */
import type { BetterDirection, MetricUnit } from './manifest.js';
import type { Model } from './model.js';

type Field = readonly [key: string, unit: MetricUnit, label: string, better: BetterDirection];

/** A pool as the manifest describes it. */
export interface ManifestPool {
  /** The pool id. */
  id: string;
  /** Units in the pool. */
  units: number;
  /** Ids of the stages that use it, highest priority first. */
  stages: string[];
  /** How a freed unit picks the next patient: `priority` (by stage, in `stages` order) or `first-come`. */
  serve: 'priority' | 'first-come';
}

/** Patient counts a scenario with places adds (after `away`). @internal */
export const PLACES_PATIENT_FIELDS: readonly Field[] = [['rejected', 'patients', 'patients turned away at a full stage', 'lower']];

/** Stage fields a scenario with places adds (after `throughputPerDay`). @internal */
export const PLACES_STAGE_FIELDS: readonly Field[] = [
  ['blockedPatients', 'patients', 'blocked after finishing (next stage full)', 'lower'],
  ['blockedDays', 'days', 'patient-days blocked after finishing', 'lower'],
  ['blockedAtEnd', 'patients', 'blocked at the end', 'lower'],
  ['rejected', 'patients', 'turned away (stage full)', 'lower'],
];

/** Fields of one pool (`pools.ID.…`, after `events`). @internal */
export const POOL_FIELDS: readonly Field[] = [
  ['units', 'patients', 'units in the pool', 'neither'],
  ['utilisation', 'share', 'utilisation', 'neither'],
  ['busyUnitDays', 'days', 'busy unit-days', 'neither'],
  ['started', 'patients', 'patients who took a unit', 'neither'],
];

/**
 * Whether a model's results carry the places fields (some stage has `places`).
 * @internal
 * @example
 * ```ts
 * import { hasPlaces } from './manifest-pools.js';
 * hasPlaces({ stages: [{ places: 4 }] } as never); // true
 * ```
 */
export function hasPlaces(model: Model): boolean {
  return model.stages.some((st) => st.places !== undefined);
}

/**
 * The pools of a model as the manifest describes them.
 * @internal
 * @example
 * ```ts
 * import { manifestPools } from './manifest-pools.js';
 * manifestPools({ stages: [{ id: 'clinic' }], pools: [{ id: 'surgeons', units: 2, serve: 'priority', order: [0] }] } as never);
 * // [ { id: 'surgeons', units: 2, stages: [ 'clinic' ], serve: 'priority' } ]
 * ```
 */
export function manifestPools(model: Model): ManifestPool[] {
  return (model.pools ?? []).map((p) => ({ id: p.id, units: p.units, stages: p.order.map((s) => model.stages[s]!.id), serve: p.serve }));
}
