/**
 * Chart SVG without the bytes that do not show: Vega writes three decimals, the font on every
 * text, interaction and per-mark accessibility attributes, and invisible placeholder paths. A
 * report is static and is e-mailed, so those bytes are most of its size.
 * @module
 */

/** Geometry attributes whose numbers are rounded. */
const GEOMETRY = /(\s(?:d|transform|x|y|x1|x2|y1|y2|points)=")([^"]*)(")/g;
/** Paths that draw nothing: hidden, or Vega's zero-size group backgrounds. */
const INVISIBLE = /<path\b[^>]*(?:\sdisplay="none"|\sd="M0,0h0v0h0Z")[^>]*\/>/g;
/** Marks' own ARIA (a line or an area labelled with its first point's values) and roles. */
const MARK_ARIA = /(<(?:path|line|rect|text)\b[^>]*?)\s(?:role="graphics-symbol"|aria-roledescription="[^"]*"|aria-label="[^"]*")/g;

function tenth(x: string): string {
  const r = Math.round(Number(x) * 10) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}

/** A number in tenths, short: 3 not 3.0, -0.5 as -.5. */
function short(tenths: number): string {
  const s = String(tenths / 10);
  return s.replace(/^(-?)0\./, '$1.');
}

/**
 * A path of straight segments (M, L and Z only, as Vega writes lines and areas) with its points
 * after the first as moves relative to the one before, in tenths of a pixel: the same drawing
 * in about two thirds of the bytes. Any other path is returned as it came.
 */
function relativePath(d: string): string {
  if (!/^M[-\d.,LMZ]*$/.test(d)) return d;
  const parts = d.match(/[MLZ]|-?\d*\.?\d+/g);
  if (!parts) return d;
  let out = '';
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let first = true;
  for (let i = 0; i < parts.length; ) {
    const cmd = parts[i++]!;
    if (cmd === 'Z') {
      out += 'z';
      [x, y] = [startX, startY];
      continue;
    }
    if (cmd !== 'M' && cmd !== 'L') return d;
    const nx = Math.round(Number(parts[i++]) * 10);
    const ny = Math.round(Number(parts[i++]) * 10);
    if (!Number.isFinite(nx) || !Number.isFinite(ny)) return d;
    const dy = short(ny - y);
    out += first ? `M${short(nx)},${short(ny)}` : `${cmd === 'M' ? 'm' : 'l'}${short(nx - x)}${dy.startsWith('-') ? '' : ','}${dy}`;
    if (cmd === 'M') [startX, startY] = [nx, ny];
    [x, y] = [nx, ny];
    first = false;
  }
  return out;
}

/**
 * Makes a Vega SVG smaller without changing how it looks: geometry rounded to a tenth of a pixel
 * (invisible on any screen or printer) and straight-line paths written as relative moves; the
 * font family once on the root instead of on every text (texts inherit it); `opacity="1"` (the
 * default), `pointer-events` and `class` (a static report has no interaction and no CSS for
 * them), marks' own ARIA labels and roles, and paths that draw nothing, dropped. Text content,
 * and the ARIA of the chart, its axes and legends, are kept.
 * @example
 * ```ts
 * import { compactSvg } from './compact-svg.js';
 * compactSvg('<svg><path class="x" d="M0,137.143L1.76,139.569Z" aria-label="3.14159" opacity="1"/></svg>');
 * // '<svg><path d="M0,137.1l1.8,2.5z"/></svg>'
 * compactSvg('<svg width="9"><text font-family="serif">a</text><text font-family="serif">b</text></svg>');
 * // '<svg font-family="serif" width="9"><text>a</text><text>b</text></svg>'
 * ```
 * @internal
 */
export function compactSvg(svg: string): string {
  let out = svg
    .replace(INVISIBLE, '')
    .replace(GEOMETRY, (_, a: string, value: string, b: string) => a + value.replace(/-?\d*\.\d{2,}/g, tenth) + b)
    .replace(/(\sd=")([^"]*)(")/g, (_, a: string, d: string, b: string) => a + relativePath(d) + b)
    .replace(/\s(?:opacity="1"|pointer-events="none"|class="[^"]*")/g, '');
  for (let before = ''; before !== out; ) [before, out] = [out, out.replace(MARK_ARIA, '$1')];
  const font = /\sfont-family="([^"]*)"/.exec(out)?.[1];
  if (font !== undefined && out.startsWith('<svg ')) out = `<svg font-family="${font}" ${out.slice(5).replaceAll(` font-family="${font}"`, '')}`;
  return out;
}
