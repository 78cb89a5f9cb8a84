/**
 * Small multiples that reflow: a faceted chart drawn as one SVG per panel, laid out by the page
 * (two or three side by side on a wide screen, one under another on a phone), so the chart is
 * drawn once for every screen and each panel keeps its text at its drawn size.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml } from './format.js';
import { renderChartSvg } from './render-svg.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A faceted chart cut into panels, and its title and subtitle as text for the page. */
export interface Panels {
  title: string;
  subtitle: string;
  /** One spec per facet value, in the facet's order; only the first keeps the colour legend. */
  panels: { key: string; spec: TopLevelSpec }[];
}

const lines = (t: unknown): string => (Array.isArray(t) ? t.join(' ') : typeof t === 'string' ? t : '');

/**
 * Splits a spec faceted by one field with a sort list (as `stageListsChartSpec` builds) into
 * one single-panel spec per value, without the chart title (the page shows it once); undefined
 * when the spec is not of that shape.
 * @example
 * ```ts
 * import { splitFacet } from './panels.js';
 * const spec = { title: { text: 'Lists', subtitle: 'by stage' }, data: { values: [{ s: 'a', y: 1 }, { s: 'b', y: 2 }] },
 *   facet: { field: 's', type: 'nominal', sort: ['a', 'b'] }, spec: { mark: 'line', encoding: { color: { field: 's' } } } };
 * splitFacet(spec as never)!.panels.map((p) => p.key); // [ 'a', 'b' ]
 * ```
 * @internal
 */
export function splitFacet(spec: TopLevelSpec): Panels | undefined {
  const s = spec as unknown as Obj;
  const facet = s.facet;
  const data = s.data;
  if (!isObj(facet) || typeof facet.field !== 'string' || !Array.isArray(facet.sort) || !isObj(data) || !Array.isArray(data.values) || !isObj(s.spec)) return undefined;
  const field = facet.field;
  const title = isObj(s.title) ? s.title : { text: s.title };
  const panels = (facet.sort as string[]).map((key, i) => {
    const inner = s.spec as Obj;
    const encoding = isObj(inner.encoding) ? inner.encoding : {};
    const colour = isObj(encoding.color) ? encoding.color : undefined;
    const panel: Obj = {
      ...s,
      title: undefined,
      data: { values: (data.values as Obj[]).filter((row) => row[field] === key) },
      facet: { ...facet, sort: [key] },
      columns: 1,
      // The legend once, on the first panel: the others share its colours.
      spec: i === 0 || !colour ? inner : { ...inner, encoding: { ...encoding, color: { ...colour, legend: null } } },
    };
    delete panel.title;
    return { key, spec: panel as unknown as TopLevelSpec };
  });
  return { title: lines(title.text), subtitle: lines(title.subtitle), panels };
}

/**
 * The panels as HTML: the title and subtitle once, then each panel's SVG in a grid the page's
 * stylesheet lays out (`.panels`).
 * @example
 * ```ts
 * import { panelsHtml } from './panels.js';
 * const html = await panelsHtml('lists', { title: 'Lists', subtitle: 'by stage', panels: [] });
 * html.startsWith('<div class="panels-title">'); // true
 * ```
 * @internal
 */
export async function panelsHtml(name: string, panels: Panels): Promise<string> {
  const svgs: string[] = [];
  for (const [i, p] of panels.panels.entries()) svgs.push(`<div class="panel" data-panel="${escapeHtml(p.key)}">${await renderChartSvg(p.spec, `${name}-${i}`)}</div>`);
  const subtitle = panels.subtitle ? `<span>${escapeHtml(panels.subtitle)}</span>` : '';
  return `<div class="panels-title"><b>${escapeHtml(panels.title)}</b>${subtitle}</div>\n<div class="panels">${svgs.join('')}</div>`;
}
