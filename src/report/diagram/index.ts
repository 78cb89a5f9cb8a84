/**
 * The pathway diagram: flows from the analysis's flow balance, drawn as SVG.
 * @module
 */
export { pathwayFlows, type PathwayFlows, type FlowEdge, type FlowStage } from './flows.js';
export { pathwayDiagramSvg, type DiagramOptions } from './svg.js';
