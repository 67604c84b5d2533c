import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

/**
 * The dashboards (概览) in Chromium, on the demo, on a fixed day of the fourth quarter: the demand
 * plans for 2027 are being compiled (the window closes on 31 December) and the allocation for
 * 2027 is due by the end of February 2027. The server's clock starts at 09:30 in Ningxia on
 * 23 November 2026 and runs on; the browser's calendar shows that day.
 */
const START = Date.parse('2026-11-23T01:30:00Z');
const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ clockStart: START, timezoneId: 'Asia/Shanghai', viewport: WIDE });
});
afterAll(async () => {
  await app?.close();
});

/** Logs in through the login form; the landing page is the user's dashboard. */
async function logIn(username: string, viewport = WIDE, locale = 'zh-CN'): Promise<Page> {
  const page = await app.loggedInPage(username, { viewport, locale });
  await ready(page);
  return page;
}

const ready = (page: Page) => page.locator('[data-testid="dashboard"][data-state="ready"]').waitFor();

/** A demo user driving the API directly, to set up documents as the real workflows make them. */
async function apiAs(username: string, on: BrowserApp = app) {
  const http: APIRequestContext = await request.newContext({ baseURL: on.server.url });
  const me = await (await http.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })).json();
  const send = async (method: 'get' | 'post', path: string, data?: unknown) => {
    const res = await http[method](path, { headers: { 'x-csrf-token': me.csrfToken }, ...(data === undefined ? {} : { data }) });
    const body = await res.json();
    if (res.status() >= 300) throw new Error(`${method} ${path} as ${username}: ${res.status()} ${JSON.stringify(body)}`);
    return body;
  };
  return { me, get: (path: string) => send('get', path), post: (path: string, data?: unknown) => send('post', path, data), dispose: () => http.dispose() };
}

const sql = () => app.server.db.$client;
const depotId = (code: string) => sql().prepare('select id from depots where code = ?').pluck().get(code) as number;
const productId = (code: string) => sql().prepare('select id from products where code = ?').pluck().get(code) as number;
const batchId = (code: string, lot: string) => sql().prepare('select b.id from batches b join products p on p.id = b.product_id where p.code = ? and b.lot = ?').pluck().get(code, lot) as number;

const card = (page: Page, testid: string) => page.getByTestId(testid);
const countOf = async (page: Page, testid: string) => Number(await card(page, testid).getAttribute('data-count'));

/** Nothing on the page is wider than the window (no sideways scrolling of the page itself). */
async function fitsWidth(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

describe('dashboards by role in Chromium', () => {
  it('the storekeeper lands on the county’s dashboard: a receipt to count, an order to pick, a shipment from the city, the yearly count due, expired stock to sweep', async () => {
    const county = depotId('640121');
    const keeperApi = await apiAs('county-storekeeper');
    const receipt = await keeperApi.post('/api/receipts', { depotId: county, supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'SH-2026-1123' });
    const plannerApi = await apiAs('county-planner');
    // Unplanned orders, each approved by the issuing depot's leader.
    const out = await plannerApi.post('/api/transfer-orders', { fromDepotId: county, toDepotId: depotId('640121100'), basis: 'temporary', lines: [{ productId: productId('KJ-0101'), quantity: 10 }] });
    const countyLeader = await apiAs('county-leader');
    await countyLeader.post(`/api/transfer-orders/${out.id}/decision`, { decision: 'approved' });
    const cityPlanner = await apiAs('city-planner');
    const incoming = await cityPlanner.post('/api/transfer-orders', { fromDepotId: depotId('6401'), toDepotId: county, basis: 'temporary', lines: [{ productId: productId('KJ-0701'), quantity: 500 }] });
    const cityLeader = await apiAs('city-leader');
    await cityLeader.post(`/api/transfer-orders/${incoming.id}/decision`, { decision: 'approved' });
    const cityKeeper = await apiAs('city-storekeeper');
    await cityKeeper.post(`/api/transfer-orders/${incoming.id}/picks`, { raw: `FP1:B:${batchId('KJ-0701', '20240815')}`, quantity: 500 });
    await cityKeeper.post(`/api/transfer-orders/${incoming.id}/dispatch`);
    const api = await keeperApi.get(`/api/depots/${county}/dashboard`);
    for (const h of [keeperApi, plannerApi, countyLeader, cityPlanner, cityLeader, cityKeeper]) await h.dispose();

    const keeper = await logIn('county-storekeeper');
    expect(keeper.url()).toContain(`#/home/${county}`);
    expect(await keeper.getByTestId('nav-dashboard').getAttribute('aria-current')).toBe('page');
    await keeper.getByTestId('panel-storekeeper').waitFor();
    expect(await keeper.getByTestId('panel-inspector').count()).toBe(0);
    expect(await keeper.getByTestId('panel-planning').count()).toBe(0);

    expect(await countOf(keeper, 'card-receipts')).toBe(1);
    const receiptLink = keeper.locator(`[data-testid="dash-receipt"][data-number="${receipt.number}"]`);
    expect(await receiptLink.getAttribute('data-stage')).toBe('count');
    expect(await card(keeper, 'card-receipts').textContent()).toContain('待清点');
    expect(await countOf(keeper, 'card-picks')).toBe(api.storekeeper.ordersToPick.length);
    expect(await keeper.locator(`[data-testid="dash-pick"][data-number="${out.number}"]`).textContent()).toBe(out.number);
    expect(await card(keeper, 'card-picks').textContent()).toContain('发往 杨和镇 · 已拣 0/10 板');
    expect(await countOf(keeper, 'card-shipments')).toBe(1);
    expect(await card(keeper, 'card-shipments').textContent()).toContain(`${incoming.number} 来自 银川市 · 500 盒`);
    expect(await keeper.getByTestId('dash-count-due').getAttribute('data-overdue')).toBe('true');
    // The demo's expired suppositories still in the green zone: one lot, 30 boxes.
    expect(await countOf(keeper, 'card-expired')).toBe(1);
    expect(await keeper.getByTestId('dash-expired-line').textContent()).toContain('1 个批号（30 盒）');
    // The home screen's climate and expiry lines stay on the dashboard.
    await keeper.getByTestId('climate-alerts').waitFor();
    expect(await keeper.getByTestId('expiry-card').textContent()).toContain('仍在合格品区');
    // The county has depots below: their tree too.
    await keeper.getByTestId('panel-tree').waitFor();
    await app.shotFromTop('dash-storekeeper', keeper);
    await fitsWidth(keeper);

    // Each item leads to its screen.
    await receiptLink.click();
    await keeper.locator('[data-testid="receipt-screen"][data-status="open"]').waitFor();
    await keeper.goBack();
    await ready(keeper);
    await keeper.locator(`[data-testid="dash-shipment"][data-number="${incoming.number}"]`).click();
    await keeper.locator('[data-testid="order-screen"][data-status="dispatched"]').waitFor();
    await keeper.getByTestId('app-name').click();
    await ready(keeper);
    expect(keeper.url()).toContain(`#/home/${county}`);
  });

  it('the inspector: the counted receipt waiting in the pending zone, the damp spell still open, the batches it exposed, a hold placed here', async () => {
    const county = depotId('640121');
    const keeperApi = await apiAs('county-storekeeper');
    const receipt = await keeperApi.post('/api/receipts', { depotId: county, supplierName: '北京紫竹药业有限公司', deliveryNote: 'ZZ-1123' });
    await keeperApi.post(`/api/receipts/${receipt.id}/scans`, { productId: productId('KJ-0104'), lot: '251101', expiresOn: '2028-10-31', quantity: 300 });
    await keeperApi.post(`/api/receipts/${receipt.id}/count`);
    const inspectorApi = await apiAs('county-inspector');
    // A warm reading now in the store kept to 20 °C (for the suppositories): the goods in it stand through an excursion.
    const store = (await keeperApi.get(`/api/depots/${county}/storage-areas`)).items.find((a: { name: string }) => a.name === '一号库房');
    await keeperApi.post(`/api/storage-areas/${store.id}/readings`, { temperatureC: 23.5, humidityPct: 50 });
    app.advanceClock(30 * 60_000);
    await keeperApi.post(`/api/storage-areas/${store.id}/readings`, { temperatureC: 23.8, humidityPct: 50 });
    const hold = await inspectorApi.post('/api/batch-holds', { depotId: county, batchId: batchId('KJ-0103', 'B2504017'), reason: '群众反映服用后不适,待省站检验' });
    const api = await inspectorApi.get(`/api/depots/${county}/dashboard`);
    for (const h of [keeperApi, inspectorApi]) await h.dispose();
    expect(api.inspector.excursions.length).toBeGreaterThan(0);

    const inspector = await logIn('county-inspector');
    await inspector.getByTestId('panel-inspector').waitFor();
    expect(await inspector.getByTestId('panel-storekeeper').count()).toBe(0);
    expect(await countOf(inspector, 'card-inspections')).toBe(api.inspector.awaitingInspection.length);
    expect(await inspector.locator(`[data-testid="dash-inspection"][data-number="${receipt.number}"]`).count()).toBe(1);
    expect(await card(inspector, 'card-inspections').textContent()).toContain('1 个批号 · 300 盒');
    expect(await countOf(inspector, 'card-pre-issue')).toBe(api.inspector.preIssueChecks.total);
    expect(await inspector.locator('[data-testid="dash-pre-issue"][data-reason="climate"]').count()).toBeGreaterThan(0);
    expect(await countOf(inspector, 'card-excursions')).toBe(api.inspector.excursions.length);
    expect(await inspector.locator('[data-testid="dash-excursion"][data-kind="humidity_high"]').count()).toBe(1);
    expect(await countOf(inspector, 'card-holds')).toBe(1);
    expect(await inspector.locator('[data-testid="dash-hold"][data-lot="B2504017"]').count()).toBe(1);
    expect(hold.reason).toContain('待省站检验');
    await app.shotFromTop('dash-inspector', inspector);
    await fitsWidth(inspector);

    await inspector.locator('[data-testid="dash-excursion"][data-kind="humidity_high"]').click();
    await inspector.getByTestId('area-screen').waitFor();
    expect(await inspector.getByTestId('area-screen').textContent()).toContain('一号库房');
    await inspector.goBack();
    await ready(inspector);
    await inspector.locator(`[data-testid="dash-inspection"][data-number="${receipt.number}"]`).click();
    await inspector.locator('[data-testid="receipt-screen"][data-status="counted"]').waitFor();
  });

  it('the leader: an unplanned order, the township’s write-off and the count sheet waiting for a decision; the plan deadlines; the townships not reporting', async () => {
    const county = depotId('640121');
    const plannerApi = await apiAs('county-planner');
    const unplanned = await plannerApi.post('/api/transfer-orders', { fromDepotId: county, toDepotId: depotId('640121100'), basis: 'temporary', note: '杨和镇临时需求', lines: [{ productId: productId('KJ-0701'), quantity: 200 }] });
    const keeperApi = await apiAs('county-storekeeper');
    const count = await keeperApi.post('/api/stock-counts', { depotId: county, zones: ['nonconforming'] });
    await keeperApi.post(`/api/stock-counts/${count.id}/submit`, { uncountedAsZero: true });
    const leaderApi = await apiAs('county-leader');
    const api = await leaderApi.get(`/api/depots/${county}/dashboard`);
    for (const h of [plannerApi, keeperApi, leaderApi]) await h.dispose();
    const notReporting = api.planning.notReporting;

    const leader = await logIn('county-leader');
    await leader.getByTestId('panel-planning').waitFor();
    expect(await countOf(leader, 'card-approvals')).toBe(3);
    const kinds = await leader.getByTestId('dash-approval').evaluateAll((els) => els.map((e) => [e.getAttribute('data-kind'), e.getAttribute('data-label')]));
    expect(kinds).toEqual([
      ['transfer', unplanned.number],
      ['writeOff', 'BS-640121100-0001'],
      ['count', count.number],
    ]);
    const demand = leader.getByTestId('dash-deadline-demand');
    expect(await demand.getAttribute('data-days')).toBe('38');
    expect(await demand.textContent()).toContain('2026-12-31 截止，还剩 38 天');
    expect(await leader.getByTestId('dash-deadline-allocation').textContent()).toContain('应于 2027-02-28 前下达，还剩 97 天');
    expect(await countOf(leader, 'card-not-reporting')).toBe(notReporting.demandPlans.length + notReporting.usageFigures.total);
    expect(Number(await leader.getByTestId('dash-missing-plans').getAttribute('data-count'))).toBe(notReporting.demandPlans.length);
    expect(notReporting.demandPlans.length).toBeGreaterThan(1);
    await app.shotFromTop('dash-leader', leader);
    await fitsWidth(leader);

    // The planner decides write-offs but not orders or counts.
    const planner = await logIn('county-planner');
    await planner.getByTestId('panel-planning').waitFor();
    expect(await planner.getByTestId('dash-approval').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['writeOff']);

    // The write-off leads to its screen, where the leader decides.
    await leader.locator('[data-testid="dash-approval"][data-kind="writeOff"]').click();
    await leader.locator('[data-testid="write-off-screen"][data-status="submitted"]').waitFor();
    await leader.goBack();
    await ready(leader);
    await leader.locator('[data-testid="dash-approval"][data-kind="count"]').click();
    await leader.locator('[data-testid="count-screen"][data-status="submitted"]').waitFor();
  });

  it('the city sees its counties at a glance, opens 永宁县 to its townships, and the same tree works on a phone and in English', async () => {
    const city = await logIn('city-leader');
    const tree = city.getByTestId('panel-tree');
    await tree.waitFor();
    const rows = city.getByTestId('glance-row');
    const codes = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toContain('640121');
    expect(codes.every((c) => c!.length === 6)).toBe(true); // counties only, until one is opened
    expect(await city.getByTestId('glance-self').getAttribute('data-code')).toBe('6401');
    // 永宁县: the damp spell of its store is open, and expired stock stands in its green zone.
    const yongning = city.locator('[data-testid="glance-row"][data-code="640121"]');
    expect(await yongning.getAttribute('data-state')).toBe('alert');
    expect(Number(await yongning.getByTestId('glance-climate').getAttribute('data-excursions'))).toBeGreaterThan(0);
    // 30 boxes of expired suppositories in the county's green zone, 48 boxes of condoms set apart at 杨和镇
    expect(await yongning.getByTestId('glance-expired').getAttribute('data-value')).toBe('78盒');
    expect(await yongning.getByTestId('glance-expired').textContent()).toBe('78 盒');
    const empty = city.locator('[data-testid="glance-row"][data-code="640104"]');
    expect(await empty.getByTestId('glance-value').textContent()).toBe('0.00');

    // Opening the county asks for its own tree: its townships, one level deeper.
    await city.getByTestId('glance-toggle-640121').click();
    const yanghe = city.locator('[data-testid="glance-row"][data-code="640121100"]');
    await yanghe.waitFor();
    expect(await yanghe.getAttribute('data-depth')).toBe('2');
    // 杨和镇: the expired lot set apart in its red zone and the request to write it off.
    expect(await yanghe.getByTestId('glance-expired').getAttribute('data-value')).toBe('48盒');
    expect(await yanghe.getByTestId('glance-write-offs').getAttribute('data-value')).toBe('1');
    expect(await yanghe.getAttribute('data-state')).toBe('attention');
    await app.shotFromTop('dash-tree', city);
    await fitsWidth(city);

    // A row's name opens that depot's overview: its tree only (it is not the user's depot).
    await yanghe.locator('.overview-name a').click();
    // The city's own overview stays ready until the route changes: wait for the township's.
    await city.locator('[data-testid="dashboard"][data-own="false"][data-state="ready"]').waitFor();
    expect(await city.getByTestId('panel-planning').count()).toBe(0);
    expect(await city.locator('[data-testid="glance-row"][data-code="640121100200"]').count()).toBe(1);
    expect(await city.getByTestId('depot-title').textContent()).toContain('杨和镇');

    // A phone: the same tree as cards, nothing wider than the screen.
    const phone = await logIn('city-leader', PHONE);
    await phone.getByTestId('panel-tree').waitFor();
    await phone.getByTestId('glance-toggle-640121').click();
    await phone.locator('[data-testid="glance-row"][data-code="640121100"]').waitFor();
    await app.shotFromTop('dash-tree-390', phone);
    await fitsWidth(phone);

    // English, everything translated.
    const english = await logIn('city-leader', WIDE, 'en');
    await english.getByTestId('lang-switch').selectOption('en');
    await english.getByTestId('panel-tree').waitFor();
    await expect.poll(() => english.getByTestId('panel-tree').textContent()).toContain('Depots below');
    // Nothing left in Chinese but the depots' names and what people typed, and no message key shown as itself.
    const text = await english.getByTestId('dashboard').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const name of copy.querySelectorAll('.overview-name a, .glance-self .muted, [data-testid="dash-missing-plan"], [data-testid="dash-missing-usage-depot"], .depot-name, .user-text')) name.remove();
      return copy.textContent ?? '';
    });
    expect(text).not.toMatch(/[\u4e00-\u9fff]/u);
    expect(text).not.toMatch(/\b(dash|label|button)\.[a-zA-Z]/);
    await app.shotFromTop('dash-en', english);
  }, 120_000);
});

/**
 * The depots' clock, not the browser's: the pages run in New York (UTC−5) while the server keeps
 * the default Asia/Shanghai; at 23:30 UTC on 4 December it is 18:30 on the 4th in New York and
 * 07:30 on the 5th in Ningxia. Whatever the page shows is Ningxia's.
 */
describe('a planner whose browser is set to New York', () => {
  const LATE_EVENING_UTC = Date.parse('2026-12-04T23:30:00Z');
  let ny: BrowserApp;
  beforeAll(async () => {
    ny = await startBrowserApp({ clockStart: LATE_EVENING_UTC, timezoneId: 'America/New_York', viewport: WIDE });
  });
  afterAll(async () => {
    await ny?.close();
  });

  it('finds the counted receipt of blisters and boxes waiting for the signature, signs it, and reads the signature as 5 December 07:30', async () => {
    const ids = ny.server.db.$client;
    const county = ids.prepare('select id from depots where code = ?').pluck().get('640121') as number;
    const product = (code: string) => ids.prepare('select id from products where code = ?').pluck().get(code) as number;
    const keeperApi = await apiAs('county-storekeeper', ny);
    const receipt = await keeperApi.post('/api/receipts', { depotId: county, supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'SH-2026-1205' });
    await keeperApi.post(`/api/receipts/${receipt.id}/scans`, { productId: product('KJ-0101'), lot: 'NY-PILL', expiresOn: '2028-06-30', quantity: 100 });
    await keeperApi.post(`/api/receipts/${receipt.id}/scans`, { productId: product('KJ-0104'), lot: 'NY-BOX', expiresOn: '2028-06-30', quantity: 20 });
    await keeperApi.post(`/api/receipts/${receipt.id}/count`);
    await keeperApi.post(`/api/receipts/${receipt.id}/sign`, { role: 'storekeeper' });
    await keeperApi.dispose();

    const planner = await ny.loggedInPage('county-planner');
    await ready(planner);
    // The browser's own calendar is still on the 4th; the page shows the depots' 5th.
    expect(await planner.evaluate(() => new Date().toString())).toMatch(/Dec 04 2026 18:30/);
    expect(await planner.locator('.dash-today').textContent()).toContain('2026-12-05');
    const card = planner.getByTestId('card-receipts-to-sign');
    expect(await card.getAttribute('data-count')).toBe('1');
    const item = planner.locator(`[data-testid="dash-receipt-to-sign"][data-number="${receipt.number}"]`);
    const line = await card.textContent();
    expect(line).toContain('保管员已签');
    expect(line).toContain('100 板 · 20 盒'); // never "120"
    expect(line).toMatch(/2026-12-05 07:3\d 清点/);
    await ny.shotFromTop('dash-planner-receipts-to-sign-ny', planner);

    await item.click();
    await planner.locator('[data-testid="receipt-screen"][data-status="counted"]').waitFor();
    expect(await planner.getByTestId('receipt-total').textContent()).toBe('100 板 · 20 盒');
    await planner.getByTestId('sign-planner').click();
    await planner.locator('[data-testid="receipt-screen"][data-status="effective"]').waitFor();
    const signatures = await planner.getByTestId('signatures').textContent();
    expect(signatures).toMatch(/计划管理员: .+ · 2026-12-05 07:3\d/);
    expect(signatures).not.toContain('2026-12-04');
    await ny.shotFromTop('receipt-signed-ny', planner);

    // Signed: gone from the dashboard.
    await planner.getByTestId('app-name').click();
    await ready(planner);
    expect(await planner.getByTestId('card-receipts-to-sign').getAttribute('data-count')).toBe('0');
  });
});
