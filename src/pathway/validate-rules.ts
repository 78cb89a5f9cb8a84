/**
 * Rules that relate one part of a scenario to another: names that must exist, probabilities
 * that must not add up past 1, stages nobody can reach, loops that take no time. The schema
 * checks each field alone; these rules check the whole.
 *
 * They read the data defensively (it may also have failed the schema), so a scenario with a
 * typo in one place still gets every other problem reported in the same pass.
 * @module
 */
import type { Issue } from '../core/errors.js';
import { hasOwn, isObject, joinPath, keysOf, own } from './scenario-json.js';
import { durationDays } from './schema-parts.js';
import { BASE_VARIANT, DEFAULT_CLASS, EXIT_NAME, didYouMean, listNames } from './scenario-names.js';
import { MAX_CLASSES, MAX_STAGES, MAX_TARGETS } from './patients.js';
import { shortId } from './validate-ids.js';
import { scenarioBranchApplies } from './routing.js';
import { reach } from './graph.js';

/** At most this many distinct conditions (a patient's conditions fit in a 32-bit mask). */
export const MAX_CONDITIONS = 30;

/** Class names that would be ambiguous in a branch's `if`. */
const RESERVED_CLASSES = ['positive', 'negative'];

/** Errors and warnings found by the semantic rules. */
export interface RuleFindings {
  errors: Issue[];
  warnings: Issue[];
}

/** A parsed target event. */
export type EventRef = { kind: 'start' | 'end'; stage: string } | { kind: 'exit' };

/**
 * Parses `STAGE.start`, `STAGE.end` or `exit`; returns a message when the text is not an event.
 * `abandon` is refused on purpose: abandoning is not meeting a standard.
 */
export function parseEvent(text: string): EventRef | string {
  if (text === 'exit') return { kind: 'exit' };
  if (text === 'abandon' || text.endsWith('.abandon')) {
    return `"${text}" cannot stop a target's clock: patients who abandon the list are counted separately, not as meeting or breaching a standard (use STAGE.start, STAGE.end or exit)`;
  }
  const dot = text.lastIndexOf('.');
  const stage = text.slice(0, dot);
  const kind = text.slice(dot + 1);
  if (dot > 0 && (kind === 'start' || kind === 'end')) return { kind, stage };
  return `expected an event: STAGE.start, STAGE.end or exit, got ${JSON.stringify(text)}`;
}

const days = durationDays;

/** True when a distribution is certainly zero: absent, `0`, `"0d"` or `{ dist: fixed, value: 0 }`. */
export function isZeroDistribution(spec: unknown): boolean {
  if (spec === undefined) return true;
  if (typeof spec === 'number' || typeof spec === 'string') return days(spec) === 0;
  if (isObject(spec) && own(spec, 'dist') === 'fixed') return days(own(spec, 'value')) === 0;
  return false;
}

/** Groups of an `initial` entry, with their paths. */
function initialGroups(initial: unknown): { stage: string; path: string; group: unknown }[] {
  const out: { stage: string; path: string; group: unknown }[] = [];
  for (const stage of keysOf(initial)) {
    const entry = own(initial, stage);
    const path = joinPath('initial', stage);
    if (Array.isArray(entry)) entry.forEach((group, i) => out.push({ stage, path: joinPath(path, i), group }));
    else out.push({ stage, path, group: entry });
  }
  return out;
}

/** Applies every semantic rule to a scenario (variants are validated by the caller). */
export function checkRules(scenario: unknown): RuleFindings {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const error = (path: string, message: string) => errors.push({ path, message });
  const warn = (path: string, message: string) => warnings.push({ path, message });
  if (!isObject(scenario)) return { errors, warnings };

  const stagesObj = own(scenario, 'stages');
  const arrivalsObj = own(scenario, 'arrivals');
  const stageNames = keysOf(stagesObj);
  const stageSet = new Set(stageNames);
  const classNames = keysOf(own(scenario, 'classes'));
  const classSet = new Set([...classNames, DEFAULT_CLASS]);

  if (isObject(arrivalsObj) && keysOf(arrivalsObj).length === 0) error('arrivals', 'expected at least one arrival stream');
  if (isObject(stagesObj) && stageNames.length === 0) error('stages', 'expected at least one stage');
  const tooMany = (field: string, count: number, max: number) => {
    if (count > max) error(field, `at most ${max} ${field} are supported, got ${count}`);
  };
  tooMany('stages', stageNames.length, MAX_STAGES);
  // The implicit `default` class takes one of the engine's class indices.
  tooMany('classes', classNames.filter((c) => c !== DEFAULT_CLASS).length, MAX_CLASSES - 1);
  tooMany('targets', keysOf(own(scenario, 'targets')).length, MAX_TARGETS);
  if (stageSet.has(EXIT_NAME)) {
    error(joinPath('stages', EXIT_NAME), '"exit" is reserved for leaving the pathway (`to: exit`); give this stage another name');
  }
  if (hasOwn(own(scenario, 'variants'), BASE_VARIANT)) {
    error(joinPath('variants', BASE_VARIANT), '"base" is reserved for the scenario without variants; give this variant another name');
  }
  for (const reserved of RESERVED_CLASSES) {
    if (classSet.has(reserved)) {
      error(joinPath('classes', reserved), `"${reserved}" is reserved for test results in a branch's \`if\`; give this class another name`);
    }
  }

  const checkStage = (path: string, name: unknown, allowExit: boolean) => {
    if (typeof name !== 'string') return;
    if (allowExit && name === EXIT_NAME) return;
    if (!stageSet.has(name)) error(path, unknownName('stage', name, stageNames, allowExit ? [EXIT_NAME] : []));
  };
  const checkClass = (path: string, name: unknown) => {
    if (typeof name === 'string' && !classSet.has(name)) error(path, unknownName('class', name, [...classSet]));
  };

  // Conditions, in order of first declaration.
  const conditions: string[] = [];
  const noteConditions = (path: string, conds: unknown) => {
    for (const c of keysOf(conds)) {
      if (conditions.includes(c)) continue;
      conditions.push(c);
      if (conditions.length === MAX_CONDITIONS + 1) {
        error(joinPath(path, c), `at most ${MAX_CONDITIONS} distinct conditions are supported; this is condition number ${MAX_CONDITIONS + 1}`);
      }
    }
  };

  // Arrivals.
  for (const id of keysOf(arrivalsObj)) {
    const arrival = own(arrivalsObj, id);
    const path = joinPath('arrivals', id);
    checkStage(joinPath(path, 'to'), own(arrival, 'to'), false);
    checkClass(joinPath(path, 'class'), own(arrival, 'class'));
    noteConditions(joinPath(path, 'conditions'), own(arrival, 'conditions'));
    const changes = own(arrival, 'changes');
    if (Array.isArray(changes)) {
      let prev = -Infinity;
      changes.forEach((change, i) => {
        const at = days(own(change, 'at'));
        if (at === undefined) return;
        if (!(at > prev)) {
          error(
            joinPath(joinPath(joinPath(path, 'changes'), i), 'at'),
            `changes must be in strictly increasing order of \`at\`: ${JSON.stringify(own(change, 'at'))} is not after the previous change`,
          );
        }
        prev = at;
      });
    }
  }

  // Timetable rows name stages.
  const timetable = own(scenario, 'timetable');
  if (Array.isArray(timetable)) timetable.forEach((row, i) => checkStage(joinPath(joinPath('timetable', i), 'stage'), own(row, 'stage'), false));

  // Initial lists.
  for (const stage of keysOf(own(scenario, 'initial'))) checkStage(joinPath('initial', stage), stage, false);
  for (const { path, group } of initialGroups(own(scenario, 'initial'))) {
    checkClass(joinPath(path, 'class'), own(group, 'class'));
    noteConditions(joinPath(path, 'conditions'), own(group, 'conditions'));
  }

  // Stages: references, tests and branches.
  const edges = new Map<string, string[]>();
  const testStages: string[] = [];
  for (const id of stageNames) {
    const stage = own(stagesObj, id);
    const path = joinPath('stages', id);
    const out: string[] = [];
    edges.set(id, out);
    const test = own(stage, 'test');
    if (isObject(test)) {
      testStages.push(id);
      const detects = own(test, 'detects');
      if (typeof detects === 'string' && !conditions.includes(detects)) {
        error(
          joinPath(joinPath(path, 'test'), 'detects'),
          `condition ${JSON.stringify(detects)} is not declared by any arrival or initial group` +
            `${didYouMean(detects, conditions)}; declared conditions: ${listNames(conditions)}`,
        );
      }
      checkClass(joinPath(joinPath(joinPath(path, 'test'), 'onPositive'), 'class'), own(own(test, 'onPositive'), 'class'));
      const missedTo = own(own(test, 'missed'), 'to');
      checkStage(joinPath(joinPath(joinPath(path, 'test'), 'missed'), 'to'), missedTo, false);
      if (typeof missedTo === 'string' && stageSet.has(missedTo)) out.push(missedTo);
    }
    const next = own(stage, 'next');
    if (!Array.isArray(next)) continue;
    next.forEach((branch, i) => {
      const bpath = joinPath(joinPath(path, 'next'), i);
      const to = own(branch, 'to');
      checkStage(joinPath(bpath, 'to'), to, true);
      if (typeof to === 'string' && stageSet.has(to)) out.push(to);
      const cond = own(branch, 'if');
      if (typeof cond === 'string' && cond !== 'positive' && cond !== 'negative' && !classSet.has(cond)) {
        error(
          joinPath(bpath, 'if'),
          `unknown class ${JSON.stringify(cond)}${didYouMean(cond, ['positive', 'negative', ...classSet])}; ` +
            `\`if\` takes positive, negative or a class name (${listNames([...classSet])})`,
        );
      }
    });
    checkBranches(path, next, error, warn);
  }

  // Reachability from arrivals and initial lists.
  const sources = [
    ...keysOf(arrivalsObj).map((id) => own(own(arrivalsObj, id), 'to')),
    ...keysOf(own(scenario, 'initial')),
  ].filter((s): s is string => typeof s === 'string' && stageSet.has(s));
  const reachable = reach(sources, (id) => edges.get(id) ?? []);
  for (const id of stageNames) {
    if (!reachable.has(id)) {
      warn(joinPath('stages', id), 'no patient can reach this stage: no arrival, initial group, branch or missed return leads here');
    }
  }

  // `if: positive/negative` where no test can have happened.
  const afterTest = reach(testStages.flatMap((t) => edges.get(t) ?? []), (id) => edges.get(id) ?? []);
  for (const id of stageNames) {
    const stage = own(stagesObj, id);
    if (isObject(own(stage, 'test')) || afterTest.has(id)) continue;
    const next = own(stage, 'next');
    if (!Array.isArray(next)) continue;
    next.forEach((branch, i) => {
      const cond = own(branch, 'if');
      if (cond === 'positive' || cond === 'negative') {
        warn(
          joinPath(joinPath(joinPath(joinPath('stages', id), 'next'), i), 'if'),
          `no test can have happened before this stage, so \`if: ${cond}\` never matches (add a test here or upstream)`,
        );
      }
    });
  }

  checkTargets(own(scenario, 'targets'), stageSet, stageNames, error, conditions, [...classSet]);
  return { errors, warnings };
}

function unknownName(kind: string, name: string, known: readonly string[], extra: readonly string[] = []): string {
  const all = [...known, ...extra];
  return `unknown ${kind} ${shortId(name)}${didYouMean(name, all)}; ${kind === 'class' ? 'classes' : `${kind}s`} are ${listNames(all)}`;
}

/** Branch probabilities and unreachable branches of one stage's `next`. */
function checkBranches(
  path: string,
  next: unknown[],
  error: (path: string, message: string) => void,
  warn: (path: string, message: string) => void,
): void {
  const branches = next.map((b) => {
    const cond = own(b, 'if');
    const p = own(b, 'p');
    return {
      if: typeof cond === 'string' ? cond : null,
      // A p outside (0, 1] is reported by the schema; leave it out of the sums.
      p: typeof p === 'number' && p > 0 && p <= 1 ? p : null,
    };
  });

  // A patient has one class and at most one last result; every combination of the `if` values
  // used here is a kind of patient, and the branches that can apply to it must not exceed p = 1.
  const classIfs = [...new Set(branches.map((b) => b.if).filter((c): c is string => c !== null && c !== 'positive' && c !== 'negative'))];
  const reported: number[][] = [];
  for (const cls of [...classIfs, null]) {
    for (const result of ['positive', 'negative', null]) {
      const matching = branches.map((b, i) => ({ b, i })).filter(({ b }) => scenarioBranchApplies(b.if, cls, result));
      const withP = matching.filter(({ b }) => b.p !== null);
      const sum = withP.reduce((s, { b }) => s + (b.p as number), 0);
      if (sum <= 1 + 1e-9) continue;
      const indices = withP.map(({ i }) => i);
      if (reported.some((r) => indices.every((i) => r.includes(i)))) continue;
      reported.push(indices);
      error(
        joinPath(path, 'next'),
        `the probabilities p of branches ${indices.map((i) => `[${i}]`).join(', ')} add up to ${round(sum)}, ` +
          `but ${whoMatches(withP.map(({ b }) => b.if))} can take all of them; they must not exceed 1`,
      );
    }
  }

  // A re-referral restarts the clock when the patient reaches its stage, so it must lead to one;
  // the engine knows a re-referral by its destination, so branches to one stage must agree.
  next.forEach((b, j) => {
    if (own(b, 'rereferral') === undefined) return;
    const to = own(b, 'to');
    if (to === 'exit') error(joinPath(joinPath(path, 'next'), j), 'a re-referral must lead to a stage, not to exit');
    const other = next.findIndex((a, i) => i !== j && own(a, 'to') === to && own(a, 'rereferral') === undefined);
    if (other >= 0) {
      error(joinPath(joinPath(path, 'next'), j), `branch [${other}] also leads to ${String(to)} without rereferral; mark both or neither`);
    }
  });

  // A branch without p takes every patient it matches: later branches with the same `if` (or any
  // later branch, after an unconditional one) are never taken.
  branches.forEach((b, j) => {
    const blocker = branches.findIndex((a, i) => i < j && a.p === null && (a.if === null || a.if === b.if));
    if (blocker >= 0) {
      warn(
        joinPath(joinPath(path, 'next'), j),
        `this branch is never taken: branch [${blocker}] before it has no p and takes every patient it matches`,
      );
    }
  });
}

/** Describes the patients matching every one of the given `if` values. */
function whoMatches(ifs: (string | null)[]): string {
  const result = ifs.find((c) => c === 'positive' || c === 'negative');
  const cls = ifs.find((c) => c !== null && c !== 'positive' && c !== 'negative');
  if (result === undefined && cls === undefined) return 'any patient';
  const parts = ['a patient', cls === undefined ? '' : `of class "${cls}"`, result === undefined ? '' : `with a ${result} test result`];
  return parts.filter(Boolean).join(' ');
}

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}


/** Target events must parse and name existing stages. */
function checkTargets(
  targets: unknown,
  stageSet: Set<string>,
  stageNames: string[],
  error: (path: string, message: string) => void,
  conditions: readonly string[],
  classes: readonly string[],
): void {
  const checkEvent = (path: string, text: unknown, isStart: boolean) => {
    if (typeof text !== 'string' || text === '') return;
    const event = parseEvent(text);
    if (typeof event === 'string') {
      error(path, event);
      return;
    }
    if (event.kind === 'exit') {
      if (isStart) error(path, 'a clock cannot start at "exit" (use STAGE.start or STAGE.end)');
      return;
    }
    if (!stageSet.has(event.stage)) {
      const hint = didYouMean(event.stage, stageNames);
      error(path, `unknown stage ${JSON.stringify(event.stage)} in event ${JSON.stringify(text)}${hint}; stages are ${listNames(stageNames)}`);
    }
  };
  for (const id of keysOf(targets)) {
    const target = own(targets, id);
    const path = joinPath('targets', id);
    const until = own(target, 'until');
    if (Array.isArray(until)) until.forEach((e, i) => checkEvent(joinPath(joinPath(path, 'until'), i), e, false));
    else checkEvent(joinPath(path, 'until'), until, false);
    checkEvent(joinPath(path, 'from'), own(target, 'from'), true);
    if (own(target, 'clock') === 'first' && own(target, 'from') !== undefined) {
      error(joinPath(path, 'clock'), 'a clock cannot both start at `from` and count from the first presentation (`clock: first`); drop one');
    }
    const restrict = own(target, 'for');
    const cond = own(restrict, 'condition');
    if (typeof cond === 'string' && !conditions.includes(cond)) error(joinPath(joinPath(path, 'for'), 'condition'), unknownName('condition', cond, conditions));
    const cls = own(restrict, 'class');
    if (typeof cls === 'string' && !classes.includes(cls)) error(joinPath(joinPath(path, 'for'), 'class'), unknownName('class', cls, classes));
  }
}
