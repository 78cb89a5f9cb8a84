/**
 * Waiting lines of patient ids, without an object per patient.
 *
 * Patients who abandon are not removed from the middle of a line (that would cost O(n)); the
 * engine marks them and discards them when they reach the front. So `size` counts entries, not
 * live patients — the engine keeps the live count.
 * @module
 */

/** The operations the engine needs from a waiting line. */
export interface PatientQueue {
  /** Appends a patient; `priority` is used only by ordered queues. */
  push(id: number, priority: number): void;
  /** Removes and returns the front entry, or -1 when empty. */
  shift(): number;
  /** Entries held, including abandoned patients not yet discarded. */
  readonly size: number;
}

/** First come, first served: a growable ring buffer. */
export class FifoQueue implements PatientQueue {
  private buf: Int32Array;
  private head = 0;
  private count = 0;
  /**
   * Entries ever shifted: the entry pushed n-th (from 0) is still on the ring iff n ≥ shifted,
   * which tells a deadline whether its patient still waits without reading the patient's row
   * (`run/queued-deadlines.ts`).
   */
  shifted = 0;

  constructor(initialCapacity = 16) {
    this.buf = new Int32Array(Math.max(2, initialCapacity));
  }

  get size(): number {
    return this.count;
  }

  push(id: number): void {
    if (this.count === this.buf.length) this.grow();
    const i = this.head + this.count;
    const cap = this.buf.length;
    this.buf[i >= cap ? i - cap : i] = id;
    this.count++;
  }

  /** Entries ever pushed: the last one pushed was the (pushed − 1)-th, counting from 0. */
  get pushed(): number {
    return this.shifted + this.count;
  }

  /** The front entry without removing it, or -1 when empty. */
  peek(): number {
    return this.count === 0 ? -1 : this.buf[this.head]!;
  }

  shift(): number {
    if (this.count === 0) return -1;
    const id = this.buf[this.head]!;
    this.head++;
    this.shifted++;
    if (this.head === this.buf.length) this.head = 0;
    this.count--;
    return id;
  }

  /** Makes room for `n` entries in all, so that loading a known backlog never regrows the ring. */
  reserve(n: number): void {
    if (n > this.buf.length) this.resize(n);
  }

  private grow(): void {
    // Past a million entries (a national list) grow by a quarter: a doubled ring is written
    // all round as its tail cycles, so its spare half would cost memory for good.
    const n = this.buf.length;
    this.resize(n < 1 << 20 ? n * 2 : n + (n >> 2));
  }

  private resize(length: number): void {
    const old = this.buf;
    const next = new Int32Array(length);
    const firstPart = old.subarray(this.head);
    next.set(firstPart);
    next.set(old.subarray(0, this.head), firstPart.length);
    this.buf = next;
    this.head = 0;
  }
}

/**
 * Served by priority level (lower first), first come first served within a level. Class
 * priorities are few, so one ring per level makes push and shift O(1).
 */
export class LevelQueue implements PatientQueue {
  private readonly levels: FifoQueue[];
  private count = 0;

  /** @param levels number of distinct priority levels; `push` takes the level index. */
  constructor(levels: number) {
    this.levels = Array.from({ length: levels }, () => new FifoQueue());
  }

  get size(): number {
    return this.count;
  }

  push(id: number, level: number): void {
    this.levels[level]!.push(id);
    this.count++;
  }

  shift(): number {
    if (this.count === 0) return -1;
    for (const q of this.levels) {
      if (q.size > 0) {
        this.count--;
        return q.shift();
      }
    }
    return -1;
  }
}

/**
 * Ordered by an arbitrary numeric key (lower first), ties in arrival order: a binary heap over
 * parallel typed arrays. Used when an analyst supplies a custom priority function.
 */
export class KeyedQueue implements PatientQueue {
  private ids = new Int32Array(16);
  private keys = new Float64Array(16);
  private seqs = new Float64Array(16);
  private count = 0;
  private nextSeq = 0;

  get size(): number {
    return this.count;
  }

  push(id: number, key: number): void {
    if (this.count === this.ids.length) this.grow();
    let i = this.count++;
    const seq = this.nextSeq++;
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(key, seq, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.ids[i] = id;
    this.keys[i] = key;
    this.seqs[i] = seq;
  }

  shift(): number {
    if (this.count === 0) return -1;
    const top = this.ids[0]!;
    const last = --this.count;
    if (last > 0) {
      const id = this.ids[last]!;
      const key = this.keys[last]!;
      const seq = this.seqs[last]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= last) break;
        if (child + 1 < last && this.less(child + 1, child)) child++;
        if (!this.before(this.keys[child]!, this.seqs[child]!, -1, key, seq)) break;
        this.move(child, i);
        i = child;
      }
      this.ids[i] = id;
      this.keys[i] = key;
      this.seqs[i] = seq;
    }
    return top;
  }

  /** True if (key, seq) goes before the entry at `at` (or before (k2, s2) when at = -1). */
  private before(key: number, seq: number, at: number, k2 = 0, s2 = 0): boolean {
    const ok = at >= 0 ? this.keys[at]! : k2;
    const os = at >= 0 ? this.seqs[at]! : s2;
    return key < ok || (key === ok && seq < os);
  }

  private less(a: number, b: number): boolean {
    return this.before(this.keys[a]!, this.seqs[a]!, b);
  }

  private move(from: number, to: number): void {
    this.ids[to] = this.ids[from]!;
    this.keys[to] = this.keys[from]!;
    this.seqs[to] = this.seqs[from]!;
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const ids = new Int32Array(n);
    ids.set(this.ids);
    const keys = new Float64Array(n);
    keys.set(this.keys);
    const seqs = new Float64Array(n);
    seqs.set(this.seqs);
    this.ids = ids;
    this.keys = keys;
    this.seqs = seqs;
  }
}

/**
 * A line served by a choice made at each start: `choose(ids, n)` gets the entries in order of
 * joining (the first `n` of `ids`) and returns the index of the one to take. Used for
 * disciplines given in code; O(n) per start, which such rules cost anyway.
 */
export class ChoiceQueue implements PatientQueue {
  private ids = new Int32Array(16);
  private count = 0;

  constructor(private readonly choose: (ids: Int32Array, n: number) => number) {}

  get size(): number {
    return this.count;
  }

  push(id: number): void {
    if (this.count === this.ids.length) {
      const next = new Int32Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.count++] = id;
  }

  shift(): number {
    if (this.count === 0) return -1;
    const i = this.choose(this.ids, this.count);
    const id = this.ids[i]!;
    this.ids.copyWithin(i, i + 1, this.count);
    this.count--;
    return id;
  }
}
