/**
 * Numeric scenario fields that may be written as an uncertain parameter (probabilistic
 * sensitivity analysis, see `uncertain.ts`). Validation is unchanged: the scenario is checked
 * with each parameter at its mean, so zod still sees a plain number there. What changes is
 * the *declared* input: `ScenarioInput` and the shipped JSON Schema accept
 * `{ dist: beta, alpha: 85, beta: 15 }` at these fields, so editors and typed code stop
 * flagging PSA inputs. Whole-number fields (servers, slots, counts) are never marked: a draw
 * would not be a whole number.
 * @module
 */
import type * as z from 'zod';
import { PARAMETER_FORMS, type ParameterSpec } from './uncertain-dists.js';

/** Definitions of the marked number schemas (`.meta()` clones share their definition). */
const MARKED = new WeakSet<object>();

/** A number schema whose input may also be an uncertain parameter. @internal */
export type UncertainNumberSchema = z.ZodType<number, number | ParameterSpec>;

/**
 * Marks a (non-integer) number schema as one that may hold an uncertain parameter: its input
 * type widens to `number | ParameterSpec`, and the JSON Schema lets it be either. Parsing is
 * untouched. Mark the finished schema (a later `.min()` makes a new definition).
 * @internal
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { uncertainNumber } from './schema-uncertain.js';
 * const share = uncertainNumber(z.number().min(0).max(1));
 * share.safeParse(0.5).success; // true
 * ```
 */
export function uncertainNumber(schema: z.ZodNumber): UncertainNumberSchema {
  MARKED.add(schema._zod.def);
  return schema as unknown as UncertainNumberSchema;
}

/** True for a schema made by {@link uncertainNumber} (or a `.meta()` copy of one). @internal */
export function isUncertainNumber(node: z.core.$ZodType): boolean {
  return MARKED.has(node._zod.def);
}

/** Name of the shared definition in the JSON Schema's `$defs`. @internal */
export const UNCERTAIN_DEF = 'UncertainNumber';

/**
 * JSON Schema of an uncertain parameter: one closed object per accepted form, built from the
 * same list of forms the runtime checks (`uncertain-dists.ts`).
 * @internal
 */
export function uncertainJsonSchema(): Record<string, unknown> {
  const anyOf: Record<string, unknown>[] = [];
  for (const [family, forms] of Object.entries(PARAMETER_FORMS)) {
    for (const fields of forms) {
      const properties: Record<string, unknown> = { dist: { const: family } };
      for (const f of fields) properties[f] = { type: 'number' };
      anyOf.push({ type: 'object', properties, required: ['dist', ...fields], additionalProperties: false });
    }
  }
  return {
    description: 'An uncertain parameter (probabilistic sensitivity analysis): drawn once per replication, the same draw for every variant; e.g. { dist: beta, alpha: 85, beta: 15 } for a share, { dist: gamma, mean: 9000, sd: 1500 } for a cost.',
    anyOf,
  };
}

/** Keys of a number's JSON Schema that describe the number itself (the rest stays outside). */
const NUMBER_KEYS = ['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

/**
 * Rewrites, in place, the JSON Schema of a marked number as "this number, or an uncertain
 * parameter" (its description stays on the outside). For zod's `override` hook. @internal
 */
export function widenNumberJson(json: Record<string, unknown>): void {
  const number: Record<string, unknown> = {};
  for (const k of NUMBER_KEYS) {
    if (k in json) {
      number[k] = json[k];
      delete json[k];
    }
  }
  json.anyOf = [number, { $ref: `#/$defs/${UNCERTAIN_DEF}` }];
}
