import { chromium, type Browser, type Download, type Page } from 'playwright-core';
import { inject, onTestFinished } from 'vitest';
import { copyFileSync, mkdtempSync, mkdirSync, renameSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { defaultConfig, systemClock, type Clock, type Config } from '../../server/config.ts';
import { closeDb, openDb } from '../../db/client.ts';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';
import { PagePool } from './page-pool.ts';

export const WEB_DIR = 'dist/web';
export const SCREENSHOTS = 'test-results/screenshots';

/**
 * Whether the journeys save their screenshots (the PNGs of every screen they visit, for a person
 * to look at): with FP_SCREENSHOTS=1, which `npm run screenshots` sets. The suite takes about 260
 * of them, and they cost a run about 65 CPU-seconds of Chromium (a tenth of it, 35 s of the time on two
 * cores), so a plain `npm test` takes none. The pages of a failed test are shot either way
 * (reportOpenPages), and the shots that a test decodes (a label's barcode) are the test's own.
 */
export const screenshotsWanted = (env: NodeJS.ProcessEnv = process.env) => env.FP_SCREENSHOTS === '1';

/** Saves `page` as test-results/screenshots/<name>.png when screenshots are wanted: the viewport, or the whole page. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!screenshotsWanted()) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, `${name}.png`), await capturePng(page, options.fullPage ? undefined : 'viewport'));
}

/** A region of a page, in CSS pixels from the top left of the document. */
type Area = { x: number; y: number; width: number; height: number };

/**
 * A PNG of the whole document (or of `area`), through the DevTools protocol with its fast PNG
 * encoding: Playwright's full-page screenshot (with its font wait and caret hiding) cost about
 * 0.4 CPU-seconds a shot over Chromium's processes, and the suite takes some 260 of them. The
 * capture is the same one Playwright makes (beyond the viewport, at the page's scale of 1); the
 * files are larger, not different.
 */
async function capturePng(page: Page, area?: Area | 'viewport'): Promise<Buffer> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { cssContentSize, cssVisualViewport: seen } = await cdp.send('Page.getLayoutMetrics');
    const clip =
      area === 'viewport'
        ? { x: seen.pageX, y: seen.pageY, width: seen.clientWidth, height: seen.clientHeight }
        : (area ?? { x: 0, y: 0, width: Math.ceil(cssContentSize.width), height: Math.ceil(cssContentSize.height) });
    // What the viewport shows already is taken as it is; more makes Chromium lay out and paint the page at its full size first.
    const inView = clip.x >= seen.pageX && clip.y >= seen.pageY && clip.x + clip.width <= seen.pageX + seen.clientWidth && clip.y + clip.height <= seen.pageY + seen.clientHeight;
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', clip: { ...clip, scale: 1 }, captureBeyondViewport: !inView, optimizeForSpeed: true });
    return Buffer.from(data, 'base64');
  } finally {
    await cdp.detach();
  }
}

/** The browsers of the apps a test file has open, for the report of a failed test. */
const openBrowsers = new Set<Browser>();
/** The page pools of this worker, whose resting pages the report of a failed test leaves out. */
const pools = new Set<PagePool>();
const isResting = (page: Page) => [...pools].some((pool) => pool.resting.has(page));

/**
 * What a test worker keeps from one test file to the next (its files run one after another): its
 * connection to the shared Chromium, and the pool of pages at its own port, which every app of the
 * worker serves on unless another is open (two apps in one file). A page given back by one file's
 * test is then logged in afresh by the next file's, at the same origin, with the app cached.
 */
const WORKER_PORT = 18_400 + Number(process.env.VITEST_POOL_ID ?? 0);
let worker: Promise<{ browser: Browser; pool: PagePool }> | undefined;
let workerPortTaken = false;

/** What Chromium refused under the server's Content-Security-Policy since the last test (test/setup/failures.ts fails the test on any). */
const cspViolations: string[] = [];
export const takeCspViolations = () => cspViolations.splice(0);
function watchCsp(page: Page) {
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
  });
}

/**
 * Every page still open shows where it was: its address and text on stderr, and a screenshot
 * under test-results/screenshots/failed-<test>-<n>.png (test/setup/failures.ts calls this when a
 * test fails). A journey that waited in vain for a control then says what the screen showed.
 */
export async function reportOpenPages(testName: string) {
  const name = testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  let n = 0;
  for (const browser of openBrowsers) {
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        if (isResting(page)) continue;
        n += 1;
        try {
          const text = await page.evaluate(() => document.body.innerText.slice(0, 1500));
          process.stderr.write(`\n[failed: ${testName}] page ${n} at ${page.url()}:\n${text}\n`);
          await page.screenshot({ path: join(SCREENSHOTS, `failed-${name}-${n}.png`), timeout: 5_000 });
        } catch (error) {
          process.stderr.write(`\n[failed: ${testName}] page ${n} at ${page.url()}: ${String(error)}\n`);
        }
      }
    }
  }
}

export interface BrowserApp {
  server: RunningServer;
  browser: Browser;
  /** A page not logged in (the login screen's journeys), of the app's viewport, locale and calendar: only with `startBrowserApp({ page: true })`. */
  page: Page;
  /**
   * A page (its own context) logged in as a demo user (password demo-2026) through the login
   * API, opened on its home screen or on `options.at`; of the app's viewport, locale, time zone and
   * fixed calendar unless given.
   *
   * The page is the test's until it calls `close()` or the test ends; then it goes back to the
   * pool (test/helpers/page-pool.ts), and a later login of the same locale, time zone and kind of
   * calendar, in this file or the worker's next, gets it afresh: logged out, its storage, routes,
   * listeners and media emulation cleared, on a new document. A page opened in a `beforeAll` is the
   * file's until the app closes.
   */
  loggedInPage(username: string, options?: PageOptions): Promise<Page>;
  /** Saves a full-page PNG under test-results/screenshots/<name>.png (look at them) when screenshots are wanted (screenshotsWanted). */
  shot(name: string, page?: Page): Promise<void>;
  /** The same from the top (a scrolled page would show the sticky header mid-way); `height` cuts a long page. */
  shotFromTop(name: string, page: Page, height?: number): Promise<void>;
  /** A panel alone (by test id), centred first so that the sticky header does not cover it. */
  panelShot(name: string, page: Page, testid: string): Promise<void>;
  /** What the viewport shows as it is (a dialog over the screen). */
  viewShot(name: string, page: Page): Promise<void>;
  /** Moves the server's running clock on (needs `clockStart`); the pages' calendars stay where they are. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  /**
   * The route the page opens on, a hash such as `#/stock/3` (a bookmark, as a person opens it):
   * the user's home screen unless given. A journey that goes elsewhere first saves the home
   * screen's load (about 0.2 CPU-seconds a page).
   */
  at?: string;
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
  /**
   * The server's rule parameters that differ from the product's defaults, e.g. a document screen
   * that reads its document again every 2 s instead of 12 (`liveRefreshSeconds`) for a journey
   * that waits for another person's decision to show.
   */
  config?: Partial<Config>;
  /** More Chromium switches, e.g. a fake camera fed from a file (test/e2e/camera.e2e.test.ts). */
  extraArgs?: string[];
  /**
   * Opens `page`, logged out. Most journeys only open logged-in pages, and a page nobody uses
   * still costs its context and renderer (about 0.3 CPU-seconds): it is opened only when asked.
   */
  page?: boolean;
}

const CONFIG = { ...defaultConfig, passwordHash: { memoryCost: 4096, timeCost: 1 } };
const HALF_HOUR = 30 * 60_000;

/**
 * Writes the demo database to `file`, as seeded at `clockStart` (or now). Seeding takes one to
 * three seconds, so each seed instant is seeded once per run into a template that the browser
 * tests copy (test/global-setup.ts makes the folder); the copy is the test's own. A fixed start
 * is seeded with the clock stopped there, so that no seeded row is later than the test's first
 * instant. The real time is seeded again every half hour: a template is then never from another
 * day in China (UTC+8 days start on a half hour of UTC), and its latest climate readings are
 * never much older than a fresh seed's.
 */
async function writeDemoDb(file: string, clockStart: number | undefined) {
  const clock: Clock = clockStart === undefined ? systemClock : { now: () => new Date(clockStart) };
  const seedInto = async (target: string) => {
    const db = openDb(target);
    await seedDemo(db, CONFIG, clock);
    closeDb(db);
  };
  const templates = inject('demoTemplates');
  if (!templates) return seedInto(file);
  const template = join(templates, clockStart === undefined ? `now-${Math.floor(Date.now() / HALF_HOUR)}.db` : `at-${clockStart}.db`);
  if (!existsSync(template)) {
    // Two test files may seed the same template at once: each writes its own file, the last rename wins.
    const partial = `${template}.${process.pid}`;
    await seedInto(partial);
    renameSync(partial, template);
  }
  copyFileSync(template, file);
}

/**
 * The product as a person meets it: the built web app (test/global-setup.ts builds it once)
 * served by the real server (on the test worker's port, else a free one) with a private
 * temporary database holding the demo, and pages of headless Chromium pointed at it: of the
 * Chromium the browser tests share (started by test/global-setup.ts), or of its own when the test
 * needs other switches.
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
  const dbFile = join(dir, 'e2e.db');
  await writeDemoDb(dbFile, clockStart);
  const serve = (port: number) => startServer({ port, host: '127.0.0.1', dbFile, seed: 'none', webDir: WEB_DIR, clock, config: { ...CONFIG, ...options.config } });
  const shared = options.extraArgs ? undefined : inject('chromiumWsEndpoint');
  let server: RunningServer | undefined;
  let pool: PagePool;
  if (shared) {
    worker ??= chromium.connect(shared).then((browser) => ({ browser, pool: new PagePool(browser, `http://localhost:${WORKER_PORT}`, watchCsp) }));
    const { browser: workerBrowser, pool: workerPool } = await worker;
    if (!workerPortTaken) {
      // Another process may hold the port: then this app has a port, and pages, of its own.
      server = await serve(WORKER_PORT).catch(() => undefined);
      workerPortTaken = server !== undefined;
    }
    server ??= await serve(0);
    pool = server.port === WORKER_PORT ? workerPool : new PagePool(workerBrowser, server.url, watchCsp);
  } else {
    server = await serve(0);
    const own = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])] });
    pool = new PagePool(own, server.url, watchCsp);
  }
  const { browser } = pool;
  const workerPool = shared !== undefined && server.port === WORKER_PORT;
  openBrowsers.add(browser);
  pools.add(pool);
  /** The contexts this app did not find: its close() closes them, except the pool's resting pages. */
  const before = new Set(browser.contexts());
  /** Pages lent outside a test (a beforeAll): given back when the app closes. */
  const lentForFile = new Set<Page>();
  let page: Page | undefined;
  if (options.page) {
    const context = await browser.newContext({ viewport, locale, timezoneId, baseURL: server.url });
    if (clockStart !== undefined) await context.clock.setFixedTime(new Date(clockStart));
    page = await context.newPage();
    watchCsp(page);
  }
  const loggedOut = () => {
    if (!page) throw new Error('app.page is opened only with startBrowserApp({ page: true })');
    return page;
  };
  mkdirSync(SCREENSHOTS, { recursive: true });
  const shot = async (name: string, p: Page = loggedOut(), clip?: Area) => {
    writeFileSync(join(SCREENSHOTS, `${name}.png`), await capturePng(p, clip));
  };
  return {
    server,
    browser,
    get page() {
      return loggedOut();
    },
    loggedInPage: async (username, { viewport: size = viewport, locale: pageLocale = locale, at }: PageOptions = {}) => {
      const p = await pool.take({ locale: pageLocale, timezoneId, fixedCalendar: clockStart !== undefined });
      try {
        onTestFinished(() => pool.giveBack(p));
      } catch {
        // Opened outside a test (a beforeAll): the file's until the app closes.
        lentForFile.add(p);
      }
      const current = p.viewportSize();
      if (current?.width !== size.width || current.height !== size.height) await p.setViewportSize(size);
      if (clockStart !== undefined) await p.clock.setFixedTime(new Date(clockStart));
      // The login API rather than the form: the form has its own journeys (shell, production), and
      // 48 logins through it cost the suite about half a minute of a core. Called from a document of
      // the app's origin, through Chromium's own connections (Playwright's request context keeps its
      // own, which the server may close as idle just as a reused page sends on one).
      if (p.url() === 'about:blank') await p.goto('/api/health');
      const login = await p.evaluate(async (body) => {
        const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        return { ok: res.ok, answer: res.ok ? '' : `${res.status} ${await res.text()}` };
      }, JSON.stringify({ username, password: DEMO_PASSWORD }));
      if (!login.ok) throw new Error(`${username} could not log in: ${login.answer}`);
      await p.goto(`/${at ?? ''}`);
      await p.getByTestId('user-menu').waitFor();
      // The shell sends '/' on to the user's home screen: wait until it has (or has shown `at`), so
      // that the address a test opens next is not replaced by the home screen's.
      await p.waitForFunction(() => location.hash.length > 2 && document.getElementById('main')?.dataset.hash === location.hash);
      return p;
    },
    shot: async (name, p) => {
      if (screenshotsWanted()) await shot(name, p);
    },
    shotFromTop: async (name, p, height) => {
      if (!screenshotsWanted()) return;
      await p.evaluate(() => window.scrollTo(0, 0));
      await shot(name, p, height ? { x: 0, y: 0, width: p.viewportSize()!.width, height } : undefined);
    },
    viewShot: (name, p) => saveScreenshot(p, name),
    panelShot: async (name, p, testid) => {
      if (!screenshotsWanted()) return;
      const area = await p.getByTestId(testid).evaluate((el) => {
        el.scrollIntoView({ block: 'center' });
        const box = el.getBoundingClientRect();
        return { x: box.x + window.scrollX, y: box.y + window.scrollY, width: box.width, height: box.height };
      });
      await shot(name, p, area);
    },
    advanceClock: (ms) => {
      if (clockStart === undefined) throw new Error('advanceClock needs startBrowserApp({ clockStart })');
      skewMs += ms;
    },
    close: async () => {
      for (const p of lentForFile) await pool.giveBack(p);
      if (workerPool) {
        // The worker's connection and pool stay for its next file; this app's other contexts (app.page, a test's own) close.
        const others = browser.contexts().filter((context) => !before.has(context) && !context.pages().some((p) => pool.resting.has(p)));
        await Promise.all(others.map((context) => context.close()));
        workerPortTaken = false;
      } else {
        // A page of another port serves no other app: its contexts close with the app.
        pools.delete(pool);
        if (shared) await Promise.all(browser.contexts().filter((context) => !before.has(context)).map((context) => context.close()));
        else {
          openBrowsers.delete(browser);
          await browser.close();
        }
      }
      // The pool's pages keep their connections to the server: it ends them instead of waiting.
      await server.close({ now: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A download's bytes; Download.path() is not there when the browser is the shared one, which runs in another process. */
export async function downloaded(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A keyboard-wedge scanner: fast keystrokes into the focused scan field, then Enter. */
export async function wedge(page: Page, raw: string) {
  await page.getByTestId('scan-input').focus();
  await page.keyboard.type(raw, { delay: 2 });
  await page.keyboard.press('Enter');
}
