/**
 * A wait histogram: exact count, mean and maximum, and percentiles from log-linear bins.
 *
 * Storing every wait of a national run (tens of millions) would cost hundreds of megabytes; this
 * costs a fixed ~170 KB. Bins are one minute wide up to 2048 minutes, then each doubling of the
 * wait is split into 1024 bins, so a percentile is within 0.1% of the true value — within a day
 * for waits up to about three years, and within a minute for waits under a day and a half.
 * Zero waits (a free server) are counted apart so that a median of 0 is exactly 0.
 * @module
 */
import type { WaitSummary } from './result.js';

const MINUTES_PER_DAY = 1440;
const LINEAR = 2048; // bins of one minute: [0, 2048) minutes
const SUB = 1024; // bins per doubling above that
const LEVELS = 40; // up to 2^51 minutes: beyond any wait a scenario can produce
/** Waits below this many minutes (about 4,000 years) take the integer fast path of `add`. */
const INT_LIMIT = 2 ** 31;
/** INV_WIDTH[k] = 2^-(k-10): one over the bin width in the doubling [2^k, 2^(k+1)) minutes. */
const INV_WIDTH = Float64Array.from({ length: 32 }, (_, k) => 2 ** -(k - 10));

export class WaitHistogram {
  private counts = new Float64Array(LINEAR + LEVELS * SUB);
  private zeros = 0;
  private total = 0;
  private sum = 0;
  private maximum = 0;
  private readonly box = new Float64Array(1);

  /** Adds one wait in days (non-negative). */
  add(days: number): void {
    const box = this.box;
    box[0] = days;
    this.addFrom(box);
  }

  /**
   * Adds the wait in `box[0]`: the hot path's way in, since a double passed to a call V8 does
   * not inline is boxed in a fresh heap number.
   * @internal
   * @example
   * ```ts
   * import { WaitHistogram } from './histogram.js';
   * const h = new WaitHistogram();
   * h.addFrom(Float64Array.of(1.5));
   * h.sumDays; // 1.5
   * ```
   */
  addFrom(box: Float64Array): void {
    const days = box[0]!;
    this.total++;
    if (days <= 0) {
      this.zeros++;
      return;
    }
    this.sum += days;
    if (days > this.maximum) this.maximum = days;
    const minutes = days * MINUTES_PER_DAY;
    let bin: number;
    if (minutes < LINEAR) bin = minutes | 0;
    else if (minutes < INT_LIMIT) {
      // floor(log2) of the integer part, exactly; then the position within that doubling.
      // Dividing by a power of two is exact, so this is the bin binOf gives, without Math.log2.
      const k = 31 - Math.clz32(minutes);
      bin = LINEAR + (k - 11) * SUB + ((minutes * INV_WIDTH[k]!) | 0) - SUB;
    } else bin = binOf(minutes);
    this.counts[bin]++;
  }

  /** Number of waits added. */
  get n(): number {
    return this.total;
  }

  /** The exact sum of the waits added, in days (in the order added). */
  get sumDays(): number {
    return this.sum;
  }

  /** Forgets everything (used at the end of the warm-up). */
  reset(): void {
    this.counts.fill(0);
    this.zeros = 0;
    this.total = 0;
    this.sum = 0;
    this.maximum = 0;
  }

  /** The q-quantile (0..1) in days; 0 when empty. */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    // Nearest-rank definition: the smallest value with at least q·n values at or below it.
    const rank = Math.max(1, Math.ceil(q * this.total));
    if (rank <= this.zeros) return 0;
    let seen = this.zeros;
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i]!;
      if (c === 0) continue;
      seen += c;
      if (seen >= rank) {
        // The bin's midpoint, kept inside what was actually observed.
        return Math.min(binMid(i) / MINUTES_PER_DAY, this.maximum);
      }
    }
    return this.maximum;
  }

  /** Mean, median, 92nd percentile (the NHS 18-week measure), maximum and count. */
  summary(): WaitSummary {
    return {
      mean: this.total === 0 ? 0 : this.sum / this.total,
      median: this.quantile(0.5),
      p92: this.quantile(0.92),
      max: this.maximum,
      n: this.total,
    };
  }
}

/**
 * Bin index of a positive wait in minutes: the definition (`add` computes the same bins faster
 * below 2^31 minutes; a test checks they agree).
 */
export function binOf(minutes: number): number {
  if (minutes < LINEAR) return Math.floor(minutes);
  const k = Math.floor(Math.log2(minutes)); // ≥ 11
  const sub = Math.floor(minutes / 2 ** (k - 10)); // in [1024, 2048)
  return LINEAR + (k - 11) * SUB + Math.min(sub, 2 * SUB - 1) - SUB;
}

/**
 * The midpoint of a bin, (low + high) / 2 in minutes. A number, not a [low, high] pair: the
 * pair's array had another elements kind for integer and fractional bounds, and the optimised
 * quantile was thrown away ("wrong map") and recompiled whenever it met the other kind.
 */
function binMid(i: number): number {
  if (i < LINEAR) return (i + (i + 1)) / 2;
  const j = i - LINEAR;
  const k = 11 + Math.floor(j / SUB);
  const width = 2 ** (k - 10);
  const lo = (SUB + (j % SUB)) * width;
  return (lo + (lo + width)) / 2;
}
