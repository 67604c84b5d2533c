import type { Browser, Page } from 'playwright-core';

/** The page events a test listens to (Playwright's own waits on 'close' and 'crash' stay). */
const BORROWERS_EVENTS = ['console', 'dialog', 'download', 'filechooser', 'frameattached', 'framedetached', 'framenavigated', 'load', 'domcontentloaded', 'pageerror', 'popup', 'request', 'requestfailed', 'requestfinished', 'response', 'websocket', 'worker'] as const;

/** What a page's context is made with, and cannot change later. */
export interface PageKind {
  locale: string;
  timezoneId?: string;
  /** A context whose calendar Playwright has fixed keeps its fake clock: it serves only apps with a fixed calendar. */
  fixedCalendar: boolean;
}

const keyOf = (kind: PageKind) => `${kind.locale}|${kind.timezoneId ?? ''}|${kind.fixedCalendar ? 'fixed' : 'real'}`;

/**
 * The pages of one Chromium at one origin, each in its own context, lent to one login at a time. A
 * page's close() gives it back, and it is made clean for the next person: its other pages
 * (popups) closed, the borrower's listeners, routes, offline state, permissions and media
 * emulation undone, off the app onto a plain JSON document of the origin, its storage and cookies
 * cleared. What it keeps is Chromium's: the renderer process, the cached app and its compiled
 * code, so that the next login costs Chromium about half of a new page's (0.45 CPU-seconds
 * against 0.9). The pages close for good with their browser (connection).
 */
export class PagePool {
  /** Pages given back, by kind. */
  private readonly idle = new Map<string, Page[]>();
  private readonly kinds = new WeakMap<Page, string>();
  private readonly closers = new WeakMap<Page, () => Promise<void>>();
  /** Pages given back and not lent again: no test is on them (a failed test's report skips them). */
  readonly resting = new WeakSet<Page>();

  constructor(
    readonly browser: Browser,
    readonly baseURL: string,
    /** Called on every new page and again on a page given back. */
    private readonly watch: (page: Page) => void,
  ) {}

  /** A page of the kind: one given back, else a new one. */
  async take(kind: PageKind): Promise<Page> {
    const key = keyOf(kind);
    const page = this.idle.get(key)?.pop();
    if (page) {
      this.resting.delete(page);
      return page;
    }
    const fresh = await this.browser.newPage({ baseURL: this.baseURL, locale: kind.locale, timezoneId: kind.timezoneId });
    this.kinds.set(fresh, key);
    this.closers.set(fresh, fresh.close.bind(fresh));
    fresh.close = () => this.giveBack(fresh);
    this.watch(fresh);
    return fresh;
  }

  /** Takes the page back, clean, for the next login of its kind; a page that cannot be made clean is closed. */
  async giveBack(page: Page): Promise<void> {
    if (this.resting.has(page) || page.isClosed()) return;
    this.resting.add(page);
    try {
      const context = page.context();
      await Promise.all(context.pages().filter((other) => other !== page).map((other) => other.close()));
      for (const event of BORROWERS_EVENTS) page.removeAllListeners(event);
      this.watch(page);
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await context.setOffline(false);
      await context.clearPermissions();
      await page.emulateMedia({ media: null, colorScheme: null, reducedMotion: null, forcedColors: null });
      // Off the app (its timers and requests stop), then out of it: its storage, then the session.
      await page.goto('/api/health');
      await page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
      await context.clearCookies();
      const key = this.kinds.get(page)!;
      this.idle.set(key, [...(this.idle.get(key) ?? []), page]);
    } catch {
      this.resting.delete(page);
      await this.closers.get(page)!().catch(() => undefined);
    }
  }
}
