import type { FakeScenario } from './fake-simulate.js';

/** Slow enough (20 ms a run, 60 runs) to be killed part-way. */
export const killScenario: FakeScenario = {
  name: 'kill-me',
  seed: 9,
  variants: { faster: { patch: {} } },
  fake: { effect: { faster: -5 }, spinMs: 20 },
};
