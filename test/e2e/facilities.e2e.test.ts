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

describe('facilities and equipment in Chromium (S0:304-332, 450-461; issue 22 items 4-5)', () => {
  it('the township leader fills the profile and sees a gap; a storekeeper asks to replace the computer, the leader approves; a maintenance line is logged and printed', async () => {
    const township = depotId('640121100');

    // The township leader fills in the facility profile: a small store with a cabinet, no extinguisher.
    const leader = await app.loggedInPage('township-leader');
    await leader.getByTestId('nav-facilities').click();
    await leader.locator('[data-testid="facilities-screen"][data-state="ready"]').waitFor();
    expect(await leader.getByTestId('facility-profile').getAttribute('data-filled')).toBe('false');
    await leader.getByTestId('facility-edit').click();
    await leader.getByTestId('facility-office').fill('24');
    await leader.getByTestId('facility-store').fill('10');
    for (const item of ['sign', 'display', 'supply_cabinet']) await leader.getByTestId(`facility-item-${item}`).check();
    await leader.getByTestId('facility-note').fill('药具室一间，配药具柜两组');
    await app.shotFromTop('facilities-01-profile-form', leader);
    await leader.getByTestId('facility-save').click();
    await expect.poll(() => leader.getByTestId('facility-profile').getAttribute('data-filled')).toBe('true');
    const gaps = leader.getByTestId('facility-gap');
    await expect.poll(() => gaps.count()).toBe(1);
    expect(await gaps.first().textContent()).toContain('灭火设备');
    expect(await leader.getByTestId('facility-met').textContent()).toContain('5 / 6');
    await leader.getByTestId('facility-history').locator('summary').click();
    expect(await leader.getByTestId('facility-history').textContent()).toContain('办公面积');
    await app.shotFromTop('facilities-02-profile-gap', leader);

    // The gap is on the township's overview.
    await leader.goto(`/#/home/${township}`);
    await expect.poll(() => leader.getByTestId('card-facility-gaps').getAttribute('data-count')).toBe('1');
    expect(await leader.getByTestId('dash-facility-gap').textContent()).toContain('灭火设备');
    await app.shotFromTop('facilities-03-overview', leader);

    // The storekeeper asks to replace the township's computer (on the register from the demo).
    const keeper = await app.loggedInPage('township-storekeeper');
    await keeper.getByTestId('nav-facilities').click();
    await keeper.locator('[data-testid="facilities-screen"][data-state="ready"]').waitFor();
    expect(await keeper.getByTestId('facility-edit').count()).toBe(0);
    await keeper.getByTestId('equipment-row').first().getByTestId('equipment-replace').click();
    await keeper.getByTestId('equipment-request-form').waitFor();
    expect(await keeper.getByTestId('equipment-request-kind').inputValue()).toBe('replace');
    await keeper.getByTestId('equipment-new-model').fill('联想 扬天 M4000');
    await keeper.getByTestId('equipment-new-serial').fill('PC-2026-008');
    await keeper.getByTestId('equipment-request-reason').fill('原计算机主板故障，维修费用高于更换');
    await app.shotFromTop('facilities-04-request', keeper);
    await keeper.getByTestId('equipment-request-submit').click();
    const request = keeper.getByTestId('equipment-request').first();
    await expect.poll(() => request.getAttribute('data-status')).toBe('pending');
    // The storekeeper cannot approve; they may withdraw their own request.
    expect(await request.getByTestId('equipment-approve').count()).toBe(0);
    expect(await request.getByTestId('equipment-withdraw').count()).toBe(1);

    // The leader approves: the old computer leaves the register, the new one is in service.
    await leader.getByTestId('nav-facilities').click();
    await leader.locator('[data-testid="facilities-screen"][data-state="ready"]').waitFor();
    const pending = leader.locator('[data-testid="equipment-request"][data-status="pending"]');
    await pending.getByTestId('equipment-approve').click();
    await expect.poll(() => leader.getByTestId('equipment-request').first().getAttribute('data-status')).toBe('approved');
    const statuses = await leader.getByTestId('equipment-status').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses).toEqual(['in_service', 'replaced']);
    await app.shotFromTop('facilities-05-approved', leader);

    // The storekeeper logs maintenance on the new computer and prints the log.
    await keeper.reload();
    await keeper.locator('[data-testid="facilities-screen"][data-state="ready"]').waitFor();
    await keeper.getByTestId('equipment-row').first().getByTestId('equipment-open').click();
    await keeper.locator('[data-testid="equipment-screen"][data-state="ready"]').waitFor();
    await keeper.getByTestId('maintenance-work').fill('安装杀毒软件并检查电源接地（S0:453, 459）');
    await keeper.getByTestId('maintenance-by').fill('杨和镇库房管理员');
    await keeper.getByTestId('maintenance-result').fill('运行正常');
    await keeper.getByTestId('maintenance-save').click();
    await expect.poll(() => keeper.getByTestId('maintenance-row').count()).toBe(1);
    await app.shotFromTop('facilities-06-maintenance', keeper);
    const href = await keeper.getByTestId('equipment-print').getAttribute('href');
    expect(href).toMatch(/^\/api\/equipment\/\d+\/maintenance-log\?format=html&lang=zh-CN$/);
    await keeper.goto(href!);
    expect(await keeper.locator('h1').textContent()).toBe('信息设备维护记录表');
    const text = await keeper.locator('body').textContent();
    expect(text).toContain('安装杀毒软件');
    expect(text).toContain('PC-2026-008');
    await app.shot('facilities-07-log-printed', keeper);
  });
});
