/**
 * Numbers written as ASCII bytes straight into a byte array, without making strings: the
 * patient-record encoder writes millions of times a second, and `Number#toString` plus copying
 * the string out was most of its cost. Integers, and fixed-point text with a stated number of
 * decimals identical to `Number#toFixed(decimals)`, by integer arithmetic with an exact rounding
 * step (shortest round-trip text is in shortest-text.ts).
 * @module
 */

/** Two ASCII digits for each of 0–99: `DIGITS2[2n]`, `DIGITS2[2n + 1]`. */
const DIGITS2 = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGITS2[2 * i] = 48 + Math.floor(i / 10);
  DIGITS2[2 * i + 1] = 48 + (i % 10);
}

/** Powers of ten exactly representable (10^0 … 10^15). */
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 15; i++, p *= 10) POW10.push(p);

/** 10^-k, for dividing by a power of ten with a multiplication. */
const INV10 = POW10.map((p) => 1 / p);

/** Below this magnitude integer arithmetic on doubles is exact, with a spare bit for rounding. */
const EXACT = 2 ** 52;
/** Veltkamp's splitter for doubles (2^27 + 1). */
const SPLIT = 134217729;

/** Number of decimal digits of a whole n with 0 ≤ n < 2^53. */
function digitCount(n: number): number {
  let k = 1;
  while (k < 16 && n >= POW10[k]!) k++;
  return n >= 1e16 ? 17 : k;
}

/**
 * Writes the digits of a whole n (0 ≤ n < 2^53), left-padded with zeros to `width`, ending just before `end`.
 * @example
 * ```ts
 * import { digitsBackwards } from './number-text.js';
 * const buf = new Uint8Array(8);
 * digitsBackwards(buf, 5, 42, 5);
 * new TextDecoder().decode(buf.subarray(0, 5)); // '00042'
 * ```
 * @internal
 */
export function digitsBackwards(buf: Uint8Array, end: number, n: number, width: number): void {
  let at = end;
  // Above 2^31 the quotient needs floating division (exact here: n < 2^53, the divisor small).
  while (n >= 2147483648) {
    const q = Math.floor(n / 100);
    const r = 2 * (n - q * 100);
    buf[--at] = DIGITS2[r + 1]!;
    buf[--at] = DIGITS2[r]!;
    n = q;
  }
  smallBackwards(buf, at, n | 0, width - (end - at));
}

/** The same for 0 ≤ n < 2^31, in integer arithmetic. */
function smallBackwards(buf: Uint8Array, end: number, n: number, width: number): void {
  let at = end;
  while (n >= 100) {
    const q = (n / 100) | 0;
    const r = (n - q * 100) << 1;
    buf[--at] = DIGITS2[r + 1]!;
    buf[--at] = DIGITS2[r]!;
    n = q;
  }
  if (n >= 10) {
    buf[--at] = DIGITS2[(n << 1) + 1]!;
    buf[--at] = DIGITS2[n << 1]!;
  } else buf[--at] = 48 + n;
  const start = end - width;
  while (at > start) buf[--at] = 48;
}

/** Number of decimal digits of 0 ≤ n < 2^31. */
function smallCount(n: number): number {
  if (n < 100000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
  return n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
}

/**
 * Writes a whole number n (|n| < 2^53) at `at`; returns the position after it. −0 is written `0`,
 * as `JSON.stringify` does.
 * @example
 * ```ts
 * import { writeInteger } from './number-text.js';
 * const buf = new Uint8Array(32);
 * const end = writeInteger(buf, 0, -1234);
 * new TextDecoder().decode(buf.subarray(0, end)); // '-1234'
 * ```
 * @internal
 */
export function writeInteger(buf: Uint8Array, at: number, n: number): number {
  if (n < 0) {
    buf[at++] = 45;
    n = -n;
  }
  if (n < 2147483648) {
    const end = at + smallCount(n);
    smallBackwards(buf, end, n | 0, 1);
    return end;
  }
  const end = at + digitCount(n);
  digitsBackwards(buf, end, n, 1);
  return end;
}

/**
 * Writes an ASCII string's characters; returns the position after them.
 * @example
 * ```ts
 * import { writeAscii } from './number-text.js';
 * writeAscii(new Uint8Array(4), 0, 'null'); // 4
 * ```
 * @internal
 */
export function writeAscii(buf: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[at++] = s.charCodeAt(i);
  return at;
}

/**
 * Writes x with exactly `decimals` digits after the point (none and no point for 0), the same
 * text as `x.toFixed(decimals)`: rounded to the nearest, a tie away from zero, decided on x's
 * exact binary value (never on a rounded product). Returns the position after it. At most 40 bytes.
 * @example
 * ```ts
 * import { writeFixed } from './number-text.js';
 * const buf = new Uint8Array(40);
 * const text = (x: number, d: number) => new TextDecoder().decode(buf.subarray(0, writeFixed(buf, 0, x, d)));
 * text(0.9999999, 6); // '1.000000'
 * text(-2.5, 0); // '-3'
 * ```
 * @internal
 */
export function writeFixed(buf: Uint8Array, at: number, x: number, decimals: number): number {
  const neg = x < 0;
  const a = neg ? -x : x;
  const p = POW10[decimals]!;
  const hi = a * p;
  if (!(hi < EXACT)) return writeAscii(buf, at, x.toFixed(decimals)); // huge, or NaN
  let n = Math.floor(hi);
  const f = hi - n;
  // hi is a·p rounded, so a tie (f exactly ½) is decided by what the rounding lost: lo, by
  // Dekker's product (p = 2^d·5^d and 5^d fits in 21 bits, so ah·p and al·p are exact).
  if (f > 0.5) n++;
  else if (f === 0.5) {
    const c = SPLIT * a;
    const ah = c - (c - a);
    if (ah * p - hi + (a - ah) * p >= 0) n++;
  }
  // toFixed keeps the sign of a negative that rounds to zero ('-0.00'), but not of −0.
  if (neg) buf[at++] = 45;
  if (decimals === 0) return writeInteger(buf, at, n);
  if (n < 2147483648) {
    // The common case, all in 32-bit integers.
    // Multiplying by 1/p and correcting by one is cheaper than an integer division.
    let whole = Math.floor(n * INV10[decimals]!);
    let frac = n - whole * p;
    if (frac < 0) {
      whole--;
      frac += p;
    } else if (frac >= p) {
      whole++;
      frac -= p;
    }
    const end = at + smallCount(whole) + 1 + decimals;
    smallBackwards(buf, end, frac, decimals);
    buf[end - decimals - 1] = 46;
    smallBackwards(buf, end - decimals - 1, whole, 1);
    return end;
  }
  const whole = Math.floor(n / p);
  const frac = n - whole * p;
  const end = writeInteger(buf, at, whole) + 1 + decimals;
  buf[end - decimals - 1] = 46;
  digitsBackwards(buf, end, frac, decimals);
  return end;
}
