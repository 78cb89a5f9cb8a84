/**
 * The experiments' model cache (src/experiment/model-cache.ts): a replication run from a cached
 * model gives exactly the result of one resolved afresh, a copy of the scenario finds the same
 * model, a changed scenario does not, and models with uncertain parameters are never reused.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelCache } from '../../src/experiment/model-cache.js';
import { simulate } from '../../src/experiment/simulator.js';
import { checkAgainstTheory } from '../../src/analysis/check.js';
import { loadScenario } from '../../src/pathway/load.js';
import { parseScenario, type Scenario } from '../../src/pathway/scenario.js';
import { simulate as simulateRun } from '../../src/pathway/simulate.js';

const lung = loadScenario(join(__dirname, '../../examples/scenarios/lung-cancer-ai.yaml'));
const short: Scenario = { ...lung, horizon: '8w' };

describe('model cache', () => {
  it('runs from a reused model equal runs resolved afresh, exactly', () => {
    let compared = 0;
    for (const variant of ['base', 'ai-reporting']) {
      for (const replication of [0, 1]) {
        // The experiments' simulate (cached after the first call of a pair) against the pathway's own.
        const viaCache = simulate(structuredClone(short), { variant, replication });
        const fresh = simulateRun(short, { variant, replication, checks: [checkAgainstTheory] });
        expect(viaCache).toEqual(fresh);
        compared++;
      }
    }
    expect(compared).toBe(4);
  });

  it('finds the model of a copy, not of a changed scenario', () => {
    const cache = new ModelCache(2);
    const a = cache.resolve(short, 'base', undefined, 0);
    expect(cache.resolve(structuredClone(short), 'base', undefined, 5)).toBe(a);
    const changed = cache.resolve({ ...short, horizon: '9w' }, 'base', undefined, 0);
    expect(changed).not.toBe(a);
    expect(changed.horizon).toBe(63);
    expect(cache.resolve(short, 'ai-reporting', undefined, 0)).not.toBe(a);
    // Capacity 2: the third pair pushed out the least recently used, `a`; the 9-week one stays.
    expect(cache.resolve({ ...short, horizon: '9w' }, 'base', undefined, 0)).toBe(changed);
    const again = cache.resolve(short, 'base', undefined, 0);
    expect(again).not.toBe(a);
    expect(again).toEqual(a);
  });

  it('draws uncertain parameters for every replication', () => {
    const s = parseScenario({
      version: 1,
      name: 'psa',
      horizon: 5,
      arrivals: { gp: { to: 'clinic', rate: { perDay: { dist: 'gamma', mean: 6, sd: 1 } } } },
      stages: { clinic: { capacity: 'unlimited' } },
    });
    const cache = new ModelCache();
    const rates = [0, 1, 2].map((r) => cache.resolve(s, 'base', undefined, r).parameters!['arrivals.gp.rate.perDay']);
    expect(new Set(rates).size).toBe(3);
    expect(cache.resolve(s, 'base', undefined, 1).parameters!['arrivals.gp.rate.perDay']).toBe(rates[1]);
  });
});
