/**
 * Durations in input data. The model's time unit is the **day**: a bare number is days, and a
 * string with a unit is converted: `"15min"`, `"36h"`, `"3d"`, `"6w"`, `"1y"` (a year is 365
 * days), decimals allowed (`"2.5d"`), a space before the unit allowed (`"90 min"`).
 * @module
 */
import * as z from 'zod';
import { describeValue, invalid, type Issue } from './errors.js';

/** A duration as written in input data: days, or a string with a unit such as `"36h"`. */
export type DurationInput = number | string;

/**
 * Days per unit accepted in duration strings.
 * @example
 * ```ts
 * import { DURATION_UNITS } from 'carepath/kernel';
 * DURATION_UNITS.w; // 7
 * DURATION_UNITS.h; // 0.041666666666666664 (1/24)
 * ```
 */
export const DURATION_UNITS: Readonly<Record<string, number>> = Object.freeze({
  min: 1 / 1440,
  h: 1 / 24,
  d: 1,
  w: 7,
  y: 365,
});

/**
 * Regular expression (source text) a duration string must match; shared with the JSON Schema
 * so editors check exactly what {@link parseDuration} accepts.
 * @example
 * ```ts
 * import { DURATION_PATTERN } from 'carepath/kernel';
 * const re = new RegExp(DURATION_PATTERN);
 * [re.test('36h'), re.test('2.5d'), re.test('3m')]; // [ true, true, false ]
 * ```
 */
export const DURATION_PATTERN = '^\\s*(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(min|h|d|w|y)\\s*$';
const DURATION_RE = new RegExp(DURATION_PATTERN);

/** Form of a valid duration, for error messages. */
const EXPECTED_FORM = 'a duration: a number of days ≥ 0 or a string like "15min", "36h", "3d", "6w", "1y"';

/**
 * Converts a duration to days, or returns what is wrong with it (as an error message without
 * the path). Shared by {@link parseDuration} and the distribution validator.
 * @internal
 */
export function readDuration(value: unknown): number | { message: string } {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { message: `expected a finite non-negative duration, got ${describeValue(value)}` };
    if (value < 0) return { message: `expected a non-negative duration, got ${describeValue(value)}` };
    return value;
  }
  if (typeof value === 'string') {
    const m = DURATION_RE.exec(value);
    if (m === null) {
      let hint = '';
      if (/^\s*-/.test(value)) hint = ' (durations cannot be negative)';
      else if (/^\s*[\d.]+\s*m\s*$/.test(value)) hint = ' ("m" is ambiguous: write "min" for minutes)';
      else if (/^\s*[\d.]+\s*$/.test(value)) hint = ' (add a unit, or give a plain number of days)';
      return { message: `expected ${EXPECTED_FORM}, got ${describeValue(value)}${hint}` };
    }
    return Number(m[1]) * DURATION_UNITS[m[2]!]!;
  }
  return { message: `expected ${EXPECTED_FORM}, got ${describeValue(value)}` };
}

/**
 * Converts a duration in input data to days.
 * @param value A number of days (≥ 0) or a string with a unit (`"36h"`, `"90 min"`, `"2.5d"`).
 * @param path Where the value is, for the error message (e.g. `stages.ct.service.mean`).
 * @throws ValidationError naming the path, the value and the accepted forms.
 * @example
 * ```ts
 * import { parseDuration } from 'carepath/kernel';
 * parseDuration('36h', 'stages.ct.service.mean'); // 1.5
 * parseDuration('6w', 'horizon'); // 42
 * try {
 *   parseDuration('3m', 'warmup');
 * } catch (e) {
 *   console.log((e as Error).message); // warmup: expected a duration: … ("m" is ambiguous: write "min" for minutes)
 * }
 * ```
 */
export function parseDuration(value: unknown, path: string): number {
  const r = readDuration(value);
  if (typeof r === 'number') return r;
  throw invalid(path, r.message);
}

/**
 * Problems with a duration (empty when valid); never throws.
 * @example
 * ```ts
 * import { checkDuration } from 'carepath/kernel';
 * checkDuration('3d', 'warmup'); // []
 * checkDuration(-1, 'warmup'); // [ { path: 'warmup', message: 'expected a non-negative duration, got -1' } ]
 * ```
 */
export function checkDuration(value: unknown, path: string): Issue[] {
  const r = readDuration(value);
  return typeof r === 'number' ? [] : [{ path, message: r.message }];
}

/**
 * Formats days for people, in the largest sensible unit with up to three significant digits:
 * `formatDuration(0.0104)` → `"15min"`, `formatDuration(1.5)` → `"1.5d"`, `formatDuration(84)`
 * → `"12w"`, `formatDuration(730)` → `"2y"`. The result parses back with {@link parseDuration}
 * (to within the rounding) when `days` ≥ 0.
 * @example
 * ```ts
 * import { formatDuration } from 'carepath/kernel';
 * formatDuration(1.5); // '1.5d'
 * formatDuration(84); // '12w'
 * formatDuration(730); // '2y'
 * ```
 */
export function formatDuration(days: number): string {
  if (!Number.isFinite(days)) return String(days);
  const a = Math.abs(days);
  let unit: string;
  if (a === 0) unit = 'd';
  else if (a < 1 / 24) unit = 'min';
  else if (a < 1) unit = 'h';
  else if (a < 70) unit = 'd';
  else if (a < 730) unit = 'w';
  else unit = 'y';
  const n = days / DURATION_UNITS[unit]!;
  return `${Number(n.toPrecision(3))}${unit}`;
}

/**
 * JSON Schema of a duration, published in {@link DurationSchema}'s metadata.
 * @example
 * ```ts
 * import { DURATION_JSON_SCHEMA } from 'carepath/kernel';
 * DURATION_JSON_SCHEMA.anyOf[0]; // { type: 'number', minimum: 0, description: 'days' }
 * ```
 */
export const DURATION_JSON_SCHEMA = Object.freeze({
  anyOf: [
    { type: 'number', minimum: 0, description: 'days' },
    { type: 'string', pattern: DURATION_PATTERN, description: 'a number and a unit: min, h, d, w or y (365 days)' },
  ],
  description: 'A duration: days, or a string with a unit such as "15min", "36h", "3d", "6w", "1y".',
});

/**
 * zod schema for a duration in input data. It validates with the same rules and messages as
 * {@link parseDuration} and leaves the value as given (convert with `parseDuration`).
 * `z.toJSONSchema` renders it as a number ≥ 0 or a string matching {@link DURATION_PATTERN}.
 * @example
 * ```ts
 * import { DurationSchema } from 'carepath/kernel';
 * DurationSchema.safeParse('36h').success; // true
 * DurationSchema.safeParse('3m').success; // false ("m" is ambiguous: write "min")
 * ```
 */
export const DurationSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const r = readDuration(value);
    if (typeof r !== 'number') ctx.addIssue({ code: 'custom', message: r.message, input: value });
  })
  .meta(structuredClone(DURATION_JSON_SCHEMA) as Record<string, unknown>) as unknown as z.ZodType<DurationInput>;
