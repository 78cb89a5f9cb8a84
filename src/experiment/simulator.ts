/**
 * The pathway layer as the experiment layer sees it: one place that names its modules.
 * @module
 */
export { simulate } from '../pathway/simulate.js';
