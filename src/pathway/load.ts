/**
 * Reading scenarios from YAML or JSON text and files. Problems point at the file and line:
 * a syntax error as `lung.yaml:12:5: ...`, a validation problem with `(at lung.yaml:27:15)`
 * appended to its message.
 * @module
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Issue } from '../core/errors.js';
import { inlineDataFiles } from './data-files.js';
import { cloneJson } from './scenario-json.js';
import { ScenarioError } from './scenario-error.js';
import type { Scenario } from './schema.js';
import { validateScenario, type ValidateOptions } from './validate.js';
import { withLimits } from './work-limits.js';

/** Most YAML aliases expanded in one file (guards against "billion laughs" files). */
const MAX_ALIASES = 1000;

/**
 * Reads a scenario from a YAML or JSON file (JSON is YAML too) and validates it like
 * {@link parseScenario}.
 * @throws ScenarioError when the file cannot be read, is not valid YAML (naming the file, line and
 *   column), or is not a valid scenario (each problem with its path and line).
 * @example
 * ```ts
 * import { loadScenario } from 'carepath';
 * const scenario = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
 * scenario.name; // 'Lung cancer — AI chest X-ray reporting with treatment capacity fixed'
 * ```
 */
export function loadScenario(path: string, options: ValidateOptions = {}): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new ScenarioError([{ path: '', message: `cannot read scenario file ${path}: ${why}` }]);
  }
  return parseText(text, path, options, path);
}

/**
 * Parses scenario text (YAML or JSON) and validates it like {@link parseScenario}.
 * @param source Name used in messages, usually the file name.
 * @param options `limits`: work limits over the scenario's own (see {@link carepath/kernel!ScenarioReadOptions}).
 * @throws ScenarioError for a syntax error (naming `source`, line and column) or an invalid scenario.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parseScenarioText } from 'carepath';
 * const file = 'examples/scenarios/mm1.yaml';
 * const s = parseScenarioText(readFileSync(file, 'utf8'), file); // errors name file:line:col
 * ```
 */
export function parseScenarioText(text: string, source?: string, options: ValidateOptions = {}): Scenario {
  return parseText(text, source, options, undefined);
}

/** Parses and validates scenario text; data files (`{ file }`) are read only when `filePath` is given. */
function parseText(text: string, source: string | undefined, options: ValidateOptions, filePath: string | undefined): Scenario {
  const lineCounter = new LineCounter();
  // Always the YAML 1.2 core schema, even under a `%YAML 1.1` directive: dates stay text
  // (`startDate: 2026-01-05`) and `yes`/`no` stay strings rather than turning into booleans.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', schema: 'core' });
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return source === undefined ? `line ${line}, column ${col}` : `${source}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => ({ path: '', message: `${where(e.pos[0])}: YAML syntax error: ${e.message.split('\n')[0]}` })),
      `invalid YAML${source === undefined ? '' : ` in ${source}`}`,
    );
  }
  let data: unknown;
  try {
    data = withLimits(doc.toJS({ maxAliasCount: MAX_ALIASES }), options.limits);
  } catch (err) {
    throw new ScenarioError([{ path: '', message: `${source ?? 'scenario text'}: ${(err as Error).message}` }]);
  }
  if (filePath !== undefined) {
    try {
      data = inlineDataFiles(data, filePath);
    } catch (err) {
      if (err instanceof ScenarioError) throw new ScenarioError(err.issues.map((issue) => locate(issue, doc, where)), err.message.split('\n')[0]);
      throw err;
    }
  }
  const report = validateScenario(data, options);
  if (!report.ok) {
    throw new ScenarioError(
      report.issues.map((issue) => locate(issue, doc, where)),
      `invalid scenario${source === undefined ? '' : ` ${source}`}`,
    );
  }
  return cloneJson(data) as Scenario;
}

/** Splits a carepath path (`stages.ct.next[1].to`) into segments. */
function segmentsOf(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * Appends the file position of the nearest field that exists for the issue's path (its key, so
 * an unknown or wrong field is pointed at by name). A problem found in a variant
 * (`variants.ai: stages.x`) is looked for in that variant's patch first.
 */
function locate(issue: Issue, doc: Document, where: (offset: number) => string): Issue {
  const m = /^variants\.([A-Za-z0-9_-]+): (.*)$/.exec(issue.path);
  const segments = m ? ['variants', m[1]!, 'patch', ...segmentsOf(m[2]!)] : segmentsOf(issue.path);
  for (let n = segments.length; n > 0; n--) {
    const offset = startOf(doc, segments.slice(0, n));
    if (offset !== undefined) return { path: issue.path, message: `${issue.message} (at ${where(offset)})` };
  }
  return issue;
}

/** Offset of the key naming the last segment (or of the list item), if it exists in the document. */
function startOf(doc: Document, segments: (string | number)[]): number | undefined {
  const parent = segments.length === 1 ? doc.contents : doc.getIn(segments.slice(0, -1), true);
  const last = segments[segments.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
    const key = pair?.key as { range?: [number, number, number] } | undefined;
    return key?.range?.[0];
  }
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as { range?: [number, number, number] } | undefined;
    return item?.range?.[0];
  }
  return undefined;
}
