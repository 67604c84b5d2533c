import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';
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

    await keeper.getByTestId('confirm-count').click();
    await expect.poll(() => keeper.getByTestId('receipt-screen').getAttribute('data-status')).toBe('counted');
    await keeper.getByTestId('sign-storekeeper').click();
    await keeper.getByTestId('signatures').waitFor();

    const inspector = await app.loggedInPage('county-inspector');
    await inspector.goto(url);
    await inspector.getByTestId('inspect-E2E-PASS').click();
    await inspector.getByTestId('inspect-submit').click();
    await inspector.getByTestId('inspected').waitFor();
    await inspector.getByTestId('inspect-E2E-FAIL').click();
    await inspector.getByTestId('check-outer_pack_intact').uncheck();
    await inspector.getByTestId('inspect-failed').fill('20');
    await inspector.getByTestId('nc-visible_defect').check();
    await app.shot('21-inspection-form-zh', inspector);
    await inspector.getByTestId('inspect-submit').click();
    await expect.poll(() => inspector.getByTestId('inspected').count()).toBe(2);

    const planner = await app.loggedInPage('county-planner');
    await planner.goto(url);
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
});
