/**
 * The scripts the what-if page inlines: carepath's page bundle (`dist/app.global.js`, built by
 * tsup; bundled on the fly with esbuild when running from the sources) and the browser builds
 * of Vega and Vega-Lite from node_modules.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The page's scripts; Vega's are absent when the packages are not installed. */
export interface AppAssets {
  app: string;
  vega?: string;
  vegaLite?: string;
}

function here(): string {
  const url = import.meta.url as string | undefined;
  if (url) return url;
  if (typeof __filename === 'string') return pathToFileURL(__filename).href;
  throw new Error('cannot tell where the carepath module is (neither import.meta.url nor __filename is set)');
}

async function appBundle(): Promise<string> {
  const built = fileURLToPath(new URL('./app.global.js', here()));
  if (existsSync(built)) return readFileSync(built, 'utf8');
  const source = fileURLToPath(new URL('../app/main.ts', here()));
  if (!existsSync(source)) throw new Error(`carepath's page script not found: looked for ${built} and ${source}`);
  // From the sources (tests, tsx): esbuild comes with the dev tools. The name is kept out of
  // the bundler's sight so the built CLI does not try to include it.
  const name = 'esbuild';
  const { build } = (await import(name)) as typeof import('esbuild');
  const out = await build({ entryPoints: [source], bundle: true, minify: true, format: 'iife', globalName: 'carepathApp', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

/** A file beside a package's entry (its build folder), or undefined when it is not installed. */
function packageFile(pkg: string, file: string): string | undefined {
  try {
    const main = createRequire(here()).resolve(pkg);
    const path = join(dirname(main), file);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads (or builds) the page's scripts.
 * @example
 * ```ts
 * import { appAssets } from './app-assets.js';
 * const { app, vega, vegaLite } = await appAssets();
 * app.includes('carepathApp'); // true
 * ```
 * @internal
 */
export async function appAssets(): Promise<AppAssets> {
  const vega = packageFile('vega', 'vega.min.js');
  const vegaLite = packageFile('vega-lite', 'vega-lite.min.js');
  return { app: await appBundle(), ...(vega ? { vega } : {}), ...(vega && vegaLite ? { vegaLite } : {}) };
}
