/**
 * Where the diagram's boxes go: columns by distance from where patients enter (breadth-first
 * along arrows with flow), rows by scenario order within a column. Deterministic: the same
 * flows give the same layout.
 * @module
 */
import type { PathwayFlows } from './flows.js';

/** Column and row of each stage, and the grid's size. @internal */
export interface DiagramLayout {
  /** Stage id → column (0 = where new patients arrive). */
  column: Map<string, number>;
  /** Stage id → row within its column. */
  row: Map<string, number>;
  /** Number of columns. */
  columns: number;
  /** Most rows in any column. */
  rows: number;
}

/**
 * Lays the stages out in columns: sources (stages with new patients, else the first stage) in
 * column 0, every other stage one column right of the nearest stage that sends it patients;
 * stages no flow reaches go in a last column.
 * @internal
 */
export function layoutDiagram(flows: PathwayFlows): DiagramLayout {
  const column = new Map<string, number>();
  const sources = flows.stages.filter((s) => s.newPerWeek > 0).map((s) => s.id);
  if (sources.length === 0 && flows.stages[0]) sources.push(flows.stages[0].id);
  let frontier = sources;
  for (const s of sources) column.set(s, 0);
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const e of flows.edges) {
      if (frontier.includes(e.from) && !column.has(e.to)) {
        column.set(e.to, depth);
        next.push(e.to);
      }
    }
    frontier = next;
  }
  const reached = Math.max(-1, ...column.values()) + 1;
  for (const s of flows.stages) if (!column.has(s.id)) column.set(s.id, reached);
  const columns = Math.max(0, ...column.values()) + 1;
  const row = new Map<string, number>();
  const perColumn = new Array<number>(columns).fill(0);
  for (const s of flows.stages) {
    const c = column.get(s.id)!;
    row.set(s.id, perColumn[c]!++);
  }
  return { column, row, columns, rows: Math.max(0, ...perColumn) };
}
