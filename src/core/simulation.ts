/**
 * The simulation clock and event loop. Events are numbers (`kind`, `data`) handed to one
 * dispatch function, so the loop allocates nothing per event; {@link Simulation.at} adds
 * SimPy-style callbacks for convenience where speed matters less.
 * @module
 */
import { EventCalendar } from './calendar.js';
import { PlainCalendar } from './plain-calendar.js';

/**
 * The `kind` reserved for callback events made by {@link Simulation.at}. Model event kinds
 * must differ from it (any other int32 is fine; small non-negative integers are usual).
 *
 * @example
 * ```ts
 * import { CALLBACK_KIND } from 'carepath/kernel';
 * CALLBACK_KIND; // -2147483648: never use it as a model event kind
 * ```
 */
export const CALLBACK_KIND = -0x80000000;

/** Options for {@link Simulation}. */
export interface SimulationOptions {
  /**
   * Most events allowed at one instant before the run is judged a zero-time loop and stopped
   * with an error. Default 10,000,000.
   */
  maxEventsPerInstant?: number;
  /** Initial event-calendar capacity (it grows as needed). Default 1024. */
  initialCapacity?: number;
  /**
   * False for a model that never cancels an event: a leaner calendar without handles
   * (core/plain-calendar.ts; same order, so the same results). Scheduling then returns -1 and
   * {@link Simulation.cancel} throws. Default true.
   */
  cancellable?: boolean;
}

/**
 * Thrown when more than `maxEventsPerInstant` events happen at one simulated time: almost
 * always an event that reschedules itself with zero delay.
 *
 * @example
 * ```ts
 * import { Simulation, ZeroTimeLoopError } from 'carepath/kernel';
 * const sim = new Simulation({ maxEventsPerInstant: 1000 });
 * sim.schedule(0, 1, 0);
 * try {
 *   sim.run(10, () => sim.scheduleAfter(0, 1, 0)); // reschedules itself at the same instant
 * } catch (e) {
 *   (e as ZeroTimeLoopError).time; // 0
 * }
 * ```
 */
export class ZeroTimeLoopError extends Error {
  /** The simulated time at which the loop happened. */
  readonly time: number;
  /** Events processed at that time when the guard fired. */
  readonly count: number;
  /**
   * Describes the loop found.
   * @param time The simulated time.
   * @param count Events seen at that time.
   */
  constructor(time: number, count: number) {
    super(
      `possible zero-time loop: ${count} events at time ${time} without the clock moving ` +
        '(an event probably reschedules itself with no delay); raise maxEventsPerInstant if this is intended',
    );
    this.name = 'ZeroTimeLoopError';
    this.time = time;
    this.count = count;
  }
}

/**
 * A discrete-event simulation: a clock, an event calendar and a run loop.
 *
 * @example
 * ```ts
 * import { Simulation } from 'carepath/kernel';
 * const ARRIVAL = 0;
 * const sim = new Simulation();
 * sim.schedule(0, ARRIVAL, 0);
 * sim.run(100, (kind, data) => {
 *   if (kind === ARRIVAL) sim.scheduleAfter(1, ARRIVAL, data + 1); // one arrival a day
 * });
 * sim.eventsProcessed; // 101 (times 0, 1, ..., 100)
 * ```
 */
export class Simulation {
  /** One class or the other for the life of the simulation (see SimulationOptions.cancellable). */
  private readonly calendar: EventCalendar | PlainCalendar;
  private readonly maxEventsPerInstant: number;
  private clock = 0;
  private processed = 0;
  private stopRequested = false;
  private running = false;
  /** The instant the runaway guard is counting, and how many events it has seen there. */
  private instant = Number.NaN;
  private instantCount = 0;
  private callbacks: ((() => void) | undefined)[] = [];
  private freeCallbacks: number[] = [];

  /** Makes a simulation with the clock at 0 and no events. */
  constructor(options: SimulationOptions = {}) {
    const max = options.maxEventsPerInstant ?? 10_000_000;
    if (!Number.isSafeInteger(max) || max < 1) {
      throw new RangeError(`Simulation maxEventsPerInstant: expected a positive integer, got ${max}`);
    }
    this.maxEventsPerInstant = max;
    this.calendar = options.cancellable === false ? new PlainCalendar(options.initialCapacity) : new EventCalendar(options.initialCapacity);
    this.slot = this.calendar.slot; // the calendar's own: the time goes no further as an argument
  }

  /** Current simulated time. Starts at 0; moves only forward, as events are run. */
  get now(): number {
    return this.clock;
  }

  /** Events run so far (callbacks included), over all calls to {@link Simulation.run}. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events scheduled and not yet run or cancelled. */
  get pending(): number {
    return this.calendar.size;
  }

  /** Time of the next pending event, or Infinity when there is none. */
  nextEventTime(): number {
    return this.calendar.peekTime();
  }

  /**
   * Schedules an event at absolute time `time` (not before {@link Simulation.now}).
   * @param kind An int32 the dispatch function switches on; not {@link CALLBACK_KIND}.
   * @param data An int32 payload, e.g. a patient id.
   * @returns A handle for {@link Simulation.cancel}.
   */
  schedule(time: number, kind: number, data: number): number {
    // Throws are kept out of line so that this stays small enough to be inlined.
    if (!(time >= this.clock) || kind === CALLBACK_KIND) this.reject(time, kind);
    return this.calendar.push(time, kind, data);
  }

  /**
   * {@link Simulation.schedule} for an event that is never cancelled: no handle is made. (A
   * handle is a double beyond 2^31, boxed in a fresh heap number when returned from a call V8
   * does not inline; a model's hot path posts its events this way.)
   * @example
   * ```ts
   * import { Simulation } from 'carepath/kernel';
   * const sim = new Simulation();
   * sim.post(2, 1, 7);
   * sim.run(5, (kind, data) => console.log(sim.now, kind, data)); // 2 1 7
   * ```
   */
  post(time: number, kind: number, data: number): void {
    if (!(time >= this.clock) || kind === CALLBACK_KIND) this.reject(time, kind);
    this.calendar.add(time, kind, data);
  }

  /**
   * The time {@link Simulation.postAtSlot} schedules at: a caller writes the time here rather than
   * passing it, since a double argument to a call V8 does not inline is boxed in a fresh heap
   * number (one per event on a model's hot path).
   * @internal
   */
  readonly slot: Float64Array;

  /**
   * {@link Simulation.post} at the time in {@link Simulation.slot}[0].
   * @internal
   * @example
   * ```ts
   * import { Simulation } from './simulation.js';
   * const sim = new Simulation();
   * sim.slot[0] = 2;
   * sim.postAtSlot(1, 7);
   * sim.run(5, (kind, data) => console.log(sim.now, kind, data)); // 2 1 7
   * ```
   */
  postAtSlot(kind: number, data: number): void {
    const time = this.slot[0]!;
    if (!(time >= this.clock) || kind === CALLBACK_KIND) this.reject(time, kind);
    this.calendar.addFromSlot(kind, data);
  }

  /**
   * Takes the next place in the order of same-time events, for an event to be scheduled later
   * with {@link Simulation.scheduleInOrder} as if it were scheduled now.
   * @example
   * ```ts
   * import { Simulation } from 'carepath/kernel';
   * const sim = new Simulation();
   * const order = sim.reserveOrder();
   * sim.schedule(3, 2, 0);
   * sim.scheduleInOrder(3, 1, 0, order); // runs before the (3, 2) event
   * ```
   */
  reserveOrder(): number {
    return this.calendar.reserveOrder();
  }

  /** {@link Simulation.schedule} in a place of the order reserved by {@link Simulation.reserveOrder}. */
  scheduleInOrder(time: number, kind: number, data: number, order: number): number {
    if (!(time >= this.clock) || kind === CALLBACK_KIND) this.reject(time, kind);
    return this.calendar.pushInOrder(time, kind, data, order);
  }

  /** Schedules an event `delay` after now (`delay` ≥ 0). See {@link Simulation.schedule}. */
  scheduleAfter(delay: number, kind: number, data: number): number {
    if (!(delay >= 0)) rejectDelay(delay);
    return this.schedule(this.clock + delay, kind, data);
  }

  /**
   * Runs `fn` at absolute time `time`. Handy for tests and one-off model events; the hot path
   * of a model should use numeric events with {@link Simulation.schedule}.
   * @returns A handle for {@link Simulation.cancel}.
   */
  at(time: number, fn: () => void): number {
    if (!(time >= this.clock)) this.rejectTime(time);
    if (typeof fn !== 'function') throw new TypeError('Simulation.at: expected a function');
    const index = this.freeCallbacks.length > 0 ? this.freeCallbacks.pop()! : this.callbacks.length;
    this.callbacks[index] = fn;
    return this.calendar.push(time, CALLBACK_KIND, index);
  }

  /** Runs `fn` after `delay` (≥ 0). See {@link Simulation.at}. */
  after(delay: number, fn: () => void): number {
    if (!(delay >= 0)) rejectDelay(delay);
    return this.at(this.clock + delay, fn);
  }

  /** Cancels a pending event or callback. Throws if the handle is not pending. */
  cancel(handle: number): void {
    const calendar = this.calendar;
    if (calendar.isPending(handle) && calendar.kindOf(handle) === CALLBACK_KIND) {
      this.releaseCallback(calendar.dataOf(handle));
    }
    calendar.cancel(handle);
  }

  /** True while the event behind `handle` is scheduled and not yet run or cancelled. */
  isPending(handle: number): boolean {
    return this.calendar.isPending(handle);
  }

  /**
   * Runs events in time order (ties in scheduling order) up to and including time `until`,
   * calling `dispatch(kind, data)` for each (callbacks made with {@link Simulation.at} run
   * themselves). Events may schedule and cancel others. When no event is left at or before
   * `until`, the clock is set to `until`; with `until = Infinity` the run ends when the
   * calendar is empty and the clock stays at the last event's time.
   *
   * {@link Simulation.stop} makes it return after the current event, with the clock at that
   * event's time; calling `run` again resumes.
   *
   * @throws ZeroTimeLoopError if more than `maxEventsPerInstant` events happen at one time.
   */
  run(until: number, dispatch: (kind: number, data: number) => void): void {
    if (typeof until !== 'number' || Number.isNaN(until) || until < this.clock) {
      throw new RangeError(`Simulation.run: expected an end time ≥ now (${this.clock}), got ${until}`);
    }
    if (this.running) throw new Error('Simulation.run: already running (run is not re-entrant)');
    this.running = true;
    this.stopRequested = false;
    try {
      this.loop(until, dispatch);
    } finally {
      this.running = false;
    }
  }

  /**
   * The event loop proper, apart from `run`'s try/finally: locals that live across a call
   * inside a try block must be kept boxed for the handler, which cost a heap number per event.
   */
  private loop(until: number, dispatch: (kind: number, data: number) => void): void {
    const calendar = this.calendar;
    const max = this.maxEventsPerInstant;
    while (calendar.popUntil(until)) {
      const time = calendar.time;
      if (time !== this.instant) {
        this.instant = time;
        this.instantCount = 1;
      } else if (++this.instantCount > max) {
        throw new ZeroTimeLoopError(time, this.instantCount);
      }
      this.clock = time;
      this.processed++;
      const kind = calendar.kind;
      if (kind === CALLBACK_KIND) this.runCallback(calendar.data);
      else dispatch(kind, calendar.data);
      if (this.stopRequested) return;
    }
    if (until !== Infinity) this.clock = until;
  }

  /** Makes {@link Simulation.run} return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  private runCallback(index: number): void {
    const fn = this.callbacks[index]!;
    this.releaseCallback(index);
    fn();
  }

  private releaseCallback(index: number): void {
    this.callbacks[index] = undefined;
    this.freeCallbacks.push(index);
  }

  private reject(time: number, kind: number): never {
    if (kind === CALLBACK_KIND) throw new RangeError(`event kind ${kind} is reserved for callbacks (Simulation.at)`);
    this.rejectTime(time);
  }

  private rejectTime(time: number): never {
    if (typeof time !== 'number' || !Number.isFinite(time)) {
      throw new RangeError(`event time: expected a finite number, got ${time}`);
    }
    throw new RangeError(`event time ${time} is in the past (now is ${this.clock})`);
  }
}

function rejectDelay(delay: number): never {
  throw new RangeError(`event delay: expected a finite number ≥ 0, got ${delay}`);
}
