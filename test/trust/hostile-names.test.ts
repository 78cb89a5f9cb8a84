import { describe, expect, it } from 'vitest';
import { closest } from '../../src/pathway/scenario-names.js';
import { parseScenarioText } from '../../src/pathway/load.js';
import { validateScenario } from '../../src/pathway/validate.js';
import { MAX_ID_LENGTH, RESERVED_IDS } from '../../src/pathway/validate-ids.js';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

/** A valid scenario as JSON text, with `id` used in the place `where` names (JSON.parse keeps `__proto__` as an own key). */
function withId(where: string, id: string): unknown {
  const q = JSON.stringify(id);
  const stage = where === 'stage' ? id : 'clinic';
  const cls = where === 'class' ? id : 'urgent';
  const text = `{
    "version": 1, "name": "n", "horizon": 100,
    "classes": { ${JSON.stringify(cls)}: { "priority": 0 } },
    "arrivals": { ${where === 'arrival' ? q : '"gp"'}: { "to": ${JSON.stringify(stage)}, "rate": { "perDay": 0.5 }, "class": ${JSON.stringify(cls)},
      "conditions": { ${where === 'condition' ? q : '"cancer"'}: 0.1 } } },
    "stages": { ${JSON.stringify(stage)}: { "capacity": 1, "service": 1 } },
    "targets": { ${where === 'target' ? q : '"t"'}: { "until": ${JSON.stringify(`${stage}.start`)}, "within": 10, "goal": 0.9 } },
    "variants": { ${where === 'variant' ? q : '"v"'}: { "patch": { "name": "m" } } }
  }`;
  return JSON.parse(text);
}

const pathOf: Record<string, (id: string) => string> = {
  stage: (id) => `stages.${id}`,
  class: (id) => `classes.${id}`,
  arrival: (id) => `arrivals.${id}`,
  target: (id) => `targets.${id}`,
  variant: (id) => `variants.${id}`,
  condition: (id) => `arrivals.gp.conditions.${id}`,
};

describe('ids JavaScript treats specially', () => {
  it('the baseline is valid', () => {
    expect(validateScenario(withId('none', 'x')).issues).toEqual([]);
  });

  for (const where of Object.keys(pathOf)) {
    for (const id of NAMES) {
      it(`refuses ${where} id ${id} with a named error at its path`, () => {
        const data = withId(where, id);
        const { issues } = validateScenario(data);
        const found = issues.find((i) => i.path === pathOf[where]!(id));
        expect(found, JSON.stringify(issues)).toBeDefined();
        expect(found!.message).toContain('reserved');
      });
    }
  }

  it('refuses them in YAML too', () => {
    const yaml = 'version: 1\nname: n\nhorizon: 10\narrivals: { a: { to: __proto__, rate: { perDay: 1 } } }\nstages:\n  __proto__: { capacity: 1 }\n';
    expect(() => parseScenarioText(yaml, 'f.yaml')).toThrow(/stages\.__proto__: "__proto__" is reserved/);
  });

  it('reserves every Object.prototype property and nothing else', () => {
    expect(RESERVED_IDS).toEqual(Object.getOwnPropertyNames(Object.prototype).sort());
    expect(validateScenario(withId('stage', 'proto')).issues).toEqual([]);
  });
});

describe('id length', () => {
  it(`refuses an id longer than ${MAX_ID_LENGTH} characters, without printing it whole`, () => {
    const long = 'a'.repeat(MAX_ID_LENGTH + 1);
    const { issues } = validateScenario(withId('stage', long));
    const found = issues.find((i) => i.message.includes('too long'));
    expect(found).toBeDefined();
    expect(found!.message).toContain(`${MAX_ID_LENGTH + 1} characters`);
    expect(found!.message.length).toBeLessThan(200);
    expect(validateScenario(withId('stage', 'a'.repeat(MAX_ID_LENGTH))).issues).toEqual([]);
  });

  it('gives no "did you mean" hint for a runaway unknown id (the search is bounded)', () => {
    const huge = 'x'.repeat(20_000);
    expect(closest(huge, [huge.slice(1), 'clinic'])).toBeUndefined();
    expect(closest('clinc', ['clinic'])).toBe('clinic');
    const data = withId('none', 'x') as { arrivals: { gp: { to: string } } };
    data.arrivals.gp.to = huge;
    const { issues } = validateScenario(data);
    expect(issues.some((i) => i.path === 'arrivals.gp.to' && i.message.startsWith('unknown stage'))).toBe(true);
  });
});

describe('id-keyed results keep every id (for models built in code, past validation)', () => {
  it('simulate, seriesBands and the report helpers keep "__proto__" and "constructor" as own keys', async () => {
    const { resolveScenario, parseScenario, simulate } = await import('../../src/pathway/index.js');
    const { seriesBands } = await import('../../src/experiment/aggregate.js');
    const { variantColours } = await import('../../src/report/charts.js');
    const { scenarioInfo } = await import('../../src/report/scenario-info.js');
    const model = resolveScenario(
      parseScenario({
        version: 1, name: 'n', horizon: 50,
        arrivals: { a: { to: 'x', rate: { perDay: 1 } } },
        stages: { x: { capacity: 2, service: 1 } },
        targets: { t: { until: 'x.start', within: 5, goal: 0.9 } },
      }),
    );
    model.stages[0]!.id = '__proto__';
    model.targets[0]!.id = 'constructor';
    const r = simulate(model);
    expect(Object.keys(r.stages)).toEqual(['__proto__']);
    expect(r.stages['__proto__']!.entered).toBeGreaterThan(0);
    expect(Object.keys(r.targets)).toEqual(['constructor']);
    expect(Object.keys(r.series.byStage)).toEqual(['__proto__']);
    expect(Object.keys(seriesBands([r, r]).byStage)).toEqual(['__proto__']);
    expect(Object.keys(variantColours(['base', '__proto__']))).toEqual(['base', '__proto__']);
    const info = scenarioInfo(JSON.parse('{"name":"n","targets":{"__proto__":{"description":"d"}},"variants":{"toString":{"description":"v"}}}'));
    expect(info.targetDescriptions['__proto__']).toBe('d');
    expect(Object.keys(info.variantDescriptions)).toEqual(['toString']);
  });
});
