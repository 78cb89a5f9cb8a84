/**
 * The scenario's parameters as readable tables (one per part: arrivals, stages, targets, …; one
 * row per entry with its settings in short text), and each variant's changes as setting → value
 * rows, all collapsed under `<details>` so they do not push the findings off the page.
 * @module
 */
import { escapeHtml } from './format.js';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A value in short text: `key: value` pairs joined by commas, nested objects in parentheses,
 * lists joined by semicolons, numbers as written.
 * @example
 * ```ts
 * import { compactValue } from 'carepath/report';
 * compactValue({ slots: 77, per: 'week', days: ['mon', 'tue'] }); // 'slots: 77, per: week, days: mon; tue'
 * ```
 */
export function compactValue(value: unknown, depth = 0): string {
  if (Array.isArray(value)) return value.map((v) => compactValue(v, depth + 1)).join('; ');
  if (isObject(value)) {
    const inner = Object.entries(value)
      .map(([k, v]) => `${k}: ${compactValue(v, depth + 1)}`)
      .join(', ');
    return depth > 0 ? `(${inner})` : inner;
  }
  return value === null || value === undefined ? '–' : String(value);
}

/** Leaf paths of a patch (`stages.scan.capacity.slots` → 112); lists are leaves. @internal */
export function leafPaths(value: unknown, prefix = ''): [string, unknown][] {
  if (!isObject(value)) return [[prefix, value]];
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(value)) out.push(...leafPaths(v, prefix ? `${prefix}.${k}` : k));
  return out;
}

function table(head: [string, string], rows: [string, string][]): string {
  return `<table class="assumptions"><thead><tr><th>${escapeHtml(head[0])}</th><th>${escapeHtml(head[1])}</th></tr></thead><tbody>${rows
    .map(([a, b]) => `<tr><td class="key">${escapeHtml(a)}</td><td class="val">${escapeHtml(b)}</td></tr>`)
    .join('')}</tbody></table>`;
}

/** Headings of the scenario's parts. */
const PART_TITLES: Record<string, string> = {
  arrivals: 'Arrivals (new patients)',
  stages: 'Stages',
  targets: 'Waiting-time standards',
  classes: 'Patient classes',
  conditions: 'Conditions',
  costs: 'Costs',
};

/**
 * HTML of the scenario's parameters as tables: first the scalar settings (name, horizon, seed…),
 * then one table per part whose entries are named (stages, arrivals, targets, …).
 * @internal
 */
export function parameterTablesHtml(scenario: Record<string, unknown>): string {
  const general: [string, string][] = [];
  const parts: string[] = [];
  for (const [key, value] of Object.entries(scenario)) {
    if (key === 'variants' || key === 'description' || key === 'name') continue;
    if (isObject(value) && Object.values(value).every((v) => isObject(v) || Array.isArray(v))) {
      const rows = Object.entries(value).map(([id, v]) => [id, compactValue(v)] as [string, string]);
      parts.push(`<h4>${escapeHtml(PART_TITLES[key] ?? key)}</h4>${table(['name', 'settings'], rows)}`);
    } else {
      general.push([key, compactValue(value)]);
    }
  }
  return `${general.length > 0 ? `<h4>Run settings</h4>${table(['setting', 'value'], general)}` : ''}\n${parts.join('\n')}`;
}

/**
 * HTML of one variant's patch as setting → value rows.
 * @internal
 */
export function patchTableHtml(patch: unknown): string {
  const rows = leafPaths(patch ?? {}).map(([k, v]) => [k, compactValue(v)] as [string, string]);
  return rows.length > 0 ? table(['setting changed', 'new value'], rows) : '<p>No changes.</p>';
}
