import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { SCREENSHOTS, startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

const VIEW = { width: 1280, height: 900 };

const line = (page: Page, lot: string) => page.locator(`[data-testid="count-line"][data-lot="${lot}"]`);
const statusOf = (page: Page) => page.getByTestId('count-screen').getAttribute('data-status');

/** Types a counted figure into a line of the sheet and presses Enter. */
async function typeCount(page: Page, lot: string, quantity: number) {
  const input = line(page, lot).getByTestId('count-input');
  await input.fill(String(quantity));
  await input.press('Enter');
  await expect.poll(() => line(page, lot).getAttribute('data-counted')).toBe(String(quantity));
}

/** The sheet's total rows: unit, book, counted and variance (the book and variance empty while hidden). */
const totalRows = (page: Page) =>
  page.getByTestId('count-total-row').evaluateAll((rows) => rows.map((r) => ['unit', 'book', 'counted', 'variance'].map((k) => r.getAttribute(`data-${k}`))));

/** Full-page screenshots start at the top: a scrolled page repeats its sticky header. */
const top = (page: Page) => page.evaluate(() => window.scrollTo(0, 0));

/** PDF pages in a file made by page.pdf(). */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;

describe('stock counts (盘库) in Chromium', () => {
  it('a blind count of the qualified zone: scanned and typed, refused while a lot is uncounted, one lot short by 3; the zone is frozen; the leader returns it once, then approves; the sheet prints; the city sees the county', async () => {
    const keeper = await app.loggedInPage('county-storekeeper', { viewport: VIEW });

    // The county's qualified stock, from the stock API as the page sees it.
    const stock = await keeper.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { depot: { id: number; code: string } };
      const page = (await (await fetch(`/api/stock?depotId=${me.depot.id}&pageSize=500`)).json()) as { items: { batchId: number; lot: string; location: string; quantity: number }[] };
      return { depot: me.depot, rows: page.items.filter((r) => r.location === 'qualified') };
    });
    const batch = (lot: string) => stock.rows.find((r) => r.lot === lot)!;
    expect(stock.rows.map((r) => [r.lot, r.quantity]).sort()).toEqual([
      ['20240815', 2000],
      ['20250603', 600],
      ['20251108', 200],
      ['B2504017', 400],
      ['S231102', 30],
    ]);

    // The tab: no count yet, so the depot is overdue; the storekeeper starts a blind count of the qualified zone.
    await keeper.getByTestId('nav-counts').click();
    await keeper.locator('[data-testid="counts-screen"][data-state="ready"]').waitFor();
    await keeper.getByTestId('counts-empty').waitFor();
    expect(await keeper.getByTestId('count-own-status').getAttribute('data-overdue')).toBe('true');
    await keeper.getByTestId('count-new').click();
    await keeper.getByTestId('count-zones-chosen').check();
    await keeper.getByTestId('count-zone-qualified').check();
    await keeper.getByTestId('count-blind').check();
    await keeper.getByTestId('count-note').fill('2026 年度盘库(合格品区)');
    expect(await keeper.getByTestId('count-freeze-hint').textContent()).toContain('冻结');
    await app.shot('count-start-form', keeper);
    await keeper.getByTestId('count-start').click();
    await keeper.getByTestId('count-screen').waitFor();
    expect(await statusOf(keeper)).toBe('counting');
    expect(await keeper.getByTestId('count-screen').getAttribute('data-hidden')).toBe('true');
    expect(await keeper.getByTestId('count-number').textContent()).toBe('PD-640121-0001');
    const countUrl = keeper.url();
    // Blind: no book quantity anywhere on the screen.
    expect(await keeper.getByTestId('count-lines').textContent()).not.toContain('账面数量');
    expect(await keeper.getByTestId('count-line').count()).toBe(5);

    // Counting by scanning: a typed quantity goes with the next scan; a scan without one adds 1.
    await keeper.getByTestId('scan-quantity').fill('600');
    await wedge(keeper, `FP1:B:${batch('20250603').batchId}`);
    await expect.poll(() => line(keeper, '20250603').getAttribute('data-counted')).toBe('600');
    await keeper.getByTestId('scan-quantity').fill('150');
    await wedge(keeper, `FP1:B:${batch('20251108').batchId}`);
    await expect.poll(() => line(keeper, '20251108').getAttribute('data-counted')).toBe('150');
    await keeper.getByTestId('scan-quantity').fill('50');
    await wedge(keeper, `FP1:B:${batch('20251108').batchId}`);
    await expect.poll(() => line(keeper, '20251108').getAttribute('data-counted')).toBe('200');
    await wedge(keeper, `FP1:B:${batch('20251108').batchId}`); // one carton scanned twice by mistake
    await expect.poll(() => line(keeper, '20251108').getAttribute('data-counted')).toBe('201');
    expect(await keeper.getByTestId('scan-message').textContent()).toContain('+1');
    await keeper.getByTestId('scan-quantity').fill('2000');
    await wedge(keeper, `FP1:B:${batch('20240815').batchId}`);
    await expect.poll(() => line(keeper, '20240815').getAttribute('data-counted')).toBe('2000');
    expect(await keeper.getByTestId('scan-field').getAttribute('data-state')).toBe('ok');
    // By typing: B2504017 is 3 short of the books (not that anyone can see it yet).
    await typeCount(keeper, 'B2504017', 397);
    expect(await keeper.getByTestId('count-progress').textContent()).toBe('4 / 5');
    expect(await line(keeper, 'B2504017').getAttribute('data-variance')).toBe('');
    // What was counted so far, per unit (板 and 盒 are never added up), and nothing of the books.
    expect(await totalRows(keeper)).toEqual([
      ['盒', '', '2000', ''],
      ['板', '', '1198', ''],
    ]);
    expect(await keeper.getByTestId('count-totals-by-unit').textContent()).not.toContain('3,198');
    await app.shot('count-scanning', keeper);

    // The blank count sheet for counting on paper: no book quantities.
    await keeper.getByTestId('count-blank-sheet-link').click();
    await keeper.locator('[data-testid="count-sheet-screen"][data-blank="true"][data-ready="true"]').waitFor();
    expect(await keeper.getByTestId('count-sheet-line').count()).toBe(5);
    expect(await keeper.getByTestId('count-sheet-table').textContent()).not.toContain('账面数量');
    expect(await keeper.getByTestId('count-sheet-table').textContent()).not.toContain('2,000');
    await keeper.emulateMedia({ media: 'print' });
    await app.shot('count-blank-sheet-print', keeper);
    expect(pdfPages(await keeper.pdf({ path: join(SCREENSHOTS, 'count-blank-sheet.pdf'), preferCSSPageSize: true }))).toBe(1);
    await keeper.emulateMedia({ media: null });

    // While the count is open, the qualified zone takes no postings: a move by scanning is refused…
    await keeper.goto(`/#/stock/${stock.depot.id}`);
    await keeper.getByTestId('zone-move-open').click();
    await wedge(keeper, `FP1:B:${batch('20250603').batchId}`);
    await keeper.getByTestId('zone-move-item').waitFor();
    await wedge(keeper, `FP1:Z:${stock.depot.code}:nonconforming`);
    await expect.poll(() => keeper.getByTestId('zone-move').getByTestId('problem').getAttribute('data-code')).toBe('count_in_progress');
    expect(await keeper.getByTestId('zone-move').getByTestId('problem').textContent()).toContain('正在盘库');
    await app.shot('count-frozen-zone-move', keeper);
    // …and so is a posting through the API (here a move to the pending zone), with the count named.
    const refused = await keeper.evaluate(async (b) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string; depot: { id: number } };
      const res = await fetch('/api/zone-moves', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ depotId: me.depot.id, batchId: b, fromZone: 'qualified', toZone: 'pending', quantity: 5 }),
      });
      return { status: res.status, body: (await res.json()) as { code: string; data?: { zone?: string } } };
    }, batch('20240815').batchId);
    expect([refused.status, refused.body.code, refused.body.data?.zone]).toEqual([409, 'count_in_progress', 'qualified']);

    // Submitting with S231102 not counted is refused, naming it; counted, the sheet is signed.
    await keeper.goto(countUrl);
    await keeper.getByTestId('count-submit').click();
    await keeper.getByTestId('count-uncounted').waitFor();
    expect(await keeper.getByTestId('uncounted-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-lot')))).toEqual(['S231102']);
    expect(await line(keeper, 'S231102').getAttribute('class')).toContain('row-attention');
    expect(await keeper.getByTestId('count-submit-zero').isVisible()).toBe(true);
    await top(keeper);
    await app.shot('count-uncounted-refused', keeper);
    // Its carton label is unreadable: typed in by choosing the lot, and marked typed on the sheet.
    await keeper.getByTestId('manual-toggle').click();
    await keeper.getByTestId('manual-batch').selectOption({ label: (await keeper.locator('[data-testid="manual-batch"] option[data-lot="S231102"]').textContent())! });
    await keeper.getByTestId('manual-quantity').fill('30');
    await keeper.getByTestId('manual-submit').click();
    await expect.poll(() => line(keeper, 'S231102').getAttribute('data-counted')).toBe('30');
    expect(await line(keeper, 'S231102').getAttribute('data-entry')).toBe('typed');
    expect(await line(keeper, 'S231102').getByTestId('typed-mark').isVisible()).toBe(true);
    expect(await line(keeper, '20240815').getAttribute('data-entry')).toBe('scanned');
    await expect.poll(() => keeper.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe('scan-input');
    expect(await keeper.getByTestId('count-uncounted').count()).toBe(0);
    await keeper.getByTestId('count-submit').click();
    await expect.poll(() => statusOf(keeper)).toBe('submitted');
    // Submitted, the blind count shows the books and the variances.
    expect(await keeper.getByTestId('count-screen').getAttribute('data-hidden')).toBe('false');
    expect(await line(keeper, 'B2504017').getAttribute('data-variance')).toBe('-3');
    expect(await keeper.getByTestId('count-awaiting').isVisible()).toBe(true);
    expect(await keeper.getByTestId('count-signed').textContent()).toContain('永宁县库房管理员');

    // The county leader: the sheet awaits approval; the variances with their values.
    const leader = await app.loggedInPage('county-leader', { viewport: VIEW });
    await leader.getByTestId('nav-counts').click();
    await leader.getByTestId('awaiting-count').click();
    await leader.getByTestId('count-decision-panel').waitFor();
    expect(await line(leader, 'B2504017').getByTestId('line-variance').textContent()).toBe('−3');
    expect(await line(leader, 'B2504017').getByTestId('line-variance-value').textContent()).toBe('−3.30');
    expect(await line(leader, '20251108').getByTestId('line-variance-value').textContent()).toBe('+0.95');
    expect(await leader.getByTestId('count-net').textContent()).toContain('−2.35');
    // Surplus and shortage per unit, the values in yuan; the sheet's totals one row per unit.
    expect(await leader.getByTestId('count-over-units').textContent()).toBe('1 板');
    expect(await leader.getByTestId('count-short-units').textContent()).toBe('3 板');
    expect(await totalRows(leader)).toEqual([
      ['盒', '2030', '2030', '0'],
      ['板', '1200', '1198', '-2'],
    ]);
    expect(await leader.getByTestId('count-total-value').textContent()).toBe('−2.35');
    await leader.getByTestId('count-totals-by-unit').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await app.viewShot('count-totals-by-unit', leader);
    await top(leader);
    await app.shot('count-leader-review', leader);
    // Returned once: 20251108 looks over by one.
    await leader.getByTestId('count-return-reason').fill('批号 20251108 多 1 盒，请复盘');
    await leader.getByTestId('count-return').click();
    await expect.poll(() => statusOf(leader)).toBe('counting');

    // The storekeeper sees why, recounts that lot and submits again.
    await keeper.reload();
    await keeper.getByTestId('count-returned').waitFor();
    expect(await keeper.getByTestId('count-returned').textContent()).toContain('多 1 盒');
    expect(await keeper.getByTestId('count-screen').getAttribute('data-hidden')).toBe('true');
    await typeCount(keeper, '20251108', 200);
    await top(keeper);
    await app.shot('count-returned-recount', keeper);
    await keeper.getByTestId('count-submit').click();
    await expect.poll(() => statusOf(keeper)).toBe('submitted');

    // The leader approves: one adjustment posts, the zone is free again.
    await leader.reload();
    await leader.getByTestId('count-decision-panel').waitFor();
    expect(await leader.getByTestId('count-net').textContent()).toContain('−3.30');
    await leader.getByTestId('count-approve').click();
    await expect.poll(() => statusOf(leader)).toBe('posted');
    expect(await leader.getByTestId('posted-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-lot')))).toEqual(['B2504017']);
    expect(await leader.getByTestId('count-posted').getAttribute('data-posting')).toMatch(/^\d+$/);
    await top(leader);
    await app.shot('count-posted', leader);
    // The stock screen shows the counted quantity.
    await leader.getByTestId('count-to-stock').click();
    const row = leader.locator(`[data-testid="stock-row"][data-batch-id="${batch('B2504017').batchId}"][data-zone="qualified"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('397');
    await app.shot('count-stock-after', leader);
    // The list: posted, with its variance value.
    await leader.getByTestId('nav-counts').click();
    const listed = leader.locator('[data-testid="count-row"][data-number="PD-640121-0001"]');
    expect(await listed.getAttribute('data-status')).toBe('posted');
    await expect.poll(() => listed.getByTestId('count-row-value').textContent()).toBe('−3.30');
    expect(await leader.getByTestId('count-own-status').getAttribute('data-overdue')).toBe('false');
    await app.shot('count-list', leader);

    // The count sheet (盘点表) with both signatures, printed on one A4 sheet.
    await listed.click();
    await leader.getByTestId('count-sheet-link').click();
    await leader.locator('[data-testid="count-sheet-screen"][data-blank="false"][data-ready="true"]').waitFor();
    expect(await leader.getByTestId('count-sheet-keeper').textContent()).toContain('永宁县库房管理员');
    expect(await leader.getByTestId('count-sheet-leader').textContent()).toContain('永宁县主管领导');
    expect(await leader.getByTestId('count-sheet-net').textContent()).toBe('−3.30');
    // Per unit: 2,030 盒 and 1,200 板 on the books, never 3,230 of nothing.
    const sheetTotal = (unit: string) => leader.locator(`[data-testid="count-sheet-total"][data-unit="${unit}"]`);
    expect(await leader.getByTestId('count-sheet-total').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')))).toEqual(['盒', '板']);
    expect([await sheetTotal('盒').getByTestId('count-sheet-book').textContent(), await sheetTotal('盒').getByTestId('count-sheet-counted').textContent()]).toEqual(['2,030', '2,030']);
    expect([await sheetTotal('板').getByTestId('count-sheet-book').textContent(), await sheetTotal('板').getByTestId('count-sheet-counted').textContent()]).toEqual(['1,200', '1,197']);
    expect(await leader.getByTestId('count-sheet-table').textContent()).not.toContain('3,230');
    expect(await leader.getByTestId('count-sheet-summary').textContent()).toContain('盘亏 3 板');
    await app.shot('count-sheet', leader);
    await leader.emulateMedia({ media: 'print' });
    expect(await leader.getByTestId('count-sheet-print').isVisible()).toBe(false);
    await app.shot('count-sheet-print', leader);
    expect(pdfPages(await leader.pdf({ path: join(SCREENSHOTS, 'count-sheet.pdf'), format: 'A4', preferCSSPageSize: true }))).toBe(1);
    await leader.emulateMedia({ media: null });

    // The posted count in English.
    await leader.getByTestId('count-sheet-back').click();
    await leader.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => leader.getByTestId('count-posted').textContent()).toContain('Posted');
    await top(leader);
    await app.shot('count-posted-en', leader);
    await leader.getByTestId('lang-switch').selectOption('zh-CN');

    // The city leader: the county counted, on time; the depots never counted are overdue and marked.
    const city = await app.loggedInPage('city-leader', { viewport: VIEW });
    await city.getByTestId('nav-counts').click();
    await city.locator('[data-testid="count-status"][data-state="ready"]').waitFor();
    const county = city.locator('[data-testid="count-status-row"][data-code="640121"]');
    await county.waitFor();
    expect(await county.getAttribute('data-overdue')).toBe('false');
    expect(await county.getByTestId('count-status-last').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const overdue = city.locator('[data-testid="count-status-row"][data-overdue="true"]');
    expect(await overdue.count()).toBeGreaterThan(0);
    expect(await overdue.first().getAttribute('class')).toContain('row-attention');
    await app.shot('count-status-city', city);
    // Overdue only: the county stays, for the townships below it that never counted; open, they show.
    await city.getByTestId('count-status-overdue-only').check();
    await expect.poll(() => county.textContent()).toContain('逾期');
    await county.getByTestId('count-status-toggle-640121').click();
    await expect.poll(() => city.locator('[data-testid="count-status-row"][data-code="640121100"]').getAttribute('data-overdue')).toBe('true');
    await app.shot('count-status-city-overdue', city);
  }, 180_000);
});
