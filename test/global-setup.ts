import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Builds the web app once for the browser tests, unless dist/web is newer than every source
 * it is built from (the web app imports the schemas and the scan parser in labels/). FP_NO_WEB_BUILD=1 skips it for runs without browser tests.
 */
export default async function setup() {
  // For runs without browser tests (test/api, test/domain ...) while the web app is being edited.
  if (process.env.FP_NO_WEB_BUILD) return;
  const index = 'dist/web/index.html';
  const sources = Math.max(newest('web'), newest('server/schemas'), newest('labels'), statSync('vite.config.ts').mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}
