/**
 * Rules for pools and places that relate fields to each other: a stage's `uses` names a pool
 * that exists and asks for no more units than it has; a pool's `serve` lists only stages that
 * use it, once each; `first-come` needs arrival-order (fifo) queues at the pool's stages.
 * Reads the data defensively, like `validate-rules.ts`.
 * @module
 */
import type { Issue } from '../core/errors.js';
import { isObject, joinPath, keysOf, own } from './scenario-json.js';
import { didYouMean, listNames } from './scenario-names.js';
import { FIRST_COME } from './schema-pools.js';
import { shortId } from './validate-ids.js';

/**
 * Errors and warnings of a scenario's pools and places.
 * @internal
 * @example
 * ```ts
 * import { checkPools } from './validate-pools.js';
 * checkPools({ stages: { a: { uses: { pool: 'surgeon' } } }, pools: { surgeons: { units: 1 } } }).errors[0].path; // 'stages.a.uses.pool'
 * ```
 */
export function checkPools(scenario: unknown): { errors: Issue[]; warnings: Issue[] } {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  if (!isObject(scenario)) return { errors, warnings };
  const pools = own(scenario, 'pools');
  const stages = own(scenario, 'stages');
  const poolNames = keysOf(pools);
  const users = new Map<string, string[]>(poolNames.map((p) => [p, []]));

  for (const id of keysOf(stages)) {
    const uses = own(own(stages, id), 'uses');
    if (!isObject(uses)) continue;
    const path = joinPath(joinPath('stages', id), 'uses');
    const pool = own(uses, 'pool');
    if (typeof pool !== 'string') continue;
    if (!users.has(pool)) {
      errors.push({
        path: joinPath(path, 'pool'),
        message: `unknown pool ${shortId(pool)}${didYouMean(pool, poolNames)}; pools are ${listNames(poolNames)} (declare it under \`pools\`)`,
      });
      continue;
    }
    users.get(pool)!.push(id);
    const units = own(uses, 'units') ?? 1;
    const has = own(own(pools, pool), 'units');
    if (typeof units === 'number' && typeof has === 'number' && units > has) {
      errors.push({
        path: joinPath(path, 'units'),
        message: `expected at most ${has} (the units of pool "${pool}"), got ${units}: no patient could ever start here`,
      });
    }
  }

  for (const name of poolNames) {
    const path = joinPath('pools', name);
    const using = users.get(name)!;
    if (using.length === 0) warnings.push({ path, message: 'no stage uses this pool (give a stage `uses: { pool: ' + name + ' }`)' });
    const serve = own(own(pools, name), 'serve');
    if (serve === FIRST_COME) {
      for (const id of using) {
        const queue = own(own(stages, id), 'queue');
        if (queue !== undefined && queue !== 'fifo') {
          errors.push({
            path: joinPath(joinPath('stages', id), 'queue'),
            message: `expected fifo (or no queue): pool "${name}" serves first come first served across its stages, got ${JSON.stringify(queue)}`,
          });
        }
      }
    } else if (Array.isArray(serve)) {
      const seen = new Set<string>();
      serve.forEach((id, i) => {
        if (typeof id !== 'string') return;
        const at = joinPath(joinPath(path, 'serve'), i);
        if (seen.has(id)) errors.push({ path: at, message: `"${id}" is listed twice` });
        else if (!using.includes(id)) {
          errors.push({ path: at, message: `expected a stage that uses pool "${name}"${didYouMean(id, using)}; they are ${listNames(using)}, got ${shortId(id)}` });
        }
        seen.add(id);
      });
    }
  }
  checkPlaces(scenario, warnings);
  return { errors, warnings };
}

/** Most servers a `capacity` field as written offers (0 when none or unreadable). */
function mostServers(capacity: unknown): number {
  const entries = Array.isArray(capacity) ? capacity : [capacity];
  return Math.max(0, ...entries.map((e) => (typeof e === 'number' ? e : typeof own(e, 'servers') === 'number' ? (own(e, 'servers') as number) : 0)));
}

/** Places that can never all be used, and an initial list larger than the places. */
function checkPlaces(scenario: unknown, warnings: Issue[]): void {
  const stages = own(scenario, 'stages');
  const initial = own(scenario, 'initial');
  for (const id of keysOf(stages)) {
    const stage = own(stages, id);
    const places = own(stage, 'places');
    if (typeof places !== 'number') continue;
    const path = joinPath(joinPath('stages', id), 'places');
    const servers = mostServers(own(stage, 'capacity'));
    if (servers > places) {
      warnings.push({ path, message: `${places} places for ${servers} servers: at most ${places} patients are ever in service, so ${servers - places} servers are never used` });
    }
    const entry = own(initial, id);
    const groups = Array.isArray(entry) ? entry : entry === undefined ? [] : [entry];
    const count = groups.reduce<number>((n, g) => n + (typeof own(g, 'count') === 'number' ? (own(g, 'count') as number) : 0), 0);
    if (count > places) {
      warnings.push({ path, message: `${count} patients wait here at the start, more than its ${places} places: they are all placed, and nobody else enters until fewer than ${places} remain` });
    }
  }
}
