/**
 * Entry points for scenarios given as data: {@link parseScenario} validates and returns a
 * {@link Scenario}; {@link ScenarioError} lists every problem.
 *
 * ## Scenario format, version 1
 * A scenario is a map with these fields (durations are days when bare numbers, or strings with
 * a unit: `"15min"`, `"36h"`, `"3d"`, `"6w"`, `"1y"` = 365 days):
 * - `version` (must be 1), `name` (required), `description`.
 * - `seed`: integer master seed, default 1.
 * - `startDate`: ISO `YYYY-MM-DD` of day 0, default `2024-01-01` (a Monday).
 * - `warmup` (default 0), `horizon` (required, > 0), `sampleEvery` (default 7, > 0): durations.
 * - `classes: { NAME: { priority: integer } }`: lower is served first in priority queues.
 *   Patients without a class get the implicit class `default`, whose priority is the largest
 *   declared priority (the least urgent), or 0 when none is declared; declaring
 *   `classes.default` overrides that. `positive` and `negative` cannot be class names.
 * - `arrivals: { NAME: { to, rate, class?, conditions?, changes?, growth?, seasonality? } }`,
 *   at least one: Poisson streams. `rate` is exactly one of `perDay`, `perWeek`, `perMonth`
 *   (per 365/12 days) or `perYear` (per 365 days); 0 is allowed. `conditions` maps a condition
 *   name to its prevalence in [0, 1]. `changes: [{ at, rate }]` are step changes with strictly
 *   increasing `at`; `growth: { perYear }` compounds (a fraction > -1); `seasonality` is twelve
 *   non-negative monthly multipliers, January first. At most 30 distinct conditions.
 * - `initial: { STAGE: group | group[] }`, a group being `{ count, waited?, class?, conditions? }`:
 *   patients already waiting at time 0; `waited` (a distribution, default 0) is how long.
 * - `stages: { NAME: { capacity, service?, queue?, patience?, test?, next? } }`, at least one.
 *   `capacity` is a positive integer (servers), `{ servers: n }`, `"unlimited"` (a pure delay),
 *   `{ slots: n, per: day|week, days?: [mon..sun] }` (days default to all seven), or a list of
 *   phases `{ from, servers | slots… | unlimited: true }` whose first `from` is 0 and which start in
 *   strictly increasing order. `per: week` spreads the weekly slots as evenly as possible over
 *   the listed days in Monday-to-Sunday order, earlier days taking the remainder (7 over
 *   mon, wed, fri gives 3, 2, 2); `per: day` gives each listed day `slots`. `service` and
 *   `patience` are distributions (service default 0; patience default: never leaves). `queue`
 *   is `fifo` (default) or `priority`. `test: { detects, sensitivity, specificity, onPositive?:
 *   { class }, missed?: { share, after, to } }`. `next: [{ to, p?, if?, rereferral? }]`: ordered branches;
 *   `to` is a stage or `exit`, `p` in (0, 1], `if` is `positive`, `negative` or a class name;
 *   no `next` means exit. The stage id `exit` is reserved.
 * - `targets: { NAME: { until, within, goal, description?, from? } }`: `until` is an event or a
 *   list of events (`STAGE.start`, `STAGE.end`, `exit`; `abandon` is not a clock stop), `from` one
 *   event other than `exit`, `within` a duration > 0, `goal` in [0, 1].
 * - `variants: { NAME: { description?, extends?, patch } }`: JSON Merge Patches (RFC 7386) over the
 *   base; `extends` applies another variant first. The variant id `base` is reserved.
 *
 * Ids (stages, classes, arrivals, targets, variants) match `/^[A-Za-z0-9_-]+$/`. Unknown fields are
 * errors (with a "did you mean …?" hint). Capacity and service semantics (e.g. reducing servers
 * lets patients already in service finish) are described with `simulate`.
 * @module
 */
import { cloneJson } from './scenario-json.js';
import { ScenarioError } from './scenario-error.js';
import type { Scenario, ScenarioInput } from './schema.js';
import { validateScenario, type ValidateOptions } from './validate.js';
import { withLimits } from './work-limits.js';

export { ScenarioError } from './scenario-error.js';
export type { Scenario, ScenarioInput } from './schema.js';

/**
 * Validates scenario data (from YAML, JSON or code) and returns a deep copy of it as a
 * {@link Scenario}. The base and every variant (merged over the base) are checked. Typed
 * {@link ScenarioInput}, so a misspelt field or distribution name in code fails to compile;
 * parsed JSON (`any`) passes straight through to validation, and data typed `unknown` can be
 * checked first with {@link validateScenario}, which accepts anything.
 * @param options `disciplines`: names of queue disciplines given in code, accepted in `queue`;
 *   `limits`: work limits over the scenario's own.
 * @throws ScenarioError listing every problem, each with its path.
 * @example
 * ```ts
 * import { parseScenario } from 'carepath';
 * const scenario = parseScenario({
 *   version: 1, name: 'M/M/1', warmup: 100, horizon: 10_000,
 *   arrivals: { referrals: { to: 'clinic', rate: { perDay: 0.9 } } },
 *   stages: { clinic: { capacity: 1, service: { dist: 'exponential', mean: 1 } } },
 * });
 * ```
 */
export function parseScenario(data: ScenarioInput, options: ValidateOptions = {}): Scenario {
  const withOptions = withLimits(data, options.limits);
  const report = validateScenario(withOptions, options);
  if (!report.ok) throw new ScenarioError(report.issues);
  return cloneJson(withOptions) as Scenario;
}

export { scenarioJsonSchema } from './schema-json.js';
