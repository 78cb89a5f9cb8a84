import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordBatchReader, tableFromIPC, type Data, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { isArrowPath, patientRecordsTo } from '../../src/cli/patients.js';
import { patientRecordsArrow } from '../../src/experiment/records-arrow.js';
import { loadScenario, parseScenario, simulate } from '../../src/pathway/index.js';
import type { PatientRecord, PatientStates, StageVisit } from '../../src/pathway/run/records.js';

const dir = () => mkdtempSync(join(tmpdir(), 'carepath-arrow-'));

/**
 * The records of an Arrow records table (without the tag columns), decoded from each batch's
 * buffers: values, validity, list offsets and dictionaries (row objects would take seconds).
 */
function recordsOf(table: Table): PatientRecord[] {
  const out: PatientRecord[] = [];
  for (const batch of table.batches) {
    const data = (name: string): Data => batch.getChild(name)!.data[0]!;
    const strings = (d: Data) => {
      const names = [...d.dictionary!.toArray()] as string[];
      return (i: number): string | null => (d.getValid(i) ? names[d.values[i] as number]! : null);
    };
    const doubles = (d: Data) => (i: number): number | null => (d.getValid(i) ? (d.values[i] as number) : null);
    const list = (name: string) => {
      const d = data(name);
      return { at: (i: number) => [d.valueOffsets[i]!, d.valueOffsets[i + 1]!] as const, child: d.children[0]! };
    };
    const ids = data('id').values as BigInt64Array;
    const [arrival, left, pathwayStart] = ['arrival', 'left', 'pathwayStart'].map((n) => doubles(data(n)));
    const [cls, outcome] = ['class', 'outcome'].map((n) => strings(data(n)));
    const conditions = list('conditions');
    const condition = strings(conditions.child);
    const returns = list('returns');
    const ret = doubles(returns.child);
    const visits = list('visits');
    const [stage, vTest, vOutcome] = [0, 4, 5].map((k) => strings(visits.child.children[k]!));
    const [joined, start, end] = [1, 2, 3].map((k) => doubles(visits.child.children[k]!));
    const states = list('states');
    const [sCondition, atPresentation, atDiagnosis, atTreatment] = [0, 1, 2, 3].map((k) => strings(states.child.children[k]!));
    const died = states.child.children[4]!;
    const range = ([a, b]: readonly [number, number]) => Array.from({ length: b - a }, (_, k) => a + k);
    for (let i = 0; i < batch.numRows; i++) {
      const r: PatientRecord = {
        id: Number(ids[i]),
        arrival: arrival!(i)!,
        class: cls!(i)!,
        conditions: range(conditions.at(i)).map((k) => condition(k)!),
        returns: range(returns.at(i)).map((k) => ret(k)!),
        visits: range(visits.at(i)).map(
          (k): StageVisit => ({ stage: stage!(k)!, joined: joined!(k)!, start: start!(k), end: end!(k), test: vTest!(k) as StageVisit['test'], outcome: vOutcome!(k) as StageVisit['outcome'] }),
        ),
        outcome: outcome!(i) as PatientRecord['outcome'],
        left: left!(i),
        pathwayStart: pathwayStart!(i)!,
      };
      const own = range(states.at(i));
      if (own.length > 0) {
        r.states = Object.fromEntries(
          own.map((k): [string, PatientStates] => [
            sCondition!(k)!,
            { atPresentation: atPresentation!(k)!, atDiagnosis: atDiagnosis!(k), atTreatment: atTreatment!(k), diedWhileWaiting: ((died.values[k >> 3]! >> (k & 7)) & 1) === 1 },
          ]),
        );
      }
      out.push(r);
    }
  }
  return out;
}

describe('patient records as an Arrow IPC file', () => {
  // The costed lung file over 6 weeks: conditions, tests, missed returns, progression states.
  const lung = { ...loadScenario('examples/scenarios/lung-cancer-ai-costed.yaml'), horizon: '6w' };

  /** The records of a run as objects (the plain recorder). */
  function objects(scenario: Parameters<typeof simulate>[0], variant: string, sample?: number): PatientRecord[] {
    const records: PatientRecord[] = [];
    simulate(scenario, { variant, patients: { write: (r) => void records.push(r), ...(sample === undefined ? {} : { sample }) } });
    return records;
  }

  it('hold every field of every record exactly, over many batches', async () => {
    const file = join(dir(), 'patients.arrow');
    const out = await patientRecordsArrow(file, { batchRows: 4096 });
    out.tag({ variant: 'ai-reporting', replication: 3 });
    // The sink as given: the recorder writes columns (here records with states, built as objects).
    const run = simulate(lung, { variant: 'ai-reporting', patients: out.sink });
    out.close();
    const records = objects(lung, 'ai-reporting');
    const table = tableFromIPC(readFileSync(file));
    expect(records.length).toBe(run.patients.arrived + run.patients.initial);
    expect(table.numRows).toBe(records.length);
    expect(table.batches.length).toBe(Math.ceil(records.length / 4096));
    // Not vacuous: the run has every kind of field.
    expect(records.length).toBeGreaterThan(10_000);
    expect(records.some((r) => r.returns.length > 0)).toBe(true);
    expect(records.some((r) => r.conditions.length > 0)).toBe(true);
    expect(records.some((r) => r.states !== undefined && Object.values(r.states).some((s) => s.atDiagnosis !== null && s.atTreatment === null))).toBe(true);
    expect(records.some((r) => r.states !== undefined && Object.values(r.states).some((s) => s.diedWhileWaiting))).toBe(true);
    expect(records.some((r) => r.visits.some((v) => v.test === 'positive'))).toBe(true);
    expect(records.some((r) => r.visits.some((v) => v.start === null))).toBe(true);
    expect(records.some((r) => r.left === null) && records.some((r) => r.left !== null)).toBe(true);
    // toEqual compares numbers with Object.is: every double is the very same double.
    expect(recordsOf(table)).toEqual(records);
    expect([...table.getChild('variant')!.toArray()].every((v) => v === 'ai-reporting')).toBe(true);
    expect([...table.getChild('replication')!.toArray()].every((v) => v === 3)).toBe(true);
    expect(readdirSync(join(file, '..'))).toEqual(['patients.arrow']);
  });

  it('hold every record exactly when the buffers of a batch are larger than the write block', async () => {
    // 70,000 patients a batch: their Float64 columns (560 KB) pass the file at once, around the
    // 1 MB block that gathers small buffers; the file must keep the writer's order of bytes.
    const mm1 = { ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 170_000 };
    const file = join(dir(), 'large.arrow');
    const out = await patientRecordsArrow(file, { batchRows: 70_000 });
    simulate(mm1, { patients: out.sink });
    out.close();
    const records = objects(mm1, 'base');
    const table = tableFromIPC(readFileSync(file));
    expect(records.length).toBeGreaterThan(140_000); // at least two whole large batches
    expect(table.batches.length).toBe(Math.ceil(records.length / 70_000));
    expect(recordsOf(table)).toEqual(records);
  });

  it('are the same written as columns or from record objects, sampled too', async () => {
    // Without progression the recorder builds no object at all.
    const plain = { ...loadScenario('examples/scenarios/lung-cancer-ai.yaml'), horizon: '4w' };
    const d = dir();
    const direct = await patientRecordsArrow(join(d, 'direct.arrow'), { sample: 0.5, batchRows: 3000 });
    const viaWrite = await patientRecordsArrow(join(d, 'objects.arrow'), { sample: 0.5, batchRows: 3000 });
    const r1 = simulate(plain, { variant: 'ai-lower-sensitivity', patients: direct.sink });
    const r2 = simulate(plain, { variant: 'ai-lower-sensitivity', patients: { sample: 0.5, write: (r) => viaWrite.sink.write(r) } });
    direct.close();
    viaWrite.close();
    expect(r1).toEqual(r2);
    const records = objects(plain, 'ai-lower-sensitivity', 0.5);
    const all = r1.patients.arrived + r1.patients.initial;
    expect(records.length).toBeGreaterThan(0.45 * all); // a binomial half of > 10,000 patients
    expect(records.length).toBeLessThan(0.55 * all);
    expect(records.some((r) => r.returns.length > 0) && records.some((r) => r.visits.some((v) => v.test === 'negative'))).toBe(true);
    for (const name of ['direct.arrow', 'objects.arrow']) {
      const table = tableFromIPC(readFileSync(join(d, name)));
      expect(recordsOf(table), name).toEqual(records);
    }
  });

  it('are the same written as columns or from record objects for DNAs, discharges, the turned away and those who gave up', async () => {
    const surgical = { ...loadScenario('examples/scenarios/surgical-pathway.yaml'), horizon: '8w' };
    const full = parseScenario({
      version: 1, name: 'full and impatient', seed: 5, horizon: 150,
      arrivals: { r: { to: 's1', rate: { perDay: 2 } } },
      stages: {
        s1: { capacity: 1, places: 3, patience: { dist: 'exponential', mean: 2 }, service: { dist: 'exponential', mean: 0.6 }, next: [{ to: 's2' }] },
        s2: { capacity: 1, places: 1, service: { dist: 'exponential', mean: 0.7 } },
      },
    });
    const d = dir();
    const seen = new Set<string>();
    for (const [k, sc] of [surgical, full].entries()) {
      const file = join(d, `${k}.arrow`);
      const out = await patientRecordsArrow(file, { batchRows: 500 });
      simulate(sc, { patients: out.sink });
      out.close();
      const records = objects(sc as typeof lung, 'base');
      for (const r of records) seen.add(r.outcome).add(`visit ${r.visits.at(-1)?.outcome}`);
      expect(recordsOf(tableFromIPC(readFileSync(file)))).toEqual(records);
    }
    for (const o of ['discharged', 'rejected', 'abandoned', 'exited', 'in-pathway', 'visit dna', 'visit rejected', 'visit abandoned']) expect(seen.has(o), o).toBe(true);
  });

  it('take tags from several runs, names new after the first batch included (as deltas, or whole when given)', async () => {
    const mm1 = { ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 10 };
    const names = ['first', 'second', 'first'];
    const write = async (file: string, tagValues?: Record<string, string[]>) => {
      const out = await patientRecordsArrow(file, { batchRows: 500, ...(tagValues ? { tagValues } : {}) });
      const counts: number[] = [];
      for (const [replication, variant] of names.entries()) {
        out.tag({ variant, replication });
        const run = simulate(mm1, { replication, patients: out.sink });
        counts.push(run.patients.arrived + run.patients.initial);
      }
      out.close();
      const bytes = readFileSync(file);
      const table = tableFromIPC(bytes);
      const [variant, replication] = ['variant', 'replication'].map((c) => [...table.getChild(c)!.toArray()]);
      const rows = variant!.map((v, i) => ({ variant: v, replication: replication![i] }));
      expect(counts.every((n) => n > 500)).toBe(true); // 'second' comes after a batch went out
      const expected = counts.flatMap((n, k) => Array.from({ length: n }, () => `${names[k]}/${k}`));
      expect(rows.map((r) => `${r.variant}/${r.replication}`)).toEqual(expected);
      const reader = RecordBatchReader.from(bytes);
      reader.open();
      return (reader as unknown as { numDictionaries: number }).numDictionaries;
    };
    const d = dir();
    // 11 dictionary columns (variant, class, conditions, the visits' stage, test and outcome, the
    // outcome, the states' four names): one dictionary batch each, and a delta when 'second' comes late.
    expect(await write(join(d, 'deltas.arrow'))).toBe(12);
    expect(await write(join(d, 'whole.arrow'), { variant: ['first', 'second'] })).toBe(11);
  });

  it('are written whole or not at all', async () => {
    const d = dir();
    const file = join(d, 'kept.arrow');
    writeFileSync(file, 'before');
    const out = await patientRecordsArrow(file, { batchRows: 16 });
    simulate({ ...loadScenario('examples/scenarios/mm1.yaml'), horizon: 30 }, { patients: out.sink });
    expect(readdirSync(d).some((f) => f.endsWith('.part'))).toBe(true); // batches already went out
    out.abort();
    out.close(); // after abort: nothing more happens
    expect(readdirSync(d)).toEqual(['kept.arrow']);
    expect(readFileSync(file, 'utf8')).toBe('before');
    // An empty file is still a valid table.
    const empty = join(d, 'empty.arrow');
    const none = await patientRecordsArrow(empty);
    none.close();
    expect(tableFromIPC(readFileSync(empty)).numRows).toBe(0);
  });

  it('refuse bad paths and options, naming them', async () => {
    const missing = join(dir(), 'no-such-folder', 'p.arrow');
    await expect(patientRecordsArrow(missing)).rejects.toThrow(`cannot write ${missing}: the folder ${join(missing, '..')} does not exist`);
    expect(existsSync(join(missing, '..'))).toBe(false);
    await expect(patientRecordsArrow(join(dir(), 'p.arrow'), { sample: 1.5 })).rejects.toThrow('patients.sample: expected a share between 0 and 1, got 1.5');
    await expect(patientRecordsArrow(join(dir(), 'p.arrow'), { batchRows: 0 })).rejects.toThrow('patients.batchRows: expected a whole number from 1 to 16777216, got 0');
    const out = await patientRecordsArrow(join(dir(), 'p.arrow'));
    out.tag({ variant: 'base' });
    expect(() => out.tag({ replication: 1 })).toThrow("the file's tag columns are [variant] (fixed by the first tag or record), got [replication]");
    expect(() => out.tag({ variant: 2 })).toThrow('tag variant: expected a string (as in the first tag), got 2');
    out.abort();
  });

  it('are what --patients writes for .arrow and .feather paths; --patients-decimals is refused there', async () => {
    expect(['a.arrow', 'b.FEATHER', 'c.jsonl', 'arrow', 'd.arrow.jsonl'].map(isArrowPath)).toEqual([true, true, false, false, false]);
    const d = dir();
    const bad = patientRecordsTo(join(d, 'x.feather'), { decimals: 3 });
    await expect(bad).rejects.toThrow(UsageError);
    await expect(bad).rejects.toThrow(`--patients-decimals applies to JSON Lines; ${join(d, 'x.feather')} is an Arrow file`);
    expect(readdirSync(d)).toEqual([]);
  });

  it('is not loaded by importing the library: no source imports apache-arrow but for types', () => {
    const files = (readdirSync('src', { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const loads = files.filter((f) => /^import (?!type )[^;]*from 'apache-arrow'/m.test(readFileSync(join('src', f), 'utf8')));
    expect(files.length).toBeGreaterThan(100);
    expect(loads).toEqual([]);
  });
});
