/**
 * The Arrow schema of patient records, and a batch of `RecordColumns` as an Arrow record batch
 * built with `makeData` over the columns' own typed arrays (no copy, no Builder). The Arrow
 * module is passed in: it is loaded only when an Arrow file is written.
 * @module
 * @internal
 */
import type * as Arrow from 'apache-arrow';
import type { CodeColumn, Float64Column, Names, Offsets } from '../../pathway/run/typed-columns.js';
import type { RecordColumns } from '../../pathway/run/record-columns.js';

/** The `apache-arrow` module. */
export type ArrowModule = typeof Arrow;

type Dict = Arrow.Dictionary<Arrow.Utf8, Arrow.Int32>;

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
  private readonly dicts = new Map<CodeColumn, { type: Dict; chunks: DictionaryChunks }>();
  private readonly visitType: Arrow.Struct;
  private readonly stateType: Arrow.Struct;
  private readonly types: Record<'conditions' | 'returns' | 'visits' | 'states', Arrow.List>;

  constructor(
    private readonly A: ArrowModule,
    private readonly cols: RecordColumns,
  ) {
    const f64 = () => new A.Float64();
    const field = (name: string, type: Arrow.DataType, nullable = false) => new A.Field(name, type, nullable);
    const visit = [
      field('stage', this.dict(cols.stage)),
      field('joined', f64()),
      field('start', f64(), true),
      field('end', f64(), true),
      field('test', this.dict(cols.test), true),
      field('outcome', this.dict(cols.visitOutcome)),
    ];
    this.visitType = new A.Struct(visit);
    const state = [
      field('condition', this.dict(cols.stateCondition)),
      field('atPresentation', this.dict(cols.atPresentation)),
      field('atDiagnosis', this.dict(cols.atDiagnosis), true),
      field('atTreatment', this.dict(cols.atTreatment), true),
      field('diedWhileWaiting', new A.Bool()),
    ];
    this.stateType = new A.Struct(state);
    this.types = {
      conditions: new A.List(field('item', this.dict(cols.conditions))),
      returns: new A.List(field('item', f64())),
      visits: new A.List(field('item', this.visitType)),
      states: new A.List(field('item', this.stateType)),
    };
    const tagFields = cols.tags.map((t) => field(t.name, t.kind === 'string' ? this.dict(t.column) : f64()));
    this.schema = new A.Schema([
      ...tagFields,
      field('id', new A.Int64()),
      field('arrival', f64()),
      field('class', this.dict(cols.cls)),
      field('conditions', this.types.conditions),
      field('returns', this.types.returns),
      field('visits', this.types.visits),
      field('outcome', this.dict(cols.outcome)),
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
    const tags = c.tags.map((t) => (t.kind === 'string' ? this.codes(t.column) : this.f64(t.column)));
    const visits = A.makeData({
      type: this.visitType,
      length: c.stage.length,
      nullCount: 0,
      children: [this.codes(c.stage), this.f64(c.joined), this.f64(c.start), this.f64(c.end), this.codes(c.test), this.codes(c.visitOutcome)],
    });
    const states = A.makeData({
      type: this.stateType,
      length: c.stateCondition.length,
      nullCount: 0,
      children: [
        this.codes(c.stateCondition),
        this.codes(c.atPresentation),
        this.codes(c.atDiagnosis),
        this.codes(c.atTreatment),
        A.makeData({ type: new A.Bool(), length: c.died.length, nullCount: 0, data: c.died.bits.subarray(0, (c.died.length + 7) >> 3) }),
      ],
    });
    const children = [
      ...tags,
      A.makeData({ type: new A.Int64(), length: n, nullCount: 0, data: c.ids.subarray(0, n) }),
      this.f64(c.arrival),
      this.codes(c.cls),
      this.list(this.types.conditions, c.conditionOffsets, this.codes(c.conditions)),
      this.list(this.types.returns, c.returnOffsets, this.f64(c.returns)),
      this.list(this.types.visits, c.visitOffsets, visits),
      this.codes(c.outcome),
      this.f64(c.left),
      this.f64(c.pathwayStart),
      this.list(this.types.states, c.stateOffsets, states),
    ];
    const data = A.makeData({ type: new A.Struct(this.schema.fields), length: n, nullCount: 0, children });
    return new A.RecordBatch(this.schema, data);
  }

  private dict(col: CodeColumn): Dict {
    const type = new this.A.Dictionary(new this.A.Utf8(), new this.A.Int32(), this.nextId++);
    this.dicts.set(col, { type, chunks: new DictionaryChunks(this.A, col.names) });
    return type;
  }

  private codes(col: CodeColumn): Arrow.Data<Dict> {
    const d = this.dicts.get(col)!;
    const n = col.length;
    return this.A.makeData({
      type: d.type,
      length: n,
      nullCount: col.nulls,
      ...(col.nulls > 0 ? { nullBitmap: col.valid.subarray(0, (n + 7) >> 3) } : {}),
      data: col.codes.subarray(0, n),
      dictionary: d.chunks.current(),
    });
  }

  private f64(col: Float64Column): Arrow.Data<Arrow.Float64> {
    const n = col.length;
    return this.A.makeData({
      type: new this.A.Float64(),
      length: n,
      nullCount: col.nulls,
      ...(col.nulls > 0 ? { nullBitmap: col.valid.subarray(0, (n + 7) >> 3) } : {}),
      data: col.values.subarray(0, n),
    });
  }

  private list(type: Arrow.List, offsets: Offsets, child: Arrow.Data): Arrow.Data<Arrow.List> {
    return this.A.makeData({ type, length: offsets.length, nullCount: 0, valueOffsets: offsets.values.subarray(0, offsets.length + 1), child });
  }
}
