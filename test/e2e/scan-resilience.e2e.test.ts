import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';
import { httpLogin, type HttpSession } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

const SCANS = '**/api/receipts/*/scans';
const SIGN = '**/api/receipts/*/sign';

/** What the server holds, read outside the browser (whose session a test may end). */
async function serverCount(s: HttpSession, receiptId: number) {
  const receipt = (await (await fetch(`${app.server.url}/api/receipts/${receiptId}`, { headers: { cookie: s.cookie } })).json()) as { lines: { quantity: number }[] };
  return receipt.lines.reduce((n, l) => n + l.quantity, 0);
}

/** The Idempotency-Key of every scan the page sends, attempts included. */
function keysSent(page: Page) {
  const keys: string[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && r.url().endsWith('/scans')) keys.push(r.headers()['idempotency-key'] ?? '');
  });
  return keys;
}

const lineQuantity = (page: Page) => page.locator('[data-testid="receipt-line"]').first().getAttribute('data-quantity');
const focused = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid);

describe('scans that are never lost (Chromium)', () => {
  it('keeps a scan pending through a network failure, a lost reply and a lost session, and applies each exactly once', async () => {
    const page = await app.loggedInPage('county-storekeeper');
    const check = await httpLogin(app.server.url, 'county-storekeeper', DEMO_PASSWORD);
    // A supplier's receipt, and the county's condoms, which carry our batch label only (no GTIN).
    const { receiptId, label } = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { depot: { id: number }; csrfToken: string };
      const res = await fetch('/api/receipts', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ depotId: me.depot.id, supplierName: '桂林紫竹乳胶制品有限公司', deliveryNote: 'NET-1' }) });
      const batches = (await (await fetch('/api/batches?q=20240815')).json()) as { items: { id: number; lot: string }[] };
      return { receiptId: ((await res.json()) as { id: number }).id, label: `FP1:B:${batches.items.find((b) => b.lot === '20240815')!.id}` };
    });
    await page.goto(`/#/receipt/${receiptId}`);
    await page.getByTestId('scan-input').waitFor();
    const keys = keysSent(page);

    // 1. The request never reaches the server: amber, pending with its key, nothing recorded.
    await page.route(SCANS, (route) => route.abort('internetdisconnected'), { times: 1 });
    await wedge(page, label);
    const pending = page.getByTestId('pending-action');
    await pending.waitFor();
    expect(await pending.getAttribute('data-state')).toBe('pending');
    expect(await page.getByTestId('scan-field').getAttribute('data-state')).toBe('warn');
    expect(await page.getByTestId('scan-flash').getAttribute('data-last')).toBe('warn');
    expect(await pending.getAttribute('data-key')).toBe(keys[0]);
    expect(await pending.textContent()).toContain(keys[0]!);
    expect(await pending.getByTestId('pending-reason').textContent()).toContain('无法连接服务器');
    expect(await serverCount(check, receiptId)).toBe(0);
    await app.shotFromTop('60-scan-pending-network-zh', page, 900);
    // The network is back; Retry sends it once, with the same key.
    await page.getByTestId('pending-retry').click();
    await expect.poll(() => pending.count()).toBe(0);
    await expect.poll(() => lineQuantity(page)).toBe('1');
    expect(keys).toEqual([keys[0], keys[0]]);
    expect(await serverCount(check, receiptId)).toBe(1);
    await expect.poll(() => focused(page)).toBe('scan-input');

    // 2. The server applies the scan and the reply is lost: the retry shows the server's count, not a double.
    await page.route(
      SCANS,
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await wedge(page, label);
    await pending.waitFor();
    expect(await serverCount(check, receiptId)).toBe(2);
    expect(await lineQuantity(page)).toBe('1');
    await page.getByTestId('pending-retry').click();
    await expect.poll(() => pending.count()).toBe(0);
    await expect.poll(() => lineQuantity(page)).toBe('2');
    expect(await serverCount(check, receiptId)).toBe(2);
    expect(keys.slice(2)).toEqual([keys[2], keys[2]]);

    // 3. Offline, then online again: the browser's `online` event sends the pending scan by itself.
    await page.context().setOffline(true);
    await wedge(page, label);
    await pending.waitFor();
    await page.context().setOffline(false);
    await expect.poll(() => lineQuantity(page)).toBe('3');
    await expect.poll(() => pending.count()).toBe(0);
    expect(await serverCount(check, receiptId)).toBe(3);

    // 4. The session ends mid-scan (401): the scan is kept, the login form comes, even a reload keeps it.
    await page.context().clearCookies();
    await wedge(page, label);
    await page.getByTestId('login-form').waitFor();
    const kept = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('fp.pendingActions') ?? '[]') as { key: string; state: string; problem: { code: string } | null }[]);
    await expect.poll(async () => (await kept()).map((a) => [a.state, a.problem?.code])).toEqual([['pending', 'unauthenticated']]);
    const key = (await kept())[0]!.key;
    await page.reload();
    await page.getByTestId('login-form').waitFor();
    expect((await kept()).map((a) => a.key)).toEqual([key]);
    await page.getByTestId('login-username').fill('county-storekeeper');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    // After login it is sent once, with its key, and the cursor is in the scan field.
    await page.getByTestId('receipt-screen').waitFor();
    await expect.poll(() => lineQuantity(page)).toBe('4');
    expect(await serverCount(check, receiptId)).toBe(4);
    await expect.poll(kept).toEqual([]);
    await expect.poll(() => focused(page)).toBe('scan-input');
    expect(keys.filter((k) => k === key).length).toBeGreaterThanOrEqual(2);
    await app.shotFromTop('61-scan-applied-after-login-zh', page, 900);
    await page.close();
  });

  it('keeps a signature pending through a network failure and a lost reply, and signs exactly once with one key', async () => {
    const page = await app.loggedInPage('county-storekeeper');
    const check = await httpLogin(app.server.url, 'county-storekeeper', DEMO_PASSWORD);
    // A receipt of the county's condoms (batch label only), scanned and counted through the API: it waits for its signatures.
    const receiptId = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { depot: { id: number }; csrfToken: string };
      const post = (path: string, body?: unknown) =>
        fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.json() as Promise<{ id: number }>);
      const batches = (await (await fetch('/api/batches?q=20240815')).json()) as { items: { id: number; lot: string }[] };
      const { id } = await post('/api/receipts', { depotId: me.depot.id, supplierName: '桂林紫竹乳胶制品有限公司', deliveryNote: 'NET-SIGN' });
      await post(`/api/receipts/${id}/scans`, { raw: `FP1:B:${batches.items.find((b) => b.lot === '20240815')!.id}`, quantity: 20 });
      await post(`/api/receipts/${id}/count`);
      return id;
    });
    const signatures = async () => {
      const receipt = (await (await fetch(`${app.server.url}/api/receipts/${receiptId}`, { headers: { cookie: check.cookie } })).json()) as { signatures: { role: string }[] };
      return receipt.signatures.map((x) => x.role);
    };
    await page.goto(`/#/receipt/${receiptId}`);
    const sign = page.getByTestId('sign-storekeeper');
    await sign.waitFor();
    const keys: string[] = [];
    page.on('request', (r: Request) => {
      if (r.method() === 'POST' && r.url().endsWith('/sign')) keys.push(r.headers()['idempotency-key'] ?? '');
    });

    // 1. The signature never reaches the server: it stays in the list, pending, with its key.
    await page.route(SIGN, (route) => route.abort('internetdisconnected'), { times: 1 });
    await sign.click();
    const pending = page.getByTestId('pending-action');
    await pending.waitFor();
    expect(await pending.getAttribute('data-kind')).toBe('receipt.sign');
    expect(await pending.getAttribute('data-state')).toBe('pending');
    expect(await pending.getAttribute('data-key')).toBe(keys[0]);
    expect(await pending.getByTestId('pending-reason').textContent()).toContain('无法连接服务器');
    expect(await page.getByTestId('late-outcome').textContent()).toContain('签字');
    expect(await sign.count()).toBe(0); // a signature waiting to be sent is not offered twice
    expect(await signatures()).toEqual([]);
    await app.shotFromTop('63-signature-pending-zh', page, 900);

    // 2. Retried, the server signs and the reply is lost: still pending, signed once on the server.
    await page.route(
      SIGN,
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await page.getByTestId('pending-retry').click();
    await expect.poll(() => keys.length).toBe(2);
    await expect.poll(() => pending.getAttribute('data-state')).toBe('pending');
    expect(await signatures()).toEqual(['storekeeper']);

    // 3. Retried again: the server answers with its first answer (the key), the screen shows the signature, nothing signs twice.
    await page.getByTestId('pending-retry').click();
    await expect.poll(() => pending.count()).toBe(0);
    await expect.poll(() => page.getByTestId('signatures').locator('li').count()).toBe(1);
    expect(await sign.count()).toBe(0);
    expect(await page.getByTestId('late-outcome').textContent()).toContain('已补发');
    expect(await signatures()).toEqual(['storekeeper']);
    expect(keys).toEqual([keys[0], keys[0], keys[0]]);
    await page.close();
  });

  it('keeps a scan pending on a server error and shows a refusal on retry as an error, not pending', async () => {
    const page = await app.loggedInPage('county-storekeeper');
    const receiptId = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { depot: { id: number }; csrfToken: string };
      const res = await fetch('/api/receipts', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ depotId: me.depot.id, supplierName: '浙江仙琚制药', deliveryNote: 'NET-2' }) });
      return ((await res.json()) as { id: number }).id;
    });
    await page.goto(`/#/receipt/${receiptId}`);
    await page.getByTestId('scan-input').waitFor();
    await page.route(SCANS, (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, code: 'storage_unavailable', detail: 'disk full' }) }), { times: 1 });
    // An unknown GTIN: the server refuses it when it is sent again.
    await wedge(page, ']d20104012345678901');
    const pending = page.getByTestId('pending-action');
    await pending.waitFor();
    expect(await pending.getAttribute('data-state')).toBe('pending');
    await page.getByTestId('pending-retry').click();
    await expect.poll(() => pending.getAttribute('data-state')).toBe('refused');
    expect(await pending.getByTestId('pending-reason').textContent()).toContain('被拒绝');
    expect(await page.getByTestId('problem').getAttribute('data-code')).toBe('unknown_gtin');
    expect(await page.getByTestId('scan-flash').getAttribute('data-last')).toBe('error');
    await app.shotFromTop('62-scan-refused-on-retry-zh', page, 900);
    await pending.getByTestId('pending-dismiss').click();
    await expect.poll(() => pending.count()).toBe(0);
    await page.close();
  });
});
