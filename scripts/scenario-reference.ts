/**
 * Renders the field reference of the scenario format (docs/guide/scenario-reference.md) from
 * the published JSON Schema (`scenarioJsonSchema()`), so the reference cannot drift from what
 * `parseScenario` accepts. test/examples/docs.test.ts checks that the file is current.
 *
 * Run: npx tsx scripts/scenario-reference.ts            (writes the file)
 *      npx tsx scripts/scenario-reference.ts --check    (exit 1 if the file is out of date)
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../src/index.js';

/** A JSON Schema node, as zod writes it (inline, except the one shared `UncertainNumber` $ref). */
type Schema = {
  $ref?: string;
  type?: string;
  description?: string;
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  propertyNames?: Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  minProperties?: number;
  format?: string;
  pattern?: string;
};

/** One row of the reference table. */
interface Row {
  path: string;
  type: string;
  required: boolean;
  description: string;
}

/** Where the file goes. */
export const REFERENCE_FILE = fileURLToPath(new URL('../docs/guide/scenario-reference.md', import.meta.url));

/** Placeholder for the keys of a map, named after the map. */
const KEY_NAMES: Record<string, string> = {
  classes: 'CLASS',
  arrivals: 'STREAM',
  initial: 'STAGE',
  stages: 'STAGE',
  targets: 'TARGET',
  variants: 'VARIANT',
  conditions: 'CONDITION',
  patch: 'FIELD',
};

/**
 * Descriptions for the few fields the schema leaves undescribed (their meaning is given by the
 * field above them); keyed by reference path. Kept here, short, and checked: a path missing
 * from both the schema and this list fails the run.
 */
const FALLBACK: Record<string, string> = {
  version: 'Format version; must be 1.',
  name: 'Name of the scenario, shown in reports.',
  description: 'What the scenario is about (free text, shown in reports).',
  'classes.CLASS': 'A patient class.',
  'classes.CLASS.priority': 'Lower is served first at `queue: priority` stages.',
  'arrivals.STREAM.rate.perDay': 'Mean arrivals per day.',
  'arrivals.STREAM.rate.perWeek': 'Mean arrivals per week.',
  'arrivals.STREAM.rate.perMonth': 'Mean arrivals per month (365/12 days).',
  'arrivals.STREAM.rate.perYear': 'Mean arrivals per year (365 days).',
  'arrivals.STREAM.changes[].rate.perDay': 'Mean arrivals per day.',
  'arrivals.STREAM.changes[].rate.perWeek': 'Mean arrivals per week.',
  'arrivals.STREAM.changes[].rate.perMonth': 'Mean arrivals per month (365/12 days).',
  'arrivals.STREAM.changes[].rate.perYear': 'Mean arrivals per year (365 days).',
  'arrivals.STREAM.changes[]': 'One step change.',
  'arrivals.STREAM.growth.perYear': 'Fraction per year, greater than −1 (0.03 = 3% a year; negative shrinks).',
  'arrivals.STREAM.conditions.CONDITION': 'Prevalence: the share of these patients who truly have the condition.',
  'initial.STAGE[]': 'One group of waiting patients (a list allows several groups at one stage).',
  'initial.STAGE.class': 'Class of these patients (default: the implicit `default` class).',
  'initial.STAGE[].class': 'Class of these patients.',
  'initial.STAGE.conditions.CONDITION': 'Prevalence among these patients.',
  'initial.STAGE[].conditions.CONDITION': 'Prevalence among these patients.',
  'stages.STAGE': 'A stage: a queue (or a delay) with its capacity, service time and routing.',
  'stages.STAGE.capacity[]': 'One phase: the capacity from `from` until the next phase.',
  'stages.STAGE.test.onPositive.class': 'The class a positive result gives.',
  'stages.STAGE.test.missed.share': 'Share of the false negatives who come back.',
  'stages.STAGE.test.missed.to': 'Stage they come back to (with a new pathway clock).',
  'stages.STAGE.next[]': 'One branch.',
  'stages.STAGE.next[].to': 'A stage, or `exit`.',
  'targets.TARGET.description': 'What the standard is, in words (shown in reports).',
  'variants.VARIANT.description': 'What the variant changes, in words (shown in reports).',
  'variants.VARIANT.patch.FIELD': 'Any scenario field (the patch has the scenario\u2019s shape).',
};

const DURATION_PATTERN = '(min|h|d|w|y)';

/** A duration: a non-negative number of days or a string with a unit. */
function isDuration(s: Schema): boolean {
  const alts = s.anyOf;
  return !!alts && alts.length === 2 && alts.some((a) => a.type === 'number') && alts.some((a) => a.type === 'string' && (a.pattern ?? '').includes(DURATION_PATTERN));
}

/** A number that may be an uncertain parameter: `anyOf: [number, { $ref: UncertainNumber }]`. */
function isUncertain(s: Schema): boolean {
  return !!s.anyOf && s.anyOf.length === 2 && s.anyOf.some((a) => a.type === 'number') && s.anyOf.some((a) => a.$ref !== undefined);
}

/** A distribution: a duration (a fixed value) or one of the `{ dist, ... }` objects. */
function isDistribution(s: Schema): boolean {
  return !!s.anyOf && s.anyOf.some((a) => a.type === 'object' && a.properties?.dist?.const !== undefined);
}

const SAFE = 9007199254740991;

/** Bounds of a number, as text (`> 0`, `in [0, 1]`, …), ignoring the safe-integer limits. */
function bounds(s: Schema): string {
  const lo = s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : s.minimum !== undefined && s.minimum > -SAFE ? `≥ ${s.minimum}` : '';
  const hi = s.exclusiveMaximum !== undefined ? `< ${s.exclusiveMaximum}` : s.maximum !== undefined && s.maximum < SAFE ? `≤ ${s.maximum}` : '';
  if (s.minimum !== undefined && s.maximum !== undefined && hi && lo.startsWith('≥')) return ` in [${s.minimum}, ${s.maximum}]`;
  if (s.exclusiveMinimum !== undefined && s.maximum !== undefined && hi) return ` in (${s.exclusiveMinimum}, ${s.maximum}]`;
  return [lo, hi].filter(Boolean).map((b) => ` ${b}`).join(',');
}

/** Short type text of a node (not recursing into objects). */
function typeText(s: Schema): string {
  if (isDuration(s)) return 'duration';
  if (isDistribution(s)) return '[distribution](#distributions)';
  if (isUncertain(s)) return `${typeText(s.anyOf!.find((a) => a.type === 'number')!)} or [uncertain](#uncertain-parameters)`;
  if (s.$ref === '#/$defs/DataFile') return 'a CSV file `{ file: path }`';
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((e) => `\`${String(e)}\``).join(' | ');
  if (s.anyOf) return [...new Set(s.anyOf.map(typeText))].join(' or ');
  switch (s.type) {
    case 'integer':
      return `integer${bounds(s)}`;
    case 'number':
      return `number${bounds(s)}`;
    case 'string':
      return s.format === 'date' ? 'date `YYYY-MM-DD`' : 'string';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const n = s.minItems !== undefined && s.minItems === s.maxItems ? `${s.minItems} ` : '';
      const item = s.items ? typeText(s.items) : 'value';
      return `list of ${n}${item.startsWith('list') || item.includes(' or ') ? `(${item})` : item}${s.minItems && !n ? ` (at least ${s.minItems})` : ''}`;
    }
    case 'object':
      if (s.properties) return 'object';
      return 'map';
    default:
      return s.additionalProperties !== undefined ? 'map' : 'any';
  }
}

/** Paths met without a description anywhere (reported together at the end). */
let undescribed: string[] = [];

/** FALLBACK entries used in this run (an unused one is stale: the schema gained a description). */
let usedFallbacks = new Set<string>();

function describe(s: Schema, path: string): string {
  const own = s.description && s.description !== 'days' ? s.description : undefined;
  if (own === undefined && FALLBACK[path] !== undefined) usedFallbacks.add(path);
  const text = own ?? FALLBACK[path];
  if (text === undefined) undescribed.push(path);
  return text ?? '';
}

/** Walks a node, adding a row for it (unless it is the root) and rows for what it contains. */
function walk(s: Schema, path: string, required: boolean, rows: Row[], key: string): void {
  if (path) rows.push({ path, type: typeText(s), required, description: describe(s, path) });
  if (isDuration(s) || isDistribution(s) || isUncertain(s)) return;
  const branches = s.anyOf ?? [s];
  for (const b of branches) {
    if (b.type === 'object' && b.properties) {
      const req = new Set(b.required ?? []);
      for (const [name, child] of Object.entries(b.properties)) {
        walk(child, path ? `${path}.${name}` : name, req.has(name), rows, name);
      }
    } else if (b.type === 'object' && b.additionalProperties && typeof b.additionalProperties === 'object' && Object.keys(b.additionalProperties).length > 0) {
      walk(b.additionalProperties, `${path}.${KEY_NAMES[key] ?? 'NAME'}`, false, rows, key);
    } else if (b.type === 'object' && b.additionalProperties !== undefined && key === 'patch') {
      rows.push({ path: `${path}.FIELD`, type: 'any', required: false, description: describe({}, `${path}.FIELD`) });
    } else if (b.type === 'array' && b.items && (b.items.type === 'object' || b.items.anyOf) && !isDistribution(b.items) && !isDuration(b.items) && !isUncertain(b.items)) {
      walk(b.items, `${path}[]`, false, rows, key);
    }
  }
}

/** `dist` and fields of each form of an uncertain parameter, from the schema's `$defs`. */
function uncertainForms(schema: Schema): string[][] {
  const defs = (schema as { $defs?: Record<string, Schema> }).$defs ?? {};
  const forms = Object.values(defs).flatMap((d) => d.anyOf ?? []);
  return forms.map((f) => {
    const fields = Object.keys(f.properties ?? {}).filter((k) => k !== 'dist');
    return [`\`${String(f.properties!.dist!.const)}\``, fields.map((k) => `\`${k}\``).join(', ')];
  });
}

/** Rows for one `{ dist: … }` alternative of the distribution schema. */
function distributionRows(dist: Schema): string[][] {
  const alts = (dist.anyOf ?? []).filter((a) => a.type === 'object' && a.properties?.dist?.const !== undefined);
  return alts.map((a) => {
    const req = new Set(a.required ?? []);
    const fields = Object.entries(a.properties!)
      .filter(([name]) => name !== 'dist')
      .map(([name, f]) => `\`${name}\`${req.has(name) ? '' : '?'}: ${typeText(f)}`);
    return [`\`${String(a.properties!.dist!.const)}\``, fields.join(', '), a.description ?? ''];
  });
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The whole markdown file. */
export function renderScenarioReference(): string {
  const schema = scenarioJsonSchema() as Schema;
  const rows: Row[] = [];
  undescribed = [];
  usedFallbacks = new Set();
  walk(schema, '', true, rows, '');
  const stale = Object.keys(FALLBACK).filter((k) => !usedFallbacks.has(k));
  if (stale.length > 0) throw new Error(`scenario-reference: FALLBACK entries no longer needed: ${stale.join(', ')}`);
  if (undescribed.length > 0) {
    throw new Error(`scenario-reference: no description for ${undescribed.join(', ')}; add one to the schema (preferred) or to FALLBACK`);
  }
  // A path can be reached twice (the same field in two alternatives of a union): keep the first.
  const seen = new Set<string>();
  const unique = rows.filter((r) => (seen.has(r.path) ? false : (seen.add(r.path), true)));
  const service = schema.properties!.stages!.additionalProperties as Schema;
  const dist = service.properties!.service!;
  return [
    '<!-- Generated by scripts/scenario-reference.ts from scenarioJsonSchema(); do not edit by hand.',
    '     Regenerate: npx tsx scripts/scenario-reference.ts -->',
    '',
    '# Scenario format: field reference',
    '',
    'Every field of a scenario file (format version 1), generated from the JSON Schema that',
    '`carepath schema` prints. Explanations and examples are in [the scenario format](scenario-format.md).',
    '',
    '- `STAGE`, `STREAM`, `CLASS`, `TARGET`, `VARIANT`, `CONDITION` stand for names you choose: letters,',
    '  digits, `_` and `-` (conditions: any non-empty text).',
    '- `[]` marks the items of a list. "yes" in *required* means required whenever its parent is given.',
    '- A **duration** is a number of days (`14`, `0.5`) or a string with a unit: `"15min"`, `"36h"`,',
    '  `"3d"`, `"6w"`, `"1y"` (365 days).',
    '- Rules that relate fields (a `to` naming an existing stage, `p` adding up to at most 1, phases',
    '  in time order, …) are checked by `carepath validate` and `parseScenario`, not by the schema.',
    '',
    '## Fields',
    '',
    table(
      ['field', 'type', 'required', 'description'],
      unique.map((r) => [`\`${r.path}\``, cell(r.type), r.required ? 'yes' : '', cell(r.description)]),
    ),
    '',
    '## Distributions',
    '',
    'Service times, patience and `initial` waits are distributions: a duration (always that value)',
    'or an object whose `dist` names the family. Parameters that are times accept durations with units.',
    '',
    table(['`dist`', 'fields (`?` = optional)', 'meaning'], distributionRows(dist).map((r) => r.map(cell))),
    '',
    '## Uncertain parameters',
    '',
    'A field typed "or [uncertain](#uncertain-parameters)" may be given as a distribution of what we',
    'do not know about it (probabilistic sensitivity analysis): drawn once per replication, the same',
    'draw for every variant. Its draws must stay in the field\'s range (a share needs `beta`, a',
    'positive amount `gamma` or `lognormal`); whole-number fields cannot be uncertain.',
    '',
    table(
      ['`dist`', 'fields'],
      uncertainForms(schema).map((r) => r.map(cell)),
    ),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderScenarioReference();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(REFERENCE_FILE, 'utf8');
    } catch {
      // missing: out of date
    }
    if (current !== text) {
      console.error(`${REFERENCE_FILE} is out of date: run npx tsx scripts/scenario-reference.ts`);
      process.exit(1);
    }
  } else {
    writeFileSync(REFERENCE_FILE, text);
    console.log(`wrote ${REFERENCE_FILE}`);
  }
}
