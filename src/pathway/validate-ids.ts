/**
 * Ids a scenario may not use: names JavaScript gives a meaning on every object (`__proto__`,
 * `constructor`, …), which would crash or silently drop a stage from id-keyed results and
 * reports, and ids so long that messages (and their "did you mean" search) become unusable.
 * @module
 */
import type { Issue } from '../core/errors.js';
import { isObject, joinPath, keysOf, own } from './scenario-json.js';

/** Longest id (stage, class, arrival, target, variant or condition) a scenario may use. */
export const MAX_ID_LENGTH = 100;

/**
 * Property names every JavaScript object has (from `Object.prototype`): an id equal to one of
 * them would be read back as the object's own machinery instead of the stage, target or class.
 * @example
 * ```ts
 * import { isReservedId } from 'carepath/kernel';
 * isReservedId('__proto__'); // true
 * isReservedId('clinic'); // false
 * ```
 */
export const RESERVED_IDS: readonly string[] = Object.freeze(Object.getOwnPropertyNames(Object.prototype).sort());

const reserved = new Set(RESERVED_IDS);

/**
 * True when `id` is one of {@link RESERVED_IDS}.
 * @example
 * ```ts
 * import { isReservedId } from 'carepath/kernel';
 * isReservedId('toString'); // true
 * ```
 */
export function isReservedId(id: string): boolean {
  return reserved.has(id);
}

/** Every id-keyed map of a scenario, with its kind (conditions are collected where declared). */
function idMaps(scenario: unknown): { kind: string; path: string; ids: string[] }[] {
  const maps: { kind: string; path: string; ids: string[] }[] = [];
  for (const [field, kind] of [
    ['stages', 'stage'],
    ['arrivals', 'arrival stream'],
    ['classes', 'class'],
    ['targets', 'target'],
    ['variants', 'variant'],
    ['initial', 'stage'],
    ['pools', 'pool'],
  ] as const) {
    maps.push({ kind, path: field, ids: keysOf(own(scenario, field)) });
  }
  const arrivals = own(scenario, 'arrivals');
  for (const id of keysOf(arrivals)) {
    const path = joinPath(joinPath('arrivals', id), 'conditions');
    maps.push({ kind: 'condition', path, ids: keysOf(own(own(arrivals, id), 'conditions')) });
  }
  const initial = own(scenario, 'initial');
  for (const stage of keysOf(initial)) {
    const entry = own(initial, stage);
    const groups = Array.isArray(entry) ? entry : [entry];
    groups.forEach((group, i) => {
      const base = Array.isArray(entry) ? joinPath(joinPath('initial', stage), i) : joinPath('initial', stage);
      if (isObject(group)) maps.push({ kind: 'condition', path: joinPath(base, 'conditions'), ids: keysOf(own(group, 'conditions')) });
    });
  }
  return maps;
}

/**
 * Shows a long id by its start and length rather than in full.
 * @internal
 * @example
 * ```ts
 * import { shortId } from './validate-ids.js';
 * shortId('x'.repeat(20000)); // '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"… (20000 characters)'
 * ```
 */
export function shortId(id: string): string {
  return id.length <= 40 ? JSON.stringify(id) : `${JSON.stringify(id.slice(0, 30))}… (${id.length} characters)`;
}

/**
 * Reserved and over-long ids, each reported at its own path.
 * @internal
 * @example
 * ```ts
 * import { checkIds } from './validate-ids.js';
 * checkIds(JSON.parse('{"stages": {"constructor": {}}}'));
 * // [{ path: 'stages.constructor', message: '"constructor" is reserved (…); give this stage another id' }]
 * ```
 */
export function checkIds(scenario: unknown): Issue[] {
  const issues: Issue[] = [];
  for (const { kind, path, ids } of idMaps(scenario)) {
    for (const id of ids) {
      if (id.length > MAX_ID_LENGTH) {
        issues.push({
          path: joinPath(path, id.length > 40 ? `${id.slice(0, 30)}…` : id),
          message: `${kind} id ${shortId(id)} is too long: at most ${MAX_ID_LENGTH} characters`,
        });
      } else if (reserved.has(id)) {
        issues.push({
          path: joinPath(path, id),
          message: `${JSON.stringify(id)} is reserved (every JavaScript object has a property of that name); give this ${kind} another id`,
        });
      }
    }
  }
  return issues;
}
