/**
 * Files shipped inside the carepath package (the bundled example scenarios, the JSON Schema),
 * found from this module's own location so they resolve wherever the package is installed.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The carepath package's root folder: the nearest folder above this module whose package.json
 * is named `carepath`. Walking up (rather than a fixed `../..`) finds it from the source tree
 * (src/pathway), the ESM build and the CommonJS build (dist/) alike; the CommonJS build gets
 * `import.meta.url` from tsup's shim.
 * @throws Error when no such folder exists (the module was copied out of its package).
 * @internal
 * @example
 * ```ts
 * import { packageRoot } from './package-files.js';
 * packageRoot(); // '/home/me/project/node_modules/carepath'
 * ```
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isCarepath(manifest)) return (root = dir);
    if (dirname(dir) === dir) break;
  }
  throw new Error(`cannot find the carepath package folder above ${start}`);
}

function isCarepath(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'carepath';
  } catch {
    return false;
  }
}

/**
 * Absolute path of a file inside the package, e.g. `packageFile('schema', 'scenario.schema.json')`.
 * @internal
 * @example
 * ```ts
 * import { packageFile } from './package-files.js';
 * packageFile('examples', 'scenarios', 'mm1.yaml'); // '/…/node_modules/carepath/examples/scenarios/mm1.yaml'
 * ```
 */
export function packageFile(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}
