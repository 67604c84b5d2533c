import { expect, beforeAll, afterAll, vi } from 'vitest';
import { request, type Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from './browser.ts';
import { expectAccessible } from './a11y.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

/**
 * What the accessibility journeys (test/e2e/accessibility-*.e2e.test.ts) share: the app on a
 * fixed day with one of each document, and the steps that visit a screen and check it.
 *
 * On a fixed day of the fourth quarter (the plans for 2027 are being compiled): the server's
 * clock starts at 09:30 in Ningxia on 23 November 2026 and runs on.
 */
export const START = Date.parse('2026-11-23T01:30:00Z');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const APP_NAME = '计划生育药具管理系统';
export const APP_NAME_EN = 'Contraceptive Supplies Depot System';

/** The test file's app; set by useA11yApp's beforeAll (the files of a worker run one after another). */
export let app: BrowserApp;
/** Starts the app for the calling test file, with its documents (and `app.page`, logged out, when asked), and closes it after. */
export function useA11yApp(options: { page?: boolean } = {}) {
  beforeAll(async () => {
    app = await startBrowserApp({ clockStart: START, timezoneId: 'Asia/Shanghai', viewport: DESKTOP, page: options.page });
    docs = await makeDocuments();
  });
  afterAll(async () => {
    await app?.close();
  });
}

const sql = () => app.server.db.$client;
export const depotId = (code: string) => sql().prepare('select id from depots where code = ?').pluck().get(code) as number;
const productId = (code: string) => sql().prepare('select id from products where code = ?').pluck().get(code) as number;
const batchId = (code: string, lot: string) => sql().prepare('select b.id from batches b join products p on p.id = b.product_id where p.code = ? and b.lot = ?').pluck().get(code, lot) as number;

/** A demo user driving the API, to make the documents that the document screens show. */
async function apiAs(username: string) {
  const http = await request.newContext({ baseURL: app.server.url });
  const me = await (await http.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })).json();
  return async (path: string, data: unknown) => {
    const res = await http.post(path, { headers: { 'x-csrf-token': me.csrfToken }, data });
    if (res.status() >= 300) throw new Error(`POST ${path} as ${username}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as { id: number };
  };
}

/** One of each document: an open supplier receipt, a transfer order, a stock count, the plans for 2027, two holds; the demo has a storage area and a write-off request. */
async function makeDocuments() {
  const county = depotId('640121');
  const keeper = await apiAs('county-storekeeper');
  const planner = await apiAs('county-planner');
  const regionPlanner = await apiAs('region-planner');
  const inspector = await apiAs('county-inspector');
  for (const [code, lot] of [['KJ-0701', '20240815'], ['KJ-0103', 'B2504017']]) await inspector('/api/batch-holds', { depotId: county, batchId: batchId(code!, lot!), reason: '群众反映服用后不适，待省站检验' });
  return {
    county,
    township: depotId('640121100'),
    region: depotId('64'),
    batch: batchId('KJ-0101', '20250603'),
    receipt: (await keeper('/api/receipts', { depotId: county, supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'XJ-2026-1123' })).id,
    order: (await planner('/api/transfer-orders', { fromDepotId: county, toDepotId: depotId('640121100'), basis: 'temporary', note: '杨和镇临时需求', lines: [{ productId: productId('KJ-0101'), quantity: 10 }] })).id,
    count: (await keeper('/api/stock-counts', { depotId: county, zones: ['nonconforming'] })).id,
    demandPlan: (await planner('/api/demand-plans', { depotId: county, year: 2027 })).id,
    allocationPlan: (await regionPlanner('/api/allocation-plans', { depotId: depotId('64'), year: 2027 })).id,
    area: sql().prepare('select id from storage_areas where depot_id = ? order by id').pluck().get(county) as number,
    writeOff: sql().prepare('select id from write_off_requests order by id').pluck().get() as number,
    ...(await adverseReactions()),
  };
}

/** Three adverse-reaction reports from the village on one lot of condoms (no GTIN: our batch label), one serious: a case for the county and a lot signal for the region. */
async function adverseReactions() {
  const village = depotId('640121100200');
  const dispenser = await apiAs('village-dispenser');
  const raw = `FP1:B:${batchId('KJ-0701', '20240815')}`;
  const report = (onsetOn: string, criteria: string[]) =>
    dispenser('/api/adverse-reactions', { depotId: village, birthYear: 1990, community: '王太村三组', raw, useStartedOn: '2026-09-01', onsetOn, description: '使用后局部红肿', outcome: 'improving', criteria });
  await report('2026-11-02', []);
  await report('2026-11-10', []);
  const serious = await report('2026-11-18', ['hospitalisation']);
  return { village, adverseReaction: serious.id, adverseSignal: sql().prepare('select id from adverse_signals order by id desc').pluck().get() as number };
}
export let docs: Awaited<ReturnType<typeof makeDocuments>>;

/** Waits until the screen has its data (nothing marked loading, no loading note) and stands still (no animation running), then two frames. */
export async function settled(page: Page) {
  await page.waitForFunction(() => {
    if (document.querySelector('[data-state="loading"], [aria-busy="true"]')) return false;
    if (document.getAnimations().some((a) => a.playState === 'running')) return false;
    return ![...document.querySelectorAll('p.note, .tree-note, .boot')].some((p) => /加载中|Loading/i.test(p.textContent ?? ''));
  });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Opens a route of the app (a hash: the page is not reloaded) and waits until its screen, not the last one, has rendered and has its data. */
export async function visit(page: Page, hash: string) {
  await page.goto(`/${hash}`);
  await page.waitForFunction(() => document.getElementById('main')?.dataset.hash === location.hash);
  await settled(page);
}

/** A new page logged in as `username`, opened on the route `hash` (not on the home screen first), once it has its data. */
export async function openAt(username: string, hash: string, options: { viewport?: typeof DESKTOP } = {}) {
  const page = await app.loggedInPage(username, { viewport: options.viewport, at: hash });
  await settled(page);
  return page;
}

/** Checks the routes `hashes` one after another in one page of `username` (opened on the first), in Chinese unless told. */
export async function checkRoutes(username: string, hashes: string[], options: { viewport?: typeof DESKTOP; locale?: 'en' } = {}) {
  const page = await app.loggedInPage(username, { viewport: options.viewport, at: hashes[0] });
  if (options.locale) {
    await page.getByTestId('lang-switch').selectOption(options.locale);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(options.locale);
  }
  for (const hash of hashes) {
    await visit(page, hash);
    await expectAccessible(page, `${username} ${options.locale ?? 'zh-CN'} ${options.viewport ? `${options.viewport.width}px ` : ''}${hash}`);
  }
  return page;
}

export const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName.toLowerCase());

/** A panel opened from its button by the keyboard takes the focus, and gives it back to that button when closed by its own. */
export async function openAndClose(page: Page, opener: string, panel: string, closer: string) {
  // Enter on the focused opener; again if the screen re-rendered the opener under the first press
  // (the panel not open, the focus gone): the panel must then open and take the focus.
  await vi.waitFor(
    async () => {
      if ((await page.getByTestId(panel).count()) === 0) {
        await page.getByTestId(opener).focus();
        await page.keyboard.press('Enter');
      }
      expect(await focusInside(page, panel)).toBe(true);
    },
    { timeout: 10_000, interval: 200 },
  );
  await page.getByTestId(closer).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId(panel).count()).toBe(0);
  await expect.poll(() => focused(page)).toBe(opener);
}
export const focusInside = (page: Page, testid: string) => page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.contains(document.activeElement) ?? false, testid);
