import { afterEach } from 'vitest';
import { reportOpenPages, takeCspViolations } from '../helpers/browser.ts';

// A setup file runs before every test file, also in a worker that keeps its modules (isolate: false).
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await reportOpenPages(task.name);
  // The server's Content-Security-Policy must never stop the app: any refusal fails the test.
  const refused = takeCspViolations();
  if (refused.length > 0) throw new Error(`Content-Security-Policy violations:\n${refused.join('\n')}`);
});
