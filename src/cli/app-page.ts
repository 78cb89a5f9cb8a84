/**
 * The what-if page as one HTML file: the scenario and options as inline JSON, the scripts
 * inline, no request to any server (it opens from disk, e.g. from an e-mail attachment).
 * @module
 */
import { escapeHtml } from '../report/format.js';
import type { AppAssets } from './app-assets.js';

/** What the page is made of. */
export interface AppPageInput {
  /** The validated scenario, as plain data. */
  scenario: unknown;
  /** Replications of each variant per run. */
  replications: number;
  /** Web Workers per run (default: the machine's cores, at most 4). */
  workers?: number;
  /** Title shown before the script draws the page. */
  title: string;
  assets: AppAssets;
}

/** Inline script text that cannot end its element early: `</script` and `<!--` escaped. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON inside a script element: `<` as `\u003c`, so no text in it can close the element. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2327;background:#f6f7f8}
header{background:#fff;border-bottom:1px solid #dde1e4;padding:14px 24px}
header h1{font-size:20px;margin:0}
header p{margin:4px 0 0;color:#5b6770;font-size:13px}
main{display:grid;grid-template-columns:minmax(280px,360px) 1fr;gap:20px;padding:20px 24px;max-width:1400px}
@media (max-width:800px){main{grid-template-columns:1fr;padding:12px}}
aside,section{background:#fff;border:1px solid #dde1e4;border-radius:8px;padding:14px 16px}
fieldset{border:0;padding:0;margin:0 0 14px}
legend{font-weight:600;margin-bottom:6px}
.control{display:grid;grid-template-columns:1fr 80px;gap:2px 8px;margin:0 0 10px;font-size:13px}
.control label{grid-column:1/3}
.control input[type=range]{width:100%}
.control .was{grid-column:1/3;color:#5b6770;font-size:12px}
.control.changed label{font-weight:600;color:#0b5cad}
.buttons{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
button,.button{font:inherit;padding:6px 14px;border-radius:6px;border:1px solid #0b5cad;background:#fff;color:#0b5cad;cursor:pointer;text-decoration:none}
button#run{background:#0b5cad;color:#fff}
button:disabled{opacity:.5;cursor:wait}
progress{width:100%;height:10px}
#status{font-size:13px;color:#5b6770;min-height:1.4em}
table.numbers{border-collapse:collapse;font-size:14px;margin-bottom:12px}
table.numbers th,table.numbers td{padding:4px 10px;border-bottom:1px solid #eceff1;text-align:right}
table.numbers th[scope=row]{text-align:left;font-weight:normal}
.card{border-left:4px solid #0b5cad;padding:4px 12px;margin:8px 0}
.card[data-variant=base]{border-color:#5b6770}
.card h3{margin:0;font-size:14px}
.headline{font-weight:600;margin:4px 0}
.card ul{margin:0;padding-left:18px;font-size:13px}
figure.chart{margin:12px 0;overflow-x:auto}
body.running #results{opacity:.6}
`;

/**
 * The page's HTML.
 * @example
 * ```ts
 * import { loadScenario } from '../index.js';
 * import { appPage } from './app-page.js';
 * const scenario = loadScenario('examples/scenarios/mm1.yaml');
 * const html = appPage({ scenario, replications: 10, title: 'One clinic', assets: { app: '' } });
 * html.startsWith('<!DOCTYPE html>'); // true
 * ```
 * @internal
 */
export function appPage(input: AppPageInput): string {
  const { assets } = input;
  const config = { scenario: input.scenario, replications: input.replications, bundleId: 'carepath-app', ...(input.workers ? { workers: input.workers } : {}) };
  const vega = assets.vega && assets.vegaLite ? `<script>${inlineScript(assets.vega)}</script>\n<script>${inlineScript(assets.vegaLite)}</script>` : '';
  // The page's script and its prepare() come before Vega, so the workers start and run the first
  // replications while Vega (most of the page's code) is parsed; start() draws once Vega is there.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} — carepath what-if</title>
<style>${CSS}</style>
</head>
<body>
<header><h1 id="title">${escapeHtml(input.title)}</h1><p>carepath what-if page: change the settings, press Run. Everything runs in this browser; nothing is sent anywhere.</p></header>
<main>
<aside>
<form id="controls" onsubmit="return false"></form>
<div class="buttons"><button id="run" type="button">Run</button><button id="reset" type="button">Reset</button></div>
<progress id="progress" max="1" value="0"></progress>
<div id="status" role="status" aria-live="polite">Loading…</div>
<div class="buttons"><button id="save" type="button">Save as variant (YAML)</button><a id="share" class="button" href="#">Link to these settings</a></div>
</aside>
<div id="results">
<section><h2>The answer</h2><div id="numbers"></div><div id="answer"></div></section>
<section><h2>Charts</h2><div id="charts"></div></section>
</div>
</main>
<script type="application/json" id="carepath-config">${inlineJson(config)}</script>
<script id="carepath-app">${inlineScript(assets.app)}</script>
<script>var carepathConfig = JSON.parse(document.getElementById('carepath-config').textContent); carepathApp.prepare(carepathConfig);</script>
${vega}
<script>carepathApp.start(carepathConfig);</script>
</body>
</html>
`;
}
