/**
 * The what-if page's settings as data: the values the planner changed, as a variant patch over
 * the scenario, as a link (the URL hash) and as the YAML of a variant to paste into the file.
 * @module
 */
import { setPath } from '../experiment/paths.js';
import type { AppControl } from './controls.js';

/** Control path → value, for the controls the planner moved away from the scenario's value. */
export type Settings = Record<string, number>;

/** Name of the variant the page runs beside `base` (a free name if the scenario uses it). @internal */
export function whatIfName(scenario: unknown): string {
  const taken = (scenario as { variants?: Record<string, unknown> }).variants ?? {};
  let name = 'what-if';
  for (let i = 2; Object.prototype.hasOwnProperty.call(taken, name); i++) name = `what-if-${i}`;
  return name;
}

/**
 * The changed settings as a JSON Merge Patch over the scenario.
 * @example
 * ```ts
 * import { settingsPatch } from './settings.js';
 * settingsPatch({ 'stages.surgery.capacity.slots': 9 }); // { stages: { surgery: { capacity: { slots: 9 } } } }
 * ```
 * @internal
 */
export function settingsPatch(settings: Settings): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(settings)) setPath(patch, path, value);
  return patch;
}

/**
 * The scenario with the settings added as the variant {@link whatIfName} (its own variants kept).
 * @example
 * ```ts
 * import { loadScenario } from '../index.js';
 * import { withWhatIf } from './settings.js';
 * const lung = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
 * withWhatIf(lung, { 'stages.surgery.capacity.slots': 9 }).variants; // its own three, and 'what-if'
 * ```
 * @internal
 */
export function withWhatIf(scenario: Record<string, unknown>, settings: Settings): Record<string, unknown> {
  const variants = { ...((scenario.variants as Record<string, unknown> | undefined) ?? {}) };
  variants[whatIfName(scenario)] = { description: 'The settings chosen on this page.', patch: settingsPatch(settings) };
  return { ...scenario, variants };
}

/**
 * The settings as a URL hash, `#stages.surgery.capacity.slots=9&…`, in the controls' order.
 * @example
 * ```ts
 * import { settingsHash } from './settings.js';
 * settingsHash({ 'stages.surgery.capacity.slots': 9 }); // '#stages.surgery.capacity.slots=9'
 * ```
 * @internal
 */
export function settingsHash(settings: Settings): string {
  const parts = Object.entries(settings).map(([p, v]) => `${encodeURIComponent(p)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `#${parts.join('&')}` : '';
}

/**
 * Reads settings from a URL hash: only known controls, only numbers within their range (a link
 * edited by hand cannot set what the page could not).
 * @example
 * ```ts
 * import { loadScenario } from '../index.js';
 * import { appControls } from './controls.js';
 * import { settingsFromHash } from './settings.js';
 * const controls = appControls(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
 * settingsFromHash('#stages.surgery.capacity.slots=9&nonsense=1', controls); // { 'stages.surgery.capacity.slots': 9 }
 * ```
 * @internal
 */
export function settingsFromHash(hash: string, controls: readonly AppControl[]): Settings {
  const byPath = new Map(controls.map((c) => [c.path, c]));
  const out: Settings = {};
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const path = decodeURIComponent(part.slice(0, eq));
    const value = Number(decodeURIComponent(part.slice(eq + 1)));
    const c = byPath.get(path);
    if (c && Number.isFinite(value) && value >= c.min && value <= c.max && value !== c.value) out[path] = value;
  }
  return out;
}

function yamlKey(k: string): string {
  return /^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k);
}

function yamlLines(obj: Record<string, unknown>, indent: string, out: string[]): void {
  for (const [k, v] of Object.entries(obj)) {
    if (v !== null && typeof v === 'object') {
      out.push(`${indent}${yamlKey(k)}:`);
      yamlLines(v as Record<string, unknown>, `${indent}  `, out);
    } else {
      out.push(`${indent}${yamlKey(k)}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
    }
  }
}

/**
 * The settings as a variant to paste under the scenario's `variants:` (YAML).
 * @example
 * ```ts
 * import { variantYaml } from './settings.js';
 * variantYaml('fewer-slots', { 'stages.surgery.capacity.slots': 6 });
 * // 'variants:\n  fewer-slots:\n    description: …\n    patch:\n      stages:\n        surgery:\n          capacity:\n            slots: 6\n'
 * ```
 * @internal
 */
export function variantYaml(name: string, settings: Settings): string {
  const out = ['# Paste under `variants:` in the scenario file (carepath what-if page).', 'variants:'];
  yamlLines({ [name]: { description: 'Settings chosen on the what-if page.', patch: settingsPatch(settings) } }, '  ', out);
  return `${out.join('\n')}\n`;
}
