/** Types of build-if-stale.mjs, for its test. */
export declare const INPUTS: string[];
export declare const OUTPUTS: string[];
export declare function staleReason(root: string): string | null;
