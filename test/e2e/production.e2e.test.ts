import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import ts from 'typescript';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { COMPILED_SERVER, startServerProcess } from '../helpers/http.ts';
import { WEB_DIR, saveScreenshot } from '../helpers/browser.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

const dir = mkdtempSync(join(tmpdir(), 'fp-production-'));
let server: Awaited<ReturnType<typeof startServerProcess>>;
let browser: Browser;

beforeAll(async () => {
  // What `npm start` runs: the server compiled once (reused while newer than its sources), with
  // plain node and no loader inherited through NODE_OPTIONS.
  const build = spawnSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  server = await startServerProcess({ DB_FILE: join(dir, 'fp-supplies.db'), SEED: 'demo', WEB_DIR, NODE_OPTIONS: '' }, [`${COMPILED_SERVER}/index.js`]);
  // Debian's full Chromium (/usr/bin/chromium), not the headless shell the other journeys share: the production build in the browser people run.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the production build', () => {
  it('seeds the demo on first start and serves the web app: Chromium logs in to the home screen', async () => {
    const page = await browser.newPage({ baseURL: server.url, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto('/');
    await page.getByTestId('login-username').fill('county-storekeeper');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('user-depot').textContent()).toContain('永宁县');
    await page.locator('[data-testid="dashboard"][data-state="ready"]').waitFor();
    await saveScreenshot(page, 'production-home', { fullPage: true });
  });

  it('imports nothing at run time that `npm ci --omit=dev` leaves out (tsx, TypeScript, Vite, test tools)', () => {
    const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const compiled = readdirSync('dist/server', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    const packages = new Set<string>();
    for (const file of compiled) {
      for (const { fileName: specifier } of ts.preProcessFile(readFileSync(join('dist/server', file), 'utf8'), true, true).importedFiles) {
        if (!specifier.startsWith('.')) packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
      }
    }
    const missing = [...packages].filter((p) => !p.startsWith('node:') && !builtinModules.includes(p) && !(p in dependencies));
    expect(packages.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
