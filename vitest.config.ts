import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The slowest kinds of test file, by their folder: the browser journeys, then the reliability suite. */
const WEIGHT = [/^test\/e2e\//, /^test\/reliability\//];

/**
 * Starts the long files first, so that the run does not end on one long file while the other
 * workers wait. Vitest orders by the durations of the last run when it has them; on a fresh
 * clone (CI) it has none, so the folders and then the file sizes decide.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const path = relative(process.cwd(), spec.moduleId);
      const index = WEIGHT.findIndex((folder) => folder.test(path));
      return index === -1 ? WEIGHT.length : index;
    };
    const size = (spec: TestSpecification) => statSync(spec.moduleId).size;
    const known = (spec: TestSpecification) => this.ctx.cache.getFileTestResults(`${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`);
    const position = new Map(sorted.map((spec, i) => [spec, i]));
    return sorted.sort((a, b) => rank(a) - rank(b) || (known(a) && known(b) ? position.get(a)! - position.get(b)! : size(b) - size(a)));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // A failed browser test reports what its open pages showed.
    setupFiles: ['test/setup/failures.ts'],
    environment: 'node',
    // A browser journey takes up to 35 s alone and up to three times that while three test files share two cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // An expect.poll waits for what the server or the screen does next: a scan's round trip while
    // both cores are busy has taken more than vitest's default second (a CI run failed there).
    // The wait ends as soon as the value is right; only a wrong value waits the whole time.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // One worker per core. Vitest's default (one fewer than the cores) is one worker on two cores;
    // one more than the cores once kept both busy while a browser test waited on Chromium, but since
    // browser tests reuse their pages (test/helpers/page-pool.ts) it only makes the tests contend:
    // on 2 cores 307 s and 572 CPU-seconds with 2 workers against 342-352 s and 675-695 with 3.
    // FP_TEST_WORKERS overrides it (to measure another count).
    maxWorkers: Number(process.env.FP_TEST_WORKERS) || availableParallelism(),
    // A worker keeps the modules it has loaded for its next test file: loading the server, exceljs,
    // pdfkit and playwright-core afresh for every file took more than half the CPU time of the tests
    // outside test/e2e. The tests share no state through modules (each opens its own database).
    isolate: false,
    sequence: { sequencer: LongestFirst },
    env: { TZ: 'UTC' },
  },
});
