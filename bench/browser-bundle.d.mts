/** Types of bench/browser-bundle.mjs (for the tests that import it). */
export interface BrowserBundle {
  code: string;
  bytes: number;
  gzipBytes: number;
}
export function bundleBrowser(options: {
  entry?: string;
  contents?: string;
  resolveDir?: string;
  format?: 'iife' | 'esm';
  globalName?: string;
}): Promise<BrowserBundle>;
