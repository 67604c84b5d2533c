import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';
import { httpLogin, httpPost, type HttpSession } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { defaultConfig } from '../../server/config.ts';
import { decodePng } from '../helpers/decode.ts';
import { parseScan } from '../../labels/gs1.ts';

// Its own file (not receiving.e2e's): the longest journey runs beside the other goods-in journeys.
let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

/**
 * Issue 17 item 3 in the browser: condoms without a GTIN come in at the region typed by hand, and
 * from then on only the region's printed batch label is scanned, as a wedge types what it reads:
 * at every pick down the chain, at every receipt, and at the village's dispensing. After every
 * step the stock and the 购调存 report of each depot are exactly what the steps so far make them.
 */
describe('the whole chain in Chromium for a product without GTIN, by its printed batch label', () => {
  /** 天然胶乳橡胶避孕套(小号): no GTIN, and no demo stock anywhere, so every figure is this journey's. */
  const CONDOMS = 'KJ-0703';
  const LOT = '20261101';
  const CHAIN = ['64', '6401', '640121', '640121100', '640121100200'] as const;
  type Depot = (typeof CHAIN)[number];
  const TIER: Record<Depot, string> = { '64': 'region', '6401': 'city', '640121': 'county', '640121100': 'township', '640121100200': 'village' };
  const INSPECTING = new Set<Depot>(['64', '6401', '640121']);
  /** What each depot is sent by the one above it, as in test/api/chain.test.ts. */
  const SENT: Record<Exclude<Depot, '64'>, number> = { '6401': 600, '640121': 300, '640121100': 200, '640121100200': 50 };

  it('typed once at the region, labelled, then scanned at every pick, receipt and the village dispensing: stock and 购调存 exact at every depot after every step', async () => {
    const sql = app.server.db.$client;
    const depotId = (code: Depot) => sql.prepare('select id from depots where code = ?').pluck().get(code) as number;
    const productId = sql.prepare('select id from products where code = ?').pluck().get(CONDOMS) as number;
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: defaultConfig.timeZone, year: 'numeric' }).format(new Date()));

    const sessions = new Map<string, Promise<HttpSession>>();
    const api = (username: string) => {
      if (!sessions.has(username)) sessions.set(username, httpLogin(app.server.url, username, DEMO_PASSWORD));
      return sessions.get(username)!;
    };
    const pages = new Map<string, Promise<Page>>();
    const pageOf = (depot: Depot, role: string) => {
      const username = `${TIER[depot]}-${role}`;
      if (!pages.has(username)) pages.set(username, app.loggedInPage(username));
      return pages.get(username)!;
    };
    /** Logs a depot's people in while the journey works elsewhere: a login is most of a step's time on a loaded machine. */
    const prefetch = (depot: Depot, ...roles: string[]) => roles.forEach((role) => void pageOf(depot, role).catch(() => undefined));
    const closePagesOf = async (depot: Depot) => {
      for (const [username, page] of pages) {
        if (!username.startsWith(`${TIER[depot]}-`)) continue;
        pages.delete(username);
        await (await page).close();
      }
    };

    /** The books the steps so far make, per depot: stock by location and the year's 购调存 columns. */
    const zero = () => ({ qualified: 0, pending: 0, in_transit: 0, purchased: 0, transferredIn: 0, transferredOut: 0, dispensed: 0 });
    const books = Object.fromEntries(CHAIN.map((d) => [d, zero()])) as Record<Depot, ReturnType<typeof zero>>;
    let batchId = 0;
    let price = 0;
    const expectBooks = async (step: string) => {
      const leader = await api('region-leader');
      await Promise.all(
        CHAIN.map(async (depot) => {
          const b = books[depot];
          const stock = (await json(leader, `/api/stock?depotId=${depotId(depot)}&productId=${productId}&pageSize=500`)).items as { batchId: number; location: string; quantity: number }[];
          const held = Object.fromEntries(stock.filter((r) => r.quantity !== 0).map((r) => [`${r.batchId === batchId ? LOT : r.batchId}:${r.location}`, r.quantity]));
          const expected = Object.fromEntries((['qualified', 'pending', 'in_transit'] as const).filter((l) => b[l] !== 0).map((l) => [`${LOT}:${l}`, b[l]]));
          expect([step, depot, held]).toEqual([step, depot, expected]);

          const sheet = await json(leader, `/api/reports/pts?depotId=${depotId(depot)}&year=${year}`);
          const row = sheet.rows.find((r: any) => r.code === CONDOMS) ?? {};
          const closing = b.qualified + b.pending;
          const figures = { opening: 0, purchased: b.purchased, transferredIn: b.transferredIn, transferredOut: b.transferredOut, dispensed: b.dispensed, writtenOff: 0, closing, closingValueFen: closing * price, inTransit: b.in_transit };
          const shown = Object.fromEntries(Object.keys(figures).map((k) => [k, row[k] ?? 0]));
          expect([step, depot, '购调存', shown]).toEqual([step, depot, '购调存', figures]);
        }),
      );
    };

    /** Confirms the count (nothing short: it does not ask), then both signatures and, where the tier inspects goods-in, the inspection. */
    const countSignInspect = async (depot: Depot, keeper: Page, quantity: number, kind: 'purchased' | 'transferredIn') => {
      const url = keeper.url();
      await keeper.getByTestId('confirm-count').click();
      await expect.poll(() => keeper.getByTestId('receipt-screen').getAttribute('data-status')).toBe('counted');
      const b = books[depot];
      b[kind] += quantity;
      if (kind === 'transferredIn') b.in_transit -= quantity;
      b[INSPECTING.has(depot) ? 'pending' : 'qualified'] += quantity;
      await expectBooks(`${depot} counted`);
      await keeper.getByTestId('sign-storekeeper').click();
      await keeper.getByTestId('signatures').waitFor();
      if (INSPECTING.has(depot)) {
        const inspector = await pageOf(depot, 'inspector');
        await inspector.goto(url);
        await inspector.getByTestId(`inspect-${LOT}`).click();
        await inspector.getByTestId('inspect-checklist').waitFor();
        for (const item of await inspector.getByTestId('inspect-checklist').locator('input[type="checkbox"]').all()) await item.check();
        await inspector.getByTestId('inspect-submit').click();
        await inspector.getByTestId('inspected').waitFor();
        b.pending -= quantity;
        b.qualified += quantity;
      }
      const planner = await pageOf(depot, 'planner');
      await planner.goto(url);
      await planner.getByTestId('sign-planner').click();
      await expect.poll(() => planner.getByTestId('receipt-screen').getAttribute('data-status')).toBe('effective');
      await expectBooks(`${depot} signed${INSPECTING.has(depot) ? ' and inspected' : ''}`);
    };

    // Region: the supplier's condoms have no GTIN and no label we can read: product, lot and expiry typed from the pack.
    const regionKeeper = await pageOf('64', 'storekeeper');
    prefetch('64', 'inspector', 'planner');
    await regionKeeper.goto(`/#/receipts/${depotId('64')}`);
    await regionKeeper.getByTestId('receipt-supplier').fill('桂林紫竹乳胶制品有限公司');
    await regionKeeper.getByTestId('receipt-note').fill('GL-2026-1101');
    await regionKeeper.getByTestId('receipt-open').click();
    await regionKeeper.getByTestId('scan-input').waitFor();
    await regionKeeper.getByTestId('manual-toggle').click();
    const option = regionKeeper.locator(`[data-testid="manual-product"] option[data-code="${CONDOMS}"]`);
    await option.waitFor({ state: 'attached' });
    await regionKeeper.getByTestId('manual-product').selectOption((await option.getAttribute('value'))!);
    await regionKeeper.getByTestId('manual-lot').fill(LOT);
    await regionKeeper.getByTestId('manual-expires').fill('2031-10-31');
    await regionKeeper.getByTestId('manual-quantity').fill('1000');
    await regionKeeper.getByTestId('manual-submit').click();
    const typedLine = regionKeeper.locator(`[data-testid="receipt-line"][data-lot="${LOT}"]`);
    await expect.poll(() => typedLine.getAttribute('data-quantity')).toBe('1000');
    expect(await typedLine.getAttribute('data-typed')).toBe('1');
    batchId = Number(await typedLine.getAttribute('data-batch'));
    price = sql.prepare('select unit_price_fen from batches where id = ?').pluck().get(batchId) as number;
    await countSignInspect('64', regionKeeper, 1000, 'purchased');

    // The region prints the batch label (the PNG its printer gets), and a scanner reads it: that text is all later steps get.
    expect(await regionKeeper.locator(`[data-testid="carton-line"][data-lot="${LOT}"]`).count()).toBe(1);
    const png = await regionKeeper.request.get(`/api/labels/batches/${batchId}?format=png`);
    expect(png.status()).toBe(200);
    expect(png.headers()['content-type']).toBe('image/png');
    const reads = await decodePng(new Uint8Array(await png.body()));
    expect(reads.map((r) => [r.format, r.text])).toEqual([['DataMatrix', `FP1:B:${batchId}`]]);
    const scanned = reads[0]!.symbologyIdentifier + reads[0]!.text;
    expect(parseScan(scanned)).toMatchObject({ kind: 'batch', batchId });

    for (let i = 1; i < CHAIN.length; i++) {
      const [from, to] = [CHAIN[i - 1]!, CHAIN[i] as Exclude<Depot, '64'>];
      const n = SENT[to];
      const created = await httpPost(app.server.url, await api(`${TIER[from]}-planner`), '/api/transfer-orders', { fromDepotId: depotId(from), toDepotId: depotId(to), basis: 'temporary', lines: [{ productId, quantity: n }] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const orderId = created.body.id as number;
      expect((await httpPost(app.server.url, await api(`${TIER[from]}-leader`), `/api/transfer-orders/${orderId}/decision`, { decision: 'approved' })).status).toBe(200);

      prefetch(to, 'storekeeper');
      // The sender picks by scanning the label, then dispatches.
      const sender = await pageOf(from, 'storekeeper');
      await sender.goto(`/#/transfer/${orderId}`);
      await sender.getByTestId('pick-bar').waitFor();
      await sender.getByTestId('pick-quantity').fill(String(n));
      await wedge(sender, scanned);
      await expect.poll(() => sender.getByTestId('line-remaining').textContent()).toBe('0');
      expect(await sender.getByTestId('pick-row').evaluateAll((els) => els.map((e) => [e.getAttribute('data-lot'), e.querySelector('[data-testid="typed-mark"]') !== null]))).toEqual([[LOT, false]]);
      await sender.getByTestId('dispatch').click();
      await sender.getByTestId('dispatch-dialog').waitFor();
      await sender.getByTestId('dialog-confirm').click();
      await expect.poll(() => sender.getByTestId('order-screen').getAttribute('data-status')).toBe('dispatched');
      books[from].qualified -= n;
      books[from].transferredOut += n;
      books[to].in_transit += n;
      await expectBooks(`${from} dispatched ${n} to ${to}`);
      await closePagesOf(from);

      // The receiver scans the same label: at the village 49 on one scan and the last box on its own.
      const receiver = await pageOf(to, 'storekeeper');
      prefetch(to, 'planner', ...(INSPECTING.has(to) ? ['inspector'] : []), ...(to === '640121100200' ? ['dispenser'] : []));
      await receiver.goto(`/#/transfer/${orderId}`);
      await receiver.getByTestId('receive').click();
      await receiver.getByTestId('scan-input').waitFor();
      const line = receiver.locator(`[data-testid="receipt-line"][data-lot="${LOT}"]`);
      const last = to === '640121100200' ? 1 : 0;
      await receiver.getByTestId('scan-quantity').fill(String(n - last));
      await wedge(receiver, scanned);
      await expect.poll(() => line.getAttribute('data-quantity')).toBe(String(n - last));
      if (last) {
        expect(await line.getAttribute('data-complete')).toBe('false');
        await wedge(receiver, scanned);
        await expect.poll(() => line.getAttribute('data-quantity')).toBe(String(n));
      }
      expect(await line.getAttribute('data-complete')).toBe('true');
      expect(await line.getAttribute('data-typed')).toBe('0');
      expect(await receiver.getByTestId('last-scan-lot').textContent()).toBe(LOT);
      expect(await receiver.getByTestId('last-scan-progress').getAttribute('data-expected')).toBe(String(n));
      expect(await receiver.getByTestId('comparison-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['matched']);
      if (last) {
        await calm(receiver);
        await app.shotFromTop('29c-chain-village-receipt-zh', receiver, 900);
      }
      await countSignInspect(to, receiver, n, 'transferredIn');
      expect((await json(await api(`${TIER[from]}-planner`), `/api/transfer-orders/${orderId}`)).status).toBe('received');
    }

    // The village dispenses 7 boxes by scanning the same label.
    const dispenser = await pageOf('640121100200', 'dispenser');
    await dispenser.getByTestId('nav-dispense').click();
    await dispenser.getByTestId('dispense-form').waitFor();
    await wedge(dispenser, scanned);
    await expect.poll(() => dispenser.getByTestId('dispense-lot').textContent()).toBe(LOT);
    expect(await dispenser.getByTestId('dispense-item').getAttribute('data-entry')).toBe('scanned');
    await dispenser.getByTestId('dispense-quantity').fill('7');
    await dispenser.getByTestId('dispense-pack').check();
    await dispenser.getByTestId('dispense-expiry').check();
    await dispenser.getByTestId('dispense-confirm').click();
    await expect.poll(() => dispenser.locator(`[data-testid="dispensing-row"][data-lot="${LOT}"]`).count()).toBe(1);
    books['640121100200'].qualified -= 7;
    books['640121100200'].dispensed += 7;
    await expectBooks('640121100200 dispensed 7');

    // The village's stock screen shows what is left of the lot.
    const villageKeeper = await pageOf('640121100200', 'storekeeper');
    await villageKeeper.goto(`/#/stock/${depotId('640121100200')}`);
    await villageKeeper.locator('[data-testid="stock-screen"][data-state="ready"]').waitFor();
    const stockRow = villageKeeper.locator(`[data-testid="stock-row"][data-batch-id="${batchId}"]`);
    await expect.poll(() => stockRow.locator('.stock-quantity').textContent()).toMatch(/^43\s/);
    expect(await stockRow.getAttribute('data-zone')).toBe('qualified');
    await app.shotFromTop('29d-chain-village-stock-zh', villageKeeper);

    // The region's summary: what came from the supplier, less what the village dispensed, is what the tree holds.
    const summary = await json(await api('region-leader'), `/api/reports/pts?depotId=${depotId('64')}&year=${year}&scope=summary`);
    expect(summary.rows.find((r: any) => r.code === CONDOMS)).toMatchObject({ purchased: 1000, transferredIn: 1150, transferredOut: 1150, dispensed: 7, closing: 993, inTransit: 0 });
    await closePagesOf('640121100');
    await closePagesOf('640121100200');
  }, 240_000);
});

/** Waits out the screen's flash, so that a screenshot shows the screen as it stays. */
const calm = (page: Page) => expect.poll(() => page.getByTestId('scan-flash').getAttribute('data-active')).toBe('false');

const json = async (s: HttpSession, path: string) => (await fetch(`${app.server.url}${path}`, { headers: { cookie: s.cookie } })).json() as Promise<any>;
