/**
 * Dotted paths into plain data (`stages.surgery.capacity.slots`): the one module that reads and
 * writes them, for sweeps, goal-seeking, the command line's `--set` and the report's metric
 * look-ups. Only own properties are ever read or stepped into, and the segments `__proto__`,
 * `constructor` and `prototype` are refused, so a path can never reach or change an object's
 * prototype (`setPath({}, '__proto__.polluted', 'yes')` is an error, not a change to every object).
 * @module
 */
import { describeValue, invalid } from '../core/errors.js';

/** Segments a path may not contain: they lead to an object's prototype, not its data. @internal */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const INDEX = /^(0|[1-9]\d*)$/;

/**
 * Splits a dotted path; empty segments (`a..b`, a leading or trailing dot) and the segments in
 * {@link FORBIDDEN_SEGMENTS} are a ValidationError naming the path.
 * @internal
 */
export function splitPath(path: string): string[] {
  const parts = path.split('.');
  if (path === '' || parts.some((p) => p === '')) throw invalid(path, `expected a dotted path such as stages.surgery.capacity.slots, got ${describeValue(path)}`);
  const bad = parts.find((p) => FORBIDDEN_SEGMENTS.has(p));
  if (bad !== undefined) throw invalid(path, `${JSON.stringify(bad)} is not allowed in a path: it names an object's prototype, not a field`);
  return parts;
}

/** The own property `key` of `v`, or undefined (never an inherited one). */
function ownChild(v: unknown, key: string): unknown {
  if (v === null || typeof v !== 'object') return undefined;
  if (Array.isArray(v) && !INDEX.test(key)) return undefined;
  return Object.prototype.hasOwnProperty.call(v, key) ? (v as Record<string, unknown>)[key] : undefined;
}

/**
 * The value at a dotted path, or undefined when any step is missing. Only own properties are
 * followed; a numeric segment indexes an array (`stages.x.capacity.0.slots`).
 * @example
 * ```ts
 * import { getPath } from 'carepath/analysis';
 * getPath({ a: { b: [5, 6] } }, 'a.b.1'); // 6
 * getPath({}, 'toString'); // undefined: inherited, not own
 * ```
 */
export function getPath(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const part of splitPath(path)) {
    v = ownChild(v, part);
    if (v === undefined) return undefined;
  }
  return v;
}

/**
 * The number at a dotted path, or undefined when there is none (a missing step, or not a number).
 * @example
 * ```ts
 * import { numberAt } from 'carepath/analysis';
 * numberAt({ stages: { ct: { wait: { mean: 4 } } } }, 'stages.ct.wait.mean'); // 4
 * ```
 */
export function numberAt(obj: unknown, path: string): number | undefined {
  const v = getPath(obj, path);
  return typeof v === 'number' ? v : undefined;
}

/**
 * Sets the value at a dotted path, in place, creating missing intermediate objects. Stepping
 * into a number, string or boolean is an error rather than a silent conversion: e.g. with
 * `capacity: 7`, setting `stages.surgery.capacity.slots` throws a ValidationError naming
 * `stages.surgery.capacity` (set `stages.surgery.capacity` itself, or write the capacity as an
 * object). An array is indexed by a non-negative integer segment. Only own properties are
 * stepped into; an inherited one counts as missing.
 * @example
 * ```ts
 * import { setPath } from 'carepath/analysis';
 * const s = { a: {} };
 * setPath(s, 'a.b.c', 1); // s is now { a: { b: { c: 1 } } }
 * ```
 */
export function setPath(obj: unknown, path: string, value: unknown): void {
  const parts = splitPath(path);
  if (obj === null || typeof obj !== 'object') throw invalid('', `cannot set ${path} inside ${describeValue(obj)}: expected an object`);
  let v = obj as Record<string, unknown>;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const here = parts.slice(0, i).join('.');
    if (Array.isArray(v) && !INDEX.test(part)) {
      throw invalid(here, `is a list: expected an index (0, 1, …) after it, got ${describeValue(part)}`);
    }
    if (i === parts.length - 1) {
      Object.defineProperty(v, part, { value, writable: true, enumerable: true, configurable: true });
      return;
    }
    let next = ownChild(v, part);
    if (next === undefined || next === null) {
      next = {};
      Object.defineProperty(v, part, { value: next, writable: true, enumerable: true, configurable: true });
    } else if (typeof next !== 'object') {
      const at = parts.slice(0, i + 1).join('.');
      throw invalid(
        at,
        `is ${describeValue(next)}, not an object, so ${path} cannot be set; set ${at} itself or write it as an object first`,
      );
    }
    v = next as Record<string, unknown>;
  }
}
