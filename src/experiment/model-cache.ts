/**
 * Resolved models of the last few (scenario, variant) pairs an experiment ran. An experiment
 * simulates each pair once per replication, and merging the variant, validating the result and
 * building the model took about 5% of a lung-cancer run, the same work every time.
 *
 * Keyed by the scenario's JSON text, not the object: a worker receives a fresh copy of the
 * scenario with every run, and a caller may change a scenario object between two experiments.
 * Models with uncertain parameters are drawn per replication (see pathway/uncertain.ts) and are
 * never reused. Reusing a model is safe because a run only reads it.
 * @module
 */
import type { Model } from '../pathway/model.js';
import { resolveScenario } from '../pathway/resolve.js';
import type { Scenario } from '../pathway/scenario.js';

/**
 * A small least-recently-used cache of resolved models.
 * @internal
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { ModelCache } from './model-cache.js';
 * const cache = new ModelCache();
 * const lung = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
 * const a = cache.resolve(lung, 'ai-reporting', undefined, 0);
 * cache.resolve(structuredClone(lung), 'ai-reporting', undefined, 1) === a; // true: the same model
 * ```
 */
export class ModelCache {
  /** Key → model, or null where the model has uncertain parameters (resolved every time). */
  private readonly models = new Map<string, Model | null>();

  /** @param capacity Pairs remembered (the least recently used is dropped first). */
  constructor(readonly capacity = 8) {}

  /** The model of `variant` of `scenario`, as `resolveScenario` gives it for this seed and replication. */
  resolve(scenario: Scenario, variant: string, seed: number | undefined, replication: number): Model {
    const key = `${variant}\u0000${JSON.stringify(scenario)}`;
    const known = this.models.get(key);
    if (known) {
      this.models.delete(key); // most recently used last
      this.models.set(key, known);
      return known;
    }
    const model = resolveScenario(scenario, variant, { disciplines: [], seed, replication });
    if (known === undefined) {
      this.models.set(key, model.parameters ? null : model);
      if (this.models.size > this.capacity) this.models.delete(this.models.keys().next().value!);
    }
    return model;
  }
}
