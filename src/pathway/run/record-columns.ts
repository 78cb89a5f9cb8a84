/**
 * One batch of patient records as columns: each record's fields go into the typed arrays of
 * its columns (nested lists as offsets into child columns), ready to become Arrow data
 * (`arrow/batch.ts`). Outcomes and test results have fixed dictionaries; stage, class,
 * condition and state names (and string tags) grow as they appear.
 * @module
 * @internal
 */
import type { PatientRecord } from './records.js';
import { BoolColumn, CodeColumn, Float64Column, Names, Offsets } from './typed-columns.js';

/** Visit outcomes, in a fixed order (their codes). */
export const VISIT_OUTCOMES = ['served', 'abandoned', 'dna', 'rejected', 'waiting', 'in-service'] as const;
/** Patient outcomes, in a fixed order (their codes). */
export const PATIENT_OUTCOMES = ['exited', 'abandoned', 'discharged', 'rejected', 'in-pathway'] as const;
/** Test results, in a fixed order (their codes). */
export const TEST_RESULTS = ['positive', 'negative'] as const;

/** A tag column: the fields `tag` puts in front of every record (`variant`, `replication`). */
export type TagColumn = { name: string; kind: 'string'; column: CodeColumn; code: number } | { name: string; kind: 'number'; column: Float64Column; value: number };

/**
 * The columns of a batch of records, refilled batch after batch.
 * @internal
 * @example
 * ```ts
 * import { RecordColumns } from './record-columns.js';
 * const c = new RecordColumns([]);
 * c.push({ id: 0, arrival: 1, class: 'routine', conditions: [], returns: [], visits: [], outcome: 'in-pathway', left: null, pathwayStart: 1 });
 * [c.rows, c.left.nulls]; // [1, 1]
 * ```
 */
export class RecordColumns {
  rows = 0;
  /** Ids as Int64: low and high 32-bit halves (little-endian), grown with the rows. */
  ids = new BigInt64Array(1 << 12);
  private idHalves = new Int32Array(this.ids.buffer);
  readonly arrival = new Float64Column();
  readonly cls = new CodeColumn(new Names());
  readonly conditionOffsets = new Offsets();
  readonly conditions = new CodeColumn(new Names());
  readonly returnOffsets = new Offsets();
  readonly returns = new Float64Column();
  readonly visitOffsets = new Offsets();
  readonly stage = new CodeColumn(new Names());
  readonly joined = new Float64Column();
  readonly start = new Float64Column();
  readonly end = new Float64Column();
  readonly test = new CodeColumn(new Names(TEST_RESULTS));
  readonly visitOutcome = new CodeColumn(new Names(VISIT_OUTCOMES));
  readonly outcome = new CodeColumn(new Names(PATIENT_OUTCOMES));
  readonly left = new Float64Column();
  readonly pathwayStart = new Float64Column();
  readonly stateOffsets = new Offsets();
  readonly stateCondition = new CodeColumn(new Names());
  readonly atPresentation = new CodeColumn(new Names());
  readonly atDiagnosis = new CodeColumn(new Names());
  readonly atTreatment = new CodeColumn(new Names());
  readonly died = new BoolColumn();

  constructor(readonly tags: readonly TagColumn[]) {}

  /** Appends one record (with the current tag values). */
  push(r: PatientRecord): void {
    this.head(r.id, r.arrival, this.cls.names.code(r.class));
    const conditions = r.conditions;
    for (let i = 0; i < conditions.length; i++) this.conditions.push(conditions[i]!);
    this.conditionOffsets.push(this.conditions.length);
    const returns = r.returns;
    for (let i = 0; i < returns.length; i++) this.returns.push(returns[i]!);
    this.returnOffsets.push(this.returns.length);
    const visits = r.visits;
    for (let i = 0; i < visits.length; i++) {
      const v = visits[i]!;
      this.stage.push(v.stage);
      this.joined.push(v.joined);
      this.start.push(v.start);
      this.end.push(v.end);
      this.test.push(v.test);
      this.visitOutcome.push(v.outcome);
    }
    this.visitOffsets.push(this.stage.length);
    this.outcome.push(r.outcome);
    this.left.push(r.left);
    this.pathwayStart.push(r.pathwayStart);
    // An absent `states` is an empty list (a record never has `states: {}`).
    const states = r.states;
    if (states !== undefined) {
      for (const name in states) {
        const s = states[name]!;
        this.stateCondition.push(name);
        this.atPresentation.push(s.atPresentation);
        this.atDiagnosis.push(s.atDiagnosis);
        this.atTreatment.push(s.atTreatment);
        this.died.push(s.diedWhileWaiting);
      }
    }
    this.stateOffsets.push(this.stateCondition.length);
  }

  // A row without building a record (the column recorder): head, then the row's conditions,
  // returns and visits, each closed by its `end…` call, then `tail`. Strings are codes.

  /** Starts a row: the tags, `id`, `arrival` and the class's code. */
  head(id: number, arrival: number, cls: number): void {
    const tags = this.tags;
    for (let t = 0; t < tags.length; t++) {
      const tag = tags[t]!;
      if (tag.kind === 'string') tag.column.pushCode(tag.code);
      else tag.column.push(tag.value);
    }
    const row = this.rows++;
    if (row === this.ids.length) this.growIds();
    this.idHalves[2 * row] = id >>> 0;
    this.idHalves[2 * row + 1] = Math.floor(id / 4294967296);
    this.arrival.push(arrival);
    this.cls.pushCode(cls);
  }

  /** Ends the row's conditions. */
  endConditions(): void {
    this.conditionOffsets.push(this.conditions.length);
  }

  /** Ends the row's returns. */
  endReturns(): void {
    this.returnOffsets.push(this.returns.length);
  }

  /** One visit: codes for stage, test (−1: null) and outcome; NaN start or end: null. */
  visit(stage: number, joined: number, start: number, end: number, test: number, outcome: number): void {
    this.stage.pushCode(stage);
    this.joined.push(joined);
    this.start.push(start === start ? start : null);
    this.end.push(end === end ? end : null);
    if (test < 0) this.test.pushNull();
    else this.test.pushCode(test);
    this.visitOutcome.pushCode(outcome);
  }

  /** Ends the row's visits. */
  endVisits(): void {
    this.visitOffsets.push(this.stage.length);
  }

  /** Ends the row: the outcome's code, `left` (NaN: null), `pathwayStart`, no states. */
  tail(outcome: number, left: number, pathwayStart: number): void {
    this.outcome.pushCode(outcome);
    this.left.push(left === left ? left : null);
    this.pathwayStart.push(pathwayStart);
    this.stateOffsets.push(this.stateCondition.length);
  }

  /** Empties every column for the next batch. */
  reset(): void {
    this.rows = 0;
    for (const t of this.tags) t.column.reset();
    for (const c of [this.arrival, this.cls, this.conditionOffsets, this.conditions, this.returnOffsets, this.returns, this.visitOffsets, this.stage, this.joined]) c.reset();
    for (const c of [this.start, this.end, this.test, this.visitOutcome, this.outcome, this.left, this.pathwayStart, this.stateOffsets]) c.reset();
    for (const c of [this.stateCondition, this.atPresentation, this.atDiagnosis, this.atTreatment, this.died]) c.reset();
  }

  private growIds(): void {
    const g = new BigInt64Array(this.ids.length * 2);
    g.set(this.ids);
    this.ids = g;
    this.idHalves = new Int32Array(g.buffer);
  }
}
