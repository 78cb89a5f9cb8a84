/**
 * The pathway engine: drives patients through a {@link Model}'s stages on the kernel's event
 * calendar and keeps the statistics of a {@link RunResult}.
 *
 * Hot-path rules: patients are rows of a typed-array store, events carry (kind, patient id) as
 * numbers, per-stage state lives in typed arrays, and nothing is allocated per event. Zero-length
 * services complete inline (no event), and the capacity of a stage is drained in a loop guarded
 * against re-entry, so a long queue never becomes deep recursion.
 * @module
 */
import { Simulation } from '../core/simulation.js';
import { RandomStreams, type Rng } from '../core/random.js';
import { compileDistribution, type Sampler } from '../core/distributions.js';
import { ArrivalProcess } from './arrivals.js';
import { WaitHistogram } from './histogram.js';
import { EXIT, type Model, type ModelEventRef } from './model.js';
import { ABANDONED, AWAY, IN_SERVICE, MAX_CLASSES, MAX_STAGES, MAX_TARGETS, PatientStore, WAITING } from './patients.js';
import { FifoQueue, KeyedQueue, LevelQueue, type PatientQueue } from './queues.js';
import { PatientRandom } from './patient-random.js';
import type { RunResult, StageResult, TargetResult } from './result.js';

// Event kinds.
const K_ARRIVAL = 0;
const K_END = 1;
const K_ABANDON = 2;
const K_DAY = 3;
const K_CAPACITY = 4;
const K_SAMPLE = 5;
const K_RETURN = 6;
const K_WARMUP = 7;

// Stage modes.
const SERVERS = 0;
const SLOTS = 1;
const UNLIMITED = 2;

/** What a custom rule sees of a patient. Built only when a hook is used. */
export interface PatientView {
  /** Row of the patient in the engine's store; reused after the patient leaves. */
  id: number;
  /**
   * Who the patient is, e.g. `arrivals/gp-chest-xray#41` (the 42nd arrival of that stream) or
   * `initial/reporting/0#7`: the same patient in every variant of a run with the same seed.
   */
  identity: string;
  /** Class name. */
  class: string;
  /** Names of the conditions the patient truly has. */
  conditions: string[];
  /** Result of the patient's last test, or null if never tested. */
  lastTest: 'positive' | 'negative' | null;
  /** Day the patient's pathway clock started. */
  pathwayStart: number;
  /** Current stage id. */
  stage: string;
}

/** Context of a routing decision. */
export interface RouteContext {
  /** The patient being routed. */
  patient: PatientView;
  /** The stage the patient has just finished. */
  stage: string;
  /** Simulated time of the decision, in days since day 0. */
  now: number;
  /** Where the scenario's `next` would send the patient: a stage id or `exit`. */
  proposed: string;
}

/**
 * Extension points for analysts who outgrow the scenario format. Functions cannot be sent to
 * worker threads, so experiments that use hooks run with `workers: 1`.
 */
export interface SimulationHooks {
  /**
   * Overrides routing after a stage: return a stage id or `exit`, or undefined to keep
   * `ctx.proposed`. Routing draws belong to the patient and visit (see patient-random.ts), so a
   * hook shifts no other patient's numbers.
   */
  route?(ctx: RouteContext): string | undefined;
  /**
   * Orders `queue: priority` stages: lower is served first, ties in order of joining. Replaces
   * class priority at every priority stage.
   */
  priority?(ctx: { patient: PatientView; stage: string; now: number }): number;
}

/** How a stage's service or patience time is drawn (see {@link specialise}). */
const D_FIXED = 0;
const D_EXPONENTIAL = 1;
const D_GENERAL = 2;

/** Runs one replication of a model. Construct, call {@link Engine.run} once. */
export class Engine {
  private readonly sim: Simulation;
  private readonly m: Model;
  private readonly hooks: SimulationHooks;
  private readonly store: PatientStore;
  private readonly end: number;
  private readonly nStages: number;

  // Per-stage state.
  /** FIFO stages' queues (null at priority stages): a monomorphic call site for the common case. */
  private readonly fifo: (FifoQueue | null)[];
  /** Priority stages' queues (null at FIFO stages). */
  private readonly ordered: (PatientQueue | null)[];
  private readonly waiting: Int32Array;
  private readonly busy: Int32Array;
  private readonly servers: Int32Array;
  private readonly mode: Uint8Array;
  private readonly slotsLeft: Int32Array;
  private readonly perWeekday: number[][];
  private readonly phase: Int32Array;
  private readonly draining: Uint8Array;
  /** Service draw: D_FIXED (svcParam = value), D_EXPONENTIAL (svcParam = mean) or D_GENERAL. */
  private readonly svcKind: Uint8Array;
  private readonly svcParam: Float64Array;
  private readonly service: Sampler[];
  private readonly serviceRng: Rng[];
  /** Patience draw, as for service; patKind 255 = infinite patience. */
  private readonly patKind: Uint8Array;
  private readonly patParam: Float64Array;
  private readonly patience: (Sampler | null)[];
  private readonly patienceRng: Rng[];
  // Tests: testCond -1 = the stage is not a test.
  private readonly testCond: Int32Array;
  private readonly testSens: Float64Array;
  private readonly testSpec: Float64Array;
  private readonly testOnPositive: Int32Array;
  private readonly testMissed: Uint8Array;
  private readonly missedAfter: (Sampler | null)[];
  private readonly priorityQueue: Uint8Array;
  /** Class index → priority level index (0 = served first). */
  private readonly levelOfClass: Int32Array;

  // Routing tables, flattened: branches of stage s are [bStart[s], bStart[s+1]).
  private readonly bStart: Int32Array;
  private readonly bTo: Int32Array;
  private readonly bP: Float64Array;
  /** 0 always, 1 positive, 2 negative, 3 class. */
  private readonly bIf: Int8Array;
  private readonly bClass: Int32Array;

  // Statistics (measured period).
  private measuring: boolean;
  private readonly entered: Float64Array;
  private readonly started: Float64Array;
  private readonly completed: Float64Array;
  private readonly abandonedAt: Float64Array;
  private readonly waits: WaitHistogram[];
  private readonly qArea: Float64Array;
  private readonly busyArea: Float64Array;
  private readonly capArea: Float64Array;
  private readonly lastT: Float64Array;
  private readonly slotsOffered: Float64Array;
  private readonly slotsUsed: Float64Array;
  private readonly waitingAtMeasureStart: Float64Array;
  private readonly timeInSystem = new WaitHistogram();

  // Targets.
  private readonly nTargets: number;
  private readonly within: Float64Array;
  /** Target index → its slot in the store's clockFrom rows, or -1 (clock = pathway start). */
  private readonly fromSlot: Int32Array;
  /** Event code → targets whose clock it stops / starts. Codes: 2s start, 2s+1 end, 2S exit. */
  private readonly untilAt: Int32Array[];
  private readonly fromAt: Int32Array[];
  /** Event code → 1 if any target's clock starts or stops there (skips the call otherwise). */
  private readonly hasClock: Uint8Array;
  private readonly met: Float64Array;
  private readonly breached: Float64Array;

  // Patient counts over the whole run.
  private arrived = 0;
  private initialCount = 0;
  private exited = 0;
  private abandonedTotal = 0;
  private totalWaiting = 0;

  // Arrivals.
  private readonly arrivalProc: ArrivalProcess[];
  /** Constant rate per day of a stream whose rate never changes, or NaN (use arrivalProc). */
  private readonly arrivalRate: Float64Array;
  private readonly arrivalTo: Int32Array;
  private readonly arrivalClass: Int32Array;
  /** Conditions drawn at arrival, flattened: stream a's are [condStart[a], condStart[a+1]). */
  private readonly condStart: Int32Array;
  private readonly condBit: Int32Array;
  private readonly condPrevalence: Float64Array;
  private readonly arrivalRng: Rng[];
  private readonly conditionRng: Rng[];

  // Series.
  private readonly seriesDay: number[] = [];
  private readonly seriesWaiting: number[] = [];
  private readonly seriesByStage: number[][];

  private readonly seed: number;
  private readonly replication: number;
  /** CRN: per-patient test, routing and missed-return draws (see patient-random.ts). */
  private readonly prn: PatientRandom;

  constructor(model: Model, options: { seed?: number; replication?: number; hooks?: SimulationHooks } = {}) {
    this.m = model;
    this.hooks = options.hooks ?? {};
    this.seed = options.seed ?? model.seed;
    this.replication = options.replication ?? 0;
    this.end = model.warmup + model.horizon;
    const S = (this.nStages = model.stages.length);
    if (S > MAX_STAGES) throw new Error(`at most ${MAX_STAGES} stages are supported, got ${S}`);
    if (model.classes.length > MAX_CLASSES) throw new Error(`at most ${MAX_CLASSES} classes are supported, got ${model.classes.length}`);
    // Room for twice the patients waiting at the start, so a national backlog and its
    // fluctuations never grow the store (growing briefly holds two copies of it). Rows are used
    // in order, so pages of the buffer that are never reached cost address space, not memory.
    const initialPatients = model.initial.reduce((n, g) => n + g.count, 0);
    this.sim = new Simulation();
    const streams = new RandomStreams(this.seed, this.replication);
    const fromTargets = model.targets.filter((t) => t.from !== null).length;
    this.store = new PatientStore(fromTargets, 2 * initialPatients + 1024);
    this.prn = new PatientRandom(model, this.seed, this.replication, this.store); // CRN

    // Priority levels: distinct class priorities, ascending.
    const levels = [...new Set(model.classPriority)].sort((a, b) => a - b);
    this.levelOfClass = Int32Array.from(model.classPriority, (p) => levels.indexOf(p));

    this.waiting = new Int32Array(S);
    this.busy = new Int32Array(S);
    this.servers = new Int32Array(S);
    this.mode = new Uint8Array(S);
    this.slotsLeft = new Int32Array(S);
    this.perWeekday = model.stages.map(() => [0, 0, 0, 0, 0, 0, 0]);
    this.phase = new Int32Array(S);
    this.draining = new Uint8Array(S);
    this.priorityQueue = new Uint8Array(S);
    this.entered = new Float64Array(S);
    this.started = new Float64Array(S);
    this.completed = new Float64Array(S);
    this.abandonedAt = new Float64Array(S);
    this.qArea = new Float64Array(S);
    this.busyArea = new Float64Array(S);
    this.capArea = new Float64Array(S);
    this.lastT = new Float64Array(S);
    this.slotsOffered = new Float64Array(S);
    this.slotsUsed = new Float64Array(S);
    this.waitingAtMeasureStart = new Float64Array(S);
    this.waits = model.stages.map(() => new WaitHistogram());
    this.seriesByStage = model.stages.map(() => []);

    this.svcKind = new Uint8Array(S);
    this.svcParam = new Float64Array(S);
    this.patKind = new Uint8Array(S);
    this.patParam = new Float64Array(S);
    this.testCond = new Int32Array(S).fill(-1);
    this.testSens = new Float64Array(S);
    this.testSpec = new Float64Array(S);
    this.testOnPositive = new Int32Array(S).fill(-1);
    this.testMissed = new Uint8Array(S);
    this.service = [];
    this.serviceRng = [];
    this.patience = [];
    this.patienceRng = [];
    this.missedAfter = [];
    this.fifo = [];
    this.ordered = [];
    model.stages.forEach((st, s) => {
      const path = `stages.${st.id}`;
      const service = compileDistribution(st.service, `${path}.service`);
      this.service.push(service);
      [this.svcKind[s], this.svcParam[s]] = specialise(service);
      this.serviceRng.push(streams.stream(`service/${st.id}`));
      const patience = st.patience === null ? null : compileDistribution(st.patience, `${path}.patience`);
      this.patience.push(patience);
      if (patience === null) this.patKind[s] = 255;
      else [this.patKind[s], this.patParam[s]] = specialise(patience);
      this.patienceRng.push(streams.stream(`patience/${st.id}`));
      this.missedAfter.push(st.test?.missed ? compileDistribution(st.test.missed.after, `${path}.test.missed.after`) : null);
      if (st.test !== null) {
        this.testCond[s] = st.test.condition;
        this.testSens[s] = st.test.sensitivity;
        this.testSpec[s] = st.test.specificity;
        this.testOnPositive[s] = st.test.onPositiveClass;
        this.testMissed[s] = st.test.missed !== null ? 1 : 0;
      }
      const priority = st.queue === 'priority';
      this.priorityQueue[s] = priority ? 1 : 0;
      this.fifo.push(priority ? null : new FifoQueue());
      this.ordered.push(priority ? (this.hooks.priority ? new KeyedQueue() : new LevelQueue(levels.length)) : null);
      this.applyPhase(s, 0);
    });
    // The initial backlog goes straight into its queues: size them for it.
    for (const g of model.initial) this.fifo[g.stage]?.reserve(this.fifo[g.stage]!.size + g.count);

    // Routing tables.
    const nBranches = model.stages.reduce((n, st) => n + st.next.length, 0);
    this.bStart = new Int32Array(S + 1);
    this.bTo = new Int32Array(nBranches);
    this.bP = new Float64Array(nBranches);
    this.bIf = new Int8Array(nBranches);
    this.bClass = new Int32Array(nBranches);
    let b = 0;
    model.stages.forEach((st, s) => {
      this.bStart[s] = b;
      for (const br of st.next) {
        this.bTo[b] = br.to;
        this.bP[b] = br.p === null ? NaN : br.p;
        const cond = br.if;
        this.bIf[b] = cond === null ? 0 : cond.kind === 'positive' ? 1 : cond.kind === 'negative' ? 2 : 3;
        this.bClass[b] = cond !== null && cond.kind === 'class' ? cond.classIndex : -1;
        b++;
      }
    });
    this.bStart[S] = b;

    // Targets.
    const T = (this.nTargets = model.targets.length);
    if (T > MAX_TARGETS) throw new Error(`at most ${MAX_TARGETS} targets are supported, got ${T}`);
    this.within = Float64Array.from(model.targets, (t) => t.within);
    this.fromSlot = new Int32Array(T).fill(-1);
    const codes = 2 * S + 1;
    const until: number[][] = Array.from({ length: codes }, () => []);
    const from: number[][] = Array.from({ length: codes }, () => []);
    let slot = 0;
    model.targets.forEach((t, i) => {
      for (const ev of t.until) until[eventCode(ev, S)]!.push(i);
      if (t.from !== null) {
        this.fromSlot[i] = slot++;
        from[eventCode(t.from, S)]!.push(i);
      }
    });
    this.untilAt = until.map((l) => Int32Array.from(l));
    this.fromAt = from.map((l) => Int32Array.from(l));
    this.hasClock = Uint8Array.from({ length: codes }, (_, c) => (until[c]!.length > 0 || from[c]!.length > 0 ? 1 : 0));
    this.met = new Float64Array(T);
    this.breached = new Float64Array(T);

    // Arrivals.
    this.arrivalProc = model.arrivals.map((a) => new ArrivalProcess(a, model.startDate, this.end));
    this.arrivalRate = Float64Array.from(this.arrivalProc, (p) => p.constantRatePerDay);
    this.arrivalTo = Int32Array.from(model.arrivals, (a) => a.to);
    this.arrivalClass = Int32Array.from(model.arrivals, (a) => a.classIndex);
    const conditions = model.arrivals.flatMap((a) => a.conditions);
    this.condStart = new Int32Array(model.arrivals.length + 1);
    model.arrivals.forEach((a, i) => (this.condStart[i + 1] = this.condStart[i]! + a.conditions.length));
    this.condBit = Int32Array.from(conditions, (c) => 1 << c.condition);
    this.condPrevalence = Float64Array.from(conditions, (c) => c.prevalence);
    this.arrivalRng = model.arrivals.map((a) => streams.stream(`arrivals/${a.id}`));
    this.conditionRng = model.arrivals.map((a) => streams.stream(`conditions/${a.id}`));

    this.measuring = model.warmup === 0;
    this.initialStreams = streams;
  }

  private readonly initialStreams: RandomStreams;

  /** Runs the model to its end and returns the result. */
  run(): RunResult {
    const sim = this.sim;
    const m = this.m;
    // Scheduling order sets the order of same-time events: warm-up reset, capacity changes and
    // samples come before the day's slot release, so a sample at day d shows the list before
    // that day's slots are used.
    if (m.warmup > 0) sim.schedule(m.warmup, K_WARMUP, 0);
    m.stages.forEach((st, s) => {
      for (let i = 1; i < st.capacity.length; i++) {
        if (st.capacity[i]!.from <= this.end) sim.schedule(st.capacity[i]!.from, K_CAPACITY, s);
      }
    });
    sim.schedule(0, K_SAMPLE, 0);
    if (m.stages.some((st) => st.capacity.some((c) => c.kind === 'slots'))) sim.schedule(0, K_DAY, 0);
    this.insertInitial();
    for (let a = 0; a < m.arrivals.length; a++) this.scheduleArrival(a); // the clock is at 0

    sim.run(this.end, (kind, data) => this.dispatch(kind, data));
    return this.finish();
  }

  private dispatch(kind: number, data: number): void {
    switch (kind) {
      case K_END:
        this.complete(data, this.store.stage(data));
        break;
      case K_ARRIVAL:
        this.onArrival(data);
        break;
      case K_ABANDON:
        this.onAbandon(data);
        break;
      case K_DAY:
        this.onDay(data);
        break;
      case K_SAMPLE:
        this.onSample(data);
        break;
      case K_CAPACITY:
        this.onCapacity(data);
        break;
      case K_RETURN:
        this.onReturn(data);
        break;
      case K_WARMUP:
        this.onWarmup();
        break;
    }
  }

  // ---- patients moving ----

  /** Schedules stream a's next arrival after now, if it comes before the end. */
  private scheduleArrival(a: number): void {
    const after = this.sim.now;
    const rate = this.arrivalRate[a]!;
    let t: number;
    if (rate === rate) {
      // Constant rate: the same draw and formula as ArrivalProcess.next, without the call.
      if (!(rate > 0)) return;
      t = after - Math.log(1 - this.arrivalRng[a]!()) / rate;
    } else {
      t = this.arrivalProc[a]!.next(after, this.arrivalRng[a]!);
    }
    if (t <= this.end) this.sim.schedule(t, K_ARRIVAL, a);
  }

  // Hot-path calls pass patient ids and stage indices, never times: a double argument to a call
  // V8 does not inline is boxed in a fresh heap number, which was most of the garbage per event.
  // Times are read from the clock or written to the store by the caller instead.

  private onArrival(a: number): void {
    const store = this.store;
    const now = this.sim.now;
    // The same draws as drawConditions, from flattened tables.
    let cond = 0;
    const last = this.condStart[a + 1]!;
    for (let i = this.condStart[a]!; i < last; i++) {
      if (this.conditionRng[a]!() < this.condPrevalence[i]!) cond |= this.condBit[i]!;
    }
    const p = store.allocate(this.arrivalClass[a]!, cond);
    this.prn.identifyArrival(p, a); // CRN
    store.setStart(p, now);
    store.setJoined(p, now);
    this.arrived++;
    this.enterStage(p, this.arrivalTo[a]!);
    this.scheduleArrival(a);
  }

  /** Puts the patients waiting at day 0 on their queues, longest waiters first. */
  private insertInitial(): void {
    const m = this.m;
    for (let s = 0; s < this.nStages; s++) {
      const groupIndex = m.initial.flatMap((g, i) => (g.stage === s ? [i] : []));
      const groups = groupIndex.map((i) => m.initial[i]!);
      if (groups.length === 0) continue;
      const st = m.stages[s]!;
      const waitRng = this.initialStreams.stream(`initial/${st.id}`);
      const condRng = this.initialStreams.stream(`initial-conditions/${st.id}`);
      const waited: Float64Array[] = groups.map((g, gi) => {
        const sampler = compileDistribution(g.waited, `initial.${st.id}[${gi}].waited`);
        const w = new Float64Array(g.count);
        for (let i = 0; i < g.count; i++) w[i] = sampler.sample(waitRng);
        return sortAscending(w); // read from the end for longest first
      });
      // Merge the groups' sorted waits, longest first (one group: a plain backward walk).
      const pos = waited.map((w) => w.length - 1);
      for (;;) {
        let best = -1;
        for (let gi = 0; gi < groups.length; gi++) {
          if (pos[gi]! >= 0 && (best < 0 || waited[gi]![pos[gi]!]! > waited[best]![pos[best]!]!)) best = gi;
        }
        if (best < 0) break;
        const w = waited[best]![pos[best]!--]!;
        const g = groups[best]!;
        const p = this.store.allocate(g.classIndex, drawConditions(g.conditions, condRng));
        this.prn.identifyInitial(p, groupIndex[best]!); // CRN
        this.store.setStart(p, -w);
        this.store.setJoined(p, -w);
        this.initialCount++;
        this.enterStage(p, s);
      }
    }
  }

  /** Patient p joins stage s; the caller has set their join time (usually to now). */
  private enterStage(p: number, s: number): void {
    this.store.setStage(p, s);
    if (this.measuring) this.entered[s]++;
    if (this.waiting[s] === 0 && this.hasFreeCapacity(s)) this.startService(p, s);
    else this.enqueue(p, s);
  }

  private hasFreeCapacity(s: number): boolean {
    const mode = this.mode[s];
    if (mode === SERVERS) return this.busy[s]! < this.servers[s]!;
    if (mode === SLOTS) return this.slotsLeft[s]! > 0;
    return true;
  }

  private enqueue(p: number, s: number): void {
    const store = this.store;
    const now = this.sim.now;
    this.touch(s);
    store.setState(p, WAITING);
    this.waiting[s]++;
    this.totalWaiting++;
    const fifo = this.fifo[s]!;
    if (fifo !== null) fifo.push(p);
    else {
      const key = this.hooks.priority
        ? this.hooks.priority({ patient: this.view(p), stage: this.m.stages[s]!.id, now })
        : this.levelOfClass[store.cls(p)]!;
      this.ordered[s]!.push(p, key);
    }
    const pk = this.patKind[s]!;
    if (pk !== 255) {
      const at =
        now +
        (pk === D_EXPONENTIAL
          ? -this.patParam[s]! * Math.log(1 - this.patienceRng[s]!())
          : pk === D_FIXED
            ? this.patParam[s]!
            : this.patience[s]!.sample(this.patienceRng[s]!));
      // Patience that outlasts the run can never fire: not scheduling it keeps the calendar small.
      if (at <= this.end) store.setAbandonHandle(p, this.sim.schedule(at, K_ABANDON, p));
    }
  }

  /** Starts as many waiting patients as the stage's capacity allows. */
  private drain(s: number): void {
    if (this.draining[s] === 1) return; // the outer call's loop picks up freed capacity
    this.draining[s] = 1;
    const fifo = this.fifo[s]!;
    const queue = fifo ?? this.ordered[s]!;
    while (this.waiting[s]! > 0 && this.hasFreeCapacity(s)) {
      const p = fifo !== null ? fifo.shift() : queue.shift();
      if (this.store.state(p) === ABANDONED) {
        this.store.release(p);
        continue;
      }
      this.touch(s);
      this.waiting[s]--;
      this.totalWaiting--;
      this.startService(p, s);
    }
    this.draining[s] = 0;
  }

  private startService(p: number, s: number): void {
    const store = this.store;
    const sim = this.sim;
    const now = sim.now;
    const h = store.abandonHandle(p);
    if (h >= 0) {
      sim.cancel(h);
      store.setAbandonHandle(p, -1);
    }
    this.touch(s);
    store.setState(p, IN_SERVICE);
    this.busy[s]++;
    if (this.mode[s] === SLOTS) {
      this.slotsLeft[s]--;
      if (this.measuring) this.slotsUsed[s]++;
    }
    if (this.measuring) {
      this.started[s]++;
      this.waits[s]!.add(now - store.joined(p));
    }
    if (this.hasClock[2 * s] === 1) this.clockEvent(p, 2 * s);
    const kind = this.svcKind[s];
    const d =
      kind === D_EXPONENTIAL
        ? -this.svcParam[s]! * Math.log(1 - this.serviceRng[s]!())
        : kind === D_FIXED
          ? this.svcParam[s]!
          : this.service[s]!.sample(this.serviceRng[s]!);
    if (d > 0) sim.schedule(now + d, K_END, p);
    else this.complete(p, s);
  }

  private complete(p: number, s: number): void {
    const store = this.store;
    this.touch(s);
    this.busy[s]--;
    if (this.measuring) this.completed[s]++;
    if (this.hasClock[2 * s + 1] === 1) this.clockEvent(p, 2 * s + 1);
    const tc = this.testCond[s]!;
    // CRN: one visit key per completion; the test and routing draws here both use it.
    const visit = tc >= 0 || this.bStart[s]! < this.bStart[s + 1]! ? store.visitKey(p, s) : 0;
    if (tc >= 0) {
      const has = (store.cond(p) >>> tc) & 1;
      // Positive with probability sensitivity if the patient has the condition, else 1 − specificity.
      // CRN: a draw is a pure function of patient and visit, so a certain result needs none.
      const certain = has === 1 ? this.testSens[s]! >= 1 : this.testSpec[s]! >= 1;
      let u = 0;
      if (!certain) {
        this.prn.test(p, s, visit); // CRN
        u = this.prn.u[0]!;
      }
      const positive = has === 1 ? u < this.testSens[s]! : u >= this.testSpec[s]!;
      store.setLastTest(p, positive ? 1 : 0);
      store.setMissedAt(p, has === 1 && !positive && this.testMissed[s] === 1 ? s : -1);
      if (positive && this.testOnPositive[s]! >= 0) store.setCls(p, this.testOnPositive[s]!);
    }
    const next = this.route(p, s, visit);
    if (this.mode[s] === SERVERS) this.drain(s);
    if (next === EXIT) this.exit(p);
    else {
      store.setJoined(p, this.sim.now);
      this.enterStage(p, next);
    }
  }

  /** Chooses where a patient goes after stage s (see ModelBranch for the rules). */
  private route(p: number, s: number, visit: number): number {
    const first = this.bStart[s]!;
    const last = this.bStart[s + 1]!;
    let to = EXIT;
    if (first < last) {
      const store = this.store;
      // CRN: drawn only when a branch with `p` matches (pure per patient and visit, so skipping
      // an unneeded draw shifts nothing).
      let u = -1;
      let acc = 0;
      let rest = -2;
      to = -2;
      for (let b = first; b < last; b++) {
        const cond = this.bIf[b];
        if (cond !== 0) {
          if (cond === 1 && store.lastTest(p) !== 1) continue;
          if (cond === 2 && store.lastTest(p) !== 0) continue;
          if (cond === 3 && store.cls(p) !== this.bClass[b]) continue;
        }
        const prob = this.bP[b]!;
        if (prob !== prob) {
          // No `p`: the first such matching branch takes whatever the others leave.
          if (rest === -2) rest = this.bTo[b]!;
          continue;
        }
        if (u < 0) {
          this.prn.route(p, s, visit); // CRN
          u = this.prn.u[0]!;
        }
        acc += prob;
        if (u < acc) {
          to = this.bTo[b]!;
          break;
        }
      }
      if (to === -2) to = rest === -2 ? EXIT : rest;
    }
    if (this.hooks.route) to = this.customRoute(p, s, to);
    return to;
  }

  private customRoute(p: number, s: number, proposed: number): number {
    const stages = this.m.stages;
    const chosen = this.hooks.route!({
      patient: this.view(p),
      stage: stages[s]!.id,
      now: this.sim.now,
      proposed: proposed === EXIT ? 'exit' : stages[proposed]!.id,
    });
    if (chosen === undefined) return proposed;
    if (chosen === 'exit') return EXIT;
    const idx = stages.findIndex((st) => st.id === chosen);
    if (idx < 0) {
      throw new Error(
        `route hook returned ${JSON.stringify(chosen)}, expected a stage id (${stages.map((st) => st.id).join(', ')}) or "exit"`,
      );
    }
    return idx;
  }

  private exit(p: number): void {
    const store = this.store;
    const S = this.nStages;
    if (this.hasClock[2 * S] === 1) this.clockEvent(p, 2 * S);
    const at = store.missedAt(p);
    if (at >= 0 && this.missedReturns(p, at)) return;
    this.exited++;
    if (this.measuring) this.timeInSystem.add(this.sim.now - store.start(p));
    store.release(p);
  }

  /** A false negative leaving the pathway: true if they are to come back later (then sent away). */
  private missedReturns(p: number, at: number): boolean {
    const missed = this.m.stages[at]!.test!.missed!;
    this.prn.missed(p, at); // CRN
    if (this.prn.u[0]! < missed.share) {
      // CRN: prn.missed pointed prn.missedRng at this patient's missed event.
      this.store.setState(p, AWAY);
      this.sim.schedule(this.sim.now + this.missedAfter[at]!.sample(this.prn.missedRng), K_RETURN, p);
      return true;
    }
    return false;
  }

  /** A missed patient comes back: a new pathway (the clock restarts) at the missed-case stage. */
  private onReturn(p: number): void {
    const now = this.sim.now;
    const at = this.store.missedAt(p);
    const to = this.m.stages[at]!.test!.missed!.to;
    this.store.restartClock(p, now);
    this.store.setState(p, IN_SERVICE);
    this.enterStage(p, to);
  }

  private onAbandon(p: number): void {
    const store = this.store;
    const s = store.stage(p);
    this.touch(s);
    this.waiting[s]--;
    this.totalWaiting--;
    store.setState(p, ABANDONED); // freed when the queue reaches it
    store.setAbandonHandle(p, -1);
    this.abandonedTotal++;
    if (this.measuring) this.abandonedAt[s]++;
  }

  // ---- target clocks ----

  private clockEvent(p: number, code: number): void {
    const store = this.store;
    const now = this.sim.now;
    const from = this.fromAt[code]!;
    for (let i = 0; i < from.length; i++) {
      const t = from[i]!;
      const slot = this.fromSlot[t]!;
      if ((store.targetsDone(p) & (1 << t)) === 0 && store.clockFrom(p, slot) !== store.clockFrom(p, slot)) {
        store.setClockFrom(p, slot, now);
      }
    }
    const until = this.untilAt[code]!;
    for (let i = 0; i < until.length; i++) {
      const t = until[i]!;
      const bit = 1 << t;
      if ((store.targetsDone(p) & bit) !== 0) continue;
      const slot = this.fromSlot[t]!;
      const clock = slot < 0 ? store.start(p) : store.clockFrom(p, slot);
      if (clock !== clock) continue; // the `from` event has not happened: no clock to stop
      store.setTargetsDone(p, store.targetsDone(p) | bit);
      if (this.measuring) {
        if (now - clock <= this.within[t]!) this.met[t]++;
        else this.breached[t]++;
      }
    }
  }

  // ---- capacity ----

  private applyPhase(s: number, i: number): void {
    const ph = this.m.stages[s]!.capacity[i]!;
    this.phase[s] = i;
    if (ph.kind === 'servers') {
      this.mode[s] = SERVERS;
      this.servers[s] = ph.servers;
    } else if (ph.kind === 'slots') {
      this.mode[s] = SLOTS;
      this.servers[s] = 0;
      this.perWeekday[s] = ph.perWeekday;
    } else {
      this.mode[s] = UNLIMITED;
      this.servers[s] = 0;
    }
  }

  /**
   * A capacity change. Patients in service finish; fewer servers only stop new starts. A new
   * slot pattern takes effect at the next day's release.
   */
  private onCapacity(s: number): void {
    this.touch(s);
    const wasSlots = this.mode[s] === SLOTS;
    this.applyPhase(s, this.phase[s]! + 1);
    if (wasSlots && this.mode[s] !== SLOTS) this.slotsLeft[s] = 0;
    this.drain(s);
  }

  private onDay(day: number): void {
    const weekday = (this.m.startWeekday + day) % 7;
    for (let s = 0; s < this.nStages; s++) {
      if (this.mode[s] !== SLOTS) continue;
      const n = this.perWeekday[s]![weekday]!;
      this.slotsLeft[s] = n; // yesterday's unused slots are lost
      if (this.measuring) this.slotsOffered[s] += n;
      this.drain(s);
    }
    if (day + 1 < this.end) this.sim.schedule(day + 1, K_DAY, day + 1);
  }

  // ---- statistics ----

  /** Accumulates time-weighted areas of stage s up to now. */
  private touch(s: number): void {
    const now = this.sim.now;
    const dt = now - this.lastT[s]!;
    if (dt > 0) {
      this.qArea[s] += this.waiting[s]! * dt;
      if (this.mode[s] === SERVERS) {
        this.busyArea[s] += this.busy[s]! * dt;
        this.capArea[s] += this.servers[s]! * dt;
      }
      this.lastT[s] = now;
    }
  }

  private onSample(k: number): void {
    const now = this.sim.now;
    this.seriesDay.push(now);
    this.seriesWaiting.push(this.totalWaiting);
    for (let s = 0; s < this.nStages; s++) this.seriesByStage[s]!.push(this.waiting[s]!);
    const next = (k + 1) * this.m.sampleEvery;
    if (next <= this.end + 1e-9) this.sim.schedule(Math.min(next, this.end), K_SAMPLE, k + 1);
  }

  private onWarmup(): void {
    for (let s = 0; s < this.nStages; s++) {
      this.touch(s);
      this.qArea[s] = 0;
      this.busyArea[s] = 0;
      this.capArea[s] = 0;
      this.waitingAtMeasureStart[s] = this.waiting[s]!;
    }
    this.measuring = true;
  }

  private finish(): RunResult {
    const m = this.m;
    const store = this.store;
    const now = this.end;
    const S = this.nStages;
    if (m.warmup === 0) {
      // Measured from day 0: the list at the start is the initial backlog.
      for (const g of m.initial) this.waitingAtMeasureStart[g.stage] += g.count;
    }
    for (let s = 0; s < S; s++) this.touch(s);
    // Who is where at the end, counted from the store itself (an independent check of the
    // engine's running counts: conservation must hold).
    let waiting = 0;
    let inService = 0;
    let away = 0;
    const stillBreached = new Float64Array(this.nTargets);
    const certain = this.certainStops();
    for (let p = 0; p < store.highWater; p++) {
      const state = store.state(p);
      if (state === WAITING) waiting++;
      else if (state === IN_SERVICE) inService++;
      else if (state === AWAY) away++;
      else continue;
      if (state === AWAY) continue;
      // A patient still on the way whose clock already exceeds the standard is a breach, when
      // the clock-stopping event is certain to come (it is the patient's current stage, or exit).
      const s = store.stage(p);
      for (let t = 0; t < this.nTargets; t++) {
        if ((store.targetsDone(p) & (1 << t)) !== 0) continue;
        if (!certain[t]![state === WAITING ? 0 : 1]![s]) continue;
        const slot = this.fromSlot[t]!;
        const clock = slot < 0 ? store.start(p) : store.clockFrom(p, slot);
        if (clock === clock && now - clock > this.within[t]!) stillBreached[t]++;
      }
    }

    const horizon = m.horizon;
    const stages: Record<string, StageResult> = {};
    const warnings: string[] = [];
    m.stages.forEach((st, s) => {
      const usesSlots = this.slotsOffered[s]! > 0;
      const utilisation = usesSlots
        ? this.slotsUsed[s]! / this.slotsOffered[s]!
        : this.capArea[s]! > 0
          ? this.busyArea[s]! / this.capArea[s]!
          : 0;
      stages[st.id] = {
        entered: this.entered[s]!,
        started: this.started[s]!,
        completed: this.completed[s]!,
        abandoned: this.abandonedAt[s]!,
        waitingAtEnd: this.waiting[s]!,
        wait: this.waits[s]!.summary(),
        utilisation,
        meanQueueLength: horizon > 0 ? this.qArea[s]! / horizon : 0,
        throughputPerDay: horizon > 0 ? this.completed[s]! / horizon : 0,
      };
      const growth = this.waiting[s]! - this.waitingAtMeasureStart[s]!;
      if (growth > Math.max(20, 0.05 * this.entered[s]!)) {
        warnings.push(
          `stage "${st.id}" looks unstable: its waiting list grew from ${this.waitingAtMeasureStart[s]} to ` +
            `${this.waiting[s]} (${((growth / horizon) * 7).toFixed(1)} a week); demand exceeds capacity`,
        );
      }
    });
    const targets: Record<string, TargetResult> = {};
    m.targets.forEach((t, i) => {
      const met = this.met[i]!;
      const breached = this.breached[i]! + stillBreached[i]!;
      const counted = met + breached;
      targets[t.id] = {
        met,
        breached,
        share: counted > 0 ? met / counted : 0,
        goal: t.goal,
        breachedStillWaiting: stillBreached[i]!,
        counted,
      };
    });
    const byStage: Record<string, number[]> = {};
    m.stages.forEach((st, s) => (byStage[st.id] = this.seriesByStage[s]!));
    return {
      scenario: m.name,
      variant: m.variant,
      seed: this.seed,
      replication: this.replication,
      warmup: m.warmup,
      horizon,
      end: this.end,
      patients: {
        arrived: this.arrived,
        initial: this.initialCount,
        exited: this.exited,
        abandoned: this.abandonedTotal,
        inSystem: waiting + inService + away,
        waiting,
        inService,
        away,
      },
      stages,
      timeInSystem: this.timeInSystem.summary(),
      targets,
      series: { day: this.seriesDay, waiting: this.seriesWaiting, byStage },
      events: this.sim.eventsProcessed,
      warnings,
    };
  }

  /**
   * For each target: [waiting, inService] × stage → whether the clock-stopping event is certain
   * to come for a patient there (an `until` event at that stage, or `exit`).
   */
  private certainStops(): boolean[][][] {
    const S = this.nStages;
    return this.m.targets.map((t) => {
      const anyExit = t.until.some((e) => e.kind === 'exit');
      const waitingAt: boolean[] = [];
      const servedAt: boolean[] = [];
      for (let s = 0; s < S; s++) {
        waitingAt.push(anyExit || t.until.some((e) => e.kind !== 'exit' && e.stage === s));
        servedAt.push(anyExit || t.until.some((e) => e.kind === 'end' && e.stage === s));
      }
      return [waitingAt, servedAt];
    });
  }

  /** Builds the read-only view of a patient given to hooks. */
  private view(p: number): PatientView {
    const store = this.store;
    const conditions: string[] = [];
    this.m.conditions.forEach((c, i) => {
      if ((store.cond(p) >>> i) & 1) conditions.push(c);
    });
    const lt = store.lastTest(p);
    return {
      id: p,
      identity: this.prn.identity(p),
      class: this.m.classes[store.cls(p)]!,
      conditions,
      lastTest: lt === 1 ? 'positive' : lt === 0 ? 'negative' : null,
      pathwayStart: store.start(p),
      stage: this.m.stages[store.stage(p)]!.id,
    };
  }
}

/** The radix sort reads a double as [low word, high word]: true on every platform Node ships for but s390x. */
const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/**
 * Sorts doubles ascending, exactly as `Float64Array.prototype.sort` does (-0 before +0), and
 * returns the sorted array (the input's storage is reused or dropped). A national backlog has
 * millions of initial waits; an LSD radix sort on their bits (four passes of 16 bits, a pass
 * skipped when every key shares its digit) takes about half the time of the built-in sort.
 */
export function sortAscending(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < 1 << 16 || !LITTLE_ENDIAN) return a.sort();
  const words = 2 * n;
  let from: Uint32Array = new Uint32Array(a.buffer, a.byteOffset, words); // little-endian: [lo, hi] per double
  // Map each double to an unsigned 64-bit key with the same order: flip every bit of a
  // negative number, only the sign bit of a positive one.
  for (let i = 0; i < words; i += 2) {
    const hi = from[i + 1]!;
    if (hi & 0x80000000) {
      from[i] = ~from[i]!;
      from[i + 1] = ~hi;
    } else from[i + 1] = hi | 0x80000000;
  }
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < words; i += 2) {
    const lo = from[i]!;
    const hi = from[i + 1]!;
    counts[lo & 0xffff]++;
    counts[65536 + (lo >>> 16)]++;
    counts[131072 + (hi & 0xffff)]++;
    counts[196608 + (hi >>> 16)]++;
  }
  let to: Uint32Array = new Uint32Array(words);
  for (let pass = 0; pass < 4; pass++) {
    const off = pass * 65536;
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    if (counts[off + ((from[word]! >>> shift) & 0xffff)] === n) continue; // nothing would move
    let sum = 0;
    for (let d = off; d < off + 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < words; i += 2) {
      const lo = from[i]!;
      const hi = from[i + 1]!;
      const j = 2 * counts[off + (((word === 1 ? hi : lo) >>> shift) & 0xffff)]++;
      to[j] = lo;
      to[j + 1] = hi;
    }
    const t = from;
    from = to;
    to = t;
  }
  for (let i = 0; i < words; i += 2) {
    const hi = from[i + 1]!;
    if (hi & 0x80000000) from[i + 1] = hi & 0x7fffffff;
    else {
      from[i] = ~from[i]!;
      from[i + 1] = ~hi;
    }
  }
  return new Float64Array(from.buffer, from.byteOffset, n);
}

function eventCode(ev: ModelEventRef, stages: number): number {
  if (ev.kind === 'exit') return 2 * stages;
  return 2 * ev.stage + (ev.kind === 'end' ? 1 : 0);
}

function drawConditions(conditions: { condition: number; prevalence: number }[], rng: Rng): number {
  let bits = 0;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i]!;
    if (rng() < c.prevalence) bits |= 1 << c.condition;
  }
  return bits;
}

/**
 * Reads a sampler as a fixed value or an exponential, so the engine can draw those inline (no
 * call, no switch) with the very same uniform and formula. Checked against the sampler itself
 * at a few uniforms, so if the kernel's formulas ever change the engine falls back to calling
 * `sample` rather than silently drawing something different.
 * @returns [kind, parameter]: [D_FIXED, value], [D_EXPONENTIAL, mean] or [D_GENERAL, 0].
 */
function specialise(sampler: Sampler): [number, number] {
  const probes = [0, 0.25, 0.5, 0.9, 1 - 2 ** -32];
  const agrees = (inline: (u: number) => number, draws: number) =>
    probes.every((u) => {
      let calls = 0;
      const v = sampler.sample(() => {
        calls++;
        return u;
      });
      return calls === draws && Object.is(v, inline(u));
    });
  const mean = sampler.mean;
  if (sampler.variance === 0 && agrees(() => mean, 0)) return [D_FIXED, mean];
  if (sampler.dist === 'exponential' && agrees((u) => -mean * Math.log(1 - u), 1)) return [D_EXPONENTIAL, mean];
  return [D_GENERAL, 0];
}
