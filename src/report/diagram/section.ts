/**
 * The report's pathway section: the diagram of the first variant (usually `base`) shown, the
 * other variants' diagrams collapsed under it.
 * @module
 */
import type { Analysis } from '../../analysis/types.js';
import { resolveScenario } from '../../pathway/resolve.js';
import type { Scenario } from '../../pathway/scenario.js';
import { escapeHtml } from '../format.js';
import { pathwayFlows } from './flows.js';
import { pathwayDiagramSvg } from './svg.js';

/** Most stages a diagram draws; a bigger pathway is left to the tables (boxes would be unreadable). @internal */
export const MAX_DIAGRAM_STAGES = 24;

const LEGEND =
  'Boxes: stages, coloured by arrivals ÷ capacity (green under 85%, yellow 85–100%, red over 100%, grey no limit); the bottleneck is outlined. Arrows: patients a week and the share of the stage\u2019s output they carry (steady state from queueing theory, at the start of the run).';

/**
 * HTML of the pathway section, or '' when no variant can be drawn (no analysis, or a pathway too
 * big to draw).
 * @internal
 */
export function pathwaySectionHtml(scenario: Scenario, analyses: Record<string, Analysis>, variants: string[]): string {
  const drawn: { variant: string; svg: string; bottleneck: string | null }[] = [];
  for (const v of variants) {
    const a = analyses[v];
    if (!a || Object.keys(a.stages).length > MAX_DIAGRAM_STAGES) continue;
    let model;
    try {
      model = resolveScenario(scenario, v);
    } catch {
      continue; // the tables still report this variant; a diagram is an extra
    }
    const flows = pathwayFlows(model, a);
    drawn.push({ variant: v, svg: pathwayDiagramSvg(flows, { idPrefix: `pathway-${v}`, title: `Pathway diagram: ${v}` }), bottleneck: flows.bottleneck });
  }
  if (drawn.length === 0) return '';
  const fig = (d: (typeof drawn)[number]) =>
    `<figure class="diagram" data-variant="${escapeHtml(d.variant)}">${d.svg}</figure>`;
  const [first, ...rest] = drawn;
  const more = rest
    .map(
      (d) =>
        `<details class="diagram-more"><summary>Pathway for ${escapeHtml(d.variant)}${d.bottleneck ? ` (bottleneck: ${escapeHtml(d.bottleneck)})` : ' (no bottleneck)'}</summary>${fig(d)}</details>`,
    )
    .join('\n');
  return `<section id="pathway"><h2>The pathway${drawn.length > 1 ? ` (${escapeHtml(first!.variant)})` : ''}</h2>
<p class="lead">${escapeHtml(LEGEND)}</p>
${fig(first!)}
${more}
</section>`;
}
