/**
 * What the scenario schema expects at a path: a distribution (service times, patience, …), a
 * number (a sensitivity, a cost, a rate), or something else. Read from the zod schema itself,
 * so every numeric field — including ones added later — can hold an uncertain parameter, and a
 * service-time distribution is never mistaken for one.
 * @module
 */
import type * as z from 'zod';
import { ScenarioSchema } from './schema.js';

type Node = z.core.$ZodType;

/** A valid distribution object: a node accepting it takes distributions. */
const DISTRIBUTION_PROBE = { dist: 'exponential', mean: 1 };

/** The schema nodes a value at `segments` is checked against (several through a union). @internal */
export function schemaNodesAt(segments: readonly (string | number)[], root: Node = ScenarioSchema as unknown as Node): Node[] {
  let nodes = expand([root]);
  for (const s of segments) {
    const next: Node[] = [];
    for (const node of nodes) {
      const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
      if (def.type === 'object' && typeof s === 'string') {
        const shape = def.shape as Record<string, Node>;
        if (Object.prototype.hasOwnProperty.call(shape, s)) next.push(shape[s]!);
        else if (def.catchall) next.push(def.catchall as Node);
      } else if (def.type === 'record' && typeof s === 'string') next.push(def.valueType as Node);
      else if (def.type === 'array' && typeof s === 'number') next.push(def.element as Node);
    }
    nodes = expand(next);
  }
  return nodes;
}

/** Unwraps optional, nullable, default, pipe, lazy and union nodes into the nodes they check with. */
function expand(nodes: Node[]): Node[] {
  const out: Node[] = [];
  const visit = (node: Node, depth: number) => {
    if (depth > 20) return;
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'nonoptional':
      case 'catch':
        return visit(def.innerType as Node, depth + 1);
      case 'pipe':
        return visit(def.in as Node, depth + 1);
      case 'lazy':
        return visit((def.getter as () => Node)(), depth + 1);
      case 'union':
        for (const o of def.options as Node[]) visit(o, depth + 1);
        return;
      default:
        out.push(node);
    }
  };
  for (const n of nodes) visit(n, 0);
  return out;
}

/** True when one of the nodes accepts `value`. */
function accepts(nodes: readonly Node[], value: unknown): boolean {
  return nodes.some((n) => (n as unknown as z.ZodType).safeParse(value).success);
}

/** What the schema expects at a place. @internal */
export type PlaceKind = 'distribution' | 'number' | 'other';

/**
 * `distribution` where the schema takes a distribution object, `number` where it takes a
 * plain number but no distribution, `other` elsewhere (text, a list, an unknown field).
 * @internal
 * @example
 * ```ts
 * import { placeKind } from './uncertain-schema.js';
 * placeKind(['stages', 'ct', 'service']); // 'distribution'
 * placeKind(['stages', 'ct', 'test', 'sensitivity']); // 'number'
 * placeKind(['name']); // 'other'
 * ```
 */
export function placeKind(segments: readonly (string | number)[]): PlaceKind {
  // The schema never changes, so a path's answer can be kept (every replication asks again).
  const key = JSON.stringify(segments);
  let kind = KINDS.get(key);
  if (kind === undefined) {
    const nodes = schemaNodesAt(segments);
    kind = nodes.length === 0 ? 'other' : accepts(nodes, DISTRIBUTION_PROBE) ? 'distribution' : nodes.some((n) => numeric(n)) ? 'number' : 'other';
    if (KINDS.size >= MAX_KINDS) KINDS.clear();
    KINDS.set(key, kind);
  }
  return kind;
}

const KINDS = new Map<string, PlaceKind>();
const MAX_KINDS = 10_000;

/** A node that takes numbers: a number schema, or a custom one (a duration) accepting 1. */
function numeric(node: Node): boolean {
  const type = (node._zod.def as { type: string }).type;
  if (type === 'number') return true;
  return type === 'unknown' && accepts([node], 1);
}

/**
 * Does the schema at `segments` accept every number in [lo, hi]? Probed at the ends (a huge
 * number for an infinite end) and in between (a whole-number field refuses the midpoint).
 * @internal
 */
export function acceptsRange(segments: readonly (string | number)[], lo: number, hi: number): boolean {
  const nodes = schemaNodesAt(segments);
  const end = (x: number) => (Number.isFinite(x) ? x : Math.sign(x) * 1e300);
  const a = end(lo);
  const b = end(hi);
  const probes = a === b ? [a] : [a, b, a + (b - a) / Math.PI, (a + b) / 2];
  return probes.every((x) => accepts(nodes, x));
}
