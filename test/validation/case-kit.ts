/**
 * Pieces shared by the validation case lists (cases.ts, cases-kinds.ts): the seeding rule, the
 * scenario builder and the observers. A module of its own so the two lists import it without
 * importing each other at load.
 */
import type { RunResult } from '../../src/pathway/result.js';
import { parseScenario, type Scenario, type ScenarioInput } from '../../src/pathway/scenario.js';
import type { RunPlan } from './cases.js';

/** An exponential distribution spec with this mean (days). */
export const exp = (mean: number) => ({ dist: 'exponential' as const, mean });

/**
 * Each case has its own master seed (from its id: FNV-1a), so different cases draw different
 * random numbers and their rows are independent evidence.
 */
export function seedOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return h % 1_000_000_007;
}

/** A case's scenario: the plan's warm-up and horizon, the case's seed, and `body`. */
export function scenario(plan: RunPlan, name: string, body: Record<string, unknown>): Scenario {
  return parseScenario({
    version: 1,
    name,
    warmup: plan.warmup,
    horizon: plan.horizon,
    seed: seedOf(name),
    // Series are not compared (except for the overloaded case): sample rarely to keep runs lean.
    sampleEvery: Math.max(7, plan.horizon / 20),
    ...body,
  } as ScenarioInput);
}

export const waitOf = (stage: string) => (r: RunResult) => r.stages[stage]!.wait.mean;
export const lqOf = (stage: string) => (r: RunResult) => r.stages[stage]!.meanQueueLength;
export const utilOf = (stage: string) => (r: RunResult) => r.stages[stage]!.utilisation;
export const perDay = (stage: string) => (r: RunResult) => r.stages[stage]!.entered / r.horizon;
