import { defineConfig } from 'tsup';

// Library: ESM + CJS with declarations. CLI and worker: ESM entry points of their own, because
// the worker pool loads the worker by file path at run time.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    // tsup's declaration build sets `baseUrl`, which TypeScript 6 deprecates.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: true,
    target: 'node20',
    // The worker pool finds its worker file from import.meta.url; in the CommonJS build this
    // shim provides it.
    shims: true,
  },
  {
    entry: { cli: 'src/cli/main.ts', worker: 'src/experiment/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
  },
]);
