import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { defaultConfig, type Clock } from '../../server/config.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

/** Debian's Chromium; `.ci/run` installs it when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_DIR = 'dist/web';
export const SCREENSHOTS = 'test-results/screenshots';

export interface BrowserApp {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /**
   * A new page (its own context) logged in as a demo user (password demo-2026) through the login
   * form; of the app's viewport, locale, time zone and fixed calendar unless given here.
   */
  loggedInPage(username: string, viewport?: { width: number; height: number }, locale?: string): Promise<Page>;
  /** Saves a full-page PNG under test-results/screenshots/<name>.png (look at them). */
  shot(name: string, page?: Page): Promise<string>;
  /** The same from the top (a scrolled page would show the sticky header mid-way); `height` cuts a long page. */
  shotFromTop(name: string, page: Page, height?: number): Promise<string>;
  /** A panel alone (by test id), centred first so that the sticky header does not cover it. */
  panelShot(name: string, page: Page, testid: string): Promise<string>;
  /** Moves the server's running clock on (needs `clockStart`); the pages' calendars stay where they are. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export interface BrowserAppOptions {
  /** The size of `page` and of loggedInPage's pages (1280 × 800 unless given). */
  viewport?: { width: number; height: number };
  locale?: string;
  /** The pages' time zone, e.g. 'Asia/Shanghai' (the test process runs in UTC); Chromium's own unless given. */
  timezoneId?: string;
  /**
   * A fixed day (ms since the epoch): the server's clock starts at this instant and runs on (see
   * advanceClock), and the pages' calendars show this instant (Playwright's clock.setFixedTime).
   * Without it the server and the pages go by the real time.
   */
  clockStart?: number;
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
  const { clockStart, timezoneId } = options;
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const locale = options.locale ?? 'zh-CN';
  let skewMs = 0;
  let clock: Clock | undefined;
  if (clockStart !== undefined) {
    const began = Date.now();
    clock = { now: () => new Date(clockStart + (Date.now() - began) + skewMs) };
  }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dbFile: join(dir, 'e2e.db'),
    seed: 'demo',
    webDir: WEB_DIR,
    clock,
    config: { ...defaultConfig, passwordHash: { memoryCost: 4096, timeCost: 1 } },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...(options.extraArgs ?? [])],
  });
  const context = await browser.newContext({ viewport, locale, timezoneId, baseURL: server.url });
  if (clockStart !== undefined) await context.clock.setFixedTime(new Date(clockStart));
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const shot = async (name: string, p: Page = page, clip?: { x: number; y: number; width: number; height: number }) => {
    const path = join(SCREENSHOTS, `${name}.png`);
    await p.screenshot({ path, fullPage: true, ...(clip ? { clip } : {}) });
    return path;
  };
  return {
    server,
    browser,
    page,
    loggedInPage: async (username, size = viewport, pageLocale = locale) => {
      const p = await browser.newPage({ baseURL: server.url, viewport: size, locale: pageLocale, timezoneId });
      if (clockStart !== undefined) await p.clock.setFixedTime(new Date(clockStart));
      await p.goto('/');
      await p.getByTestId('login-username').fill(username);
      await p.getByTestId('login-password').fill(DEMO_PASSWORD);
      await p.getByTestId('login-submit').click();
      await p.getByTestId('user-menu').waitFor();
      return p;
    },
    shot: (name, p = page) => shot(name, p),
    shotFromTop: async (name, p, height) => {
      await p.evaluate(() => window.scrollTo(0, 0));
      return shot(name, p, height ? { x: 0, y: 0, width: p.viewportSize()!.width, height } : undefined);
    },
    panelShot: async (name, p, testid) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      const panel = p.getByTestId(testid);
      await panel.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await panel.screenshot({ path });
      return path;
    },
    advanceClock: (ms) => {
      if (clockStart === undefined) throw new Error('advanceClock needs startBrowserApp({ clockStart })');
      skewMs += ms;
    },
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A keyboard-wedge scanner: fast keystrokes into the focused scan field, then Enter. */
export async function wedge(page: Page, raw: string) {
  await page.getByTestId('scan-input').focus();
  await page.keyboard.type(raw, { delay: 2 });
  await page.keyboard.press('Enter');
}
