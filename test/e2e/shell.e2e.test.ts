import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS, startBrowserApp, type BrowserApp } from '../helpers/browser.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp({ page: true });
});
afterAll(async () => {
  await app?.close();
});

describe('the web shell in Chromium', () => {
  it('logs in, opens the tree, shows stock and a stock card, switches language and logs out', async () => {
    const { page } = app;
    await page.goto('/');
    await page.getByTestId('login-form').waitFor();
    expect(await page.getByTestId('login-form').textContent()).toContain('计划生育药具');
    await app.shot('01-login-zh');

    await page.getByTestId('login-username').fill('county-storekeeper');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').getAttribute('data-code')).toBe('invalid_credentials');

    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('user-depot').textContent()).toContain('永宁县');

    // The home screen is the depot's overview; its stock on hand, zone colours and expiry highlighting.
    await page.locator('[data-testid="dashboard"][data-state="ready"]').waitFor();
    await page.getByTestId('nav-stock').click();
    await page.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    const rows = page.getByTestId('stock-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const zones = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-zone')));
    expect(zones).toEqual(expect.arrayContaining(['qualified', 'nonconforming']));
    const expiries = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-expiry')));
    expect(expiries).toContain('expired');
    await app.shot('02-stock-county-zh');

    // The tree below the county: open a township, select it, see its stock.
    await page.getByTestId('depot-tree').waitFor();
    expect(await page.getByTestId('depot-toggle-640121').getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('depot-node-640121100').click();
    await expect.poll(() => page.getByTestId('depot-title').textContent()).toContain('杨和镇');
    await page.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    await expect.poll(() => page.getByTestId('stock-row').count()).toBeGreaterThan(0);
    await app.shot('03-stock-township-zh');

    // Whole subtree of the county.
    await page.getByTestId('depot-node-640121').click();
    await page.getByTestId('scope-subtree').click();
    await expect.poll(() => page.getByTestId('scope-subtree').getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    await app.shot('04-stock-subtree-zh');

    // Back to the depot scope and open the stock card of the first row.
    await page.getByTestId('scope-depot').click();
    await page.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    await page.getByTestId('stock-row').first().click();
    await page.getByTestId('card-table').waitFor();
    await expect.poll(() => page.getByTestId('card-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('card-row').first().getAttribute('data-kind')).toBe('opening_balance');
    await app.shot('05-stock-card-zh');

    // English.
    await page.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => page.getByTestId('card-screen').textContent()).toMatch(/Stock card|Opening balance/i);
    await app.shot('06-stock-card-en');
    await page.getByTestId('card-back').click();
    await page.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    await app.shot('07-stock-en');

    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    expect(await page.getByTestId('login-submit').textContent()).toMatch(/log in/i);
    await app.shot('08-logged-out-en');
  });

  it('lets an admin manage the users of its subtree', async () => {
    const page = await app.loggedInPage('county-admin');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-table').waitFor();
    await expect.poll(() => page.getByTestId('user-row').count()).toBeGreaterThan(6);

    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill('yn-kuguan-2');
    await page.getByTestId('user-displayname').fill('永宁县库管二');
    await page.getByTestId('user-password').fill('short');
    await page.getByTestId('user-role-storekeeper').check();
    await page.getByTestId('user-submit').click();
    await page.getByTestId('field-error-password').waitFor();
    await app.shot('09-user-form-error-zh', page);
    await page.getByTestId('user-password').fill('kuguan-2026');
    await page.getByTestId('user-submit').click();
    const row = page.locator('[data-testid="user-row"][data-username="yn-kuguan-2"]');
    await row.waitFor();

    await row.getByTestId('user-deactivate').click();
    await row.getByTestId('confirm-yes').click();
    await expect.poll(() => row.getAttribute('data-active')).toBe('false');
    await app.shot('10-users-zh', page);
    await page.close();
  });

  it('hands a closed page to the next login clean: the next person, in Chinese, with nothing of the last one in the browser', async () => {
    const first = await app.loggedInPage('county-inspector');
    await first.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => first.evaluate(() => document.documentElement.lang)).toBe('en');
    await first.evaluate(() => sessionStorage.setItem('fp-left-behind', 'county-inspector'));
    await first.close();
    // The same page again (the helper keeps it for the next login), with the next person's session and none of the last one's storage.
    const next = await app.loggedInPage('township-storekeeper');
    expect(next).toBe(first);
    expect(await next.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await next.evaluate(() => sessionStorage.getItem('fp-left-behind'))).toBeNull();
    const me = await next.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { user: { username: string } }).user.username);
    expect(me).toBe('township-storekeeper');
    await next.close();
  });

  it('saves a PNG of the screen only when screenshots are asked for (FP_SCREENSHOTS=1, as npm run screenshots sets)', async () => {
    const page = await app.loggedInPage('county-storekeeper');
    const file = join(SCREENSHOTS, 'shell-screenshot-switch.png');
    const asked = process.env.FP_SCREENSHOTS;
    rmSync(file, { force: true });
    try {
      delete process.env.FP_SCREENSHOTS;
      await app.shotFromTop('shell-screenshot-switch', page);
      expect(existsSync(file)).toBe(false);
      process.env.FP_SCREENSHOTS = '1';
      await app.shotFromTop('shell-screenshot-switch', page);
      const png = readFileSync(file);
      // The PNG signature, then the IHDR chunk's width: the whole page, 1280 CSS pixels wide.
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(1280);
    } finally {
      if (asked === undefined) delete process.env.FP_SCREENSHOTS;
      else process.env.FP_SCREENSHOTS = asked;
      if (asked !== '1') rmSync(file, { force: true });
    }
    await page.close();
  });

  it('works on a tablet: the tree opens as a drawer', async () => {
    const page = await app.loggedInPage('township-storekeeper', { viewport: { width: 800, height: 1280 } });
    await page.getByTestId('nav-stock').click();
    await page.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    await app.shot('11-tablet-stock-zh', page);
    await page.getByTestId('tree-toggle').click();
    await page.getByTestId('depot-node-640121100200').click();
    await expect.poll(() => page.getByTestId('depot-title').textContent()).toContain('王太');
    await app.shot('12-tablet-village-zh', page);
    await page.close();
  });

  it('takes a village dispenser straight to 发放 and shows only the tabs of the role, each of which opens without a refusal', async () => {
    const page = await app.loggedInPage('village-dispenser');
    await page.getByTestId('dispense-form').waitFor();
    const village = await page.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { depot: { id: number } }).depot.id);
    expect(new URL(page.url()).hash).toBe(`#/dispense/${village}`);
    const tabs = () => page.locator('nav.tabs a').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    // 花名册 and 随访 (the users register, docs/people.md) and 不良反应 come with the dispenser's work with people; 服务事项 with the desk every
    // staff member keeps, 业务档案 with the village's own documents, 设施设备 with the village's supply box and
    // cabinet, which its dispenser records. No 培训: villages hold none (S0:467-471).
    const dispenserTabs = ['nav-stock', 'nav-receipts', 'nav-transfers', 'nav-dispense', 'nav-people', 'nav-followUps', 'nav-adverseReactions', 'nav-serviceDesk', 'nav-archive', 'nav-facilities'];
    await expect.poll(tabs).toEqual(dispenserTabs);
    expect(await page.getByTestId('nav-dispense').getAttribute('aria-current')).toBe('page');
    await app.shotFromTop('shell-village-dispenser-home', page);
    for (const tab of dispenserTabs) {
      await page.getByTestId(tab).click();
      await expect.poll(() => page.getByTestId(tab).getAttribute('aria-current')).toBe('page');
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.problem[data-code="role_required"], .problem[data-code="out_of_scope"]').count(), tab).toBe(0);
    }
    // The app's name leads home: 发放 again.
    await page.getByTestId('nav-stock').click();
    await page.getByTestId('app-name').click();
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/dispense/${village}`);
    await page.close();

    // A phone: the same tabs.
    const phone = await app.loggedInPage('village-dispenser', { viewport: { width: 390, height: 844 } });
    await phone.getByTestId('dispense-form').waitFor();
    await app.shotFromTop('shell-village-dispenser-390', phone);
    await phone.close();

    // A storekeeper still has the overview and the other tabs.
    const keeper = await app.loggedInPage('county-storekeeper');
    await keeper.locator('[data-testid="dashboard"][data-state="ready"]').waitFor();
    const keeperTabs = await keeper.locator('nav.tabs a').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(keeperTabs).toEqual(expect.arrayContaining(['nav-dashboard', 'nav-stock', 'nav-receipts', 'nav-labels', 'nav-climate', 'nav-quality', 'nav-counts', 'nav-reports', 'nav-serviceDesk', 'nav-archive', 'nav-facilities']));
    expect(keeperTabs).not.toContain('nav-users');
    expect(keeperTabs).not.toContain('nav-training');
    await keeper.close();
  });

  it('shows stock on a phone as cards: product, lot, expiry, zone and quantity without scrolling sideways, and the totals per unit', async () => {
    const page = await app.loggedInPage('county-storekeeper', { viewport: { width: 390, height: 844 } });
    await page.getByTestId('nav-stock').click();
    await page.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    const rows = page.getByTestId('stock-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
    // Every card is inside the screen, and its lot, expiry, zone and quantity are shown with their labels.
    const first = rows.first();
    const box = (await first.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // The labels are the cells' ::before (from data-label), shown on the card.
    const labels = await first.locator('td').evaluateAll((tds) => tds.map((td) => getComputedStyle(td, '::before').content.replace(/^"|"$/g, '')));
    expect(labels).toEqual(expect.arrayContaining(['批号', '有效期至', '库区', '数量']));
    for (const cell of await first.locator('td').all()) {
      const b = await cell.boundingBox();
      if (b) expect(b.x + b.width).toBeLessThanOrEqual(391);
    }
    // The county holds blisters, boxes and more: one total per unit, never one sum.
    const totals = page.getByTestId('stock-total-quantity');
    expect(Number(await totals.getAttribute('data-units'))).toBeGreaterThan(1);
    expect(await totals.textContent()).toMatch(/板.*·.*盒|盒.*·.*板/);
    await app.shotFromTop('shell-stock-390', page, 844);
    await app.panelShot('shell-stock-390-totals', page, 'stock-totals');
    await page.close();
  });
});
