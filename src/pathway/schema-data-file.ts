/**
 * Row lists that a scenario file may give as a CSV file beside it (`counts: { file: x.csv }`,
 * `timetable`, `initial.*.weeksWaited`; see `data-files.ts`). `loadScenario` replaces each such
 * reference by the file's rows before validation, so zod still sees rows there and its messages
 * are unchanged. What changes is the *declared* input: `ScenarioInput` and the shipped JSON
 * Schema accept `{ file }` at exactly these fields, so editors stop flagging scenario files that
 * use them. (Given to `parseScenario` directly, a reference is still refused: only a loaded
 * file has a folder to read it from.)
 * @module
 */
import type * as z from 'zod';
import type { Scenario } from './schema.js';

/** A reference to a CSV table, read relative to the scenario file's folder. @internal */
export interface DataFileRef {
  /** Path of the CSV file, relative to the scenario file. */
  file: string;
}

/** Definitions of the marked row-list schemas (`.meta()` clones share their definition). */
const MARKED = new WeakSet<object>();

/**
 * Marks a row-list schema as one whose input may also be a `{ file }` reference: the JSON Schema
 * lets it be either. Parsing and the zod types are untouched (a validated {@link Scenario} holds
 * rows; {@link WithDataFiles} widens `ScenarioInput`).
 * Mark the finished schema (a later `.min()` or `.meta()` makes a new definition).
 * @internal
 * @example
 * ```ts
 * import * as z from 'zod';
 * import { dataFileRows } from './schema-data-file.js';
 * const rows = dataFileRows(z.array(z.object({ count: z.number() })));
 * rows.safeParse([{ count: 3 }]).success; // true
 * ```
 */
export function dataFileRows<T extends z.ZodType>(schema: T): T {
  MARKED.add(schema._zod.def);
  return schema;
}

/** `T` with `K` (a row list) also allowed to be a `{ file }`; unions and lists of `T` are mapped too. @internal */
export type FileAt<T, K extends string> = T extends readonly (infer E)[]
  ? FileAt<E, K>[]
  : T extends object
    ? { [P in keyof T]: P extends K ? T[P] | DataFileRef : T[P] }
    : T;

/** Each value of a record (or undefined) through {@link FileAt}. */
type EachAt<R, K extends string> = R extends object ? { [id in keyof R]: FileAt<R[id], K> } : R;

/**
 * A scenario as a file may write it: `{ file }` allowed at exactly the places `inlineDataFiles`
 * reads (arrival `counts`, `timetable`, `initial.*.weeksWaited`). @internal
 */
export type WithDataFiles<S> = {
  [P in keyof S]: P extends 'timetable' ? S[P] | DataFileRef : P extends 'arrivals' ? EachAt<S[P], 'counts'> : P extends 'initial' ? EachAt<S[P], 'weeksWaited'> : S[P];
};

/** True for a schema made by {@link dataFileRows}. @internal */
export function isDataFileRows(node: z.core.$ZodType): boolean {
  return MARKED.has(node._zod.def);
}

/** Name of the shared definition in the JSON Schema's `$defs`. @internal */
export const DATA_FILE_DEF = 'DataFile';

/**
 * JSON Schema of a `{ file }` reference: an object with that one key, as `inlineDataFiles` reads it.
 * @internal
 */
export function dataFileJsonSchema(): Record<string, unknown> {
  return {
    description: 'A CSV file with these rows, relative to the scenario file (read when the scenario is loaded from a file), e.g. { file: data/referrals.csv }.',
    type: 'object',
    properties: { file: { type: 'string', description: 'Path of the CSV file, relative to the scenario file.' } },
    required: ['file'],
    additionalProperties: false,
  };
}

/**
 * Rewrites, in place, the JSON Schema of a marked row list as "these rows, or a `{ file }`"
 * (its description stays on the outside). For zod's `override` hook. @internal
 */
export function widenRowsJson(json: Record<string, unknown>): void {
  const rows: Record<string, unknown> = {};
  for (const k of Object.keys(json)) {
    if (k === 'description' || k === '$schema' || k === 'id' || k === '$id') continue;
    rows[k] = json[k];
    delete json[k];
  }
  json.anyOf = [rows, { $ref: `#/$defs/${DATA_FILE_DEF}` }];
}
