/**
 * A scenario's fingerprint, so that a checkpoint or a shard is never mixed with another scenario's.
 * @module
 */
import { sha256Hex } from '../core/sha256.js';

/**
 * JSON with object keys sorted at every level: equal data gives equal text whatever the key order.
 * @example
 * ```ts
 * import { canonicalJson } from 'carepath/analysis';
 * canonicalJson({ b: 2, a: { d: 4, c: 3 } }); // '{"a":{"c":3,"d":4},"b":2}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    // A sampler object's method would vanish from JSON: keep its source so two scenarios that
    // differ only there get different fingerprints.
    if (typeof v === 'function') return `function ${v.toString()}`;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/**
 * SHA-256 (hex) of the scenario's canonical JSON.
 * @example scenarioDigest({ a: 1, b: 2 }) === scenarioDigest({ b: 2, a: 1 }) // true
 */
export function scenarioDigest(scenario: unknown): string {
  return sha256Hex(canonicalJson(scenario));
}
