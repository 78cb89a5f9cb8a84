/**
 * Validation of a distribution spec against the registry: every problem, each at its own path,
 * in the words the tests pin.
 * @module
 */
import { readDuration } from '../duration.js';
import { describeValue, joinPath, type Issue } from '../errors.js';
import { article, KIND_TEXT, listKeys, readParam, type ParamKind } from './params.js';
import { DISTRIBUTIONS, distributionDefinition } from './registry.js';
import { checkSamplerObject, isSamplerObject } from './sampler-object.js';
import type { DistributionDefinition, Params, SamplerObject } from './types.js';

const EXPECTED_SPEC =
  'a distribution: a number of days, a duration string like "3d", or an object with a "dist" field';

/** A spec after validation: a registered distribution and its parameters, or a sampler object. */
export type ResolvedSpec =
  | { kind: 'registered'; def: DistributionDefinition; params: Params }
  | { kind: 'sampler'; sampler: SamplerObject };

/**
 * Validates a spec, pushing every problem to `issues`; returns what to compile if it is valid.
 * @internal
 * @example
 * ```ts
 * import type { Issue } from 'carepath/kernel';
 * import { resolveSpec } from './validate.js';
 * const issues: Issue[] = [];
 * resolveSpec('3d', 'delay', issues); // { kind: 'registered', def: <fixed>, params: { num: { value: 3 }, arr: {} } }
 * resolveSpec({ dist: 'erlang', k: 0, mean: 1 }, 'service', issues); // undefined; issues[0].path is 'service.k'
 * ```
 */
export function resolveSpec(spec: unknown, path: string, issues: Issue[]): ResolvedSpec | undefined {
  if (typeof spec === 'number' || typeof spec === 'string') {
    const r = readDuration(spec);
    if (typeof r === 'number') return { kind: 'registered', def: distributionDefinition('fixed')!, params: { num: { value: r }, arr: {} } };
    const word = typeof spec === 'string' ? spec.trim() : '';
    const named = distributionDefinition(word);
    const hint = named
      ? ` (${article(word)} ${word} distribution is written as an object: { dist: ${word}, ${listKeys(named.forms[0]!)} })`
      : '';
    issues.push({ path, message: r.message + hint });
    return undefined;
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    issues.push({ path, message: `expected ${EXPECTED_SPEC}, got ${describeValue(spec)}` });
    return undefined;
  }
  if (isSamplerObject(spec)) {
    const found = checkSamplerObject(spec, path);
    issues.push(...found);
    return found.length === 0 ? { kind: 'sampler', sampler: spec } : undefined;
  }
  const obj = spec as Record<string, unknown>;
  const name = obj.dist;
  const def = typeof name === 'string' ? distributionDefinition(name) : undefined;
  if (def === undefined) {
    issues.push({
      path: joinPath(path, 'dist'),
      message: `expected one of ${DISTRIBUTIONS.map((d) => d.name).join(', ')}, got ${describeValue(name)}`,
    });
    return undefined;
  }
  const dist = def.name;
  const picked = def.pickForm ? def.pickForm(obj) : 0;
  if (typeof picked === 'string') {
    issues.push({ path, message: picked });
    return undefined;
  }
  const form = def.forms[picked]!;
  const before = issues.length;

  for (const key of Object.keys(obj)) {
    if (key === 'dist' || Object.hasOwn(form.required, key) || Object.hasOwn(form.optional ?? {}, key)) continue;
    issues.push({
      path: joinPath(path, key),
      message: `not a parameter of ${article(dist)} ${dist} distribution (it takes ${listKeys(form)}), got ${describeValue(obj[key])}`,
    });
  }
  const params: Params = { num: {}, arr: {} };
  const read = (key: string, kind: ParamKind) => {
    if (obj[key] === undefined) {
      issues.push({
        path: joinPath(path, key),
        message: `expected ${KIND_TEXT[kind]} (${article(dist)} ${dist} distribution needs it), got nothing`,
      });
      return;
    }
    const v = readParam(kind, obj[key], joinPath(path, key), issues);
    if (typeof v === 'number') params.num[key] = v;
    else if (Array.isArray(v)) params.arr[key] = v;
  };
  for (const [key, kind] of Object.entries(form.required)) read(key, kind);
  for (const [key, kind] of Object.entries(form.optional ?? {})) if (obj[key] !== undefined) read(key, kind);
  if (issues.length > before) return undefined;

  // Rules that involve more than one parameter.
  if (def.check) issues.push(...def.check(params, obj, (key) => joinPath(path, key)));
  if (issues.length > before) return undefined;
  return { kind: 'registered', def, params };
}

/**
 * Every problem with a distribution spec (empty when it is valid). Never throws.
 * @param path Where the spec is, e.g. `stages.ct.service`; issue paths extend it
 *   (`stages.ct.service.mean`).
 * @example
 * ```ts
 * import { checkDistribution } from 'carepath/kernel';
 * checkDistribution({ dist: 'lognormal', mean: 14, sd: 5 }, 'stages.staging.service'); // []
 * checkDistribution({ dist: 'uniform', min: 5, max: 2 }, 'stages.ct.service');
 * // [ { path: 'stages.ct.service.max', message: 'expected a value ≥ min (5), got 2' } ]
 * ```
 */
export function checkDistribution(spec: unknown, path: string): Issue[] {
  const issues: Issue[] = [];
  resolveSpec(spec, path, issues);
  return issues;
}
