/**
 * Counter-based random numbers: a uniform that is a pure function of a key and a few counters.
 *
 * A stream generator ({@link RandomStreams}) hands out numbers in the order they are asked for,
 * so when one change to a model reorders or adds draws, everything drawn later from that stream
 * moves to someone else. Here a number is computed, not consumed: `counterUniform(key, a, b, c, d)`
 * is the same for the same five inputs whatever else was drawn before, in any order. Give each
 * draw an address that means the same thing in two variants of a model (which stream, whose
 * draw, which visit) and the two variants see the same number there: common random numbers
 * down to the single draw.
 *
 * **Hash.** Two 32-bit lanes (a 64-bit state, so two different addresses collide with
 * probability 2^-64, not 2^-32) absorb each counter word through a bijective integer mixer, each
 * lane with its own mixer: lane A Chris Wellons' `lowbias32`, lane B the murmur3 `fmix32`
 * finaliser. A final cross-mix of the two lanes gives 21 + 32 bits, a 53-bit uniform in [0, 1)
 * (every double k·2^-53). Only `Math.imul`, shifts and xors: no allocation, no BigInt, and V8
 * inlines it. Checked in `test/core/counter-random.test.ts` (chi-square, serial correlation
 * across consecutive counters, patients and keys).
 * @module
 */
import { deriveSeed } from './random.js';

/** lowbias32 (Wellons): a bijection on 32-bit integers with low avalanche bias. */
function mixA(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

/** murmur3 fmix32: another bijection, so the two lanes never collide together by construction. */
function mixB(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 2 ** -53;

/**
 * A 64-bit key, as two signed 32-bit halves, hashed from a string (UTF-16 code units absorbed
 * one by one, then the length). Computed once per stream name, not per draw.
 * @example
 * ```ts
 * import { hashKey } from 'carepath/kernel';
 * const [a, b] = hashKey('test/ct'); // the same pair for this string every time
 * ```
 */
export function hashKey(text: string, base: readonly [number, number] = [0x243f6a88, 0x13198a2e]): [number, number] {
  let a = base[0] | 0;
  let b = base[1] | 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = mixA(a ^ c);
    b = mixB(b + c);
  }
  a = mixA(a ^ text.length);
  b = mixB(b + text.length);
  return [a, b];
}

/**
 * The key of a named stream in one replication of one seed: a pure function of
 * (seed, replication, name), like the seed of a {@link RandomStreams} stream.
 * @example
 * ```ts
 * import { streamKey } from 'carepath/kernel';
 * const key = streamKey(2026, 0, 'test/ct');
 * ```
 */
export function streamKey(seed: number | string, replication: number, name: string): [number, number] {
  return hashKey(name, hashKey(deriveSeed('carepath/counter-random', seed, replication)));
}

/**
 * A uniform in [0, 1) with 53 bits of resolution, a pure function of a 64-bit key (`keyA`,
 * `keyB`, e.g. from {@link streamKey}) and four 32-bit counter words (integers; only their low
 * 32 bits count). Any change to any input gives an unrelated number.
 * @example
 * ```ts
 * import { counterUniform, streamKey } from 'carepath/kernel';
 * const [ka, kb] = streamKey(2026, 0, 'routing/ct');
 * counterUniform(ka, kb, 7, 41, 0, 0); // patient 41 of source 7, first visit: always the same
 * ```
 */
export function counterUniform(keyA: number, keyB: number, w0: number, w1: number, w2: number, w3: number): number {
  let a = mixA(keyA ^ w0);
  let b = mixB(keyB + w0);
  a = mixA(a ^ w1);
  b = mixB(b + w1);
  a = mixA(a ^ w2);
  b = mixB(b + w2);
  a = mixA(a ^ w3);
  b = mixB(b + w3);
  // Cross the lanes so each output bit depends on both.
  const hi = mixA(a ^ Math.imul(b, 0x9e3779b1));
  const lo = mixB(b ^ hi);
  return ((hi >>> 11) * TWO_POW_32 + (lo >>> 0)) * TWO_POW_M53;
}

/**
 * Absorbs a 32-bit word into lane A of a key (one bijective mix): `absorbA(a, w)`, with
 * {@link absorbB} on lane B, derives a sub-key such as a patient's from a source's key and a
 * serial. For a fixed key it is a bijection of `w`, so the sub-keys of one key never collide.
 * @example
 * ```ts
 * import { absorbA, absorbB, streamKey } from 'carepath/kernel';
 * const [a, b] = streamKey(2026, 0, 'patients/arrivals/gp');
 * const patient41 = [absorbA(a, 41), absorbB(b, 41)];
 * ```
 */
export function absorbA(a: number, w: number): number {
  return mixA(a ^ w);
}

/** Lane B of {@link absorbA} (another mixer, so the lanes never collide together by construction). */
export function absorbB(b: number, w: number): number {
  return mixB(b + w);
}

/**
 * A uniform in [0, 1) with 53 bits, from two already-random 64-bit keys and one counter word:
 * `keyedUniform(pa, pb, sa, sb, w)`. Cheaper than {@link counterUniform} (four mixes instead of
 * ten) when one key (`pa`, `pb`) has been derived once and is used for many draws: a patient's
 * key (from source and serial, via {@link absorbA}/{@link absorbB}) with a stream's key and a
 * visit number. Each lane mixes the two keys and the word, then the lanes are crossed as in
 * {@link counterUniform}, so every output bit depends on every input bit through at least two
 * mixes; the word enters lane A multiplied by an odd constant and lane B added, so no change of
 * keys and word cancels in both lanes at once except by a 2^-64 coincidence.
 * @example
 * ```ts
 * import { keyedUniform, streamKey } from 'carepath/kernel';
 * const [sa, sb] = streamKey(2026, 0, 'test/ct');
 * keyedUniform(0x1234, 0x5678, sa, sb, 0); // a patient's first visit: always the same number
 * ```
 */
export function keyedUniform(pa: number, pb: number, sa: number, sb: number, w: number): number {
  // mixA, mixB, then the cross-mix of counterUniform, written out: one call with no calls inside
  // stays cheap even where the engine's inlining budget has run out.
  let a = pa ^ sa ^ Math.imul(w, 0x9e3779b1);
  a ^= a >>> 16;
  a = Math.imul(a, 0x7feb352d);
  a ^= a >>> 15;
  a = Math.imul(a, 0x846ca68b);
  a ^= a >>> 16;
  let b = (pb + sb + w) | 0;
  b ^= b >>> 16;
  b = Math.imul(b, 0x85ebca6b);
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  let hi = a ^ Math.imul(b, 0x9e3779b1);
  hi ^= hi >>> 16;
  hi = Math.imul(hi, 0x7feb352d);
  hi ^= hi >>> 15;
  hi = Math.imul(hi, 0x846ca68b);
  hi ^= hi >>> 16;
  let lo = b ^ hi;
  lo ^= lo >>> 16;
  lo = Math.imul(lo, 0x85ebca6b);
  lo ^= lo >>> 13;
  lo = Math.imul(lo, 0xc2b2ae35);
  lo ^= lo >>> 16;
  return ((hi >>> 11) * TWO_POW_32 + (lo >>> 0)) * TWO_POW_M53;
}

/**
 * The inverse of {@link absorbA} in its word: `unabsorbA(a, absorbA(a, w)) === w | 0`. Recovers
 * a serial from a stored key (who a patient is), so the key alone need be stored.
 * @example
 * ```ts
 * import { absorbA, unabsorbA } from 'carepath/kernel';
 * unabsorbA(12345, absorbA(12345, 41)); // 41
 * ```
 */
export function unabsorbA(a: number, h: number): number {
  // lowbias32 undone step by step: xorshifts inverted, multipliers by their inverses mod 2^32.
  h ^= h >>> 16;
  h = Math.imul(h, 0x43021123);
  h ^= (h >>> 15) ^ (h >>> 30);
  h = Math.imul(h, 0x1d69e2a5);
  h ^= h >>> 16;
  return h ^ a;
}
