/**
 * The scenario format as JSON Schema, for editors (e.g. the YAML language server's
 * `# yaml-language-server: $schema=...`). Generated with zod's `z.toJSONSchema` from the same
 * {@link ScenarioSchema} that validates, so the two cannot drift apart. Rules across fields
 * (a `to` naming an existing stage, probabilities adding up) are only checked by
 * {@link validateScenario}.
 * @module
 */
import * as z from 'zod';
import { DATA_FILE_DEF, dataFileJsonSchema, isDataFileRows, widenRowsJson } from './schema-data-file.js';
import { ScenarioSchema } from './schema.js';
import { isUncertainNumber, UNCERTAIN_DEF, uncertainJsonSchema, widenNumberJson } from './schema-uncertain.js';

let cached: string | undefined;

/**
 * JSON Schema (draft 2020-12) of the scenario format, version 1. Each call returns a fresh
 * object, so callers may modify it.
 * @example
 * ```ts
 * import { scenarioJsonSchema } from 'carepath';
 * const schema = JSON.stringify(scenarioJsonSchema(), null, 2); // write it to carepath.schema.json
 * ```
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  cached ??= JSON.stringify(build());
  return JSON.parse(cached) as Record<string, unknown>;
}

/**
 * Numeric inputs that may be uncertain parameters take `{ dist: beta, ... }` too (see
 * schema-uncertain.ts), and row lists that may come from a CSV file take `{ file }` (see schema-data-file.ts).
 */
function build(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: (ctx) => {
      if (isUncertainNumber(ctx.zodSchema)) widenNumberJson(ctx.jsonSchema as Record<string, unknown>);
      if (isDataFileRows(ctx.zodSchema)) widenRowsJson(ctx.jsonSchema as Record<string, unknown>);
    },
  }) as Record<string, unknown>;
  schema.$defs = { ...(schema.$defs as Record<string, unknown> | undefined), [UNCERTAIN_DEF]: uncertainJsonSchema(), [DATA_FILE_DEF]: dataFileJsonSchema() };
  return schema;
}
