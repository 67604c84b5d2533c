import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { request, type Page } from 'playwright-core';
import { startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { zhCN } from '../../web/src/i18n/zh-CN.ts';

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
/** The demo's condoms (KJ-0701) carry no GTIN: they travel on our own batch label. */
const condomLot = () => sql().prepare("select b.id from batches b join products p on p.id = b.product_id where p.code = 'KJ-0701' and b.lot = '20240815'").pluck().get() as number;

/** A demo user driving the API, for what the journey starts from. */
async function apiAs(username: string) {
  const http = await request.newContext({ baseURL: app.server.url });
  const me = await (await http.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } })).json();
  return async (path: string, data: unknown) => {
    const res = await http.post(path, { headers: { 'x-csrf-token': me.csrfToken }, data });
    if (res.status() >= 300) throw new Error(`POST ${path} as ${username}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as { id: number; caseNumber?: string; number?: string };
  };
}

const reportOf = (page: Page) => page.getByTestId('adr-report');
const statusOf = (page: Page) => reportOf(page).getAttribute('data-status');

describe('adverse reactions in Chromium (S0:423-439, issue 20 items 7-10)', () => {
  it('a village dispenser files a serious reaction by scanning a lot without a GTIN; the county confirms it and sends it; the region sees the case and the lot signal and holds the lot', async () => {
    const village = depotId('640121100200');
    const region = depotId('64');
    const lot = condomLot();
    // The village's register has a woman using condoms; two ordinary reports on the same lot came before this month.
    const villageApi = await apiAs('village-dispenser');
    const person = await villageApi('/api/people', { depotId: village, name: '马秀兰', birthYearMonth: '1990-04', community: '王太村三组', method: 'condom', methodSince: '2026-06-01', consent: true, consentOn: '2026-06-01' });
    for (const [birthYear, onsetOn] of [[1988, '2026-11-02'], [1995, '2026-11-10']] as const) {
      await villageApi('/api/adverse-reactions', { depotId: village, birthYear, community: '王太村二组', raw: `FP1:B:${lot}`, useStartedOn: '2026-09-01', onsetOn, description: '使用后局部瘙痒、红肿', outcome: 'recovered' });
    }

    // The village dispenser's tab: the list of the village's reports, and the new report.
    const dispenser = await app.loggedInPage('village-dispenser');
    await dispenser.getByTestId('nav-adverseReactions').click();
    await dispenser.locator('[data-testid="adr-screen"][data-state="ready"]').waitFor();
    expect(await dispenser.getByTestId('adr-row').count()).toBe(2);
    await dispenser.getByTestId('adr-new').click();
    await dispenser.getByTestId('adr-form').waitFor();

    // A label the server does not know: its problem stands under the scan field, nothing is taken.
    await wedge(dispenser, 'FP1:B:999999');
    const message = dispenser.getByTestId('adr-scan-message');
    await expect.poll(() => message.getAttribute('data-kind')).toBe('error');
    expect(await message.textContent()).toBe(zhCN['error.batch_not_found']);
    expect(await dispenser.getByTestId('adr-lot-picked').count()).toBe(0);
    await app.shotFromTop('adr-form-unknown-label', dispenser);

    // The condoms' own batch label names the lot.
    await wedge(dispenser, `FP1:B:${lot}`);
    const picked = dispenser.getByTestId('adr-lot-picked');
    await picked.waitFor();
    expect(await picked.getAttribute('data-lot')).toBe('20240815');
    expect(await picked.getAttribute('data-entry')).toBe('scanned');

    // The person, by case number from the register.
    // Found on the register by the server's search, as the dispensing screen finds people.
    await dispenser.getByTestId('adr-person-picker').getByTestId('person-search').fill(person.caseNumber!);
    await dispenser.locator(`[data-testid="adr-person-picker"] [data-testid="person-match"][data-case="${person.caseNumber}"]`).click();
    await expect.poll(() => dispenser.getByTestId('adr-person-picker').getAttribute('data-case')).toBe(person.caseNumber);

    await dispenser.getByTestId('adr-use-started').fill('2026-06-01');
    await dispenser.getByTestId('adr-onset').fill('2026-11-18');
    expect(await dispenser.getByTestId('adr-learned').inputValue()).toBe('2026-11-23');
    await dispenser.getByTestId('adr-description').fill('使用后外阴严重过敏、水肿，伴发热');
    await dispenser.getByTestId('adr-treatment').fill('县医院住院治疗');
    await dispenser.getByTestId('adr-outcome').selectOption('improving');
    const verdict = dispenser.getByTestId('adr-verdict');
    expect(await verdict.getAttribute('data-serious')).toBe('false');
    // Ticking one of the five criteria makes it serious at once: the county confirms it, due in 15 days.
    await dispenser.getByTestId('adr-criterion-hospitalisation').check();
    expect(await verdict.getAttribute('data-serious')).toBe('true');
    expect(await verdict.getAttribute('data-due')).toBe('2026-12-08');
    expect(await verdict.textContent()).toContain('县级计划生育技术服务机构');
    await app.shotFromTop('adr-form-serious', dispenser);
    await dispenser.getByTestId('adr-file').click();

    await expect.poll(() => statusOf(dispenser)).toBe('awaiting_confirmation');
    const number = (await reportOf(dispenser).getAttribute('data-number'))!;
    expect(number).toBe('BL-640121100200-0003');
    // The village that registered her reads her name.
    expect(await dispenser.getByTestId('adr-person-name').textContent()).toBe('马秀兰');
    await app.shotFromTop('adr-report-filed', dispenser);

    // The county's clinician is told, and finds the case on the overview.
    const clinician = await app.loggedInPage('county-clinician');
    const awaiting = clinician.getByTestId('card-adverse-awaiting-count');
    await awaiting.waitFor();
    expect(await awaiting.textContent()).toBe('1');
    await app.shotFromTop('adr-county-dashboard', clinician);
    await clinician.getByTestId('notifications-toggle').click();
    const told = clinician.locator('[data-testid="notification"][data-kind="adverse_reaction_serious"]');
    await told.waitFor();
    expect(await told.getByTestId('notification-text').textContent()).toBe(`王太村委会 报告严重不良反应 ${number}（批号 20240815），请诊断确认`);
    await told.getByTestId('notification-link').click();
    await expect.poll(() => statusOf(clinician)).toBe('awaiting_confirmation');
    // Above the village: the case number, never the name.
    expect(await clinician.getByTestId('adr-case-number').textContent()).toBe(person.caseNumber);
    expect(await clinician.getByTestId('adr-person-name').count()).toBe(0);

    // Sent before the diagnosis, the server refuses and says why.
    await clinician.getByTestId('adr-submit').click();
    await clinician.getByTestId('adr-submit-dialog').getByTestId('dialog-confirm').click();
    const refusal = clinician.getByTestId('adr-submit-problem');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('confirmation_required');
    expect(await refusal.textContent()).toContain(zhCN['error.confirmation_required']);
    await app.shotFromTop('adr-county-refused', clinician);

    // The diagnosis confirms it serious, then the case report goes to the region.
    await clinician.getByTestId('adr-institution').fill('永宁县计划生育技术服务站');
    await clinician.getByTestId('adr-diagnostician').fill('李医生');
    expect(await clinician.getByTestId('adr-found-hospitalisation').isChecked()).toBe(true);
    await clinician.getByTestId('adr-confirm').click();
    await expect.poll(() => statusOf(clinician)).toBe('confirmed');
    expect(await clinician.getByTestId('adr-confirmation').getAttribute('data-decision')).toBe('confirmed');
    await clinician.getByTestId('adr-submit').click();
    await clinician.getByTestId('adr-submit-dialog').getByTestId('dialog-confirm').click();
    await expect.poll(() => statusOf(clinician)).toBe('submitted');
    await app.shotFromTop('adr-county-submitted', clinician);
    // Form 13 prints as a page of its own.
    const form13 = await clinician.request.get((await clinician.getByTestId('adr-form13-print').getAttribute('href'))!);
    expect(form13.status()).toBe(200);
    expect(await form13.text()).toContain('严重不良反应个例报告表');

    // The region's inspector sees the case and the lot's signal (three reports in 30 days).
    const inspector = await app.loggedInPage('region-inspector', { at: `#/adverse-reactions/${region}` });
    await inspector.locator('[data-testid="adr-screen"][data-state="ready"]').waitFor();
    const row = inspector.locator(`[data-testid="adr-row"][data-number="${number}"]`);
    expect(await row.getAttribute('data-status')).toBe('submitted');
    const signal = inspector.locator('[data-testid="adr-signal-item"][data-lot="20240815"]');
    await signal.waitFor();
    expect(await signal.getAttribute('data-held')).toBe('false');
    await app.shotFromTop('adr-region-list', inspector);
    await signal.getByTestId('adr-signal-open').click();
    await inspector.getByTestId('adr-signal').waitFor();
    expect(await inspector.getByTestId('adr-signal-report').count()).toBe(3);
    // The lot's trace, reconciled down to the village's dispensings (the table of the lot trace screen).
    expect(await inspector.locator('[data-testid="trace-depot"][data-code="640121100200"]').count()).toBe(1);

    // The one-click hold asks once, then holds the lot at every depot.
    await inspector.getByTestId('adr-hold').click();
    const dialog = inspector.getByTestId('adr-hold-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('20240815');
    await app.shot('adr-hold-dialog', inspector);
    await dialog.getByTestId('dialog-confirm').click();
    await expect.poll(() => inspector.getByTestId('adr-signal').getAttribute('data-held')).toBe('true');
    await expect.poll(() => inspector.locator('[data-testid="trace-depot"][data-code="640121100200"]').getAttribute('data-held')).toBe('true');
    await app.shotFromTop('adr-signal-held', inspector);

    // The lot is held where it lies: the village's holds list it, and dispensing it is refused.
    const holds = await dispenser.request.get(`/api/depots/${village}/batch-holds`);
    expect(holds.status()).toBe(200);
    expect(((await holds.json()) as { items: { lot: string; appliesHere: boolean }[] }).items).toContainEqual(expect.objectContaining({ lot: '20240815', appliesHere: true }));
    const dispense = await villageApi('/api/dispensings', { depotId: village, raw: `FP1:B:${lot}`, quantity: 1, packIntact: true, expiryChecked: true, personId: person.id }).catch((e: Error) => e.message);
    expect(dispense).toContain('batch_on_hold');

    // Once in English: the signal and the case list.
    await inspector.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => inspector.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => inspector.getByTestId('adr-hold-panel').locator('h2').textContent()).toBe('Hold this lot');
    await app.shotFromTop('adr-signal-held-en', inspector);
    await inspector.getByTestId('adr-signal-back').click();
    await inspector.locator('[data-testid="adr-screen"][data-state="ready"]').waitFor();
    expect(await row.getByTestId('adr-status').textContent()).toBe('Sent to the region');
    expect(await signal.getAttribute('data-held')).toBe('true');
    await app.shotFromTop('adr-region-list-en', inspector);

    // The lot checked and found sound: the region's inspector releases the hold on the quality
    // screen, and the list of signals says that it was released rather than that it is held.
    await inspector.goto(`/#/quality/${region}`);
    const hold = inspector.locator('[data-testid="holds-here"] [data-testid="hold-row"][data-lot="20240815"]');
    await hold.getByTestId('hold-release').click();
    await inspector.getByTestId('release-reason').fill('Lot tested sound by the provincial station');
    await inspector.getByTestId('release-do').click();
    await inspector.getByTestId('hold-done').waitFor();
    await inspector.goto(`/#/adverse-reactions/${region}`);
    await inspector.locator('[data-testid="adr-screen"][data-state="ready"]').waitFor();
    await expect.poll(() => signal.getAttribute('data-held')).toBe('false');
    expect(await signal.textContent()).toContain('Hold released');
    await app.panelShot('adr-signals-released-en', inspector, 'adr-signals');
    for (const p of [dispenser, clinician, inspector]) await p.close();
  }, 240_000);
});
