/**
 * The patients waiting at day 0: drawn per group, merged longest waiter first, and handed to the
 * engine to join their queues.
 * @module
 */
import { compileDistribution } from '../../core/distributions.js';
import type { RandomStreams, Rng } from '../../core/random.js';
import type { Model } from '../model.js';
import type { PatientRandom } from '../patient-random.js';
import type { PatientStore } from '../patients.js';
import { sortAscending } from './sort.js';

/**
 * Allocates the initial patients of every stage, longest waiters first, names each as the next
 * patient of its group (`prn`, by index into `model.initial`) and calls `enter` for each (their
 * pathway clock and join time set to minus their past wait). Returns how many.
 */
export function insertInitial(
  model: Model,
  streams: RandomStreams,
  store: PatientStore,
  prn: PatientRandom,
  enter: (p: number, s: number) => void,
): number {
  let count = 0;
  for (let s = 0; s < model.stages.length; s++) {
    const groupIndex = model.initial.flatMap((g, i) => (g.stage === s ? [i] : []));
    const groups = groupIndex.map((i) => model.initial[i]!);
    if (groups.length === 0) continue;
    const st = model.stages[s]!;
    const waitRng = streams.stream(`initial/${st.id}`);
    const condRng = streams.stream(`initial-conditions/${st.id}`);
    const waited: Float64Array[] = groups.map((g, gi) => {
      const sampler = compileDistribution(g.waited, `initial.${st.id}[${gi}].waited`);
      const w = new Float64Array(g.count);
      for (let i = 0; i < g.count; i++) w[i] = sampler.sample(waitRng);
      return sortAscending(w); // read from the end for longest first
    });
    // Merge the groups' sorted waits, longest first (one group: a plain backward walk).
    const pos = waited.map((w) => w.length - 1);
    for (;;) {
      let best = -1;
      for (let gi = 0; gi < groups.length; gi++) {
        if (pos[gi]! >= 0 && (best < 0 || waited[gi]![pos[gi]!]! > waited[best]![pos[best]!]!)) best = gi;
      }
      if (best < 0) break;
      const w = waited[best]![pos[best]!--]!;
      const g = groups[best]!;
      const p = store.allocate(g.classIndex, drawConditions(g.conditions, condRng));
      prn.identifyInitial(p, groupIndex[best]!);
      store.setStart(p, -w);
      store.setFirst(p, -w);
      store.setJoined(p, -w);
      count++;
      enter(p, s);
    }
  }
  return count;
}

function drawConditions(conditions: { condition: number; prevalence: number }[], rng: Rng): number {
  let bits = 0;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i]!;
    if (rng() < c.prevalence) bits |= 1 << c.condition;
  }
  return bits;
}
