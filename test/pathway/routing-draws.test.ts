/**
 * Routing draws made only where a branch has a `p` (RoutingTable.drawn): a stage whose branches
 * are decided by conditions alone never reads the uniform, so skipping its draw cannot change a
 * result (the draw is a pure function of patient and visit; the digests pin the runs themselves).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/pathway/index.js';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { chooseBranch, compileRouting, NEGATIVE, NO_TEST, POSITIVE } from '../../src/pathway/routing.js';

const lung = resolveScenario(loadScenario(join(__dirname, '../../examples/scenarios/lung-cancer-ai.yaml')));

describe('routing draws', () => {
  it('are marked needed only at stages with a p on some branch', () => {
    const t = compileRouting(lung.stages);
    const drawn = Object.fromEntries(lung.stages.map((st, s) => [st.id, t.drawn[s]]));
    // By hand from the file: only staging splits its positives with p 0.30 / 0.35.
    expect(drawn).toEqual({ reporting: 0, ct: 0, staging: 1, surgery: 0, radiotherapy: 0, sact: 0 });
  });

  it('where not needed, the choice is the same whatever the uniform', () => {
    const t = compileRouting(lung.stages);
    const us = [0, 1e-12, 0.3, 0.5, 0.65, 0.999999999];
    let checked = 0;
    lung.stages.forEach((st, s) => {
      if (t.drawn[s] === 1) return;
      for (const last of [NO_TEST, NEGATIVE, POSITIVE]) {
        for (const cls of [0, 1]) {
          const patients = { cls: () => cls, lastTest: () => last };
          const first = chooseBranch(t, s, patients, 0, us[0]!);
          for (const u of us) expect(chooseBranch(t, s, patients, 0, u)).toBe(first);
          checked++;
        }
      }
    });
    expect(checked).toBe(5 * 3 * 2); // five stages without p, every result and class
    // And where a p is present the uniform matters (so the flag is not vacuous): staging's
    // positives go to surgery below 0.30, radiotherapy below 0.65, SACT above.
    const staging = lung.stages.findIndex((st) => st.id === 'staging');
    const pos = { cls: () => 0, lastTest: () => POSITIVE };
    const to = (u: number) => lung.stages[chooseBranch(t, staging, pos, 0, u)]!.id;
    expect([to(0.1), to(0.5), to(0.9)]).toEqual(['surgery', 'radiotherapy', 'sact']);
  });
});
