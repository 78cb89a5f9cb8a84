/**
 * The package version, recorded in each experiment's `meta`.
 * @module
 */
import pkg from '../../package.json' with { type: 'json' };

/** carepath's version (from package.json, inlined by the bundler). @internal */
export const CAREPATH_VERSION: string = pkg.version;
