/**
 * Fits a chart's words to its width: Vega draws titles and subtitles on one line each, so a long
 * subtitle makes the chart wider than asked (and the page scales it, and its text, down). Lines
 * are wrapped at word boundaries to what the width holds at the subtitle's 11 px; on a narrow
 * chart the legend stacks and facet headers are cut to the width.
 * @module
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartConfig } from './style.js';

/**
 * Advance of an 11 px character as Vega estimates it when rendering without a canvas (0.8 × the
 * font size per character): its layout, and so the chart's width, follows this estimate.
 */
const CHAR_PX = 0.8 * 11;

/**
 * Words of `text` in lines of at most `max` characters (a longer word gets its own line).
 * @internal
 */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The spec with its title and subtitle wrapped to `width` px, and on a narrow chart (under
 * 500 px) the legend in one column and facet headers cut to the width.
 * @internal
 */
export function fitToWidth(spec: TopLevelSpec, width: number): TopLevelSpec {
  const s = spec as Record<string, any>;
  const max = Math.max(20, Math.floor(width / CHAR_PX));
  const wrap = (t: unknown) => (t === undefined ? t : (Array.isArray(t) ? t : [t]).flatMap((x: string) => wrapWords(String(x), max)));
  const out: Record<string, any> = { ...s };
  if (s.title && typeof s.title === 'object') {
    // Titles are 14 px: fewer characters fit.
    const title = wrapWords(String(s.title.text), Math.floor((max * 11) / 14));
    out.title = { ...s.title, text: title.length === 1 ? title[0] : title, ...(s.title.subtitle === undefined ? {} : { subtitle: wrap(s.title.subtitle) }) };
  }
  // A single or layered view with a set width: make that the whole chart's width, axes and labels included.
  if (typeof s.width === 'number' && !s.facet && !s.hconcat && !s.vconcat && !s.concat) {
    out.width = width;
    out.autosize = { type: 'fit-x', contains: 'padding' };
  }
  if (width < 500) {
    const config = s.config ?? chartConfig;
    out.config = {
      ...config,
      legend: { ...config.legend, columns: 1, direction: 'vertical', orient: config.legend?.orient === 'right' ? 'bottom' : config.legend?.orient, labelLimit: width - 40 },
      header: { ...config.header, labelLimit: width - 10 },
    };
  }
  return out as TopLevelSpec;
}
