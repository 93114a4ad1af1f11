import { defineConfig } from 'vitest/config';

// The projects, run separately by scripts/test-all.sh (vagrant by ci-vagrant.sh):
//   unit  – parsers, declarations, regions: no root, no network, seconds.
//   labs  – every lab for real on the local target (root, namespaces);
//   labs-alone – drop-bench, which measures the CPUs, run by itself afterwards.
//   site  – the built site in headless Chromium.
//   server – `npm start`: its API, real runs from the pages, in Chromium (root).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'labs', include: ['test/labs/**/*.test.ts'], exclude: ['test/labs/drop-bench.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
      // The benchmark lab measures the CPUs: it runs alone, after the other lab files, never beside them.
      { test: { name: 'labs-alone', include: ['test/labs/drop-bench.test.ts'], testTimeout: 240_000, hookTimeout: 180_000, fileParallelism: false } },
      {
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          globalSetup: ['test/site/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        // `npm start` for real: its API, lab and exercise runs, and the Run buttons in Chromium.
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          globalSetup: ['test/server/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'vagrant',
          include: ['test/vagrant/**/*.test.ts'],
          testTimeout: 900_000,
          hookTimeout: 1_800_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
