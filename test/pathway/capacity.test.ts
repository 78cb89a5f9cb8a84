/**
 * The capacity module: the rules resolve, analysis and goal-seeking share. Exact answers by hand
 * count, and one cross-check of two independent readings: the weekly capacity goal-seeking reads
 * from the field as written must equal the sum of the per-weekday slots the model is built from.
 */
import { describe, expect, it } from 'vitest';
import {
  capacityAt,
  capacityEntries,
  capacityPhases,
  capacityRate,
  entryCapacity,
  slotsPerWeekday,
  weeklySlots,
  withCapacity,
} from '../../src/pathway/capacity.js';
import { loadScenario } from '../../src/pathway/load.js';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { applyVariant, variantNames } from '../../src/pathway/variants.js';

describe('capacity rules', () => {
  it('spreads weekly slots over the listed days, earlier days taking the remainder (hand count)', () => {
    expect(slotsPerWeekday(7, 'week', ['mon', 'wed', 'fri'])).toEqual([3, 0, 2, 0, 2, 0, 0]);
    expect(slotsPerWeekday(10, 'week')).toEqual([2, 2, 2, 1, 1, 1, 1]);
    expect(slotsPerWeekday(4, 'day', ['sat', 'sun'])).toEqual([0, 0, 0, 0, 0, 4, 4]);
  });

  it('reads phases, the phase in force on a day, and the rate each sustains', () => {
    const phases = capacityPhases([{ from: 0, servers: 2 }, { from: '1w', slots: 14, per: 'week' }, { from: 21, unlimited: true }] as never, 'c');
    expect(phases.map((p) => [p.from, p.kind])).toEqual([[0, 'servers'], [7, 'slots'], [21, 'unlimited']]);
    expect(capacityAt({ capacity: phases }, 6.99).kind).toBe('servers');
    expect(capacityAt({ capacity: phases }, 7).kind).toBe('slots');
    expect(capacityRate(phases[0]!, 0.5)).toBe(4); // 2 servers ÷ half a day
    expect(capacityRate(phases[1]!, 10)).toBe(2); // 14 a week, whatever the activity after the slot
    expect(capacityRate(phases[2]!, 10)).toBe(Infinity);
    expect(capacityRate(phases[0]!, 0)).toBe(Infinity);
  });

  it('changes every limited entry for goal-seeking, a per-day entry becoming per-week', () => {
    expect(entryCapacity({ slots: 4, per: 'day', days: ['mon', 'tue'] })).toEqual({ kind: 'slots', value: 8 });
    expect(entryCapacity({ slots: 4, per: 'day' })).toEqual({ kind: 'slots', value: 28 });
    expect(entryCapacity('unlimited')).toBeNull();
    expect(withCapacity([{ from: 0, servers: 2 }, { from: 5, unlimited: true }], 4)).toEqual([{ from: 0, servers: 4 }, { from: 5, unlimited: true }]);
    expect(withCapacity({ slots: 2, per: 'day', days: ['mon'] }, 9)).toEqual({ slots: 9, per: 'week', days: ['mon'] });
  });

  it('goal-seeking and the model agree on every slot stage of the example scenarios', () => {
    let checked = 0;
    for (const file of ['lung-cancer-ai.yaml', 'england-elective.yaml', 'tandem.yaml', 'mm1.yaml']) {
      const scenario = loadScenario(`examples/scenarios/${file}`);
      for (const variant of ['base', ...variantNames(scenario)]) {
        const raw = applyVariant(scenario, variant) as unknown as { stages: Record<string, { capacity: unknown }> };
        const model = resolveScenario(scenario, variant);
        for (const stage of model.stages) {
          capacityEntries(raw.stages[stage.id]!.capacity).forEach((entry, i) => {
            const seen = entryCapacity(entry);
            const phase = stage.capacity[i]!;
            if (seen === null) return expect(phase.kind).toBe('unlimited');
            expect(phase.kind).toBe(seen.kind);
            if (phase.kind === 'slots') {
              expect(weeklySlots(phase.perWeekday)).toBe(seen.value);
              expect(capacityRate(phase, 1) * 7).toBeCloseTo(seen.value, 9);
              checked++;
            } else if (phase.kind === 'servers') expect(phase.servers).toBe(seen.value);
          });
        }
      }
    }
    expect(checked).toBeGreaterThan(3);
  });
});
