import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.js';
import { ZeroTimeLoopError } from '../../src/core/simulation.js';
import { Engine } from '../../src/pathway/engine.js';
import type { Model } from '../../src/pathway/model.js';
import { validateScenario } from '../../src/pathway/validate.js';
import { resolveScenario } from '../../src/pathway/resolve.js';
import { mergePatch } from '../../src/pathway/variants.js';
import type { Scenario } from '../../src/pathway/schema.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** a → b → (a with p 0.5, else exit). */
function base(): Obj {
  return {
    version: 1,
    name: 'loop',
    horizon: 200,
    arrivals: { gp: { to: 'a', rate: { perDay: 0.5 } } },
    stages: {
      a: { capacity: 2, service: 0.5, next: [{ to: 'b' }] },
      b: { capacity: 2, service: 0.5, next: [{ to: 'a', p: 0.5 }, { to: 'exit' }] },
    },
  };
}

const issuesAt = (s: Obj, path: string) => validateScenario(s).issues.filter((i) => i.path === path);

/** What `run` does with the scenario today, bypassing validation: the analysis it runs first, then the engine. */
function runRefuses(s: Obj, variant = 'base'): string {
  let merged = structuredClone(s);
  if (variant !== 'base') merged = mergePatch(merged, s.variants[variant].patch) as Obj;
  delete merged.variants;
  // Resolve without the new checks: build the model from a copy that validates (the loop
  // removed), then put the looping routing back on the model.
  const ok = structuredClone(merged);
  for (const st of Object.values(ok.stages as Obj)) {
    delete (st as Obj).next;
    if ((st as Obj).test?.missed) (st as Obj).test.missed.after = 1;
  }
  const model: Model = resolveScenario(ok as Scenario);
  const index = (id: string) => (id === 'exit' ? -1 : model.stages.findIndex((st) => st.id === id));
  model.stages.forEach((st) => {
    const next = (merged.stages[st.id].next ?? []) as Obj[];
    st.next = next.map((b) => ({ to: index(b.to), p: b.p ?? null, if: null }));
    const missed = merged.stages[st.id].test?.missed;
    if (missed && st.test?.missed) st.test.missed.after = { dist: 'fixed', value: 0 };
  });
  try {
    analyse(model);
  } catch (e) {
    return `analysis: ${(e as Error).message}`;
  }
  try {
    new Engine(model).run();
  } catch (e) {
    return e instanceof ZeroTimeLoopError ? 'ZeroTimeLoopError' : `engine: ${(e as Error).message}`;
  }
  return 'ran';
}

describe('livelocks: stages patients reach but never leave', () => {
  it('the baseline (half go round again) is fine', () => {
    expect(validateScenario(base()).issues).toEqual([]);
    expect(runRefuses(base())).toBe('ran');
  });

  it('every stage routing back is refused at validation, as run refuses it', () => {
    const s = base();
    s.stages.b.next = [{ to: 'a' }];
    const found = issuesAt(s, 'stages.a.next');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/patients who reach "a" never leave the pathway: every branch from a, b leads back/);
    expect(runRefuses(s)).toMatch(/analysis: .*grow without bound/);
  });

  it('branches whose p add up to 1 with no exit are a livelock; a remainder is a way out', () => {
    const s = base();
    s.stages.b.next = [{ to: 'a', p: 0.5 }, { to: 'b', p: 0.5 }];
    expect(issuesAt(s, 'stages.a.next')).toHaveLength(1);
    s.stages.b.next = [{ to: 'a', p: 0.5 }, { to: 'b', p: 0.4 }];
    expect(validateScenario(s).issues).toEqual([]);
  });

  it('a patience is a way out (patients may leave the list)', () => {
    const s = base();
    s.stages.b.next = [{ to: 'a' }];
    s.stages.a.patience = 30;
    expect(validateScenario(s).issues).toEqual([]);
  });

  it('a trap downstream of a stage with an exit is still reported, at the trap', () => {
    const s = base();
    s.stages.b.next = [{ to: 'c', p: 0.1 }, { to: 'exit' }];
    s.stages.c = { capacity: 1, service: 1, next: [{ to: 'c' }] };
    const all = validateScenario(s).issues;
    expect(all.map((i) => i.path)).toEqual(['stages.c.next']);
  });

  it('a livelock that exists only in a variant is reported with the variant in its path', () => {
    const s = base();
    s.variants = { closed: { patch: { stages: { b: { next: [{ to: 'a' }] } } } } };
    const v = validateScenario(s);
    expect(v.issues.map((i) => i.path)).toEqual(['variants.closed: stages.a.next']);
    expect(runRefuses(s, 'closed')).toMatch(/analysis: .*grow without bound/);
  });
});

describe('zero-time loops through a missed return', () => {
  /** A test with no service whose false negatives come straight back to it. */
  function missedLoop(after: unknown): Obj {
    return {
      version: 1,
      name: 'missed',
      horizon: 50,
      arrivals: { gp: { to: 't', rate: { perDay: 2 }, conditions: { c: 1 } } },
      stages: {
        t: {
          capacity: 'unlimited',
          test: { detects: 'c', sensitivity: 0.5, specificity: 1, missed: { share: 1, after, to: 't' } },
        },
      },
    };
  }

  it('is refused at validation when the return has no delay', () => {
    for (const after of [0, '0d', { dist: 'fixed', value: 0 }]) {
      const found = issuesAt(missedLoop(after), 'stages.t.test.missed.after');
      expect(found, JSON.stringify(after)).toHaveLength(1);
      expect(found[0]!.message).toContain('missed return of t');
    }
  });

  it('through another instant stage, and with the exit one stage later', () => {
    const s = missedLoop(0);
    s.stages.t.next = [{ to: 'u' }];
    s.stages.u = { capacity: 'unlimited' };
    expect(issuesAt(s, 'stages.t.test.missed.after')).toHaveLength(1);
  });

  it('is fine with a delay or a service time', () => {
    expect(validateScenario(missedLoop(1)).issues).toEqual([]);
    const s = missedLoop(0);
    s.stages.t.service = 0.1;
    expect(validateScenario(s).issues).toEqual([]);
  });

  it('run refuses it today when the test never detects (sensitivity 0): the zero-time loop', () => {
    const s = missedLoop(0);
    s.stages.t.test.sensitivity = 0;
    expect(issuesAt(s, 'stages.t.test.missed.after')).toHaveLength(1);
    // sensitivity 0 and share 1: the condition-holders also never leave, which the analysis catches first.
    expect(runRefuses(s)).toMatch(/analysis: .*grow without bound|ZeroTimeLoopError/);
  });

  it('the next-branch loop check still works as before', () => {
    const s = missedLoop(1);
    s.stages.t.next = [{ to: 'u', p: 0.5 }];
    s.stages.u = { capacity: 'unlimited', next: [{ to: 't' }] };
    expect(issuesAt(s, 'stages.u.next')[0]!.message).toBe(
      'patients could loop forever without time passing: t → u → t (every stage in this loop has zero service and no slot capacity; give one a service time or slots)',
    );
  });
});
