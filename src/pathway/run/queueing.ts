/**
 * The queue policy of each stage, from the discipline registry: a FIFO ring (the fast path,
 * kept in its own array so the engine's call site stays monomorphic), class levels, a keyed
 * heap, or a choice made by a function given in code.
 * @module
 */
import { ScenarioError } from '../scenario-error.js';
import { disciplineEntry, DISCIPLINE_NAMES, type DisciplineKey } from '../parts/disciplines.js';
import type { Model } from '../model.js';
import { ABANDONED, type PatientStore } from '../patients.js';
import { ChoiceQueue, FifoQueue, KeyedQueue, LevelQueue, type PatientQueue } from '../queues.js';
import type { PatientView, SimulationHooks } from './hooks.js';

/** Queue codes: how a stage orders its line. */
export const Q_ARRIVAL = 0;
export const Q_CLASS = 1;
export const Q_KEY = 2;
export const Q_CHOICE = 3;
export const Q_HOOK = 4;

/** The waiting lines of every stage. */
export class StageQueues {
  /** Arrival-order stages' rings (null elsewhere). */
  readonly fifo: (FifoQueue | null)[] = [];
  /** Every other stage's line (null at arrival-order stages). */
  readonly ordered: (PatientQueue | null)[] = [];
  /** Per stage, one of the Q_ codes. */
  readonly code: Uint8Array;
  private readonly key: (DisciplineKey | null)[] = [];
  private readonly levelOfClass: Int32Array;

  constructor(
    private readonly model: Model,
    private readonly store: PatientStore,
    private readonly hooks: SimulationHooks,
    private readonly view: (p: number) => PatientView,
    /** The simulated time, for disciplines given in code. */
    private readonly now: () => number,
  ) {
    // Priority levels: distinct class priorities, ascending.
    const levels = [...new Set(model.classPriority)].sort((a, b) => a - b);
    this.levelOfClass = Int32Array.from(model.classPriority, (p) => levels.indexOf(p));
    this.code = new Uint8Array(model.stages.length);
    model.stages.forEach((st, s) => {
      const entry = disciplineEntry(st.queue);
      const fn = hooks.disciplines?.[st.queue];
      let code: number;
      let queue: PatientQueue;
      if (entry === undefined) {
        if (typeof fn !== 'function') {
          const given = Object.keys(hooks.disciplines ?? {});
          throw new ScenarioError([
            {
              path: `stages.${st.id}.queue`,
              message:
                `expected one of ${[...DISCIPLINE_NAMES, ...given].map((n) => `"${n}"`).join(', ')}, got ${JSON.stringify(st.queue)} ` +
                '(a discipline given in code goes in the disciplines option of simulate)',
            },
          ]);
        }
        code = Q_CHOICE;
        queue = new ChoiceQueue((ids, n) => this.choose(fn, s, ids, n));
      } else if (entry.order === 'arrival') {
        code = Q_ARRIVAL;
        queue = new FifoQueue();
      } else if (entry.order === 'class' && hooks.priority) {
        code = Q_HOOK;
        queue = new KeyedQueue();
      } else if (entry.order === 'class') {
        code = Q_CLASS;
        queue = new LevelQueue(levels.length);
      } else {
        code = Q_KEY;
        queue = new KeyedQueue();
      }
      this.code[s] = code;
      this.key.push(entry?.key ?? null);
      this.fifo.push(code === Q_ARRIVAL ? (queue as FifoQueue) : null);
      this.ordered.push(code === Q_ARRIVAL ? null : queue);
    });
  }

  /** Puts p on the line of a stage that is not arrival-ordered. */
  pushOrdered(s: number, p: number, now: number): void {
    const code = this.code[s];
    let key = 0;
    if (code === Q_CLASS) key = this.levelOfClass[this.store.cls(p)]!;
    else if (code === Q_KEY) key = this.key[s]!(this.store, p, now);
    else if (code === Q_HOOK) key = this.hooks.priority!({ patient: this.view(p), stage: this.model.stages[s]!.id, now });
    this.ordered[s]!.push(p, key);
  }

  /** A choice by a code discipline; abandoned entries go first, so the engine discards them. */
  private choose(fn: (w: PatientView[], now: number, stage: string) => number, s: number, ids: Int32Array, n: number): number {
    for (let i = 0; i < n; i++) if (this.store.state(ids[i]!) === ABANDONED) return i;
    const waiting: PatientView[] = [];
    for (let i = 0; i < n; i++) waiting.push(this.view(ids[i]!));
    const stage = this.model.stages[s]!.id;
    const i = fn(waiting, this.now(), stage);
    if (!(Number.isInteger(i) && i >= 0 && i < n)) {
      throw new Error(`queue discipline "${this.model.stages[s]!.queue}" at stage "${stage}" returned ${String(i)}, expected an index from 0 to ${n - 1}`);
    }
    return i;
  }
}
