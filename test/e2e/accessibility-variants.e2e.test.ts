import { describe, it, expect } from 'vitest';
import { expectAccessible } from '../helpers/a11y.ts';
import { APP_NAME, APP_NAME_EN, PHONE, app, checkRoutes, depotId, docs, openAt, settled, useA11yApp, visit } from '../helpers/a11y-app.ts';
/**
 * Accessibility in Chromium: China's GB/T 37668-2019 follows WCAG 2.1 level AA. axe-core checks
 * every screen of the app (web/src/router.ts, web/src/app.tsx) as the demo user who works on it,
 * with its panels open and its forms showing errors, in Chinese, the main ones in English, and
 * the shell and the stock list on a phone. What axe cannot see is checked by the keyboard: the
 * skip link, the focus on a route change, panels, fields in error and the phone's drawer.
 * Three files, so that they run side by side: this one, the login screen, English, the phone, and panels and forms in error.
 */
useA11yApp({ page: true });

describe('accessibility to WCAG 2.1 AA (GB/T 37668) in Chromium: the login screen, English, the phone, panels and errors', () => {
  it('the login screen, empty and refusing a password, in both languages', async () => {
    const page = app.page;
    await page.goto('/');
    await page.getByTestId('login-form').waitFor();
    expect(await page.title()).toBe(`用户登录 · ${APP_NAME}`);
    await expectAccessible(page, 'login');
    await page.getByTestId('login-username').fill('county-storekeeper');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await expectAccessible(page, 'login refused');
    await page.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => page.title()).toBe(`Log in · ${APP_NAME_EN}`);
    await expectAccessible(page, 'login en');
  });

  // The same screens again in English, their words longer than the Chinese: in the everyday run a
  // receipt (the home screen and the stock list are checked in English on the phone below, the
  // login screen above); every one of them under FP_LONG=1, to keep `npm test` within its 5 minutes.
  it('the main screens in English', async () => {
    const { county, receipt, order, demandPlan, area } = docs;
    if (!process.env.FP_LONG) return void (await (await checkRoutes('county-storekeeper', [`#/receipt/${receipt}`], { locale: 'en' })).close());
    await (await checkRoutes('county-storekeeper', [`#/home/${county}`, `#/stock/${county}`, `#/receipt/${receipt}`, `#/climate-area/${area}`], { locale: 'en' })).close();
    await (await checkRoutes('county-planner', [`#/transfer/${order}`, `#/demand-plan/${demandPlan}`], { locale: 'en' })).close();
    await (await checkRoutes('county-inspector', [`#/quality/${county}`], { locale: 'en' })).close();
    await (await checkRoutes('county-finance', [`#/reports/${county}`], { locale: 'en' })).close();
  }, 300_000);

  it.runIf(process.env.FP_LONG)('training, facilities, the archive and the service desk in English', async () => {
    const { county, township, receipt } = docs;
    await (await checkRoutes('county-leader', [`#/training/${county}?view=cadence&scope=subtree`, `#/facilities/${county}`, `#/archive-document/receipt/${receipt}`], { locale: 'en' })).close();
    await (await checkRoutes('township-storekeeper', [`#/service-desk/${township}?new=1`], { locale: 'en' })).close();
  }, 300_000);

  it('the shell and the stock list on a phone, with the drawer open', async () => {
    const { county } = docs;
    for (const locale of [undefined, 'en'] as const) {
      const page = await checkRoutes('county-storekeeper', [`#/home/${county}`, `#/stock/${county}`], { viewport: PHONE, locale });
      await page.getByTestId('tree-toggle').click();
      await page.getByTestId('depot-tree').waitFor();
      await settled(page);
      await expectAccessible(page, `phone drawer ${locale ?? 'zh-CN'}`);
      await page.close();
    }
    // A table that scrolls sideways on a phone must take the keyboard: the city's own holds, none, above the county's.
    await (await checkRoutes('city-inspector', [`#/quality/${depotId('6401')}`], { viewport: PHONE })).close();
  }, 240_000);

  it('panels open and forms showing their errors have no violation', async () => {
    const { county, township, area, demandPlan, allocationPlan } = docs;
    const keeper = await openAt('county-storekeeper', `#/stock/${county}`);
    await keeper.getByTestId('zone-move-open').click();
    await keeper.getByTestId('zone-move').waitFor();
    await expectAccessible(keeper, 'zone move panel');
    await visit(keeper, `#/climate/${county}`);
    await keeper.getByTestId('area-new').click();
    await keeper.getByTestId('area-name').fill('二号库');
    await keeper.getByTestId('area-minC').fill('五度');
    await keeper.getByTestId('area-submit').click();
    await keeper.locator('[data-testid="area-minC"][aria-invalid="true"]').waitFor();
    await expectAccessible(keeper, 'new storage area with an error');
    await visit(keeper, `#/climate-area/${area}`);
    await keeper.getByTestId('reading-temperature').fill('abc');
    await keeper.getByTestId('reading-submit').click();
    await keeper.locator('[data-testid="reading-temperature"][aria-invalid="true"]').waitFor();
    const excursion = keeper.getByTestId('excursion-open').first();
    if ((await excursion.count()) > 0) await excursion.click();
    await settled(keeper);
    await expectAccessible(keeper, 'climate reading with an error, an excursion opened');
    await visit(keeper, `#/counts/${county}`);
    await keeper.getByTestId('count-new').click();
    await keeper.getByTestId('count-zones-chosen').check();
    for (const zone of ['qualified', 'pending', 'nonconforming']) await keeper.getByTestId(`count-zone-${zone}`).uncheck();
    await expectAccessible(keeper, 'new stock count without a zone');
    await keeper.close();

    const admin = await openAt('county-admin', `#/users/${county}`);
    await admin.getByTestId('user-create').click();
    await admin.getByTestId('user-username').fill('yn-a11y');
    await admin.getByTestId('user-password').fill('short');
    await admin.getByTestId('user-submit').click();
    await admin.getByTestId('field-error-password').waitFor();
    await expectAccessible(admin, 'user form with errors');
    await admin.close();

    const inspector = await openAt('county-inspector', `#/quality/${county}`);
    await inspector.getByTestId('hold-new').click();
    await inspector.getByTestId('hold-form').waitFor();
    await settled(inspector);
    await inspector.getByTestId('hold-inspection').fill('x');
    await expectAccessible(inspector, 'hold form with an error');
    await visit(inspector, `#/write-off-new/${county}`);
    await inspector.getByTestId('red-lot-add').first().click();
    await inspector.getByTestId('line-quantity').first().fill('99999');
    await inspector.getByTestId('write-off-inspection').fill('x');
    await expectAccessible(inspector, 'write-off request with errors');
    await inspector.close();

    const planner = await openAt('county-planner', `#/demand-plan/${demandPlan}`);
    await planner.getByTestId('formula-toggle').first().click();
    await planner.getByTestId('line-quantity').first().fill('x');
    await planner.getByTestId('line-error').first().waitFor();
    await expectAccessible(planner, 'demand plan with a formula open and an error');
    await planner.close();
    const townPlanner = await openAt('township-planner', `#/planning/${township}`);
    await townPlanner.getByTestId('usage-input').first().fill('x');
    await townPlanner.getByTestId('usage-save').click();
    await townPlanner.locator('[data-testid="usage-input"][aria-invalid="true"]').waitFor();
    await expectAccessible(townPlanner, 'users by method with an error');
    await townPlanner.close();
    const regionPlanner = await openAt('region-planner', `#/allocation-plan/${allocationPlan}`);
    // No city has asked for anything yet: their lines are folded away until shown.
    await regionPlanner.getByTestId('allocation-show-quiet').first().click();
    await regionPlanner.getByTestId('allocation-input').first().fill('x');
    await regionPlanner.locator('[data-testid="allocation-input"][aria-invalid="true"]').waitFor();
    await expectAccessible(regionPlanner, 'allocation plan with an error');
    await regionPlanner.close();
  }, 420_000);
});
