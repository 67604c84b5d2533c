import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from '../helpers/browser.ts';
import { DEMO_DEPOTS } from '../../seed/demo.ts';

/** A fixed day: the server's clock starts at 09:30 in Ningxia on 23 November 2026 and runs on. */
const START = Date.parse('2026-11-23T01:30:00Z');
const NEW_PASSWORD = 'Tr41ning-pass';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ clockStart: START, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await app?.close();
});

const sql = () => app.server.db.$client;
const depotId = (code: string) => sql().prepare('select id from depots where code = ?').pluck().get(code) as number;
const cadenceRow = (page: Page, kind: string) => page.locator(`[data-testid="cadence-row"][data-depot="${DEMO_DEPOTS.township}"][data-kind="${kind}"]`);

/** The county's admin makes a township storekeeper through the users API, as the users screen does. */
async function createUserAsCountyAdmin() {
  const admin = await app.loggedInPage('county-admin');
  const me = await (await admin.request.get('/api/auth/me')).json();
  const res = await admin.request.post('/api/users', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { username: 'new-keeper', displayName: '新保管员', password: NEW_PASSWORD, depotId: depotId(DEMO_DEPOTS.township), roles: ['storekeeper'] },
  });
  expect(res.status()).toBe(201);
  await admin.close();
}

async function loginNewUser() {
  const page = await app.browser.newPage({ baseURL: app.server.url, viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await page.clock.setFixedTime(new Date(START));
  const login = await page.request.post('/api/auth/login', { data: { username: 'new-keeper', password: NEW_PASSWORD } });
  expect(login.status()).toBe(200);
  await page.goto('/');
  await page.getByTestId('user-menu').waitFor();
  return page;
}

async function openReceipt(page: Page) {
  await page.goto(`/#/receipts/${depotId(DEMO_DEPOTS.township)}`);
  await page.getByTestId('receipt-supplier').fill('桂林紫竹乳胶制品有限公司');
  await page.getByTestId('receipt-note').fill('GL-2026-1123');
  await page.getByTestId('receipt-open').click();
}

describe('training and public education in Chromium (培训与宣传, S0:462-472; issue 22 items 1-3)', () => {
  it('a new user is refused until trained; the township records a training naming them, the overdue list changes and the user can work', async () => {
    // The demo township held one training and one education session this year: both overdue.
    const leader = await app.loggedInPage('township-leader');
    await leader.getByTestId('nav-training').click();
    await leader.getByTestId('training-view-cadence').click();
    await leader.locator('[data-testid="cadence-list"][data-state="ready"]').waitFor();
    await expect.poll(() => cadenceRow(leader, 'staff_training').count()).toBe(1);
    expect(await cadenceRow(leader, 'public_education').count()).toBe(1);
    await app.shotFromTop('training-01-overdue', leader);

    // A new storekeeper, made through the users API, holds no active role yet.
    await createUserAsCountyAdmin();
    const keeper = await loginNewUser();
    await keeper.getByTestId('training-required').waitFor();
    await openReceipt(keeper);
    await expect.poll(() => keeper.getByTestId('problem').getAttribute('data-code')).toBe('training_required');
    await app.shotFromTop('training-02-new-user-refused', keeper);

    // The township leader records a training with the new storekeeper, a village dispenser and a group's dispenser by name.
    await leader.getByTestId('training-view-trainings').click();
    await leader.locator('[data-testid="training-list"][data-state="ready"]').waitFor();
    expect(await leader.getByTestId('training-row').count()).toBe(1);
    await leader.getByTestId('training-new').click();
    await leader.getByTestId('training-title').fill('新任人员岗前培训');
    await leader.getByTestId('training-trainer').fill('杨和镇药具管理员');
    await leader.getByTestId('topic-supplies_knowledge').check();
    await leader.getByTestId('topic-business_skills').check();
    await leader.getByTestId('training-materials').fill('《药具发放手册》');
    await leader.getByTestId('attendee-search').fill('new-keeper');
    await leader.locator('[data-testid="attendee-add"][data-user="new-keeper"]').click();
    await leader.getByTestId('attendee-search').fill('village-dispenser');
    await leader.locator('[data-testid="attendee-add"][data-user="village-dispenser"]').click();
    await leader.getByTestId('outside-name').fill('王二组发放员');
    await leader.getByTestId('outside-depot').selectOption(String(depotId(DEMO_DEPOTS.village)));
    await leader.getByTestId('outside-add').click();
    expect(await leader.getByTestId('attendee').count()).toBe(3);
    await app.shotFromTop('training-03-form', leader);
    await leader.getByTestId('training-save').click();
    await expect.poll(() => leader.getByTestId('training-row').count()).toBe(2);
    expect(await leader.getByTestId('training-row').first().textContent()).toContain('新保管员');
    await app.shotFromTop('training-04-list', leader);

    // Two trainings within the year: the township's staff training is no longer overdue; its public education still is.
    await leader.getByTestId('training-view-cadence').click();
    await leader.locator('[data-testid="cadence-list"][data-state="ready"]').waitFor();
    await expect.poll(() => cadenceRow(leader, 'staff_training').count()).toBe(0);
    expect(await cadenceRow(leader, 'public_education').count()).toBe(1);
    await leader.getByTestId('cadence-all').check();
    await expect.poll(() => cadenceRow(leader, 'staff_training').getAttribute('data-overdue')).toBe('false');
    await app.shotFromTop('training-05-cadence-after', leader);

    // Named by the training, the storekeeper works.
    await keeper.reload();
    await keeper.getByTestId('user-menu').waitFor();
    expect(await keeper.getByTestId('training-required').count()).toBe(0);
    await openReceipt(keeper);
    await keeper.getByTestId('receipt-screen').waitFor();
  });

  it('the county reads the cadence over its subtree: only the township is overdue, for its public education', async () => {
    const leader = await app.loggedInPage('county-leader', { at: `#/training/${depotId(DEMO_DEPOTS.county)}?view=cadence&scope=subtree` });
    await leader.locator('[data-testid="cadence-list"][data-state="ready"]').waitFor();
    await expect.poll(() => leader.getByTestId('cadence-row').count()).toBe(1);
    expect(await cadenceRow(leader, 'public_education').count()).toBe(1);
    await app.shotFromTop('training-06-county-subtree', leader);
  });
});
