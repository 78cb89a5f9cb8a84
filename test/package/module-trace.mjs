/**
 * Child process for lazy-vega.test.ts: imports a module with a resolve hook that records every
 * module URL Node loads, optionally renders one chart, and prints the URLs as JSON.
 * Usage: node --import tsx module-trace.mjs MODULE_PATH [render]
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const hook = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}`;

const urls = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => urls.add(url));
register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { port: port2 }, transferList: [port2] });

const [modulePath, action, renderModulePath] = process.argv.slice(2);
const carepath = await import(pathToFileURL(modulePath).href);
if (typeof carepath.simulate !== 'function') throw new Error(`${modulePath} exports no simulate`);
if (action === 'render') {
  // Charts are drawn by the report entry point (carepath/report), imported only now.
  const report = await import(pathToFileURL(renderModulePath).href);
  await report.renderChartSvg({
    data: { values: [{ x: 1, y: 2 }] },
    mark: 'point',
    encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
  });
}
// The hook thread posts asynchronously but in order: once a last, marker import has been
// reported, every earlier one has too.
const MARKER = 'data:text/javascript,export%20default%20%22end-of-trace%22';
const ended = new Promise((done) => port1.on('message', (url) => url === MARKER && done()));
await import(MARKER);
await ended;
urls.delete(MARKER);
port1.close();
process.stdout.write(JSON.stringify([...urls]));
