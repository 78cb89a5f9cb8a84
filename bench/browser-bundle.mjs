// Bundles carepath's browser code with esbuild (installed with tsup) and measures it. Used by
// bench/browser.mjs (the figures), the browser tests, and `carepath app` when run from sources.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Bundles `entry` (a file, or `contents` given as a TypeScript module resolved from `resolveDir`)
 * for browsers, minified, with no Node built-ins allowed (esbuild fails on any it meets).
 * Returns the code and its minified and gzipped sizes in bytes.
 */
export async function bundleBrowser({ entry, contents, resolveDir, format = 'iife', globalName }) {
  const result = await build({
    ...(contents !== undefined ? { stdin: { contents, resolveDir, loader: 'ts', sourcefile: 'entry.ts' } } : { entryPoints: [entry] }),
    bundle: true,
    minify: true,
    format,
    ...(globalName ? { globalName } : {}),
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const code = result.outputFiles[0].text;
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
}
