import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patientRecordsFile } from '../../src/experiment/records-file.js';
import { loadScenario, simulate } from '../../src/pathway/index.js';
import { writeFixed, writeInteger } from '../../src/pathway/run/number-text.js';
import { writeShortest } from '../../src/pathway/run/shortest-text.js';
import { RecordEncoder } from '../../src/pathway/run/record-encoder.js';
import type { PatientRecord } from '../../src/pathway/run/records.js';

const text = new TextDecoder();
const buf = new Uint8Array(64);
const fixed = (x: number, d: number) => text.decode(buf.subarray(0, writeFixed(buf, 0, x, d)));

/** A seeded stream of uniforms (mulberry32), so the sample of values is the same on every run. */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values of every magnitude from 1e-7 to 1e17, both signs, and near-ties at each number of decimals. */
function sampleValues(): number[] {
  const u = uniforms(7);
  const xs: number[] = [];
  for (let i = 0; i < 20_000; i++) xs.push((u() * 2 - 1) * 10 ** Math.floor(u() * 24 - 7));
  for (let d = 0; d <= 9; d++) {
    for (let i = 0; i < 500; i++) {
      const x = (Math.floor(u() * 1e6) + 0.5) / 10 ** d; // the nearest double to a tie at d decimals
      xs.push(x, -x, x * (1 + 2 ** -52), x * (1 - 2 ** -52));
    }
  }
  return xs;
}

describe('number text', () => {
  const xs = sampleValues();

  it('fixed decimals: the text of Number#toFixed (an independent, exact implementation), also for ties and huge values', () => {
    let checked = 0;
    for (const x of xs) {
      for (let d = 0; d <= 9; d++) {
        const got = fixed(x, d);
        if (got !== x.toFixed(d)) expect(`${x} with ${d}: ${got}`).toBe(`${x} with ${d}: ${x.toFixed(d)}`);
        checked++;
      }
    }
    expect(checked).toBe(xs.length * 10);
  });

  it('fixed decimals on hand-picked values: rounding carries, ties away from zero, negatives, zero', () => {
    expect(fixed(0.9999999, 6)).toBe('1.000000');
    expect(fixed(9.9995, 3)).toBe('9.999'); // 9.9995 is stored just below the tie
    expect(fixed(0.125, 2)).toBe('0.13'); // an exact tie: away from zero
    expect(fixed(-0.125, 2)).toBe('-0.13');
    expect(fixed(2.5, 0)).toBe('3');
    expect(fixed(-2.5, 0)).toBe('-3');
    expect(fixed(0, 3)).toBe('0.000');
    expect(fixed(-0, 3)).toBe('0.000');
    expect(fixed(-0.0001, 3)).toBe('-0.000'); // as toFixed: the sign of a negative kept
    expect(fixed(-12.3456, 2)).toBe('-12.35');
    expect(fixed(123456789.123456789, 9)).toBe('123456789.123456791'); // past 2^52 after scaling: toFixed's exact digits
    expect(fixed(36500.5, 0)).toBe('36501');
    expect(fixed(1e21, 3)).toBe('1e+21');
  });

  it('fixed decimals read back within half a unit of the last place', () => {
    for (const x of xs.slice(0, 5000)) {
      for (const d of [0, 3, 9]) {
        const back = Number(fixed(x, d));
        expect(Math.abs(back - x)).toBeLessThanOrEqual(0.5 * 10 ** -d * (1 + 1e-9) + Math.abs(x) * 2 ** -52);
      }
    }
  });

  it('shortest text: identical to JSON.stringify, so it reads back as the very same double', () => {
    const special = [0, -0, 1, -1, 0.5, -0.5, 2.5, 1 / 8, -7 / 8, 2 ** 40 + 0.5, 2 ** 53, -(2 ** 53), 2 ** 60, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, 0.1, 1 / 3, NaN, Infinity, -Infinity];
    const u = uniforms(3);
    const ints = Array.from({ length: 2000 }, () => Math.floor((u() * 2 - 1) * 2 ** Math.floor(u() * 53)));
    const eighths = ints.map((n) => n / 8);
    // Random bit patterns (every exponent) and times as a simulation makes them (sums of draws).
    const bits = new Float64Array(20_000);
    const words = new Uint32Array(bits.buffer);
    for (let i = 0; i < words.length; i++) words[i] = Math.floor(u() * 2 ** 32);
    const times: number[] = [];
    for (let t = 0, i = 0; i < 20_000; i++) times.push((t += -Math.log(u()) * 0.37));
    const all = [...special, ...xs, ...ints, ...eighths, ...bits, ...times, ...times.map((t) => -t / 1e5)];
    for (const x of all) {
      const got = text.decode(buf.subarray(0, writeShortest(buf, 0, x)));
      if (got !== JSON.stringify(x)) expect(`${x}: ${got}`).toBe(`${x}: ${JSON.stringify(x)}`);
      if (Number.isFinite(x)) expect(Object.is(Number(got), x === 0 ? 0 : x)).toBe(true);
    }
    expect(text.decode(buf.subarray(0, writeInteger(buf, 0, -(2 ** 53 - 1))))).toBe('-9007199254740991');
  });
});

// The costed lung file: progression states, tests, returns and several stages.
const lung = { ...loadScenario('examples/scenarios/lung-cancer-ai-costed.yaml'), horizon: '10w' };

function lungRecords(): { run: ReturnType<typeof simulate>; records: PatientRecord[] } {
  const records: PatientRecord[] = [];
  const run = simulate(lung, { patients: { write: (r) => records.push(r) } });
  return { run, records };
}

function encoded(records: PatientRecord[], decimals?: number, tag?: Record<string, unknown>): string {
  const parts: string[] = [];
  const enc = new RecordEncoder((bytes, n) => parts.push(text.decode(bytes.subarray(0, n))), decimals === undefined ? {} : { decimals });
  if (tag) enc.tag(tag);
  for (const r of records) enc.encode(r);
  enc.flush();
  return parts.join('');
}

describe('record encoder', () => {
  const { run, records } = lungRecords();

  it('exact (the default): the bytes of JSON.stringify, over several blocks, so the records read back identical', () => {
    const out = encoded(records, undefined, { variant: 'base', replication: 2 });
    expect(out.length).toBeGreaterThan(3 << 20); // more than three 1 MB blocks
    expect(records.some((r) => r.states !== undefined && r.returns.length > 0)).toBe(true); // every part appears
    const want = records.map((r) => `${JSON.stringify({ variant: 'base', replication: 2, ...r })}\n`).join('');
    expect(out === want).toBe(true);
    const lines = out.split('\n');
    expect(lines.pop()).toBe('');
    lines.forEach((l, i) => expect(JSON.parse(l)).toEqual({ variant: 'base', replication: 2, ...records[i] }));
  });

  it('decimals: every time within half a unit of the last place, and the rest identical', () => {
    const d = 3;
    const lines = encoded(records, d).trimEnd().split('\n');
    expect(lines).toHaveLength(records.length);
    const near = (a: number | null, b: number | null) => (a === null ? b === null : b !== null && Math.abs(a - b) <= 0.5e-3 + 1e-9);
    let times = 0;
    lines.forEach((l, i) => {
      const got = JSON.parse(l) as PatientRecord;
      const r = records[i]!;
      expect(l).toMatch(/"arrival":-?\d+\.\d{3},/);
      expect({ ...got, arrival: 0, left: 0, pathwayStart: 0, returns: [], visits: got.visits.map((v) => ({ ...v, joined: 0, start: 0, end: 0 })) }).toEqual({
        ...r, arrival: 0, left: 0, pathwayStart: 0, returns: [], visits: r.visits.map((v) => ({ ...v, joined: 0, start: 0, end: 0 })),
      });
      const pairs: [number | null, number | null][] = [[got.arrival, r.arrival], [got.left, r.left], [got.pathwayStart, r.pathwayStart], ...got.returns.map((x, k) => [x, r.returns[k]!] as [number, number])];
      got.visits.forEach((v, k) => pairs.push([v.joined, r.visits[k]!.joined], [v.start, r.visits[k]!.start], [v.end, r.visits[k]!.end]));
      for (const [a, b] of pairs) expect(near(a, b), `${a} against ${b}`).toBe(true);
      times += pairs.length;
    });
    expect(times).toBeGreaterThan(50_000);
  });

  it('decimals: the built-in waits recomputed from the file agree within the rounding (a wait is a difference of two times: within one unit)', () => {
    const d = 2;
    const back = encoded(records, d).trimEnd().split('\n').map((l) => JSON.parse(l) as PatientRecord);
    for (const [id, st] of Object.entries(run.stages)) {
      const waits = back.flatMap((r) => r.visits.filter((v) => v.stage === id && v.start !== null).map((v) => v.start! - v.joined));
      expect(waits.length, id).toBe(st.wait.n);
      if (waits.length === 0) continue;
      expect(Math.abs(waits.reduce((a, b) => a + b, 0) / waits.length - st.wait.mean), id).toBeLessThanOrEqual(10 ** -d);
      expect(Math.abs(Math.max(...waits) - st.wait.max), id).toBeLessThanOrEqual(10 ** -d);
    }
    const times = back.filter((r) => r.outcome === 'exited').map((r) => r.left! - r.pathwayStart);
    expect(times.length).toBe(run.timeInSystem.n);
    expect(Math.abs(times.reduce((a, b) => a + b, 0) / times.length - run.timeInSystem.mean)).toBeLessThanOrEqual(10 ** -d);
    expect(run.timeInSystem.n).toBeGreaterThan(1000); // not vacuous
  });

  it('refuses decimals that are not a whole number from 0 to 9, naming the field and the value', () => {
    for (const bad of [-1, 10, 1.5, Number.NaN, '3' as unknown as number]) {
      expect(() => new RecordEncoder(() => {}, { decimals: bad })).toThrow(/^decimals: expected a whole number of decimals from 0 to 9 .*got /);
    }
    expect(() => new RecordEncoder(() => {}, { decimals: 10 })).toThrow(/got 10$/);
    expect(() => new RecordEncoder(() => {}, { decimals: '3' as unknown as number })).toThrow(/got "3"$/);
  });
});

describe('records file', () => {
  it('is written whole on close, or not at all on abort (the lines go to a temporary file until then)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carepath-records-'));
    const path = join(dir, 'patients.jsonl');
    const file = patientRecordsFile(path, { decimals: 1 });
    const run = simulate({ ...lung, horizon: '2w' }, { patients: file.sink });
    expect(existsSync(path)).toBe(false);
    file.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(run.patients.initial + run.patients.arrived);
    expect(lines[0]).toMatch(/"arrival":-?\d+\.\d,/);
    const again = patientRecordsFile(path);
    simulate({ ...lung, horizon: '1w' }, { patients: again.sink });
    again.abort();
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toEqual(lines); // the earlier file untouched
    expect(readdirSync(dir)).toEqual(['patients.jsonl']); // no temporary file left
    expect(() => patientRecordsFile(join(dir, 'x.jsonl'), { decimals: 12 })).toThrow(/decimals: .*got 12/);
    expect(readdirSync(dir)).toEqual(['patients.jsonl']);
  });
});
