import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowserApp, type BrowserApp } from '../helpers/browser.ts';

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
    const leader = await app.loggedInPage('township-leader');
    await leader.goto(`/#/home/${township}`);
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
});
