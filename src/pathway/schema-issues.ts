/**
 * Turns zod's issues into carepath issues: a dotted path (`stages.ct.next[1].to`), the value
 * that was given and what was expected, and "did you mean …?" for misspelt fields. A planner
 * should never see zod's own wording ("Invalid input: expected union").
 * @module
 */
import type * as z from 'zod';
import { describeValue, type Issue } from '../core/errors.js';
import { formatPath, isObject, valueAt } from './scenario-json.js';
import { closest } from './scenario-names.js';
import { KNOWN_KEYS_MARKER, type CarepathIssueParams } from './schema-parts.js';

type ZodIssue = z.core.$ZodIssue;

/** What the entries of each named map are, for messages about their names. */
const MAP_ENTRY: Record<string, string> = {
  stages: 'stage',
  classes: 'class',
  arrivals: 'arrival stream',
  targets: 'target',
  variants: 'variant',
  initial: 'stage',
};

/** Appends a sub-path (`.mean`, `[0]`, `` ) found by src/core to a path. @internal */
export function appendRel(path: string, rel: string): string {
  if (rel === '') return path;
  if (path === '' && rel.startsWith('.')) return rel.slice(1);
  if (rel.startsWith('.') || rel.startsWith('[')) return path + rel;
  return path === '' ? rel : `${path}.${rel}`;
}

/** True when a union branch failed on the value's basic type (it was the wrong branch). */
function rootMismatch(issue: ZodIssue): boolean {
  if (issue.path.length !== 0) return false;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value') return true;
  if (issue.code === 'invalid_union') return issue.errors.every((branch) => branch.some(rootMismatch));
  return false;
}

/** Converts zod issues for `data` into carepath issues (deduplicated, in order). @internal */
export function toIssues(issues: readonly ZodIssue[], data: unknown): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    for (const converted of convert(issue, data, [])) {
      const key = `${converted.path}\u0000${converted.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(converted);
      }
    }
  }
  return out;
}

function convert(issue: ZodIssue, data: unknown, base: readonly PropertyKey[]): Issue[] {
  const segments = [...base, ...issue.path];
  const path = formatPath(segments);
  const value = valueAt(data, segments);

  switch (issue.code) {
    case 'custom': {
      const params = issue.params as Partial<CarepathIssueParams> | undefined;
      if (params?.carepath) return [{ path: appendRel(path, params.rel ?? ''), message: issue.message }];
      // src/core's distribution and duration schemas word their messages `expected …, got …`.
      if (isMissing(data, segments) && issue.message.startsWith('expected ') && issue.message.endsWith(', got nothing')) {
        return [{ path, message: missing(issue.message.slice('expected '.length, -', got nothing'.length)) }];
      }
      return [{ path, message: issue.message }];
    }
    case 'unrecognized_keys': {
      const known = issue.message.startsWith(KNOWN_KEYS_MARKER)
        ? (JSON.parse(issue.message.slice(KNOWN_KEYS_MARKER.length)) as string[])
        : [];
      return issue.keys.map((key) => ({ path: formatPath([key], path), message: unknownField(key, known) }));
    }
    case 'invalid_union': {
      const candidates = issue.errors.filter((branch) => !branch.some(rootMismatch));
      if (candidates.length > 0) {
        // The value has the basic type of these branches: report the one that came closest.
        const best = candidates.reduce((a, b) => (b.length < a.length ? b : a));
        return best.flatMap((inner) => convert(inner, data, segments));
      }
      const expected = expectation(issue.message, 'a different kind of value');
      return [{ path, message: isMissing(data, segments) ? missing(expected) : expectedGot(expected, value) }];
    }
    case 'invalid_key': {
      const key = segments[segments.length - 1];
      const parent = segments[segments.length - 2];
      const what = (typeof parent === 'string' && MAP_ENTRY[parent]) || 'name';
      return [
        {
          path,
          message: `${what} name ${describeValue(String(key))} may only contain letters, digits, "_" and "-"`,
        },
      ];
    }
    default: {
      const expected = expectation(issue.message, fallbackExpectation(issue));
      if (isMissing(data, segments)) return [{ path, message: missing(expected) }];
      let message = expectedGot(expected, value);
      if (issue.code === 'invalid_value' && typeof value === 'string') {
        const hint = closest(value, issue.values.map(String));
        if (hint !== undefined) message += ` (did you mean ${JSON.stringify(hint)}?)`;
      }
      return [{ path, message }];
    }
  }
}

/** True when the path names a field that is absent from an object that exists. */
function isMissing(data: unknown, segments: readonly PropertyKey[]): boolean {
  return segments.length > 0 && valueAt(data, segments) === undefined && isObject(valueAt(data, segments.slice(0, -1)));
}

function missing(expected: string): string {
  return `missing (expected ${expected})`;
}

function unknownField(key: string, known: string[]): string {
  const hint = closest(key, known);
  if (hint !== undefined) return `unknown field ${JSON.stringify(key)} (did you mean ${JSON.stringify(hint)}?)`;
  return known.length > 0
    ? `unknown field ${JSON.stringify(key)}; the fields here are ${known.join(', ')}`
    : `unknown field ${JSON.stringify(key)}`;
}

/** Our schema messages read `expected …`; strip that to reuse the expectation. */
function expectation(message: string, fallback: string): string {
  if (message.startsWith('expected ')) return message.slice('expected '.length);
  if (message.startsWith('Invalid') || message.startsWith('Too ') || message === '') return fallback;
  return message;
}

function expectedGot(expected: string, value: unknown): string {
  return `expected ${expected}, got ${describeValue(value)}`;
}

/** A plain-words expectation for issues whose schema carries no message of ours. */
function fallbackExpectation(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `a value of at least ${String(issue.minimum)}`;
    case 'too_big':
      return `a value of at most ${String(issue.maximum)}`;
    default:
      return 'a valid value';
  }
}
