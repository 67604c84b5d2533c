import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from '../helpers/browser.ts';
import { DEMO_DEPOTS } from '../../seed/demo.ts';

/**
 * Reports sent up level by level in Chromium, on 23 November 2026 (the first half-year's reports
 * are late): the township's leader signs and sends its 使用人数, the county's leader returns it
 * with a reason, the township sends it corrected, the county accepts it.
 */
const START = Date.parse('2026-11-23T01:30:00Z');

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ clockStart: START, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await app?.close();
});

const depotId = (code: string) => app.server.db.$client.prepare('select id from depots where code = ?').pluck().get(code) as number;
const ownRow = (page: Page) => page.locator('[data-testid="submission-own-row"][data-kind="users"][data-period="h1"]');
const belowRow = (page: Page) => page.locator('[data-testid="submission-below-row"][data-kind="users"][data-period="h1"]');

/** The reports tab of the depot, then its submissions. */
async function submissions(page: Page, code: string) {
  await page.goto(`/#/reports/${depotId(code)}`);
  await page.getByTestId('submissions-link').click();
  await page.locator('[data-testid="submissions-screen"][data-state="ready"]').waitFor();
}

describe('reports sent up level by level', () => {
  it('a township sends its 使用人数, the county returns it with a reason, the township sends it corrected, the county accepts it', async () => {
    const township = await app.loggedInPage('township-leader');
    // The overview says the half-year's 使用人数 is late, and leads to the submissions.
    await township.goto(`/#/home/${depotId(DEMO_DEPOTS.township)}`);
    const late = township.locator('[data-testid="dash-report-own"][data-kind="users"]').first();
    await expect.poll(() => late.getAttribute('data-state')).toBe('late');
    expect(await late.textContent()).toContain('已逾期');
    await app.shotFromTop('report-submissions-township-overview', township);
    await township.getByTestId('card-reports-own').locator('.dash-list-link').click();
    await township.locator('[data-testid="submissions-screen"][data-state="ready"]').waitFor();
    await expect.poll(() => ownRow(township).getAttribute('data-state')).toBe('late');
    await ownRow(township).getByTestId('submission-submit').click();
    await expect.poll(() => ownRow(township).getAttribute('data-state')).toBe('submitted');
    await township.getByTestId('submission-done').waitFor();
    await app.shotFromTop('report-submissions-township-sent', township);

    const county = await app.loggedInPage('county-leader');
    // The county's overview counts the report waiting for its decision.
    await county.goto(`/#/home/${depotId(DEMO_DEPOTS.county)}`);
    await expect.poll(() => county.getByTestId('card-reports-awaiting').getAttribute('data-count')).toBe('1');
    await app.shotFromTop('report-submissions-county-overview', county);
    await submissions(county, DEMO_DEPOTS.county);
    const awaiting = belowRow(county).getByTestId('submission-awaiting');
    await expect.poll(() => awaiting.count()).toBe(1);
    // The county reads the frozen figures before deciding.
    await awaiting.getByTestId('submission-figures-toggle').click();
    const sent = awaiting.getByTestId('submission-figures');
    await sent.waitFor();
    expect(await sent.getAttribute('data-live')).toBe('false');
    expect(await sent.getByTestId('submission-figure-line').count()).toBeGreaterThan(0);
    await awaiting.getByTestId('submission-return').click();
    await county.getByTestId('submission-return-reason-input').fill('口服避孕药人数与花名册不符');
    await app.shotFromTop('report-submissions-county-returning', county);
    await county.getByTestId('submission-return-submit').click();
    await county.getByTestId('submission-done').waitFor();
    await expect.poll(() => belowRow(county).getByTestId('submission-not-reported').textContent()).toContain('已退回');

    await township.reload();
    await township.locator('[data-testid="submissions-screen"][data-state="ready"]').waitFor();
    await expect.poll(() => ownRow(township).getAttribute('data-state')).toBe('returned');
    expect(await ownRow(township).getByTestId('submission-return-reason').textContent()).toContain('口服避孕药人数与花名册不符');
    // Before sending it again the leader sees the figures as the books give them now.
    await ownRow(township).getByTestId('submission-figures-toggle').click();
    await expect.poll(() => ownRow(township).getByTestId('submission-figures').getAttribute('data-live')).toBe('true');
    await app.shotFromTop('report-submissions-township-returned', township);
    await ownRow(township).getByTestId('submission-submit').click();
    await expect.poll(() => ownRow(township).getAttribute('data-state')).toBe('submitted');
    expect(await ownRow(township).textContent()).toContain('第2版');

    await county.reload();
    await county.locator('[data-testid="submissions-screen"][data-state="ready"]').waitFor();
    await belowRow(county).getByTestId('submission-accept').click();
    await county.getByTestId('submission-done').waitFor();
    await expect.poll(() => belowRow(county).getByTestId('submission-awaiting').count()).toBe(0);
    await app.shotFromTop('report-submissions-county-accepted', county);

    await township.reload();
    await township.locator('[data-testid="submissions-screen"][data-state="ready"]').waitFor();
    await expect.poll(() => ownRow(township).getAttribute('data-state')).toBe('accepted');

    // In English too.
    await county.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => county.getByTestId('submissions-screen').locator('h2').textContent()).toBe('Reports sent up and received');
    expect(await belowRow(county).textContent()).toContain('Number of users report');
    expect(await belowRow(county).getByTestId('submission-not-reported').textContent()).toMatch(/\(Late\), /);
    const english = county;
    await app.shotFromTop('report-submissions-county-en', english);
  });
});
