/**
 * Dotted paths into plain data (`stages.surgery.capacity.slots`), used by sweeps, goal-seeking
 * and the command line's `--set`.
 * @module
 */
import { describeValue, invalid } from '../core/errors.js';

/** Splits a dotted path; empty segments (`a..b`, a leading or trailing dot) are an error. */
export function splitPath(path: string): string[] {
  const parts = path.split('.');
  if (path === '' || parts.some((p) => p === '')) throw invalid(path, `expected a dotted path such as stages.surgery.capacity.slots, got ${describeValue(path)}`);
  return parts;
}

/**
 * The value at a dotted path, or undefined when any step is missing. A numeric segment indexes an
 * array (`stages.x.capacity.0.slots`).
 * @example getPath({ a: { b: [5, 6] } }, 'a.b.1') // 6
 */
export function getPath(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const part of splitPath(path)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * Sets the value at a dotted path, in place, creating missing intermediate objects. Stepping
 * into a number, string or boolean is an error rather than a silent conversion: e.g. with
 * `capacity: 7`, setting `stages.surgery.capacity.slots` throws a ValidationError naming
 * `stages.surgery.capacity` (set `stages.surgery.capacity` itself, or write the capacity as an
 * object). An array is indexed by a non-negative integer segment.
 * @example const s = { a: {} }; setPath(s, 'a.b.c', 1); // s = { a: { b: { c: 1 } } }
 */
export function setPath(obj: unknown, path: string, value: unknown): void {
  const parts = splitPath(path);
  if (obj === null || typeof obj !== 'object') throw invalid('', `cannot set ${path} inside ${describeValue(obj)}: expected an object`);
  let v = obj as Record<string, unknown>;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const here = parts.slice(0, i).join('.');
    if (Array.isArray(v) && !/^(0|[1-9]\d*)$/.test(part)) {
      throw invalid(here, `is a list: expected an index (0, 1, …) after it, got ${describeValue(part)}`);
    }
    if (i === parts.length - 1) {
      v[part] = value;
      return;
    }
    let next = v[part];
    if (next === undefined || next === null) {
      next = {};
      v[part] = next;
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
