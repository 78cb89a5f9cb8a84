import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `carepath` and `carepath/<subpath>` resolve to the sources, as tsconfig.json's `paths` say, so
// tests, examples and TSDoc examples import the package as a user would.
const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^carepath$/, replacement: src('index.ts') },
      { find: /^carepath\/(kernel|analysis|report|node|browser)$/, replacement: src('api/$1.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Vitest's default leaves one core free, so a 2-core machine ran the files one at a time
    // (3 min 49 s); two workers there take 2 min 25 s, and many tests wait on child processes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
