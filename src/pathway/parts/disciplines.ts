/**
 * The registry of queue disciplines: how a stage's `queue` names one, how the engine orders its
 * waiting line, and how `analyse` treats it. The scenario schema's list of names comes from here,
 * so a new discipline is one file plus one line in {@link DISCIPLINES} (see docs/architecture.md).
 * @module
 */
import type { PatientStore } from '../patients.js';
import { fifo, priority } from './builtin-disciplines.js';
import { longestClockFirst } from './longest-clock-first.js';

/** How `analyse` treats a part: an exact formula, an approximation, or nothing (simulate). */
export type AnalyseTreatment = 'exact' | 'approximation' | 'simulate-only';

/**
 * A patient's key when they join an ordered queue: lower is served first, ties in order of
 * joining. Reads the store directly so that ordering allocates nothing per patient.
 */
export type DisciplineKey = (store: PatientStore, p: number, now: number) => number;

/** One queue discipline. */
export interface DisciplineEntry {
  /** The name a stage gives in `queue:`. */
  name: string;
  /** One line for the scenario reference and the JSON schema. */
  summary: string;
  /**
   * How the engine holds the line: `arrival` a ring in joining order (the fast path), `class`
   * one ring per class priority level, `key` a heap ordered by {@link DisciplineEntry.key}.
   */
  order: 'arrival' | 'class' | 'key';
  /** The ordering key, for `order: 'key'`: computed once when the patient joins. */
  key?: DisciplineKey;
  /** How `analyse` treats a stage with this discipline. */
  analyse: {
    treatment: AnalyseTreatment;
    /** Added to the stage's analysis note (when `severalClasses` is set, only with several classes there). */
    note: string;
    severalClasses?: boolean;
  };
}

/**
 * Every built-in discipline, in the order the schema lists them. A new discipline is one file
 * exporting its entry, plus its line here.
 * @internal
 * @example
 * ```ts
 * import { DISCIPLINES } from './disciplines.js';
 * DISCIPLINES.map((d) => d.name); // ['fifo', 'priority', 'longest-clock-first']
 * ```
 */
export const DISCIPLINES: readonly DisciplineEntry[] = [fifo, priority, longestClockFirst];

/** Names a stage's `queue` may give, for the schema's enum. */
export const DISCIPLINE_NAMES = DISCIPLINES.map((d) => d.name) as [string, ...string[]];

/** What the schema expects of `queue`: `"fifo", "priority" or "longest-clock-first"`. */
export const disciplineChoice = DISCIPLINE_NAMES.map((n) => JSON.stringify(n)).join(', ').replace(/, ([^,]*)$/, ' or $1');

/** The schema's description of `queue`. */
export const disciplineSummary = DISCIPLINES.map((d) => `\`${d.name}\`: ${d.summary}`).join('; ') + '.';

/**
 * The registry entry of a discipline name, or undefined (a name only code can supply).
 * @internal
 * @example
 * ```ts
 * import { disciplineEntry } from './disciplines.js';
 * disciplineEntry('longest-clock-first')?.order; // 'key'
 * ```
 */
export function disciplineEntry(name: string): DisciplineEntry | undefined {
  return DISCIPLINES.find((d) => d.name === name);
}

/**
 * How `analyse` treats a stage's discipline, with the note to add for `classes` classes there.
 * A name not in the registry is a discipline given in code: `simulate-only`.
 * @internal
 * @example
 * ```ts
 * import { disciplineAnalysis } from './disciplines.js';
 * disciplineAnalysis('fifo', 1); // { treatment: 'exact', note: '' }
 * ```
 */
export function disciplineAnalysis(name: string, classes: number): { treatment: AnalyseTreatment; note: string } {
  const d = disciplineEntry(name);
  if (d === undefined) {
    return { treatment: 'simulate-only', note: `queue "${name}" is a discipline given in code: no formula; simulate` };
  }
  const note = d.analyse.severalClasses && classes <= 1 ? '' : d.analyse.note;
  return { treatment: d.analyse.treatment, note };
}
