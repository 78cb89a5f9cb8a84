/**
 * The published schemas of a distribution spec: JSON Schema (for editors) and zod (for
 * validating inside another schema), both built from the registry.
 * @module
 */
import * as z from 'zod';
import { DURATION_JSON_SCHEMA } from '../duration.js';
import { paramJsonSchema } from './params.js';
import { DISTRIBUTIONS, type DistributionSpec } from './registry.js';
import { checkDistribution } from './validate.js';

/**
 * JSON Schema of a distribution spec (the shapes; rules across fields such as min ≤ max are
 * checked by {@link checkDistribution}). Published through {@link DistributionSchema}.
 * @example
 * ```ts
 * import { distributionJsonSchema } from 'carepath/kernel';
 * Object.keys(distributionJsonSchema()); // [ 'anyOf', 'description' ]
 * const text = JSON.stringify(distributionJsonSchema(), null, 2); // to save as distribution.schema.json
 * ```
 */
export function distributionJsonSchema(): Record<string, unknown> {
  const variants: Record<string, unknown>[] = [structuredClone(DURATION_JSON_SCHEMA) as Record<string, unknown>];
  for (const def of DISTRIBUTIONS) {
    for (const form of def.forms) {
      const properties: Record<string, unknown> = { dist: { const: def.name } };
      for (const [key, kind] of Object.entries({ ...form.required, ...form.optional })) properties[key] = paramJsonSchema(kind);
      variants.push({
        type: 'object',
        description: form.description,
        properties,
        required: ['dist', ...Object.keys(form.required)],
        additionalProperties: false,
      });
    }
  }
  return {
    anyOf: variants,
    description:
      'A distribution: a fixed duration (days, or a string such as "3d"), or an object with a "dist" field. ' +
      'Durations are in days.',
  };
}

/** Splits a path made by {@link joinPath} (`a.b[2].c`) into zod path segments. */
function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * zod schema for a distribution spec. It validates with {@link checkDistribution} (same rules
 * and messages, every problem reported at its own path) and leaves the value as given: compile
 * it with {@link compileDistribution}. `z.toJSONSchema` renders it as the union of every
 * accepted shape, so editors can complete and check scenario files.
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { DistributionSchema } from 'carepath/kernel';
 * const Stage = z.object({ service: DistributionSchema }); // inside your own zod schema
 * Stage.safeParse({ service: { dist: 'exponential', mean: -3 } }).error?.issues[0].message;
 * // 'expected a non-negative duration, got -3'
 * ```
 */
export const DistributionSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const issue of checkDistribution(value, '')) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: pathSegments(issue.path), input: value });
    }
  })
  .meta(distributionJsonSchema()) as unknown as z.ZodType<DistributionSpec>;
