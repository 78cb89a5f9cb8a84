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

/**
 * Writes the nearest 17-digit decimal of a·10^k (10^16 ≤ a·10^k < 10^17), always a's shortest
 * text when no 16-digit one reads back: N is over 2^53, so it is kept as hi + the rounded error
 * and written in two parts of 8 and 9 digits. Returns the end, or −1 for a tie or a wrong count.
 */
function write17(buf: Uint8Array, at: number, a: number, k: number, point: number): number {
  const hi = a * POW[k]!;
  const lo = productError(a, hi, k);
  const r = Math.round(lo);
  if (r - lo === 0.5) return -1; // a tie: let String decide
  let high = Math.floor(hi / 1e9);
  let low = hi - high * 1e9 + r;
  if (low < 0) {
    high--;
    low += 1e9;
  } else if (low >= 1e9) {
    high++;
    low -= 1e9;
  }
  if (high < 1e7 || high >= 1e8 || point > 8) return -1;
  if (point <= 0) {
    buf[at++] = 48;
    buf[at++] = 46;
    for (let i = point; i < 0; i++) buf[at++] = 48;
    digitsBackwards(buf, at + 8, high, 8);
    digitsBackwards(buf, at + 17, low, 9);
    return at + 17;
  }
  // The point falls within the first 8 digits: d1 … d_point . d_point+1 … d17.
  const scale = POW[8 - point]!;
  const whole = Math.floor(high / scale);
  const rest = high - whole * scale;
  at = writeInteger(buf, at, whole);
  buf[at++] = 46;
  if (point < 8) digitsBackwards(buf, at + 8 - point, rest, 8 - point);
  at += 8 - point;
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
      if (n === NO) {
        const end = write17(buf, neg ? at + 1 : at, a, k + 2, e + 1);
        if (end >= 0) {
          if (neg) buf[at] = 45;
          return end;
        }
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
