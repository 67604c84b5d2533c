import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowserApp, downloaded, type BrowserApp } from '../helpers/browser.ts';
import { DEMO_DEPOTS } from '../../seed/demo.ts';

/**
 * The business archive in Chromium: the township's storekeeper receives condoms (KJ-0701, no GTIN:
 * typed from the delivery note), finds the receipt in the 业务档案 index, attaches the scanned
 * delivery note (a PNG made here), downloads it again, and a file that is no PDF, JPEG or PNG is
 * refused with a clear message.
 */
const START = Date.parse('2026-11-22T02:00:00Z');
// The smallest valid PNG, and a GIF sent under a .png name.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ clockStart: START, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await app?.close();
});

const one = (sql: string, ...args: unknown[]) => app.server.db.$client.prepare(sql).pluck().get(...args) as number;
const depotId = (code: string) => one('select id from depots where code = ?', code);

describe('the business archive', () => {
  it('a township storekeeper attaches a scanned delivery note to a receipt, finds it in the archive index and downloads it; a wrong file is refused', async () => {
    const page = await app.loggedInPage('township-storekeeper');
    const township = depotId(DEMO_DEPOTS.township);
    // Goods arrive with a supplier's delivery note: the receipt is opened and counted (typed: the cartons carry no GTIN).
    const receipt = await page.evaluate(
      async ({ depotId, productId }) => {
        const me = await (await fetch('/api/auth/me')).json();
        const post = async (path: string, body?: unknown) => {
          const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
          if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
          return res.json();
        };
        const r = await post('/api/receipts', { depotId, supplierName: '桂林紫竹乳胶制品有限公司', deliveryNote: 'GL-2026-1122' });
        await post(`/api/receipts/${r.id}/scans`, { productId, lot: '20261101', expiresOn: '2031-10-31', quantity: 144 });
        await post(`/api/receipts/${r.id}/count`);
        return r as { id: number; number: string };
      },
      { depotId: township, productId: one("select id from products where code = 'KJ-0701'") },
    );

    await page.goto(`/#/home/${township}`);
    await page.getByTestId('nav-archive').click();
    await page.locator('[data-testid="archive-screen"][data-state="ready"]').waitFor();
    const row = page.locator(`[data-testid="archive-entry"][data-number="${receipt.number}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('GL-2026-1122');
    await app.shotFromTop('archive-index', page);

    await row.getByRole('link', { name: receipt.number }).click();
    await page.locator('[data-testid="archive-document"][data-state="ready"]').waitFor();
    await page.getByTestId('attach-file').setInputFiles({ name: '送货单 GL-2026-1122.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('attach-note').fill('供货方送货单原件已归档');
    await page.getByTestId('attach-submit').click();
    const attachment = page.locator('[data-testid="attachment"][data-name="送货单 GL-2026-1122.png"]');
    await attachment.waitFor();
    await page.getByTestId('attach-done').waitFor();

    // A GIF under a .png name: refused by its content, nothing kept.
    await page.getByTestId('attach-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: GIF });
    await page.getByTestId('attach-submit').click();
    const problem = page.getByTestId('attach-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-code')).toBe('attachment_type_not_allowed');
    expect(await problem.textContent()).toContain('只能上传 PDF、JPEG 或 PNG 文件');
    expect(await page.getByTestId('attachment').count()).toBe(1);
    expect(one('select count(*) from archive_attachments')).toBe(1);
    await app.shotFromTop('archive-document', page);

    const [download] = await Promise.all([page.waitForEvent('download'), attachment.getByTestId('attachment-download').click()]);
    expect(download.suggestedFilename()).toBe('送货单 GL-2026-1122.png');
    expect((await downloaded(download)).equals(PNG)).toBe(true);

    // Back in the index, the receipt shows its file.
    await page.getByRole('link', { name: /返回/ }).click();
    await page.locator('[data-testid="archive-screen"][data-state="ready"]').waitFor();
    await expect.poll(() => page.locator(`[data-testid="archive-entry"][data-number="${receipt.number}"] td.num`).textContent()).toBe('1');
    await page.getByTestId('archive-category').selectOption('vouchers');
    await page.locator('[data-testid="archive-category-accounts"]').waitFor({ state: 'detached' });
    await app.shotFromTop('archive-index-vouchers', page);
    await page.close();
  });
});
