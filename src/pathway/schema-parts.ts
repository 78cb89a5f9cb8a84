/**
 * Building blocks for the scenario schema: zod schemas whose error messages are already in
 * carepath's style (`expected a positive integer`), so {@link toIssues} only has to add the
 * path and the value that was given. Distributions and durations are checked by src/core's
 * schemas, whose messages already are in that style.
 * @module
 */
import * as z from 'zod';
import { DistributionSchema, type DistributionSpec } from '../core/distributions.js';
import { DurationSchema, parseDuration, type DurationInput } from '../core/duration.js';
import { describeValue } from '../core/errors.js';
import { uncertainNumber } from './schema-uncertain.js';

/** Marker starting the message of an `unrecognized_keys` issue; followed by the known keys as JSON. */
export const KNOWN_KEYS_MARKER = '\u0000known:';

/** `params.carepath` on a custom issue: its message is final; `params.rel` extends its path. */
export interface CarepathIssueParams {
  carepath: true;
  /** Path inside the value, appended to the issue's path (`.mean`, `[0]`), possibly empty. */
  rel: string;
}

/** A zod error option whose message is `expected <what>`. */
export function expecting(what: string): { error: string } {
  return { error: `expected ${what}` };
}

/**
 * A strict object: unknown fields are errors. Its `unrecognized_keys` issue carries the known
 * field names so the converter can suggest the closest one.
 */
export function strict<T extends z.core.$ZodLooseShape>(shape: T, what: string) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? KNOWN_KEYS_MARKER + JSON.stringify(known) : `expected ${what}`,
  });
}

/** A positive integer (servers, counts that cannot be zero). */
export function positiveInt() {
  const e = expecting('a positive integer');
  return z.number(e).int(e).positive(e);
}

/** A non-negative integer (slots, patient counts). */
export function nonNegativeInt() {
  const e = expecting('a non-negative integer');
  return z.number(e).int(e).min(0, e);
}

/** A probability or share in [0, 1]; may be an uncertain parameter (a beta). */
export function probability(what = 'a probability between 0 and 1') {
  const e = expecting(what);
  return uncertainNumber(z.number(e).min(0, e).max(1, e));
}

/** A finite number of 0 or more; may be an uncertain parameter (a gamma, a lognormal). */
export function nonNegativeNumber(what = 'a number of 0 or more') {
  const e = expecting(what);
  return uncertainNumber(z.number(e).min(0, e));
}

/** Plain text. */
export function text(what = 'text') {
  return z.string(expecting(what));
}

/** A reference to something named elsewhere (a stage, a class): existence is a semantic rule. */
export function reference(what: string) {
  const e = expecting(what);
  return z.string(e).min(1, e);
}

/** Adds a final, carepath-styled issue from inside a refinement. */
export function addIssue(ctx: z.RefinementCtx, message: string, rel = ''): void {
  const params: CarepathIssueParams = { carepath: true, rel };
  ctx.addIssue({ code: 'custom', message, params });
}

/**
 * A distribution (bare number or duration string = fixed; `{ dist: ..., ... }`), validated by
 * src/core's `DistributionSchema`, so the format accepts exactly what the kernel can sample.
 */
export function distribution(description: string) {
  // src/core types the schema by its output only (input `unknown`); the scenario's input type
  // (`ScenarioInput`) needs the spec on the input side too, so a misspelt `dist` fails to compile.
  return DistributionSchema.meta({ description }) as unknown as z.ZodType<DistributionSpec, DistributionSpec>;
}

/** What a duration must additionally satisfy. */
export type DurationBound = 'nonNegative' | 'positive';

/**
 * A duration: a number of days or a string with a unit (`"15min"`, `"36h"`, `"3d"`, `"6w"`,
 * `"1y"`), validated by src/core's `DurationSchema` (which refuses negative ones); `positive`
 * also refuses zero.
 */
export function duration(bound: DurationBound, description: string) {
  const schema = bound === 'positive' ? DurationSchema.superRefine(refusesZero) : DurationSchema;
  // Input typed as a duration too (see `distribution`), not `unknown`.
  return schema.meta({ description }) as unknown as z.ZodType<DurationInput, DurationInput>;
}

function refusesZero(value: unknown, ctx: z.RefinementCtx): void {
  const days = durationDays(value);
  // Invalid durations are reported by DurationSchema itself.
  if (days !== undefined && !(days > 0)) addIssue(ctx, `expected a duration greater than 0, got ${describeValue(value)}`);
}

/** Days of a valid duration, or undefined (never throws). */
export function durationDays(value: unknown): number | undefined {
  try {
    const days = parseDuration(value, '');
    return Number.isFinite(days) ? days : undefined;
  } catch {
    return undefined;
  }
}
