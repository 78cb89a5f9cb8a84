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
    // Arrays built by push, not map or flatMap: those make arrays of another elements kind when
    // this function runs optimised than when it runs in the interpreter, so its optimised code
    // met arrays of a "wrong map" at the next run, was thrown away and re-optimised (with the
    // engine's enterStage inlined: tens of ms of compiling) in every run.
    const groupIndex: number[] = [];
    for (let i = 0; i < model.initial.length; i++) if (model.initial[i]!.stage === s) groupIndex.push(i);
    if (groupIndex.length === 0) continue;
    const groups: Model['initial'] = [];
    for (const i of groupIndex) groups.push(model.initial[i]!);
    const st = model.stages[s]!;
    const waitRng = streams.stream(`initial/${st.id}`);
    const condRng = streams.stream(`initial-conditions/${st.id}`);
    const waited: Float64Array[] = [];
    const pos: number[] = [];
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi]!;
      const sampler = compileDistribution(g.waited, `initial.${st.id}[${gi}].waited`);
      const w = new Float64Array(g.count);
      for (let i = 0; i < g.count; i++) w[i] = sampler.sample(waitRng);
      waited.push(sortAscending(w)); // read from the end for longest first
      // Merge the groups' sorted waits, longest first (one group: a plain backward walk).
      pos.push(w.length - 1);
    }
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
