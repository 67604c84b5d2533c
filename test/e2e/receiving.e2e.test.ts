import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';
import { httpLogin, httpPost, type HttpSession } from '../helpers/http.ts';
import { createUserUnchecked } from '../../server/services/bootstrap.ts';
import { testConfig } from '../helpers/world.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

const GS = '\u001d';

describe('goods-in in Chromium', () => {
  it('a storekeeper scans a delivery with a keyboard-wedge scanner, an inspector passes one lot and fails another, two people sign', async () => {
    const keeper = await app.loggedInPage('county-storekeeper');
    await keeper.getByTestId('nav-receipts').click();
    await keeper.getByTestId('receipt-supplier').fill('浙江仙琚制药股份有限公司');
    await keeper.getByTestId('receipt-note').fill('SH-2026-1122');
    await keeper.getByTestId('expected-add').click();
    await keeper.getByTestId('expected-product').selectOption({ label: '复方左炔诺孕酮片' });
    await keeper.getByTestId('expected-lot').fill('E2E-PASS');
    await keeper.getByTestId('expected-quantity').fill('50');
    await app.shot('19-new-receipt-zh', keeper);
    await keeper.getByTestId('receipt-open').click();
    await keeper.getByTestId('scan-input').waitFor();
    const url = keeper.url();

    // A wedge types fast and ends with Enter; GS separators arrive as characters.
    await wedge(keeper, ']d201095060001343521728113010E2E-PASS');
    await expect.poll(() => keeper.getByTestId('scan-field').getAttribute('data-state')).toBe('ok');
    await keeper.getByTestId('scan-quantity').fill('47');
    await wedge(keeper, ']d201095060001343521728113010E2E-PASS');
    // A carton whose GTIN and lot are two barcodes.
    await wedge(keeper, ']d20106901234567892');
    await expect.poll(() => keeper.getByTestId('scan-message').textContent()).toMatch(/批号/);
    await wedge(keeper, `]d210E2E-FAIL${GS}17290131`);
    await keeper.getByTestId('scan-quantity').fill('19');
    await wedge(keeper, `]d2010690123456789210E2E-FAIL${GS}17290131`);
    await expect.poll(() => keeper.getByTestId('receipt-total').textContent()).toBe('68');
    expect(await keeper.getByTestId('comparison-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['short', 'unexpected']);
    // An unknown GTIN: red, and nothing added.
    await wedge(keeper, ']d20104012345678901');
    await expect.poll(() => keeper.getByTestId('scan-field').getAttribute('data-state')).toBe('error');
    expect(await keeper.getByTestId('scan-message').textContent()).toContain('未登记');
    await app.shot('20-receipt-scanning-zh', keeper);

    // The count records E2E-PASS short and E2E-FAIL unexpected: it asks once, saying so.
    await keeper.getByTestId('confirm-count').click();
    await keeper.getByTestId('count-dialog').waitFor();
    expect(await keeper.getByTestId('count-shortage').textContent()).toMatch(/^批号 E2E-PASS（复方左炔诺孕酮片）短少 2 \S+，将记为短少$/);
    await app.viewShot('20b-receipt-confirm-shortage-zh', keeper);
    await keeper.getByTestId('dialog-confirm').click();
    await expect.poll(() => keeper.getByTestId('receipt-screen').getAttribute('data-status')).toBe('counted');
    await keeper.getByTestId('sign-storekeeper').click();
    await keeper.getByTestId('signatures').waitFor();

    const inspector = await app.loggedInPage('county-inspector', { at: new URL(url).hash });
    // The checklist starts unticked: passing with an item unticked is refused at the checklist.
    await inspector.getByTestId('inspect-E2E-PASS').click();
    const items = inspector.getByTestId('inspect-checklist').locator('input[type="checkbox"]');
    // The checklist renders after the click: wait for its five items before reading them.
    await expect.poll(() => items.count()).toBe(5);
    expect(await items.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([false, false, false, false, false]);
    await inspector.getByTestId('inspect-submit').click();
    expect(await inspector.getByTestId('inspect-checklist').getAttribute('aria-invalid')).toBe('true');
    expect(await inspector.getByTestId('inspect-refusal').getAttribute('role')).toBe('alert');
    for (const item of await items.all()) await item.check();
    await inspector.getByTestId('inspect-submit').click();
    await inspector.getByTestId('inspected').waitFor();
    await inspector.getByTestId('inspect-E2E-FAIL').click();
    for (const item of await inspector.getByTestId('inspect-checklist').locator('input[type="checkbox"]').all()) await item.check();
    await inspector.getByTestId('check-outer_pack_intact').uncheck();
    await inspector.getByTestId('inspect-failed').fill('20');
    await inspector.getByTestId('nc-visible_defect').check();
    await app.shot('21-inspection-form-zh', inspector);
    await inspector.getByTestId('inspect-submit').click();
    await expect.poll(() => inspector.getByTestId('inspected').count()).toBe(2);

    const planner = await app.loggedInPage('county-planner', { at: new URL(url).hash });
    await planner.getByTestId('sign-planner').click();
    await expect.poll(() => planner.getByTestId('receipt-screen').getAttribute('data-status')).toBe('effective');
    await app.shot('22-receipt-effective-zh', planner);
    await planner.emulateMedia({ media: 'print' });
    expect(await planner.getByTestId('printed-head').isVisible()).toBe(true);
    expect(await planner.getByTestId('receipt-screen').textContent()).toContain('避孕药具入库单');
    await app.shot('22b-receipt-printed-zh', planner);
    await planner.emulateMedia({ media: 'screen' });

    // Stock: the passed lot green; the failed lot (never in stock before) went back to the maker.
    await keeper.getByTestId('receipt-back').click();
    await keeper.getByTestId('nav-stock').click();
    await keeper.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    const rowsNow = () => keeper.getByTestId('stock-row').evaluateAll((els) => els.map((e) => `${e.textContent?.includes('E2E-PASS') ? 'PASS' : e.textContent?.includes('E2E-FAIL') ? 'FAIL' : '-'}:${e.getAttribute('data-zone')}`));
    await expect.poll(rowsNow).toContain('PASS:qualified');
    const rows = await rowsNow();
    expect(rows.filter((r) => r.startsWith('FAIL'))).toEqual([]);
    await app.shot('23-stock-after-receipt-zh', keeper);
  }, 120_000);

  it('offers a region planner who also keeps stock to register a product whose GTIN nobody knew, then takes the scan', async () => {
    await createUserUnchecked(app.server.db, testConfig, { username: 'region-keeper-planner', displayName: '自治区库管兼计划', depotCode: '64', roles: ['storekeeper', 'planner'], password: DEMO_PASSWORD }, new Date());
    const page = await app.loggedInPage('region-keeper-planner');
    await page.getByTestId('nav-receipts').click();
    await page.getByTestId('receipt-supplier').fill('国家药具发展中心');
    await page.getByTestId('receipt-note').fill('NEW-1');
    await page.getByTestId('receipt-open').click();
    await page.getByTestId('scan-input').focus();
    await page.keyboard.type(']d2010401234567890117281231' + '10NEW-LOT');
    await page.keyboard.press('Enter');
    await page.getByTestId('register-product').waitFor();
    for (const [k, v] of Object.entries({ code: 'KJ-0901', nameZh: '新型避孕贴', nameEn: 'New Contraceptive Patch', specZh: '3片/盒', specEn: '3 patches per box', unitZh: '盒', unitEn: 'box' })) {
      await page.getByTestId(`register-${k}`).fill(v);
    }
    await page.getByTestId('register-dosageForm').selectOption('film');
    await page.getByTestId('register-productClass').selectOption('external');
    await app.shot('24-register-product-zh', page);
    await page.getByTestId('register-submit').click();
    await expect.poll(() => page.locator('[data-testid="receipt-line"][data-lot="NEW-LOT"]').count()).toBe(1);

    // Headless Chromium has no camera: the scan field says so instead of failing silently.
    await page.getByTestId('camera-start').click();
    await expect.poll(() => page.getByTestId('camera-problem').textContent()).toContain('相机');
    await page.close();
  });

  it('a township storekeeper receives condoms without a GTIN by their FP1:B labels: a scan burst in the quantity field, the last scan in large type, undo, a typed lot, a correction, a removal, and a count that says what will be recorded short', async () => {
    const { orderId, batches } = await dispatchedOrder([
      { code: 'KJ-0701', lot: '20240815', quantity: 200 },
      { code: 'KJ-0101', lot: '20250603', quantity: 50 },
    ]);
    const condoms = batches['20240815']!;
    const keeper = await app.loggedInPage('township-storekeeper', { at: `#/transfer/${orderId}` });
    await keeper.getByTestId('receive').click();
    await keeper.getByTestId('scan-input').waitFor();
    const line = (lot: string) => keeper.locator(`[data-testid="receipt-line"][data-lot="${lot}"]`);

    // 150 condoms on one label of our own: green, and the last scan in large type against what was shipped.
    await keeper.getByTestId('scan-quantity').fill('150');
    await wedge(keeper, `FP1:B:${condoms}`);
    await expect.poll(() => line('20240815').getAttribute('data-quantity')).toBe('150');
    expect(await keeper.getByTestId('scan-flash').getAttribute('data-last')).toBe('ok');
    expect(await keeper.getByTestId('scan-field').getAttribute('data-state')).toBe('ok');
    expect(await keeper.getByTestId('last-scan-product').textContent()).toContain('天然胶乳橡胶避孕套(中号)');
    expect(await keeper.getByTestId('last-scan-lot').textContent()).toBe('20240815');
    expect(await keeper.getByTestId('last-scan-progress').getAttribute('data-expected')).toBe('200');
    expect(await keeper.getByTestId('carton-counter').getAttribute('data-cartons')).toBe('1');
    await expect.poll(() => focused(keeper)).toBe('scan-input');
    await keeper.emulateMedia({ reducedMotion: 'reduce' });
    await wedge(keeper, 'NOT-A-LABEL');
    await expect.poll(() => keeper.getByTestId('scan-flash').getAttribute('data-last')).toBe('error');
    await app.shotFromTop('25-transfer-receipt-flash-error-zh', keeper, 800);
    await keeper.emulateMedia({ reducedMotion: 'no-preference' });

    // A person typing in the quantity field and pressing Enter is not a scan…
    await keeper.getByTestId('scan-quantity').focus();
    await keys(keeper, '12', 120);
    expect(await keeper.getByTestId('scan-quantity').inputValue()).toBe('12');
    await keeper.getByTestId('scan-quantity').fill('');
    // …a scanner firing while the cursor is there is: a scan, and the field keeps what it had.
    await keys(keeper, `FP1:B:${condoms}`, 4);
    await expect.poll(() => line('20240815').getAttribute('data-quantity')).toBe('151');
    expect(await keeper.getByTestId('scan-quantity').inputValue()).toBe('');
    expect(await keeper.getByTestId('carton-counter').getAttribute('data-cartons')).toBe('2');
    await expect.poll(() => focused(keeper)).toBe('scan-input');

    // With nothing focused (the page itself), a burst is a scan too.
    await keeper.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await keys(keeper, `FP1:B:${condoms}`, 4);
    await expect.poll(() => line('20240815').getAttribute('data-quantity')).toBe('152');

    // Undo takes back the newest scan, one at a time; a correction sets the line to the recount.
    await keeper.getByTestId('undo-scan').click();
    await expect.poll(() => line('20240815').getAttribute('data-quantity')).toBe('151');
    await keeper.getByTestId('undo-scan').click();
    await expect.poll(() => line('20240815').getAttribute('data-quantity')).toBe('150');
    await line('20240815').getByTestId('line-edit').click();
    await line('20240815').getByTestId('line-edit-quantity').fill('190');
    await line('20240815').getByTestId('line-edit-save').click();
    await expect.poll(() => line('20240815').getAttribute('data-quantity')).toBe('190');

    // A carton of pills whose label cannot be read: typed in, chosen among the shipped lots, and marked typed.
    await keeper.getByTestId('manual-toggle').click();
    await keeper.getByTestId('manual-batch').selectOption(String(batches['20250603']));
    expect(await keeper.getByTestId('manual-quantity').inputValue()).toBe('50');
    await keeper.getByTestId('manual-quantity').fill('40');
    await calm(keeper);
    await app.shotFromTop('26-transfer-receipt-manual-entry-zh', keeper, 900);
    await keeper.getByTestId('manual-submit').click();
    await expect.poll(() => line('20250603').count()).toBe(1);
    expect(await line('20250603').getByTestId('typed-mark').textContent()).toBe('手工录入');
    await expect.poll(() => focused(keeper)).toBe('scan-input');
    // Typed against the wrong lot: taken out again, then typed right.
    await line('20250603').getByTestId('line-remove').click();
    await expect.poll(() => line('20250603').count()).toBe(0);
    await keeper.getByTestId('manual-toggle').click();
    await keeper.getByTestId('manual-batch').selectOption(String(batches['20250603']));
    await keeper.getByTestId('manual-quantity').fill('45');
    await keeper.getByTestId('manual-submit').click();
    await expect.poll(() => line('20250603').getAttribute('data-quantity')).toBe('45');
    expect(await line('20250603').getAttribute('data-typed')).toBe('1');
    expect(await line('20240815').getAttribute('data-complete')).toBe('false');
    expect(await keeper.getByTestId('last-scan').getAttribute('data-complete')).toBe('false');
    await calm(keeper);
    await app.shotFromTop('27-transfer-receipt-lines-zh', keeper, 1100);
    await keeper.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => keeper.getByTestId('undo-scan').textContent()).toBe('Undo last scan');
    expect(await keeper.getByTestId('typed-mark').first().textContent()).toBe('typed');
    await app.shotFromTop('27b-transfer-receipt-lines-en', keeper, 1100);
    await keeper.getByTestId('lang-switch').selectOption('zh-CN');

    // Confirming asks once, saying what will be recorded short; Escape leaves it and the cursor is back in the scan field.
    await keeper.getByTestId('confirm-count').click();
    const dialog = keeper.getByTestId('count-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect((await keeper.getByTestId('count-shortage').allTextContents()).sort()).toEqual(['批号 20240815（天然胶乳橡胶避孕套(中号)）短少 10 盒，将记为短少', '批号 20250603（复方炔诺酮片(口服避孕片1号)）短少 5 板，将记为短少']);
    await expect.poll(() => focused(keeper)).toBe('dialog-confirm');
    await app.viewShot('28-transfer-receipt-confirm-dialog-zh', keeper);
    await keeper.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focused(keeper)).toBe('scan-input');
    expect(await keeper.getByTestId('receipt-screen').getAttribute('data-status')).toBe('open');
    await keeper.getByTestId('confirm-count').click();
    await keeper.getByTestId('dialog-confirm').click();
    await expect.poll(() => keeper.getByTestId('receipt-screen').getAttribute('data-status')).toBe('counted');
    await keeper.close();
  });

  it('marks a refused scan on the scan field and announces it again when it repeats; types a lot with no label on a supplier receipt; cancels an open receipt with a reason asked in a dialog', async () => {
    const keeper = await app.loggedInPage('county-storekeeper');
    await keeper.getByTestId('nav-receipts').click();
    await keeper.getByTestId('receipt-supplier').fill('桂林紫竹乳胶制品有限公司');
    await keeper.getByTestId('receipt-note').fill('GL-2026-0301');
    await keeper.getByTestId('receipt-open').click();
    await keeper.getByTestId('scan-input').waitFor();

    await wedge(keeper, 'NOT-A-CODE');
    await expect.poll(() => keeper.getByTestId('scan-input').getAttribute('aria-invalid')).toBe('true');
    const message = await keeper.getByTestId('scan-input').getAttribute('aria-describedby');
    expect(await keeper.locator(`#${message}`).getAttribute('role')).toBe('alert');
    const first = await keeper.locator(`#${message}`).textContent();
    await keeper.locator(`#${message}`).evaluate((el) => el.setAttribute('data-seen', 'yes'));
    await wedge(keeper, 'NOT-A-CODE');
    // The same refusal again is a new alert, which a screen reader announces again.
    await expect.poll(() => keeper.locator(`#${message}`).getAttribute('data-seen')).toBeNull();
    expect(await keeper.locator(`#${message}`).textContent()).toBe(first);

    // Condoms whose carton label is torn off: product, lot and expiry typed from the pack.
    await keeper.getByTestId('manual-toggle').click();
    await keeper.getByTestId('manual-product').selectOption({ label: (await keeper.locator('[data-testid="manual-product"] option[data-code="KJ-0701"]').textContent())! });
    await keeper.getByTestId('manual-lot').fill('20260115');
    await keeper.getByTestId('manual-quantity').fill('144');
    await keeper.getByTestId('manual-submit').click();
    // No expiry typed for a new lot: refused at the expiry field.
    await expect.poll(() => keeper.getByTestId('manual-expires').getAttribute('aria-invalid')).toBe('true');
    expect(await keeper.getByTestId('manual-expires').getAttribute('aria-describedby')).toBe(message);
    await keeper.getByTestId('manual-expires').fill('2029-01-31');
    await keeper.getByTestId('manual-submit').click();
    const typed = keeper.locator('[data-testid="receipt-line"][data-lot="20260115"]');
    await expect.poll(() => typed.getAttribute('data-quantity')).toBe('144');
    expect(await typed.getByTestId('typed-mark').isVisible()).toBe(true);
    expect(await keeper.getByTestId('scan-input').getAttribute('aria-invalid')).toBeNull();

    await keeper.getByTestId('cancel-receipt').click();
    const dialog = keeper.getByTestId('cancel-dialog');
    await dialog.waitFor();
    await expect.poll(() => focused(keeper)).toBe('dialog-reason');
    await keeper.getByTestId('dialog-confirm').click();
    expect(await keeper.getByTestId('dialog-reason').getAttribute('aria-invalid')).toBe('true');
    expect(await keeper.getByTestId('dialog-reason-missing').getAttribute('role')).toBe('alert');
    await keeper.getByTestId('dialog-reason').fill('送货单号录错，重新开单');
    await calm(keeper);
    await app.viewShot('29-receipt-cancel-dialog-zh', keeper);
    await keeper.getByTestId('dialog-confirm').click();
    await expect.poll(() => keeper.getByTestId('receipt-screen').getAttribute('data-status')).toBe('cancelled');
    expect(await keeper.getByTestId('receipt-cancelled').textContent()).toContain('送货单号录错，重新开单');
    expect(await keeper.getByTestId('scan-input').count()).toBe(0);
    await calm(keeper);
    await app.shotFromTop('29b-receipt-cancelled-zh', keeper);
    await keeper.close();
  });
});

/** Waits out the screen's flash, so that a screenshot shows the screen as it stays. */
const calm = (page: Page) => expect.poll(() => page.getByTestId('scan-flash').getAttribute('data-active')).toBe('false');

/**
 * Keys typed `gapMs` apart, then Enter, wherever the focus is: by their own clock (the events'
 * CDP timestamps), so that a loaded machine does not turn a scanner's burst into a person's typing.
 */
async function keys(page: Page, text: string, gapMs: number) {
  const cdp = await page.context().newCDPSession(page);
  let at = Date.now() / 1000;
  for (const c of text) {
    at += gapMs / 1000;
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: c, text: c, unmodifiedText: c, timestamp: at });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: c, timestamp: at });
  }
  at += gapMs / 1000;
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', timestamp: at });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, timestamp: at });
  await cdp.detach();
}

/** The test id of the element that has the focus. */
const focused = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName);

const json = async (s: HttpSession, path: string) => (await fetch(`${app.server.url}${path}`, { headers: { cookie: s.cookie } })).json() as Promise<any>;

/**
 * A temporary transfer order from 永宁县 to 杨和镇, drafted, approved, picked and dispatched
 * through the API: the township receives it in the browser. Returns the batch ids by lot.
 */
async function dispatchedOrder(lines: { code: string; lot: string; quantity: number }[]) {
  const url = app.server.url;
  const [planner, leader, keeper, township] = await Promise.all(['county-planner', 'county-leader', 'county-storekeeper', 'township-storekeeper'].map((u) => httpLogin(url, u, DEMO_PASSWORD)));
  const products = (await json(planner, '/api/products')).items as { id: number; code: string }[];
  const productId = (code: string) => products.find((p) => p.code === code)!.id;
  const created = await httpPost(url, planner!, '/api/transfer-orders', {
    fromDepotId: planner!.depotId,
    toDepotId: township!.depotId,
    basis: 'temporary',
    note: '杨和镇药具不足',
    lines: lines.map((l) => ({ productId: productId(l.code), quantity: l.quantity })),
  });
  expect(created.status).toBe(201);
  const orderId = created.body.id as number;
  expect((await httpPost(url, leader!, `/api/transfer-orders/${orderId}/decision`, { decision: 'approved' })).status).toBe(200);
  const batches: Record<string, number> = {};
  for (const l of lines) {
    const found = (await json(keeper!, `/api/batches?q=${l.lot}`)).items as { id: number; lot: string; productId: number }[];
    batches[l.lot] = found.find((b) => b.lot === l.lot && b.productId === productId(l.code))!.id;
    expect((await httpPost(url, keeper!, `/api/transfer-orders/${orderId}/picks`, { batchId: batches[l.lot], quantity: l.quantity })).status).toBe(200);
  }
  expect((await httpPost(url, keeper!, `/api/transfer-orders/${orderId}/dispatch`, {})).status).toBe(200);
  return { orderId, batches };
}
