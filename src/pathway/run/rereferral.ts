/**
 * Re-referrals of the same episode: a branch marked `rereferral: same-episode` sends the patient
 * on as a new referral. Their pathway clock restarts when they take it (the official standards
 * count a re-referral as a new clock), and their first-presentation clock keeps running, exactly
 * as when a missed patient comes back: true-case delays and `clock: first` targets still count
 * from the first presentation. Without the mark a branch continues the same pathway (no clock
 * restarts), and a re-referral that is a new episode is a new arrival.
 *
 * Only scenarios with a marked branch get one; the engine pays one null check per routing. The
 * restart itself is a return's (run/measures.ts `returned`).
 * @module
 */
import type { Model } from '../model.js';

/** Which (stage, next stage) moves are re-referrals, and the clock restart they cause. @internal */
export class Rereferrals {
  /** Stage index → destinations of its marked branches (validation makes branches to one stage agree). */
  private readonly to: Int32Array[];

  private constructor(model: Model) {
    this.to = model.stages.map((st) => Int32Array.from(st.next.filter((b) => b.rereferral === 'same-episode').map((b) => b.to)));
  }

  /**
   * The re-referrals of a model, or null when no branch is marked.
   * @internal
   * @example
   * ```ts
   * import { Rereferrals } from './rereferral.js';
   * Rereferrals.of({ stages: [{ next: [] }] } as never); // null
   * ```
   */
  static of(model: Model): Rereferrals | null {
    return model.stages.some((st) => st.next.some((b) => b.rereferral === 'same-episode')) ? new Rereferrals(model) : null;
  }

  /** True when moving from stage `s` to stage `next` takes a marked branch. */
  marked(s: number, next: number): boolean {
    const to = this.to[s]!;
    for (let i = 0; i < to.length; i++) if (to[i] === next) return true;
    return false;
  }
}
