/**
 * Full validation of a scenario: the schema (each field's shape), the semantic rules (how the
 * parts fit together), and every variant merged over the base and checked the same way.
 * Every problem is collected; nothing stops at the first.
 * @module
 */
import type { Issue } from '../core/errors.js';
import { checkPlainData, joinPath, keysOf, own } from './scenario-json.js';
import { BASE_VARIANT } from './scenario-names.js';
import { ScenarioSchema } from './schema.js';
import { toIssues } from './schema-issues.js';
import { atMeans, restateIssues, scanUncertain } from './uncertain.js';
import { checkComparator, checkEconomics } from './validate-economics.js';
import { checkIds } from './validate-ids.js';
import { checkLivelocks } from './validate-livelock.js';
import { checkLosses } from './validate-losses.js';
import { checkPools } from './validate-pools.js';
import { checkRules } from './validate-rules.js';
import { mergeVariant } from './variants.js';
import { checkWork, withLimits, type ScenarioReadOptions } from './work-limits.js';

/** Outcome of {@link validateScenario}. */
export interface ScenarioValidation {
  /** True when there are no `issues` (warnings do not count). */
  ok: boolean;
  /** Errors: the scenario cannot be used until they are fixed. */
  issues: Issue[];
  /** Things that are allowed but probably not meant (an unreachable stage, a branch never taken). */
  warnings: Issue[];
}

/**
 * Validates a scenario (as parsed from YAML/JSON, or a plain object) without throwing: schema,
 * semantic rules, and each variant applied to the base (issues found only in a variant have
 * paths like `variants.ai: stages.surgery.capacity.slots`). A run whose estimated work exceeds
 * the limits (see {@link carepath/kernel!WorkLimits}; `options.limits` over the scenario's `limits`) is an issue too.
 * @example
 * ```ts
 * import { validateScenario } from 'carepath';
 * const data = { version: 1, name: 'x', horizon: 10, stages: { a: { capacity: 0 } } };
 * const v = validateScenario(data);
 * if (!v.ok) for (const i of v.issues) console.log(`${i.path}: ${i.message}`);
 * for (const w of v.warnings) console.log(`warning: ${w.path}: ${w.message}`);
 * ```
 */
export function validateScenario(raw: unknown, options: ValidateOptions = {}): ScenarioValidation {
  const data = withLimits(raw, options.limits);
  const plain = checkPlainData(data);
  if (plain.length > 0) return { ok: false, issues: plain, warnings: [] };

  const codeDisciplines = new Set(options.disciplines ?? []);
  const validateOne = (d: unknown) => validateWith(d, codeDisciplines);
  const base = validateOne(data);
  const issues = [...base.issues, ...checkComparator(data)];
  const warnings = [...base.warnings];
  const key = (i: Issue) => `${i.path}\u0000${i.message}`;
  const baseKeys = new Set([...base.issues, ...base.warnings].map(key));

  for (const name of keysOf(own(data, 'variants'))) {
    if (name === BASE_VARIANT) continue; // reported as a reserved name
    const merged = mergeVariant(data, name);
    if ('issue' in merged) {
      // A patch that is missing or not an object is already reported by the schema, at the
      // same path or at the variant itself.
      const p = merged.issue.path;
      if (!issues.some((i) => p === i.path || p.startsWith(`${i.path}.`))) issues.push(merged.issue);
      continue;
    }
    const result = validateOne(merged.scenario);
    const prefix = (i: Issue): Issue => ({ path: `${joinPath('variants', name)}: ${i.path}`, message: i.message });
    // Problems the base already has would repeat for every variant; report only new ones.
    issues.push(...result.issues.filter((i) => !baseKeys.has(key(i))).map(prefix));
    warnings.push(...result.warnings.filter((i) => !baseKeys.has(key(i))).map(prefix));
  }
  return { ok: issues.length === 0, issues: dedupe(issues), warnings: dedupe(warnings) };
}

/** Options of {@link validateScenario} (and of parsing and loading, which validate). */
export interface ValidateOptions extends ScenarioReadOptions {
  /** Queue disciplines given in code (names a stage's `queue` may use besides the registry's). */
  disciplines?: readonly string[];
}

/** Schema and semantic rules for one scenario (variants not applied). */
function validateWith(raw: unknown, codeDisciplines: ReadonlySet<string>): { issues: Issue[]; warnings: Issue[] } {
  // Uncertain parameters (distributions where a number goes) are checked as distributions, and
  // the rest of the scenario with each at its mean.
  const uncertain = scanUncertain(raw);
  const data = atMeans(raw, uncertain);
  const parsed = ScenarioSchema.safeParse(data);
  let schemaIssues = parsed.success ? [] : toIssues(parsed.error.issues, data);
  if (uncertain.claimed.length > 0) schemaIssues = restateIssues(uncertain, schemaIssues);
  if (codeDisciplines.size > 0) {
    // A stage naming a discipline given in code passes (the schema knows only the registry's).
    const stages = own(data, 'stages');
    const allowed = new Set(
      keysOf(stages)
        .filter((id) => codeDisciplines.has(own(own(stages, id), 'queue') as string))
        .map((id) => joinPath(joinPath('stages', id), 'queue')),
    );
    schemaIssues = schemaIssues.filter((i) => !allowed.has(i.path));
  }
  const rules = checkRules(data);
  const pools = checkPools(data);
  const issues = [...uncertain.issues, ...schemaIssues, ...checkIds(data), ...rules.errors, ...pools.errors, ...checkLivelocks(data), ...checkEconomics(data), ...checkLosses(data)];
  // The work estimate reads the scenario as a whole: only worth it once the rest is sound.
  if (issues.length === 0) issues.push(...checkWork(data));
  return { issues, warnings: [...rules.warnings, ...pools.warnings] };
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
