/**
 * Writes the scenario format's JSON Schema (`scenarioJsonSchema()`) to
 * schema/scenario.schema.json, the file the package ships so editors can complete fields
 * (`carepath init` points its `# yaml-language-server: $schema=` line at it).
 * test/package/schema-file.test.ts checks that the committed file is current.
 *
 * Run: npm run schema  (or npx tsx scripts/write-schema.ts)   (writes the file)
 *      npx tsx scripts/write-schema.ts --check    (exit 1 if the file is out of date)
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../src/pathway/index.js';

/** Where the shipped schema lives, relative to the package root: `schema/scenario.schema.json`. */
export const SCHEMA_FILE = fileURLToPath(new URL('../schema/scenario.schema.json', import.meta.url));

/** The file's text: the schema as `carepath schema` prints it. */
export function renderSchemaFile(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderSchemaFile();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (current !== text) {
      console.error(`${SCHEMA_FILE} is out of date: run npm run schema`);
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_FILE, text);
    console.log(`Wrote ${SCHEMA_FILE}`);
  }
}
