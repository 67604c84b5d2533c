import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { downloaded, startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';
import { decodePng } from '../helpers/decode.ts';
import { parseScan } from '../../labels/gs1.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

const GS = '\u001d';

/** Clicks what opens the label sheet and answers the tab it opened, once its labels are drawn. */
async function openedSheet(page: Page, testid: string): Promise<Page> {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId(testid).click()]);
  await tab.waitForLoadState('load');
  return tab;
}

/** The print bar sticks to the bottom of the window: in a window as tall as the page it rests below the table, where the shot should show it. */
async function wholePageShot(name: string, page: Page) {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await app.shot(name, page);
  await page.setViewportSize(size);
}

describe('label printing in Chromium', () => {
  it('after counting a delivery the storekeeper prints one label a carton scanned, then zone and batch labels from the labels tab', async () => {
    const keeper = await app.loggedInPage('county-storekeeper');
    await keeper.getByTestId('nav-receipts').click();
    await keeper.getByTestId('receipt-supplier').fill('浙江仙琚制药股份有限公司');
    await keeper.getByTestId('receipt-note').fill('SH-2026-LBL');
    await keeper.getByTestId('receipt-open').click();
    await keeper.getByTestId('scan-input').waitFor();

    // Two cartons of one lot, one carton of another.
    await wedge(keeper, ']d201095060001343521728113010LBL-TWO');
    await wedge(keeper, ']d201095060001343521728113010LBL-TWO');
    await wedge(keeper, `]d2010690123456789210LBL-ONE${GS}17290131`);
    await expect.poll(() => keeper.getByTestId('receipt-line').count()).toBe(2);
    expect(await keeper.getByTestId('carton-labels').count()).toBe(0);

    await keeper.getByTestId('confirm-count').click();
    await expect.poll(() => keeper.getByTestId('receipt-screen').getAttribute('data-status')).toBe('counted');
    const panel = keeper.getByTestId('carton-labels');
    await panel.waitFor();
    expect(await panel.getByTestId('carton-copies-LBL-TWO').inputValue()).toBe('2');
    expect(await panel.getByTestId('carton-copies-LBL-ONE').inputValue()).toBe('1');
    await panel.getByTestId('sheet-layout').selectOption('a4-3x8');
    expect(await panel.getByTestId('sheet-count').getAttribute('data-labels')).toBe('3');
    expect(await panel.getByTestId('sheet-count').textContent()).toBe('共 3 张标签，1 页');
    expect(await panel.getByTestId('receipt-document-label').getAttribute('href')).toMatch(/items=document%3Areceipt%3A\d+/);
    await panel.scrollIntoViewIfNeeded();
    await app.shot('52-carton-labels-zh', keeper);

    const sheet = await openedSheet(keeper, 'sheet-print');
    expect(sheet.url()).toContain('layout=a4-3x8');
    expect(await sheet.locator('.label').count()).toBe(3);
    expect(await sheet.locator('.sheet-page').count()).toBe(1);
    await app.shot('55-carton-sheet', sheet);
    await sheet.close();

    await keeper.getByTestId('receipt-back').click();
    await keeper.getByTestId('nav-labels').click();
    const screen = keeper.locator('[data-testid="labels-screen"][data-state="ready"]');
    await screen.waitFor();
    for (const zone of ['pending', 'qualified', 'nonconforming']) {
      const preview = keeper.getByTestId(`zone-preview-${zone}`);
      await expect.poll(() => preview.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
      await keeper.getByTestId(`zone-copies-${zone}`).fill('1');
    }
    // The lots just counted are on hand in the pending zone.
    const lot = keeper.locator('[data-testid="label-batch"][data-lot="LBL-TWO"]');
    await keeper.getByTestId('batch-filter').fill('LBL');
    expect(await keeper.getByTestId('label-batch').count()).toBe(2);
    await lot.getByTestId('batch-copies').fill('2');
    await keeper.getByTestId('sheet-layout').selectOption('a4-3x8');
    await expect.poll(() => keeper.getByTestId('sheet-count').getAttribute('data-labels')).toBe('5');
    expect(await keeper.getByTestId('sheet-count').getAttribute('data-pages')).toBe('1');
    await wholePageShot('53-labels-tab-zh', keeper);

    const tabSheet = await openedSheet(keeper, 'sheet-print');
    expect(await tabSheet.locator('.label').count()).toBe(5);
    expect(await tabSheet.locator('.sheet-page').count()).toBe(1);
    await tabSheet.close();

    // The same sheet as a PDF download: one A4 page.
    const [download] = await Promise.all([keeper.waitForEvent('download'), keeper.getByTestId('sheet-pdf').click()]);
    const pdf = await downloaded(download);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toBe('labels-a4-3x8.pdf');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);

    // Thermal rolls print one label a page.
    await keeper.getByTestId('sheet-layout').selectOption('thermal-50x30');
    expect(await keeper.getByTestId('sheet-count').getAttribute('data-pages')).toBe('5');

    await keeper.getByTestId('lang-switch').selectOption('en');
    // The English dictionary is a chunk of its own: the screen switches once it has come.
    await expect.poll(() => keeper.getByTestId('nav-labels').textContent()).toBe('Labels');
    await keeper.getByTestId('sheet-layout').selectOption('a4-2x7');
    expect(await keeper.getByTestId('sheet-count').textContent()).toBe('Labels: 5 · pages: 1');
    await wholePageShot('54-labels-tab-en', keeper);
    await keeper.close();
  }, 120_000);

  it('prints the carton labels of lots with brackets and GS1 signs on the 50×30 mm roll, and each decodes to its own lot', async () => {
    const keeper = await app.loggedInPage('county-storekeeper');
    await keeper.getByTestId('nav-receipts').click();
    await keeper.getByTestId('receipt-supplier').fill('浙江仙琚制药股份有限公司');
    await keeper.getByTestId('receipt-note').fill('SH-2026-LOTS');
    await keeper.getByTestId('receipt-open').click();
    await keeper.getByTestId('scan-input').waitFor();
    // A bracketed GS1 string would read "(1)" and "(17)" in these lots as AIs; the labels must not.
    const lots = ['A(1)B', 'X)Y', 'LOT/%&(17)'];
    for (const lot of lots) await wedge(keeper, `]d201095060001343521728113010${lot}`);
    await expect.poll(() => keeper.getByTestId('receipt-line').count()).toBe(lots.length);
    await keeper.getByTestId('confirm-count').click();
    const panel = keeper.getByTestId('carton-labels');
    await panel.waitFor();
    await panel.getByTestId('sheet-layout').selectOption('thermal-50x30');
    const sheet = await openedSheet(keeper, 'sheet-print');
    expect(sheet.url()).toContain('layout=thermal-50x30');
    expect(await sheet.locator('body').getAttribute('data-problems')).toBe('0');
    expect(await sheet.locator('body').getAttribute('data-dpi')).toBe('203');
    expect(await sheet.locator('.label').count()).toBe(lots.length);
    await app.shot('58-carton-sheet-brackets', sheet);
    const svgs = await sheet.locator('.label svg[data-scan]').evaluateAll((els) => els.map((el) => el.outerHTML));
    await sheet.close();
    // Each label drawn large on a page of its own, as a scanner sees it up close (the sheet shows 50 mm as about 190 pixels).
    const read: string[] = [];
    // On a blank page: the app's Content-Security-Policy would refuse the inline style below.
    await keeper.goto('about:blank');
    for (const svg of svgs) {
      await keeper.setContent(`<body style="margin:0;background:#fff">${svg.replace('width="50mm" height="30mm"', 'width="1000" height="600"')}</body>`);
      const label = keeper.locator('svg').first();
      const [decoded] = await decodePng(new Uint8Array(await label.screenshot()));
      const scan = parseScan(decoded!.symbologyIdentifier + decoded!.text);
      expect(scan).toMatchObject({ kind: 'gs1', gtin: '09506000134352', expiry: '2028-11-30' });
      const { lot } = scan as { lot: string };
      read.push(lot);
      expect(await label.textContent()).toContain(`批号 ${lot}`);
    }
    expect(read.sort()).toEqual([...lots].sort());
    await keeper.close();
  }, 120_000);

  it('opens the transfer order’s document label on the 100×50 mm thermal roll', async () => {
    const planner = await app.loggedInPage('county-planner');
    await planner.getByTestId('nav-transfers').click();
    await planner.getByTestId('order-new').click();
    const township = planner.locator('[data-testid="order-to"] option[data-code="640121100"]');
    await township.waitFor({ state: 'attached' });
    await planner.getByTestId('order-to').selectOption((await township.getAttribute('value'))!);
    const product = planner.locator('[data-testid="order-product"] option[data-code="KJ-0101"]');
    await product.waitFor({ state: 'attached' });
    await planner.getByTestId('order-product').selectOption((await product.getAttribute('value'))!);
    await planner.getByTestId('order-quantity').fill('10');
    // An allocation-plan order needs an issued plan's line: this one is a temporary order.
    await planner.getByTestId('order-basis').selectOption('temporary');
    await planner.getByTestId('order-submit').click();
    await planner.getByTestId('order-screen').waitFor();
    const tab = await openedSheet(planner, 'order-document-label');
    expect(tab.url()).toContain('layout=thermal-100x50');
    expect(tab.url()).toMatch(/items=document%3Atransfer_order%3A\d+/);
    expect(await tab.locator('.label').count()).toBe(1);
    expect(await tab.locator('.label').textContent()).toContain(await planner.getByTestId('order-number').textContent());
    await planner.close();
  });
});
