/**
 * The registry of capacity kinds: how a scenario names each, its resolved form, its run-time
 * policy and how `analyse` treats it. A kind's index here is its code in the engine; the first
 * three are reached by a switch in `run/capacity.ts`, so they keep their places.
 * @module
 */
import { serversPolicy, slotsPolicy, unlimitedPolicy, type CapacityPolicy } from '../run/capacity-state.js';
import type { AnalyseTreatment } from './disciplines.js';

/** One capacity kind. */
export interface CapacityKindEntry {
  /** `CapacityPhase.kind` of its resolved phases. */
  kind: string;
  /** How a scenario writes it. */
  scenario: string;
  /** Its resolved form (a `CapacityPhase` member of model.ts). */
  compiled: string;
  /** What it does at run time. */
  policy: CapacityPolicy;
  /** How `analyse` treats a stage of this kind. */
  analyse: { treatment: AnalyseTreatment; note: string };
}

/** Codes of the built-in kinds. */
export const CAP_SERVERS = 0;
export const CAP_SLOTS = 1;
export const CAP_UNLIMITED = 2;

/** Every capacity kind, by code. */
export const CAPACITY_KINDS: readonly CapacityKindEntry[] = [
  {
    kind: 'servers',
    scenario: '`3` or `{ servers: 3 }`',
    compiled: "{ kind: 'servers', servers }",
    policy: serversPolicy,
    analyse: { treatment: 'exact', note: 'Erlang C when exponential with Poisson arrivals; Allen–Cunneen otherwise (approximation)' },
  },
  {
    kind: 'slots',
    scenario: '`{ slots: 70, per: week, days: [mon, …] }`',
    compiled: "{ kind: 'slots', perWeekday }",
    policy: slotsPolicy,
    analyse: { treatment: 'simulate-only', note: 'appointment slots (released daily, lost if unused): capacity and utilisation only; simulate for waits' },
  },
  {
    kind: 'unlimited',
    scenario: '`unlimited` or `{ unlimited: true }`',
    compiled: "{ kind: 'unlimited' }",
    policy: unlimitedPolicy,
    analyse: { treatment: 'exact', note: 'a delay, no queue' },
  },
];

/**
 * The code of a capacity kind.
 * @throws Error for a kind that is not registered.
 * @internal
 * @example
 * ```ts
 * import { capacityKindCode } from './capacity-kinds.js';
 * capacityKindCode('slots'); // 1
 * ```
 */
export function capacityKindCode(kind: string): number {
  const i = CAPACITY_KINDS.findIndex((k) => k.kind === kind);
  if (i < 0) throw new Error(`unknown capacity kind "${kind}", expected ${CAPACITY_KINDS.map((k) => k.kind).join(', ')}`);
  return i;
}
