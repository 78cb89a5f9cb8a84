/**
 * The what-if page's controls, read from the scenario: each stage's capacity (servers or
 * slots), each arrival stream's rate, each test's sensitivity and specificity, and the costs
 * under `economics` (every number in a `cost` or `fixed` field), with ranges wide enough to ask
 * "what if half, what if double". Plain data: the page draws them.
 * @module
 */
import { humanise } from '../report/format.js';
import { RATE_UNITS } from '../pathway/schema.js';

/** The groups of controls, in the order the page shows them. @internal */
export const CONTROL_GROUPS = ['Capacity', 'Arrivals', 'Test accuracy', 'Costs'] as const;

/** Which group a control is shown in. @internal */
export type AppControlGroup = (typeof CONTROL_GROUPS)[number];

/** One control of the what-if page: a number at a dotted path of the scenario. */
export interface AppControl {
  /** The dotted scenario path the value is written to (also the control's id and hash key). */
  path: string;
  /** What the planner reads, e.g. "Surgery: slots a week". */
  label: string;
  /** Which group it is shown in. */
  group: AppControlGroup;
  /** The scenario's value. */
  value: number;
  min: number;
  max: number;
  step: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: unknown): [string, unknown][] => (isObj(v) ? Object.entries(v) : []);

/** A step of about 1% of the value, rounded to 1, 2 or 5 × a power of ten (at least `floor`). */
function niceStep(value: number, floor: number): number {
  if (!(value > 0)) return floor;
  const raw = value / 100;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return Math.max(floor, (m < 2 ? 1 : m < 5 ? 2 : 5) * p);
}

/** Up to double the value (and at least a few units more), rounded to the step. */
function upper(value: number, step: number, atLeast: number): number {
  // The small allowance and the rounding keep 2 × 0.85 at 1.7, not 1.71 or 1.7000000000000002.
  const steps = Math.ceil(Math.max(value * 2, value + atLeast) / step - 1e-9);
  return Number((steps * step).toPrecision(12));
}

function capacityControls(id: string, stage: Obj, out: AppControl[]): void {
  const cap = stage.capacity;
  const name = humanise(id);
  if (isObj(cap) && typeof cap.slots === 'number') {
    const per = cap.per === 'day' ? 'a day' : 'a week';
    out.push({ path: `stages.${id}.capacity.slots`, label: `${name}: slots ${per}`, group: 'Capacity', value: cap.slots, min: 0, max: upper(cap.slots, 1, 5), step: 1 });
  } else if (isObj(cap) && typeof cap.servers === 'number') {
    out.push({ path: `stages.${id}.capacity.servers`, label: `${name}: servers`, group: 'Capacity', value: cap.servers, min: 1, max: upper(cap.servers, 1, 5), step: 1 });
  }
}

function rateControl(id: string, arrival: Obj, out: AppControl[]): void {
  const rate = arrival.rate;
  for (const unit of Object.keys(RATE_UNITS)) {
    const v = isObj(rate) ? rate[unit] : undefined;
    if (typeof v !== 'number') continue;
    const step = niceStep(v, v >= 20 ? 1 : 0.01);
    const words = unit.replace(/^per/, 'a ').toLowerCase();
    out.push({ path: `arrivals.${id}.rate.${unit}`, label: `${humanise(id)}: arrivals ${words}`, group: 'Arrivals', value: v, min: 0, max: upper(v, step, 1), step });
  }
}

function testControls(id: string, stage: Obj, out: AppControl[]): void {
  const test = stage.test;
  if (!isObj(test)) return;
  for (const key of ['sensitivity', 'specificity'] as const) {
    const v = test[key];
    if (typeof v !== 'number') continue;
    out.push({ path: `stages.${id}.test.${key}`, label: `${humanise(id)}: ${key}`, group: 'Test accuracy', value: v, min: 0, max: 1, step: 0.01 });
  }
}

const COST_FIELDS = new Set(['cost', 'fixed']);

/** "Ai licence: fixed cost (per year)" from `['costs', 'ai-licence', 'fixed', 'perYear']`. */
function costLabel(keys: readonly string[]): string {
  const at = keys.findIndex((k) => COST_FIELDS.has(k));
  const owner = keys.slice(0, at).filter((k) => k !== 'costs');
  const name = owner.length ? owner.map(humanise).join(' · ') : 'Economics';
  const what = keys[at] === 'fixed' ? 'fixed cost' : 'cost';
  const unit = keys.slice(at + 1).map((k) => humanise(k).toLowerCase().replace(/^per/, 'per '));
  return `${name}: ${what}${unit.length ? ` (${unit.join(', ')})` : ''}`;
}

/**
 * Every number under `economics` in a field named `cost` or `fixed` (or inside one, such as
 * `fixed: { perYear: 50000 }`): a cost can be halved or doubled, never negative. Walks plain
 * objects only, so the rule holds whatever shape the economics section takes.
 */
function costControls(node: unknown, keys: string[], inCost: boolean, out: AppControl[]): void {
  if (typeof node === 'number') {
    if (!inCost || !Number.isFinite(node) || node < 0) return;
    const step = niceStep(node, node >= 20 ? 1 : 0.01);
    out.push({ path: ['economics', ...keys].join('.'), label: costLabel(keys), group: 'Costs', value: node, min: 0, max: upper(node, step, node > 0 ? step : 1), step });
    return;
  }
  // A dotted path cannot hold a key with a dot in it.
  for (const [k, v] of entries(node)) if (!k.includes('.')) costControls(v, [...keys, k], inCost || COST_FIELDS.has(k), out);
}

/**
 * The controls the what-if page offers for a scenario: capacities (servers or slots), arrival
 * rates, test sensitivity and specificity, and costs (numbers in `cost` and `fixed` fields
 * under `economics`), in the scenario's order.
 * @example
 * ```ts
 * import { loadScenario } from '../index.js';
 * import { appControls } from './controls.js';
 * const lung = loadScenario('examples/scenarios/lung-cancer-ai.yaml');
 * const surgery = appControls(lung).find((c) => c.path === 'stages.surgery.capacity.slots');
 * // { label: 'Surgery: slots a week', group: 'Capacity', value: 7, min: 0, max: 14, step: 1, … }
 * ```
 * @internal
 */
export function appControls(scenario: unknown): AppControl[] {
  const out: AppControl[] = [];
  const stages = isObj(scenario) ? scenario.stages : undefined;
  for (const [id, stage] of entries(stages)) if (isObj(stage)) capacityControls(id, stage, out);
  for (const [id, arrival] of entries(isObj(scenario) ? scenario.arrivals : undefined)) if (isObj(arrival)) rateControl(id, arrival, out);
  for (const [id, stage] of entries(stages)) if (isObj(stage)) testControls(id, stage, out);
  if (isObj(scenario)) costControls(scenario.economics, [], false, out);
  return out;
}
