import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { loadScenario, parseScenarioText } from '../../src/pathway/load.js';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { parseScenario, ScenarioError, scenarioJsonSchema } from '../../src/pathway/scenario.js';
import { validateScenario } from '../../src/pathway/validate.js';
import { variantNames } from '../../src/pathway/variants.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const examples = join(root, 'examples/scenarios');
const shared = resolve(root, '../shared/scenarios');
const CANONICAL = ['mm1.yaml', 'tandem.yaml', 'lung-cancer-ai.yaml', 'england-elective.yaml'];

describe('canonical scenario files', () => {
  it('are all present in examples/scenarios', () => {
    const files = readdirSync(examples).filter((f) => f.endsWith('.yaml'));
    for (const f of CANONICAL) expect(files).toContain(f);
  });

  for (const file of CANONICAL) {
    it(`${file} loads without errors or warnings and resolves for every variant`, () => {
      const s = loadScenario(join(examples, file));
      const report = validateScenario(s);
      expect(report.issues).toEqual([]);
      expect(report.warnings).toEqual([]);
      for (const v of ['base', ...variantNames(s)]) {
        const m = resolveScenario(s, v);
        expect(m.variant).toBe(v);
        expect(m.stages.length).toBe(Object.keys(s.stages).length);
        expect(m.horizon).toBeGreaterThan(0);
        // Resolution turns names into indices: every reference points inside the model.
        for (const st of m.stages) for (const b of st.next) expect(b.to === -1 || (b.to >= 0 && b.to < m.stages.length)).toBe(true);
        for (const a of m.arrivals) expect(a.to).toBeGreaterThanOrEqual(0);
        // The model is plain data.
        expect(JSON.parse(JSON.stringify(m))).toEqual(m);
      }
    });
  }

  const haveShared = existsSync(shared);
  const title = haveShared
    ? 'examples/scenarios are byte-identical to ../shared/scenarios'
    : 'examples/scenarios are byte-identical to ../shared/scenarios (skipped: ../shared/scenarios does not exist outside the development workspace)';
  it.skipIf(!haveShared)(title, () => {
    // The same set of files, then the same bytes: a reference file added upstream must ship too.
    const yamlIn = (dir: string) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
    // Every canonical file ships; examples may hold more (surgical-pathway.yaml and its data/).
    expect(yamlIn(examples)).toEqual(expect.arrayContaining(yamlIn(shared)));
    for (const f of yamlIn(shared)) {
      expect(readFileSync(join(examples, f)).equals(readFileSync(join(shared, f))), f).toBe(true);
    }
  });

  it('lung-cancer-ai: the variants change exactly what their patches say', () => {
    const s = loadScenario(join(examples, 'lung-cancer-ai.yaml'));
    expect(variantNames(s)).toEqual(['ai-reporting', 'ai-reporting-and-treatment', 'ai-lower-sensitivity']);
    const base = resolveScenario(s);
    const ai = resolveScenario(s, 'ai-reporting');
    const both = resolveScenario(s, 'ai-reporting-and-treatment');
    const slots = (m: typeof base, id: string) => {
      const phase = m.stages.find((st) => st.id === id)!.capacity[0]!;
      return phase.kind === 'slots' ? phase.perWeekday.reduce((a, b) => a + b, 0) : NaN;
    };
    expect(slots(base, 'reporting')).toBe(1800);
    expect(slots(ai, 'reporting')).toBe(2600);
    expect(slots(both, 'reporting')).toBe(2600); // inherited through `extends`
    expect(slots(ai, 'surgery')).toBe(7);
    expect(slots(both, 'surgery')).toBe(9);
    // The merge kept `per` and `days` of the base capacity: only mon..fri get reporting slots.
    const phase = ai.stages[0]!.capacity[0]!;
    expect(phase.kind === 'slots' && phase.perWeekday).toEqual([520, 520, 520, 520, 520, 0, 0]);
    expect(ai.stages[0]!.test!.sensitivity).toBe(0.85);
    const low = resolveScenario(s, 'ai-lower-sensitivity');
    expect(low.stages[0]!.test!.sensitivity).toBe(0.65);
    expect(slots(low, 'reporting')).toBe(2600); // the AI's capacity, inherited from ai-reporting
    expect(slots(low, 'surgery')).toBe(7);
    expect(ai.stages[0]!.test!.specificity).toBe(0.95);
  });
});

describe('loadScenario and parseScenarioText', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carepath-scenario-'));
  const minimal = 'version: 1\nname: t\nhorizon: 10\narrivals:\n  a: { to: s, rate: { perDay: 1 } }\nstages:\n  s: { capacity: 1 }\n';

  it('reads JSON files too', () => {
    const file = join(dir, 'minimal.json');
    writeFileSync(file, JSON.stringify(parseScenarioText(minimal)));
    expect(loadScenario(file).stages).toEqual({ s: { capacity: 1 } });
  });

  it('a YAML syntax error names the file, line and column', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'version: 1\nname: t\nstages:\n  s: { capacity: 1\n');
    const err = catchError(() => loadScenario(file));
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err.message).toContain(`${file}:`);
    expect(err.issues[0]!.message).toMatch(/broken\.yaml:\d+:\d+: YAML syntax error/);
  });

  it('a duplicate key is a syntax error, with its line', () => {
    const err = catchError(() => parseScenarioText(`${minimal}name: again\n`, 'dup.yaml'));
    expect(err.issues[0]!.message).toMatch(/^dup\.yaml:8:1: YAML syntax error/);
  });

  it('a missing file is a ScenarioError naming the file', () => {
    const file = join(dir, 'nope.yaml');
    const err = catchError(() => loadScenario(file));
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err.message).toContain(file);
    expect(err.message).toContain('no such file');
  });

  it('validation problems carry the line of the offending field', () => {
    const text = minimal.replace('s: { capacity: 1 }', 's: { capacity: 1, sevice: 2 }');
    const err = catchError(() => parseScenarioText(text, 'typo.yaml'));
    expect(err.issues).toEqual([
      { path: 'stages.s.sevice', message: 'unknown field "sevice" (did you mean "service"?) (at typo.yaml:7:21)' },
    ]);
  });

  it('problems found in a variant point into that variant', () => {
    const text = `${minimal}variants:\n  v:\n    patch:\n      stages: { s: { capacity: -1 } }\n`;
    const err = catchError(() => parseScenarioText(text, 'v.yaml'));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]!.path).toBe('variants.v: stages.s.capacity');
    expect(err.issues[0]!.message).toBe('expected a positive integer, got -1 (at v.yaml:11:22)');
  });

  it('reads dates as text even under a %YAML 1.1 directive', () => {
    const s = parseScenarioText(`%YAML 1.1\n---\n${minimal}startDate: 2026-01-05\n`);
    expect(s.startDate).toBe('2026-01-05');
  });

  it('ScenarioError is a ValidationError', () => {
    const err = catchError(() => parseScenario({} as never));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.name).toBe('ScenarioError');
  });
});

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as JsonSchema;

  it('describes every top-level field and requires the essential ones', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties!)).toEqual(
      expect.arrayContaining(['version', 'name', 'description', 'seed', 'startDate', 'warmup', 'horizon', 'sampleEvery',
        'classes', 'arrivals', 'initial', 'stages', 'targets', 'variants']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'name', 'horizon', 'arrivals', 'stages']));
    expect(schema.additionalProperties).toBe(false);
  });

  it('returns a fresh object each time', () => {
    (scenarioJsonSchema() as JsonSchema).type = 'changed';
    expect(scenarioJsonSchema()).toEqual(schema);
  });

  for (const file of CANONICAL) {
    it(`${file} conforms to the generated schema`, () => {
      const data = loadScenario(join(examples, file));
      expect(jsonSchemaErrors(schema, data, '')).toEqual([]);
    });
  }

  it('rejects a misspelt field, as the validator does', () => {
    const data = parseScenarioText(readFileSync(join(examples, 'mm1.yaml'), 'utf8')) as unknown as Record<string, unknown>;
    const bad = { ...data, stages: { clinic: { capcity: 1 } } };
    expect(jsonSchemaErrors(schema, bad, '')).toContain('stages.clinic.capcity: not allowed');
  });
});

function catchError(f: () => unknown): ScenarioError {
  try {
    f();
  } catch (e) {
    return e as ScenarioError;
  }
  throw new Error('expected an error');
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  minProperties?: number;
  maxProperties?: number;
}

/**
 * A small JSON Schema checker covering the keywords the generated schema uses (no validator
 * library is a dependency); enough to show the published schema accepts the canonical files.
 */
function jsonSchemaErrors(s: JsonSchema, v: unknown, path: string): string[] {
  const errs: string[] = [];
  const at = (msg: string) => errs.push(`${path || '(root)'}: ${msg}`);
  if (s.anyOf) {
    const ok = s.anyOf.some((alt) => jsonSchemaErrors(alt, v, path).length === 0);
    if (!ok) at('matches no alternative');
  }
  if (s.const !== undefined && v !== s.const) at(`not ${String(s.const)}`);
  if (s.enum && !s.enum.includes(v)) at('not in enum');
  const isObj = typeof v === 'object' && v !== null && !Array.isArray(v);
  switch (s.type) {
    case 'object':
      if (!isObj) return [...errs, `${path}: not an object`];
      break;
    case 'array':
      if (!Array.isArray(v)) return [...errs, `${path}: not an array`];
      break;
    case 'string':
      if (typeof v !== 'string') return [...errs, `${path}: not a string`];
      break;
    case 'number':
      if (typeof v !== 'number') return [...errs, `${path}: not a number`];
      break;
    case 'integer':
      if (!Number.isInteger(v)) return [...errs, `${path}: not an integer`];
      break;
    case 'boolean':
      if (typeof v !== 'boolean') return [...errs, `${path}: not a boolean`];
      break;
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) at('below minimum');
    if (s.maximum !== undefined && v > s.maximum) at('above maximum');
    if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) at('not above exclusiveMinimum');
  }
  if (typeof v === 'string') {
    if (s.pattern && !new RegExp(s.pattern).test(v)) at('does not match pattern');
    if (s.minLength !== undefined && v.length < s.minLength) at('too short');
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) at('too few items');
    if (s.maxItems !== undefined && v.length > s.maxItems) at('too many items');
    if (s.items) v.forEach((x, i) => errs.push(...jsonSchemaErrors(s.items!, x, `${path}[${i}]`)));
  }
  if (isObj) {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (s.minProperties !== undefined && keys.length < s.minProperties) at('too few properties');
    if (s.maxProperties !== undefined && keys.length > s.maxProperties) at('too many properties');
    for (const r of s.required ?? []) if (!(r in obj)) at(`missing ${r}`);
    for (const k of keys) {
      const p = path ? `${path}.${k}` : k;
      if (s.propertyNames) errs.push(...jsonSchemaErrors(s.propertyNames, k, `${p} (name)`));
      if (s.properties && k in s.properties) errs.push(...jsonSchemaErrors(s.properties[k]!, obj[k], p));
      else if (s.additionalProperties === false) errs.push(`${p}: not allowed`);
      else if (typeof s.additionalProperties === 'object') errs.push(...jsonSchemaErrors(s.additionalProperties, obj[k], p));
    }
  }
  return errs;
}
