/**
 * Sorting of the initial backlog's past waits (millions of doubles at national scale).
 * @module
 */

/** The radix sort reads a double as [low word, high word]: true on every platform Node ships for but s390x. */
const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/**
 * Sorts doubles ascending, exactly as `Float64Array.prototype.sort` does (-0 before +0), and
 * returns the sorted array (the input's storage is reused or dropped). A national backlog has
 * millions of initial waits; an LSD radix sort on their bits (four passes of 16 bits, a pass
 * skipped when every key shares its digit) takes about half the time of the built-in sort.
 */
export function sortAscending(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < 1 << 16 || !LITTLE_ENDIAN) return a.sort();
  const words = 2 * n;
  let from: Uint32Array = new Uint32Array(a.buffer, a.byteOffset, words); // little-endian: [lo, hi] per double
  // Map each double to an unsigned 64-bit key with the same order: flip every bit of a
  // negative number, only the sign bit of a positive one.
  for (let i = 0; i < words; i += 2) {
    const hi = from[i + 1]!;
    if (hi & 0x80000000) {
      from[i] = ~from[i]!;
      from[i + 1] = ~hi;
    } else from[i + 1] = hi | 0x80000000;
  }
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < words; i += 2) {
    const lo = from[i]!;
    const hi = from[i + 1]!;
    counts[lo & 0xffff]++;
    counts[65536 + (lo >>> 16)]++;
    counts[131072 + (hi & 0xffff)]++;
    counts[196608 + (hi >>> 16)]++;
  }
  let to: Uint32Array = new Uint32Array(words);
  for (let pass = 0; pass < 4; pass++) {
    const off = pass * 65536;
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    if (counts[off + ((from[word]! >>> shift) & 0xffff)] === n) continue; // nothing would move
    let sum = 0;
    for (let d = off; d < off + 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < words; i += 2) {
      const lo = from[i]!;
      const hi = from[i + 1]!;
      const j = 2 * counts[off + (((word === 1 ? hi : lo) >>> shift) & 0xffff)]++;
      to[j] = lo;
      to[j + 1] = hi;
    }
    const t = from;
    from = to;
    to = t;
  }
  for (let i = 0; i < words; i += 2) {
    const hi = from[i + 1]!;
    if (hi & 0x80000000) from[i + 1] = hi & 0x7fffffff;
    else {
      from[i] = ~from[i]!;
      from[i + 1] = ~hi;
    }
  }
  return new Float64Array(from.buffer, from.byteOffset, n);
}
