import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS, downloaded, startBrowserApp, type BrowserApp } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

/**
 * The reports tab in Chromium, on a fixed day: the server's clock starts at 10:00 in Ningxia on
 * 15 September 2026 (the demo's opening balances are posted then, so the first half-year is
 * empty) and runs on; the browser's calendar shows that day. History is made through the API: a
 * purchase at the county (永宁县), a transfer to its township (杨和镇) that the township signs for,
 * and a dispensing there. The county's 购调存 sheet, own level and summary, the ledgers, the
 * exports and the print view are then checked against it.
 */
const START = Date.parse('2026-09-15T02:00:00Z');
const COUNTY = '640121';
const TOWNSHIP = '640121100';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ clockStart: START, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await app?.close();
});

const depotId = (code: string) => app.server.db.$client.prepare('select id from depots where code = ?').pluck().get(code) as number;
const productId = (code: string) => app.server.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;

/** An API user of its own request context (own cookie jar), sending the CSRF token on writes. */
async function apiAs(username: string) {
  const http: APIRequestContext = await request.newContext({ baseURL: app.server.url });
  const login = await http.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const { csrfToken } = await login.json();
  const post = async (path: string, data?: unknown) => {
    const res = await http.post(path, { headers: { 'x-csrf-token': csrfToken }, data });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  /** The county's 购调存 figures of the condoms (KJ-0701) this year, as the API has them. */
  const condoms = async (scope: 'own' | 'summary') => {
    const res = await http.get(`/api/reports/pts?depotId=${depotId(COUNTY)}&year=2026&scope=${scope}`);
    expect(res.status()).toBe(200);
    return ((await res.json()).rows as Record<string, number>[]).find((r) => (r.code as unknown) === 'KJ-0701')!;
  };
  return { post, condoms, dispose: () => http.dispose() };
}

/** Waits for the sheet of the given report and scope to be shown, not busy. */
async function sheetShown(page: Page, report: string, scope?: 'own' | 'summary') {
  await page.locator(`[data-testid="reports-screen"][data-state="ready"][data-report="${report}"]${scope ? `[data-scope="${scope}"]` : ''}`).waitFor();
  await page.locator(`[data-testid="report-sheet"][data-report="${report}"]`).waitFor();
  await page.locator('[data-testid="report-table"][aria-busy="false"]').waitFor();
}

/** The shown cells of a sheet row (by product code, or product code and lot), by column key. */
async function rowCells(page: Page, code: string, lot?: string): Promise<Record<string, string>> {
  const row = page.locator(`[data-testid="report-row"][data-code="${code}"]${lot ? `[data-lot="${lot}"]` : ''}`);
  await expect.poll(() => row.count()).toBe(1);
  return row.locator('td').evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-col'), td.textContent ?? ''])));
}

/** What sticks out of the page on the right, making it scroll sideways (nothing, when the sheet scrolls in its own box). */
const sticksOut = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.report-table-wrap, .sidebar'))
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}[${el.getAttribute('data-testid') ?? ''}]`);
  });
const grouped = (n: number) => n.toLocaleString('en-US');
const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${grouped(Math.floor(Math.abs(fen) / 100))}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

describe('reports in Chromium', () => {
  it('the county’s 购调存 sheet own level and summary, another period, the ledgers, XLSX and CSV, the printed form, English and a phone', async () => {
    // ---- history through the API ----
    // The demo's opening balances and dispensing (posted today) are the baseline: the county holds
    // 2,020 condoms (KJ-0701, 20 of them non-conforming); the figures below add what is posted here.
    const countyFinance = await apiAs('county-finance');
    const before = { own: await countyFinance.condoms('own'), summary: await countyFinance.condoms('summary') };
    expect(before.own).toMatchObject({ openingEntries: 2020, purchased: 0, transferredOut: 0, closing: 2020 });
    const countyKeeper = await apiAs('county-storekeeper');
    const countyPlanner = await apiAs('county-planner');
    const townKeeper = await apiAs('township-storekeeper');
    const townPlanner = await apiAs('township-planner');
    const dispenser = await apiAs('township-dispenser');

    // A purchase of 500 at the county, counted and signed by storekeeper and planner (into the pending zone).
    const receipt = await countyKeeper.post('/api/receipts', { depotId: depotId(COUNTY), supplierName: '桂林紫竹乳胶制品有限公司', deliveryNote: 'GL-2026-0915' });
    await countyKeeper.post(`/api/receipts/${receipt.id}/scans`, { productId: productId('KJ-0701'), lot: 'E2E0915', expiresOn: '2028-06-30', quantity: 500 });
    await countyKeeper.post(`/api/receipts/${receipt.id}/count`);
    await countyKeeper.post(`/api/receipts/${receipt.id}/sign`, { role: 'storekeeper' });
    const purchased = await countyPlanner.post(`/api/receipts/${receipt.id}/sign`, { role: 'planner' });
    expect(purchased.status).toBe('effective');
    const purchaseFen: number = purchased.totals.valueFen;

    // 100 transferred to the township (unplanned: the county's leader approves), picked FEFO (lot 20240815), signed for there.
    const order = await countyPlanner.post('/api/transfer-orders', { fromDepotId: depotId(COUNTY), toDepotId: depotId(TOWNSHIP), basis: 'temporary', lines: [{ productId: productId('KJ-0701'), quantity: 100 }] });
    const countyLeader = await apiAs('county-leader');
    await countyLeader.post(`/api/transfer-orders/${order.id}/decision`, { decision: 'approved' });
    await countyLeader.dispose();
    const proposal = order.lines[0].proposals[0];
    expect(proposal).toMatchObject({ lot: '20240815', quantity: 100 });
    await countyKeeper.post(`/api/transfer-orders/${order.id}/picks`, { batchId: proposal.batchId, quantity: 100 });
    await countyKeeper.post(`/api/transfer-orders/${order.id}/dispatch`);
    const arriving = await townKeeper.post(`/api/transfer-orders/${order.id}/receive`);
    for (const line of arriving.comparison) await townKeeper.post(`/api/receipts/${arriving.id}/scans`, { productId: line.productId, lot: line.lot, quantity: line.expected });
    await townKeeper.post(`/api/receipts/${arriving.id}/count`);
    await townKeeper.post(`/api/receipts/${arriving.id}/sign`, { role: 'storekeeper' });
    expect((await townPlanner.post(`/api/receipts/${arriving.id}/sign`, { role: 'planner' })).status).toBe('effective');

    // 5 dispensed at the township.
    await dispenser.post('/api/dispensings', { depotId: depotId(TOWNSHIP), batchId: proposal.batchId, quantity: 5, packIntact: true, expiryChecked: true });
    for (const user of [countyFinance, countyKeeper, countyPlanner, townKeeper, townPlanner, dispenser]) await user.dispose();

    // ---- the county's Reports tab: 购调存, own level, this year ----
    const finance = await app.loggedInPage('county-finance', { at: `#/stock/${depotId(COUNTY)}` });
    await finance.getByTestId('nav-reports').click();
    await sheetShown(finance, 'pts', 'own');
    expect(await finance.getByTestId('nav-reports').getAttribute('aria-current')).toBe('page');
    expect(await finance.getByTestId('report-choice-pts').getAttribute('aria-current')).toBe('page');
    expect(await finance.getByTestId('report-title').textContent()).toBe('县级计划生育药具购调存数量统计表');
    expect(await finance.getByTestId('report-unit').textContent()).toBe('填报单位：永宁县（640121）');
    expect(await finance.getByTestId('report-period-label').textContent()).toBe('统计期间：2026年度');
    expect(await finance.getByTestId('report-year').inputValue()).toBe('2026');
    expect(await finance.getByTestId('report-year').locator('option').allTextContents()).toEqual(['2027 年', '2026 年', '2025 年', '2024 年', '2023 年', '2022 年']);
    expect(await finance.getByTestId('report-period').inputValue()).toBe('year');
    expect(await finance.getByTestId('report-month').count()).toBe(0);
    // A two-row header: 期初库存 / 本期增加 / 本期减少 / 期末库存 over their columns.
    expect(await finance.getByTestId('report-table').getAttribute('data-header-rows')).toBe('2');
    expect(await finance.getByTestId('report-group-head').allTextContents()).toEqual(['期初库存', '本期增加', '本期减少', '期末库存']);
    expect(await finance.locator('[data-testid="report-group-head"]').evaluateAll((ths) => ths.map((th) => (th as HTMLTableCellElement).colSpan))).toEqual([2, 6, 7, 2]);

    const own = await rowCells(finance, 'KJ-0701');
    expect(own).toMatchObject({ product: '天然胶乳橡胶避孕套(中号)', opening: '0', purchased: '500', transferredIn: '0', openingEntries: '2,020', increase: '2,520', transferredOut: '100', dispensed: '0', decrease: '100', closing: '2,420', inTransit: '0' });
    const summaryExpected = {
      purchased: grouped(before.summary.purchased + 500),
      transferredIn: grouped(before.summary.transferredIn + 100),
      transferredOut: grouped(before.summary.transferredOut + 100),
      dispensed: grouped(before.summary.dispensed + 5),
      closing: grouped(before.summary.closing + 500 - 5),
    };
    expect(own.closingValueFen).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    const increaseFen = Math.round(Number(own.increaseValueFen.replace(/,/g, '')) * 100);
    expect(increaseFen).toBeGreaterThan(purchaseFen); // the purchase and the opening entries
    expect(await finance.locator('[data-testid="report-row"][data-code="KJ-0701"] td[data-col="closing"]').evaluate((td) => getComputedStyle(td).textAlign)).toBe('right');
    // The county holds blisters (板), boxes (盒) and more: a 合计 per unit, then 合计 with the values alone.
    const totals = finance.getByTestId('report-totals');
    // The label in the first column, the one that stays in view when the sheet scrolls sideways.
    expect(await totals.locator('td[data-col="code"]').textContent()).toBe('合计');
    expect(await totals.locator('td[data-col="purchased"]').textContent()).toBe('');
    expect(await totals.locator('td[data-col="closingValueFen"]').textContent()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(await totals.locator('td').first().evaluate((td) => Number(getComputedStyle(td).fontWeight))).toBeGreaterThanOrEqual(700);
    const boxes = finance.locator('[data-testid="report-unit-totals"][data-unit="盒"]');
    expect(await boxes.locator('td[data-col="code"]').textContent()).toBe('合计（盒）');
    expect(await boxes.locator('td[data-col="purchased"]').textContent()).toBe('500');
    expect(await finance.locator('[data-testid="report-unit-totals"][data-unit="板"] td[data-col="purchased"]').textContent()).toBe('0');
    expect(await finance.getByTestId('report-notes').textContent()).toContain('调入在签收时计入');
    expect(await finance.getByTestId('report-signatures').isVisible()).toBe(false); // on paper only
    expect(await sticksOut(finance)).toEqual([]);
    const wrap = finance.getByTestId('report-table-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true); // the wide sheet scrolls in its own box
    await app.shotFromTop('report-pts-own', finance);

    // ---- 汇总: the county and every depot below; the transfer is both out and in, the dispensing shows ----
    await finance.getByTestId('report-scope-summary').click();
    await sheetShown(finance, 'pts', 'summary');
    expect(finance.url()).toContain('scope=summary');
    expect(await finance.getByTestId('report-title').textContent()).toBe('县级计划生育药具购调存数量汇总表');
    const summary = await rowCells(finance, 'KJ-0701');
    expect(summary).toMatchObject({ ...summaryExpected, openingEntries: grouped(before.summary.openingEntries) });
    expect(summary.closing).not.toBe(own.closing);
    expect(await finance.getByTestId('report-notes').textContent()).toContain('汇总表为本级及所辖各级本级统计表之和');
    await app.shotFromTop('report-pts-summary', finance);

    // Reload keeps it all.
    await finance.reload();
    await sheetShown(finance, 'pts', 'summary');
    expect(await finance.getByTestId('report-scope-summary').getAttribute('aria-pressed')).toBe('true');

    // ---- another period: nothing happened in the first half-year ----
    await finance.getByTestId('report-period').selectOption('h1');
    await sheetShown(finance, 'pts', 'summary');
    expect(await finance.getByTestId('report-period-label').textContent()).toBe('统计期间：2026年上半年');
    expect(await finance.getByTestId('report-empty').isVisible()).toBe(true);
    expect(await finance.getByTestId('report-totals').count()).toBe(0);
    await app.shotFromTop('report-empty', finance);
    // September alone, by month: the same figures as the year.
    await finance.getByTestId('report-period').selectOption('month');
    await finance.getByTestId('report-month').selectOption('9');
    await finance.locator('[data-testid="report-sheet"][data-rows]:not([data-rows="0"])').waitFor();
    expect(await finance.getByTestId('report-period-label').textContent()).toBe('统计期间：2026年9月');
    expect((await rowCells(finance, 'KJ-0701')).closing).toBe(summaryExpected.closing);
    expect(finance.url()).toMatch(/period=month&month=9/);
    await finance.getByTestId('report-period').selectOption('year');
    await sheetShown(finance, 'pts', 'summary');

    // ---- the ledgers: no scope, the county's own card ----
    await finance.getByTestId('report-choice-general-ledger').click();
    await sheetShown(finance, 'general-ledger');
    expect(await finance.getByTestId('report-scope-summary').count()).toBe(0);
    expect(await finance.getByTestId('report-title').textContent()).toBe('计划生育药具总账');
    const general = await rowCells(finance, 'KJ-0701');
    expect(general).toMatchObject({ openingQty: '0', inQty: '2,520', outQty: '100', closingQty: '2,420', inValueFen: own.increaseValueFen, closingValueFen: own.closingValueFen });
    await finance.getByTestId('report-choice-detail-ledger').click();
    await sheetShown(finance, 'detail-ledger');
    const bought = await rowCells(finance, 'KJ-0701', 'E2E0915');
    expect(bought).toMatchObject({ lot: 'E2E0915', expiresOn: '2028-06-30', inQty: '500', outQty: '0', closingQty: '500', inValueFen: yuan(purchaseFen) });
    expect(await rowCells(finance, 'KJ-0701', '20240815')).toMatchObject({ inQty: '2,020', outQty: '100', closingQty: '1,920' });
    expect(await sticksOut(finance)).toEqual([]);
    await app.shotFromTop('report-detail-ledger', finance);

    // Back returns to the general ledger.
    await finance.goBack();
    await sheetShown(finance, 'general-ledger');

    // ---- exports of the shown report: XLSX and CSV, in the UI's language ----
    await finance.getByTestId('report-choice-pts').click();
    await sheetShown(finance, 'pts', 'own'); // a report without scope led back to own level
    await finance.getByTestId('report-scope-summary').click();
    await sheetShown(finance, 'pts', 'summary');
    const xlsxHref = await finance.getByTestId('report-export-xlsx').getAttribute('href');
    expect(xlsxHref).toBe(`/api/reports/pts?depotId=${depotId(COUNTY)}&year=2026&period=year&scope=summary&format=xlsx&lang=zh-CN`);
    const [xlsx] = await Promise.all([finance.waitForEvent('download'), finance.getByTestId('report-export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe('640121 县级计划生育药具购调存数量汇总表 2026年度.xlsx');
    const xlsxBytes = await downloaded(xlsx);
    expect(xlsxBytes.length).toBeGreaterThan(1000);
    expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const [csv] = await Promise.all([finance.waitForEvent('download'), finance.getByTestId('report-export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvLines = (await downloaded(csv)).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(csvLines[0]).toBe('县级计划生育药具购调存数量汇总表');
    expect(csvLines[4]).toMatch(/^编码,药具名称,规格,单位,期初库存-数量,期初库存-金额\(元\),本期增加-采购入库,/);
    expect(csvLines.find((l) => l.startsWith('KJ-0701,'))).toContain(`,${before.summary.closing + 495},`);

    // ---- the printed form: no navigation, tabs or controls; the signature lines and the date ----
    await finance.getByTestId('report-scope-own').click();
    await sheetShown(finance, 'pts', 'own');
    await finance.emulateMedia({ media: 'print' });
    expect(await finance.getByTestId('report-sheet').isVisible()).toBe(true);
    expect(await finance.locator('.tabs').isVisible()).toBe(false);
    expect(await finance.getByTestId('report-picker').isVisible()).toBe(false);
    expect(await finance.getByTestId('report-print').isVisible()).toBe(false);
    expect(await finance.getByTestId('breadcrumb').isVisible()).toBe(false);
    expect(await finance.locator('#sidebar').isVisible()).toBe(false);
    expect(await finance.getByTestId('report-signatures').isVisible()).toBe(true);
    expect(await finance.getByTestId('report-signature').allTextContents()).toEqual(['单位负责人：', '审核人：', '制表人：', '报出日期：']);
    expect(await finance.getByTestId('report-generated').textContent()).toMatch(/^生成时间：2026-09-15 10:\d\d$/);
    await app.shotFromTop('report-print', finance);
    const pdf = await finance.pdf({ preferCSSPageSize: true });
    writeFileSync(join(SCREENSHOTS, 'report-print.pdf'), pdf);
    // A4 landscape: 842 × 595 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.\d+ 59[45]\.\d+\]/);
    await finance.emulateMedia({ media: null });

    // ---- English: the headers, the rows' own English, the exports in English ----
    await finance.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => finance.getByTestId('report-title').textContent()).toBe('County purchase–transfer–stock statistics (own level)');
    expect(await finance.getByTestId('nav-reports').textContent()).toBe('Reports');
    expect(await finance.getByTestId('report-group-head').allTextContents()).toEqual(['Opening stock', 'Increase in the period', 'Decrease in the period', 'Closing stock']);
    expect(await finance.locator('thead th[data-col="purchased"]').textContent()).toBe('Purchased');
    expect(await finance.getByTestId('report-unit').textContent()).toBe('Reporting unit: 永宁县 (640121)');
    expect(await finance.getByTestId('report-period-label').textContent()).toBe('Period: Year 2026');
    expect((await rowCells(finance, 'KJ-0701')).product).toBe('Natural Rubber Latex Condoms (medium, 52 mm)');
    expect(await finance.getByTestId('report-totals').locator('td[data-col="code"]').textContent()).toBe('Total');
    expect(await finance.locator('[data-testid="report-unit-totals"][data-unit="盒"] td[data-col="code"]').textContent()).toBe('Total (box)');
    expect(await finance.getByTestId('report-period').locator('option').allTextContents()).toEqual(['Whole year', 'First half', 'Second half', 'First quarter', 'Second quarter', 'Third quarter', 'Fourth quarter', 'Month']);
    expect(await finance.getByTestId('report-export-csv').getAttribute('href')).toMatch(/format=csv&lang=en$/);
    expect(await finance.locator('[data-testid="report-picker"] [data-group="finance"]').textContent()).toContain('Ledgers');
    await app.shotFromTop('report-english', finance);
    await finance.getByTestId('lang-switch').selectOption('zh-CN');

    // ---- a phone, 390 px: the sheet scrolls in its box, the page does not ----
    const phone = await app.loggedInPage('county-finance', { viewport: { width: 390, height: 844 } });
    await phone.goto(`/#/reports/${depotId(COUNTY)}?report=pts&year=2026&period=year&scope=own`);
    await sheetShown(phone, 'pts', 'own');
    expect((await rowCells(phone, 'KJ-0701')).closing).toBe('2,420');
    expect(await sticksOut(phone)).toEqual([]);
    expect(await phone.getByTestId('report-picker').isVisible()).toBe(false); // a select instead of the rows of choices
    await app.shotFromTop('report-phone', phone);
    // The scroll box is a named region the keyboard reaches; scrolled to the far right and down, the
    // code column stays at its left edge and the 合计 rows at its bottom.
    const box = phone.getByTestId('report-table-wrap');
    expect(await box.getAttribute('role')).toBe('region');
    expect(await box.getAttribute('tabindex')).toBe('0');
    expect(await box.getAttribute('aria-label')).toContain('县级计划生育药具购调存数量统计表');
    await box.focus();
    await phone.keyboard.press('ArrowRight');
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await box.evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight / 3));
    const frame = (await box.boundingBox())!;
    const code = (await phone.locator('[data-testid="report-row"][data-code="KJ-0701"] td[data-col="code"]').boundingBox())!;
    expect(Math.abs(code.x - frame.x)).toBeLessThan(3);
    const lastTotal = (await phone.getByTestId('report-totals').boundingBox())!;
    expect(lastTotal.y + lastTotal.height).toBeLessThanOrEqual(frame.y + frame.height + 1);
    expect(lastTotal.y).toBeGreaterThan(frame.y);
    expect(await phone.locator('[data-testid="report-unit-totals"][data-unit="盒"] td[data-col="code"]').textContent()).toBe('合计（盒）');
    await app.shotFromTop('report-phone-scrolled', phone);
    await phone.getByTestId('report-select').selectOption('general-ledger');
    await sheetShown(phone, 'general-ledger');
    expect((await rowCells(phone, 'KJ-0701')).closingQty).toBe('2,420');
    expect(await sticksOut(phone)).toEqual([]);
  });

  it('the region’s planner sets a CYP factor under the CYP report and the sheet follows; the region’s finance and a county planner see no editor', async () => {
    const region = depotId('64');
    // 3 boxes of condoms dispensed at the village (王太村委会), so that the region's sheet has a CYP to recompute.
    const villageDispenser = await apiAs('village-dispenser');
    const lot = app.server.db.$client.prepare(`select b.id from batches b join products p on p.id = b.product_id where p.code = 'KJ-0701' and b.lot = '20240815'`).pluck().get() as number;
    await villageDispenser.post('/api/dispensings', { depotId: depotId('640121100200'), batchId: lot, quantity: 3, packIntact: true, expiryChecked: true });
    await villageDispenser.dispose();
    const cypAt = (page: Page, depot: number) => page.goto(`/#/reports/${depot}?report=cyp&year=2026&period=year`);

    const finance = await app.loggedInPage('region-finance');
    await cypAt(finance, region);
    await sheetShown(finance, 'cyp');
    expect(await finance.getByTestId('cyp-factors').count()).toBe(0);
    const countyPlanner = await app.loggedInPage('county-planner');
    await cypAt(countyPlanner, depotId(COUNTY));
    await sheetShown(countyPlanner, 'cyp');
    expect(await countyPlanner.getByTestId('cyp-factors').count()).toBe(0);

    const planner = await app.loggedInPage('region-planner');
    await cypAt(planner, region);
    await sheetShown(planner, 'cyp');
    const before = await rowCells(planner, 'KJ-0701');
    const dispensed = Number(before.dispensed.replace(/,/g, ''));
    expect(dispensed).toBeGreaterThanOrEqual(3);
    expect(before.cypPerUnit).toBe('0.0833'); // the USAID factor: 120 condoms a couple-year, 12 boxes of 10

    await planner.getByTestId('cyp-factors').locator('summary').click();
    const factor = planner.locator('[data-testid="cyp-factor-row"][data-code="KJ-0701"]');
    expect(await factor.getByTestId('cyp-factor-input').inputValue()).toBe('0.0833333');
    expect(await factor.getByTestId('cyp-factor-per').textContent()).toBe('12 盒合 1 CYP');
    await factor.getByTestId('cyp-factor-input').fill('0');
    expect(await factor.getByTestId('cyp-factor-save').isDisabled()).toBe(true);
    expect(await factor.locator('.field-error').textContent()).toContain('请填写大于 0');
    await factor.getByTestId('cyp-factor-input').fill('1/10');
    await factor.getByTestId('cyp-factor-save').click();
    await factor.getByTestId('cyp-factor-saved').waitFor();
    expect(await factor.getByTestId('cyp-factor-input').inputValue()).toBe('0.1');
    await expect.poll(async () => (await rowCells(planner, 'KJ-0701')).cypPerUnit).toBe('0.1');
    expect((await rowCells(planner, 'KJ-0701')).cypDispensed).toBe((dispensed / 10).toFixed(2));
    await planner.locator('[data-testid="report-table"][aria-busy="false"]').waitFor();
    await app.shotFromTop('report-cyp-factors', planner);

    // Back to the published factor.
    await factor.getByTestId('cyp-factor-input').fill('1/12');
    await factor.getByTestId('cyp-factor-save').click();
    await expect.poll(async () => (await rowCells(planner, 'KJ-0701')).cypPerUnit).toBe('0.0833');
  });
});
