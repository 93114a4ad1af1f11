import { defineConfig } from 'vitest/config';

// Three projects, run separately by scripts/test-all.sh:
//   unit  – parsers, declarations, regions: no root, no network, seconds.
//   labs  – every lab for real on the local target (root, namespaces).
//   site  – the built site in headless Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'labs', include: ['test/labs/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
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
