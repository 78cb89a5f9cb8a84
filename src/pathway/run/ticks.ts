/**
 * The calendar's own events, as opposed to patients' moves: the start of each day (capacity
 * released, then every stage served), the regular samples of the lists, and a stage's capacity
 * changing phase. Rare events, kept out of the engine's event loop.
 * @module
 */
import type { Simulation } from '../../core/simulation.js';
import type { Model } from '../model.js';
import type { Capacity } from './capacity.js';
import { K_DAY, K_SAMPLE } from './events.js';
import type { Flow } from './flow.js';
import type { Losses } from './losses.js';
import type { RunMeasures } from './measures.js';
import type { Statistics } from './stats.js';

/**
 * Day starts, samples and capacity phases of one run.
 * @internal
 * @example
 * ```ts
 * // Built by the engine, which calls day(d), sample(k) and capacityChange(s) from its event loop.
 * import { Ticks } from './ticks.js';
 * typeof Ticks; // 'function'
 * ```
 */
export class Ticks {
  constructor(
    private readonly m: Model,
    private readonly sim: Simulation,
    private readonly stats: Statistics,
    private readonly measures: RunMeasures,
    private readonly capacity: Capacity,
    private readonly losses: Losses | null,
    private readonly flow: Flow | null,
    private readonly end: number,
    /** The engine's moves: serve stage s as far as its capacity allows; patients waiting now. */
    private readonly host: { drain(s: number): void; waiting(): number },
  ) {}

  /**
   * A capacity change. Patients in service finish; fewer servers only stop new starts. A new
   * slot pattern takes effect at the next day's release.
   */
  capacityChange(s: number): void {
    this.stats.touch(s);
    this.capacity.phaseChange(s);
    this.host.drain(s);
  }

  /** Start of a day: every stage's capacity is released first, then each stage serves. */
  day(day: number): void {
    const stages = this.m.stages.length;
    const weekday = (this.m.startWeekday + day) % 7;
    const measuring = this.stats.measuring;
    for (let s = 0; s < stages; s++) this.capacity.dayStart(s, weekday, measuring);
    if (this.losses !== null) this.losses.dayStart(this.capacity.state, measuring);
    if (this.flow !== null) this.flow.dayStart();
    for (let s = 0; s < stages; s++) if (this.capacity.daily(s)) this.host.drain(s);
    if (day + 1 < this.end) this.sim.post(day + 1, K_DAY, day + 1);
  }

  /** A sample of the lists, and the next one posted. */
  sample(k: number): void {
    this.stats.sample(this.sim.now, this.host.waiting());
    this.measures.sampled();
    const next = (k + 1) * this.m.sampleEvery;
    if (next <= this.end + 1e-9) this.sim.post(Math.min(next, this.end), K_SAMPLE, k + 1);
  }
}
