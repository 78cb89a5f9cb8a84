/**
 * The JSON Schema shipped in the package, and how `carepath init` points editors at it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCHEMA_FILE, renderSchemaFile } from '../../scripts/write-schema.js';
import { schemaComment, schemaReference, schemaUrl, SCHEMA_PATH } from '../../src/cli/schema-ref.js';
import { CAREPATH_VERSION } from '../../src/experiment/version.js';
import { jsonSchemaErrors } from './json-schema-check.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };

describe('schema/scenario.schema.json', () => {
  it('is current: what scripts/write-schema.ts renders from the zod schema (npm run schema if this fails)', () => {
    expect(SCHEMA_FILE).toBe(join(ROOT, SCHEMA_PATH));
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderSchemaFile());
  });

  it('is a draft 2020-12 schema of the scenario with its required fields, and is in the package files', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'name', 'horizon', 'arrivals', 'stages']));
    expect(pkg.files).toContain('schema');
  });
});

describe('the $schema line of carepath init', () => {
  const project = '/home/me/project';
  const installed = `${project}/node_modules/carepath/schema/scenario.schema.json`;

  it('points at the installed package by a path relative to the file when it is inside the project', () => {
    expect(schemaReference('my.yaml', project, installed)).toBe('node_modules/carepath/schema/scenario.schema.json');
    expect(schemaReference('scenarios/a/my.yaml', project, installed)).toBe('../../node_modules/carepath/schema/scenario.schema.json');
    expect(schemaComment('my.yaml', project, installed)).toBe(
      '# yaml-language-server: $schema=node_modules/carepath/schema/scenario.schema.json',
    );
  });

  it('uses the versioned CDN URL when the package is outside the project (npx cache) or not found', () => {
    const url = `https://unpkg.com/carepath@${CAREPATH_VERSION}/schema/scenario.schema.json`;
    expect(schemaUrl()).toBe(url);
    expect(schemaReference('my.yaml', project, '/root/.npm/_npx/1/node_modules/carepath/schema/scenario.schema.json')).toBe(url);
    expect(schemaReference('my.yaml', project, '')).toBe(url);
    expect(schemaReference('/tmp/elsewhere/my.yaml', project, installed)).toBe(url); // file outside the project
  });
});

describe('the shipped schema accepts uncertain parameters where the runtime draws them', () => {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const file = (name: string) => parse(readFileSync(join(ROOT, 'examples/scenarios', name), 'utf8')) as Record<string, unknown>;

  it('validates every example scenario, the costed lung file (betas, gammas) and the CSV-fed surgical file included', () => {
    const names = readdirSync(join(ROOT, 'examples/scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(names).toEqual(expect.arrayContaining(['lung-cancer-ai-costed.yaml', 'surgical-pathway.yaml']));
    expect(readFileSync(join(ROOT, 'examples/scenarios/surgical-pathway.yaml'), 'utf8')).toMatch(/counts: \{ file:[^]*weeksWaited: \{ file:[^]*timetable: \{ file:/);
    for (const name of names) expect(jsonSchemaErrors(schema, file(name)), name).toEqual([]);
    expect(JSON.stringify(file('lung-cancer-ai-costed.yaml'))).toContain('"dist":"beta"');
  });

  it('refuses a distribution at a whole number, and a misspelt family (so the acceptance is not vacuous)', () => {
    const lung = file('lung-cancer-ai-costed.yaml') as { stages: Record<string, Record<string, unknown>> };
    const servers = structuredClone(lung);
    servers.stages.reporting!.capacity = { servers: { dist: 'gamma', mean: 3, sd: 1 } };
    expect(jsonSchemaErrors(schema, servers)).not.toEqual([]);
    const typo = structuredClone(lung);
    (typo.stages.ct!.test as Record<string, unknown>).sensitivity = { dist: 'betta', alpha: 85, beta: 15 };
    expect(jsonSchemaErrors(schema, typo)).not.toEqual([]);
    const ok = structuredClone(lung);
    (ok.stages.ct!.test as Record<string, unknown>).sensitivity = { dist: 'beta', mean: 0.95, sd: 0.02 };
    expect(jsonSchemaErrors(schema, ok)).toEqual([]);
  });
});

describe('the shipped schema accepts data files where loadScenario reads them', () => {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const base = () =>
    ({
      version: 1, name: 'files', horizon: '8w', startDate: '2025-01-06',
      arrivals: { gp: { to: 'clinic', counts: { file: 'data/referrals.csv' } } },
      initial: { clinic: [{ weeksWaited: { file: 'a.csv' } }, { weeksWaited: [{ weeks_waited: 1, count: 2 }] }] },
      timetable: { file: 'timetable.csv' },
      stages: { clinic: { capacity: 1, service: '1d' } },
    }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('takes { file } at arrival counts, the timetable and initial weeks waited (one group or a list)', () => {
    expect(jsonSchemaErrors(schema, base())).toEqual([]);
    const single = base();
    single.initial = { clinic: { weeksWaited: { file: 'a.csv' } } };
    expect(jsonSchemaErrors(schema, single)).toEqual([]);
  });

  it('refuses { file } elsewhere, with another key, or without a string path (so the acceptance is not vacuous)', () => {
    const elsewhere = base();
    elsewhere.arrivals.gp.rate = { file: 'rate.csv' };
    delete elsewhere.arrivals.gp.counts;
    expect(jsonSchemaErrors(schema, elsewhere)).not.toEqual([]);
    const stages = base();
    stages.stages = { file: 'stages.csv' };
    expect(jsonSchemaErrors(schema, stages)).not.toEqual([]);
    const extra = base();
    extra.timetable = { file: 'timetable.csv', sep: ';' };
    expect(jsonSchemaErrors(schema, extra)).not.toEqual([]);
    const notString = base();
    notString.arrivals.gp.counts = { file: 3 };
    expect(jsonSchemaErrors(schema, notString)).not.toEqual([]);
  });
});
