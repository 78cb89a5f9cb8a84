import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/errors.js';
import { parseScenarioText } from '../../src/pathway/load.js';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { parseScenario, ScenarioError } from '../../src/pathway/scenario.js';
import { validateScenario } from '../../src/pathway/validate.js';
import { variantNames } from '../../src/pathway/variants.js';

const examples = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/scenarios');
const CANONICAL = ['mm1.yaml', 'tandem.yaml', 'lung-cancer-ai.yaml', 'england-elective.yaml'];

/** Wording that would mean a zod (or internal) message leaked through to a planner. */
const JARGON = /Invalid input|Invalid option|Invalid key|Too small|Too big|Unrecognized key|expected union|\u0000|\[object Object\]/;

/**
 * The property: `parseScenario` either accepts (and then every variant resolves) or throws a
 * ScenarioError whose issues are all in carepath's style; nothing else, whatever the input.
 */
function checkOutcome(data: unknown): void {
  let scenario;
  try {
    scenario = parseScenario(data as never);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    expect(err.issues.length).toBeGreaterThan(0);
    for (const issue of err.issues) checkIssue(issue);
    return;
  }
  for (const v of ['base', ...variantNames(scenario)]) {
    const model = resolveScenario(scenario, v);
    expect(Number.isFinite(model.horizon)).toBe(true);
  }
}

function checkIssue(issue: Issue): void {
  expect(typeof issue.path).toBe('string');
  expect(typeof issue.message).toBe('string');
  expect(issue.message.length).toBeGreaterThan(0);
  expect(issue.message).not.toMatch(JARGON);
}

const garbage = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** Values that are plausible in a scenario, so mutations often get past the first checks. */
const plausible = fc.oneof(
  fc.constantFrom(
    0, 1, -1, 0.5, 1.5, 7, 1e9, Number.NaN, Number.POSITIVE_INFINITY, '', 'exit', 'base', 'default', 'positive', 'unlimited',
    '3d', '-3d', '2w', 'abandon', 'clinic.start', 'staging.end', 'mon', 'week', 'day', 'fifo', 'priority', null, true, [], {},
    { servers: 2 }, { slots: 5, per: 'week' }, { perDay: 2 }, { dist: 'exponential', mean: 1 }, { to: 'exit' },
    [{ to: 'exit', p: 0.5 }, { to: 'exit' }], [{ from: 0, servers: 1 }, { from: 5, unlimited: true }],
  ),
  garbage,
);

type Mutation = { pick: number; kind: 'delete' | 'replace' | 'rename'; value: unknown };

/** Every path (as key lists) through plain objects and arrays, the root excluded. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i]);
      paths(v, [...prefix, i], out);
    });
  } else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const k of Object.keys(value)) {
      out.push([...prefix, k]);
      paths((value as Record<string, unknown>)[k], [...prefix, k], out);
    }
  }
  return out;
}

function applyMutation(root: unknown, m: Mutation): void {
  const all = paths(root);
  if (all.length === 0) return;
  const path = all[m.pick % all.length]!;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (m.kind === 'rename' && !Array.isArray(parent)) {
    // A typo: drop or double one letter of the key.
    const k = String(key);
    const typo = k.length > 1 ? k.slice(0, -1) : `${k}${k}`;
    parent[typo] = parent[key];
    delete parent[key];
  } else {
    parent[key] = m.value;
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'replace', 'rename'),
  value: plausible,
});

describe('robustness: only ScenarioError, never another exception', () => {
  it('random garbage', () => {
    fc.assert(fc.property(garbage, (data) => checkOutcome(data)), { numRuns: 300, seed: 1 });
  });

  it('random objects with scenario-like top-level keys', () => {
    const keys = fc.constantFrom('version', 'name', 'horizon', 'warmup', 'seed', 'arrivals', 'stages', 'initial', 'targets', 'variants', 'classes', 'startDate');
    fc.assert(fc.property(fc.dictionary(keys, plausible), (data) => checkOutcome(data)), { numRuns: 300, seed: 2 });
  });

  for (const file of CANONICAL) {
    const original = parse(readFileSync(join(examples, file), 'utf8')) as unknown;
    it(`${file} with random fields deleted, replaced or misspelt`, () => {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          const data = structuredClone(original);
          for (const m of mutations) applyMutation(data, m);
          expect(validateScenario(data)).toHaveProperty('ok'); // never throws
          checkOutcome(data);
        }),
        { numRuns: 150, seed: 3 },
      );
    });
  }

  it('random text given as a scenario file', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseScenarioText(text, 'random.yaml');
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
        }
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});
