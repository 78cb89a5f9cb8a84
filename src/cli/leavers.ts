/**
 * Leavers and the unfinished in `sweep` and `seek` tables: patients who left untreated (gave up
 * waiting) and patients still waiting at the end, in total and per stage.
 * @module
 */
import type { Leavers } from '../experiment/types.js';
import { formatNumber, formatPercent, formatSigned, formatTextTable } from '../report/index.js';

/** `1,488 (7.1%)`: mean patients who left untreated and their share of those who came. @internal */
export function formatLeft(l: Leavers): string {
  return `${formatNumber(Math.round(l.left.mean))} (${formatPercent(l.leftShare.mean)})`;
}

/** `+12 a week`: growth of a list per week. @internal */
export function formatGrowth(perWeek: number): string {
  return `${formatSigned(Number(perWeek.toFixed(1)))} a week`;
}

/** Stages where anybody left or waited at the end in any of `all`, in their order. */
function busyStages(all: readonly Leavers[]): string[] {
  const ids = Object.keys(all[0]?.stages ?? {});
  return ids.filter((s) => all.some((l) => (l.stages[s]?.left.mean ?? 0) > 0 || (l.stages[s]?.waitingAtEnd.mean ?? 0) > 0));
}

/**
 * A table of rows (labels first) by stage: `left / waiting` (means) per stage where anybody left
 * or waited; '' when no stage has either.
 * @internal
 */
export function stageLeaversTable(labels: string[], rows: { label: string[]; leavers: Leavers }[]): string {
  const stages = busyStages(rows.map((r) => r.leavers));
  if (stages.length === 0) return '';
  const cell = (l: Leavers, s: string) => {
    const st = l.stages[s];
    return st ? `${formatNumber(Math.round(st.left.mean))} / ${formatNumber(Math.round(st.waitingAtEnd.mean))}` : '–';
  };
  const body = rows.map((r) => [...r.label, ...stages.map((s) => cell(r.leavers, s))]);
  const header = [...labels, ...stages];
  return formatTextTable(body, { header, align: header.map((_, i) => (i < labels.length ? 'left' : 'right')) });
}
