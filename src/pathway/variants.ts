/**
 * Variants: named what-ifs written as JSON Merge Patches (RFC 7386) over the base scenario,
 * optionally built on another variant with `extends`.
 * @module
 */
import { isSamplerObject } from '../core/distributions.js';
import { describeValue, type Issue } from '../core/errors.js';
import { checkPlainData, cloneJson, hasOwn, isObject, joinPath, keysOf, own, setOwn, type JsonObject } from './scenario-json.js';
import { BASE_VARIANT, didYouMean, listNames } from './scenario-names.js';
import { ScenarioError } from './scenario-error.js';
import type { Scenario } from './schema.js';

/**
 * Applies a JSON Merge Patch (RFC 7386) to `target` and returns the result; neither argument is
 * changed. If `patch` is an object, its members are merged into `target` (which is treated as
 * `{}` when it is not an object): a `null` member deletes the key, an object member is merged
 * recursively, anything else (arrays included) replaces. A patch that is not an object replaces
 * the target entirely.
 * @example mergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } }) // → { a: 'z', c: { d: 'e' } }
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  // A sampler object (from code) is a value, not a map of fields: it replaces and is replaced.
  if (!isObject(patch) || isSamplerObject(patch)) return cloneJson(patch);
  const result: JsonObject = isObject(target) && !isSamplerObject(target) ? (cloneJson(target) as JsonObject) : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) {
      delete result[key];
    } else {
      setOwn(result, key, mergePatch(own(result, key), value));
    }
  }
  return result;
}

/**
 * Names of the variants a scenario declares, in file order (`base` is not among them).
 * @example
 * ```ts
 * import { loadScenario, variantNames } from 'carepath';
 * variantNames(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
 * // ['ai-reporting', 'ai-reporting-and-treatment', 'ai-lower-sensitivity']
 * ```
 */
export function variantNames(scenario: Scenario): string[] {
  return keysOf(own(scenario, 'variants'));
}

/**
 * The chain of variants to apply for `name`, outermost ancestor first, or an issue explaining
 * why there is none (unknown name, unknown `extends`, a cycle).
 * @internal
 */
export function variantChain(scenario: unknown, name: string): { chain: string[] } | { issue: Issue } {
  const variants = own(scenario, 'variants');
  const known = keysOf(variants);
  if (!hasOwn(variants, name)) {
    return { issue: {
      path: 'variants',
      message: `unknown variant ${JSON.stringify(name)}${didYouMean(name, known)}; the variants are ${listNames([BASE_VARIANT, ...known])}`,
    } };
  }
  const chain: string[] = [];
  let current: string | undefined = name;
  while (current !== undefined) {
    if (chain.includes(current)) {
      const cycle = [...chain.slice(chain.indexOf(current)), current];
      return { issue: {
        path: joinPath(joinPath('variants', chain[chain.length - 1]!), 'extends'),
        message: `variants extend each other in a cycle: ${cycle.join(' → ')}`,
      } };
    }
    chain.push(current);
    const parent = own(own(variants, current), 'extends');
    if (parent === undefined) break;
    if (typeof parent !== 'string' || !hasOwn(variants, parent)) {
      return { issue: {
        path: joinPath(joinPath('variants', current), 'extends'),
        message:
          typeof parent === 'string'
            ? `unknown variant ${JSON.stringify(parent)}${didYouMean(parent, known)}; the variants are ${listNames(known)}`
            : `expected a variant name, got ${describeValue(parent)}`,
      } };
    }
    current = parent;
  }
  return { chain: chain.reverse() };
}

/**
 * Applies variants without validating the result: the base without `variants`, then each patch
 * of the chain in order. Returns an issue when the chain itself is broken.
 * @internal
 */
export function mergeVariant(scenario: unknown, name: string): { scenario: JsonObject } | { issue: Issue } {
  const notPlain = checkPlainData(scenario);
  if (notPlain.length > 0) return { issue: notPlain[0]! };
  const base: JsonObject = {};
  if (isObject(scenario)) {
    for (const key of Object.keys(scenario)) if (key !== 'variants') setOwn(base, key, cloneJson(scenario[key]));
  }
  if (name === BASE_VARIANT) return { scenario: base };
  const found = variantChain(scenario, name);
  if ('issue' in found) return found;
  let merged: unknown = base;
  for (const v of found.chain) {
    const path = joinPath(joinPath('variants', v), 'patch');
    const patch = own(own(own(scenario, 'variants'), v), 'patch');
    if (!isObject(patch)) {
      return { issue: { path, message: `expected an object (a JSON Merge Patch), got ${describeValue(patch)}` } };
    }
    if (hasOwn(patch, 'variants')) {
      return { issue: { path: joinPath(path, 'variants'), message: 'a variant cannot change `variants`' } };
    }
    merged = mergePatch(merged, patch);
  }
  return { scenario: merged as JsonObject };
}

/**
 * The scenario with one variant applied: the `extends` chain's patches first (outermost
 * ancestor first), then the variant's own, each as a JSON Merge Patch (RFC 7386). The result has
 * no `variants`; for `base` it is the scenario itself without `variants`. The result is not
 * validated here ({@link parseScenario} already validated every variant).
 * @throws ScenarioError for an unknown variant (listing the known ones) or a cycle of `extends`.
 * @example
 * ```ts
 * import { applyVariant, loadScenario } from 'carepath';
 * const ai = applyVariant(loadScenario('examples/scenarios/lung-cancer-ai.yaml'), 'ai-reporting');
 * ai.stages.reporting.capacity; // { slots: 2600, per: 'week', days: ['mon', 'tue', 'wed', 'thu', 'fri'] }
 * ```
 */
export function applyVariant(scenario: Scenario, variant: string): Scenario {
  const merged = mergeVariant(scenario, variant);
  if ('issue' in merged) throw new ScenarioError([merged.issue]);
  return merged.scenario as Scenario;
}
