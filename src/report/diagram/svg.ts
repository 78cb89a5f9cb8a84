/**
 * The pathway diagram as a hand-built SVG string: stages as boxes coloured by utilisation, arrows
 * with weekly volumes and branch shares, new patients coming in from the left, the share leaving
 * under each box, the bottleneck outlined and labelled. Plain text and attributes only, so the
 * same flows give byte-identical SVG.
 * @module
 */
import { escapeHtml, formatApprox, formatPercent } from '../format.js';
import type { FlowStage, PathwayFlows } from './flows.js';
import { layoutDiagram } from './layout.js';

const BOX_W = 168;
const BOX_H = 66;
const GAP_X = 112;
const GAP_Y = 40;
const PAD = 16;
const ENTRY = 100;
const FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, Arial, sans-serif';

/** Fill of a stage's box by utilisation, with the bands of the bottleneck chart. @internal */
export function utilisationFill(stage: Pick<FlowStage, 'capacityPerWeek' | 'utilisation'>): string {
  if (!Number.isFinite(stage.capacityPerWeek)) return '#eef0f2';
  if (stage.utilisation >= 1) return '#d9534f';
  if (stage.utilisation >= 0.85) return '#fbe3a6';
  return '#d9efdc';
}

const weekly = (x: number) => `${formatApprox(x)}/wk`;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Options of {@link pathwayDiagramSvg}. */
export interface DiagramOptions {
  /** Stage id → readable name (default: the id). */
  stageNames?: Record<string, string>;
  /** Prefix of the SVG's internal ids, unique per page (default `pathway`). */
  idPrefix?: string;
  /** Accessible title (default: "Pathway diagram"). */
  title?: string;
}

/**
 * Draws the flows of a pathway as an SVG string (width and height in pixels, `viewBox` set so it
 * scales). Each box and arrow carries `data-` attributes with its figures for tests and scripts.
 * @example
 * ```ts
 * import { analyse, loadScenario, resolveScenario } from 'carepath';
 * import { pathwayDiagramSvg, pathwayFlows } from 'carepath/report';
 * const model = resolveScenario(loadScenario('examples/scenarios/lung-cancer-ai.yaml'));
 * const svg = pathwayDiagramSvg(pathwayFlows(model, analyse(model))); // write it to pathway.svg
 * ```
 */
export function pathwayDiagramSvg(flows: PathwayFlows, options: DiagramOptions = {}): string {
  const layout = layoutDiagram(flows);
  const id = (options.idPrefix ?? 'pathway').replace(/[^A-Za-z0-9_-]/g, '-');
  const hasEntry = flows.stages.some((s) => s.newPerWeek > 0 && layout.column.get(s.id) === 0);
  const x0 = PAD + (hasEntry ? ENTRY : 0);
  const boxX = (s: string) => x0 + layout.column.get(s)! * (BOX_W + GAP_X);
  const boxY = (s: string) => PAD + 18 + layout.row.get(s)! * (BOX_H + GAP_Y);
  const back = flows.edges.filter((e) => layout.column.get(e.to)! <= layout.column.get(e.from)!);
  const width = x0 + layout.columns * (BOX_W + GAP_X) - GAP_X + PAD;
  const height = PAD + 18 + layout.rows * (BOX_H + GAP_Y) + (back.length > 0 ? 30 : 0) + PAD;
  const name = (s: string) => options.stageNames?.[s] ?? s;
  const parts: string[] = [];

  for (const e of flows.edges) {
    const label = `${weekly(e.perWeek)} · ${formatPercent(e.share, 0)}`;
    const attrs = `class="flow" data-from="${escapeHtml(e.from)}" data-to="${escapeHtml(e.to)}" data-per-week="${e.perWeek.toFixed(3)}" data-share="${e.share.toFixed(4)}"`;
    const isBack = layout.column.get(e.to)! <= layout.column.get(e.from)!;
    let path: string;
    let lx: number;
    let ly: number;
    let anchor = 'middle';
    if (isBack) {
      // Back to an earlier (or the same) column: a loop under the boxes.
      const ax = boxX(e.from) + BOX_W / 2;
      const bx = boxX(e.to) + BOX_W / 2 + (e.to === e.from ? 24 : 0);
      const ay = boxY(e.from) + BOX_H;
      const by = boxY(e.to) + BOX_H;
      const low = Math.max(ay, by) + GAP_Y + 10;
      path = `M${ax - (e.to === e.from ? 24 : 0)},${ay} C${ax},${low} ${bx},${low} ${bx},${by + 4}`;
      lx = (ax + bx) / 2;
      ly = low - 4;
    } else {
      const ax = boxX(e.from) + BOX_W;
      const ay = boxY(e.from) + BOX_H / 2;
      const bx = boxX(e.to) - 2;
      const by = boxY(e.to) + BOX_H / 2;
      const mx = (ax + bx) / 2;
      path = `M${ax},${ay} C${mx},${ay} ${mx},${by} ${bx},${by}`;
      // Arrows fanning out of one box share their start: label each by its end instead.
      const fan = flows.edges.filter((f) => f.from === e.from && layout.column.get(f.to)! > layout.column.get(f.from)!).length > 1;
      lx = fan ? bx - 8 : mx;
      ly = fan ? by - 7 : (ay + by) / 2 - 6;
      anchor = fan ? 'end' : 'middle';
    }
    parts.push(
      `<g ${attrs}><path d="${path}" fill="none" stroke="#56616b" stroke-width="${(1.2 + 3 * e.share).toFixed(1)}" marker-end="url(#${id}-arrow)"/>` +
        `<text x="${lx}" y="${ly}" text-anchor="${anchor}" class="flow-label">${escapeHtml(label)}</text></g>`,
    );
  }

  for (const s of flows.stages) {
    const x = boxX(s.id);
    const y = boxY(s.id);
    const bottleneck = flows.bottleneck === s.id;
    const limited = Number.isFinite(s.capacityPerWeek);
    const over = limited && s.utilisation >= 1;
    const ink = over ? '#fff' : '#1d2b3a';
    const load = limited ? `${formatPercent(s.utilisation, 0)} of ${weekly(s.capacityPerWeek)}` : 'no capacity limit';
    const g: string[] = [
      `<g class="stage" data-stage="${escapeHtml(s.id)}" data-arrivals-per-week="${s.arrivalsPerWeek.toFixed(3)}" data-utilisation="${limited ? s.utilisation.toFixed(4) : ''}"${bottleneck ? ' data-bottleneck="true"' : ''}>`,
      `<title>${escapeHtml(`${name(s.id)}: ${weekly(s.arrivalsPerWeek)} arrive; ${load}`)}</title>`,
      `<rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="${utilisationFill(s)}" stroke="${bottleneck ? '#1d2b3a' : '#9aa5ae'}" stroke-width="${bottleneck ? 3 : 1}"/>`,
      `<text x="${x + 10}" y="${y + 20}" font-weight="600" fill="${ink}" class="stage-name">${escapeHtml(clip(name(s.id), 22))}</text>`,
      `<text x="${x + 10}" y="${y + 38}" fill="${ink}">${escapeHtml(`${weekly(s.arrivalsPerWeek)} arrive`)}</text>`,
      `<text x="${x + 10}" y="${y + 55}" fill="${ink}">${escapeHtml(load)}</text>`,
    ];
    if (bottleneck) {
      g.push(`<text x="${x}" y="${y - 5}" font-weight="700" fill="#b3261e" class="bottleneck-tag">BOTTLENECK</text>`);
    }
    if (s.exitPerWeek > 0 && flows.edges.some((e) => e.from === s.id)) {
      g.push(
        `<text x="${x + BOX_W}" y="${y + BOX_H + 14}" text-anchor="end" class="exit-label" fill="#5f6b76">${escapeHtml(`leave ${weekly(s.exitPerWeek)} · ${formatPercent(s.exitShare, 0)}`)}</text>`,
      );
    }
    if (s.newPerWeek > 0 && layout.column.get(s.id) === 0) {
      const ay = y + BOX_H / 2;
      g.push(
        `<path d="M${x - ENTRY + 4},${ay} H${x - 2}" stroke="#56616b" stroke-width="2" marker-end="url(#${id}-arrow)" class="entry"/>`,
        `<text x="${x - ENTRY + 4}" y="${ay - 7}" class="entry-label">${escapeHtml(`new ${weekly(s.newPerWeek)}`)}</text>`,
      );
    }
    g.push('</g>');
    parts.push(g.join(''));
  }

  return `<svg xmlns="http://www.w3.org/2000/svg" class="pathway-diagram" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title" font-family="${FONT}" font-size="12">
<title id="${id}-title">${escapeHtml(options.title ?? 'Pathway diagram')}</title>
<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#56616b"/></marker></defs>
<style>.flow-label,.exit-label,.entry-label{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.flow-label{fill:#1d2b3a}.entry-label{fill:#1d2b3a}</style>
${parts.join('\n')}
</svg>`;
}
