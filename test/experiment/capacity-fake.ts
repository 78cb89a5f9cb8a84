/**
 * A simulator whose target share is a known function of a stage's capacity, so goal-seeking can
 * be checked against an answer worked out by hand: share = capacity / 20 (capped at `cap`) plus
 * `noise` × z_r, where z_r is a standard normal shared by replication r at every capacity (CRN).
 */
import { stageCapacity } from '../../src/experiment/seek.js';
import type { RunResult } from '../../src/pathway/result.js';
import { simulate as fake } from './fake-simulate.js';

/** Noise of replication r: about standard normal, the same at every capacity. */
export function zOf(seed: number, replication: number): number {
  const run = fake({ name: 'z', fake: {} }, { seed, replication });
  return (run.timeInSystem.mean * 8 - 100) / 20;
}

export function capacitySimulate(scenario: any, options: { seed?: number; replication?: number; variant?: string } = {}): RunResult {
  const seed = options.seed ?? scenario.seed ?? 1;
  const r = options.replication ?? 0;
  const run = fake({ name: scenario.name, fake: {} }, { seed, replication: r });
  const { current } = stageCapacity(scenario, 'surgery');
  const knobs = scenario.description ? (JSON.parse(scenario.description) as { noise?: number; cap?: number }) : {};
  const share = Math.min(knobs.cap ?? Infinity, current / 20) + (knobs.noise ?? 0) * zOf(seed, r);
  run.targets = { t: { met: 0, breached: 0, share, goal: 0.8, breachedStillWaiting: 0, counted: 100 } };
  return run;
}
