import { describe, it } from 'vitest';
import { app, checkRoutes, depotId, docs, useA11yApp, visit } from '../helpers/a11y-app.ts';
import { expectAccessible, expectNoOrientationLock } from '../helpers/a11y.ts';
/**
 * Accessibility in Chromium: China's GB/T 37668-2019 follows WCAG 2.1 level AA. axe-core checks
 * every screen of the app (web/src/router.ts, web/src/app.tsx) as the demo user who works on it,
 * with its panels open and its forms showing errors, in Chinese, the main ones in English, and
 * the shell and the stock list on a phone. What axe cannot see is checked by the keyboard: the
 * skip link, the focus on a route change, panels, fields in error and the phone's drawer.
 * Three files, so that they run side by side: this one, every screen as its users see it.
 */
useA11yApp();

describe('accessibility to WCAG 2.1 AA (GB/T 37668) in Chromium: every screen', () => {
  it("every screen of the storekeeper's depot (overview, stock, card, receipts, labels, climate, counts) has no violation", async () => {
    const { county, batch, receipt, area, count } = docs;
    const page = await checkRoutes('county-storekeeper', [
      `#/home/${county}`,
      `#/stock/${county}`,
      `#/stock/${county}?scope=subtree`,
      `#/card/${county}/${batch}`,
      `#/receipts/${county}`,
      `#/receipt/${receipt}`,
      `#/labels/${county}`,
      `#/climate/${county}`,
      `#/climate-area/${area}`,
      `#/climate-record/${area}`,
      `#/counts/${county}`,
      `#/count/${count}`,
      `#/count/${count}?sheet=full`,
      `#/count/${count}?sheet=blank`,
      '#/no-such-screen',
    ]);
    // The style sheets of all these screens, loaded by now, lock no orientation (the one rule the checks above leave out).
    await expectNoOrientationLock(page, 'county-storekeeper, every screen of the depot');
    await page.close();
  }, 300_000);

  it('every screen of the planner, the inspector, the leader, the finance officer, the admin, the dispenser and the county clinician has no violation', async () => {
    const { county, township, region, order, demandPlan, allocationPlan, writeOff, batch, village, adverseReaction, adverseSignal } = docs;
    const screens: [string, string[]][] = [
      ['county-planner', [`#/home/${county}`, `#/transfers/${county}`, `#/transfer/${order}`, `#/planning/${county}`, `#/demand-plan/${demandPlan}`]],
      ['region-planner', [`#/planning/${region}`, `#/allocation-plan/${allocationPlan}`]],
      ['township-planner', [`#/planning/${township}`]],
      ['county-inspector', [`#/home/${county}`, `#/quality/${county}`, `#/write-off-new/${county}`, `#/trace/${batch}?depotId=${county}`]],
      ['county-leader', [`#/home/${county}`, `#/write-off/${writeOff}`, `#/write-off/${writeOff}?form=approval`, `#/people/${county}`, `#/people-reports/${county}?sheet=summary`]],
      ['county-finance', [`#/home/${county}`, `#/reports/${county}`, `#/reports/${county}?report=pts&year=2026&period=year&scope=summary`]],
      ['region-finance', [`#/reports/${region}?report=cyp&year=2026&period=year`]],
      ['county-admin', [`#/home/${county}`, `#/users/${county}`]],
      ['township-dispenser', [`#/home/${township}`, `#/dispense/${township}`, `#/people/${township}`, `#/follow-ups/${township}`, `#/people-reports/${township}?sheet=register`]],
      ['village-dispenser', [`#/adverse-reaction-new/${village}`, `#/adverse-reactions/${village}`]],
      ['county-clinician', [`#/adverse-reaction/${adverseReaction}`, `#/home/${county}`]],
      ['region-inspector', [`#/adverse-signal/${adverseSignal}`, `#/adverse-reactions/${region}`]],
    ];
    // Every screen of every role under FP_LONG=1; in the everyday run each role's first screen, to keep `npm test` within its 5 minutes.
    const chosen = process.env.FP_LONG ? screens : screens.map(([username, hashes]): [string, string[]] => [username, hashes.slice(0, 1)]);
    for (const [username, hashes] of chosen) await (await checkRoutes(username, hashes)).close();
  }, 420_000);

  it('every screen of training, facilities and equipment, the archive and the service desk has no violation', async () => {
    const { county, township, receipt } = docs;
    const one = (query: string, ...params: unknown[]) => app.server.db.$client.prepare(query).pluck().get(...params) as number;
    // The demo's county printer (with its maintenance log) and the township's complaint closed last week.
    const printer = one(`select id from equipment_items where serial = 'DS19-0042'`);
    const request = one(`select id from service_requests where depot_id = ? and kind = 'complaint'`, township);
    const screens: [string, string[]][] = [
      ['county-leader', [`#/training/${county}`, `#/training/${county}?view=education`, `#/training/${county}?view=cadence&scope=subtree`, `#/training/${county}?view=staff`, `#/training/${county}?new=1`]],
      ['county-leader', [`#/archive/${county}`, `#/archive-document/receipt/${receipt}`]],
      ['county-storekeeper', [`#/facilities/${county}`, `#/equipment/${printer}`]],
      ['township-leader', [`#/facilities/${township}`, `#/service-desk/${township}?view=summary&month=2026-11`]],
      ['township-storekeeper', [`#/service-desk/${township}`, `#/service-desk/${township}?new=1`, `#/service-request/${request}`]],
    ];
    for (const [username, hashes] of screens) await (await checkRoutes(username, hashes)).close();
    // The forms opened by a button: the facility profile and a request for equipment.
    for (const [username, code, opener, form] of [
      ['township-leader', township, 'facility-edit', 'facility-form'],
      ['county-storekeeper', county, 'equipment-request-new', 'equipment-request-form'],
    ] as const) {
      const page = await app.loggedInPage(username);
      await visit(page, `#/facilities/${code}`);
      await page.getByTestId(opener).click();
      await page.getByTestId(form).waitFor();
      await expectAccessible(page, `${username} #/facilities/${code} ${form}`);
      await page.close();
    }
  }, 300_000);
});
