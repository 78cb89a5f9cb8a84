/**
 * The shortest round-trip text of a number (what `String(x)` and `JSON.stringify` write),
 * written as bytes without making a string for almost every value a simulation produces.
 *
 * Integers and multiples of 1/8 are their exact decimal. Otherwise, with p = 15 then 16
 * significant digits: N = x·10^k rounded to the nearest whole number, exactly (Dekker's product
 * gives what the rounding of the product lost), is a p-digit decimal that reads back as x exactly
 * when N / 10^k === x, since that division of two exact doubles is correctly rounded, as reading
 * the decimal is. At 15 digits the decimals are further apart than x's rounding interval is wide,
 * so at most one reads back as x: if it does, it (without trailing zeros) is the shortest. If
 * not, the nearest 16-digit decimal is, when it reads back (the closest of any that do, as
 * `String` chooses); if not, the nearest 17-digit decimal, which always reads back, is. Tiny and
 * huge values, ties and doubtful exponents go through `String(x)`.
 * @module
 */
import { digitsBackwards, writeAscii, writeInteger } from './number-text.js';

/** Below this magnitude integer arithmetic on doubles is exact. */
const EXACT = 2 ** 53;
/** Veltkamp's splitter for doubles (2^27 + 1). */
const SPLIT = 134217729;
/** Below this, the exact decimal of a multiple of 1/8 is also its shortest round-trip text. */
const EIGHTHS_MAX = 2 ** 40;
/** `.125`, `.25`, … `.875` (k/8), as bytes after the point. */
const EIGHTHS = ['', '125', '25', '375', '5', '625', '75', '875'].map((s) => Uint8Array.from(s, (c) => c.charCodeAt(0)));

/** 10^0 … 10^22 (all exact doubles), and each split in two halves of 26 bits for Dekker's product. */
const POW: number[] = [];
const POW_HI: number[] = [];
const POW_LO: number[] = [];
for (let k = 0, p = 1; k <= 22; k++, p *= 10) {
  const c = SPLIT * p;
  const hi = c - (c - p);
  POW.push(p);
  POW_HI.push(hi);
  POW_LO.push(p - hi);
}

/** What a·10^k lost to rounding in `a * POW[k]` (Dekker's product: exact). */
function productError(a: number, hi: number, k: number): number {
  const c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  const ph = POW_HI[k]!;
  const pl = POW_LO[k]!;
  return ah * ph - hi + ah * pl + al * ph + al * pl;
}

/** digitsFor: N was 2^53 or more, or a tie (left to `String`). */
const UNSURE = -1;
/** digitsFor: the nearest decimal does not read back as a, so none with that many digits does. */
const NO = -2;

/**
 * N = a·10^k rounded to the nearest whole number, if it is below 2^53 and N / 10^k reads back
 * as a; otherwise UNSURE or NO.
 */
function digitsFor(a: number, k: number): number {
  const p = POW[k]!;
  const hi = a * p;
  if (!(hi < EXACT)) return UNSURE;
  const lo = productError(a, hi, k);
  let n = Math.floor(hi);
  const f = hi - n;
  if (f > 0.5) n++;
  else if (f === 0.5) {
    if (lo === 0) return UNSURE;
    if (lo > 0) n++;
  } else if (f === 0 && (lo === 0.5 || lo === -0.5)) return UNSURE;
  return n / p === a ? n : NO;
}

/** Bits of a double, to read its exponent. */
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);

/** Half the gap between a (> 0, normal, not a power of two) and its neighbours. */
function halfUlp(a: number): number {
  BITS[0] = a;
  return 2 ** (((WORDS[1]! >>> 20) & 0x7ff) - 1076);
}

/**
 * Writes the nearest decimal of q = 16 or 17 digits to a·10^k (10^(q−1) ≤ a·10^k < 10^q), N
 * over 2^53: kept as hi + the rounded error and written in two parts (q − 9 and 9 digits). With
 * `check`, only if it reads back as a, which the exact distance to a·10^k says: less than half
 * a's ulp times 10^k (17 digits always read back). Returns the end, −1 when it does not read
 * back, or −2 for a tie, a power of two or a wrong digit count (left to `String`).
 */
function writeLong(buf: Uint8Array, at: number, a: number, k: number, q: number, point: number, check: boolean): number {
  const hi = a * POW[k]!;
  const lo = productError(a, hi, k);
  const r = Math.round(lo);
  if (r - lo === 0.5) return -2;
  if (check) {
    const miss = Math.abs(lo - r);
    const half = halfUlp(a) * POW[k]!;
    BITS[0] = a;
    if (miss === half || (WORDS[1]! & 0xfffff) === 0) return -2; // a tie, or maybe a power of two
    if (miss > half) return -1;
  }
  let high = Math.floor(hi / 1e9);
  let low = hi - high * 1e9 + r;
  if (low < 0) {
    high--;
    low += 1e9;
  } else if (low >= 1e9) {
    high++;
    low -= 1e9;
  }
  const top = q - 9;
  if (high < POW[top - 1]! || high >= POW[top]! || point > top) return -2;
  if (point <= 0) {
    buf[at++] = 48;
    buf[at++] = 46;
    for (let i = point; i < 0; i++) buf[at++] = 48;
    digitsBackwards(buf, at + top, high, top);
    digitsBackwards(buf, at + q, low, 9);
    return at + q;
  }
  // The point falls within the first `top` digits.
  const scale = POW[top - point]!;
  const whole = Math.floor(high / scale);
  const rest = high - whole * scale;
  at = writeInteger(buf, at, whole);
  buf[at++] = 46;
  if (point < top) digitsBackwards(buf, at + top - point, rest, top - point);
  at += top - point;
  digitsBackwards(buf, at + 9, low, 9);
  return at + 9;
}

/** 10^-1 … 10^-7 (as near as doubles get: an exponent one off is caught by the digit count). */
const NEG_POW = [1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7];

/** Decimal exponent of 1e-6 ≤ a < 1e15: 10^e ≤ a < 10^(e+1), up to one off near a power of ten. */
function exponent(a: number): number {
  let e = 0;
  if (a >= 1) {
    while (a >= POW[e + 1]!) e++;
  } else {
    while (a < NEG_POW[-e]!) e--;
  }
  return e;
}

/** Whether n (< 2^53) ends in a zero digit. */
const endsInZero = (n: number): boolean => n - Math.floor(n / 10) * 10 === 0;

/**
 * Writes x as its shortest round-trip text at `at` (the text of `JSON.stringify(x)`: NaN and the
 * infinities as `null`); returns the position after it (at most 24 bytes).
 * @example
 * ```ts
 * import { writeShortest } from './shortest-text.js';
 * const buf = new Uint8Array(32);
 * new TextDecoder().decode(buf.subarray(0, writeShortest(buf, 0, 0.1 + 0.2))); // '0.30000000000000004'
 * ```
 * @internal
 */
export function writeShortest(buf: Uint8Array, at: number, x: number): number {
  if (x === Math.floor(x) && x < EXACT && x > -EXACT) return writeInteger(buf, at, x);
  const neg = x < 0;
  const a = neg ? -x : x;
  const e8 = a * 8;
  if (e8 === Math.floor(e8) && a < EIGHTHS_MAX) {
    const whole = Math.floor(a);
    if (neg) buf[at++] = 45;
    at = writeInteger(buf, at, whole);
    buf[at++] = 46;
    const tail = EIGHTHS[e8 - whole * 8]!;
    for (let i = 0; i < tail.length; i++) buf[at++] = tail[i]!;
    return at;
  }
  // 1e-6 ≤ a < 1e15: the range String writes without an exponent and 10^k stays exact.
  if (a >= 1e-6 && a < 1e15) {
    const e = exponent(a);
    // 15 digits: the two whole numbers around a·10^k are the only candidates near enough to read
    // back, and at most one can; 16 digits: the nearest, exactly.
    const k = 14 - e;
    const p = POW[k]!;
    const m = Math.floor(a * p);
    let n = m / p === a ? m : (m + 1) / p === a ? m + 1 : -1;
    let q = 15;
    if (n < 0) {
      n = digitsFor(a, k + 1);
      q = 16;
      let end = -2;
      const from = neg ? at + 1 : at;
      // Over 2^53 with 16 digits (from 9.007…): the nearest, when it reads back.
      if (n === UNSURE && a * POW[k + 1]! >= EXACT) end = writeLong(buf, from, a, k + 1, 16, e + 1, true);
      if (n === NO || end === -1) end = writeLong(buf, from, a, k + 2, 17, e + 1, false);
      if (end >= 0) {
        if (neg) buf[at] = 45;
        return end;
      }
    } else {
      while (endsInZero(n)) {
        n /= 10;
        q--;
      }
    }
    // The digit count checks the exponent: N must have exactly q digits before its zeros went.
    if (n >= 0 && (q === 16 ? n >= 1e15 && n < 1e16 : n * POW[15 - q]! >= 1e14 && n * POW[15 - q]! < 1e15)) {
      // The point comes after `point` digits (≤ 0: "0." and zeros first).
      const point = e + 1;
      if (neg) buf[at++] = 45;
      if (point <= 0) {
        buf[at++] = 48;
        buf[at++] = 46;
        for (let i = point; i < 0; i++) buf[at++] = 48;
        const end = at + q;
        digitsBackwards(buf, end, n, q);
        return end;
      }
      const fracDigits = q - point;
      if (fracDigits > 0) {
        const scale = POW[fracDigits]!;
        let whole = Math.floor(n / scale);
        let frac = n - whole * scale;
        if (frac < 0) {
          whole--; // the quotient was rounded up to a whole number
          frac += scale;
        }
        const end = writeInteger(buf, at, whole) + 1 + fracDigits;
        buf[end - fracDigits - 1] = 46;
        digitsBackwards(buf, end, frac, fracDigits);
        return end;
      }
      if (neg) at--; // a whole number: not reached (those went first), but String knows
    }
  }
  if (x !== x || a === Infinity) return writeAscii(buf, at, 'null');
  return writeAscii(buf, at, String(x));
}
