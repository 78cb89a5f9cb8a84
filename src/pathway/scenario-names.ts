/**
 * Names in a scenario (stage, class, arrival, target and variant ids) and the "did you mean …?"
 * hints that make typos cheap to fix.
 * @module
 */

/** Pattern every id in a scenario must match: letters, digits, `_` and `-`. @internal */
export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Stage id reserved for leaving the pathway (`to: exit`). @internal */
export const EXIT_NAME = 'exit';

/** Variant id reserved for the scenario without any variant applied. @internal */
export const BASE_VARIANT = 'base';

/** Name of the implicit class given to patients without a `class`. @internal */
export const DEFAULT_CLASS = 'default';

/** Names longer than this get no "did you mean" hint (nor are offered as one). */
const MAX_HINT_LENGTH = 200;
/** At most this many known names are compared for a hint. */
const MAX_HINT_CANDIDATES = 10_000;

/** Levenshtein distance, stopping early once it exceeds `limit` (names are short). @internal */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      rowMin = Math.min(rowMin, cur[j]!);
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The known name closest to `given` within edit distance 2 (case differences count as
 * half-free: `Capacity` suggests `capacity`), or undefined when nothing is close.
 * @internal
 */
export function closest(given: string, known: Iterable<string>): string | undefined {
  // Ids are short (at most 100 characters); a hint for a runaway string is not worth a
  // quadratic search, and a typo is never that long.
  if (given.length > MAX_HINT_LENGTH) return undefined;
  let best: string | undefined;
  let checked = 0;
  let bestDistance = 3;
  const lower = given.toLowerCase();
  for (const name of known) {
    if (name === given || name.length > MAX_HINT_LENGTH) continue;
    if (++checked > MAX_HINT_CANDIDATES) break;
    const d = Math.min(editDistance(given, name, 2), editDistance(lower, name.toLowerCase(), 2));
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` when a known name is close to `given`, else an empty string. @internal */
export function didYouMean(given: string, known: Iterable<string>): string {
  const hint = closest(given, known);
  return hint === undefined ? '' : ` (did you mean ${JSON.stringify(hint)}?)`;
}

/** `"a", "b" and "c"` — for listing the names that would have been accepted. @internal */
export function listNames(names: readonly string[], none = 'none'): string {
  if (names.length === 0) return none;
  const quoted = names.map((n) => JSON.stringify(n));
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
