import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/errors.js';
import { parseScenario, ScenarioError } from '../../src/pathway/scenario.js';
import { validateScenario } from '../../src/pathway/validate.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A small valid scenario: referral → clinic (→ treatment). */
function valid(): Obj {
  return {
    version: 1,
    name: 'v',
    horizon: 100,
    arrivals: { referrals: { to: 'clinic', rate: { perWeek: 10 } } },
    stages: {
      clinic: { capacity: 2, service: { dist: 'exponential', mean: 0.5 }, next: [{ to: 'treatment', p: 0.5 }, { to: 'exit' }] },
      treatment: { capacity: { servers: 1 }, service: 1 },
    },
  };
}

function mutate(f: (s: Obj) => void): Obj {
  const s = valid();
  f(s);
  return s;
}

const errors = (s: unknown): Issue[] => validateScenario(s).issues;

/** The issue at `path`; fails the test (showing all issues) when there is none. */
function at(issues: Issue[], path: string): string {
  const found = issues.find((i) => i.path === path);
  expect(found, `no issue at ${path}; got ${JSON.stringify(issues)}`).toBeDefined();
  return found!.message;
}

describe('the valid baseline', () => {
  it('has no errors or warnings', () => {
    expect(validateScenario(valid())).toEqual({ ok: true, issues: [], warnings: [] });
  });

  it('parseScenario returns a deep copy', () => {
    const s = valid();
    const p = parseScenario(s as never);
    expect(p).toEqual(s);
    expect(p).not.toBe(s);
    expect(p.stages).not.toBe(s.stages);
  });
});

describe('parseScenario', () => {
  it('throws a ScenarioError listing every problem, not just the first', () => {
    const s = mutate((s) => {
      s.version = 2;
      s.stages.clinic.capacity = -2;
      s.stages.clinic.next[0].to = 'treatmnet';
      s.stages.treatment.sevice = 2;
    });
    let err: unknown;
    try {
      parseScenario(s as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const issues = (err as ScenarioError).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(
      ['version', 'stages.clinic.capacity', 'stages.clinic.next[0].to', 'stages.treatment.sevice'].sort(),
    );
    expect((err as Error).message).toContain('4 problems');
    expect((err as Error).message).toContain('stages.clinic.capacity: expected a positive integer, got -2');
  });

  it('validateScenario never throws, even for nonsense', () => {
    for (const x of [undefined, null, 0, 'x', [], () => 1, Symbol('s'), 10n, new Date(), new Map()]) {
      expect(validateScenario(x).ok).toBe(false);
    }
  });
});

describe('schema rules: each message names the path, the value and what was expected', () => {
  it('not an object at all', () => {
    expect(at(errors(42), '')).toBe('expected a scenario object { version, name, horizon, arrivals, stages, ... }, got 42');
  });

  it('required fields', () => {
    const e = errors({});
    expect(at(e, 'version')).toMatch(/^missing \(expected 1/);
    expect(at(e, 'name')).toMatch(/^missing/);
    expect(at(e, 'horizon')).toMatch(/^missing \(expected a duration/);
    expect(at(e, 'arrivals')).toMatch(/^missing/);
    expect(at(e, 'stages')).toMatch(/^missing/);
  });

  it('version must be 1', () => {
    expect(at(errors(mutate((s) => (s.version = 2))), 'version')).toBe('expected 1, the only scenario format version so far, got 2');
  });

  it('seed must be an integer', () => {
    expect(at(errors(mutate((s) => (s.seed = 1.5))), 'seed')).toBe('expected an integer seed, got 1.5');
  });

  it('startDate must be a real calendar date', () => {
    expect(at(errors(mutate((s) => (s.startDate = '2025-02-29'))), 'startDate')).toBe('expected a calendar date YYYY-MM-DD, got "2025-02-29"');
    expect(at(errors(mutate((s) => (s.startDate = '5 Jan 2026'))), 'startDate')).toContain('"5 Jan 2026"');
  });

  it('horizon and sampleEvery must be positive durations; warmup non-negative', () => {
    expect(at(errors(mutate((s) => (s.horizon = 0))), 'horizon')).toBe('expected a duration greater than 0, got 0');
    expect(at(errors(mutate((s) => (s.sampleEvery = '0d'))), 'sampleEvery')).toBe('expected a duration greater than 0, got "0d"');
    expect(at(errors(mutate((s) => (s.warmup = -5))), 'warmup')).toContain('got -5');
    expect(at(errors(mutate((s) => (s.horizon = '3 fortnights'))), 'horizon')).toContain('"3 fortnights"');
  });

  it('unknown fields anywhere, with a suggestion when one is close', () => {
    const e = errors(
      mutate((s) => {
        s.horizn = 5;
        s.stages.clinic.capcity = 2;
        s.stages.clinic.next[0].prob = 0.5;
        s.arrivals.referrals.rate.perWek = 3;
        s.stages.treatment.colour = 'red';
      }),
    );
    expect(at(e, 'horizn')).toBe('unknown field "horizn" (did you mean "horizon"?)');
    expect(at(e, 'stages.clinic.capcity')).toBe('unknown field "capcity" (did you mean "capacity"?)');
    expect(at(e, 'arrivals.referrals.rate.perWek')).toBe('unknown field "perWek" (did you mean "perWeek"?)');
    expect(at(e, 'stages.clinic.next[0].prob')).toBe('unknown field "prob"; the fields here are to, p, if, rereferral');
    expect(at(e, 'stages.treatment.colour')).toBe(
      'unknown field "colour"; the fields here are capacity, service, queue, patience, dna, cancellations, leadTime, test, treatment, next, sessions, calendar, uses, places',
    );
  });

  it('ids must be plain names', () => {
    const e = errors(mutate((s) => (s.stages['x ray'] = { capacity: 1 })));
    expect(at(e, 'stages.x ray')).toBe('stage name "x ray" may only contain letters, digits, "_" and "-"');
  });

  it('capacity: servers, slots, unlimited, phases', () => {
    expect(at(errors(mutate((s) => (s.stages.clinic.capacity = -2))), 'stages.clinic.capacity')).toBe('expected a positive integer, got -2');
    expect(at(errors(mutate((s) => (s.stages.treatment.capacity.servers = -2))), 'stages.treatment.capacity.servers')).toBe(
      'expected a positive integer, got -2',
    );
    expect(at(errors(mutate((s) => (s.stages.clinic.capacity = 'unlimted'))), 'stages.clinic.capacity')).toMatch(
      /^expected a capacity: a positive integer \(servers\), "unlimited", .* got "unlimted"$/,
    );
    const slots = errors(mutate((s) => (s.stages.clinic.capacity = { slots: -1, per: 'fortnight', days: ['mon', 'mon', 'xyz'] })));
    expect(at(slots, 'stages.clinic.capacity.slots')).toBe('expected a non-negative integer, got -1');
    expect(at(slots, 'stages.clinic.capacity.per')).toBe('expected "day" or "week", got "fortnight"');
    expect(at(slots, 'stages.clinic.capacity.days[2]')).toBe('expected a weekday: mon, tue, wed, thu, fri, sat or sun, got "xyz"');
    const dup = errors(mutate((s) => (s.stages.clinic.capacity = { slots: 3, per: 'week', days: ['mon', 'tue', 'mon'] })));
    expect(at(dup, 'stages.clinic.capacity.days[2]')).toBe('"mon" is listed twice');
    expect(at(errors(mutate((s) => (s.stages.clinic.capacity = { slots: 3 }))), 'stages.clinic.capacity.per')).toBe(
      'slots need `per: day` or `per: week`',
    );
    expect(at(errors(mutate((s) => (s.stages.clinic.capacity = { servers: 2, slots: 3, per: 'day' }))), 'stages.clinic.capacity')).toMatch(
      /^give only one of servers, slots or unlimited, got servers and slots/,
    );
    expect(at(errors(mutate((s) => (s.stages.clinic.capacity = { servers: 2, per: 'day' }))), 'stages.clinic.capacity.per')).toBe(
      '"per" only applies to slots, not to servers',
    );
  });

  it('capacity phases: the first starts at 0, then strictly increasing', () => {
    const e = errors(
      mutate(
        (s) =>
          (s.stages.clinic.capacity = [
            { from: '1w', servers: 2 },
            { from: 10, servers: 3 },
            { from: 10, unlimited: true },
          ]),
      ),
    );
    expect(at(e, 'stages.clinic.capacity[0].from')).toBe('the first capacity phase must start at 0, got "1w"');
    expect(at(e, 'stages.clinic.capacity[2].from')).toBe('phases must start in strictly increasing order: 10 is not after the previous phase');
    expect(at(errors(mutate((s) => (s.stages.clinic.capacity = []))), 'stages.clinic.capacity')).toBe('expected at least one capacity phase, got []');
    expect(at(errors(mutate((s) => (s.stages.clinic.capacity = [{ servers: 1 }]))), 'stages.clinic.capacity[0].from')).toMatch(/^missing/);
  });

  it('distributions are checked by src/core, at their own path', () => {
    const e = errors(mutate((s) => (s.stages.clinic.service = { dist: 'exponential', mean: -1 })));
    expect(at(e, 'stages.clinic.service.mean')).toContain('-1');
    expect(at(errors(mutate((s) => (s.stages.clinic.patience = 'forever'))), 'stages.clinic.patience')).toContain('"forever"');
  });

  it('queue must name a registered discipline', () => {
    expect(at(errors(mutate((s) => (s.stages.clinic.queue = 'fifoo'))), 'stages.clinic.queue')).toBe(
      'expected "fifo", "priority" or "longest-clock-first", got "fifoo" (did you mean "fifo"?)',
    );
  });

  it('arrival rates: exactly one unit, non-negative', () => {
    const two = errors(mutate((s) => (s.arrivals.referrals.rate = { perDay: 1, perWeek: 7 })));
    expect(at(two, 'arrivals.referrals.rate')).toBe('give exactly one of perDay, perWeek, perMonth or perYear, got perDay and perWeek');
    expect(at(errors(mutate((s) => (s.arrivals.referrals.rate = {}))), 'arrivals.referrals.rate')).toMatch(/^give exactly one of perDay/);
    expect(at(errors(mutate((s) => (s.arrivals.referrals.rate = { perDay: -3 }))), 'arrivals.referrals.rate.perDay')).toBe(
      'expected a rate of 0 or more, got -3',
    );
  });

  it('arrival growth, seasonality and prevalences', () => {
    const e = errors(
      mutate((s) => {
        s.arrivals.referrals.growth = { perYear: -1.5 };
        s.arrivals.referrals.seasonality = [1, 1, 1];
        s.arrivals.referrals.conditions = { cancer: 1.4 };
      }),
    );
    expect(at(e, 'arrivals.referrals.growth.perYear')).toMatch(/^expected a yearly growth fraction greater than -1.*got -1.5$/);
    expect(at(e, 'arrivals.referrals.seasonality')).toBe('expected a list of exactly 12 monthly multipliers (January first), got [1,1,1]');
    expect(at(e, 'arrivals.referrals.conditions.cancer')).toBe('expected a prevalence between 0 and 1, got 1.4');
    const neg = errors(mutate((s) => (s.arrivals.referrals.seasonality = [1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1])));
    expect(at(neg, 'arrivals.referrals.seasonality[5]')).toBe('expected a monthly multiplier of 0 or more, got -1');
  });

  it('initial groups: count is a non-negative integer', () => {
    const e = errors(mutate((s) => (s.initial = { clinic: [{ count: 2.5 }, { count: 1, waited: -3 }] })));
    expect(at(e, 'initial.clinic[0].count')).toBe('expected a non-negative integer, got 2.5');
    expect(at(e, 'initial.clinic[1].waited')).toContain('-3');
  });

  it('tests: sensitivity and specificity in [0, 1], missed share in [0, 1]', () => {
    const e = errors(
      mutate((s) => {
        s.arrivals.referrals.conditions = { c: 0.1 };
        s.stages.clinic.test = { detects: 'c', sensitivity: 1.1, specificity: -0.1, missed: { share: 2, after: 10, to: 'clinic' } };
      }),
    );
    expect(at(e, 'stages.clinic.test.sensitivity')).toBe('expected a probability between 0 and 1, got 1.1');
    expect(at(e, 'stages.clinic.test.specificity')).toBe('expected a probability between 0 and 1, got -0.1');
    expect(at(e, 'stages.clinic.test.missed.share')).toBe('expected a share between 0 and 1, got 2');
  });

  it('branch p must be in (0, 1]', () => {
    expect(at(errors(mutate((s) => (s.stages.clinic.next[0].p = 0))), 'stages.clinic.next[0].p')).toBe(
      'expected a probability greater than 0 and at most 1, got 0',
    );
  });

  it('targets: goal in [0, 1], within > 0', () => {
    const e = errors(mutate((s) => (s.targets = { t: { until: 'clinic.start', within: 0, goal: 1.5 } })));
    expect(at(e, 'targets.t.within')).toBe('expected a duration greater than 0, got 0');
    expect(at(e, 'targets.t.goal')).toBe('expected a goal between 0 and 1, got 1.5');
  });

  it('plain data only: no cycles, functions or class instances', () => {
    const cyclic = valid();
    cyclic.stages.clinic.self = cyclic.stages;
    expect(at(errors(cyclic), 'stages.clinic.self')).toBe('refers back to itself (a cycle); scenarios must be plain trees of data');
    expect(at(errors(mutate((s) => (s.stages.clinic.service = () => 1))), 'stages.clinic.service')).toMatch(/got a function$/);
    expect(at(errors(mutate((s) => (s.startDate = new Date()))), 'startDate')).toMatch(/got a Date$/);
  });
});

describe('semantic rules (all collected in one pass)', () => {
  it('at least one arrival stream and one stage', () => {
    const e = errors(mutate((s) => ((s.arrivals = {}), (s.stages = {}))));
    expect(at(e, 'arrivals')).toBe('expected at least one arrival stream');
    expect(at(e, 'stages')).toBe('expected at least one stage');
  });

  it('unknown stage in to, missed.to, initial keys and target events', () => {
    const e = errors(
      mutate((s) => {
        s.arrivals.referrals.to = 'clinc';
        s.arrivals.referrals.conditions = { c: 0.1 };
        s.stages.clinic.next[0].to = 'surgery';
        s.stages.clinic.test = { detects: 'c', sensitivity: 1, specificity: 1, missed: { share: 1, after: 5, to: 'gp' } };
        s.initial = { theatre: { count: 1 } };
        s.targets = { t: { until: ['treatment.start', 'treatmnt.end'], from: 'x.end', within: 10, goal: 0.9 } };
      }),
    );
    expect(at(e, 'arrivals.referrals.to')).toBe('unknown stage "clinc" (did you mean "clinic"?); stages are "clinic" and "treatment"');
    expect(at(e, 'stages.clinic.next[0].to')).toBe('unknown stage "surgery"; stages are "clinic", "treatment" and "exit"');
    expect(at(e, 'stages.clinic.test.missed.to')).toBe('unknown stage "gp"; stages are "clinic" and "treatment"');
    expect(at(e, 'initial.theatre')).toBe('unknown stage "theatre"; stages are "clinic" and "treatment"');
    expect(at(e, 'targets.t.until[1]')).toBe(
      'unknown stage "treatmnt" in event "treatmnt.end" (did you mean "treatment"?); stages are "clinic" and "treatment"',
    );
    expect(at(e, 'targets.t.from')).toMatch(/^unknown stage "x" in event "x.end"/);
  });

  it('target events: the form, abandon, and exit as a start', () => {
    const e = errors(mutate((s) => (s.targets = { t: { until: ['clinic.abandon', 'abandon', 'clinic'], from: 'exit', within: 10, goal: 0.9 } })));
    expect(at(e, 'targets.t.until[0]')).toMatch(/^"clinic.abandon" cannot stop a target's clock: patients who abandon/);
    expect(at(e, 'targets.t.until[1]')).toMatch(/^"abandon" cannot stop a target's clock/);
    expect(at(e, 'targets.t.until[2]')).toBe('expected an event: STAGE.start, STAGE.end or exit, got "clinic"');
    expect(at(e, 'targets.t.from')).toBe('a clock cannot start at "exit" (use STAGE.start or STAGE.end)');
  });

  it('unknown classes in arrivals, initial groups, onPositive and if', () => {
    const e = errors(
      mutate((s) => {
        s.classes = { urgent: { priority: 1 } };
        s.arrivals.referrals.class = 'urgnt';
        s.arrivals.referrals.conditions = { c: 0.1 };
        s.initial = { clinic: { count: 3, class: 'routine' } };
        s.stages.clinic.test = { detects: 'c', sensitivity: 1, specificity: 1, onPositive: { class: 'red' } };
        s.stages.clinic.next[0].if = 'emergency';
      }),
    );
    expect(at(e, 'arrivals.referrals.class')).toBe('unknown class "urgnt" (did you mean "urgent"?); classes are "urgent" and "default"');
    expect(at(e, 'initial.clinic.class')).toBe('unknown class "routine"; classes are "urgent" and "default"');
    expect(at(e, 'stages.clinic.test.onPositive.class')).toBe('unknown class "red"; classes are "urgent" and "default"');
    expect(at(e, 'stages.clinic.next[0].if')).toBe(
      'unknown class "emergency"; `if` takes positive, negative or a class name ("urgent" and "default")',
    );
  });

  it('reserved names: exit (stage), base (variant), positive/negative (class)', () => {
    const e = errors(
      mutate((s) => {
        s.stages.exit = { capacity: 1 };
        s.variants = { base: { patch: {} } };
        s.classes = { negative: { priority: 1 } };
      }),
    );
    expect(at(e, 'stages.exit')).toMatch(/^"exit" is reserved/);
    expect(at(e, 'variants.base')).toMatch(/^"base" is reserved/);
    expect(at(e, 'classes.negative')).toMatch(/^"negative" is reserved/);
  });

  it('probabilities of branches that can match together must not exceed 1', () => {
    const e = errors(mutate((s) => (s.stages.clinic.next = [{ to: 'treatment', p: 0.7 }, { to: 'exit', p: 0.6 }])));
    expect(at(e, 'stages.clinic.next')).toBe('the probabilities p of branches [0], [1] add up to 1.3, but any patient can take all of them; they must not exceed 1');
    // Same `if` plus unconditional branches.
    const cond = errors(
      mutate((s) => {
        s.arrivals.referrals.conditions = { c: 0.1 };
        s.stages.clinic.test = { detects: 'c', sensitivity: 1, specificity: 1 };
        s.stages.clinic.next = [{ to: 'treatment', p: 0.5, if: 'positive' }, { to: 'exit', p: 0.6 }, { to: 'treatment', p: 0.9, if: 'negative' }];
      }),
    );
    expect(at(cond, 'stages.clinic.next')).toMatch(/^the probabilities p of branches \[0\], \[1\] add up to 1.1, but a patient with a positive test result/);
    expect(cond.filter((i) => i.path === 'stages.clinic.next').map((i) => i.message)).toContainEqual(
      expect.stringMatching(/branches \[1\], \[2\] add up to 1.5, but a patient with a negative test result/),
    );
  });

  it('branches for different test results may each use the whole probability', () => {
    const ok = validateScenario(
      mutate((s) => {
        s.arrivals.referrals.conditions = { c: 0.1 };
        s.stages.clinic.test = { detects: 'c', sensitivity: 1, specificity: 1 };
        s.stages.clinic.next = [{ to: 'treatment', p: 0.8, if: 'positive' }, { to: 'treatment', p: 0.8, if: 'negative' }, { to: 'exit' }];
      }),
    );
    expect(ok.issues).toEqual([]);
  });

  it('a branch after one that takes everyone is never taken (a warning)', () => {
    const r = validateScenario(mutate((s) => (s.stages.clinic.next = [{ to: 'treatment' }, { to: 'exit', p: 0.5 }])));
    expect(r.ok).toBe(true);
    expect(at(r.warnings, 'stages.clinic.next[1]')).toBe(
      'this branch is never taken: branch [0] before it has no p and takes every patient it matches',
    );
  });

  it('a test must detect a condition some arrival or initial group declares', () => {
    const e = errors(
      mutate((s) => {
        s.arrivals.referrals.conditions = { 'lung-cancer': 0.01 };
        s.stages.clinic.test = { detects: 'lung-cancr', sensitivity: 0.9, specificity: 0.9 };
      }),
    );
    expect(at(e, 'stages.clinic.test.detects')).toBe(
      'condition "lung-cancr" is not declared by any arrival or initial group (did you mean "lung-cancer"?); declared conditions: "lung-cancer"',
    );
  });

  it('at most 31 targets and 255 declared classes (the engine packs them into fixed-width fields)', () => {
    const targets = Object.fromEntries(
      Array.from({ length: 32 }, (_, i) => [`t${i}`, { until: 'exit', within: 1, goal: 0.9 }]),
    );
    expect(at(errors(mutate((s) => (s.targets = targets))), 'targets')).toBe('at most 31 targets are supported, got 32');
    const classes = Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`k${i}`, { priority: i }]));
    expect(at(errors(mutate((s) => (s.classes = classes))), 'classes')).toBe('at most 255 classes are supported, got 256');
    const fine = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`t${i}`, { until: 'exit', within: 1, goal: 0.9 }]));
    expect(errors(mutate((s) => (s.targets = fine)))).toEqual([]);
  });

  it('at most 30 distinct conditions', () => {
    const conditions = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`c${i}`, 0.1]));
    const e = errors(mutate((s) => (s.arrivals.referrals.conditions = conditions)));
    expect(at(e, 'arrivals.referrals.conditions.c30')).toBe('at most 30 distinct conditions are supported; this is condition number 31');
    const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`c${i}`, 0.1]));
    expect(errors(mutate((s) => (s.arrivals.referrals.conditions = thirty)))).toEqual([]);
  });

  it('stages nobody can reach (a warning)', () => {
    const r = validateScenario(mutate((s) => (s.stages.orphan = { capacity: 1 })));
    expect(r.ok).toBe(true);
    expect(at(r.warnings, 'stages.orphan')).toBe(
      'no patient can reach this stage: no arrival, initial group, branch or missed return leads here',
    );
    // Reachable through an initial list or a missed return: no warning.
    const viaInitial = validateScenario(mutate((s) => ((s.stages.orphan = { capacity: 1 }), (s.initial = { orphan: { count: 1 } }))));
    expect(viaInitial.warnings).toEqual([]);
    const viaMissed = validateScenario(
      mutate((s) => {
        s.stages.orphan = { capacity: 1 };
        s.arrivals.referrals.conditions = { c: 0.1 };
        s.stages.clinic.test = { detects: 'c', sensitivity: 0.5, specificity: 1, missed: { share: 1, after: 30, to: 'orphan' } };
      }),
    );
    expect(viaMissed.warnings).toEqual([]);
  });

  it('a loop of stages that take no time is an error', () => {
    const e = errors(
      mutate((s) => {
        s.stages.a = { capacity: 'unlimited', next: [{ to: 'b' }] };
        s.stages.b = { capacity: 'unlimited', service: 0, next: [{ to: 'a', p: 0.5 }, { to: 'exit' }] };
        s.stages.clinic.next = [{ to: 'a' }];
      }),
    );
    expect(at(e, 'stages.b.next')).toBe(
      'patients could loop forever without time passing: a → b → a (every stage in this loop has zero service and no slot capacity; give one a service time or slots)',
    );
    // With a service time, or slot capacity, in the loop it is fine.
    const timed = mutate((s) => {
      s.stages.a = { capacity: 'unlimited', service: '1h', next: [{ to: 'b' }] };
      s.stages.b = { capacity: 'unlimited', next: [{ to: 'a', p: 0.5 }, { to: 'exit' }] };
      s.stages.clinic.next = [{ to: 'a' }];
    });
    expect(errors(timed)).toEqual([]);
    const slots = mutate((s) => {
      s.stages.a = { capacity: { slots: 5, per: 'day' }, next: [{ to: 'a', p: 0.1 }, { to: 'exit' }] };
      s.stages.clinic.next = [{ to: 'a' }];
    });
    expect(errors(slots)).toEqual([]);
  });

  it('if: positive where no test can have happened (a warning)', () => {
    const r = validateScenario(mutate((s) => (s.stages.clinic.next = [{ to: 'treatment', if: 'positive' }, { to: 'exit' }])));
    expect(r.ok).toBe(true);
    expect(at(r.warnings, 'stages.clinic.next[0].if')).toBe(
      'no test can have happened before this stage, so `if: positive` never matches (add a test here or upstream)',
    );
  });

  it('arrival rate changes must be in strictly increasing order', () => {
    const e = errors(
      mutate((s) => (s.arrivals.referrals.changes = [{ at: '2w', rate: { perDay: 2 } }, { at: 14, rate: { perDay: 3 } }])),
    );
    expect(at(e, 'arrivals.referrals.changes[1].at')).toBe('changes must be in strictly increasing order of `at`: 14 is not after the previous change');
  });

  it('finds problems in the schema and in the semantic rules in the same pass', () => {
    const e = errors(mutate((s) => ((s.stages.clinic.capacity = 0), (s.arrivals.referrals.to = 'nowhere'))));
    expect(e.map((i) => i.path).sort()).toEqual(['arrivals.referrals.to', 'stages.clinic.capacity']);
  });
});
