/**
 * Every ```ts block in the TSDoc of src/ runs: each is written to a module under .vitest-tmp/
 * (so `carepath` and `carepath/…` imports resolve to the sources through vitest's alias, as a
 * user's would to the package) and imported in this process, with a short timeout. Relative
 * file paths in examples (examples/scenarios/…) resolve from the repository root.
 *
 * Examples of public declarations import only what a user can: `carepath` and its subpaths
 * (and `node:` modules). A declaration marked `@internal` is in no entry point and not in the
 * published API docs (typedoc's excludeInternal), so its example is for contributors reading
 * the source: it imports the declaring module (or a neighbour) with a relative path, exactly as
 * code next to it would (`import { fixedSampler } from './kernel.js'`). The test resolves such
 * a path from the declaring file. A relative import in a public declaration's example fails:
 * a user could not write it.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const OUT = join(ROOT, '.vitest-tmp', 'tsdoc');

interface Example {
  name: string;
  code: string;
  /** The file that declares it (relative imports of @internal examples resolve from there). */
  file: string;
  /** True when its doc comment has an `@internal` tag. */
  internal: boolean;
}

/** Module specifiers of static imports (`import … from '…'`, `import '…'`). */
const IMPORT = /(\bfrom\s*|\bimport\s*)(['"])([^'"]+)\2/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The ```ts blocks inside /** … *\/ comments of a file, named file:line. */
export function tsdocExamples(file: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Example[] = [];
  let inComment = false;
  let block: string[] | null = null;
  let start = 0;
  let comment: string[] = [];
  let pending: Omit<Example, 'internal'>[] = [];
  lines.forEach((line, i) => {
    if (!inComment && /^\s*\/\*\*/.test(line)) {
      inComment = true;
      comment = [];
      pending = [];
    }
    if (inComment) {
      comment.push(line);
      const body = line.replace(/^\s*\/?\*\*?\/?\s?/, '');
      if (block === null && /^```ts\s*$/.test(body)) {
        block = [];
        start = i + 1;
      } else if (block !== null && /^```\s*$/.test(body)) {
        pending.push({ name: `${relative(ROOT, file)}:${start}`, code: block.join('\n'), file });
        block = null;
      } else if (block !== null) {
        block.push(line.replace(/^\s*\* ?/, ''));
      }
    }
    if (inComment && line.includes('*/')) {
      // Tags outside code blocks only: an example may mention `@internal` in its text.
      const internal = /(^|\s)@internal\b/.test(comment.join('\n').replace(/```[\s\S]*?```/g, ''));
      out.push(...pending.map((e) => ({ ...e, internal })));
      inComment = false;
      block = null;
    }
  });
  return out;
}

const examples = sourceFiles(join(ROOT, 'src')).flatMap(tsdocExamples);

describe('TSDoc examples', () => {
  mkdirSync(OUT, { recursive: true });
  const before = readdirSync(ROOT).sort();
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('there are examples to run', () => {
    expect(examples.length).toBeGreaterThan(100);
  });

  it.each(examples.map((e, i) => [e.name, i] as const))('%s runs', async (_, i) => {
    const e = examples[i]!;
    const file = join(OUT, `${e.name.replace(/[^A-Za-z0-9]+/g, '-')}.ts`);
    const code = e.code.replace(IMPORT, (whole, lead: string, q: string, spec: string) => {
      if (!spec.startsWith('.')) return whole;
      if (!e.internal) throw new Error(`${e.name}: the example of a public declaration imports ${spec}; import from 'carepath' or its subpaths`);
      const target = resolve(dirname(e.file), spec).replace(/\.js$/, '.ts');
      return `${lead}${q}${relative(OUT, target).split('\\').join('/')}${q}`;
    });
    // `export {}` makes every block a module, so top-level await and imports work.
    writeFileSync(file, `${code}\nexport {};\n`);
    const log = console.log;
    console.log = () => {};
    try {
      await import(pathToFileURL(file).href);
    } finally {
      console.log = log;
    }
  }, 15_000);

  it('write nothing into the repository (an example that needs a file uses a temporary folder)', () => {
    expect(readdirSync(ROOT).sort()).toEqual(before);
  });
});
