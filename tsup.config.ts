import { defineConfig } from 'tsup';

// Library: the root and four subpaths (`carepath/kernel`, `/analysis`, `/report`, `/node`), each
// ESM + CJS with declarations; code they share goes into shared chunks in both formats, so a class
// such as ValidationError is one class whichever subpath it is reached through. CLI and worker:
// ESM entry points of their own, because the worker pool loads the worker by file path at run time.
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      kernel: 'src/api/kernel.ts',
      analysis: 'src/api/analysis.ts',
      report: 'src/api/report.ts',
      node: 'src/api/node.ts',
    },
    format: ['esm', 'cjs'],
    splitting: true,
    // tsup's declaration build sets `baseUrl`, which TypeScript 6 deprecates.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: true,
    target: 'node20',
    // The worker pool finds its worker file from import.meta.url; in the CommonJS build this
    // shim provides it.
    shims: true,
    // zod is bundled in: its ESM build is dozens of small modules, and resolving and linking them
    // was most of the cost of importing carepath (about 65 ms of CPU; bundled, about 27 ms).
    noExternal: ['zod'],
  },
  {
    entry: { cli: 'src/cli/main.ts', worker: 'src/experiment/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    noExternal: ['zod'],
  },
  {
    // `carepath/browser` on its own: no chunks shared with the Node entries and no Node shims
    // (the `shims` above import node:path and node:url into shared chunks).
    entry: { browser: 'src/api/browser.ts' },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    platform: 'browser',
    target: 'es2022',
  },
  {
    // The what-if page's script (`carepath app` inlines it): browser code with no Node built-ins.
    entry: { app: 'src/app/main.ts' },
    format: ['iife'],
    globalName: 'carepathApp',
    platform: 'browser',
    minify: true,
    target: 'es2022',
  },
]);
