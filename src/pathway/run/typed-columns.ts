/**
 * Growable typed-array columns (the tag columns of the records file) and the dictionary of a
 * string column: values go straight into the arrays Arrow's buffers are made of, reused from
 * batch to batch. Nothing here loads Arrow itself.
 * @module
 * @internal
 */

/**
 * `a` copied into a typed array of the same kind with `n` entries (n ≥ a.length).
 * @internal
 * @example
 * ```ts
 * import { grown } from './typed-columns.js';
 * grown(Int32Array.of(1, 2), 4); // Int32Array [1, 2, 0, 0]
 * ```
 */
export function grown<T extends Float64Array | Int32Array | Int8Array | Uint8Array>(a: T, n: number): T {
  const g = new (a.constructor as new (n: number) => T)(n);
  g.set(a);
  return g;
}

/** First capacity of a column (values); a multiple of 8 so validity bytes stay whole. */
const START = 1 << 12;

/**
 * Float64 values with a validity bitmap (bit set: a value; clear: null).
 * @internal
 * @example
 * ```ts
 * import { Float64Column } from './typed-columns.js';
 * const c = new Float64Column();
 * c.push(1.5);
 * c.push(null);
 * [c.length, c.nulls, c.values[0]]; // [2, 1, 1.5]
 * ```
 */
export class Float64Column {
  values = new Float64Array(START);
  valid = new Uint8Array(START >> 3);
  length = 0;
  nulls = 0;

  /** Appends a value, or a null. */
  push(x: number | null): void {
    if (this.length === this.values.length) this.grow();
    const i = this.length++;
    if (x === null) {
      this.values[i] = 0;
      this.nulls++;
    } else {
      this.values[i] = x;
      this.valid[i >> 3]! |= 1 << (i & 7);
    }
  }

  /** Empties the column for the next batch (keeps its arrays). */
  reset(): void {
    this.valid.fill(0, 0, (this.length + 7) >> 3);
    this.length = 0;
    this.nulls = 0;
  }

  private grow(): void {
    const v = new Float64Array(this.values.length * 2);
    v.set(this.values);
    this.values = v;
    const b = new Uint8Array(v.length >> 3);
    b.set(this.valid);
    this.valid = b;
  }
}

/**
 * The strings of one dictionary-encoded column, each with its code (its position, in order of
 * first appearance). `sealed` counts those already written to the file: later ones go out as a
 * dictionary delta.
 * @internal
 * @example
 * ```ts
 * import { Names } from './typed-columns.js';
 * const n = new Names(['served']);
 * [n.code('served'), n.code('waiting'), n.list.length]; // [0, 1, 2]
 * ```
 */
export class Names {
  private readonly codes = new Map<string, number>();
  /** The strings, by code. */
  readonly list: string[] = [];
  /** How many of `list` the file already holds. */
  sealed = 0;

  constructor(initial: readonly string[] = []) {
    for (const s of initial) this.code(s);
  }

  /** The code of `s`, added if new. */
  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.list.length;
      this.list.push(s);
      this.codes.set(s, c);
    }
    return c;
  }
}

/**
 * Dictionary codes (Int32) with a validity bitmap, for a column of strings.
 * @internal
 * @example
 * ```ts
 * import { CodeColumn, Names } from './typed-columns.js';
 * const c = new CodeColumn(new Names());
 * c.push('a');
 * c.push(null);
 * c.push('a');
 * [...c.codes.subarray(0, c.length)]; // [0, 0, 0]
 * ```
 */
export class CodeColumn {
  codes = new Int32Array(START);
  valid = new Uint8Array(START >> 3);
  length = 0;
  nulls = 0;

  constructor(readonly names: Names) {}

  /** Appends a string (its code), or a null. */
  push(s: string | null): void {
    if (s === null) this.pushNull();
    else this.pushCode(this.names.code(s));
  }

  /** Appends a code already known (`names.code(s)`). */
  pushCode(c: number): void {
    if (this.length === this.codes.length) this.grow();
    const i = this.length++;
    this.codes[i] = c;
    this.valid[i >> 3]! |= 1 << (i & 7);
  }

  /** Appends a null. */
  pushNull(): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length++] = 0;
    this.nulls++;
  }

  /** Empties the column for the next batch. */
  reset(): void {
    this.valid.fill(0, 0, (this.length + 7) >> 3);
    this.length = 0;
    this.nulls = 0;
  }

  private grow(): void {
    const v = new Int32Array(this.codes.length * 2);
    v.set(this.codes);
    this.codes = v;
    const b = new Uint8Array(v.length >> 3);
    b.set(this.valid);
    this.valid = b;
  }
}
