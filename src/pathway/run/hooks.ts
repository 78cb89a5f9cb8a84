/**
 * What code can plug into a run: routing and priority overrides, and queue disciplines given as
 * functions. Functions cannot be sent to worker threads, so experiments that use any of them
 * run with `workers: 1`.
 * @module
 */
import { EXIT, type Model } from '../model.js';
import type { PatientStore } from '../patients.js';

/** What a custom rule sees of a patient. Built only when a hook is used. */
export interface PatientView {
  /** Row of the patient in the engine's store; reused after the patient leaves. */
  id: number;
  /**
   * Who the patient is, e.g. `arrivals/gp-chest-xray#41` (the 42nd arrival of that stream) or
   * `initial/reporting/0#7`: the same patient in every variant of a run with the same seed.
   */
  identity: string;
  /** Class name. */
  class: string;
  /** Names of the conditions the patient truly has. */
  conditions: string[];
  /** Result of the patient's last test, or null if never tested. */
  lastTest: 'positive' | 'negative' | null;
  /** Day the patient's pathway clock started. */
  pathwayStart: number;
  /** Day the patient joined the current stage's list. */
  joined: number;
  /** Current stage id. */
  stage: string;
}

/** Context of a routing decision. */
export interface RouteContext {
  /** The patient being routed. */
  patient: PatientView;
  /** The stage the patient has just finished. */
  stage: string;
  /** Simulated time of the decision, in days since day 0. */
  now: number;
  /** Where the scenario's `next` would send the patient: a stage id or `exit`. */
  proposed: string;
}

/**
 * A queue discipline given in code, as Ciw's are: called each time a place frees up at a stage
 * whose `queue` names it, with the waiting patients in order of joining (never empty) and the
 * current time; returns the index in `waiting` of the patient to serve next.
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * import type { DisciplineFunction } from 'carepath/kernel';
 * // Serve the patient who joined most recently (last in, first out).
 * const lifo: DisciplineFunction = (waiting) => waiting.length - 1;
 * const mm1 = loadScenario('examples/scenarios/mm1.yaml');
 * const scenario = { ...mm1, horizon: 2000, stages: { clinic: { ...mm1.stages.clinic, queue: 'lifo' } } };
 * simulate(scenario, { disciplines: { lifo } }).stages.clinic.wait.mean; // in the long run 9 days as under FIFO, with a far longer tail
 * ```
 */
export type DisciplineFunction = (waiting: readonly PatientView[], now: number, stage: string) => number;

/**
 * Extension points for analysts who outgrow the scenario format. Functions cannot be sent to
 * worker threads, so experiments that use hooks run with `workers: 1`.
 */
export interface SimulationHooks {
  /**
   * Overrides routing after a stage: return a stage id or `exit`, or undefined to keep
   * `ctx.proposed`. Routing draws belong to the patient and visit (see patient-random.ts), so a
   * hook shifts no other patient's numbers.
   */
  route?(ctx: RouteContext): string | undefined;
  /**
   * Orders `queue: priority` stages: lower is served first, ties in order of joining. Replaces
   * class priority at every priority stage.
   */
  priority?(ctx: { patient: PatientView; stage: string; now: number }): number;
  /**
   * Queue disciplines by name, for stages whose `queue` gives a name that is not built in (see
   * {@link DisciplineFunction}). Like every hook, they force `workers: 1`.
   */
  disciplines?: Record<string, DisciplineFunction>;
}

/**
 * Builds the read-only view of patient p given to hooks (allocates: only hooks pay for it);
 * `identity` is theirs from the engine's PatientRandom.
 */
export function patientView(m: Model, store: PatientStore, p: number, identity: string): PatientView {
  const conditions: string[] = [];
  m.conditions.forEach((c, i) => {
    if ((store.cond(p) >>> i) & 1) conditions.push(c);
  });
  const lt = store.lastTest(p);
  return {
    id: p,
    identity,
    class: m.classes[store.cls(p)]!,
    conditions,
    lastTest: lt === 1 ? 'positive' : lt === 0 ? 'negative' : null,
    pathwayStart: store.start(p),
    joined: store.joined(p),
    stage: m.stages[store.stage(p)]!.id,
  };
}

/** Asks a route hook where a patient goes after stage s: a stage index or EXIT. */
export function routeByHook(
  route: NonNullable<SimulationHooks['route']>,
  m: Model,
  patient: PatientView,
  s: number,
  proposed: number,
  now: number,
): number {
  const stages = m.stages;
  const chosen = route({ patient, stage: stages[s]!.id, now, proposed: proposed === EXIT ? 'exit' : stages[proposed]!.id });
  if (chosen === undefined) return proposed;
  if (chosen === 'exit') return EXIT;
  const idx = stages.findIndex((st) => st.id === chosen);
  if (idx < 0) {
    throw new Error(`route hook returned ${JSON.stringify(chosen)}, expected a stage id (${stages.map((st) => st.id).join(', ')}) or "exit"`);
  }
  return idx;
}
