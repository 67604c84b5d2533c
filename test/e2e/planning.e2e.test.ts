import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request, type Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

/**
 * Planning in Chromium, on a fixed day of the fourth quarter (the demand plans for 2027 are being
 * compiled; the allocation is due by the end of February 2027): the server's clock starts at
 * 09:30 in Ningxia on 23 November 2026 and runs on, the browser's calendar shows that day.
 */
const START = Date.parse('2026-11-23T01:30:00Z');

let app: BrowserApp;
beforeAll(async () => {
  // A plan left open reads itself again every 2 s (12 s in the product): the planner's screen shows the leader's signature sooner.
  app = await startBrowserApp({ clockStart: START, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 }, config: { liveRefreshSeconds: 2 } });
});
afterAll(async () => {
  await app?.close();
});

/** The planning tab of the user's own depot (from the home screen), for 2027. */
async function planningTab(page: Page) {
  await page.goto('/');
  await page.getByTestId('nav-planning').click();
  await page.locator('[data-testid="planning-screen"][data-year="2027"]').waitFor();
  await page.locator('[data-testid="demand-section"]:not([data-state="loading"])').waitFor();
}

const line = (page: Page, code: string) => page.locator(`[data-testid="demand-line"][data-product="${code}"]`);
const reasonRow = (page: Page, code: string) => page.locator(`[data-testid="reason-row"][data-product="${code}"]`);
const planStatus = (page: Page) => page.getByTestId('demand-plan-screen').getAttribute('data-status');
const planSigned = (page: Page) => page.getByTestId('demand-plan-screen').getAttribute('data-signed');

async function openOwnDemandPlan(page: Page) {
  await planningTab(page);
  const view = page.getByTestId('demand-view');
  if ((await view.count()) === 0) await page.getByTestId('demand-create').click();
  else await view.click();
  await page.getByTestId('demand-plan-screen').waitFor();
}

/** Sets a plan line's quantity and reason, and saves. */
async function changeQuantity(page: Page, code: string, quantity: string, reason: string) {
  await line(page, code).getByTestId('line-quantity').fill(quantity);
  await reasonRow(page, code).getByTestId('line-reason').fill(reason);
  await page.getByTestId('plan-save').click();
  await expect.poll(() => line(page, code).getAttribute('data-quantity')).toBe(quantity);
}

async function sign(leader: Page) {
  await leader.getByTestId('plan-sign').click();
  await expect.poll(() => planSigned(leader)).toBe('true');
}

async function submit(planner: Page) {
  await planner.reload();
  await expect.poll(() => planSigned(planner)).toBe('true');
  await planner.getByTestId('plan-submit').click();
  await expect.poll(() => planStatus(planner)).toBe('submitted');
}

describe('planning in Chromium', () => {
  it('a township plans, the county consolidates and returns once, the region allocates and issues; the transfer orders follow', async () => {
    // One pill cycle pack dispensed at the village this half-year (13 cycles: 2 users at 13 a year).
    const http = await request.newContext({ baseURL: app.server.url });
    const dispenser = await (await http.post('/api/auth/login', { data: { username: 'village-dispenser', password: DEMO_PASSWORD } })).json();
    const batchId = app.server.db.$client.prepare(`select b.id from batches b join products p on p.id = b.product_id where p.code = 'KJ-0101' and b.lot = '20250603'`).pluck().get() as number;
    // The village keeps a users register (the demo's): pills go to a registered person.
    const personId = app.server.db.$client.prepare(`select id from people where depot_id = ? and method = 'oral' and status = 'using' order by id`).pluck().get(dispenser.depot.id) as number;
    const dispensed = await http.post('/api/dispensings', { headers: { 'x-csrf-token': dispenser.csrfToken }, data: { depotId: dispenser.depot.id, raw: `FP1:B:${batchId}`, quantity: 13, packIntact: true, expiryChecked: true, personId } });
    expect(dispensed.status(), await dispensed.text()).toBe(201);
    await http.dispose();

    // ---- the township: users by method, its demand plan, one quantity changed with a reason ----
    const township = await app.loggedInPage('township-planner');
    await planningTab(township);
    expect(await township.getByTestId('demand-year-state').getAttribute('data-state')).toBe('open');
    await township.locator('[data-testid="usage-section"][data-state="ready"]').waitFor();
    expect(await township.getByTestId('usage-half').inputValue()).toBe('2');
    const oralUsers = township.locator('[data-testid="usage-row"][data-method="oral"]');
    expect(await oralUsers.getByTestId('usage-derived').textContent()).toBe('2');
    await township.getByTestId('usage-use-derived').click();
    expect(await oralUsers.getByTestId('usage-input').inputValue()).toBe('2');
    for (const [method, users] of [
      ['oral', '1000'],
      ['injectable', '120'],
      ['iud', '300'],
      ['condom', '400'],
    ]) {
      await township.locator(`[data-testid="usage-row"][data-method="${method}"]`).getByTestId('usage-input').fill(users);
    }
    expect(await oralUsers.getByTestId('usage-input').inputValue()).toBe('1000'); // the township knows better than one pack
    await township.getByTestId('usage-save').click();
    await township.getByTestId('usage-saved').waitFor();
    await app.shotFromTop('plan-township-tab', township);

    await township.getByTestId('demand-create').click();
    await township.getByTestId('demand-plan-screen').waitFor();
    const townshipPlanUrl = township.url();
    expect(await planStatus(township)).toBe('draft');
    expect(await township.getByTestId('demand-line').count()).toBe(16);
    // 1,000 pill users shared by the four oral products (none issued yet): 250 × 13 cycles, a quarter
    // more in stock, less 120 here and 11 left at the village
    const pills = line(township, 'KJ-0101');
    expect(await pills.getAttribute('data-proposed')).toBe('3932');
    expect(await pills.getByTestId('input-users').textContent()).toBe('250');
    expect(await pills.getByTestId('input-opening').textContent()).toBe('120');
    expect(await pills.getByTestId('input-below').textContent()).toBe('11');
    await pills.getByTestId('formula-toggle').click();
    const formula = township.locator('[data-testid="formula-row"][data-product="KJ-0101"]');
    expect(await formula.textContent()).toContain('使用人数 250 × 年人份标准用量 13');
    expect(await formula.textContent()).toContain('下级库存 11 = 3,931.5，向上取整且不小于 0：3,932');

    // A quantity other than the proposal asks for a reason before it can be saved.
    await pills.getByTestId('line-quantity').fill('17000');
    expect(await reasonRow(township, 'KJ-0101').getByTestId('line-error').textContent()).toContain('请填写原因');
    expect(await township.getByTestId('plan-save').isDisabled()).toBe(true);
    await changeQuantity(township, 'KJ-0101', '17000', '新增流动人口使用者');
    expect(await reasonRow(township, 'KJ-0101').getByTestId('line-reason').inputValue()).toBe('新增流动人口使用者');

    // Not signed yet: the server refuses the submission and the screen says why.
    await township.getByTestId('plan-submit').click();
    await expect.poll(() => township.getByTestId('plan-problem').getAttribute('data-code')).toBe('plan_not_signed');
    expect(await township.getByTestId('plan-problem').textContent()).toContain('须经主管领导签字');
    await app.shotFromTop('plan-township-demand', township);

    const townshipLeader = await app.loggedInPage('township-leader', { at: new URL(townshipPlanUrl).hash });
    await townshipLeader.getByTestId('demand-plan-screen').waitFor();
    expect(await townshipLeader.getByTestId('line-quantity').count()).toBe(0); // the leader signs, the planner edits
    await sign(townshipLeader);
    // The planner's screen, left open, shows the signature by itself (web/src/live.ts).
    await expect.poll(() => planSigned(township), { interval: 500 }).toBe('true');
    await submit(township);
    expect(await township.getByTestId('line-quantity').count()).toBe(0); // submitted: read-only
    expect(await line(township, 'KJ-0101').getByTestId('line-quantity-value').textContent()).toBe('17,000');
    expect(await reasonRow(township, 'KJ-0101').getByTestId('line-reason-value').textContent()).toContain('新增流动人口使用者');

    // The printed 避孕药具需求计划表.
    await townshipLeader.reload();
    await townshipLeader.getByTestId('demand-plan-screen').waitFor();
    await townshipLeader.emulateMedia({ media: 'print' });
    expect(await townshipLeader.getByTestId('demand-sheet').isVisible()).toBe(true);
    expect(await townshipLeader.getByTestId('plan-status-bar').isVisible()).toBe(false);
    expect(await townshipLeader.getByTestId('demand-sheet-leader').textContent()).toContain('杨和镇主管领导');
    await app.shotFromTop('plan-demand-print', townshipLeader);
    await townshipLeader.emulateMedia({ media: null });

    // ---- the county: sees who submitted, opens its plan, returns the township's once ----
    const county = await app.loggedInPage('county-planner');
    await planningTab(county);
    const children = county.getByTestId('child-plan');
    await expect.poll(() => children.count()).toBe(9);
    expect(await county.locator('[data-testid="child-plan"][data-code="640121100"]').getAttribute('data-status')).toBe('submitted');
    expect(await county.locator('[data-testid="child-plan"][data-status="none"]').count()).toBe(8);
    expect(await county.getByTestId('demand-children-count').textContent()).toBe('已上报 1 / 9');
    expect(await county.locator('[data-testid="breakdown-row"][data-product="KJ-0101"]').getByTestId('breakdown-total').textContent()).toBe('17,000');
    await app.shotFromTop('plan-county-tab', county);

    await county.getByTestId('demand-create').click();
    await county.getByTestId('demand-plan-screen').waitFor();
    const countyPlanUrl = county.url();
    // The township's 17,000 and a quarter of it in stock, less the county's 800.
    expect(await line(county, 'KJ-0101').getByTestId('input-children').textContent()).toBe('17,000');
    expect(await line(county, 'KJ-0101').getAttribute('data-proposed')).toBe(String(17_000 + 3_450));

    const countyLeader = await app.loggedInPage('county-leader');
    await planningTab(countyLeader);
    await countyLeader.locator('[data-testid="child-plan"][data-code="640121100"]').getByTestId('child-plan-open').click();
    await countyLeader.getByTestId('plan-review').waitFor();
    await countyLeader.getByTestId('plan-return-comment').fill('请核实流动人口数');
    await countyLeader.getByTestId('plan-return').click();
    await expect.poll(() => planStatus(countyLeader)).toBe('returned');

    // The township sees the comment, corrects, signs again and resubmits.
    await township.reload();
    await township.getByTestId('plan-returned').waitFor();
    expect(await township.getByTestId('plan-returned').textContent()).toContain('请核实流动人口数');
    expect(await planSigned(township)).toBe('false');
    await app.shotFromTop('plan-township-returned', township);
    await changeQuantity(township, 'KJ-0101', '16500', '核实后调整');
    await townshipLeader.reload();
    await sign(townshipLeader);
    await submit(township);
    // The township is done: its people log out (their pages go back to the app for the next login).
    await township.close();
    await townshipLeader.close();

    // The county reads the figures again (16,500 now), its leader signs, it submits; 8 townships are missing.
    await county.goto(countyPlanUrl);
    await county.getByTestId('demand-plan-screen').waitFor();
    await county.getByTestId('plan-refresh').click();
    await expect.poll(() => line(county, 'KJ-0101').getByTestId('input-children').textContent()).toBe('16,500');
    expect(await line(county, 'KJ-0101').getAttribute('data-proposed')).toBe(String(16_500 + 3_325));
    await line(county, 'KJ-0101').getByTestId('formula-toggle').click();
    expect(await county.locator('[data-testid="formula-row"][data-product="KJ-0101"]').textContent()).toContain('下级申请量 16,500 + 还需 3,325 = 19,825');
    await countyLeader.goto(countyPlanUrl);
    await sign(countyLeader);
    await submit(county);
    expect(await county.getByTestId('plan-missing-children').textContent()).toContain('有 8 个下级尚未上报');
    await app.shotFromTop('plan-county-demand', county);
    await county.close();
    await countyLeader.close();

    // ---- the city sends its plan up too, so that the region sees a request ----
    const city = await app.loggedInPage('city-planner');
    await openOwnDemandPlan(city);
    expect(await line(city, 'KJ-0101').getByTestId('input-children').textContent()).toBe('19,825');
    const cityPlanUrl = city.url();
    const cityLeader = await app.loggedInPage('city-leader', { at: new URL(cityPlanUrl).hash });
    await sign(cityLeader);
    await submit(city);
    await cityLeader.close();

    // ---- the region allocates: opens the 2027 plan, adjusts, is refused an over-allocation, issues ----
    const region = await app.loggedInPage('region-planner');
    await planningTab(region);
    expect(await region.getByTestId('allocation-deadline').textContent()).toContain('2027-02-28');
    expect(await region.getByTestId('allocation-late').count()).toBe(0);
    await region.getByTestId('allocation-create').click();
    await region.getByTestId('allocation-plan-screen').waitFor();
    const allocationUrl = region.url();
    const kj0101 = region.locator('[data-testid="allocation-product"][data-product="KJ-0101"]');
    const cell = (code: string) => kj0101.locator(`[data-testid="allocation-line"][data-child="${code}"]`);
    expect(await kj0101.getByTestId('allocation-available').textContent()).toContain('12,000');
    expect(await cell('6401').getByTestId('allocation-requested').textContent()).toBe('22,382');
    expect(await cell('6401').getByTestId('allocation-proposed').textContent()).toBe('12,000'); // all that is available
    expect(await cell('6402').count()).toBe(0); // the cities that asked nothing and used nothing are folded away
    await kj0101.getByTestId('allocation-show-quiet').click();
    expect(await cell('6402').getByTestId('allocation-proposed').textContent()).toBe('0');

    await cell('6401').getByTestId('allocation-input').fill('10000');
    await cell('6401').getByTestId('allocation-reason').fill('留 2,000 给石嘴山市');
    await cell('6402').getByTestId('allocation-input').fill('2000');
    await region.getByTestId('allocation-save').click();
    await expect.poll(() => cell('6401').getAttribute('data-allocated')).toBe('10000');
    expect(await cell('6402').getAttribute('data-allocated')).toBe('2000');

    await cell('6402').getByTestId('allocation-input').fill('5000');
    expect(await kj0101.getAttribute('data-over')).toBe('true');
    expect(await kj0101.getByTestId('allocation-over').textContent()).toContain('3,000');
    await region.getByTestId('allocation-save').click();
    await expect.poll(() => region.getByTestId('allocation-problem').getAttribute('data-code')).toBe('exceeds_available');
    expect(await region.getByTestId('allocation-over-detail').textContent()).toContain('分配合计 15,000，可分配 12,000');
    await app.shotFromTop('plan-region-over', region, 1500);
    await cell('6402').getByTestId('allocation-input').fill('2000');
    expect(await kj0101.getAttribute('data-over')).toBe('false');
    expect(await region.getByTestId('allocation-issue').count()).toBe(0); // the leader issues
    await region.close();

    const regionLeader = await app.loggedInPage('region-leader', { at: new URL(allocationUrl).hash });
    await regionLeader.getByTestId('allocation-plan-screen').waitFor();
    await regionLeader.getByTestId('allocation-issue').click();
    await regionLeader.getByTestId('allocation-issue-confirm').click();
    await expect.poll(() => regionLeader.getByTestId('allocation-plan-screen').getAttribute('data-status')).toBe('issued');
    const orders = regionLeader.getByTestId('allocation-order');
    await expect.poll(() => orders.count()).toBe(2);
    const progress = regionLeader.locator('[data-testid="progress-row"][data-child="6401"][data-product="KJ-0101"]');
    expect(await progress.getAttribute('data-dispatched')).toBe('0');
    await app.shotFromTop('plan-allocation-issued', regionLeader, 1700);

    await regionLeader.emulateMedia({ media: 'print' });
    expect(await regionLeader.getByTestId('allocation-sheet').isVisible()).toBe(true);
    expect(await regionLeader.getByTestId('allocation-sheet-leader').textContent()).toContain('宁夏回族自治区主管领导');
    await app.shotFromTop('plan-allocation-print', regionLeader);
    await regionLeader.emulateMedia({ media: null });

    await regionLeader.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => regionLeader.getByTestId('allocation-title').textContent()).toContain('Allocation plan 2027');
    await app.shotFromTop('plan-allocation-en', regionLeader, 1700);
    await regionLeader.getByTestId('lang-switch').selectOption('zh-CN');

    // ---- the transfer orders: planned, approved, and at the city among its incoming ones ----
    const toCity = regionLeader.locator('[data-testid="allocation-order"]', { hasText: '银川市' });
    const number = (await toCity.getByTestId('allocation-order-link').textContent())!.replace('调拨单', '').trim();
    await toCity.getByTestId('allocation-order-link').click();
    await regionLeader.getByTestId('order-screen').waitFor();
    expect(await regionLeader.getByTestId('order-status').first().getAttribute('data-status')).toBe('approved');
    expect(await regionLeader.getByTestId('order-route').textContent()).toContain('按分配计划');
    expect(await regionLeader.getByTestId('order-route').textContent()).toContain('FP-64-2027');
    await app.shotFromTop('plan-order', regionLeader);

    const cityKeeper = await app.loggedInPage('city-storekeeper');
    await cityKeeper.getByTestId('nav-transfers').click();
    const incoming = cityKeeper.locator(`[data-testid="transfer-row"][data-number="${number}"]`);
    await incoming.waitFor();
    expect(await incoming.getAttribute('data-direction')).toBe('in');
    expect(await incoming.getAttribute('data-status')).toBe('approved');
    await app.shotFromTop('plan-city-transfers', cityKeeper);

    // The city's planning tab shows what the region allocated to it.
    await planningTab(city);
    const mine = city.locator('[data-testid="allocated-to-me-row"][data-product="KJ-0101"]');
    await mine.waitFor();
    expect(await mine.textContent()).toContain('10,000');
    await app.shotFromTop('plan-city-tab', city);
  }, 240_000);
});
