import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowserApp, type BrowserApp } from '../helpers/browser.ts';
import { DEMO_DEPOTS } from '../../seed/demo.ts';

/**
 * The yearly assessment in Chromium, in January 2027: the region's leader opens the 2026 round
 * over the whole region from the 考核评估 tab, computes it, opens the county's sheet, scores an
 * assessor item with a note, computes again and reads the rankings per level.
 */
const START = Date.parse('2027-01-15T01:30:00Z');

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ clockStart: START, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await app?.close();
});

const depotId = (code: string) => app.server.db.$client.prepare('select id from depots where code = ?').pluck().get(code) as number;

describe('an assessment round', () => {
  it('the region leader opens a round, computes it, scores an assessor item of a county, computes again and sees the rankings and the county’s sheet', async () => {
    const page = await app.loggedInPage('region-leader', { at: `#/home/${depotId(DEMO_DEPOTS.region)}` });
    await page.getByTestId('nav-assessment').click();
    await page.locator('[data-testid="assessment-screen"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('round-year').inputValue()).toBe('2026');
    await page.getByTestId('rubric-example').waitFor();
    // The whole region by default, or one city and what lies below it.
    await expect.poll(() => page.locator('[data-testid="round-scope"] option').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('round-scope').inputValue()).toBe('');
    await app.shotFromTop('assessment-open-round', page);
    await page.getByTestId('round-create').click();

    await page.locator('[data-testid="round-screen"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('round-status').getAttribute('data-status')).toBe('open');
    await page.getByTestId('ranking-empty').waitFor();
    await page.getByTestId('round-compute').click();
    await expect.poll(() => page.getByTestId('round-status').getAttribute('data-status')).toBe('computed');
    await page.getByTestId('tier-county').click();
    await expect.poll(() => page.getByTestId('ranking-row').count()).toBe(22);

    // The county's sheet: computed items with their inputs, the sample of its townships with the seed.
    await page.locator(`[data-testid="ranking-row"][data-depot="${DEMO_DEPOTS.county}"] [data-testid="ranking-sheet"]`).click();
    const sheet = page.locator(`[data-testid="sheet"][data-depot="${DEMO_DEPOTS.county}"]`);
    await sheet.waitFor();
    expect(await sheet.locator('[data-item="yearly_count_done"]').textContent()).toContain('已过账盘库次数');
    expect(await sheet.getByTestId('sheet-sample').textContent()).toContain('随机种子');
    const before = Number(await sheet.getByTestId('sheet-total').textContent());
    // Version 2 (the newest, offered first) computes training held from the county's training records.
    expect(await sheet.locator('[data-item="training_held"]').textContent()).toContain('已举办培训');
    const supervision = sheet.locator('[data-item="supervision_of_lower"]');
    expect(await supervision.getByTestId('item-score').textContent()).toBe('—');
    await supervision.getByTestId('score-input').fill('8');
    await supervision.getByTestId('score-note').fill('全年督导4次，整改有记录');
    await supervision.getByTestId('score-save').click();
    await expect.poll(() => supervision.getByTestId('item-score').textContent()).toBe('8');
    await page.getByTestId('round-stale').waitFor();
    await page.getByTestId('round-compute').click();
    await expect.poll(() => page.getByTestId('round-status').getAttribute('data-status')).toBe('computed');
    // Half of the 8 points: the county's own score weighs 50 % in its result.
    await expect.poll(async () => Number(await page.getByTestId('sheet-total').textContent())).toBe(before + 4);
    await app.shotFromTop('assessment-county-sheet', page, 1600);

    // The rankings per level after computing again.
    await page.goto(`/#/assessment-round/${new URL(page.url()).hash.match(/assessment-round\/(\d+)/)![1]}?tier=township`);
    await expect.poll(() => page.getByTestId('ranking-row').count()).toBe(259);
    await page.getByTestId('tier-county').click();
    await expect.poll(() => page.getByTestId('ranking-row').count()).toBe(22);
    const ranks = await page.locator('[data-testid="ranking-row"] td:first-child').allTextContents();
    expect(ranks[0]).toBe('1');
    await app.shotFromTop('assessment-county-ranking', page);
  });
});
