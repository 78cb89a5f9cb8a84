/**
 * Paths a sweep or `--set` may write into a scenario. A path that steps into a map of ids
 * (stages, arrivals, targets, classes, variants, initial groups, condition prevalences) must name
 * an id that already exists there: otherwise a typo (`stages.clnic.capacity.servers`) would
 * quietly create a new, unreachable stage and every grid point would answer the same question.
 * @module
 */
import { describeValue, invalid, type Issue, ValidationError } from '../core/errors.js';
import { didYouMean, listNames } from '../pathway/scenario-names.js';
import { validateScenario } from '../pathway/validate.js';
import { getPath, splitPath } from './paths.js';

/** Top-level scenario fields whose keys are ids. */
const TOP_MAPS = new Set(['stages', 'arrivals', 'targets', 'classes', 'variants', 'initial']);

/** Words for the kind of id each map holds, for messages. */
const KIND: Record<string, string> = {
  stages: 'stage',
  arrivals: 'arrival stream',
  targets: 'target',
  classes: 'class',
  variants: 'variant',
  initial: 'initial group',
  conditions: 'condition',
};

/** Which id map (if any) the segments after the scenario root (or a variant patch) point into. */
function mapKind(rel: readonly string[]): string | undefined {
  if (rel.length === 1 && TOP_MAPS.has(rel[0]!)) return rel[0];
  if (rel.length === 3 && (rel[0] === 'arrivals' || rel[0] === 'initial') && rel[2] === 'conditions') return 'conditions';
  return undefined;
}

function ownKeys(v: unknown): string[] {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : [];
}

/**
 * Checks that every id a path names exists in the scenario; a ValidationError naming the path,
 * the unknown id, a "did you mean" hint and the known ids otherwise. Inside a variant patch
 * (`variants.ai.patch.stages.surgery…`) an id may exist in the patch or in the base.
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * import { checkScenarioPath } from 'carepath/analysis';
 * const scenario = loadScenario('examples/scenarios/mm1.yaml');
 * checkScenarioPath(scenario, 'stages.clinic.capacity.servers'); // fine
 * // checkScenarioPath(scenario, 'stages.clnic.capacity.servers') throws: unknown stage "clnic" (did you mean "clinic"?)
 * ```
 */
export function checkScenarioPath(scenario: unknown, path: string): void {
  const parts = splitPath(path);
  // Inside `variants.<name>.patch` the ids are those of the scenario the patch applies to.
  const inPatch = parts[0] === 'variants' && parts[2] === 'patch';
  for (let i = 1; i < parts.length; i++) {
    const before = parts.slice(0, i);
    const patchRel = inPatch && i > 3;
    const rel = patchRel ? before.slice(3) : before;
    const kind = mapKind(rel);
    if (kind === undefined) continue;
    const id = parts[i]!;
    const known = new Set(ownKeys(getPath(scenario, before.join('.'))));
    if (patchRel) for (const k of ownKeys(getPath(scenario, rel.join('.')))) known.add(k);
    if (known.has(id)) continue;
    const list = [...known];
    throw invalid(
      path,
      `unknown ${KIND[kind]} ${describeValue(id)} at ${before.join('.')}${didYouMean(id, list)}; expected one of ${listNames(list)} (a path may change an existing ${KIND[kind]}, not add one)`,
    );
  }
}

/**
 * Throws a ValidationError listing the scenario's validation warnings (an unreachable stage, a
 * branch never taken, …), each prefixed with `where`, unless there are none. Sweeps and seeks
 * call it on every scenario they run, so a changed parameter cannot silently answer a different
 * question; their `allowWarnings` option skips it.
 * @internal
 */
export function refuseWarnings(scenario: unknown, where: string): void {
  const { warnings } = validateScenario(scenario);
  if (warnings.length === 0) return;
  const issues: Issue[] = warnings.map((w) => ({
    path: where ? `${where}: ${w.path}` : w.path,
    message: `${w.message} (a warning; allow it with allowWarnings or --allow-warnings)`,
  }));
  throw new ValidationError(issues);
}
