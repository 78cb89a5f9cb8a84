import { defineConfig } from 'tsup';

// Library: ESM + CJS with declarations. CLI and worker: ESM entry points of their own, because
// the worker pool loads the worker by file path at run time.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    entry: { cli: 'src/cli/main.ts', worker: 'src/experiment/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: ({ format }) => (format === 'esm' ? {} : {}),
  },
]);
