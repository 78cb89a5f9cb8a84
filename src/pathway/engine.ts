/**
 * The pathway engine: drives patients through a {@link Model}'s stages on the kernel's event
 * calendar. Its parts live in `run/`: the compiled model (flat tables), capacity policies per
 * kind, queue policies per discipline, target clocks and the statistics collector; routing is
 * `routing.ts`; DNAs, missed returns and turned-away patients are `run/detours.ts`. This file is
 * the event loop that moves patients between them.
 *
 * Hot-path rules: patients are rows of a typed-array store, events carry (kind, patient id) as
 * numbers, per-stage state lives in typed arrays, and nothing is allocated per event. Zero-length
 * services complete inline (no event), and the capacity of a stage is drained in a loop guarded
 * against re-entry, so a long queue never becomes deep recursion.
 * @module
 */
import { Simulation } from '../core/simulation.js';
import { RandomStreams, type Rng } from '../core/random.js';
import { withCalendarPhases } from './calendar.js';
import { EXIT, type Model } from './model.js';
import { PatientRandom } from './patient-random.js';
import { ABANDONED, IN_SERVICE, PatientStore, WAITING } from './patients.js';
import type { FifoQueue } from './queues.js';
import type { RunResult } from './result.js';
import { chooseBranchFrom, hasBranches, type RoutingTable } from './routing.js';
import { Capacity, CAP_SERVERS } from './run/capacity.js';
import { Detours } from './run/detours.js';
import { EXT_POOL, Flow } from './run/flow.js';
import { TargetClocks } from './run/clocks.js';
import type { PatientSink, Recorder } from './run/records.js';
import { ArrivalPath } from './run/arrival-path.js';
import { Rereferrals } from './run/rereferral.js';
import { applyTest, compileModel, D_EXPONENTIAL, D_FIXED, D_NONE, type CompiledModel } from './run/compiled.js';
import { K_ABANDON_AT, K_ARRIVAL, K_CAPACITY, K_DAY, K_DEADLINES, K_END, K_END_FREE, K_IDLE_END, K_REBOOK, K_RETURN, K_SAMPLE, K_WARMUP, scheduleFixed } from './run/events.js';
import { patientView, routeByHook, type PatientView, type SimulationHooks } from './run/hooks.js';
import { insertInitial } from './run/initial.js';
import { Ticks } from './run/ticks.js';
import { RunMeasures } from './run/measures.js';
import { runResult } from './run/finish.js';
import { GoneRows, usesGoneRows } from './run/gone-rows.js';
import { Patience } from './run/patience.js';
import { dropAbandonedFront } from './run/queue-front.js';
import { queuedPatience } from './run/queued-deadlines.js';
import { FIRST_COUNTDOWN, ProgressReports } from './run/progress.js';
import { Losses } from './run/losses.js';
import { StageQueues } from './run/queueing.js';
import { needsRowTail } from './run/row-tail.js';
import { compactRows, rowReuse } from './run/row-reuse.js';
import { Statistics } from './run/stats.js';

export type { DisciplineFunction, PatientView, RouteContext, SimulationHooks } from './run/hooks.js';
export { sortAscending } from './run/sort.js';

/** Runs one replication of a model. Construct, call {@link Engine.run} once. */
export class Engine {
  private readonly sim: Simulation;
  private readonly m: Model;
  private readonly c: CompiledModel;
  private readonly hooks: SimulationHooks;
  private readonly store: PatientStore;
  private readonly end: number;
  private readonly nStages: number;
  private readonly streams: RandomStreams;
  private readonly seed: number;
  private readonly replication: number;

  // Parts.
  private readonly capacity: Capacity;
  /** The capacity state's kind, busy and servers arrays, read directly on the hot path. */
  private readonly kind: Uint8Array;
  private readonly busy: Int32Array;
  private readonly servers: Int32Array;
  private readonly queues: StageQueues;
  /** Arrival-order stages' rings (null elsewhere): a monomorphic call site for the common case. */
  private readonly fifo: (FifoQueue | null)[];
  private readonly stats: Statistics;
  /** Patient records, only when a sink is given (one null check per event otherwise). */
  private readonly rec: Recorder | null;
  /** Counts, clocks, breakdowns and records told of each move (run/measures.ts). */
  private readonly measures: RunMeasures;
  /** Branches marked as re-referrals of the same episode (run/rereferral.ts), or null. */
  private readonly reref: Rereferrals | null;
  private readonly routing: RoutingTable;
  /** DNAs, cancellations and lead times (run/losses.ts), or null when no stage has any. */
  private readonly losses: Losses | null;
  private readonly dnaAt: Uint8Array;
  private readonly leadAt: Uint8Array;
  /** Pools, places and blocking (run/flow.ts), or null; `ext[s]` is 0 where a stage needs none of them. */
  private readonly flow: Flow | null;
  private readonly ext: Uint8Array;
  /** Patients who gave up, still on their queues, marked outside their rows (run/gone-rows.ts), or null. */
  private readonly gone: GoneRows | null;
  /** DNAs, rebooking, missed returns, rejection and flow moves (run/detours.ts): the cold paths. */
  private readonly detours: Detours;

  // Per-stage state.
  private readonly waiting: Int32Array;
  private readonly draining: Uint8Array;
  private readonly serviceRng: Rng[];
  /** Abandonment deadlines (run/patience.ts). */
  private readonly patience: Patience;
  /** Test, routing and missed-return draws: the patient's own (see patient-random.ts). */
  private readonly prn: PatientRandom;
  private readonly arrivals: ArrivalPath;
  /** Day starts, samples and capacity phases (run/ticks.ts). */
  private readonly ticks: Ticks;

  // Patient counts over the whole run.
  private arrived = 0;
  /** Arrivals before the measured period (cost per patient counts the measured ones). */
  private arrivedInWarmup = 0;
  private initialCount = 0;
  private exited = 0;
  private abandonedTotal = 0;
  private totalWaiting = 0;

  private readonly reports: ProgressReports;
  /** Events until the next progress report (run/progress.ts). */
  private progressCountdown = FIRST_COUNTDOWN;

  constructor(
    model: Model,
    options: { seed?: number; replication?: number; hooks?: SimulationHooks; onProgress?: (fractionDone: number) => void; patients?: PatientSink } = {},
  ) {
    model = withCalendarPhases(model); // closed days and sessions are plain capacity phases
    this.m = model;
    this.hooks = options.hooks ?? {};
    this.seed = options.seed ?? model.seed;
    this.replication = options.replication ?? 0;
    this.end = model.warmup + model.horizon;
    this.reports = new ProgressReports(options.onProgress ?? null, this.end);
    const c = (this.c = compileModel(model));
    const S = (this.nStages = c.stages);
    // Nothing cancels events (patience checks its deadlines when they fire: run/patience.ts),
    // so the calendar needs no handles (same order).
    this.sim = new Simulation({ cancellable: false });
    this.routing = c.routing;
    const clocks = new TargetClocks(model);
    // Room for twice the patients waiting at the start, so a national backlog and its
    // fluctuations never grow the store (growing briefly holds two copies of it). Rows are used
    // in order, so pages of the buffer that are never reached cost address space, not memory.
    const initialPatients = model.initial.reduce((n, g) => n + g.count, 0);
    const queued = queuedPatience(model); // deadlines told live by place in the queue: rows keep no handle
    const reuse = rowReuse(model, this.hooks);
    this.store = new PatientStore(clocks.fromTargets, 2 * initialPatients + 1024, needsRowTail(model, clocks, options.patients), reuse, compactRows(model), !queued);
    const streams = (this.streams = new RandomStreams(this.seed, this.replication));

    this.waiting = new Int32Array(S);
    this.draining = new Uint8Array(S);
    this.capacity = new Capacity(model);
    this.kind = this.capacity.state.kind;
    this.busy = this.capacity.state.busy;
    this.servers = this.capacity.state.servers;
    this.queues = new StageQueues(model, this.store, this.hooks, (p) => this.view(p), () => this.sim.now);
    this.fifo = this.queues.fifo;
    this.stats = new Statistics(model, this.sim, this.waiting, this.capacity);
    this.measures = RunMeasures.create(model, this.sim, this.store, this.stats, clocks, options.patients && streams.stream('records'), options.patients, this.seed, this.replication);
    this.rec = this.measures.rec;
    this.reref = Rereferrals.of(model);
    const perStage = (prefix: string) => model.stages.map((st) => streams.stream(`${prefix}/${st.id}`));
    this.serviceRng = perStage('service');
    this.patience = new Patience(c, perStage('patience'), this.sim, this.store, this.end, K_ABANDON_AT, K_DEADLINES, queued ? this.fifo : null);
    this.prn = new PatientRandom(model, this.seed, this.replication, this.store);
    this.losses = Losses.any(model) ? new Losses(model, this.seed, this.replication, streams, this.store) : null;
    this.dnaAt = this.losses?.dnaAt ?? new Uint8Array(S);
    this.leadAt = this.losses?.leadAt ?? new Uint8Array(S);
    // The initial backlog goes straight into its queues: size them for it.
    for (const g of model.initial) this.fifo[g.stage]?.reserve(this.fifo[g.stage]!.size + g.count);
    this.arrivals = new ArrivalPath(model, c, streams, this.sim, this.store, this.prn, this.end, K_ARRIVAL);
    // The engine's moves the flow and the detours call back (one object, bound once).
    const host = {
      drain: (s: number) => this.drain(s),
      startNext: (s: number) => this.startNext(s),
      hasFree: (s: number) => this.hasFree(s),
      moveTo: (p: number, next: number) => this.detours.moveTo(p, next),
      startService: (p: number, s: number) => this.startService(p, s),
      enqueue: (p: number, s: number) => this.enqueue(p, s),
      enterStage: (p: number, s: number) => this.enterStage(p, s),
      exit: (p: number) => this.exit(p),
    };
    this.flow = Flow.needed(model) ? new Flow(model, this.sim, this.store, this.capacity.state, this.waiting, this.fifo, this.stats, host) : null;
    this.ext = this.flow?.ext ?? new Uint8Array(S);
    this.gone = usesGoneRows(model, queued, reuse, this.flow !== null) ? new GoneRows(this.store) : null;
    this.detours = new Detours(model, c, this.sim, this.store, this.stats, this.measures, this.prn, this.serviceRng, this.busy, this.waiting, this.ext, this.leadAt, this.losses, this.flow, host);
    this.ticks = new Ticks(model, this.sim, this.stats, this.measures, this.capacity, this.losses, this.flow, this.end, { drain: host.drain, waiting: () => this.totalWaiting });
  }

  /** Runs the model to its end and returns the result. */
  run(): Omit<RunResult, 'manifest'> {
    const m = this.m;
    scheduleFixed(this.sim, m, this.end, this.capacity.usesDays);
    this.patience.start();
    const rec = this.rec; // the patients waiting at day 0 join their queues, longest waiters first
    this.initialCount = insertInitial(m, this.streams, this.store, this.prn, (p, s) => {
      if (rec !== null) rec.begin(p);
      this.enterStage(p, s);
    });
    for (let a = 0; a < m.arrivals.length; a++) this.arrivals.schedule(a); // the clock is at 0

    this.sim.run(this.end, (kind, data) => this.dispatch(kind, data));
    return this.finish();
  }

  private progress(): void {
    this.progressCountdown = this.reports.next(this.sim.eventsProcessed, this.sim.now);
  }

  private dispatch(kind: number, data: number): void {
    if (--this.progressCountdown === 0) this.progress();
    if (kind === K_END || kind === K_END_FREE) {
      // One call site, so V8 inlines complete once.
      this.complete(data, this.store.stage(data), kind === K_END ? 1 : 0);
    } else if (kind === K_ARRIVAL) this.onArrival(data);
    else if (kind >= K_ABANDON_AT) this.onAbandon(data, kind - K_ABANDON_AT);
    else this.other(kind, data);
  }

  /**
   * Every other kind, out of the loop's inlined code: the first sample is the run's first event,
   * so this call site has its feedback at once, and a kind first seen late (the end of the
   * warm-up) no longer throws away the optimised loop.
   */
  private other(kind: number, data: number): void {
    switch (kind) {
      case K_DAY:
        this.ticks.day(data);
        break;
      case K_SAMPLE:
        this.ticks.sample(data);
        break;
      case K_CAPACITY:
        this.ticks.capacityChange(data);
        break;
      case K_RETURN:
        this.detours.onReturn(data);
        break;
      case K_WARMUP:
        this.stats.startMeasuring();
        if (this.flow !== null) this.flow.startMeasuring();
        this.arrivedInWarmup = this.arrived;
        break;
      case K_DEADLINES:
        this.patience.onDay(data);
        break;
      case K_REBOOK:
        this.detours.onRebook(data);
        break;
      case K_IDLE_END:
        this.detours.idleEnd(data);
        break;
    }
  }

  // ---- patients moving ----

  // Hot-path calls pass patient ids and stage indices, never times: a double argument to a call
  // V8 does not inline is boxed in a fresh heap number, which was most of the garbage per event.
  // Times are read from the clock or written to the store by the caller instead.

  private onArrival(a: number): void {
    const p = this.arrivals.admit(a);
    this.arrived++;
    if (this.rec !== null) this.rec.begin(p);
    const to = this.c.arrivalTo[a]!;
    if (this.ext[to] !== 0 && this.flow!.isFull(to)) this.detours.reject(p, to);
    else this.enterStage(p, to);
    this.arrivals.schedule(a);
  }

  /** Patient p joins stage s; the caller has set their join time (usually to now). */
  private enterStage(p: number, s: number): void {
    this.store.setStage(p, s);
    if (this.rec !== null) this.rec.join(p, s);
    this.stats.entered[s]++; // warm-up included, then cleared (Statistics.startMeasuring)
    if (this.ext[s] !== 0) this.flow!.entered(s);
    if (this.waiting[s] === 0 && this.hasFree(s) && (this.leadAt[s] === 0 || this.losses!.eligible(p, s, this.sim.now))) this.startService(p, s);
    else this.enqueue(p, s);
  }

  /** Whether a patient could start at s now (servers inline, as serversPolicy.hasFree). */
  private hasFree(s: number): boolean {
    const own = this.kind[s] === CAP_SERVERS ? this.busy[s]! < this.servers[s]! : this.capacity.hasFree(s);
    return (this.ext[s]! & EXT_POOL) === 0 ? own : own && this.flow!.pools.free(s);
  }

  private enqueue(p: number, s: number): void {
    const store = this.store;
    const now = this.sim.now;
    this.stats.touch(s);
    store.setState(p, WAITING);
    this.waiting[s]++;
    this.totalWaiting++;
    const fifo = this.fifo[s]!;
    if (fifo !== null) fifo.push(p);
    else this.queues.pushOrdered(s, p, now);
    if (this.c.patKind[s] !== D_NONE) this.patience.begin(p, s);
  }

  /** Starts as many waiting patients as the stage's capacity allows: the one loop every capacity kind shares. */
  private drain(s: number): void {
    if (this.draining[s] === 1) return; // the outer call's loop picks up freed capacity
    this.draining[s] = 1;
    const fifo = this.fifo[s]!;
    const gated = this.leadAt[s]; // a booking lead time: fifo queues only, so the head joined first
    while (this.waiting[s]! > 0 && this.hasFree(s)) {
      if (gated === 1) {
        dropAbandonedFront(fifo!, this.store, this.gone); // the lead time is judged on the first patient still waiting
        if (!this.losses!.headEligible(fifo!, s, this.sim.now)) break;
      }
      this.startService(this.takeNext(s, fifo), s);
    }
    this.draining[s] = 0;
  }

  /** Starts the front live patient of s's queue (the caller knows one waits and s has capacity). */
  private startNext(s: number): void {
    this.startService(this.takeNext(s, this.fifo[s]!), s);
  }

  /**
   * Takes the front live patient off s's queue and out of the list counts (the caller knows one
   * waits; `fifo` is its ring, or null for an ordered queue); patients who gave up while queued
   * are freed on the way, as the queue reaches them.
   */
  private takeNext(s: number, fifo: FifoQueue | null): number {
    for (;;) {
      const p = fifo !== null ? fifo.shift() : this.queues.ordered[s]!.shift();
      if (this.gone !== null && this.gone.take(p)) continue; // gave up: freed without reading the row
      if (this.store.state(p) !== ABANDONED) {
        this.stats.touch(s);
        this.waiting[s]--;
        this.totalWaiting--;
        return p;
      }
      this.store.release(p);
    }
  }

  private startService(p: number, s: number): void {
    const store = this.store;
    const sim = this.sim;
    const stats = this.stats;
    const now = sim.now;
    if (store.abandonHandle(p) !== -1) this.patience.clear(p);
    stats.touch(s);
    store.setState(p, IN_SERVICE);
    // Servers inline (the hot case; serversPolicy.take does the same), other kinds through their policy.
    let held = 1;
    if (this.kind[s] === CAP_SERVERS) this.busy[s]++;
    else held = this.capacity.take(s, stats.measuring);
    if (this.dnaAt[s] === 1 && this.detours.didNotAttend(p, s, held)) return;
    if (this.ext[s] !== 0) this.flow!.started(s);
    this.measures.started(p, s);
    const c = this.c;
    const kind = c.svcKind[s];
    const d =
      kind === D_EXPONENTIAL
        ? -c.svcParam[s]! * Math.log(1 - this.serviceRng[s]!())
        : kind === D_FIXED
          ? c.svcParam[s]!
          : c.service[s]!.sample(this.serviceRng[s]!);
    if (d > 0) {
      sim.slot[0] = now + d;
      sim.postAtSlot(held === 1 ? K_END : K_END_FREE, p);
    } else this.complete(p, s, held);
  }

  /** Patient p finishes stage s; `held` is 1 if they held a server. */
  private complete(p: number, s: number, held: number): void {
    const store = this.store;
    const c = this.c;
    this.stats.touch(s);
    this.measures.completed(p, s);
    const tc = c.testCond[s]!;
    const routed = hasBranches(this.routing, s);
    // One visit key per completion, shared by its test and routing draws.
    const visit = tc >= 0 || routed ? store.visitKey(p, s) : 0;
    if (tc >= 0) applyTest(c, store, p, s, tc, this.prn, visit);
    this.measures.tested(p, tc);
    let next = EXIT;
    if (routed) {
      // Draws are pure per patient and visit, so when one branch takes everyone none is made.
      const only = this.routing.only[s]!;
      if (only !== -2) next = only;
      else {
        // The uniform goes through prn.u: a double returned or passed across a call is boxed.
        const u = this.prn.u;
        if (this.routing.drawn[s] === 1) this.prn.drawRoute(p, s, visit);
        else u[0] = 0;
        next = chooseBranchFrom(this.routing, s, store, p, u);
      }
    }
    if (this.hooks.route) next = routeByHook(this.hooks.route, this.m, this.view(p), s, next, this.sim.now);
    // Pools and places decide the rest (release, blocking) in run/flow.ts.
    if (this.ext[s] !== 0) {
      this.flow!.complete(p, s, held, next);
      return;
    }
    if (held === 1) this.busy[s]--;
    if (this.kind[s] === CAP_SERVERS) this.drain(s);
    if (next === EXIT) this.exit(p);
    else {
      if (this.reref !== null && this.reref.marked(s, next)) this.measures.returned(p); // a new clock, as a missed patient's return
      store.setJoined(p, this.sim.now);
      this.enterStage(p, next);
    }
  }

  private exit(p: number): void {
    const store = this.store;
    this.measures.reachedExit(p, 2 * this.nStages);
    const at = store.missedAt(p);
    if (at >= 0 && this.detours.missedReturns(p, at)) return;
    this.measures.exited(p);
    this.exited++;
    store.release(p);
  }

  /** Patient p gives up waiting at stage s (from the event's kind; with run/gone-rows.ts the row is not touched at all). */
  private onAbandon(p: number, s: number): void {
    if (p < 0 && !this.patience.fire((p = ~p))) return; // a deadline of the day's window (run/patience.ts)
    const store = this.store;
    this.stats.touch(s);
    this.waiting[s]--;
    this.totalWaiting--;
    if (this.gone !== null) this.gone.mark(p); // freed when the queue reaches it
    else store.setState(p, ABANDONED);
    store.setAbandonHandle(p, -1);
    this.abandonedTotal++;
    this.measures.abandoned(p, s);
    if (this.losses !== null) this.losses.forget(p);
    if (this.ext[s] !== 0) this.flow!.abandoned(s);
  }

  private finish(): Omit<RunResult, 'manifest'> {
    if (this.gone !== null) this.gone.settle(); // before anything reads states over the store
    const totals = { arrived: this.arrived, arrivedInWarmup: this.arrivedInWarmup, initial: this.initialCount, exited: this.exited, abandoned: this.abandonedTotal, events: this.sim.eventsProcessed - this.patience.ticks };
    const parts = { measures: this.measures, losses: this.losses, flow: this.flow, capacity: this.capacity.state };
    return runResult(this.m, parts, totals, { end: this.end, seed: this.seed, replication: this.replication });
  }

  /** Builds the read-only view of a patient given to hooks. */
  private view(p: number): PatientView {
    return patientView(this.m, this.store, p, this.prn.identity(p));
  }
}
