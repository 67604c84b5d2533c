import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { defaultConfig } from '../../server/config.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

/** Debian's Chromium; `.ci/run` installs it when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_DIR = 'dist/web';
export const SCREENSHOTS = 'test-results/screenshots';

export interface BrowserApp {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** A new page of the given size, logged in as a demo user (password demo-2026). */
  loggedInPage(username: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Saves a full-page PNG under test-results/screenshots/<name>.png (look at them). */
  shot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

export interface BrowserAppOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  /** More Chromium switches, e.g. a fake camera fed from a file (test/e2e/camera.e2e.test.ts). */
  extraArgs?: string[];
}

/**
 * The product as a person meets it: the built web app (test/global-setup.ts builds it once)
 * served by the real server on a free port with a fresh temporary database seeded with the
 * demo, and a headless Chromium page pointed at it.
 */
export async function startBrowserApp(options: BrowserAppOptions = {}): Promise<BrowserApp> {
  if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`${WEB_DIR} is not built (test/global-setup.ts builds it)`);
  const dir = mkdtempSync(join(tmpdir(), 'fp-e2e-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dbFile: join(dir, 'e2e.db'),
    seed: 'demo',
    webDir: WEB_DIR,
    config: { ...defaultConfig, passwordHash: { memoryCost: 4096, timeCost: 1 } },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...(options.extraArgs ?? [])],
  });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: options.locale ?? 'zh-CN', baseURL: server.url });
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server,
    browser,
    page,
    loggedInPage: async (username, viewport = { width: 1280, height: 800 }) => {
      const p = await browser.newPage({ baseURL: server.url, viewport, locale: options.locale ?? 'zh-CN' });
      await p.goto('/');
      await p.getByTestId('login-username').fill(username);
      await p.getByTestId('login-password').fill(DEMO_PASSWORD);
      await p.getByTestId('login-submit').click();
      await p.getByTestId('user-menu').waitFor();
      return p;
    },
    shot: async (name, p = page) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await p.screenshot({ path, fullPage: true });
      return path;
    },
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
