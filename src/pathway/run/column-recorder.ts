/**
 * Patient records straight into columns, for sinks that take columns (the Arrow file): the
 * open patients' fields live in typed arrays indexed by patient row, their visits and returns
 * in pooled linked lists, and a leaving patient becomes one row of `RecordColumns` without any
 * record object. The rows, their order and every value are those of {@link Recorder}: the same
 * draws decide the sample, the same events fill the fields. Records with progression states are
 * built as objects (the states are computed from a record's visits) and pushed as such.
 * @module
 * @internal
 */
import type { Rng } from '../../core/random.js';
import type { Model } from '../model.js';
import { IN_SERVICE, WAITING, type PatientStore } from '../patients.js';
import type { RecordColumns } from './record-columns.js';
import { PATIENT_OUTCOMES, TEST_RESULTS, VISIT_OUTCOMES } from './record-columns.js';
import { Recorder, type PatientRecord, type PatientSink, type StageVisit } from './records.js';
import { grown } from './typed-columns.js';

// Codes of the fixed dictionaries (positions in record-columns.ts's lists).
const SERVED = 0;
const ABANDONED = 1;
const DNA = 2;
const REJECTED = 3;
const V_WAITING = 4;
const V_IN_SERVICE = 5;
const EXITED = 0;
const P_ABANDONED = 1;
const DISCHARGED = 2;
const P_REJECTED = 3;
const IN_PATHWAY = 4;
const POSITIVE = 0;
const NEGATIVE = 1;
// Slots of `times`.
const LEFT = 0;
const UNTIL = 1;

/**
 * A {@link Recorder} that writes rows into the sink's columns.
 * @internal
 * @example
 * ```ts
 * // Chosen by the run when the sink has `columnar` (see patientRecordsArrow in carepath/node).
 * import { ColumnRecorder } from './column-recorder.js';
 * typeof ColumnRecorder; // 'function'
 * ```
 */
export class ColumnRecorder extends Recorder {
  private readonly cols: RecordColumns;
  private readonly written: () => void;
  private readonly stageCode: Int32Array;
  private readonly classCode: Int32Array;
  private readonly condCode: Int32Array;
  // Per patient row (open[p] = 1 while p's record is open).
  private isOpen = new Uint8Array(256);
  private rowId = new Float64Array(256);
  private rowArrival = new Float64Array(256);
  private rowPathway = new Float64Array(256);
  private rowClass = new Int32Array(256);
  private rowCond = new Int32Array(256);
  private vHead = new Int32Array(256);
  private vTail = new Int32Array(256);
  private rHead = new Int32Array(256);
  private rTail = new Int32Array(256);
  private rows = 0;
  // Visits: a pool of linked entries (NaN start or end: null; test −1: null).
  private vStage = new Int32Array(1024);
  private vJoined = new Float64Array(1024);
  private vStart = new Float64Array(1024);
  private vEnd = new Float64Array(1024);
  private vTest = new Int8Array(1024);
  private vOut = new Int8Array(1024);
  private vNext = new Int32Array(1024);
  private vUsed = 0;
  private vFree = -1;
  // Returns: the same, one time each.
  private rTime = new Float64Array(256);
  private rNext = new Int32Array(256);
  private rUsed = 0;
  private rFree = -1;
  /** When the patient being written left (NaN: still in the pathway) and the end of their states' walk. */
  private readonly times = new Float64Array(2);

  constructor(model: Model, store: PatientStore, sink: PatientSink, rng: Rng) {
    super(model, store, sink, rng);
    this.cols = sink.columnar!.columns();
    this.written = sink.columnar!.written;
    // Every name of the model enters the dictionaries now, so a run adds none later.
    this.stageCode = Int32Array.from(model.stages, (s) => this.cols.stageNames.code(s.id));
    this.classCode = Int32Array.from(model.classes, (c) => this.cols.classNames.code(c));
    this.condCode = Int32Array.from(model.conditions, (c) => this.cols.conditionNames.code(c));
    for (const c of model.conditions) this.cols.stateConditionNames.code(c);
    for (const m of model.progression ?? []) {
      for (const st of m.states) for (const names of [this.cols.presentationNames, this.cols.diagnosisNames, this.cols.treatmentNames]) names.code(st);
    }
  }

  override begin(p: number): void {
    const id = this.next++;
    if (p >= this.isOpen.length) this.growRows(p);
    if (this.sample < 1 && !(this.rng() < this.sample)) {
      this.isOpen[p] = 0;
      return;
    }
    const store = this.store;
    if (p >= this.rows) this.rows = p + 1;
    this.isOpen[p] = 1;
    this.rowId[p] = id;
    const first = store.first(p);
    this.rowArrival[p] = first;
    this.rowPathway[p] = first;
    this.rowClass[p] = this.classCode[store.cls(p)]!;
    this.rowCond[p] = store.cond(p);
    this.vHead[p] = -1;
    this.vTail[p] = -1;
    this.rHead[p] = -1;
    this.rTail[p] = -1;
  }

  override join(p: number, s: number): void {
    if (this.isOpen[p] !== 1) return;
    const v = this.addVisit(p, this.stageCode[s]!, V_WAITING);
    this.vJoined[v] = this.store.joined(p);
  }

  override start(p: number, now: number): void {
    if (this.isOpen[p] !== 1) return;
    const v = this.vTail[p]!;
    if (v < 0) return;
    this.vStart[v] = now;
    this.vOut[v] = V_IN_SERVICE;
  }

  override end(p: number, now: number, test: number): void {
    if (this.isOpen[p] !== 1) return;
    const v = this.vTail[p]!;
    if (v < 0) return;
    this.vEnd[v] = now;
    this.vOut[v] = SERVED;
    this.vTest[v] = test === 1 ? POSITIVE : test === 0 ? NEGATIVE : -1;
  }

  override returned(p: number, now: number): void {
    if (this.isOpen[p] !== 1) return;
    let r = this.rFree;
    if (r >= 0) this.rFree = this.rNext[r]!;
    else {
      r = this.rUsed++;
      if (r === this.rTime.length) {
        this.rTime = grown(this.rTime, 2 * r);
        this.rNext = grown(this.rNext, 2 * r);
      }
    }
    this.rTime[r] = now;
    this.rNext[r] = -1;
    const t = this.rTail[p]!;
    if (t < 0) this.rHead[p] = r;
    else this.rNext[t] = r;
    this.rTail[p] = r;
    this.rowPathway[p] = now;
  }

  override abandon(p: number, now: number): void {
    if (this.isOpen[p] !== 1) return;
    const v = this.vTail[p]!;
    if (v >= 0) this.vOut[v] = ABANDONED;
    this.leaves(now);
    this.emit(p, P_ABANDONED);
  }

  override exit(p: number, now: number): void {
    if (this.isOpen[p] !== 1) return;
    this.leaves(now);
    this.emit(p, EXITED);
  }

  override dna(p: number, now: number): void {
    if (this.isOpen[p] !== 1) return;
    const v = this.vTail[p]!;
    if (v < 0) return;
    this.vEnd[v] = now;
    this.vOut[v] = DNA;
  }

  override discharge(p: number, now: number): void {
    if (this.isOpen[p] !== 1) return;
    this.leaves(now);
    this.emit(p, DISCHARGED);
  }

  override reject(p: number, s: number, now: number): void {
    if (this.isOpen[p] !== 1) return;
    const v = this.addVisit(p, this.stageCode[s]!, REJECTED);
    this.vJoined[v] = now;
    this.vEnd[v] = now;
    this.leaves(now);
    this.emit(p, P_REJECTED);
  }

  override flush(): void {
    this.times[LEFT] = NaN;
    this.times[UNTIL] = this.model.warmup + this.model.horizon;
    for (let p = 0; p < this.rows; p++) {
      if (this.isOpen[p] !== 1) continue;
      const v = this.vTail[p]!;
      if (v >= 0 && this.vEnd[v] !== this.vEnd[v]) {
        const state = this.store.state(p);
        if (state === WAITING) this.vOut[v] = V_WAITING;
        else if (state === IN_SERVICE) this.vOut[v] = V_IN_SERVICE;
      }
      this.emit(p, IN_PATHWAY);
    }
    this.rows = 0;
  }

  /** A new visit of patient p (joined 0, no start or end: the caller sets the times), its index. */
  private addVisit(p: number, stage: number, out: number): number {
    let v = this.vFree;
    if (v >= 0) this.vFree = this.vNext[v]!;
    else {
      v = this.vUsed++;
      if (v === this.vStage.length) this.growVisits();
    }
    this.vStage[v] = stage;
    this.vJoined[v] = 0;
    this.vStart[v] = NaN;
    this.vEnd[v] = NaN;
    this.vTest[v] = -1;
    this.vOut[v] = out;
    this.vNext[v] = -1;
    const t = this.vTail[p]!;
    if (t < 0) this.vHead[p] = v;
    else this.vNext[t] = v;
    this.vTail[p] = v;
    return v;
  }

  /** Patient p leaves now: `left`, and the end of their states' walk. */
  private leaves(now: number): void {
    this.times[LEFT] = now;
    this.times[UNTIL] = now;
  }

  /**
   * Writes patient p's row and frees its entries. The values go straight into the columns'
   * arrays (the logic of RecordColumns.head, visit and tail): a call that is not inlined would
   * box every time passed to it, an allocation per value.
   */
  private emit(p: number, outcome: number): void {
    this.isOpen[p] = 0;
    if (this.progression !== null) this.emitRecord(p, outcome, this.times[LEFT]!, this.times[UNTIL]!);
    else {
      const c = this.cols;
      const tags = c.tags;
      for (let t = 0; t < tags.length; t++) {
        const tag = tags[t]!;
        if (tag.kind === 'string') tag.column.pushCode(tag.code);
        else tag.column.push(tag.value);
      }
      if (c.rows === c.arrival.length) c.growRows();
      const first = c.rows++;
      const id = this.rowId[p]!;
      c.idHalves[2 * first] = id >>> 0;
      c.idHalves[2 * first + 1] = Math.floor(id / 4294967296);
      c.arrival[first] = this.rowArrival[p]!;
      c.cls[first] = this.rowClass[p]!;
      const cond = this.rowCond[p]!;
      if (cond !== 0) for (let k = 0; k < this.condCode.length; k++) if (((cond >>> k) & 1) === 1) c.condition(this.condCode[k]!);
      c.conditionOffsets[c.rows] = c.conditionCount;
      for (let r = this.rHead[p]!; r >= 0; r = this.rNext[r]!) c.ret(this.rTime[r]!);
      c.returnOffsets[c.rows] = c.returnCount;
      for (let v = this.vHead[p]!; v >= 0; v = this.vNext[v]!) {
        if (c.visits === c.stage.length) c.growVisits();
        const i = c.visits++;
        const byte = i >> 3;
        const bit = 1 << (i & 7);
        c.stage[i] = this.vStage[v]!;
        c.joined[i] = this.vJoined[v]!;
        const start = this.vStart[v]!;
        if (start === start) {
          c.start[i] = start;
          c.startValid[byte]! |= bit;
        } else {
          c.start[i] = 0;
          c.startNulls++;
        }
        const end = this.vEnd[v]!;
        if (end === end) {
          c.end[i] = end;
          c.endValid[byte]! |= bit;
        } else {
          c.end[i] = 0;
          c.endNulls++;
        }
        const test = this.vTest[v]!;
        if (test >= 0) {
          c.test[i] = test;
          c.testValid[byte]! |= bit;
        } else {
          c.test[i] = 0;
          c.testNulls++;
        }
        c.visitOutcome[i] = this.vOut[v]!;
      }
      c.visitOffsets[c.rows] = c.visits;
      const row = c.rows - 1;
      c.outcome[row] = outcome;
      const left = this.times[LEFT]!;
      if (left === left) {
        c.left[row] = left;
        c.leftValid[row >> 3]! |= 1 << (row & 7);
      } else {
        c.left[row] = 0;
        c.leftNulls++;
      }
      c.pathwayStart[row] = this.rowPathway[p]!;
      c.stateOffsets[c.rows] = c.states;
    }
    this.release(p);
    this.written();
  }

  /** The row as a record with its states (as Recorder computes them), pushed as an object. */
  private emitRecord(p: number, outcome: number, left: number, until: number): void {
    const names = this.cols;
    const visits: StageVisit[] = [];
    for (let v = this.vHead[p]!; v >= 0; v = this.vNext[v]!) {
      const start = this.vStart[v]!;
      const end = this.vEnd[v]!;
      const test = this.vTest[v]!;
      visits.push({
        stage: names.stageNames.list[this.vStage[v]!]!,
        joined: this.vJoined[v]!,
        start: start === start ? start : null,
        end: end === end ? end : null,
        test: test < 0 ? null : TEST_RESULTS[test]!,
        outcome: VISIT_OUTCOMES[this.vOut[v]!]!,
      });
    }
    const returns: number[] = [];
    for (let r = this.rHead[p]!; r >= 0; r = this.rNext[r]!) returns.push(this.rTime[r]!);
    const cond = this.rowCond[p]!;
    const r: PatientRecord = {
      id: this.rowId[p]!,
      arrival: this.rowArrival[p]!,
      class: names.classNames.list[this.rowClass[p]!]!,
      conditions: cond === 0 ? [] : this.model.conditions.filter((_, c) => ((cond >>> c) & 1) === 1),
      returns,
      visits,
      outcome: PATIENT_OUTCOMES[outcome]!,
      left: left === left ? left : null,
      pathwayStart: this.rowPathway[p]!,
    };
    this.addStates(p, r, until);
    this.cols.push(r);
  }

  /** Puts patient p's visits and returns back in their pools. */
  private release(p: number): void {
    const vt = this.vTail[p]!;
    if (vt >= 0) {
      this.vNext[vt] = this.vFree;
      this.vFree = this.vHead[p]!;
    }
    const rt = this.rTail[p]!;
    if (rt >= 0) {
      this.rNext[rt] = this.rFree;
      this.rFree = this.rHead[p]!;
    }
  }

  private growRows(p: number): void {
    let n = this.isOpen.length;
    while (n <= p) n *= 2;
    this.isOpen = grown(this.isOpen, n);
    this.rowId = grown(this.rowId, n);
    this.rowArrival = grown(this.rowArrival, n);
    this.rowPathway = grown(this.rowPathway, n);
    this.rowClass = grown(this.rowClass, n);
    this.rowCond = grown(this.rowCond, n);
    this.vHead = grown(this.vHead, n);
    this.vTail = grown(this.vTail, n);
    this.rHead = grown(this.rHead, n);
    this.rTail = grown(this.rTail, n);
  }

  private growVisits(): void {
    const n = 2 * this.vStage.length;
    this.vStage = grown(this.vStage, n);
    this.vJoined = grown(this.vJoined, n);
    this.vStart = grown(this.vStart, n);
    this.vEnd = grown(this.vEnd, n);
    this.vTest = grown(this.vTest, n);
    this.vOut = grown(this.vOut, n);
    this.vNext = grown(this.vNext, n);
  }
}
