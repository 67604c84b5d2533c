import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';
import { httpLogin, httpPost } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

describe('two-person controls in Chromium (issue 18)', () => {
  it('a township dispenser cannot hand out condoms of a receipt counted but not yet signed; the screen names the receipt, and once the planner signs the same scan dispenses', async () => {
    const url = app.server.url;
    const [keeper, planner] = await Promise.all(['township-storekeeper', 'township-planner'].map((u) => httpLogin(url, u, DEMO_PASSWORD)));
    const depotId = keeper.depotId;
    const opened = await httpPost(url, keeper, '/api/receipts', { depotId, supplierName: '永宁县药具站', deliveryNote: 'E2E-UNSIGNED' });
    expect(opened.status).toBe(201);
    const line = await httpPost(url, keeper, `/api/receipts/${opened.body.id}/scans`, { productId: await productId(url, keeper, 'KJ-0701'), lot: 'E2E-2P', expiresOn: '2028-12-31', quantity: 30 });
    expect(line.status, JSON.stringify(line.body)).toBe(200);
    const batchId = line.body.outcome.batchId as number;
    expect((await httpPost(url, keeper, `/api/receipts/${opened.body.id}/count`, undefined)).status).toBe(200);
    expect((await httpPost(url, keeper, `/api/receipts/${opened.body.id}/sign`, { role: 'storekeeper' })).status).toBe(200);

    const dispenser = await app.loggedInPage('township-dispenser');
    await dispenser.getByTestId('nav-dispense').click();
    await dispenser.getByTestId('dispense-form').waitFor();
    await wedge(dispenser, `FP1:B:${batchId}`);
    await dispenser.getByTestId('dispense-item').waitFor();
    await dispenser.getByTestId('dispense-pack').check();
    await dispenser.getByTestId('dispense-expiry').check();
    await dispenser.getByTestId('dispense-confirm').click();
    await expect.poll(() => dispenser.getByTestId('dispense-problem').getAttribute('data-code')).toBe('receipt_not_effective');
    expect(await dispenser.getByTestId('dispense-problem').textContent()).toContain(`入库单 ${opened.body.number} 尚未由计划员和库管员签字`);
    await app.shot('two-person-dispense-unsigned-zh', dispenser);

    expect((await httpPost(url, planner, `/api/receipts/${opened.body.id}/sign`, { role: 'planner' })).body.status).toBe('effective');
    await wedge(dispenser, `FP1:B:${batchId}`);
    await dispenser.getByTestId('dispense-item').waitFor();
    await dispenser.getByTestId('dispense-pack').check();
    await dispenser.getByTestId('dispense-expiry').check();
    await dispenser.getByTestId('dispense-confirm').click();
    await expect.poll(() => dispenser.locator('[data-testid="dispensing-row"]').count()).toBeGreaterThan(0);
    await app.shot('two-person-dispense-signed-zh', dispenser);
    await dispenser.close();
  });
});

async function productId(url: string, s: { cookie: string }, code: string): Promise<number> {
  const res = await fetch(`${url}/api/products`, { headers: { cookie: s.cookie } });
  const body = (await res.json()) as { items: { id: number; code: string }[] };
  return body.items.find((p) => p.code === code)!.id;
}
