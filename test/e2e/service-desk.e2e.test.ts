import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from '../helpers/browser.ts';
import { expectAccessible } from '../helpers/a11y.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

/** A fixed day: the server's clock starts at 09:30 in Ningxia on 23 November 2026 and runs on. */
const START = Date.parse('2026-11-23T01:30:00Z');

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ clockStart: START, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await app?.close();
});

const sql = () => app.server.db.$client;
const depotId = (code: string) => sql().prepare('select id from depots where code = ?').pluck().get(code) as number;
const userId = (username: string) => sql().prepare('select id from users where username = ?').pluck().get(username) as number;
/** A document made through the API as a demo user, where the journey needs one the demo lacks. */
async function postAs<T>(username: string, path: string, data: unknown): Promise<T> {
  const http = await request.newContext({ baseURL: app.server.url });
  try {
    const me = await (await http.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })).json();
    const res = await http.post(path, { headers: { 'x-csrf-token': me.csrfToken }, data });
    if (res.status() !== 201) throw new Error(`POST ${path} as ${username}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  } finally {
    await http.dispose();
  }
}

describe('the service desk in Chromium (首问负责, 限期办结; issue 22 item 7)', () => {
  it('a township storekeeper records a complaint from a member of the public, hands it over to the leader, who accepts and resolves it with satisfaction; the monthly summary counts it', async () => {
    const township = depotId('640121100');
    // A lot on the township's shelf that travels on our own batch label (no GTIN).
    const batchId = sql()
      .prepare(`select s.batch_id from stock_balances s join batches b on b.id = s.batch_id join products p on p.id = b.product_id where s.depot_id = ? and s.quantity > 0 and p.gtin is null order by s.batch_id limit 1`)
      .pluck()
      .get(township) as number;

    const keeper = await app.loggedInPage('township-storekeeper');
    await keeper.getByTestId('nav-serviceDesk').click();
    await keeper.locator('[data-testid="sd-requests"][data-state="ready"]').waitFor();
    await keeper.getByTestId('sd-new').click();
    await keeper.getByTestId('sd-form').waitFor();
    await keeper.getByTestId('sd-kind').selectOption('complaint');
    await keeper.getByTestId('sd-channel').selectOption('distribution_point');
    await keeper.getByTestId('sd-name').fill('李桂兰');
    await keeper.getByTestId('sd-phone').fill('13995001234');
    await keeper.getByTestId('sd-subject').fill('领到的药具外包装破损');
    await keeper.getByTestId('sd-text').fill('在杨和镇发放点领取的避孕药具外包装破损，担心质量问题。');
    await keeper.getByTestId('sd-lot').fill(`FP1:B:${batchId}`);
    await keeper.getByTestId('sd-lot').press('Enter');
    await keeper.getByTestId('sd-lot-found').waitFor();
    // A storekeeper keeps no users register: no search of it here.
    expect(await keeper.getByTestId('sd-person').count()).toBe(0);
    await app.shotFromTop('service-desk-01-new-complaint', keeper);
    await keeper.getByTestId('sd-save').click();

    // The request: the storekeeper received it and owns it; the requester's contact shows here.
    await keeper.locator('[data-testid="sd-request"][data-state="ready"]').waitFor();
    expect(await keeper.getByTestId('sd-request').getAttribute('data-owner')).toBe(String(userId('township-storekeeper')));
    expect(await keeper.getByTestId('sd-requester').textContent()).toContain('13995001234');
    expect(await keeper.getByTestId('sd-links').textContent()).toContain('批号');
    const requestUrl = new URL(keeper.url()).hash;

    // Handed over to the township's leader: still the storekeeper's until the leader accepts.
    await keeper.getByTestId('sd-handover-to').selectOption(String(userId('township-leader')));
    await keeper.getByTestId('sd-handover-note').fill('涉及药具质量，请领导处理');
    await keeper.getByTestId('sd-handover-send').click();
    await keeper.getByTestId('sd-handover-waiting').waitFor();
    await app.shotFromTop('service-desk-02-handed-over', keeper);

    // The leader sees it offered among their requests, accepts it, replies and resolves it.
    const leader = await app.loggedInPage('township-leader', { at: `#/home/${township}` });
    // The demo's unanswered phone question is past its 24 hours: on the leader's overview.
    await expect.poll(() => leader.getByTestId('card-service-overdue').getAttribute('data-count')).toBe('1');
    await app.shotFromTop('service-desk-03-leader-overview', leader);
    await leader.getByTestId('nav-serviceDesk').click();
    await leader.locator('[data-testid="sd-requests"][data-state="ready"]').waitFor();
    const row = leader.locator('[data-testid="sd-row"]', { hasText: '领到的药具外包装破损' });
    await row.getByTestId('sd-open').click();
    await leader.getByTestId('sd-offered').waitFor();
    await leader.getByTestId('sd-accept').click();
    await expect.poll(() => leader.getByTestId('sd-request').getAttribute('data-owner')).toBe(String(userId('township-leader')));
    expect(await leader.getByTestId('sd-first-owner').textContent()).toContain('库房管理员');
    await leader.getByTestId('sd-reply-text').fill('已收到，今天核查该批号并回电。');
    await leader.getByTestId('sd-reply-send').click();
    await expect.poll(() => leader.getByTestId('sd-request').getAttribute('data-status')).toBe('replied');
    await leader.getByTestId('sd-resolution-text').fill('该批号抽查合格，外包装为运输挤压；已为本人更换完好包装并致歉。');
    await leader.getByTestId('sd-satisfaction-select').selectOption('satisfied');
    await leader.getByTestId('sd-resolve-send').click();
    await expect.poll(() => leader.getByTestId('sd-request').getAttribute('data-status')).toBe('closed');
    expect(await leader.getByTestId('sd-satisfaction').textContent()).toBe('满意');
    expect(await leader.getByTestId('sd-resolve-form').count()).toBe(0);
    await app.shotFromTop('service-desk-04-resolved', leader);

    // The storekeeper no longer acts on it.
    expect(new URL(keeper.url()).hash).toBe(requestUrl);
    await keeper.reload();
    await keeper.locator('[data-testid="sd-request"][data-state="ready"]').waitFor();
    expect(await keeper.getByTestId('sd-request').getAttribute('data-status')).toBe('closed');
    expect(await keeper.getByTestId('sd-handover-form').count()).toBe(0);

    // The monthly summary: this complaint and the demo's closed one, both on time and satisfied.
    await leader.goto(`/#/service-desk/${township}?view=summary&month=2026-11`);
    await leader.locator('[data-testid="sd-summary"][data-state="ready"]').waitFor();
    const complaints = leader.locator('[data-testid="report-table"] tbody tr', { hasText: '投诉' });
    const cells = async () => (await complaints.locator('td, th').allTextContents()).map((c) => c.trim());
    await expect.poll(async () => (await cells()).slice(2, 7)).toEqual(['2', '2', '0', '2', '0']);
    expect(await leader.getByTestId('sd-summary-xlsx').getAttribute('href')).toContain('format=xlsx');
    await app.shotFromTop('service-desk-05-summary', leader);
  });

  it('a township dispenser links a request to a transfer order, a person on the register and an adverse-reaction report; the county reads the person by case number only', async () => {
    const township = depotId('640121100');
    const village = depotId('640121100200');
    const person = sql().prepare(`select id, case_number as caseNumber, name from people where depot_id = ? and name = '李秀英'`).get(village) as { id: number; caseNumber: string; name: string };
    // The demo has neither transfer orders nor adverse-reaction reports: the county's planner drafts
    // an order to the township, and the village's dispenser files a report on a lot of condoms (our own batch label).
    const productId = sql().prepare(`select id from products where code = 'KJ-0101'`).pluck().get() as number;
    const condoms = sql().prepare(`select b.id from batches b join products p on p.id = b.product_id where p.code = 'KJ-0701' and b.lot = '20240815'`).pluck().get() as number;
    const order = await postAs<{ id: number; number: string }>('county-planner', '/api/transfer-orders', { fromDepotId: depotId('640121'), toDepotId: township, basis: 'temporary', note: '杨和镇临时需求', lines: [{ productId, quantity: 10 }] });
    const report = await postAs<{ id: number; number: string }>('village-dispenser', '/api/adverse-reactions', {
      depotId: village,
      birthYear: 1990,
      community: '王太村三组',
      raw: `FP1:B:${condoms}`,
      useStartedOn: '2026-09-01',
      onsetOn: '2026-11-18',
      description: '使用后局部红肿',
      outcome: 'improving',
      criteria: [],
    });

    const dispenser = await app.loggedInPage('township-dispenser', { at: `#/service-desk/${township}?new=1` });
    await dispenser.getByTestId('sd-form').waitFor();
    await dispenser.getByTestId('sd-kind').selectOption('question');
    await dispenser.getByTestId('sd-channel').selectOption('distribution_point');
    await dispenser.getByTestId('sd-anonymous').check();
    await dispenser.getByTestId('sd-subject').fill('询问上次调拨的药具何时到村');
    await dispenser.getByTestId('sd-text').fill('王太村的服务对象询问口服避孕药何时到货，并反映用药后局部红肿。');
    // The order: the township's newest, shown with the other depot and its date.
    await expect.poll(() => dispenser.locator(`[data-testid="sd-order"] option[value="${order.id}"]`).count()).toBe(1);
    expect(await dispenser.locator(`[data-testid="sd-order"] option[value="${order.id}"]`).textContent()).toMatch(new RegExp(`^${order.number} · (发往|来自) .+ · 2026-\\d\\d-\\d\\d$`));
    await dispenser.getByTestId('sd-order').selectOption(String(order.id));
    // The person, found on the register by case number; the dispenser of the township sees her name.
    await dispenser.getByTestId('sd-person').getByTestId('person-search').fill(person.caseNumber);
    await dispenser.locator(`[data-testid="person-match"][data-case="${person.caseNumber}"]`).click();
    await expect.poll(() => dispenser.getByTestId('person-chosen').textContent()).toContain(person.caseNumber);
    // The reports are read only when asked for.
    await dispenser.getByTestId('sd-adverse-reaction-load').click();
    await dispenser.getByTestId('sd-adverse-reaction').selectOption(String(report.id));
    await app.shotFromTop('service-desk-06-new-with-links', dispenser);
    await dispenser.getByTestId('sd-save').click();

    await dispenser.locator('[data-testid="sd-request"][data-state="ready"]').waitFor();
    const requestHash = new URL(dispenser.url()).hash;
    expect(await dispenser.getByTestId('sd-link-order').textContent()).toBe(`调拨单 ${order.number}`);
    expect(await dispenser.getByTestId('sd-link-order').getAttribute('href')).toBe(`#/transfer/${order.id}`);
    expect(await dispenser.getByTestId('sd-link-person').textContent()).toBe(`花名册 ${person.caseNumber}`);
    expect(await dispenser.getByTestId('sd-link-person').getAttribute('href')).toBe(`#/person/${person.id}`);
    expect(await dispenser.getByTestId('sd-link-adverse-reaction').textContent()).toBe(`不良反应报告 ${report.number}`);
    expect(await dispenser.getByTestId('sd-link-adverse-reaction').getAttribute('href')).toBe(`#/adverse-reaction/${report.id}`);
    await app.shotFromTop('service-desk-07-request-links', dispenser);

    // The county above reads the request, here in English: the person by case number, never by name.
    const county = await app.loggedInPage('county-leader');
    await county.getByTestId('lang-switch').selectOption('en');
    await county.goto(`/${requestHash}`);
    await county.locator('[data-testid="sd-request"][data-state="ready"]').waitFor();
    expect(await county.getByTestId('sd-link-person').textContent()).toBe(`Person’s record ${person.caseNumber}`);
    expect(await county.getByTestId('sd-links').textContent()).toBe(`Links: Transfer order ${order.number}; Person’s record ${person.caseNumber}; Adverse reaction report ${report.number}`);
    expect(await county.getByTestId('sd-request').textContent()).not.toContain(person.name);
    await county.getByTestId('sd-link-order').click();
    await county.getByTestId('order-screen').waitFor();
    await county.goBack();
    await county.locator('[data-testid="sd-request"][data-state="ready"]').waitFor();
    await app.shotFromTop('service-desk-08-request-links-county', county);

    // The form's links in English, the reports' list opened and the register's search shown: WCAG 2.1 AA as everywhere.
    await county.close();
    await dispenser.getByTestId('lang-switch').selectOption('en');
    await dispenser.goto(`/#/service-desk/${township}?new=1`);
    await dispenser.getByTestId('sd-adverse-reaction-load').click();
    await expect.poll(() => dispenser.locator('[data-testid="sd-adverse-reaction"] option').count()).toBe(2);
    await app.shotFromTop('service-desk-09-new-links-en', dispenser);
    await expectAccessible(dispenser, 'township-dispenser new request with its links');
  });

  it('the township follows the request it made of the county: listed under 向上级提出的事项, read there, replied to by the county', async () => {
    const township = depotId('640121100');
    // The township's storekeeper phoned the county; the county's planner recorded it, and owns it.
    const asked = await postAs<{ id: number; number: string }>('county-planner', '/api/service-requests', {
      depotId: depotId('640121'),
      kind: 'supplies',
      channel: 'depot_below',
      requester: { kind: 'depot', depotId: township },
      subject: '申请补充口服避孕药',
      text: '本季度复方左炔诺孕酮片发放量大，请随下次调拨补充 200 板。',
    });
    const keeper = await app.loggedInPage('township-storekeeper', { at: `#/service-desk/${township}` });
    await keeper.getByTestId('sd-view-asked').click();
    const row = keeper.locator(`[data-testid="sd-row"][data-request="${asked.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('sd-status').getAttribute('data-status')).toBe('open');
    await expectAccessible(keeper, 'township-storekeeper requests asked of the county');
    await app.shotFromTop('service-desk-10-asked', keeper);
    await row.getByTestId('sd-open').click();
    await keeper.locator('[data-testid="sd-request"][data-state="ready"]').waitFor();
    expect(await keeper.getByTestId('sd-request').textContent()).toContain(asked.number);
    // Following is not acting: no reply, hand-over or resolution here.
    expect(await keeper.getByTestId('sd-handover-form').count()).toBe(0);
    expect(await keeper.getByTestId('sd-reply-form').count()).toBe(0);
    // The county replies; the township reads the reply, and its way back is its own desk.
    const reply = await app.loggedInPage('county-planner', { at: `#/service-request/${asked.id}` });
    await reply.getByTestId('sd-reply-text').fill('已安排，随本周调拨单补发');
    await reply.getByTestId('sd-reply-send').click();
    await expect.poll(() => reply.getByTestId('sd-request').getAttribute('data-status')).toBe('replied');
    await reply.close();
    await keeper.reload();
    await expect.poll(() => keeper.getByTestId('sd-request').getAttribute('data-status')).toBe('replied');
    expect(await keeper.getByTestId('sd-request').textContent()).toContain('已安排，随本周调拨单补发');
    await app.shotFromTop('service-desk-11-asked-replied', keeper);
    await keeper.getByTestId('sd-back').click();
    await keeper.locator('[data-testid="sd-requests"][data-state="ready"]').waitFor();
    expect(new URL(keeper.url()).hash).toBe(`#/service-desk/${township}?view=asked`);
    await keeper.close();
  });
});
