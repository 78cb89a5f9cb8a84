/**
 * Seeded, named random-number streams.
 *
 * Each part of a model draws from its own stream (`stream('arrivals/gp-referrals')`,
 * `stream('service/ct')`, ...), seeded from (master seed, replication, stream name) alone. So
 * adding a stage, or changing how many draws one stage makes, never shifts another stage's
 * draws: two variants of a scenario see the same arrivals and service times wherever they did
 * not change, which is what makes common random numbers work when variants are compared.
 *
 * **Generator: seedrandom's Alea** (Johannes Baagøe's multiply-with-carry generator in floating
 * point). Chosen for speed where it counts: when a model draws from several streams through one
 * call site (8 streams, round robin; Node 20, AMD EPYC, CPU time per number) Alea took 5.1 ns,
 * against 11.0 ns for xor4096, 14.3 ns for xorshift7, 8.5 ns for tychei and 7.7 ns for xor128
 * (which seedrandom reports failing BigCrush's MatrixRank and LinearComp). In a tight loop over
 * one single generator V8 inlines it and xor128/xor4096 come out ahead (2–4 ns against 5.5 ns),
 * but a model rarely has that shape. Alea's period is about 2^116, seedrandom reports that it
 * passes all of TestU01's BigCrush, and it seeds from any string, so a stream is named by its
 * seed string (seeding takes about 8 µs). Each number has 32 bits of resolution (a multiple of
 * 2^-32 in [0, 1)); the distribution samplers allow for that (see `distributions.ts`).
 * @module
 */
// Alea alone: seedrandom's main module also loads six other generators and Node's crypto (~5 ms).
import alea from 'seedrandom/lib/alea.js';

/** A source of uniform random numbers in [0, 1). */
export type Rng = () => number;

/**
 * Builds an unambiguous seed string from parts: `deriveSeed('a', 1)` and `deriveSeed('a1')`
 * differ, and so do the number `1` and the string `"1"`.
 * @example
 * ```ts
 * import { deriveSeed } from 'carepath/kernel';
 * deriveSeed('a', 1); // '["a",1]'
 * deriveSeed('a1'); // '["a1"]'
 * ```
 */
export function deriveSeed(...parts: (string | number)[]): string {
  return JSON.stringify(parts);
}

/**
 * Makes an Alea generator from a seed string.
 * @example
 * ```ts
 * import { aleaRng } from 'carepath/kernel';
 * const rng = aleaRng('my seed');
 * rng(); // 0.011402721051126719 (the same first number for this seed every time)
 * ```
 */
export function aleaRng(seed: string): Rng {
  return alea(seed);
}

/**
 * Named, independent random streams for one replication of one seed.
 *
 * @example
 * ```ts
 * import { RandomStreams } from 'carepath/kernel';
 * const streams = new RandomStreams(2026, 0);
 * const arrivals = streams.stream('arrivals/gp-referrals');
 * arrivals(); // 0.982089452445507: the same every time for this seed, replication and name
 * ```
 */
export class RandomStreams {
  /** The master seed. */
  readonly seed: number | string;
  /** The replication number: replication r of a seed gives streams independent of r' ≠ r. */
  readonly replication: number;
  private readonly streams = new Map<string, Rng>();

  /**
   * Sets up the streams of one replication of one seed (streams are made on first use).
   * @param seed The master seed: a finite number or any string.
   * @param replication Replication number (a non-negative integer), default 0.
   */
  constructor(seed: number | string, replication = 0) {
    if (!(typeof seed === 'string' || (typeof seed === 'number' && Number.isFinite(seed)))) {
      throw new RangeError(`RandomStreams seed: expected a finite number or a string, got ${String(seed)}`);
    }
    if (!Number.isSafeInteger(replication) || replication < 0) {
      throw new RangeError(`RandomStreams replication: expected a non-negative integer, got ${replication}`);
    }
    this.seed = seed;
    this.replication = replication;
  }

  /**
   * The stream called `name`. Its sequence depends only on (seed, replication, name), not on
   * which other streams exist or in what order they were made. Asking twice for the same name
   * returns the same generator (it continues, it does not restart), so two parts of a model
   * can never silently draw identical numbers by using one name.
   */
  stream(name: string): Rng {
    let rng = this.streams.get(name);
    if (rng === undefined) {
      if (typeof name !== 'string') throw new TypeError(`RandomStreams.stream: expected a name string, got ${String(name)}`);
      rng = aleaRng(deriveSeed('carepath/stream', this.seed, this.replication, name));
      this.streams.set(name, rng);
    }
    return rng;
  }

  /** Names of the streams made so far, in the order they were made. */
  names(): string[] {
    return [...this.streams.keys()];
  }
}
