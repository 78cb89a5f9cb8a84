/**
 * The report's stylesheet, inlined into the HTML so the file stands alone. System fonts only.
 * @module
 */

/** CSS of the report (screen and print). @internal */
export const REPORT_CSS = `
:root {
  --ink: #1d2b3a; --muted: #5f6b76; --line: #e3e7eb; --soft: #f5f7f9; --accent: #005eb8;
  --good: #1e7b34; --bad: #b3261e; --warn-bg: #fff6e0; --warn-line: #f0c36d;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #eef1f4; color: var(--ink);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 940px; margin: 0 auto; background: #fff; padding: 0 40px 24px; box-shadow: 0 0 0 1px var(--line); }
header.top { margin: 0 -40px; padding: 28px 40px 22px; background: var(--ink); color: #fff; }
header.top .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: #9fc3e7; font-weight: 600; }
header.top h1 { margin: 6px 0 8px; font-size: 27px; line-height: 1.25; font-weight: 650; }
header.top .desc { margin: 0 0 12px; color: #dfe7ef; max-width: 760px; }
header.top .meta { margin: 0; font-size: 13px; color: #b9c7d5; }
h2 { font-size: 20px; margin: 34px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 0 0 4px; }
p.lead { color: var(--muted); margin-top: 0; }
section.answer h2 { border-bottom-color: var(--accent); }
ul.headlines { list-style: none; padding: 0; margin: 0 0 18px; }
ul.headlines li { position: relative; padding: 10px 14px 10px 18px; margin: 0 0 8px; background: var(--soft); border-radius: 6px; font-size: 16px; }
ul.headlines li::before { content: ""; position: absolute; left: 0; top: 0; bottom: 0; width: 5px; border-radius: 6px 0 0 6px; background: var(--c, var(--accent)); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-top: 4px solid var(--c, var(--accent)); border-radius: 6px; padding: 12px 14px; font-size: 13.5px; }
.card p.vdesc { margin: 0 0 8px; color: var(--muted); }
.card ul { margin: 0; padding-left: 18px; }
.card li { margin-bottom: 4px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; background: var(--c, var(--accent)); font-size: 12.5px; font-weight: 600; vertical-align: 1px; }
.notes { background: var(--warn-bg); border: 1px solid var(--warn-line); border-radius: 6px; padding: 10px 16px; margin-top: 18px; font-size: 13.5px; }
.notes h3 { font-size: 14px; margin: 2px 0 4px; }
.notes ul { margin: 0; padding-left: 18px; }
figure.chart { margin: 18px 0 6px; overflow-x: auto; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart .narrow { display: none; }
/* Small multiples: panels drawn once at a phone's width, side by side where there is room. */
.panels-title { margin: 0 0 6px 8px; } .panels-title b { display: block; font-size: 14px; color: #1d2b3a; }
.panels-title span { font-size: 11px; color: #666; }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(344px, 1fr)); gap: 4px 12px; align-items: start; }
#stages { display: grid; grid-template-columns: repeat(auto-fill, minmax(344px, 1fr)); column-gap: 24px; align-items: start; }
#stages > :not(figure.once) { grid-column: 1 / -1; }
@media screen and (max-width: 600px) {
  .panels, #stages { display: block; } .panels svg, figure.once svg { max-width: none; }
  figure.chart .wide { display: none; } figure.chart .narrow { display: block; }
  /* A phone chart too wide for the column scrolls inside its figure rather than shrinking its text. */
  figure.chart .narrow svg { max-width: none; }
  table.summary, table.comparison, table.analysis { display: block; overflow-x: auto; }
}
figure.chart figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
figure.diagram { margin: 14px 0 8px; overflow-x: auto; }
figure.diagram svg { display: block; max-width: none; }
details.diagram-more summary { cursor: pointer; color: var(--accent); font-size: 14px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 10px 0 18px; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { background: var(--soft); border-bottom: 2px solid #c9d1d8; font-weight: 600; white-space: nowrap; }
tr.section td { background: #fafbfc; font-weight: 600; color: var(--ink); padding-top: 9px; text-align: left; }
td.label { padding-left: 18px; }
td .ci { color: var(--muted); font-size: 11.5px; white-space: nowrap; }
td.good { color: var(--good); font-weight: 600; }
td.bad { color: var(--bad); font-weight: 600; }
td.unstable { color: var(--bad); font-weight: 600; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; background: var(--c); }
details.assumptions > summary { cursor: pointer; color: var(--accent); font-weight: 600; margin: 6px 0 10px; }
h4 { font-size: 14px; margin: 14px 0 2px; }
table.assumptions td.key { white-space: nowrap; font-weight: 600; text-align: left; }
table.assumptions td.val { text-align: left; overflow-wrap: anywhere; }
table.assumptions th { text-align: left; }
pre.yaml { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-x: auto; white-space: pre; }
.variant-patch { margin: 12px 0; }
.variant-patch p { margin: 2px 0 4px; color: var(--muted); }
footer { margin-top: 36px; padding-top: 14px; border-top: 1px solid var(--line); font-size: 12.5px; color: var(--muted); }
footer code, p code, li code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 1px 5px; border-radius: 4px; color: var(--ink); }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
footer dt { font-weight: 600; color: var(--ink); }
footer dd { margin: 0; }
@media (max-width: 700px) { main { padding: 0 16px; } header.top { margin: 0 -16px; padding: 20px 16px; } }
@media (max-width: 600px) {
  header.top h1 { font-size: 22px; }
  table { font-size: 12px; }
  th, td { padding: 4px 5px; }
  thead th { white-space: normal; }
  .cards { grid-template-columns: 1fr; }
  table.assumptions td.key { white-space: normal; overflow-wrap: anywhere; }
}
/* Print on A4: the answer, its chart and the main charts on the first two pages; the tables and
   assumptions after. */
@page { size: A4; margin: 12mm 12mm 14mm; }
@media print {
  html, body { background: #fff; font-size: 10.5px; line-height: 1.4; }
  main { box-shadow: none; max-width: none; padding: 0; }
  header.top { margin: 0; padding: 10px 0 8px; background: none; color: var(--ink); border-bottom: 2px solid var(--ink); }
  header.top .kicker, header.top .meta, header.top .desc { color: var(--muted); }
  header.top h1 { font-size: 18px; margin: 2px 0 4px; }
  header.top .desc { margin-bottom: 4px; }
  h2 { font-size: 14px; margin: 12px 0 6px; break-after: avoid; }
  ul.headlines li { font-size: 11px; padding: 5px 10px 5px 14px; margin-bottom: 4px; }
  .cards { grid-template-columns: repeat(3, 1fr); gap: 6px; }
  .card { font-size: 9.5px; padding: 6px 8px; }
  .notes { font-size: 9.5px; padding: 6px 10px; margin-top: 8px; }
  figure.chart { margin: 6px 0 2px; overflow: visible; }
  figure.chart .narrow { display: none; }
  figure.chart .wide { display: block; }
  .panels { grid-template-columns: repeat(3, 1fr); }
  #stages { grid-template-columns: 1fr 1fr; }
  figure.chart svg { width: 100%; max-height: 95mm; }
  figure.chart figcaption { font-size: 9px; }
  figure.diagram svg { max-width: 100%; height: auto; }
  details.diagram-more { display: none; }
  figure.chart, figure.diagram, table, .card, .notes { break-inside: avoid; }
  #tables { break-before: page; }
  /* On paper the headlines, the answer's chart and the lists over time come before the
     per-variant cards and the notes (which repeat figures of the tables). */
  main { display: flex; flex-direction: column; }
  main > * { order: 10; }
  main > header.top { order: 0; }
  section.answer { display: contents; }
  section.answer > * { order: 1; }
  main > #lists { order: 2; }
  section.answer > .cards { order: 3; }
  section.answer > .notes { order: 4; }
  main > footer { order: 20; }
  table { font-size: 9.5px; }
}
`;
