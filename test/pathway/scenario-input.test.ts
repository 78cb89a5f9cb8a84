/**
 * `ScenarioInput`: scenarios written in code are type-checked against the format. The
 * `@ts-expect-error` lines are checked by `npm run typecheck` (tsc): if a misspelling stopped
 * being a compile error, the directive itself would be reported as unused.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseScenario, runExperiment, simulate, type Scenario, type ScenarioInput } from '../../src/index.js';
import type { DistributionSpec, DurationInput, ParameterSpec } from '../../src/api/kernel.js';
import type { DataFileRef } from '../../src/pathway/schema-data-file.js';

const clinic = {
  version: 1,
  name: 'clinic',
  horizon: '1y',
  arrivals: { gp: { to: 'clinic', rate: { perWeek: 5 } } },
  stages: { clinic: { capacity: 1, service: { dist: 'exponential', mean: 1 } } },
} satisfies ScenarioInput;

/** Never called: its body only has to compile (or, where marked, fail to). */
function typeChecks(): void {
  parseScenario(clinic);
  simulate(clinic);
  void runExperiment(clinic, { replications: 2 });

  parseScenario({
    ...clinic,
    // @ts-expect-error: a misspelt distribution name
    stages: { clinic: { capacity: 1, service: { dist: 'exponentail', mean: 1 } } },
  });
  simulate({
    ...clinic,
    // @ts-expect-error: a misspelt field of a stage
    stages: { clinic: { capacity: 1, servce: 1 } },
  });
  // @ts-expect-error: a duration must be days or a string such as '6w'
  void runExperiment({ ...clinic, horizon: { weeks: 52 } });
  // @ts-expect-error: the format version is the literal 1
  parseScenario({ ...clinic, version: 2 });
  // @ts-expect-error: a required field (stages) is missing
  parseScenario({ version: 1, name: 'x', horizon: 10, arrivals: clinic.arrivals });

  // Uncertain parameters (PSA) type where the runtime takes them: shares, rates, costs, QALYs.
  parseScenario({ ...clinic, arrivals: { gp: { to: 'clinic', rate: { perWeek: { dist: 'gamma', mean: 5, sd: 1 } } } } });
  parseScenario({
    ...clinic,
    // @ts-expect-error: a misspelt family of an uncertain parameter
    stages: { clinic: { capacity: 1, test: { detects: 'c', sensitivity: { dist: 'betta', alpha: 85, beta: 15 }, specificity: 0.9 } } },
  });
  parseScenario({
    ...clinic,
    // @ts-expect-error: a whole-number field (servers) cannot be uncertain
    stages: { clinic: { capacity: { servers: { dist: 'gamma', mean: 3, sd: 1 } } } },
  });

  // CSV files (`{ file }`) type where loadScenario reads them: counts, timetable, weeks waited.
  const withFiles = {
    ...clinic,
    arrivals: { gp: { to: 'clinic', counts: { file: 'data/referrals.csv' } } },
    initial: { clinic: [{ weeksWaited: { file: 'list.csv' } }] },
    timetable: { file: 'timetable.csv' },
  } satisfies ScenarioInput;
  void withFiles;
  // @ts-expect-error: a rate is not a row list, so it cannot be a file
  parseScenario({ ...clinic, arrivals: { gp: { to: 'clinic', rate: { file: 'rate.csv' } } } });
  // @ts-expect-error: a file reference has only the path
  parseScenario({ ...clinic, timetable: { file: 'timetable.csv', sep: ';' } });
}

/** The scenario of the issue, written in code: a beta sensitivity must compile with no cast. */
const withUncertainSensitivity = {
  ...clinic,
  arrivals: { gp: { to: 'clinic', rate: { perWeek: 5 }, conditions: { c: 0.5 } } },
  stages: {
    clinic: {
      capacity: 1,
      service: { dist: 'exponential', mean: 1 },
      test: { detects: 'c', sensitivity: { dist: 'beta', alpha: 85, beta: 15 }, specificity: 0.9 },
    },
  },
} satisfies ScenarioInput;

describe('ScenarioInput', () => {
  it('is the input side of the format: distributions and durations are typed, not unknown', () => {
    // A validated scenario holds rows; the input may also name a CSV file for them (loadScenario).
    expectTypeOf<Scenario>().toExtend<ScenarioInput>();
    expectTypeOf<Omit<ScenarioInput, 'arrivals' | 'initial' | 'timetable'>>().toEqualTypeOf<Omit<Scenario, 'arrivals' | 'initial' | 'timetable'>>();
    type Counts<S extends Scenario | ScenarioInput> = NonNullable<S['arrivals'][string]['counts']>;
    expectTypeOf<Counts<ScenarioInput>>().toEqualTypeOf<Counts<Scenario> | DataFileRef>();
    expectTypeOf<NonNullable<ScenarioInput['timetable']>>().toEqualTypeOf<NonNullable<Scenario['timetable']> | DataFileRef>();
    expectTypeOf<DataFileRef>().not.toExtend<Counts<Scenario>>();
    // Uncertain parameters (PSA) are typed at the numbers the runtime draws, not at whole numbers.
    type Test = NonNullable<ScenarioInput['stages'][string]['test']>;
    expectTypeOf<Test['sensitivity']>().toEqualTypeOf<number | ParameterSpec>();
    expectTypeOf<ParameterSpec>().not.toExtend<NonNullable<ScenarioInput['stages'][string]['capacity']>>();
    expectTypeOf<ScenarioInput['horizon']>().toEqualTypeOf<DurationInput>();
    expectTypeOf<NonNullable<ScenarioInput['stages'][string]['service']>>().toEqualTypeOf<DistributionSpec>();
    expectTypeOf(parseScenario).parameter(0).toEqualTypeOf<ScenarioInput>();
    expectTypeOf<unknown>().not.toExtend<ScenarioInput>();
    expect(typeof typeChecks).toBe('function');
  });

  it('a typed scenario with an uncertain sensitivity parses as written and simulates', () => {
    // parseScenario returns the data as written (the draw happens per replication in simulate).
    expect(parseScenario(withUncertainSensitivity)).toEqual(withUncertainSensitivity);
    const { entered, started, waitingAtEnd, abandoned } = simulate(withUncertainSensitivity).stages.clinic!;
    expect(entered).toBeGreaterThan(180); // as below: Poisson mean 260.7, five sd either side
    expect(entered).toBeLessThan(342);
    expect(entered).toBe(started + waitingAtEnd + abandoned);
  });

  it('a typed object parses and simulates as written', () => {
    expect(parseScenario(clinic)).toEqual(clinic);
    const { entered, started, waitingAtEnd, abandoned } = simulate(clinic).stages.clinic!;
    // 5 a week for 365 days: Poisson mean 260.7, sd 16.1; five sd either side.
    expect(entered).toBeGreaterThan(180);
    expect(entered).toBeLessThan(342);
    expect(entered).toBe(started + waitingAtEnd + abandoned);
  });
});
