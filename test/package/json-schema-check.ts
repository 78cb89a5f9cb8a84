/**
 * A small JSON Schema (draft 2020-12) checker for the keywords the shipped scenario schema
 * uses, written independently of zod, so the shipped file is checked against real scenarios by
 * something other than the code that generated it. Returns the paths that fail (empty = valid).
 */
type Json = unknown;
type Schema = Record<string, unknown> | boolean;

export function jsonSchemaErrors(root: Record<string, unknown>, value: Json): string[] {
  const errors: string[] = [];
  check(root, root, value, '', errors);
  return errors;
}

function resolveRef(root: Record<string, unknown>, ref: string): Schema {
  let node: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Record<string, unknown>)[part];
  return node as Schema;
}

function typeOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function check(root: Record<string, unknown>, schema: Schema, v: Json, path: string, errors: string[]): void {
  if (schema === true) return;
  if (schema === false) return void errors.push(`${path}: not allowed`);
  const s = schema;
  const fail = (why: string) => errors.push(`${path || '(root)'}: ${why}`);
  if (typeof s.$ref === 'string') check(root, resolveRef(root, s.$ref), v, path, errors);
  if (s.type !== undefined) {
    const t = typeOf(v);
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) return void fail(`expected ${types.join('|')}, got ${t}`);
  }
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(v)) fail(`expected ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) fail('not in enum');
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) fail(`below ${s.minimum}`);
    if (typeof s.maximum === 'number' && v > s.maximum) fail(`above ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) fail(`not above ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) fail(`not below ${s.exclusiveMaximum}`);
  }
  if (typeof v === 'string') {
    if (typeof s.minLength === 'number' && v.length < s.minLength) fail('too short');
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) fail(`does not match ${s.pattern}`);
  }
  if (Array.isArray(v)) {
    if (typeof s.minItems === 'number' && v.length < s.minItems) fail('too few items');
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) fail('too many items');
    if (s.items !== undefined) v.forEach((x, i) => check(root, s.items as Schema, x, `${path}[${i}]`, errors));
  }
  if (typeOf(v) === 'object') {
    const o = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in o)) fail(`missing ${r}`);
    const n = Object.keys(o).length;
    if (typeof s.minProperties === 'number' && n < s.minProperties) fail('too few properties');
    if (typeof s.maxProperties === 'number' && n > s.maxProperties) fail('too many properties');
    for (const [k, x] of Object.entries(o)) {
      if (s.propertyNames !== undefined) check(root, s.propertyNames as Schema, k, `${path}.${k}(name)`, errors);
      if (k in props) check(root, props[k]!, x, `${path}.${k}`, errors);
      else if (s.additionalProperties !== undefined) check(root, s.additionalProperties as Schema, x, `${path}.${k}`, errors);
    }
  }
  if (Array.isArray(s.anyOf)) {
    const ok = s.anyOf.some((alt) => {
      const sub: string[] = [];
      check(root, alt as Schema, v, path, sub);
      return sub.length === 0;
    });
    if (!ok) fail('matches none of anyOf');
  }
}
