/**
 * Patient records (opt-in): each patient's path through the pathway, handed to a sink as the
 * patient leaves (or at the end, for those still in it), so anything the library does not
 * compute can be computed from them. Memory holds only the records of patients still in the
 * pathway, never those already written: a run of millions of patients streams them out.
 *
 * Without a sink the engine has no recorder and pays one null check per event.
 * @module
 */
import type { Rng } from '../../core/random.js';
import type { Model } from '../model.js';
import { IN_SERVICE, WAITING, type PatientStore } from '../patients.js';
import { isTreatmentStage } from './conditions.js';
import type { Progression } from './progression.js';
import type { RecordColumns } from './record-columns.js';

/** One stage visit of a patient. Times in days since day 0; null when it did not happen. */
export interface StageVisit {
  /** Stage id. */
  stage: string;
  /** When the patient joined the stage's list (for patients waiting at day 0, when their wait began). */
  joined: number;
  /** When service started (null: never). */
  start: number | null;
  /** When the stage ended for them (null: never). */
  end: number | null;
  /** The stage's test result, if the stage is a test and ended. */
  test: 'positive' | 'negative' | null;
  /**
   * How the visit ended: `served`, `abandoned` (gave up waiting), `dna` (given a slot or a server
   * and did not attend: `end` is that appointment, `start` stays null; a rebooking opens a new
   * visit joined when the patient is back on the list), `rejected` (turned away: the stage was
   * full), or at the end of the run `waiting` or `in-service`.
   */
  outcome: 'served' | 'abandoned' | 'dna' | 'rejected' | 'waiting' | 'in-service';
}

/** A true case's progression states (conditions with a progression model only). */
export interface PatientStates {
  /** State at first presentation. */
  atPresentation: string;
  /** State at diagnosis (the first positive test for the condition), or null if not diagnosed. */
  atDiagnosis: string | null;
  /** State at first treatment, or null if not treated (or dead before it). */
  atTreatment: string | null;
  /** Whether the death time came before treatment (or before leaving untreated, or the end of the run). */
  diedWhileWaiting: boolean;
}

/** One patient's path. */
export interface PatientRecord {
  /** Sequence number of the patient in the run (0-based, in order of first presentation). */
  id: number;
  /** First presentation (days; negative for patients waiting at day 0). */
  arrival: number;
  /** Class at first presentation. */
  class: string;
  /** Conditions the patient truly has. */
  conditions: string[];
  /** Times a missed patient came back, or was re-referred as the same episode (each starts a new pathway clock). */
  returns: number[];
  /** Stage visits in order. */
  visits: StageVisit[];
  /**
   * `exited` (through the exit), `abandoned` (gave up waiting), `discharged` (after DNAs at a
   * stage with `dischargeAfter`), `rejected` (turned away from a full stage, `places`), or
   * `in-pathway` at the end of the run (waiting, in service or away).
   */
  outcome: 'exited' | 'abandoned' | 'discharged' | 'rejected' | 'in-pathway';
  /** When they left the pathway (null when still in it). */
  left: number | null;
  /** Start of the pathway clock they left on (the last return, else arrival): time in the pathway is `left − pathwayStart`. */
  pathwayStart: number;
  /** Condition name → progression states, for true cases of conditions with a progression model. */
  states?: Record<string, PatientStates>;
}

/** Where records go: a callback, and how many patients to record. */
export interface PatientSink {
  /** Receives each record once, as the patient leaves or at the end of the run. */
  write(record: PatientRecord): void;
  /** Share of patients recorded, chosen at random on a stream of its own (default 1: everyone). */
  sample?: number;
  /**
   * Set by column-oriented sinks (the Arrow file): the recorder then writes each patient's row
   * straight into `columns()` and calls `written()` after it, building no record objects, and
   * `write` is not called (but for records with progression states).
   * @internal
   */
  columnar?: { columns(): RecordColumns; written(): void };
}

/**
 * A sink that writes JSON Lines (one record per line) through `write`, e.g. a file stream's write.
 * @example
 * ```ts
 * import { loadScenario, simulate } from 'carepath';
 * import { jsonLinesSink } from 'carepath/kernel';
 * const lines: string[] = [];
 * simulate({ ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 30 }, { patients: jsonLinesSink((l) => lines.push(l)) });
 * JSON.parse(lines[0]!).visits[0].stage; // 'clinic'
 * ```
 */
export function jsonLinesSink(write: (line: string) => void, sample?: number): PatientSink {
  return { write: (r) => write(`${JSON.stringify(r)}\n`), ...(sample === undefined ? {} : { sample }) };
}

/** Builds records as the engine moves patients. */
export class Recorder {
  /** Row → the record of the patient in it (undefined: not recorded). Rows are reused, so this stays as long as the store. */
  private readonly open: (PatientRecord | undefined)[] = [];
  protected next = 0;
  protected readonly sample: number;
  /** Set by the engine when the scenario has progression models: records then carry states. */
  progression: Progression | null = null;

  constructor(
    protected readonly model: Model,
    protected readonly store: PatientStore,
    protected readonly sink: PatientSink,
    protected readonly rng: Rng,
  ) {
    const s = sink.sample ?? 1;
    if (!(s >= 0 && s <= 1)) throw new RangeError(`patients.sample: expected a share between 0 and 1, got ${s}`);
    this.sample = s;
  }

  /** A new patient (arrival, or waiting at day 0): recorded with probability `sample`. */
  begin(p: number): void {
    const id = this.next++;
    if (this.sample < 1 && !(this.rng() < this.sample)) {
      if (p < this.open.length) this.open[p] = undefined;
      return;
    }
    const store = this.store;
    const cond = store.cond(p);
    while (this.open.length <= p) this.open.push(undefined);
    this.open[p] = {
      id,
      arrival: store.first(p),
      class: this.model.classes[store.cls(p)]!,
      conditions: cond === 0 ? [] : this.model.conditions.filter((_, c) => ((cond >>> c) & 1) === 1),
      returns: [],
      visits: [],
      outcome: 'in-pathway',
      left: null,
      pathwayStart: store.first(p),
    };
  }

  join(p: number, s: number): void {
    this.open[p]?.visits.push({ stage: this.model.stages[s]!.id, joined: this.store.joined(p), start: null, end: null, test: null, outcome: 'waiting' });
  }

  start(p: number, now: number): void {
    const v = this.last(p);
    if (v) {
      v.start = now;
      v.outcome = 'in-service';
    }
  }

  end(p: number, now: number, test: number): void {
    const v = this.last(p);
    if (v) {
      v.end = now;
      v.outcome = 'served';
      v.test = test === 1 ? 'positive' : test === 0 ? 'negative' : null;
    }
  }

  returned(p: number, now: number): void {
    const r = this.open[p];
    if (r) {
      r.returns.push(now);
      r.pathwayStart = now;
    }
  }

  abandon(p: number, now: number): void {
    const v = this.last(p);
    if (v) v.outcome = 'abandoned';
    this.close(p, 'abandoned', now);
  }

  exit(p: number, now: number): void {
    this.close(p, 'exited', now);
  }

  /** Patient p did not attend the appointment they were given now (rebooked or discharged next). */
  dna(p: number, now: number): void {
    const v = this.last(p);
    if (v) {
      v.end = now;
      v.outcome = 'dna';
    }
  }

  /** Patient p leaves after DNAs (the visit is already closed as `dna`). */
  discharge(p: number, now: number): void {
    this.close(p, 'discharged', now);
  }

  /** Patient p found stage s full and was turned away: a visit that ends as it begins. */
  reject(p: number, s: number, now: number): void {
    const r = this.open[p];
    if (!r) return;
    r.visits.push({ stage: this.model.stages[s]!.id, joined: now, start: null, end: now, test: null, outcome: 'rejected' });
    this.close(p, 'rejected', now);
  }

  /** The end of the run: the records of everyone still in the pathway, in row order. */
  flush(): void {
    for (let p = 0; p < this.open.length; p++) {
      const r = this.open[p];
      if (r === undefined) continue;
      const v = r.visits[r.visits.length - 1];
      const state = this.store.state(p);
      if (v && v.end === null) v.outcome = state === WAITING ? 'waiting' : state === IN_SERVICE ? 'in-service' : v.outcome;
      if (this.progression !== null) this.addStates(p, r, this.model.warmup + this.model.horizon);
      this.sink.write(r);
    }
    this.open.length = 0;
  }

  /**
   * The states of patient p's true cases, from the record's own visits: diagnosis at the end of
   * the first positive test for the condition, treatment at the first start at a treatment stage
   * after it (as the condition measures count them); `until` ends the wait of the untreated.
   */
  protected addStates(p: number, r: PatientRecord, until: number): void {
    const prog = this.progression!;
    const stages = this.model.stages;
    for (const name of r.conditions) {
      const c = this.model.conditions.indexOf(name);
      const m = prog.index[c]!;
      if (m < 0) continue;
      let diagnosed: number | null = null;
      let treated: number | null = null;
      for (const v of r.visits) {
        const s = stages.findIndex((st) => st.id === v.stage);
        if (diagnosed === null && v.test === 'positive' && stages[s]!.test?.condition === c) diagnosed = v.end;
        else if (diagnosed !== null && treated === null && v.start !== null && isTreatmentStage(this.model, s)) treated = v.start;
      }
      const ka = this.store.keyA(p);
      const kb = this.store.keyB(p);
      const at = (t: number) => prog.stateId(m, prog.walk(ka, kb, m, t - r.arrival));
      const atDiagnosis = diagnosed === null ? null : at(diagnosed);
      const atEnd = at(treated ?? until);
      const died = prog.lastDied === 1;
      (r.states ??= {})[name] = {
        atPresentation: prog.stateId(m, prog.lastFirst),
        atDiagnosis,
        atTreatment: treated === null || died ? null : atEnd,
        diedWhileWaiting: died,
      };
    }
  }

  private last(p: number): StageVisit | undefined {
    const r = this.open[p];
    return r?.visits[r.visits.length - 1];
  }

  private close(p: number, outcome: 'exited' | 'abandoned' | 'discharged' | 'rejected', now: number): void {
    const r = this.open[p];
    if (!r) return;
    r.outcome = outcome;
    r.left = now;
    if (this.progression !== null) this.addStates(p, r, now);
    this.open[p] = undefined;
    this.sink.write(r);
  }
}
