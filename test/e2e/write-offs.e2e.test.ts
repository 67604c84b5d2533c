import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { SCREENSHOTS, startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

let app: BrowserApp;
beforeAll(async () => {
  // A request left open reads itself again every 2 s (12 s in the product): the township's screen shows the county's decision sooner.
  app = await startBrowserApp({ timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 }, config: { liveRefreshSeconds: 2 } });
});
afterAll(async () => {
  await app?.close();
});

const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
const statusOf = (page: Page) => page.getByTestId('write-off-screen').getAttribute('data-status');

/** Opens a hash route afresh (a page already showing it reads it again). */
async function open(page: Page, hash: string) {
  await page.goto(`/${hash}`);
  await page.reload();
}

async function openQualityTab(page: Page) {
  await page.getByTestId('nav-quality').click();
  await page.locator('[data-testid="write-offs-section"][data-state="ready"]').waitFor();
}

/**
 * The one question before a write-off step: it names each lot, its quantity and what becomes of it
 * (one lot here, so its line is checked whole but for the product's name), then is confirmed.
 */
async function confirmWriteOff(page: Page, testid: string, starts: string, ends: string) {
  const dialog = page.getByTestId(testid);
  await dialog.waitFor();
  const lines = await dialog.getByTestId('wo-consequence').allTextContents();
  expect(lines).toHaveLength(1);
  expect(lines[0]!.startsWith(starts) && lines[0]!.endsWith(ends), lines[0]).toBe(true);
  await dialog.getByTestId('dialog-confirm').click();
  await expect.poll(() => dialog.count()).toBe(0);
}

describe('non-conforming stock in Chromium (S0:419-422)', () => {
  it('the township inspector requests a write-off, the county returns it once then approves, two people witness its destruction, and both forms print', async () => {
    // The township's home screen: the expired lot set apart in its red zone shows in the expiry line.
    const inspector = await app.loggedInPage('township-inspector');
    const card = inspector.getByTestId('expiry-card');
    await card.waitFor();
    expect(await card.getAttribute('data-expired')).toBe('48盒');
    expect(await card.textContent()).toContain('过期 48 盒');
    await app.shotFromTop('wo-home-expiry-card', inspector);

    // The demo's request of the storekeeper is withdrawn first: its 48 become free again.
    await openQualityTab(inspector);
    const demo = inspector.locator('[data-testid="write-off-row"][data-number="BS-640121100-0001"]');
    expect(await demo.getAttribute('data-status')).toBe('submitted');
    await app.shotFromTop('wo-tab-township', inspector);
    await demo.click();
    await expect.poll(() => statusOf(inspector)).toBe('submitted');
    await inspector.getByTestId('write-off-withdraw').click();
    // Final: asked once in a dialog, whose first button keeps the request.
    await expect.poll(() => inspector.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('dialog-cancel');
    await app.shot('wo-withdraw-dialog', inspector);
    await inspector.getByTestId('write-off-withdraw-dialog').getByTestId('dialog-confirm').click();
    await expect.poll(() => statusOf(inspector)).toBe('withdrawn');

    // A new request from the red zone: asking 49 of the 48 there is refused, 48 is taken.
    await inspector.getByTestId('write-off-back').click();
    await inspector.getByTestId('write-off-new').click();
    const lot = inspector.locator('[data-testid="red-lot"][data-lot="20231020"]');
    await lot.waitFor();
    expect(await lot.getAttribute('data-free')).toBe('48');
    await lot.getByTestId('red-lot-add').click();
    const line = inspector.locator('[data-testid="write-off-line"][data-lot="20231020"]');
    expect(await line.getByTestId('line-kind').inputValue()).toBe('expired'); // an expired lot: the kind is preset
    await line.getByTestId('line-quantity').fill('49');
    expect(await line.getByTestId('line-over').textContent()).toContain('48');
    await inspector.getByTestId('write-off-note').fill('药具柜清点发现过期，已移入不合格区');
    // A write-off is irreversible: the request asks once, naming each lot and what becomes of it (issue 17 item 7).
    await inspector.getByTestId('write-off-submit').click();
    await confirmWriteOff(inspector, 'write-off-submit-dialog', '批号 20231020（', '49 盒，申请报损');
    const refusal = inspector.getByTestId('write-off-problem');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('exceeds_nonconforming');
    expect(await inspector.getByTestId('write-off-free').textContent()).toContain('可报损 48');
    await app.shotFromTop('wo-request-refused', inspector);
    await line.getByTestId('line-quantity').fill('48');
    expect(await inspector.getByTestId('write-off-total-quantity').textContent()).toBe('48 盒');
    // Cancelled, the question sends nothing; asked again and confirmed, the request goes.
    await inspector.getByTestId('write-off-submit').click();
    await inspector.getByTestId('write-off-submit-dialog').getByTestId('dialog-cancel').click();
    await expect.poll(() => inspector.getByTestId('write-off-submit-dialog').count()).toBe(0);
    expect(await inspector.getByTestId('write-off-form').count()).toBe(1);
    await inspector.getByTestId('write-off-submit').click();
    await inspector.getByTestId('write-off-submit-dialog').waitFor();
    await app.viewShot('wo-request-dialog', inspector);
    await confirmWriteOff(inspector, 'write-off-submit-dialog', '批号 20231020（', '48 盒，申请报损');
    await expect.poll(() => statusOf(inspector)).toBe('submitted');
    expect(await inspector.getByTestId('write-off-number').textContent()).toBe('BS-640121100-0002');
    expect(await inspector.getByTestId('write-off-inspection-ref').textContent()).toBe('无（均为过期药具）');
    const requestUrl = new URL(inspector.url()).hash;
    // Nobody at the township decides it: it waits for the county.
    expect(await inspector.getByTestId('write-off-approve').count()).toBe(0);
    expect(await inspector.getByTestId('write-off-waiting').textContent()).toContain('永宁县');
    await app.shotFromTop('wo-request-submitted', inspector);

    // The county leader finds it waiting for the county's decision and returns it once with a reason.
    const leader = await app.loggedInPage('county-leader');
    await openQualityTab(leader);
    const waiting = leader.locator('[data-testid="to-decide"] [data-testid="write-off-row"][data-number="BS-640121100-0002"]');
    await waiting.waitFor();
    expect(await leader.getByTestId('to-decide').getAttribute('data-count')).toBe('1');
    await app.shotFromTop('wo-county-to-decide', leader);
    await waiting.click();
    await leader.getByTestId('write-off-decide').waitFor();
    expect(await leader.getByTestId('write-off-return').isDisabled()).toBe(true); // a return needs its reason
    await leader.getByTestId('write-off-return-reason').fill('请在备注中写明清点日期和存放位置');
    await leader.getByTestId('write-off-return').click();
    await expect.poll(() => statusOf(leader)).toBe('returned');

    // The township's screen, left open on the request, follows the county's decision by itself (web/src/live.ts).
    await expect.poll(() => statusOf(inspector), { interval: 500 }).toBe('returned');
    expect(await inspector.getByTestId('write-off-decision').textContent()).toContain('请在备注中写明清点日期');
    await app.shotFromTop('wo-request-returned-live', inspector);

    // The township corrects the note and sends it again.
    await open(inspector, requestUrl);
    await expect.poll(() => statusOf(inspector)).toBe('returned');
    expect(await inspector.getByTestId('write-off-decision').textContent()).toContain('请在备注中写明清点日期');
    await inspector.getByTestId('write-off-edit').click();
    await inspector.getByTestId('write-off-note').fill('11月清点时在一号药具柜发现过期，已移入不合格区');
    await app.shotFromTop('wo-request-resubmit', inspector);
    await inspector.getByTestId('write-off-submit').click();
    expect(await inspector.getByTestId('write-off-submit-dialog').locator('h2').textContent()).toBe('重新提交报损申请 BS-640121100-0002？');
    await confirmWriteOff(inspector, 'write-off-submit-dialog', '批号 20231020（', '48 盒，申请报损');
    await expect.poll(() => statusOf(inspector)).toBe('submitted');

    // The county leader approves.
    await open(leader, requestUrl);
    await expect.poll(() => statusOf(leader)).toBe('submitted');
    expect(await leader.getByTestId('write-off-last-return').textContent()).toContain('请在备注中写明');
    await app.shotFromTop('wo-county-decide', leader);
    await leader.getByTestId('write-off-approve').click();
    const approveDialog = leader.getByTestId('write-off-approve-dialog');
    await approveDialog.waitFor();
    expect(await approveDialog.getByTestId('dialog-body').textContent()).toContain('杨和镇将以下药具销毁或退回厂家');
    await app.viewShot('wo-approve-dialog', leader);
    await confirmWriteOff(leader, 'write-off-approve-dialog', '批号 20231020（', '48 盒，将报损');
    await expect.poll(() => statusOf(leader)).toBe('approved');
    expect(await leader.getByTestId('disposal-form').count()).toBe(0); // the township disposes, not the county

    // The township storekeeper destroys it: one witness is refused, then two give their own passwords.
    const keeper = await app.loggedInPage('township-storekeeper');
    await open(keeper, requestUrl);
    await keeper.getByTestId('disposal-form').waitFor();
    expect(await keeper.getByTestId('witness-password').first().getAttribute('type')).toBe('password');
    expect(await keeper.getByTestId('witness-password').first().getAttribute('autocomplete')).toBe('off');
    await keeper.getByTestId('disposal-place').fill('杨和镇卫生院焚烧炉');
    await keeper.getByTestId('disposal-detail').fill('拆除包装后焚烧');
    await keeper.getByTestId('witness-remove').nth(1).click();
    await keeper.getByTestId('witness-username').first().fill('township-storekeeper');
    await keeper.getByTestId('witness-password').first().fill(DEMO_PASSWORD);
    await keeper.getByTestId('disposal-submit').click();
    await confirmWriteOff(keeper, 'disposal-dialog', '批号 20231020（', '48 盒，将被销毁');
    await expect.poll(() => keeper.getByTestId('disposal-problem').getAttribute('data-code')).toBe('witnesses_required');
    expect(await keeper.getByTestId('witness-password').first().inputValue()).toBe(''); // the password is not kept
    await app.panelShot('wo-disposal-refused', keeper, 'disposal-form');
    await keeper.getByTestId('witness-add').click();
    await keeper.getByTestId('witness-password').first().fill(DEMO_PASSWORD);
    await keeper.getByTestId('witness-username').nth(1).fill('township-leader');
    await keeper.getByTestId('witness-password').nth(1).fill(DEMO_PASSWORD);
    await app.panelShot('wo-disposal-form', keeper, 'disposal-form');
    await keeper.getByTestId('disposal-submit').click();
    const destroyDialog = keeper.getByTestId('disposal-dialog');
    await destroyDialog.waitFor();
    expect(await destroyDialog.getByTestId('dialog-body').textContent()).toContain('将在 township-storekeeper、township-leader 的见证下销毁');
    expect(await destroyDialog.getByTestId('wo-consequence-total').textContent()).toContain('48 盒');
    // Asking takes no password away: cancelled, the form still holds both, and asks again.
    await destroyDialog.getByTestId('dialog-cancel').click();
    expect(await keeper.getByTestId('witness-password').nth(1).inputValue()).toBe(DEMO_PASSWORD);
    await keeper.getByTestId('disposal-submit').click();
    await destroyDialog.waitFor();
    await app.viewShot('wo-disposal-dialog', keeper);
    await confirmWriteOff(keeper, 'disposal-dialog', '批号 20231020（', '48 盒，将被销毁');
    await expect.poll(() => statusOf(keeper)).toBe('disposed');
    expect(await keeper.getByTestId('disposal-witness').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')))).toEqual(['township-storekeeper', 'township-leader']);
    await app.shotFromTop('wo-disposed', keeper);

    // The red zone no longer holds the lot.
    await keeper.getByTestId('write-off-back').click();
    await keeper.getByTestId('nav-stock').click();
    await keeper.getByTestId('filter-zone').selectOption('nonconforming');
    await keeper.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    await expect.poll(() => keeper.getByTestId('stock-empty').count()).toBe(1);
    expect(await keeper.getByTestId('stock-row').count()).toBe(0);
    await app.shotFromTop('wo-red-zone-empty', keeper);

    // Both forms print, each on one A4 page.
    await open(keeper, requestUrl);
    await keeper.getByTestId('print-approval').click();
    const approval = keeper.getByTestId('approval-form');
    await approval.waitFor();
    expect(await approval.textContent()).toContain('不合格药具报废审批表');
    expect(await keeper.getByTestId('form-decision').textContent()).toContain('同意报废');
    expect(await keeper.getByTestId('form-total-words').textContent()).toMatch(/元/);
    await app.shotFromTop('wo-approval-form', keeper);
    await keeper.emulateMedia({ media: 'print' });
    expect(await keeper.getByTestId('form-print').isVisible()).toBe(false);
    await app.shotFromTop('wo-approval-form-print', keeper);
    expect(pages(await keeper.pdf({ path: join(SCREENSHOTS, 'wo-approval-form.pdf'), preferCSSPageSize: true }))).toBe(1);
    await keeper.emulateMedia({ media: null });
    await keeper.getByTestId('form-back').click();
    await keeper.getByTestId('print-disposal').click();
    const record = keeper.getByTestId('disposal-record');
    await record.waitFor();
    expect(await keeper.getByTestId('record-method').textContent()).toBe('销毁');
    expect(await keeper.getByTestId('record-witness').count()).toBe(2);
    await app.shotFromTop('wo-disposal-record', keeper);
    await keeper.emulateMedia({ media: 'print' });
    await app.shotFromTop('wo-disposal-record-print', keeper);
    expect(pages(await keeper.pdf({ path: join(SCREENSHOTS, 'wo-disposal-record.pdf'), preferCSSPageSize: true }))).toBe(1);
    await keeper.emulateMedia({ media: null });

    // The same request in English.
    await open(keeper, requestUrl);
    await keeper.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => keeper.getByTestId('write-off-screen').textContent()).toContain('Disposed of');
    await app.shotFromTop('wo-request-en', keeper);
    await keeper.getByTestId('lang-switch').selectOption('zh-CN');
  }, 180_000);

  it('the county inspector holds a lot over the county: the trace shows where it went, the township cannot dispense it until the hold is released', async () => {
    const inspector = await app.loggedInPage('county-inspector');
    await openQualityTab(inspector);
    await inspector.getByTestId('hold-new').click();
    await inspector.getByTestId('pick-search').fill('20240815');
    await inspector.locator('[data-testid="pick-row"][data-lot="20240815"]').getByTestId('pick-choose').click();
    expect(await inspector.getByTestId('picked-lot').getAttribute('data-lot')).toBe('20240815');
    await inspector.getByTestId('hold-reason').fill('群众反映破损率偏高，待省级抽检');
    await app.panelShot('wo-hold-form', inspector, 'hold-form');
    await inspector.getByTestId('hold-submit').click();
    await inspector.getByTestId('hold-done').waitFor();
    const hold = inspector.locator('[data-testid="holds-here"] [data-testid="hold-row"][data-lot="20240815"]');
    await hold.waitFor();
    await app.shotFromTop('wo-holds', inspector);

    // The trace: the county, the township and the village below it, each covered by the hold.
    await hold.getByTestId('hold-trace').click();
    const trace = inspector.getByTestId('trace-screen');
    await trace.waitFor();
    const batchId = await trace.getAttribute('data-batch');
    const rows = inspector.getByTestId('trace-depot');
    expect(await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-code'), e.getAttribute('data-depth'), e.getAttribute('data-held')]))).toEqual([
      ['640121', '0', 'true'],
      ['640121100', '1', 'true'],
      ['640121100200', '2', 'true'],
    ]);
    expect(await inspector.getByTestId('trace-held').count()).toBe(1);
    // Reconciled at every depot: nothing unaccounted for in the demo.
    expect(await inspector.getByTestId('trace-totals').getAttribute('data-unaccounted')).toBe('0');
    await app.shotFromTop('wo-trace', inspector);

    // Every lot of the product (跟踪药具去向), each lot leading back to its own trace.
    await inspector.getByTestId('trace-product').click();
    const product = inspector.getByTestId('product-trace-screen');
    await product.waitFor();
    expect(await inspector.getByTestId('trace-lots').textContent()).toContain('20240815');
    expect(await product.getByTestId('trace-depot').count()).toBeGreaterThanOrEqual(3);
    await app.shotFromTop('wo-product-trace', inspector);

    // The township's dispenser scans the lot: refused while it is held.
    const dispenser = await app.loggedInPage('township-dispenser');
    await dispenser.getByTestId('nav-dispense').click();
    await dispenser.getByTestId('dispense-form').waitFor();
    const dispense = async () => {
      await wedge(dispenser, `FP1:B:${batchId}`);
      await expect.poll(() => dispenser.getByTestId('dispense-item').getAttribute('data-lot')).toBe('20240815');
      await dispenser.getByTestId('dispense-pack').check();
      await dispenser.getByTestId('dispense-expiry').check();
      await dispenser.getByTestId('dispense-confirm').click();
    };
    await dispense();
    await expect.poll(() => dispenser.getByTestId('dispense-problem').getAttribute('data-code')).toBe('batch_on_hold');
    expect(await dispenser.getByTestId('dispense-problem').textContent()).toContain('暂停发放');
    await app.shotFromTop('wo-dispense-on-hold', dispenser);

    // Released by the county inspector: the township dispenses it again.
    await inspector.getByTestId('trace-back').click();
    await hold.getByTestId('hold-release').click();
    await inspector.getByTestId('release-reason').fill('省站抽检合格');
    await inspector.getByTestId('release-do').click();
    await inspector.getByTestId('hold-done').waitFor();
    await expect.poll(() => hold.count()).toBe(0);
    await dispense();
    await expect.poll(() => dispenser.locator('[data-testid="dispensing-row"][data-lot="20240815"]').count()).toBe(1);
  }, 120_000);

  it('the county sees its expired lot still in the qualified zone and its storekeeper moves it to the red zone', async () => {
    const keeper = await app.loggedInPage('county-storekeeper');
    await keeper.getByTestId('expiry-card').waitFor();
    expect(await keeper.getByTestId('expiry-card').textContent()).toContain('仍在合格品区');
    // A stock row leads to its lot's trace (the stock tab: the home screen is the overview).
    await keeper.getByTestId('nav-stock').click();
    const expiredRow = keeper.locator('[data-testid="stock-row"][data-expiry="expired"][data-zone="qualified"]');
    await expiredRow.getByTestId('stock-trace').click();
    await expect.poll(() => keeper.getByTestId('trace-lot').textContent()).toBe('S231102');
    await keeper.goBack();
    await keeper.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    await openQualityTab(keeper);
    const section = keeper.locator('[data-testid="expiry-section"][data-state="ready"]');
    await section.waitFor();
    expect(await keeper.getByTestId('total-in-qualified').getAttribute('data-units')).toBe('30盒');
    const lot = keeper.locator('[data-testid="expired-lot"][data-lot="S231102"]');
    await lot.waitFor();
    await app.panelShot('wo-expiry-county', keeper, 'expiry-section');
    await keeper.getByTestId('sweep').click();
    expect(await keeper.getByTestId('sweep-confirm').textContent()).toContain('30 盒');
    await keeper.getByTestId('sweep-do').click();
    await expect.poll(() => keeper.getByTestId('swept').getAttribute('data-moved')).toBe('30');
    expect(await keeper.locator('[data-testid="swept-lines"] li[data-lot="S231102"]').count()).toBe(1);
    await expect.poll(() => keeper.getByTestId('total-in-qualified').getAttribute('data-units')).toBe('');
    expect(await keeper.getByTestId('expired-lots-none').count()).toBe(1);
    await app.panelShot('wo-expiry-swept', keeper, 'expiry-section');
    await app.shotFromTop('wo-tab-county', keeper);
  });
});
