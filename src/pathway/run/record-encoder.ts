/**
 * Patient records as JSON Lines bytes, written straight into a reusable block: no string per
 * record or per number. The fixed text of a record (keys, stage and class names, outcomes) is
 * encoded once and copied; numbers go through {@link writeShortest} (exact, the default) or
 * {@link writeFixed} (a stated number of decimals). With exact times the bytes are those of
 * `JSON.stringify(record)`; the block goes to `flush` whenever it fills, and at the end.
 * @module
 */
import { writeFixed, writeInteger } from './number-text.js';
import { writeShortest } from './shortest-text.js';
import type { PatientRecord, PatientStates, StageVisit } from './records.js';

/** Bytes of the reusable block: one flush (a system call, for a file) per megabyte. */
const BLOCK = 1 << 20;
/** Room kept for one number (the longest text either form writes is 40 bytes). */
const NUMBER = 48;
/** Times whose text is remembered (a power of two): a record has at most about 5 distinct ones in a row. */
const RECENT = 8;
/** Words of text kept per time (a time's text is at most 40 bytes). */
const SLOT_WORDS = 11;
/** The most names remembered as bytes (a run's names are the model's, so far fewer). */
const NAMES = 4096;

/** Highest `decimals` accepted: 10^9 of a day is 86 µs, finer than any pathway question; more would only lengthen the file (use the exact default). */
export const MAX_DECIMALS = 9;

/** How times are written: `decimals` absent is exact (shortest round-trip text). */
export interface RecordTextOptions {
  /** Write every time with exactly this many decimals (0–9), rounded to the nearest (a tie away from zero). */
  decimals?: number;
}

/**
 * Checks `decimals` (field named `field` in errors): a whole number 0–9, or undefined.
 * @example
 * ```ts
 * import { checkDecimals } from './record-encoder.js';
 * checkDecimals(3, 'decimals'); // 3
 * ```
 * @internal
 */
export function checkDecimals(decimals: unknown, field: string): number | undefined {
  if (decimals === undefined) return undefined;
  if (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    throw new RangeError(`${field}: expected a whole number of decimals from 0 to ${MAX_DECIMALS} (or none for exact times), got ${JSON.stringify(decimals) ?? String(decimals)}`);
  }
  return decimals;
}

/**
 * A piece of fixed text: its byte length in [0], then its UTF-8 bytes packed four to a word
 * (little-endian), copied a word at a time: 4 times fewer stores than byte by byte, and no call
 * as `set` makes (which costs more than the copy for pieces this short).
 */
type Chunk = Int32Array;

function ascii(s: string): Chunk {
  const bytes = new TextEncoder().encode(s);
  const words = new Int32Array(2 + (bytes.length >> 2));
  words[0] = bytes.length;
  new Uint8Array(words.buffer, 4, bytes.length).set(bytes);
  return words;
}
/** JSON text of a string. */
const quoted = (s: string): Chunk => ascii(JSON.stringify(s));
const OPEN = ascii('{"id":');
const ARRIVAL = ascii(',"arrival":');
const NO_RETURNS = ascii('],"returns":[],"visits":[');
const RETURNS = ascii('],"returns":[');
const VISITS = ascii('],"visits":[');
const START = ascii(',"start":');
const END = ascii(',"end":');
const PATHWAY_START = ascii(',"pathwayStart":');
const STATES = ascii(',"states":{');
const AT_PRESENTATION = ascii(':{"atPresentation":');
const AT_DIAGNOSIS = ascii(',"atDiagnosis":');
const AT_TREATMENT = ascii(',"atTreatment":');
const DIED = ascii(',"diedWhileWaiting":');
const NULL = ascii('null');
const TRUE = ascii('true');
const FALSE = ascii('false');
const VISIT_OUTCOMES: StageVisit['outcome'][] = ['served', 'abandoned', 'dna', 'rejected', 'waiting', 'in-service'];
const TESTS: StageVisit['test'][] = [null, 'positive', 'negative'];
/** The text after a visit's end: `,"test":…,"outcome":…}`, for test t and outcome o at [3·o + t]. */
const VISIT_TAILS = VISIT_OUTCOMES.flatMap((o) => TESTS.map((t) => ascii(`,"test":${JSON.stringify(t)},"outcome":${JSON.stringify(o)}}`)));
const OUTCOMES: PatientRecord['outcome'][] = ['exited', 'abandoned', 'discharged', 'rejected', 'in-pathway'];
/** `],"outcome":…,"left":` for each record outcome. */
const OUTCOME_LEFT = OUTCOMES.map((o) => ascii(`],"outcome":${JSON.stringify(o)},"left":`));

/** Index of a visit outcome in VISIT_OUTCOMES (comparisons of the recorder's interned literals, no hashing). */
function visitOutcome(o: StageVisit['outcome']): number {
  switch (o) {
    case 'served':
      return 0;
    case 'abandoned':
      return 1;
    case 'dna':
      return 2;
    case 'rejected':
      return 3;
    case 'waiting':
      return 4;
    case 'in-service':
      return 5;
    default:
      throw new TypeError(`visit outcome: expected one of ${VISIT_OUTCOMES.join(', ')}, got ${JSON.stringify(o)}`);
  }
}

function outcome(o: PatientRecord['outcome']): number {
  switch (o) {
    case 'exited':
      return 0;
    case 'abandoned':
      return 1;
    case 'discharged':
      return 2;
    case 'rejected':
      return 3;
    case 'in-pathway':
      return 4;
    default:
      throw new TypeError(`record outcome: expected one of ${OUTCOMES.join(', ')}, got ${JSON.stringify(o)}`);
  }
}

/**
 * Encodes patient records as JSON Lines into a reusable byte block, handing each full block (and
 * the last, on `flush`) to `out`.
 * @example
 * ```ts
 * import { RecordEncoder } from './record-encoder.js';
 * let text = '';
 * const enc = new RecordEncoder((bytes, n) => (text += new TextDecoder().decode(bytes.subarray(0, n))), { decimals: 2 });
 * enc.encode({ id: 0, arrival: 1.005, class: 'a', conditions: [], returns: [], visits: [], outcome: 'in-pathway', left: null, pathwayStart: 1.005 });
 * enc.flush();
 * text; // '{"id":0,"arrival":1.00,"class":"a","conditions":[],"returns":[],"visits":[],"outcome":"in-pathway","left":null,"pathwayStart":1.00}\n'
 * ```
 * @internal
 */
export class RecordEncoder {
  private buf = new Uint8Array(BLOCK);
  private view = new DataView(this.buf.buffer);
  private at = 0;
  private head: Chunk = OPEN;
  private readonly names = new Map<string, Chunk>();
  /** Class name → `,"class":…,"conditions":[`. */
  private readonly classes = new Map<string, Chunk>();
  /** Stage id → `{"stage":…,"joined":`. */
  private readonly stages = new Map<string, Chunk>();
  /** The last RECENT times written and their text (SLOT_WORDS words each). */
  private readonly recent = new Float64Array(RECENT).fill(Number.NaN);
  private readonly recentLengths = new Uint8Array(RECENT);
  private readonly recentWords = new Int32Array(RECENT * SLOT_WORDS);
  private nextRecent = 0;
  private readonly decimals: number;

  constructor(
    private readonly out: (bytes: Uint8Array, length: number) => void,
    options: RecordTextOptions = {},
  ) {
    this.decimals = checkDecimals(options.decimals, 'decimals') ?? -1;
  }

  /** Puts these fields in front of every following record (JSON-able values, e.g. `{ variant, replication }`). */
  tag(fields: Record<string, unknown>): void {
    const json = JSON.stringify(fields);
    this.head = json === '{}' ? OPEN : ascii(`${json.slice(0, -1)},"id":`);
  }

  /** Appends one record and a newline. */
  encode(r: PatientRecord): void {
    // The fixed text comes in a few fused pieces (keys with the names and outcomes between
    // them), each copied in one go: copying, not the numbers, was most of the cost.
    this.room(this.head[0]! + 2 * NUMBER + 64);
    this.put(this.head);
    this.at = writeInteger(this.buf, this.at, r.id);
    this.put(ARRIVAL);
    this.time(r.arrival);
    this.put(this.cached(this.classes, r.class, ',"class":', ',"conditions":['));
    const conditions = r.conditions;
    for (let i = 0; i < conditions.length; i++) {
      this.room(1);
      if (i > 0) this.buf[this.at++] = 44;
      this.name(conditions[i]!);
    }
    const returns = r.returns;
    this.room(64);
    if (returns.length === 0) this.put(NO_RETURNS);
    else {
      this.put(RETURNS);
      for (let i = 0; i < returns.length; i++) {
        this.room(NUMBER);
        if (i > 0) this.buf[this.at++] = 44;
        this.time(returns[i]!);
      }
      this.room(64);
      this.put(VISITS);
    }
    const visits = r.visits;
    for (let i = 0; i < visits.length; i++) {
      const v = visits[i]!;
      const stage = this.cached(this.stages, v.stage, '{"stage":', ',"joined":');
      this.room(stage[0]! + 3 * NUMBER + 64);
      if (i > 0) this.buf[this.at++] = 44;
      this.put(stage);
      this.time(v.joined);
      this.put(START);
      this.maybeTime(v.start);
      this.put(END);
      this.maybeTime(v.end);
      this.put(VISIT_TAILS[3 * visitOutcome(v.outcome) + (v.test === null ? 0 : v.test === 'positive' ? 1 : 2)]!);
    }
    this.room(2 * NUMBER + 64);
    this.put(OUTCOME_LEFT[outcome(r.outcome)]!);
    this.maybeTime(r.left);
    this.put(PATHWAY_START);
    this.time(r.pathwayStart);
    if (r.states !== undefined) this.states(r.states);
    this.room(2);
    this.buf[this.at++] = 125;
    this.buf[this.at++] = 10;
  }

  /** Hands what the block holds to `out`. */
  flush(): void {
    if (this.at > 0) this.out(this.buf, this.at);
    this.at = 0;
  }

  private states(states: Record<string, PatientStates>): void {
    this.room(16);
    this.put(STATES);
    let comma = false;
    for (const key of Object.keys(states)) {
      const s = states[key]!;
      this.room(1);
      if (comma) this.buf[this.at++] = 44;
      comma = true;
      this.name(key);
      this.put(AT_PRESENTATION);
      this.name(s.atPresentation);
      this.put(AT_DIAGNOSIS);
      this.maybeName(s.atDiagnosis);
      this.put(AT_TREATMENT);
      this.maybeName(s.atTreatment);
      this.put(DIED);
      this.put(s.diedWhileWaiting ? TRUE : FALSE);
      this.buf[this.at++] = 125;
    }
    this.buf[this.at++] = 125;
  }

  /**
   * A time (room for it already made). A record repeats its times (arrival = first join =
   * pathway start, an end = the next join, the last end = left), so the text of the last few
   * is kept and copied a word at a time rather than formatted again.
   */
  private time(x: number): void {
    if (this.decimals >= 0) {
      this.at = writeFixed(this.buf, this.at, x, this.decimals);
      return;
    }
    const values = this.recent;
    // Newest first: most repeats are of the time just written (a join at the previous end).
    for (let j = 1; j <= RECENT; j++) {
      const k = (this.nextRecent - j) & (RECENT - 1);
      if (values[k] === x) {
        const view = this.view;
        const words = this.recentWords;
        const at = this.at;
        const n = this.recentLengths[k]!;
        for (let i = k * SLOT_WORDS, j = 0; j < n; i++, j += 4) view.setInt32(at + j, words[i]!, true);
        this.at = at + n;
        return;
      }
    }
    const start = this.at;
    const end = this.decimals < 0 ? writeShortest(this.buf, start, x) : writeFixed(this.buf, start, x, this.decimals);
    this.at = end;
    const k = this.nextRecent;
    this.nextRecent = (k + 1) & (RECENT - 1);
    values[k] = x;
    this.recentLengths[k] = end - start;
    const view = this.view;
    const words = this.recentWords;
    for (let i = k * SLOT_WORDS, j = start; j < end; i++, j += 4) words[i] = view.getInt32(j, true);
  }

  private maybeTime(x: number | null): void {
    if (x === null) this.put(NULL);
    else this.time(x);
  }

  private maybeName(s: string | null): void {
    if (s === null) {
      this.room(64);
      this.put(NULL);
    } else this.name(s);
  }

  /** `before` + the JSON text of s + `after`, encoded once and remembered (names repeat). */
  private cached(map: Map<string, Chunk>, s: string, before: string, after: string): Chunk {
    let bytes = map.get(s);
    if (bytes === undefined) {
      if (typeof s !== 'string') throw new TypeError(`record: expected a name, got ${JSON.stringify(s)}`);
      bytes = ascii(`${before}${JSON.stringify(s)}${after}`);
      if (map.size < NAMES) map.set(s, bytes);
    }
    return bytes;
  }

  /** A string as its JSON text, encoded once and remembered (names repeat: conditions, states). */
  private name(s: string): void {
    let bytes = this.names.get(s);
    if (bytes === undefined) {
      bytes = quoted(s);
      if (this.names.size < NAMES) this.names.set(s, bytes);
    }
    // Slack for the fixed text that follows a name before the next room check.
    this.room(bytes[0]! + 64);
    this.put(bytes);
  }

  /** Copies a chunk (its last word may write up to 3 bytes past it: `room` keeps that slack). */
  private put(c: Chunk): void {
    const view = this.view;
    const at = this.at;
    const n = c[0]!;
    for (let i = 1, k = 0; k < n; i++, k += 4) view.setInt32(at + k, c[i]!, true);
    this.at = at + n;
  }

  /** Makes room for n more bytes (and a word's slack): flushes when the block is too full, and grows it for a longer piece. */
  private room(n: number): void {
    if (this.at + n + 4 <= this.buf.length) return;
    this.flush();
    if (n + 4 > this.buf.length) {
      this.buf = new Uint8Array(n + 4);
      this.view = new DataView(this.buf.buffer);
    }
  }
}
