import { defineConfig } from 'tsup';

// Library: the root and four subpaths (`carepath/kernel`, `/analysis`, `/report`, `/node`), each
// ESM + CJS with declarations; code they share goes into shared chunks in both formats, so a class
// such as ValidationError is one class whichever subpath it is reached through. CLI and worker:
// ESM entry points of their own, because the worker pool loads the worker by file path at run time.
/** Gives the ESM output a `require` for the Node built-ins of bundled CommonJS code. */
const ESM_REQUIRE = "import { createRequire as __carepathRequire } from 'node:module'; const require = __carepathRequire(import.meta.url);";

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
    // zod and yaml are bundled in: zod's ESM build is dozens of small modules and yaml's Node
    // build 74 CommonJS files, and resolving and loading them was most of the cost of importing
    // carepath (zod about 65 ms of CPU, bundled about 27 ms; yaml about 40 ms).
    noExternal: ['zod', 'yaml'],
    // yaml's Node build is CommonJS and requires Node built-ins (`process`), which esbuild's ESM
    // output can only do through a real `require`.
    banner: ({ format }) => (format === 'esm' ? { js: ESM_REQUIRE } : {}),
  },
  {
    entry: { cli: 'src/cli/main.ts', worker: 'src/experiment/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    noExternal: ['zod', 'yaml'],
    // yaml's Node build is CommonJS and requires Node built-ins (`process`), which esbuild's ESM
    // output can only do through a real `require`.
    banner: ({ format }) => (format === 'esm' ? { js: ESM_REQUIRE } : {}),
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
