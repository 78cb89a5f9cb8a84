/**
 * Parameter kinds shared by the distributions: how each is read and checked (with the messages
 * the tests pin), described in messages, and rendered in the JSON Schema.
 * @module
 */
import { describeValue, joinPath, type Issue } from '../errors.js';
import { DURATION_JSON_SCHEMA, DURATION_PATTERN, readDuration } from '../duration.js';
import type { Form } from './types.js';

/** What a parameter accepts. */
export type ParamKind =
  | 'duration' // number ≥ 0 or duration string
  | 'positiveDuration' // > 0
  | 'positive' // plain number > 0
  | 'count' // integer 1 … MAX_ERLANG_K
  | 'probability' // number in [0, 1]
  | 'durations' // non-empty array of durations
  | 'numbers' // non-empty array of finite numbers
  | 'weights'; // non-empty array of numbers ≥ 0, not all zero

/**
 * Largest Erlang `k`: cost is k uniforms per draw, and beyond this a normal fits anyway.
 * @example
 * ```ts
 * import { checkDistribution, MAX_ERLANG_K } from 'carepath/kernel';
 * MAX_ERLANG_K; // 10000
 * checkDistribution({ dist: 'erlang', k: MAX_ERLANG_K + 1, mean: 5 }, 'service').length; // 1
 * ```
 */
export const MAX_ERLANG_K = 10_000;

/**
 * Reads one parameter (a duration becomes days), pushing a problem to `issues` if it is not of
 * its kind.
 * @internal
 * @example
 * ```ts
 * import type { Issue } from 'carepath/kernel';
 * import { readParam } from './params.js';
 * const issues: Issue[] = [];
 * readParam('duration', '36h', 'service.mean', issues); // 1.5
 * readParam('probability', 2, 'p', issues); // undefined; issues: [{ path: 'p', message: 'expected a probability from 0 to 1, got 2' }]
 * ```
 */
export function readParam(kind: ParamKind, value: unknown, path: string, issues: Issue[]): number | number[] | undefined {
  const got = describeValue(value);
  switch (kind) {
    case 'duration': {
      const r = readDuration(value);
      if (typeof r === 'number') return r;
      issues.push({ path, message: r.message });
      return undefined;
    }
    case 'positiveDuration': {
      const r = readDuration(value);
      if (typeof r === 'number' && r > 0) return r;
      issues.push({ path, message: typeof r === 'number' ? `expected a positive duration, got ${got}` : r.message });
      return undefined;
    }
    case 'positive':
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
      issues.push({ path, message: `expected a positive number, got ${got}` });
      return undefined;
    case 'count':
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_ERLANG_K) return value;
      issues.push({ path, message: `expected a positive integer (at most ${MAX_ERLANG_K}), got ${got}` });
      return undefined;
    case 'probability':
      if (typeof value === 'number' && value >= 0 && value <= 1) return value;
      issues.push({ path, message: `expected a probability from 0 to 1, got ${got}` });
      return undefined;
    case 'durations':
    case 'numbers':
    case 'weights': {
      if (!Array.isArray(value) || value.length === 0) {
        const what = kind === 'weights' ? 'weights (numbers ≥ 0)' : kind === 'durations' ? 'durations' : 'numbers';
        issues.push({ path, message: `expected a non-empty list of ${what}, got ${got}` });
        return undefined;
      }
      const out: number[] = [];
      let ok = true;
      value.forEach((item: unknown, i) => {
        const itemPath = joinPath(path, i);
        if (kind === 'durations') {
          const r = readDuration(item);
          if (typeof r === 'number') out.push(r);
          else {
            issues.push({ path: itemPath, message: r.message });
            ok = false;
          }
        } else if (typeof item === 'number' && Number.isFinite(item) && (kind === 'numbers' || item >= 0)) {
          out.push(item);
        } else {
          issues.push({
            path: itemPath,
            message: `expected ${kind === 'weights' ? 'a weight ≥ 0' : 'a finite number'}, got ${describeValue(item)}`,
          });
          ok = false;
        }
      });
      if (!ok) return undefined;
      if (kind === 'weights') {
        const total = out.reduce((a, b) => a + b, 0);
        if (!(total > 0) || !Number.isFinite(total)) {
          issues.push({
            path,
            message: `expected weights with a positive, finite total (they are relative: they need not add up to 1), got ${got}`,
          });
          return undefined;
        }
      }
      return out;
    }
  }
}

/**
 * How each kind of parameter is described in messages.
 * @internal
 * @example
 * ```ts
 * import { KIND_TEXT } from './params.js';
 * KIND_TEXT.positive; // 'a positive number'
 * ```
 */
export const KIND_TEXT: Record<ParamKind, string> = {
  duration: 'a non-negative duration (days, or a string like "3d")',
  positiveDuration: 'a positive duration (days, or a string like "3d")',
  positive: 'a positive number',
  count: `a positive integer (at most ${MAX_ERLANG_K})`,
  probability: 'a probability from 0 to 1',
  durations: 'a non-empty list of durations',
  numbers: 'a non-empty list of numbers',
  weights: 'a non-empty list of weights (numbers ≥ 0)',
};

/**
 * `a` or `an` before a distribution's name.
 * @internal
 * @example
 * ```ts
 * import { article } from './params.js';
 * article('exponential'); // 'an'
 * ```
 */
export function article(word: string): string {
  return /^[aeio]/.test(word) ? 'an' : 'a'; // "a uniform", "an exponential"
}

/**
 * The parameter names of a form, for messages.
 * @internal
 * @example
 * ```ts
 * import { listKeys } from './params.js';
 * listKeys({ required: { values: 'durations' }, optional: { weights: 'weights' }, description: '' }); // 'values, weights (optional)'
 * ```
 */
export function listKeys(form: Form): string {
  const opt = Object.keys(form.optional ?? {}).map((k) => `${k} (optional)`);
  return [...Object.keys(form.required), ...opt].join(', ');
}


const POSITIVE_DURATION_JSON = {
  anyOf: [
    { type: 'number', exclusiveMinimum: 0, description: 'days' },
    { type: 'string', pattern: DURATION_PATTERN, description: 'a number and a unit: min, h, d, w or y (365 days)' },
  ],
  description: 'A positive duration: days, or a string with a unit such as "36h" or "3d".',
};

/**
 * JSON Schema of one parameter kind.
 * @internal
 * @example
 * ```ts
 * import { paramJsonSchema } from './params.js';
 * paramJsonSchema('count'); // { type: 'integer', minimum: 1, maximum: 10000 }
 * ```
 */
export function paramJsonSchema(kind: ParamKind): Record<string, unknown> {
  const duration = structuredClone(DURATION_JSON_SCHEMA) as Record<string, unknown>;
  switch (kind) {
    case 'duration':
      return duration;
    case 'positiveDuration':
      return structuredClone(POSITIVE_DURATION_JSON);
    case 'positive':
      return { type: 'number', exclusiveMinimum: 0 };
    case 'count':
      return { type: 'integer', minimum: 1, maximum: MAX_ERLANG_K };
    case 'probability':
      return { type: 'number', minimum: 0, maximum: 1 };
    case 'durations':
      return { type: 'array', items: duration, minItems: 1 };
    case 'numbers':
      return { type: 'array', items: { type: 'number' }, minItems: 1 };
    case 'weights':
      return { type: 'array', items: { type: 'number', minimum: 0 }, minItems: 1, description: 'relative weights' };
  }
}

