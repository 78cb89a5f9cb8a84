/**
 * Sampler objects: a sampler written in code standing where a distribution spec is allowed.
 * @module
 */
import { describeValue, joinPath, type Issue } from '../errors.js';
import type { SamplerObject } from './types.js';

/**
 * True for an object meant as a sampler: a `sample` method (a compiled `Sampler` too, whose
 * `dist` is only its name), or a `sample` field without a `dist` field (a broken sampler, which
 * {@link checkSamplerObject} then explains). Data read from YAML or JSON holds no function, so
 * it never passes as a valid sampler object.
 * @example
 * ```ts
 * import { isSamplerObject } from 'carepath/kernel';
 * isSamplerObject({ sample: () => 1 }); // true
 * isSamplerObject({ dist: 'fixed', value: 1 }); // false
 * ```
 */
export function isSamplerObject(value: unknown): value is SamplerObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('sample' in value)) return false;
  return typeof value.sample === 'function' || !('dist' in value);
}

/**
 * True for a valid sampler object: a `sample` function (and numeric moments where given).
 * Plain-data helpers (copying, merging variants) keep such an object whole.
 * @example
 * ```ts
 * import { isValidSamplerObject } from 'carepath/kernel';
 * isValidSamplerObject({ sample: () => 1, mean: 1 }); // true
 * isValidSamplerObject({ sample: 1 }); // false
 * ```
 */
export function isValidSamplerObject(value: unknown): value is SamplerObject {
  return isSamplerObject(value) && checkSamplerObject(value, '').length === 0;
}

const MOMENTS = ['mean', 'variance'] as const;

/**
 * Problems with a sampler object: `sample` must be a function; `mean` and `variance`, where
 * given, numbers (a finite mean; a finite variance ≥ 0; NaN or absent when unknown).
 * @example
 * ```ts
 * import { checkSamplerObject } from 'carepath/kernel';
 * checkSamplerObject({ sample: 2 }, 'stages.ct.service');
 * // [ { path: 'stages.ct.service.sample', message: 'expected a function sample(rng) returning a number (a sampler object), got 2' } ]
 * ```
 */
export function checkSamplerObject(obj: object, path: string): Issue[] {
  const o = obj as Record<string, unknown>;
  const issues: Issue[] = [];
  if (typeof o.sample !== 'function') {
    issues.push({
      path: joinPath(path, 'sample'),
      message: `expected a function sample(rng) returning a number (a sampler object), got ${describeValue(o.sample)}`,
    });
  }
  for (const key of MOMENTS) {
    const v = o[key];
    if (v === undefined || Number.isNaN(v)) continue; // NaN: unknown, as a compiled sampler says it
    const ok = typeof v === 'number' && Number.isFinite(v) && (key === 'mean' || v >= 0);
    if (!ok) {
      issues.push({
        path: joinPath(path, key),
        message: `expected ${key === 'mean' ? 'a finite number' : 'a finite number ≥ 0'} (or leave it out when unknown), got ${describeValue(v)}`,
      });
    }
  }
  return issues;
}
