// The package as a user gets it: `node scripts/pack-check.mjs` clones this repository's HEAD
// (committed work only) into a temporary folder, packs it with `npm pack` (its `prepack` builds
// dist/), installs the tarball into an empty project, and there:
//   1. runs the README quick-start exactly as written, as quick-start.mjs (ESM);
//   2. runs the same code through require('carepath') (CommonJS), wrapped in an async function
//      as the README says;
//   3. type-checks a scenario with tsc, in ESM (.mts) and CommonJS (.cts): it compiles, and the
//      same scenario with `service: { dist: 'exponentail' }` is a type error.
// Prints one line per step and a JSON summary last; exits 1 if any step fails.
//
// The clone has no node_modules: it borrows this checkout's (a symlink), so the build needs no
// network. The empty project installs the tarball with npm; when the registry cannot be reached
// (no network, nothing cached) it falls back to unpacking the tarball into node_modules/carepath
// and linking carepath's dependencies from this checkout, and says so (`install: "linked"`).
//
// Options: --keep (leave the temporary folder), --linked (skip npm install, link dependencies),
// --quick (the quick-start with 3 replications instead of 20: a smoke test, not "as written").
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const summary = { ok: true, steps: {} };

function step(name, fn) {
  const t0 = Date.now();
  try {
    const detail = fn();
    summary.steps[name] = { ok: true, seconds: (Date.now() - t0) / 1000, ...(detail ?? {}) };
    console.log(`ok   ${name}${detail ? ` ${JSON.stringify(detail)}` : ''}`);
  } catch (e) {
    summary.ok = false;
    summary.steps[name] = { ok: false, error: String(e.stderr || e.stdout || e.message).slice(0, 2000) };
    console.log(`FAIL ${name}\n${summary.steps[name].error}`);
  }
}

const run = (cmd, argv, cwd, timeout = 600_000) => execFileSync(cmd, argv, { cwd, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });

/** The README's quick-start block, verbatim. */
function quickStart() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Quick start')));
  if (!block) throw new Error('README has no ts block under "## Quick start"');
  return args.has('--quick') ? block[1].replace('replications: 20', 'replications: 3') : block[1];
}

/** The same code for CommonJS: the import as a require, the rest inside an async function. */
function commonJs(code) {
  const lines = code.split('\n');
  const at = lines.findIndex((l) => /^import .* from 'carepath';$/.test(l));
  if (at < 0) throw new Error("the quick-start has no `import … from 'carepath'` line");
  const names = /^import \{(.*)\} from 'carepath';$/.exec(lines[at])[1];
  const body = lines.filter((_, i) => i !== at).join('\n');
  return `const {${names}} = require('carepath');\n(async () => {\n${body}\n})().catch((e) => { console.error(e); process.exit(1); });\n`;
}

const SCENARIO = (dist) =>
  `{ version: 1, name: 'One clinic', horizon: 100, arrivals: { a: { to: 's', rate: { perDay: 1 } } }, stages: { s: { capacity: { servers: 1 }, service: { dist: '${dist}', mean: 0.5 } } } }`;
const TYPED = {
  mts: (dist) => `import { parseScenario } from 'carepath';\nparseScenario(${SCENARIO(dist)});\n`,
  cts: (dist) => `import carepath = require('carepath');\ncarepath.parseScenario(${SCENARIO(dist)});\n`,
};

const dir = mkdtempSync(join(tmpdir(), 'carepath-pack-'));
const clone = join(dir, 'clone');
const use = join(dir, 'use');
let tarball;
try {
  const dirty = run('git', ['status', '--porcelain', '--untracked-files=no'], ROOT).trim();
  if (dirty) console.log('note: uncommitted changes are not in the clone (it packs HEAD)');

  step('clone', () => {
    run('git', ['clone', '--quiet', ROOT, clone], dir);
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    return { head: run('git', ['rev-parse', '--short', 'HEAD'], clone).trim() };
  });

  step('pack', () => {
    const name = run('npm', ['pack', '--silent', '--pack-destination', dir], clone).trim().split('\n').pop();
    tarball = join(dir, name);
    const files = run('tar', ['tzf', tarball], dir).split('\n');
    const need = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/cli.js', 'schema/scenario.schema.json', 'examples/scenarios/lung-cancer-ai.yaml', 'LICENSE', 'README.md'];
    const missing = need.filter((f) => !files.includes(`package/${f}`));
    if (missing.length) throw new Error(`the tarball lacks ${missing.join(', ')}`);
    return { tarball: name, files: files.filter(Boolean).length };
  });

  step('install', () => {
    mkdirSync(use);
    writeFileSync(join(use, 'package.json'), JSON.stringify({ name: 'carepath-user', version: '1.0.0', private: true }, null, 2));
    if (!args.has('--linked')) {
      const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: use, encoding: 'utf8', timeout: 300_000 });
      if (npm.status === 0) return { install: 'npm' };
      console.log(`note: npm install failed (${(npm.stderr || '').split('\n').find((l) => /error/.test(l)) ?? 'no message'}); linking the dependencies instead`);
      rmSync(join(use, 'node_modules'), { recursive: true, force: true });
    }
    const target = join(use, 'node_modules', 'carepath');
    mkdirSync(target, { recursive: true });
    run('tar', ['xzf', tarball, '-C', target, '--strip-components=1'], use);
    const deps = Object.keys(JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')).dependencies ?? {});
    for (const d of deps) {
      const from = join(ROOT, 'node_modules', d);
      if (!existsSync(from)) throw new Error(`dependency ${d} is not installed in ${ROOT}/node_modules`);
      mkdirSync(dirname(join(use, 'node_modules', d)), { recursive: true });
      symlinkSync(from, join(use, 'node_modules', d), 'dir');
    }
    return { install: 'linked', dependencies: deps.length };
  });

  const expectOutput = (out) => {
    if (!/surgery/.test(out) || !/AI adds \d+ patients to the surgery list/.test(out)) throw new Error(`unexpected output:\n${out}`);
    return { output: out.trim().split('\n') };
  };
  step('quick-start ESM (README as written)', () => {
    writeFileSync(join(use, 'quick-start.mjs'), quickStart());
    return expectOutput(run(process.execPath, ['quick-start.mjs'], use));
  });
  step('quick-start CommonJS', () => {
    writeFileSync(join(use, 'quick-start.cjs'), commonJs(quickStart()));
    return expectOutput(run(process.execPath, ['quick-start.cjs'], use));
  });

  for (const ext of ['mts', 'cts']) {
    step(`types ${ext === 'mts' ? 'ESM' : 'CommonJS'}: a scenario compiles, dist 'exponentail' does not`, () => {
      writeFileSync(join(use, `good.${ext}`), TYPED[ext]('exponential'));
      writeFileSync(join(use, `bad.${ext}`), TYPED[ext]('exponentail'));
      const tsc = (file) => spawnSync(process.execPath, [TSC, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', file], { cwd: use, encoding: 'utf8' });
      const good = tsc(`good.${ext}`);
      if (good.status !== 0) throw new Error(`the correct scenario does not compile:\n${good.stdout}`);
      const bad = tsc(`bad.${ext}`);
      if (bad.status === 0) throw new Error("dist: 'exponentail' compiled");
      if (!/exponentail/.test(bad.stdout)) throw new Error(`failed for another reason:\n${bad.stdout}`);
      return { error: bad.stdout.split('\n')[0].replace(/^.*error /, '') };
    });
  }
} finally {
  if (args.has('--keep')) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(summary));
process.exit(summary.ok ? 0 : 1);
