import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { SCREENSHOTS, startBrowserApp, type BrowserApp } from '../helpers/browser.ts';

const ZONE = 'Asia/Shanghai';
const MIN = 60_000;

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ timezoneId: ZONE, viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await app?.close();
});

/** Wall-clock parts of an instant in China: "2026-11-23", "09:05", "2026-11-23T09:05". */
function local(ms: number) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  return { date, time, input: `${date}T${time}`, csv: `${date} ${time}:${parts.second}` };
}

/** The area's chart has been drawn by uPlot for the latest answer. */
async function chartReady(page: Page) {
  await page.locator('[data-testid="climate-chart"][data-state="ready"] canvas').waitFor();
}

describe('storage climate in Chromium', () => {
  it('a county storekeeper sets up a store room, types the round, acknowledges an excursion, imports a logger file and prints the month; the city sees the county', async () => {
    const keeper = await app.loggedInPage('county-storekeeper');
    // The home screen names the demo's damp spell, still to be acknowledged.
    await keeper.getByTestId('climate-alerts').waitFor();
    expect(await keeper.locator('[data-testid="climate-alert"][data-own="true"]').first().getAttribute('data-kind')).toBe('humidity_high');
    await keeper.getByTestId('nav-climate').click();
    await keeper.locator('[data-testid="climate-screen"][data-state="ready"]').waitFor();
    // The demo's data logger room is there already, kept to 20 °C by the suppositories it holds.
    const room = keeper.locator('[data-testid="area-card"][data-name="一号库房"]');
    await expect.poll(() => room.count()).toBe(1);
    expect(await room.getByTestId('limited-by').textContent()).toBe('受 KJ-0301 限制');
    await app.shot('climate-tab', keeper);

    // A new cabinet for the pending zone (nothing there needs stricter limits): the default 5-25 °C.
    await keeper.getByTestId('area-new').click();
    await keeper.getByTestId('area-name').fill('待验区药具柜');
    await keeper.getByTestId('area-kind').selectOption('cabinet');
    await keeper.getByTestId('area-zone-qualified').uncheck();
    await keeper.getByTestId('area-zone-nonconforming').uncheck();
    await app.shot('climate-area-form', keeper);
    await keeper.getByTestId('area-submit').click();
    await keeper.getByTestId('area-screen').waitFor();
    expect(await keeper.getByTestId('area-title').textContent()).toContain('待验区药具柜');
    expect(await keeper.getByTestId('area-limits').first().textContent()).toBe('5–25 °C · RH < 65 %');
    const areaUrl = keeper.url();

    // The round: a time earlier today, then by keyboard temperature, Tab, humidity, Enter; the cursor returns to the temperature.
    const now = Math.floor(Date.now() / MIN) * MIN;
    const readings: [number, string, string][] = [
      [now - 45 * MIN, '22', '50'],
      [now - 30 * MIN, '27.5', '55'],
      [now - 15 * MIN, '23', '52'],
    ];
    const temperature = keeper.getByTestId('reading-temperature');
    await expect.poll(() => temperature.evaluate((el) => el === document.activeElement)).toBe(true);
    for (const [at, c, rh] of readings) {
      await keeper.getByTestId('reading-time').fill(local(at).input);
      await temperature.focus();
      await keeper.keyboard.type(c);
      await keeper.keyboard.press('Tab');
      await keeper.keyboard.type(rh);
      await keeper.keyboard.press('Enter');
      await expect.poll(() => keeper.getByTestId('reading-saved').textContent()).toContain(local(at).time);
      await expect.poll(() => temperature.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await temperature.inputValue()).toBe('');
    }
    expect(await keeper.getByTestId('reading-saved').getAttribute('data-tone')).toBe('ok');

    // The chart draws the three readings; the list has one temperature excursion, back within limits.
    await chartReady(keeper);
    await expect.poll(() => keeper.getByTestId('climate-chart').getAttribute('data-readings')).toBe('3');
    const hot = keeper.locator('[data-testid="excursion-row"][data-kind="temperature_high"]');
    await expect.poll(() => hot.count()).toBe(1);
    expect(await keeper.getByTestId('excursion-row').count()).toBe(1);
    expect(await hot.textContent()).toContain('27.5 °C');
    expect(await hot.getAttribute('data-status')).toBe('open');
    await keeper.getByTestId('chart-range-24h').click();
    await chartReady(keeper);
    await app.shot('climate-area-readings', keeper);

    // Acknowledged with the corrective action.
    await hot.getByTestId('excursion-acknowledge').click();
    await keeper.getByTestId('acknowledge-action').fill('开启空调降温至 22 °C，关闭西侧窗帘');
    await keeper.getByTestId('acknowledge-submit').click();
    await expect.poll(() => hot.getAttribute('data-status')).toBe('acknowledged');
    expect(await hot.getByTestId('excursion-action').textContent()).toContain('开启空调降温');

    // A data logger's file with one bad row: the preview names its line; the good rows are imported.
    const start = now - 4 * 60 * MIN;
    const csv = [
      '时间,温度(℃),湿度(%RH)',
      `${local(start).csv},20.5,48`,
      `${local(start + 5 * MIN).csv},20.7,48`,
      `${local(start + 10 * MIN).csv},abc,49`,
      `${local(start + 15 * MIN).csv},21.0,49`,
      `${local(start + 20 * MIN).csv},21.2,50`,
    ].join('\n');
    await keeper.getByTestId('csv-file').setInputFiles({ name: 'logger.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await keeper.getByTestId('csv-preview').click();
    const preview = keeper.getByTestId('csv-preview-result');
    await preview.waitFor();
    expect(await preview.getAttribute('data-importable')).toBe('4');
    expect(await keeper.getByTestId('csv-error-row').evaluateAll((els) => els.map((e) => [e.getAttribute('data-line'), e.getAttribute('data-code')]))).toEqual([['4', 'bad_temperature']]);
    expect(await keeper.getByTestId('csv-columns').textContent()).toContain('温度(℃)');
    await app.panelShot('climate-csv-preview', keeper, 'csv-import');
    await keeper.getByTestId('csv-import-confirm').click();
    await expect.poll(() => keeper.getByTestId('csv-result').getAttribute('data-imported')).toBe('4');
    await expect.poll(() => keeper.getByTestId('climate-chart').getAttribute('data-readings')).toBe('7');

    // A damp reading now: an open humidity excursion, for the city to see.
    await keeper.getByTestId('reading-time-now').click();
    await temperature.fill('23.5');
    await keeper.getByTestId('reading-humidity').fill('70');
    await keeper.keyboard.press('Enter');
    await expect.poll(() => keeper.getByTestId('reading-saved').getAttribute('data-tone')).toBe('warn');
    expect(await keeper.getByTestId('reading-saved').textContent()).toContain('湿度过高');
    await expect.poll(() => keeper.locator('[data-testid="excursion-row"][data-kind="humidity_high"][data-status="open"]').count()).toBe(1);
    await chartReady(keeper);
    await app.panelShot('climate-chart-24h', keeper, 'climate-chart-panel');
    await keeper.evaluate(() => window.scrollTo(0, 0));
    await app.shot('climate-area', keeper);

    // A networked sensor: its token shown once, then revoked.
    await keeper.getByTestId('sensor-name').fill('柜内探头');
    await keeper.getByTestId('sensor-add').click();
    expect(await keeper.getByTestId('sensor-token').textContent()).toMatch(/^fps_/);
    await app.panelShot('climate-sensor-token', keeper, 'sensors');
    await keeper.getByTestId('sensor-token-close').click();
    expect(await keeper.getByTestId('sensor-token').count()).toBe(0);
    const sensor = keeper.locator('[data-testid="sensor-row"][data-name="柜内探头"]');
    await sensor.getByTestId('sensor-revoke').click();
    await sensor.getByTestId('sensor-revoke-confirm').click();
    await expect.poll(() => sensor.getAttribute('data-revoked')).toBe('true');

    // Settings: a reading every 12 hours.
    await keeper.getByTestId('area-expectedIntervalMinutes').fill('720');
    await keeper.getByTestId('area-settings').getByTestId('area-submit').click();
    await keeper.getByTestId('area-saved').waitFor();
    expect(await keeper.getByTestId('area-screen').getByText('12 小时').count()).toBe(1);

    // The monthly record (库房温湿度记录表): the day of the round is out of range with its action.
    await keeper.getByTestId('area-record-link').click();
    const day = local(readings[1]![0]);
    if ((await keeper.getByTestId('record-month').inputValue()) !== day.date.slice(0, 7)) await keeper.getByTestId('record-month').fill(day.date.slice(0, 7));
    await keeper.locator('[data-testid="climate-record"][data-state="ready"]').waitFor();
    const row = keeper.locator(`[data-testid="record-row"][data-date="${day.date}"]`);
    expect(await row.getAttribute('data-out')).toBe('true');
    expect(await row.getByTestId('record-max').textContent()).toBe('27.5');
    expect(await row.getByTestId('record-out').textContent()).toBe('是');
    expect(await row.textContent()).toContain('开启空调降温');
    expect(await keeper.getByTestId('record-head').textContent()).toContain('待验区药具柜');
    await app.shot('climate-record', keeper);
    await keeper.emulateMedia({ media: 'print' });
    expect(await keeper.getByTestId('record-print').isVisible()).toBe(false);
    expect(await keeper.getByTestId('record-table').isVisible()).toBe(true);
    await app.shot('climate-record-print', keeper);
    // The whole month on one A4 landscape sheet.
    const pdf = (await keeper.pdf({ path: join(SCREENSHOTS, 'climate-record.pdf'), preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    const october = `${day.date.slice(0, 4)}-10`;
    await keeper.emulateMedia({ media: null });
    await keeper.getByTestId('record-month').fill(october);
    await keeper.locator(`[data-testid="climate-record"][data-month="${october}"][data-state="ready"]`).waitFor();
    expect(await keeper.getByTestId('record-row').count()).toBe(31);
    expect((await keeper.pdf({ preferCSSPageSize: true })).toString('latin1').match(/\/Type\s*\/Page\b/g)).toHaveLength(1);

    // The demo's logger room over 30 days: bands, limits, shaded excursions; a hot afternoon's exposed batches.
    await keeper.goto(areaUrl);
    await keeper.getByTestId('area-back').click();
    await keeper.locator('[data-testid="area-card"][data-name="一号库房"]').click();
    await keeper.getByTestId('chart-range-30d').click();
    await chartReady(keeper);
    await expect.poll(async () => Number(await keeper.getByTestId('climate-chart').getAttribute('data-readings'))).toBeGreaterThan(1000);
    await keeper.locator('[data-testid="excursion-row"][data-kind="temperature_high"]').first().click();
    // The demo's opening stock arrived after that afternoon: no batch stood in the room during it.
    await keeper.getByTestId('exposures-none').waitFor();
    await app.panelShot('climate-chart-30d', keeper, 'climate-chart-panel');
    await keeper.getByTestId('chart-range-1y').click();
    await chartReady(keeper);
    await app.panelShot('climate-chart-1y', keeper, 'climate-chart-panel');
    await keeper.getByTestId('chart-range-30d').click();
    await chartReady(keeper);
    await keeper.evaluate(() => window.scrollTo(0, 0));
    await app.shot('climate-area-logger', keeper);

    // The same screen in English.
    await keeper.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => keeper.getByTestId('area-screen').textContent()).toContain('Excursions and missing logs');
    await chartReady(keeper);
    await keeper.evaluate(() => window.scrollTo(0, 0));
    await app.shot('climate-area-en', keeper);
    await keeper.getByTestId('lang-switch').selectOption('zh-CN');

    // A township below, read-only: its hand-kept round missed a day (a missing log, hatched grey).
    await keeper.getByTestId('area-back').click();
    await keeper.locator('[data-testid="overview-row"][data-code="640121100"] a').click();
    await keeper.locator('[data-testid="area-card"][data-name="药具柜"]').click();
    await keeper.getByTestId('chart-range-30d').click();
    await chartReady(keeper);
    expect(await keeper.locator('[data-testid="excursion-row"][data-kind="gap"]').count()).toBeGreaterThan(0);
    expect(await keeper.getByTestId('reading-entry').count()).toBe(0);
    expect(await keeper.getByTestId('excursion-acknowledge').count()).toBe(0);
    await app.panelShot('climate-chart-gap', keeper, 'climate-chart-panel');

    // The city (one level up): the county in its alerts on the home screen and in the overview.
    const city = await app.loggedInPage('city-storekeeper');
    await city.getByTestId('climate-alerts').waitFor();
    const countyAlerts = city.locator('[data-testid="climate-alert"][data-own="false"]', { hasText: '永宁县' });
    await expect.poll(() => countyAlerts.count()).toBeGreaterThan(0);
    expect(await city.locator('[data-testid="climate-alert"]', { hasText: '待验区药具柜' }).getAttribute('data-kind')).toBe('humidity_high');
    await app.shot('climate-alerts-city', city);
    await city.getByTestId('nav-climate').click();
    await city.locator('[data-testid="climate-overview"][data-state="ready"]').waitFor();
    const county = city.locator('[data-testid="overview-row"][data-code="640121"]');
    expect(await county.getAttribute('data-attention')).toBe('true');
    expect(await county.textContent()).toContain('永宁县');
    await app.shot('climate-overview', city);
    // The county's own depots below open in place.
    await county.getByTestId('overview-toggle-640121').click();
    await expect.poll(() => city.locator('[data-testid="overview-row"][data-code="640121100"]').count()).toBe(1);
    await app.shot('climate-overview-open', city);
    await county.getByRole('link').click();
    await expect.poll(() => city.getByTestId('depot-title').textContent()).toContain('永宁县');
    await city.locator('[data-testid="area-card"][data-name="待验区药具柜"]').waitFor();
    // Read-only above: no entry, no new area.
    expect(await city.getByTestId('area-new').count()).toBe(0);
    await city.locator('[data-testid="area-card"][data-name="待验区药具柜"]').click();
    await city.getByTestId('area-screen').waitFor();
    expect(await city.getByTestId('reading-entry').count()).toBe(0);
  }, 180_000);
});
