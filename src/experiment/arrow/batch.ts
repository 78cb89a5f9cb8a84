/**
 * The Arrow schema of patient records, and a batch of `RecordColumns` as an Arrow record batch
 * built with `makeData` over the columns' own typed arrays (no copy, no Builder). The Arrow
 * module is passed in: it is loaded only when an Arrow file is written.
 * @module
 * @internal
 */
import type * as Arrow from 'apache-arrow';
import type { Names } from '../../pathway/run/typed-columns.js';
import type { RecordColumns } from '../../pathway/run/record-columns.js';

/** The `apache-arrow` module. */
export type ArrowModule = typeof Arrow;

type Dict = Arrow.Dictionary<Arrow.Utf8, Arrow.Int32 | Arrow.Int8>;

/** A dictionary's strings as Arrow data, chunk by chunk: a chunk added after the first is written as a delta. */
class DictionaryChunks {
  private readonly chunks: Arrow.Data<Arrow.Utf8>[] = [];
  private vector: Arrow.Vector<Arrow.Utf8> | null = null;
  constructor(
    private readonly A: ArrowModule,
    private readonly names: Names,
  ) {}

  /** The dictionary, with a new chunk for the strings that appeared since the last call. */
  current(): Arrow.Vector<Arrow.Utf8> {
    const n = this.names;
    if (this.vector === null || n.list.length > n.sealed) {
      const enc = new TextEncoder();
      const parts = n.list.slice(n.sealed).map((s) => enc.encode(s));
      // Offsets in bytes: the strings' UTF-8 lengths.
      const offsets = new Int32Array(parts.length + 1);
      for (let i = 0; i < parts.length; i++) offsets[i + 1] = offsets[i]! + parts[i]!.length;
      const bytes = new Uint8Array(offsets[parts.length]!);
      for (let i = 0; i < parts.length; i++) bytes.set(parts[i]!, offsets[i]!);
      this.chunks.push(this.A.makeData({ type: new this.A.Utf8(), length: parts.length, nullCount: 0, valueOffsets: offsets, data: bytes }));
      n.sealed = n.list.length;
      this.vector = new this.A.Vector(this.chunks.slice());
    }
    return this.vector;
  }
}

/**
 * The schema of a records file and a builder of its batches.
 * @internal
 * @example
 * ```ts
 * import * as A from 'apache-arrow';
 * import { RecordBatches } from './batch.js';
 * import { RecordColumns } from '../../pathway/run/record-columns.js';
 * const cols = new RecordColumns([]);
 * cols.push({ id: 7, arrival: 0.5, class: 'routine', conditions: [], returns: [], visits: [], outcome: 'in-pathway', left: null, pathwayStart: 0.5 });
 * const batches = new RecordBatches(A, cols);
 * batches.build().get(0)?.toJSON().arrival; // 0.5
 * ```
 */
export class RecordBatches {
  readonly schema: Arrow.Schema;
  private nextId = 0;
  private readonly dicts = new Map<Names, { type: Dict; chunks: DictionaryChunks }>();
  private readonly visitType: Arrow.Struct;
  private readonly stateType: Arrow.Struct;
  private readonly types: Record<'conditions' | 'returns' | 'visits' | 'states', Arrow.List>;

  constructor(
    private readonly A: ArrowModule,
    private readonly cols: RecordColumns,
  ) {
    const f64 = () => new A.Float64();
    const field = (name: string, type: Arrow.DataType, nullable = false) => new A.Field(name, type, nullable);
    // Fixed dictionaries of a few entries: Int8 codes.
    const small = (names: Names) => this.dict(names, new A.Int8());
    this.visitType = new A.Struct([
      field('stage', this.dict(cols.stageNames)),
      field('joined', f64()),
      field('start', f64(), true),
      field('end', f64(), true),
      field('test', small(cols.testNames), true),
      field('outcome', small(cols.visitOutcomeNames)),
    ]);
    this.stateType = new A.Struct([
      field('condition', this.dict(cols.stateConditionNames)),
      field('atPresentation', this.dict(cols.presentationNames)),
      field('atDiagnosis', this.dict(cols.diagnosisNames), true),
      field('atTreatment', this.dict(cols.treatmentNames), true),
      field('diedWhileWaiting', new A.Bool()),
    ]);
    this.types = {
      conditions: new A.List(field('item', this.dict(cols.conditionNames))),
      returns: new A.List(field('item', f64())),
      visits: new A.List(field('item', this.visitType)),
      states: new A.List(field('item', this.stateType)),
    };
    const tagFields = cols.tags.map((t) => field(t.name, t.kind === 'string' ? this.dict(t.column.names) : f64()));
    this.schema = new A.Schema([
      ...tagFields,
      field('id', new A.Int64()),
      field('arrival', f64()),
      field('class', this.dict(cols.classNames)),
      field('conditions', this.types.conditions),
      field('returns', this.types.returns),
      field('visits', this.types.visits),
      field('outcome', small(cols.outcomeNames)),
      field('left', f64(), true),
      field('pathwayStart', f64()),
      field('states', this.types.states),
    ]);
  }

  /** The columns' rows as one record batch (valid until the columns are reset). */
  build(): Arrow.RecordBatch {
    const A = this.A;
    const c = this.cols;
    const n = c.rows;
    const nv = c.visits;
    const ns = c.states;
    const tags = c.tags.map((t) =>
      t.kind === 'string' ? this.codes(t.column.names, t.column.codes, t.column.length, t.column.valid, t.column.nulls) : this.f64(t.column.values, t.column.length, t.column.valid, t.column.nulls),
    );
    const visits = A.makeData({
      type: this.visitType,
      length: nv,
      nullCount: 0,
      children: [
        this.codes(c.stageNames, c.stage, nv),
        this.f64(c.joined, nv),
        this.f64(c.start, nv, c.startValid, c.startNulls),
        this.f64(c.end, nv, c.endValid, c.endNulls),
        this.codes(c.testNames, c.test, nv, c.testValid, c.testNulls),
        this.codes(c.visitOutcomeNames, c.visitOutcome, nv),
      ],
    });
    const states = A.makeData({
      type: this.stateType,
      length: ns,
      nullCount: 0,
      children: [
        this.codes(c.stateConditionNames, c.stateCondition, ns),
        this.codes(c.presentationNames, c.atPresentation, ns),
        this.codes(c.diagnosisNames, c.atDiagnosis, ns, c.diagnosisValid, c.diagnosisNulls),
        this.codes(c.treatmentNames, c.atTreatment, ns, c.treatmentValid, c.treatmentNulls),
        A.makeData({ type: new A.Bool(), length: ns, nullCount: 0, data: c.died.subarray(0, (ns + 7) >> 3) }),
      ],
    });
    const children = [
      ...tags,
      A.makeData({ type: new A.Int64(), length: n, nullCount: 0, data: c.ids.subarray(0, n) }),
      this.f64(c.arrival, n),
      this.codes(c.classNames, c.cls, n),
      this.list(this.types.conditions, c.conditionOffsets, n, this.codes(c.conditionNames, c.conditions, c.conditionCount)),
      this.list(this.types.returns, c.returnOffsets, n, this.f64(c.returns, c.returnCount)),
      this.list(this.types.visits, c.visitOffsets, n, visits),
      this.codes(c.outcomeNames, c.outcome, n),
      this.f64(c.left, n, c.leftValid, c.leftNulls),
      this.f64(c.pathwayStart, n),
      this.list(this.types.states, c.stateOffsets, n, states),
    ];
    const data = A.makeData({ type: new A.Struct(this.schema.fields), length: n, nullCount: 0, children });
    return new A.RecordBatch(this.schema, data);
  }

  private dict(names: Names, indices: Arrow.Int8 | Arrow.Int32 = new this.A.Int32()): Dict {
    const type = new this.A.Dictionary(new this.A.Utf8(), indices, this.nextId++) as Dict;
    this.dicts.set(names, { type, chunks: new DictionaryChunks(this.A, names) });
    return type;
  }

  private codes(names: Names, codes: Int32Array | Int8Array, n: number, valid?: Uint8Array, nulls = 0): Arrow.Data<Dict> {
    const d = this.dicts.get(names)!;
    return this.A.makeData({
      type: d.type,
      length: n,
      nullCount: nulls,
      ...(nulls > 0 ? { nullBitmap: valid!.subarray(0, (n + 7) >> 3) } : {}),
      data: codes.subarray(0, n) as Int32Array,
      dictionary: d.chunks.current(),
    });
  }

  private f64(values: Float64Array, n: number, valid?: Uint8Array, nulls = 0): Arrow.Data<Arrow.Float64> {
    return this.A.makeData({
      type: new this.A.Float64(),
      length: n,
      nullCount: nulls,
      ...(nulls > 0 ? { nullBitmap: valid!.subarray(0, (n + 7) >> 3) } : {}),
      data: values.subarray(0, n),
    });
  }

  private list(type: Arrow.List, offsets: Int32Array, n: number, child: Arrow.Data): Arrow.Data<Arrow.List> {
    return this.A.makeData({ type, length: n, nullCount: 0, valueOffsets: offsets.subarray(0, n + 1), child });
  }
}
