import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default (one worker fewer than the cores) is one worker on two cores. A browser test
    // spends much of its time waiting (Chromium's frames, Playwright's polling) without using a core:
    // one worker more than the cores keeps both busy (on 2 cores: 301 s with 2 workers, 250 s with 3).
    maxWorkers: availableParallelism() + 1,
    // A worker keeps the modules it has loaded for its next test file: loading the server, exceljs,
    // pdfkit and playwright-core afresh for every file took more than half the CPU time of the tests
    // outside test/e2e. The tests share no state through modules (each opens its own database).
    isolate: false,
    env: { TZ: 'UTC' },
  },
});
