/**
 * Where a scenario file written by `carepath init` points editors for the JSON Schema.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CAREPATH_VERSION } from '../experiment/version.js';
import { packageFile } from '../pathway/package-files.js';

/** The shipped schema's path inside the package. @internal */
export const SCHEMA_PATH = 'schema/scenario.schema.json';

/** The schema of this exact version on a public npm CDN, for when no local copy is in reach. @internal */
export function schemaUrl(version: string = CAREPATH_VERSION): string {
  return `https://unpkg.com/carepath@${version}/${SCHEMA_PATH}`;
}

/**
 * The `$schema` reference for a scenario written to `file`: the installed package's own schema
 * as a path relative to the file when both the package and the file sit inside the project
 * (`cwd`), e.g.
 * `node_modules/carepath/schema/scenario.schema.json` — offline and always the version in
 * use; otherwise (run through `npx` from a cache folder) the versioned URL, since a path into
 * a cache would break when the cache is cleared.
 * @internal
 * @example
 * ```ts
 * import { schemaReference } from './schema-ref.js';
 * schemaReference('my-pathway.yaml', '/home/me/project', '/home/me/project/node_modules/carepath/schema/scenario.schema.json');
 * // 'node_modules/carepath/schema/scenario.schema.json'
 * ```
 */
export function schemaReference(file: string, cwd: string = process.cwd(), schema: string = localSchema()): string {
  const target = resolve(cwd, file);
  const inProject = schema !== '' && !isOutside(relative(cwd, schema)) && !isOutside(relative(cwd, target));
  if (!inProject) return schemaUrl();
  return relative(dirname(target), schema).split(sep).join('/');
}

/** The `# yaml-language-server: $schema=…` line that editors with the YAML language server read. @internal */
export function schemaComment(file: string, cwd?: string, schema?: string): string {
  return `# yaml-language-server: $schema=${schemaReference(file, cwd, schema)}`;
}

function isOutside(rel: string): boolean {
  return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function localSchema(): string {
  try {
    const path = packageFile(...SCHEMA_PATH.split('/'));
    return existsSync(path) ? path : '';
  } catch {
    return '';
  }
}
