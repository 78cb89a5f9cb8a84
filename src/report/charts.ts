/**
 * Vega-Lite specs for the report's charts, one builder per file under `charts/`. Each builder
 * takes plain results and returns a self-contained spec (data inline), so a notebook can show it
 * as it is, the report can render it to SVG, and `charts/*.vl.json` files can be opened in any
 * Vega-Lite editor.
 * @module
 */
export * from './charts/registry.js';
