import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';

/**
 * The people served in Chromium (issue 20, docs/people.md): a village dispenser registers a person
 * (refused without consent), dispenses pills (no GTIN: scanned by their FP1:B batch label) and is
 * told to pick a person when none is named, then dispenses to them; records a follow-up with a side
 * effect on the person's record and one in a tap on the due list; the county's leader sees the
 * register by case number, never a name; the forms (8.3, 使用人数, 12) open; English once.
 * On a fixed day: 09:30 in Ningxia on 23 November 2026.
 */
const START = Date.parse('2026-11-23T01:30:00Z');
const VIEW = { width: 1280, height: 900 };
const VILLAGE = '640121100200';
const COUNTY = '640121';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ clockStart: START, timezoneId: 'Asia/Shanghai', viewport: VIEW });
});
afterAll(async () => {
  await app?.close();
});

const sql = () => app.server.db.$client;
const depotId = (code: string) => sql().prepare('select id from depots where code = ?').pluck().get(code) as number;
const batchId = (code: string, lot: string) => sql().prepare('select b.id from batches b join products p on p.id = b.product_id where p.code = ? and b.lot = ?').pluck().get(code, lot) as number;
const ready = (page: Page, testid: string) => page.locator(`[data-testid="${testid}"][data-state="ready"]`).waitFor();

describe('the users register, dispensing to a person and follow-ups in Chromium', () => {
  it('a village dispenser registers a person, dispenses pills to them by their batch label, records a side effect; the county sees case numbers, not names', async () => {
    const village = depotId(VILLAGE);
    const page = await app.loggedInPage('village-dispenser');

    // ---- the register (花名册): the demo's people with their names, at the village that keeps it ----
    await page.getByTestId('nav-people').click();
    await ready(page, 'people-screen');
    expect(await page.getByTestId('people-screen').getAttribute('data-with-names')).toBe('true');
    expect(await page.getByTestId('person-row').count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('[data-testid="person-row"]').first().getByTestId('person-name').textContent()).not.toContain('姓名仅登记点可见');
    await app.shotFromTop('people-register-village', page);

    // ---- registering: refused without consent, then registered ----
    await page.getByTestId('person-new').click();
    await page.getByTestId('person-name-input').fill('王小红');
    await page.getByTestId('person-birth').fill('1996-04');
    await page.getByTestId('person-community').fill('王太村二组');
    await page.getByTestId('person-contact').fill('13900009999');
    await page.getByTestId('person-method').selectOption('oral');
    await page.getByTestId('person-since').fill('2026-11-20');
    await page.getByTestId('person-submit').click();
    await expect.poll(() => page.getByTestId('person-problem').getAttribute('data-code')).toBe('consent_required');
    expect(await page.getByTestId('person-consent').getAttribute('aria-invalid')).toBe('true');
    await app.panelShot('people-register-form-refused', page, 'person-form');
    await page.getByTestId('person-consent').check();
    await page.getByTestId('person-submit').click();
    await page.getByTestId('person-screen').waitFor();
    const caseNumber = (await page.getByTestId('person-screen').getAttribute('data-case'))!;
    expect(caseNumber).toMatch(new RegExp(`^${VILLAGE}-\\d{4}$`));
    expect(await page.getByTestId('person-title').textContent()).toContain('王小红');
    expect(await page.getByTestId('person-next').textContent()).toBe('2027-02-20');

    // ---- dispensing pills (KJ-0101 has no GTIN: its FP1:B label): no person named → told to pick one ----
    await page.goto(`/#/dispense/${village}`);
    await page.getByTestId('dispense-form').waitFor();
    const pills = batchId('KJ-0101', '20250603');
    await wedge(page, `FP1:B:${pills}`);
    await expect.poll(() => page.getByTestId('dispense-lot').textContent()).toBe('20250603');
    await page.getByTestId('dispense-quantity').fill('3');
    await page.getByTestId('dispense-pack').check();
    await page.getByTestId('dispense-expiry').check();
    await page.getByTestId('dispense-confirm').click();
    await expect.poll(() => page.getByTestId('dispense-problem').getAttribute('data-code')).toBe('person_required');
    expect(await page.getByTestId('dispense-problem').textContent()).toContain('须选择已登记的使用者');
    expect(await page.getByTestId('person-search').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('person-register-link').waitFor();
    await app.panelShot('people-dispense-person-required', page, 'dispense-form');

    // Found by name, chosen, dispensed: the register shows the case number.
    await page.getByTestId('person-search').fill('小红');
    await page.locator(`[data-testid="person-match"][data-case="${caseNumber}"]`).click();
    expect(await page.getByTestId('person-chosen').textContent()).toContain(caseNumber);
    await page.getByTestId('dispense-confirm').click();
    const row = page.locator('[data-testid="dispensing-row"][data-lot="20250603"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('dispensing-recipient').textContent()).toBe(caseNumber);
    await app.shotFromTop('people-dispense-to-person', page);

    // ---- the person's record: the dispensing, and a follow-up with a side effect ----
    const personId = sql().prepare('select id from people where case_number = ?').pluck().get(caseNumber) as number;
    await page.goto(`/#/person/${personId}`);
    await page.getByTestId('person-screen').waitFor();
    await expect.poll(() => page.getByTestId('person-dispensing').count()).toBe(1);
    await page.getByTestId('follow-up-side_effects').click();
    await page.getByTestId('follow-up-text').fill('轻微恶心，已指导饭后服用');
    await page.getByTestId('follow-up-save').click();
    await page.getByTestId('person-done').waitFor();
    const visit = page.locator('[data-testid="follow-up-row"][data-outcome="side_effects"]');
    await expect.poll(() => visit.count()).toBe(1);
    expect(await visit.getByTestId('follow-up-details').textContent()).toBe('轻微恶心，已指导饭后服用');
    await app.shotFromTop('people-person-record', page);

    // ---- the due list: overdue ones of the demo first; one recorded in a tap ----
    await page.goto(`/#/follow-ups/${village}`);
    await ready(page, 'follow-ups-screen');
    const overdue = page.locator('[data-testid="due-item"][data-overdue="true"]');
    expect(await overdue.count()).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('follow-ups-summary').getAttribute('data-overdue'))).toBeGreaterThan(0);
    await app.shotFromTop('people-follow-ups-due', page);
    const first = overdue.first();
    const firstCase = (await first.getAttribute('data-case'))!;
    await first.getByTestId('follow-up-continuing').click();
    await expect.poll(() => page.locator(`[data-testid="due-item"][data-case="${firstCase}"]`).getAttribute('data-done')).toBe('true');
    expect(sql().prepare(`select outcome from follow_ups f join people p on p.id = f.person_id where p.case_number = ? order by f.id desc`).pluck().get(firstCase)).toBe('continuing');

    // ---- the dispensing register (form 8.3) of the village, with the case number ----
    await page.goto(`/#/people-reports/${village}?sheet=register`);
    await page.getByTestId('report-sheet').waitFor();
    expect(await page.getByTestId('report-sheet').textContent()).toContain(caseNumber);
    expect(await page.getByTestId('register-xlsx').getAttribute('href')).toContain('format=xlsx');
    await app.shotFromTop('people-dispensing-register', page);
    await page.close();

    // ---- the county's leader: case numbers and counts, no names, no error ----
    const county = await app.loggedInPage('county-leader');
    await county.getByTestId('nav-people').click();
    await ready(county, 'people-screen');
    expect(await county.getByTestId('people-screen').getAttribute('data-with-names')).toBe('false');
    await county.getByTestId('people-names-hidden').waitFor();
    // No name column at all: the notice says names are seen only where the person is registered.
    expect(await county.getByTestId('people-names-hidden').textContent()).toContain('姓名仅登记点可见');
    expect(await county.locator(`[data-testid="person-row"][data-case="${caseNumber}"]`).count()).toBe(1);
    expect(await county.getByTestId('person-name').count()).toBe(0);
    expect(await county.locator('body').textContent()).not.toContain('王小红');
    expect(await county.locator('.problem').count()).toBe(0);
    expect(await county.getByTestId('people-export').count()).toBe(0);
    await app.shotFromTop('people-register-county', county);

    // The quarter's follow-up summary (form 12) and the users by method, from the reports.
    await county.getByTestId('nav-reports').click();
    await county.getByTestId('people-form-summary').click();
    await county.getByTestId('follow-up-summary').waitFor();
    expect(await county.getByTestId('summary-row').count()).toBeGreaterThan(0);
    await app.shotFromTop('people-follow-up-summary-county', county);
    await county.goto(`/#/people-reports/${depotId(COUNTY)}?sheet=users&year=2026&half=2`);
    await county.getByTestId('user-counts').waitFor();
    await expect.poll(() => county.locator('[data-testid="user-counts-row"][data-source="register"]').count()).toBe(1);
    await app.shotFromTop('people-user-counts-county', county);

    // ---- in English once ----
    await county.getByTestId('lang-switch').selectOption('en');
    await county.goto(`/#/people/${depotId(COUNTY)}`);
    await ready(county, 'people-screen');
    await expect.poll(() => county.getByTestId('people-names-hidden').textContent()).toContain('Names are seen only where the person is registered');
    expect(await county.locator(`[data-testid="person-row"][data-case="${caseNumber}"]`).count()).toBe(1);
    await app.shotFromTop('people-register-county-en', county);
    await county.close();
  }, 180_000);
});
