import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { appControls } from '../../src/app/controls.js';
import { settingsFromHash, settingsHash, settingsPatch, variantYaml, whatIfName, withWhatIf } from '../../src/app/settings.js';
import { loadScenario, runExperimentSync } from '../../src/index.js';
import { mergePatch } from '../../src/pathway/variants.js';

const root = resolve(__dirname, '../..');
const lung = () => loadScenario(join(root, 'examples/scenarios/lung-cancer-ai.yaml')) as unknown as Record<string, unknown>;

describe('what-if page controls', () => {
  it('offers the lung scenario’s capacities, rate and test accuracy at their values, with room both ways', () => {
    const controls = appControls(lung());
    const by = Object.fromEntries(controls.map((c) => [c.path, c]));
    // Hand count from the YAML: 5 slot capacities (staging is unlimited), 1 rate, 3 tests × 2.
    expect(controls.map((c) => c.group).filter((g) => g === 'Capacity')).toHaveLength(5);
    expect(controls.filter((c) => c.group === 'Test accuracy')).toHaveLength(6);
    expect(by['stages.surgery.capacity.slots']).toMatchObject({ value: 7, min: 0, max: 14, step: 1, label: 'Surgery: slots a week' });
    expect(by['stages.reporting.capacity.slots']).toMatchObject({ value: 1800, max: 3600 });
    expect(by['arrivals.gp-chest-xray.rate.perWeek']).toMatchObject({ value: 2100, min: 0, max: 4200, step: 20 });
    expect(by['stages.ct.test.sensitivity']).toMatchObject({ value: 0.95, min: 0, max: 1, step: 0.01 });
    for (const c of controls) expect(c.value, c.path).toBeGreaterThanOrEqual(c.min), expect(c.value, c.path).toBeLessThanOrEqual(c.max);
  });

  it('offers servers where a stage has servers', () => {
    const controls = appControls(loadScenario(join(root, 'examples/scenarios/tandem.yaml')));
    expect(controls.map((c) => [c.path, c.value, c.min, c.max])).toEqual([
      ['stages.diagnosis.capacity.servers', 3, 1, 8],
      ['stages.treatment.capacity.servers', 2, 1, 7],
      ['arrivals.referrals.rate.perDay', 10, 0, 20],
    ]);
  });
});

describe('what-if cost controls (economics, when a scenario has it)', () => {
  // A synthetic scenario: only the shape the rule reads (numbers in `cost`/`fixed` under economics).
  const costed = {
    stages: { surgery: { capacity: { slots: 7, per: 'week' } } },
    economics: {
      currency: 'GBP',
      costs: {
        surgery: { per: 'treatment', cost: 12500 },
        'ai-licence': { fixed: { perYear: 50000 } },
        'extra-session': { fixed: 2800, per: 'week' },
        reporting: { cost: 0.85, discountRate: 0.035 },
      },
      thresholds: [20000, 30000],
      harm: { qalyLossPerDay: 0.001, cost: -5 },
    },
  };

  it('offers every non-negative number in a cost or fixed field, and nothing else under economics', () => {
    const controls = appControls(costed).filter((c) => c.group === 'Costs');
    // Hand count: surgery cost, licence per year, session fixed, reporting cost (4); not the
    // currency, discount rate, thresholds, QALY loss, nor the negative harm cost.
    expect(controls.map((c) => [c.path, c.label, c.value, c.min, c.max, c.step])).toEqual([
      ['economics.costs.surgery.cost', 'Surgery: cost', 12500, 0, 25000, 100],
      ['economics.costs.ai-licence.fixed.perYear', 'Ai licence: fixed cost (per year)', 50000, 0, 100000, 500],
      ['economics.costs.extra-session.fixed', 'Extra session: fixed cost', 2800, 0, 5600, 20],
      ['economics.costs.reporting.cost', 'Reporting: cost', 0.85, 0, 1.7, 0.01],
    ]);
  });

  it('as settings, patch exactly the chosen cost and survive a link', () => {
    const controls = appControls(costed);
    const settings = { 'economics.costs.ai-licence.fixed.perYear': 25000 };
    expect(settingsFromHash(settingsHash(settings), controls)).toEqual(settings);
    const patched = mergePatch(costed, settingsPatch(settings)) as typeof costed;
    expect(patched.economics.costs['ai-licence']).toEqual({ fixed: { perYear: 25000 } });
    expect(patched.economics.costs.surgery).toEqual(costed.economics.costs.surgery);
  });

  it('adds nothing to a scenario without economics (the lung file)', () => {
    expect(appControls(lung()).filter((c) => c.group === 'Costs')).toEqual([]);
  });
});

describe('what-if settings', () => {
  const controls = appControls(lung());
  const settings = { 'stages.surgery.capacity.slots': 9, 'stages.reporting.test.sensitivity': 0.85 };

  it('round-trip through the URL hash, refusing unknown paths, out-of-range and unchanged values', () => {
    expect(settingsFromHash(settingsHash(settings), controls)).toEqual(settings);
    expect(settingsFromHash('#stages.surgery.capacity.slots=99&x=1&stages.ct.capacity.slots=145&stages.ct.test.sensitivity=oops', controls)).toEqual({});
    expect(settingsHash({})).toBe('');
  });

  it('as a patch, give the scenario with exactly those values changed', () => {
    const s = lung();
    const patched = mergePatch(s, settingsPatch(settings)) as never as { stages: Record<string, any> };
    expect(patched.stages.surgery.capacity).toEqual({ slots: 9, per: 'week', days: ['mon', 'wed', 'fri'] });
    expect(patched.stages.reporting.test.sensitivity).toBe(0.85);
    expect(patched.stages.reporting.test.specificity).toBe(0.95);
  });

  it('as a YAML variant, parse back to the same patch, and run as a variant beside base', () => {
    const doc = parse(variantYaml('nine-slots', settings)) as { variants: Record<string, { patch: unknown }> };
    expect(doc.variants['nine-slots']!.patch).toEqual(settingsPatch(settings));
    const s = withWhatIf({ ...lung(), horizon: '4w' }, { 'stages.surgery.capacity.slots': 0 });
    expect(whatIfName(s)).toBe('what-if-2');
    const r = runExperimentSync(s as never, { replications: 1, variants: ['what-if'] });
    expect(r.variantNames).toEqual(['base', 'what-if']);
    // No surgery slots: nobody starts surgery, so everyone sent there is still waiting.
    const m = r.variants['what-if']!.metrics;
    expect(m['stages.surgery.started']!.mean).toBe(0);
    expect(m['stages.surgery.waitingAtEnd']!.mean).toBe(m['stages.surgery.entered']!.mean);
    expect(r.variants.base!.metrics['stages.surgery.started']!.mean).toBeGreaterThan(0);
  });
});
