/**
 * Probabilistic sensitivity analysis: any numeric input of a scenario may be a distribution
 * (`sensitivity: { dist: beta, alpha: 85, beta: 15 }`, a cost `{ dist: gamma, mean: 9000, sd: 1500 }`).
 * A pre-pass over the scenario (one variant merged) finds them by asking the schema what each
 * place takes, and replaces each by a number: its mean for validation and analysis, a draw for a
 * replication. Each parameter draws once per replication from its own stream, keyed by
 * (seed, replication, path), so every variant gets the same draw for the same path (pairing)
 * and the result does not depend on how replications are spread over workers.
 * @module
 */
import { isSamplerObject } from '../core/distributions.js';
import { describeValue, joinPath, type Issue } from '../core/errors.js';
import { aleaRng, deriveSeed } from '../core/random.js';
import { cloneJson, setOwn, type JsonObject } from './scenario-json.js';
import { isParameterFamily, parameterDistribution, PARAMETER_FAMILIES, type ParameterDistribution } from './uncertain-dists.js';
import { acceptsRange, placeKind } from './uncertain-schema.js';

/** One uncertain parameter found in a scenario. @internal */
export interface UncertainParameter {
  /** Dotted path (`stages.reporting.test.sensitivity`). */
  path: string;
  segments: (string | number)[];
  /** Undefined when the spec is invalid (see the issues). */
  distribution?: ParameterDistribution;
}

/** Parameters found, and what is wrong with them. @internal */
export interface UncertainScan {
  parameters: UncertainParameter[];
  issues: Issue[];
  /** Paths whose schema issues are replaced by the scan's own (a distribution where none can be). */
  claimed: string[];
}

/**
 * Every object with a `dist` field where the schema expects a number (variants' patches are
 * not looked into: merge a variant first). Objects where the schema takes a distribution
 * (service times) are left alone.
 * @internal
 */
export function scanUncertain(data: unknown): UncertainScan {
  const scan: UncertainScan = { parameters: [], issues: [], claimed: [] };
  const walk = (value: unknown, segments: (string | number)[], path: string) => {
    if (typeof value !== 'object' || value === null || isSamplerObject(value)) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...segments, i], joinPath(path, i)));
      return;
    }
    if (Object.prototype.hasOwnProperty.call(value, 'dist') && segments.length > 0) {
      const kind = placeKind(segments);
      if (kind === 'distribution') return;
      scan.claimed.push(path);
      if (kind === 'other') {
        scan.issues.push({ path, message: `a distribution (${describeValue(value)}) is given where the scenario does not take a number; only numeric inputs may be uncertain` });
        return;
      }
      const spec = value as JsonObject;
      if (!isParameterFamily(spec.dist)) {
        scan.issues.push({ path: joinPath(path, 'dist'), message: `expected one of ${PARAMETER_FAMILIES.join(', ')} for an uncertain parameter, got ${describeValue(spec.dist)}` });
        return;
      }
      const made = parameterDistribution(spec, path);
      if (Array.isArray(made)) {
        scan.issues.push(...made);
        scan.parameters.push({ path, segments });
        return;
      }
      if (!acceptsRange(segments, made.support[0], made.support[1])) {
        scan.issues.push({ path, message: `a ${String(spec.dist)} distribution can draw values from ${range(made.support)}, but this field does not take all of them (e.g. a share needs beta, a positive amount gamma or lognormal; whole numbers cannot be uncertain)` });
      }
      scan.parameters.push({ path, segments, distribution: made });
      return;
    }
    for (const key of Object.keys(value)) {
      if (segments.length === 0 && key === 'variants') continue;
      walk((value as JsonObject)[key], [...segments, key], joinPath(path, key));
    }
  };
  walk(data, [], '');
  return scan;
}

function range([lo, hi]: [number, number]): string {
  const f = (x: number) => (x === Infinity ? '∞' : x === -Infinity ? '−∞' : String(x));
  return `${f(lo)} to ${f(hi)}`;
}

/** Copy of `data` with each valid parameter replaced by `value(parameter)`. */
function substitute(data: unknown, parameters: UncertainParameter[], value: (p: UncertainParameter) => number): unknown {
  const out = cloneJson(data);
  for (const p of parameters) {
    if (!p.distribution) continue;
    let parent: unknown = out;
    for (const s of p.segments.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[s];
    const last = p.segments[p.segments.length - 1]!;
    if (Array.isArray(parent)) parent[last as number] = value(p);
    else setOwn(parent as JsonObject, String(last), value(p));
  }
  return out;
}

/**
 * The scenario with every uncertain parameter at its mean (what validation checks, and what
 * the queueing analysis reads), or the data itself when it has none.
 * @internal
 */
export function atMeans(data: unknown, scan: UncertainScan = scanUncertain(data)): unknown {
  return scan.parameters.length === 0 ? data : substitute(data, scan.parameters, (p) => p.distribution!.mean);
}

/**
 * The scenario (one variant merged, no `variants` left to merge) with every uncertain
 * parameter drawn for one replication, and the values drawn by path. Invalid parameters are
 * left for validation to report.
 * @internal
 * @example
 * ```ts
 * import { drawUncertain } from './uncertain.js';
 * const data = { stages: { ct: { capacity: 1, test: { detects: 'c', sensitivity: { dist: 'beta', alpha: 85, beta: 15 }, specificity: 0.9 } } } };
 * const { values } = drawUncertain(data, 1, 0);
 * values['stages.ct.test.sensitivity']; // a number near 0.85, the same for every variant
 * ```
 */
export function drawUncertain(data: unknown, seed: number, replication: number): { scenario: unknown; values: Record<string, number> } {
  const scan = scanUncertain(data);
  if (scan.parameters.length === 0) return { scenario: data, values: {} };
  const values: Record<string, number> = {};
  const scenario = substitute(data, scan.parameters, (p) => {
    const v = p.distribution!.draw(aleaRng(deriveSeed('carepath/parameter', seed, replication, p.path)));
    values[p.path] = v;
    return v;
  });
  return { scenario, values };
}

/**
 * The schema's issues about places holding uncertain parameters, restated: dropped where the
 * scan already explained the problem (an invalid distribution, or one where no number goes),
 * and marked as being about the mean where the mean itself is out of bounds.
 * @internal
 */
export function restateIssues(scan: UncertainScan, issues: Issue[]): Issue[] {
  const valid = new Set(scan.parameters.filter((p) => p.distribution).map((p) => p.path));
  const under = (path: string, p: string) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
  const out: Issue[] = [];
  for (const issue of issues) {
    const owner = scan.claimed.find((p) => under(issue.path, p));
    if (owner === undefined) out.push(issue);
    else if (valid.has(owner) && issue.path === owner) out.push({ path: issue.path, message: `${issue.message} (the mean of the distribution given here)` });
  }
  return out;
}

/**
 * The merged scenario with its uncertain parameters drawn for `options.replication` (seed:
 * `options.seed`, else the scenario's, else 1), or at their means without a replication.
 * @internal
 */
export function drawParameters(merged: unknown, options: { seed?: number; replication?: number }): { scenario: unknown; values: Record<string, number> } {
  if (options.replication === undefined) return { scenario: atMeans(merged), values: {} };
  const own = (merged as { seed?: unknown }).seed;
  const seed = options.seed ?? (typeof own === 'number' ? own : 1);
  return drawUncertain(merged, seed, options.replication);
}
