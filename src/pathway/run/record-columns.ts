/**
 * One batch of patient records as columns, ready to become Arrow data (`experiment/arrow/`):
 * typed arrays per field, one cursor per level (patients, visits, conditions, returns, states)
 * so a row costs one capacity check per level rather than one per field, nested lists as
 * offsets into their level, a validity bitmap only where a field can be null. Strings are
 * dictionary codes: outcomes and test results have fixed dictionaries (Int8 codes); stage,
 * class, condition and state names (Int32 codes) and string tags grow as they appear.
 * @module
 * @internal
 */
import type { PatientRecord } from './records.js';
import { CodeColumn, Float64Column, grown, Names } from './typed-columns.js';

/** Visit outcomes, in a fixed order (their codes). */
export const VISIT_OUTCOMES = ['served', 'abandoned', 'dna', 'rejected', 'waiting', 'in-service'] as const;
/** Patient outcomes, in a fixed order (their codes). */
export const PATIENT_OUTCOMES = ['exited', 'abandoned', 'discharged', 'rejected', 'in-pathway'] as const;
/** Test results, in a fixed order (their codes). */
export const TEST_RESULTS = ['positive', 'negative'] as const;

/** A tag column: the fields `tag` puts in front of every record (`variant`, `replication`). */
export type TagColumn = { name: string; kind: 'string'; column: CodeColumn; code: number } | { name: string; kind: 'number'; column: Float64Column; value: number };

/** First capacity of each level (a multiple of 8: validity bytes stay whole). */
const START = 1 << 12;

/**
 * The columns of a batch of records, refilled batch after batch.
 * @internal
 * @example
 * ```ts
 * import { RecordColumns } from './record-columns.js';
 * const c = new RecordColumns([]);
 * c.push({ id: 0, arrival: 1, class: 'routine', conditions: [], returns: [], visits: [], outcome: 'in-pathway', left: null, pathwayStart: 1 });
 * [c.rows, c.leftNulls]; // [1, 1]
 * ```
 */
export class RecordColumns {
  readonly classNames = new Names();
  readonly stageNames = new Names();
  readonly conditionNames = new Names();
  readonly stateConditionNames = new Names();
  readonly presentationNames = new Names();
  readonly diagnosisNames = new Names();
  readonly treatmentNames = new Names();
  readonly testNames = new Names(TEST_RESULTS);
  readonly visitOutcomeNames = new Names(VISIT_OUTCOMES);
  readonly outcomeNames = new Names(PATIENT_OUTCOMES);

  // Patients.
  rows = 0;
  /** Ids as Int64, written as low and high 32-bit halves (little-endian). */
  ids = new BigInt64Array(START);
  /** `ids` as Int32 halves. */
  idHalves = new Int32Array(this.ids.buffer);
  arrival = new Float64Array(START);
  cls = new Int32Array(START);
  outcome = new Int8Array(START);
  left = new Float64Array(START);
  leftValid = new Uint8Array(START >> 3);
  leftNulls = 0;
  pathwayStart = new Float64Array(START);
  conditionOffsets = new Int32Array(START + 1);
  returnOffsets = new Int32Array(START + 1);
  visitOffsets = new Int32Array(START + 1);
  stateOffsets = new Int32Array(START + 1);
  // Visits.
  visits = 0;
  stage = new Int32Array(START);
  joined = new Float64Array(START);
  start = new Float64Array(START);
  startValid = new Uint8Array(START >> 3);
  startNulls = 0;
  end = new Float64Array(START);
  endValid = new Uint8Array(START >> 3);
  endNulls = 0;
  test = new Int8Array(START);
  testValid = new Uint8Array(START >> 3);
  testNulls = 0;
  visitOutcome = new Int8Array(START);
  // Conditions and returns.
  conditionCount = 0;
  conditions = new Int32Array(START);
  returnCount = 0;
  returns = new Float64Array(START);
  // Progression states.
  states = 0;
  stateCondition = new Int32Array(START);
  atPresentation = new Int32Array(START);
  atDiagnosis = new Int32Array(START);
  diagnosisValid = new Uint8Array(START >> 3);
  diagnosisNulls = 0;
  atTreatment = new Int32Array(START);
  treatmentValid = new Uint8Array(START >> 3);
  treatmentNulls = 0;
  died = new Uint8Array(START >> 3);

  constructor(readonly tags: readonly TagColumn[]) {}

  /** Appends one record (with the current tag values). */
  push(r: PatientRecord): void {
    this.head(r.id, r.arrival, this.classNames.code(r.class));
    const conditions = r.conditions;
    for (let i = 0; i < conditions.length; i++) this.condition(this.conditionNames.code(conditions[i]!));
    this.endConditions();
    const returns = r.returns;
    for (let i = 0; i < returns.length; i++) this.ret(returns[i]!);
    this.endReturns();
    const visits = r.visits;
    for (let i = 0; i < visits.length; i++) {
      const v = visits[i]!;
      const test = v.test === null ? -1 : this.testNames.code(v.test);
      this.visit(this.stageNames.code(v.stage), v.joined, v.start ?? NaN, v.end ?? NaN, test, this.visitOutcomeNames.code(v.outcome));
    }
    this.endVisits();
    // An absent `states` is an empty list (a record never has `states: {}`).
    const states = r.states;
    if (states !== undefined) {
      for (const name in states) {
        const s = states[name]!;
        this.state(
          this.stateConditionNames.code(name),
          this.presentationNames.code(s.atPresentation),
          s.atDiagnosis === null ? -1 : this.diagnosisNames.code(s.atDiagnosis),
          s.atTreatment === null ? -1 : this.treatmentNames.code(s.atTreatment),
          s.diedWhileWaiting,
        );
      }
    }
    this.tail(this.outcomeNames.code(r.outcome), r.left ?? NaN, r.pathwayStart);
  }

  // A row without a record object (the column recorder): `head`, the row's conditions,
  // returns and visits each closed by its `end…` call, its states, then `tail`. Strings are
  // codes; a NaN time or a −1 code is a null.

  /** Starts a row: the tags, `id`, `arrival` and the class's code. */
  head(id: number, arrival: number, cls: number): void {
    const tags = this.tags;
    for (let t = 0; t < tags.length; t++) {
      const tag = tags[t]!;
      if (tag.kind === 'string') tag.column.pushCode(tag.code);
      else tag.column.push(tag.value);
    }
    if (this.rows === this.arrival.length) this.growRows();
    const row = this.rows++;
    this.idHalves[2 * row] = id >>> 0;
    this.idHalves[2 * row + 1] = Math.floor(id / 4294967296);
    this.arrival[row] = arrival;
    this.cls[row] = cls;
  }

  /** One of the row's conditions (its code). */
  condition(code: number): void {
    if (this.conditionCount === this.conditions.length) this.conditions = grown(this.conditions, 2 * this.conditionCount);
    this.conditions[this.conditionCount++] = code;
  }

  /** Ends the row's conditions. */
  endConditions(): void {
    this.conditionOffsets[this.rows] = this.conditionCount;
  }

  /** One of the row's returns. */
  ret(t: number): void {
    if (this.returnCount === this.returns.length) this.returns = grown(this.returns, 2 * this.returnCount);
    this.returns[this.returnCount++] = t;
  }

  /** Ends the row's returns. */
  endReturns(): void {
    this.returnOffsets[this.rows] = this.returnCount;
  }

  /** One visit: codes for stage, test (−1: null) and outcome; NaN start or end: null. */
  visit(stage: number, joined: number, start: number, end: number, test: number, outcome: number): void {
    if (this.visits === this.stage.length) this.growVisits();
    const v = this.visits++;
    const byte = v >> 3;
    const bit = 1 << (v & 7);
    this.stage[v] = stage;
    this.joined[v] = joined;
    if (start === start) {
      this.start[v] = start;
      this.startValid[byte]! |= bit;
    } else {
      this.start[v] = 0;
      this.startNulls++;
    }
    if (end === end) {
      this.end[v] = end;
      this.endValid[byte]! |= bit;
    } else {
      this.end[v] = 0;
      this.endNulls++;
    }
    if (test >= 0) {
      this.test[v] = test;
      this.testValid[byte]! |= bit;
    } else {
      this.test[v] = 0;
      this.testNulls++;
    }
    this.visitOutcome[v] = outcome;
  }

  /** Ends the row's visits. */
  endVisits(): void {
    this.visitOffsets[this.rows] = this.visits;
  }

  /** One progression state of the row: codes (−1: null) and whether they died waiting. */
  state(condition: number, presentation: number, diagnosis: number, treatment: number, died: boolean): void {
    if (this.states === this.stateCondition.length) this.growStates();
    const s = this.states++;
    const byte = s >> 3;
    const bit = 1 << (s & 7);
    this.stateCondition[s] = condition;
    this.atPresentation[s] = presentation;
    if (diagnosis >= 0) {
      this.atDiagnosis[s] = diagnosis;
      this.diagnosisValid[byte]! |= bit;
    } else {
      this.atDiagnosis[s] = 0;
      this.diagnosisNulls++;
    }
    if (treatment >= 0) {
      this.atTreatment[s] = treatment;
      this.treatmentValid[byte]! |= bit;
    } else {
      this.atTreatment[s] = 0;
      this.treatmentNulls++;
    }
    if (died) this.died[byte]! |= bit;
  }

  /** Ends the row: the outcome's code, `left` (NaN: null), `pathwayStart`; its states end here. */
  tail(outcome: number, left: number, pathwayStart: number): void {
    const row = this.rows - 1;
    this.outcome[row] = outcome;
    if (left === left) {
      this.left[row] = left;
      this.leftValid[row >> 3]! |= 1 << (row & 7);
    } else {
      this.left[row] = 0;
      this.leftNulls++;
    }
    this.pathwayStart[row] = pathwayStart;
    this.stateOffsets[this.rows] = this.states;
  }

  /** Empties every column for the next batch (keeps the arrays). */
  reset(): void {
    for (const t of this.tags) t.column.reset();
    const bytes = (n: number) => (n + 7) >> 3;
    this.leftValid.fill(0, 0, bytes(this.rows));
    for (const b of [this.startValid, this.endValid, this.testValid]) b.fill(0, 0, bytes(this.visits));
    for (const b of [this.diagnosisValid, this.treatmentValid, this.died]) b.fill(0, 0, bytes(this.states));
    this.rows = this.visits = this.conditionCount = this.returnCount = this.states = 0;
    this.leftNulls = this.startNulls = this.endNulls = this.testNulls = this.diagnosisNulls = this.treatmentNulls = 0;
  }

  /** Doubles the patient level's capacity. */
  growRows(): void {
    const n = 2 * this.arrival.length;
    const ids = new BigInt64Array(n);
    ids.set(this.ids);
    this.ids = ids;
    this.idHalves = new Int32Array(ids.buffer);
    this.arrival = grown(this.arrival, n);
    this.cls = grown(this.cls, n);
    this.outcome = grown(this.outcome, n);
    this.left = grown(this.left, n);
    this.leftValid = grown(this.leftValid, n >> 3);
    this.pathwayStart = grown(this.pathwayStart, n);
    this.conditionOffsets = grown(this.conditionOffsets, n + 1);
    this.returnOffsets = grown(this.returnOffsets, n + 1);
    this.visitOffsets = grown(this.visitOffsets, n + 1);
    this.stateOffsets = grown(this.stateOffsets, n + 1);
  }

  /** Doubles the visit level's capacity. */
  growVisits(): void {
    const n = 2 * this.stage.length;
    this.stage = grown(this.stage, n);
    this.joined = grown(this.joined, n);
    this.start = grown(this.start, n);
    this.startValid = grown(this.startValid, n >> 3);
    this.end = grown(this.end, n);
    this.endValid = grown(this.endValid, n >> 3);
    this.test = grown(this.test, n);
    this.testValid = grown(this.testValid, n >> 3);
    this.visitOutcome = grown(this.visitOutcome, n);
  }

  private growStates(): void {
    const n = 2 * this.stateCondition.length;
    this.stateCondition = grown(this.stateCondition, n);
    this.atPresentation = grown(this.atPresentation, n);
    this.atDiagnosis = grown(this.atDiagnosis, n);
    this.diagnosisValid = grown(this.diagnosisValid, n >> 3);
    this.atTreatment = grown(this.atTreatment, n);
    this.treatmentValid = grown(this.treatmentValid, n >> 3);
    this.died = grown(this.died, n >> 3);
  }
}
