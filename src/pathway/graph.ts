/**
 * Reachability over the stage graph, shared by the validation rules and the livelock check.
 * @module
 */

/**
 * Stages reachable from `sources` (including them) along `edges`.
 * @example
 * ```ts
 * import { reach } from './graph.js';
 * const next: Record<string, string[]> = { a: ['b'], b: ['c'], c: [], d: ['a'] };
 * [...reach(['a'], (id) => next[id] ?? [])]; // [ 'a', 'b', 'c' ]
 * ```
 * @internal
 */
export function reach(sources: Iterable<string>, edges: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...sources];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const t of edges(s)) if (!seen.has(t)) stack.push(t);
  }
  return seen;
}
