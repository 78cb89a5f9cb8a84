/**
 * The JSON Schema shipped in the package, and how `carepath init` points editors at it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, renderSchemaFile } from '../../scripts/write-schema.js';
import { schemaComment, schemaReference, schemaUrl, SCHEMA_PATH } from '../../src/cli/schema-ref.js';
import { CAREPATH_VERSION } from '../../src/experiment/version.js';

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
