/**
 * Small helpers for reading untrusted JSON-like data safely: own properties only (a stage
 * called `constructor` or `__proto__` must not reach `Object.prototype`), and issue paths.
 * @module
 */
import { isSamplerObject } from '../core/distributions.js';
import { joinPath, type Issue } from '../core/errors.js';

/** A plain JSON object (not null, not an array). @internal */
export type JsonObject = Record<string, unknown>;

/** True for a non-null, non-array object. @internal */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own enumerable property, or undefined (never inherited ones). @internal */
export function own(obj: unknown, key: string): unknown {
  return isObject(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** True when `obj` has `key` as an own property. @internal */
export function hasOwn(obj: unknown, key: string): boolean {
  return isObject(obj) && Object.prototype.hasOwnProperty.call(obj, key);
}

/** Own keys of an object, or none for anything else. @internal */
export function keysOf(value: unknown): string[] {
  return isObject(value) ? Object.keys(value) : [];
}

/** Sets an own data property, even for keys like `__proto__`. @internal */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Deep copy of JSON-like data (objects, arrays, primitives). Other objects (dates, maps) are
 * copied as their own enumerable properties; functions and symbols are kept as they are, so the
 * validator still sees (and rejects) them. A sampler object (code standing where a
 * distribution is allowed) is kept as it is, not copied: its methods and state are its own.
 * @internal
 */
export function cloneJson<T>(value: T, seen: Set<unknown> = new Set()): T {
  if (typeof value !== 'object' || value === null || isSamplerObject(value)) return value;
  if (seen.has(value)) throw new TypeError('cannot copy a structure that contains itself');
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((v) => cloneJson(v, seen));
  } else {
    const obj: JsonObject = {};
    for (const key of Object.keys(value)) setOwn(obj, key, cloneJson((value as JsonObject)[key], seen));
    out = obj;
  }
  seen.delete(value);
  return out as T;
}

export { joinPath } from '../core/errors.js';

/** Formats a path given as segments (zod style) in carepath style: `stages.ct.next[1].to`. @internal */
export function formatPath(segments: readonly PropertyKey[], base = ''): string {
  let path = base;
  for (const s of segments) path = joinPath(path, typeof s === 'number' ? s : String(s));
  return path;
}

/** Value at a zod-style path inside `root`, or undefined when the path does not exist. @internal */
export function valueAt(root: unknown, segments: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const s of segments) {
    if (Array.isArray(cur) && typeof s === 'number') cur = cur[s];
    else if (isObject(cur) && typeof s === 'string') cur = own(cur, s);
    else return undefined;
  }
  return cur;
}

/** Deepest nesting accepted; real scenarios are a handful of levels deep. */
const MAX_DEPTH = 64;

/**
 * Scenarios are data: objects, arrays, strings, numbers, booleans and null, nested a sane
 * number of levels and without cycles. Anything else is refused before the schema sees it,
 * except sampler objects (objects with a `sample` method, from code), which the schema accepts
 * where a distribution is allowed and refuses elsewhere.
 * @internal
 */
export function checkPlainData(data: unknown): Issue[] {
  const issues: Issue[] = [];
  const open = new Set<unknown>();
  const walk = (value: unknown, path: string, depth: number): void => {
    if (issues.length >= 20) return;
    switch (typeof value) {
      case 'function':
      case 'symbol':
      case 'bigint':
        issues.push({ path, message: `expected plain data (text, numbers, lists, maps), got a ${typeof value}` });
        return;
      case 'object':
        break;
      default:
        return;
    }
    if (value === null || isSamplerObject(value)) return;
    if (depth > MAX_DEPTH) {
      issues.push({ path, message: `nested more than ${MAX_DEPTH} levels deep` });
      return;
    }
    if (open.has(value)) {
      issues.push({ path, message: 'refers back to itself (a cycle); scenarios must be plain trees of data' });
      return;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (Array.isArray(value) ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) {
      const kind = (value as object).constructor?.name ?? 'object';
      issues.push({ path, message: `expected plain data (text, numbers, lists, maps), got a ${kind}` });
      return;
    }
    open.add(value);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, joinPath(path, i), depth + 1));
    else if (isObject(value)) for (const k of Object.keys(value)) walk(value[k], joinPath(path, k), depth + 1);
    open.delete(value);
  };
  walk(data, '', 0);
  return issues;
}

/**
 * Path of the first sampler object in a scenario (variants included), or undefined when it is
 * plain data. A scenario with one cannot be sent to a worker thread or written to a file.
 * @internal
 * @example
 * ```ts
 * import { findSamplerObject } from './scenario-json.js';
 * findSamplerObject({ stages: { ct: { service: { sample: () => 1 } } } }); // 'stages.ct.service'
 * findSamplerObject({ stages: { ct: { service: 3 } } }); // undefined
 * ```
 */
export function findSamplerObject(data: unknown, path = '', depth = 0): string | undefined {
  if (typeof data !== 'object' || data === null || depth > MAX_DEPTH) return undefined;
  if (isSamplerObject(data)) return path;
  const entries: [string | number, unknown][] = Array.isArray(data) ? data.map((v, i) => [i, v]) : Object.entries(data);
  for (const [key, value] of entries) {
    const found = findSamplerObject(value, joinPath(path, key), depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
