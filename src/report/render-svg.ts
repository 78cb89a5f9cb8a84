/**
 * Vega-Lite spec → static SVG, headlessly in Node (Vega's scenegraph with no renderer), so the
 * report needs no script to show its charts.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { compactSvg } from './compact-svg.js';

// Vega and Vega-Lite are loaded on first use: commands that draw no chart (validate, analyse)
// start faster without them.
let engines: Promise<{ vega: typeof import('vega'); vl: typeof import('vega-lite') }> | undefined;
function loadEngines() {
  engines ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => ({ vega, vl }));
  return engines;
}

/** Vega-Lite's compiler warns through a logger; the report keeps its warnings quiet by default. */
const quietLogger = {
  level(this: unknown) {
    return this;
  },
  error: (...args: unknown[]) => {
    throw new Error(`vega-lite: ${args.map(String).join(' ')}`);
  },
  warn(this: unknown) {
    return this;
  },
  info(this: unknown) {
    return this;
  },
  debug(this: unknown) {
    return this;
  },
};

/** A loader that refuses every request: the charts' data are inline, and a report never loads URLs. */
function offlineLoader(vega: typeof import('vega')) {
  const refuse = () => Promise.reject(new Error('charts load no external data'));
  return { ...vega.loader(), load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/**
 * Renders a Vega-Lite spec to an SVG string. `idPrefix` makes the SVG's internal ids (clip paths,
 * gradients) unique, so several charts can sit inline in one HTML page without clashing.
 *
 * @example const svg = await renderChartSvg(waitingListChartSpec(result), 'waiting');
 */
export async function renderChartSvg(spec: TopLevelSpec, idPrefix = 'chart'): Promise<string> {
  const { vega, vl } = await loadEngines();
  const vgSpec = vl.compile(spec, { logger: quietLogger as never }).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', loader: offlineLoader(vega) as never, logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    return compactSvg(prefixIds(svg, idPrefix));
  } finally {
    view.finalize();
  }
}

/**
 * Renames every `id="x"` to `id="prefix-x"` and the `url(#x)` / `href="#x"` references to it.
 * Vega numbers clip paths with a counter that lives as long as the process, so the trailing
 * number is renumbered per chart (first id 1, next 2, …): the same chart gives the same SVG
 * whatever was drawn before it (byte-identical reports).
 */
export function prefixIds(svg: string, prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9_-]/g, '-');
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1]!;
    if (!ids.has(id)) ids.set(id, `${safe}-${id.replace(/\d+$/, '')}${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  const rename = (id: string) => ids.get(id) ?? id;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => a + rename(id) + b)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${rename(id)})`)
    .replace(/(href=")#([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}#${rename(id)}${b}`);
}
