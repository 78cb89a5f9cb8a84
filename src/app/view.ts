/// <reference lib="dom" />
/**
 * The what-if page's DOM: the controls, and the results (key numbers, answer text, charts).
 * Text goes in with textContent, never as HTML, so scenario names cannot inject markup.
 * @module
 */
import type { ExperimentResult } from '../experiment/types.js';
import type { AnswerSection } from '../report/answer.js';
import { formatNumber, formatPercent, humanise } from '../report/format.js';
import { CONTROL_GROUPS, type AppControl } from './controls.js';

/** Creates an element with attributes and text. */
export function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Draws the controls in groups: a slider and a number box per control, kept in step. `onChange`
 * gets the path and the new value.
 */
export function drawControls(form: HTMLElement, controls: readonly AppControl[], values: Record<string, number>, onChange: (path: string, value: number) => void): void {
  form.textContent = '';
  for (const group of CONTROL_GROUPS) {
    const mine = controls.filter((c) => c.group === group);
    if (mine.length === 0) continue;
    const fs = el('fieldset');
    fs.append(el('legend', {}, group));
    for (const c of mine) {
      const row = el('div', { class: 'control' });
      const id = `c-${c.path.replace(/[^\w-]/g, '_')}`;
      const value = String(values[c.path] ?? c.value);
      const common = { min: String(c.min), max: String(c.max), step: String(c.step), value, 'data-path': c.path };
      const label = el('label', { for: id }, c.label);
      const range = el('input', { ...common, type: 'range', 'aria-label': c.label, tabindex: '-1' }) as HTMLInputElement;
      const box = el('input', { ...common, type: 'number', id }) as HTMLInputElement;
      const was = el('span', { class: 'was' }, `scenario: ${formatNumber(c.value)}`);
      const set = (v: string, from: HTMLInputElement) => {
        const n = Number(v);
        if (!Number.isFinite(n) || n < c.min || n > c.max) return;
        if (from !== range) range.value = v;
        if (from !== box) box.value = v;
        row.classList.toggle('changed', n !== c.value);
        onChange(c.path, n);
      };
      range.addEventListener('input', () => set(range.value, range));
      box.addEventListener('input', () => set(box.value, box));
      row.classList.toggle('changed', Number(value) !== c.value);
      row.append(label, range, box, was);
      fs.append(row);
    }
    form.append(fs);
  }
}

function mean(r: ExperimentResult, variant: string, metric: string): number | undefined {
  return r.variants[variant]?.metrics[metric]?.mean;
}

/**
 * The key numbers: each stage's list at the end and each target's share met, for `base` and the
 * page's variant. Cells carry `data-metric` and `data-variant`.
 */
export function drawNumbers(box: HTMLElement, r: ExperimentResult, variant: string, targetNames: Record<string, string>): void {
  box.textContent = '';
  const table = el('table', { class: 'numbers' });
  const head = el('tr');
  head.append(el('th', {}, ''), el('th', {}, 'Scenario'), el('th', {}, 'Your settings'));
  table.append(head);
  const metrics = Object.keys(r.variants.base?.metrics ?? {});
  const rows: [string, string, (v: number) => string][] = [];
  for (const m of metrics) {
    const stage = /^stages\.(.+)\.waitingAtEnd$/.exec(m);
    if (stage) rows.push([m, `${humanise(stage[1]!)}: waiting at the end`, (v) => formatNumber(Math.round(v))]);
  }
  for (const m of metrics) {
    const target = /^targets\.(.+)\.share$/.exec(m);
    if (target) rows.push([m, `${targetNames[target[1]!] ?? humanise(target[1]!)}: share met`, (v) => formatPercent(v)]);
  }
  for (const [metric, label, format] of rows) {
    const tr = el('tr');
    tr.append(el('th', { scope: 'row' }, label));
    for (const v of ['base', variant]) {
      const x = mean(r, v, metric);
      tr.append(el('td', { 'data-metric': metric, 'data-variant': v }, x === undefined ? '–' : format(x)));
    }
    table.append(tr);
  }
  box.append(table);
}

/** The answer in words: each variant's headline and its supporting sentences. */
export function drawAnswer(box: HTMLElement, sections: readonly AnswerSection[], names: Record<string, string>): void {
  box.textContent = '';
  for (const s of sections) {
    const card = el('div', { class: 'card', 'data-variant': s.variant });
    card.append(el('h3', {}, names[s.variant] ?? s.variant));
    if (s.description) card.append(el('p', { class: 'vdesc' }, s.description));
    card.append(el('p', { class: 'headline' }, s.headline));
    const ul = el('ul');
    for (const d of s.details) ul.append(el('li', {}, d));
    card.append(ul);
    box.append(card);
  }
}

/** What a chart needs from Vega and Vega-Lite (the globals their browser builds define). */
interface Engines {
  vega: { parse(spec: unknown): unknown; View: new (runtime: unknown, options: object) => { runAsync(): Promise<unknown>; finalize(): void } };
  vegaLite: { compile(spec: unknown, options?: object): { spec: unknown } };
}

let views: { finalize(): void }[] = [];

/** Removes the charts (their Vega views finalized, so none is left running) and shows `note`. */
export function drawChartsNote(box: HTMLElement, note: string): void {
  for (const v of views) v.finalize();
  views = [];
  box.textContent = '';
  box.append(el('p', { class: 'note' }, note));
}

/**
 * Draws the report's charts as SVG with Vega's View (no network: the data are inline). Without
 * Vega on the page, says so in place of the charts.
 */
export async function drawCharts(box: HTMLElement, specs: Record<string, unknown>): Promise<void> {
  for (const v of views) v.finalize();
  views = [];
  box.textContent = '';
  const g = globalThis as unknown as Partial<Engines>;
  if (!g.vega || !g.vegaLite) {
    box.append(el('p', { class: 'note' }, 'Charts need Vega, which this page does not include.'));
    return;
  }
  for (const [name, spec] of Object.entries(specs)) {
    const fig = el('figure', { class: 'chart', 'data-chart': name });
    box.append(fig);
    const view = new g.vega.View(g.vega.parse(g.vegaLite.compile(spec).spec), { renderer: 'svg', container: fig, hover: false });
    views.push(view);
    await view.runAsync();
  }
}
