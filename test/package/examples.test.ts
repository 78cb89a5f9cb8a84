/**
 * Bundled examples by name, and the package's own files found from the module's location.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listExamples, loadExample, loadScenario, ScenarioError } from '../../src/index.js';
import { packageFile, packageRoot } from '../../src/pathway/package-files.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

describe('bundled examples', () => {
  it('lists every YAML file in examples/scenarios, sorted, without the extension', () => {
    const files = readdirSync(join(ROOT, 'examples', 'scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(listExamples()).toEqual(files.map((f) => f.replace(/\.yaml$/, '')).sort());
    expect(listExamples()).toContain('lung-cancer-ai');
  });

  it('loads an example by name: the same scenario as loading its file', () => {
    for (const name of listExamples()) {
      expect(loadExample(name)).toEqual(loadScenario(join(ROOT, 'examples', 'scenarios', `${name}.yaml`)));
    }
    expect(loadExample('lung-cancer-ai').variants).toHaveProperty('ai-reporting');
  });

  it('a misspelt name is a ScenarioError naming the value, a hint and every example', () => {
    let error: unknown;
    try {
      loadExample('lung-cancer-a');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const message = (error as Error).message;
    expect(message).toContain('"lung-cancer-a"');
    expect(message).toContain('did you mean "lung-cancer-ai"?');
    for (const name of listExamples()) expect(message).toContain(`"${name}"`);
  });

  it('does not read outside the examples folder', () => {
    expect(() => loadExample('../scenarios/mm1')).toThrow(ScenarioError);
  });
});

describe('package files', () => {
  it('finds the package root from the module location', () => {
    expect(packageRoot()).toBe(ROOT);
    expect(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).name).toBe('carepath');
    expect(existsSync(packageFile('schema', 'scenario.schema.json'))).toBe(true);
  });
});
