/** Types of bench/targets.mjs (for the test that imports it). */
export interface TargetRow {
  target: string;
  goal: string;
  figure: string;
  reference: string;
  /** true or false when this sitting measured it; null when it did not (or `stated`). */
  met: boolean | null;
  stated?: true;
}
export function judgeTargets(lines: object[]): TargetRow[];
export function formatTargets(rows: TargetRow[]): string;
