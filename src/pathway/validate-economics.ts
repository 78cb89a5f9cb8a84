/**
 * Rules that tie `progression` and `economics` to the rest of a scenario: the conditions,
 * stages, states and variants they name must exist, and a cost per test needs a test stage.
 * Reads raw data defensively (shapes are the schema's job).
 * @module
 */
import type { Issue } from '../core/errors.js';
import { isObject, joinPath, keysOf, own } from './scenario-json.js';
import { BASE_VARIANT, didYouMean, listNames } from './scenario-names.js';
import { shortId } from './validate-ids.js';

/** Top-level fields of a run result a metric path may start with (`effect:`). */
const RESULT_FIELDS = ['patients', 'stages', 'timeInSystem', 'targets', 'conditions', 'breakdown', 'economics'];

function unknown(kind: string, plural: string, name: string, known: readonly string[]): string {
  return `unknown ${kind} ${shortId(name)}${didYouMean(name, known)}; ${plural} are ${listNames(known)}`;
}

/** Conditions declared by arrival streams and initial groups. */
function declaredConditions(scenario: unknown): string[] {
  const out = new Set<string>();
  for (const id of keysOf(own(scenario, 'arrivals'))) for (const c of keysOf(own(own(own(scenario, 'arrivals'), id), 'conditions'))) out.add(c);
  const initial = own(scenario, 'initial');
  for (const stage of keysOf(initial)) {
    const entry = own(initial, stage);
    for (const g of Array.isArray(entry) ? entry : [entry]) {
      for (const c of keysOf(own(g, 'conditions'))) out.add(c);
      const bands = own(g, 'weeksWaited');
      if (Array.isArray(bands)) for (const b of bands) for (const c of keysOf(own(b, 'conditions'))) out.add(c);
    }
  }
  return [...out];
}

/**
 * The cross-reference errors of a scenario's `progression` and `economics` (none when it has neither).
 * @internal
 * @example
 * ```ts
 * import { checkEconomics } from './validate-economics.js';
 * checkEconomics({ stages: { a: {} }, progression: { flu: { states: { mild: { atPresentation: 1 } } } } });
 * // [ { path: 'progression.flu', message: 'unknown condition "flu"; conditions are none' } ]
 * ```
 */
export function checkEconomics(scenario: unknown): Issue[] {
  const issues: Issue[] = [];
  if (!isObject(scenario)) return issues;
  const progression = own(scenario, 'progression');
  const economics = own(scenario, 'economics');
  if (progression === undefined && economics === undefined) return issues;
  const error = (path: string, message: string) => issues.push({ path, message });
  const conditions = declaredConditions(scenario);
  const stages = own(scenario, 'stages');
  const stageNames = keysOf(stages);

  for (const c of keysOf(progression)) {
    if (!conditions.includes(c)) error(joinPath('progression', c), unknown('condition', 'conditions', c, conditions));
  }

  const costs = own(economics, 'costs');
  for (const id of keysOf(costs)) {
    const item = own(costs, id);
    const at = (f: string) => joinPath(joinPath(joinPath('economics', 'costs'), id), f);
    const stage = own(item, 'stage');
    if (typeof stage === 'string') {
      if (!stageNames.includes(stage)) error(at('stage'), unknown('stage', 'stages', stage, stageNames));
      else if (own(item, 'per') === 'test' && own(own(stages, stage), 'test') === undefined) {
        error(at('stage'), `stage ${shortId(stage)} does no test, so it reads none; count its patients with per: patient, or name a stage with a test`);
      }
    }
    const condition = own(item, 'condition');
    if (typeof condition !== 'string') continue;
    if (!conditions.includes(condition)) {
      error(at('condition'), unknown('condition', 'conditions', condition, conditions));
      continue;
    }
    const state = own(item, 'state');
    if (typeof state !== 'string') continue;
    const states = keysOf(own(own(progression, condition), 'states'));
    if (states.length === 0) error(at('state'), `a cost per treated in a state needs a progression model for ${shortId(condition)}: add progression.${condition}`);
    else if (!states.includes(state)) error(at('state'), unknown('state', `states of ${shortId(condition)}`, state, states));
  }

  const effect = own(economics, 'effect');
  if (typeof effect === 'string' && effect !== 'qalys' && !RESULT_FIELDS.includes(effect.split('.')[0]!)) {
    error(
      joinPath('economics', 'effect'),
      `expected "qalys" or a metric path starting with ${listNames(RESULT_FIELDS)} (such as targets.treatment-62d.met), got ${JSON.stringify(effect)}`,
    );
  }
  return issues;
}

/**
 * The comparator must be `base` or a variant the scenario declares. Checked on the scenario as
 * written only: a variant applied drops `variants`, so its merged scenario cannot tell.
 * @internal
 * @example
 * ```ts
 * import { checkComparator } from './validate-economics.js';
 * checkComparator({ economics: { comparator: 'ai' }, variants: { ai: { patch: {} } } }); // []
 * ```
 */
export function checkComparator(scenario: unknown): Issue[] {
  const comparator = own(own(scenario, 'economics'), 'comparator');
  const variants = [BASE_VARIANT, ...keysOf(own(scenario, 'variants'))];
  if (typeof comparator !== 'string' || variants.includes(comparator)) return [];
  return [{ path: joinPath('economics', 'comparator'), message: unknown('variant', 'variants', comparator, variants) }];
}
