import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';

/**
 * Quantities of different units are never added into one total (issue 17 item 17): blisters (板,
 * KJ-0101) and boxes (盒, KJ-0104) on one document or in one report give two totals, one per
 * unit; values in yuan add up across them.
 */
let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' });
});
afterEach(() => expectLedgerConsistent(w.db));

const id = (code: string) => w.depot(code).id;
const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;

async function ok(pending: Promise<{ status: number; body: any }>, status = 200) {
  const res = await pending;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const BLISTERS = { unitZh: '板', unitEn: 'blister' };
const BOXES = { unitZh: '盒', unitEn: 'box' };

/** 120 blisters at 95 fen and 30 boxes at 500 fen in the county's qualified zone. */
function blistersAndBoxes() {
  const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'U-PILL', unitPriceFen: 95 });
  const boxes = buildBatch(w, { productCode: 'KJ-0104', lot: 'U-BOX', unitPriceFen: 500 });
  givenStock(w, '640121', pills.id, 120);
  givenStock(w, '640121', boxes.id, 30);
  return { pills, boxes };
}

describe('documents and lists total their quantities per unit', () => {
  it('gives stock on hand of blisters and boxes as two totals, the value as one, at the depot and over its subtree', async () => {
    blistersAndBoxes();
    const keeper = await as('640121-storekeeper');
    const here = await ok(keeper.get(`/api/stock?depotId=${id('640121')}`));
    expect(here.totalsByUnit).toEqual([
      { ...BLISTERS, quantity: 120, valueFen: 120 * 95 },
      { ...BOXES, quantity: 30, valueFen: 30 * 500 },
    ]);
    expect(here.totals).toEqual({ valueFen: 120 * 95 + 30 * 500 });
    const subtree = await ok((await as('6401-leader')).get(`/api/stock?depotId=${id('6401')}&scope=subtree`));
    expect(subtree.totalsByUnit.map((u: any) => [u.unitZh, u.quantity])).toEqual([['板', 120], ['盒', 30]]);
    // Past the last page the totals are the same.
    expect((await ok(keeper.get(`/api/stock?depotId=${id('640121')}&page=9`))).totalsByUnit).toEqual(here.totalsByUnit);
    // A filter to one product leaves one unit.
    expect((await ok(keeper.get(`/api/stock?depotId=${id('640121')}&productId=${productId('KJ-0104')}`))).totalsByUnit).toEqual([{ ...BOXES, quantity: 30, valueFen: 15_000 }]);
  });

  it('totals a receipt of blisters and boxes per unit', async () => {
    const keeper = await as('640121-storekeeper');
    const r = await ok(keeper.post('/api/receipts', { depotId: id('640121'), supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'SH-2026-1122' }), 201);
    await ok(keeper.post(`/api/receipts/${r.id}/scans`, { productId: productId('KJ-0101'), lot: 'R-PILL', expiresOn: '2028-06-30', quantity: 100 }));
    const scanned = await ok(keeper.post(`/api/receipts/${r.id}/scans`, { productId: productId('KJ-0104'), lot: 'R-BOX', expiresOn: '2028-06-30', quantity: 20 }));
    expect(scanned.receipt.totalsByUnit.map((u: any) => [u.unitZh, u.unitEn, u.quantity])).toEqual([
      ['板', 'blister', 100],
      ['盒', 'box', 20],
    ]);
  });

  it('totals the picks of a transfer order per unit', async () => {
    const { pills, boxes } = blistersAndBoxes();
    const order = await ok(
      (await as('640121-planner')).post('/api/transfer-orders', {
        fromDepotId: id('640121'),
        toDepotId: id('640121100'),
        basis: 'temporary',
        lines: [
          { productId: productId('KJ-0101'), quantity: 60 },
          { productId: productId('KJ-0104'), quantity: 10 },
        ],
      }),
      201,
    );
    await ok((await as('640121-leader')).post(`/api/transfer-orders/${order.id}/decision`, { decision: 'approved' }));
    const keeper = await as('640121-storekeeper');
    await ok(keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: `FP1:B:${pills.id}`, quantity: 60 }));
    const picked = await ok(keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: `FP1:B:${boxes.id}`, quantity: 10 }));
    expect(picked.order.totalsByUnit).toEqual([
      { ...BLISTERS, quantity: 60, valueFen: 60 * 95 },
      { ...BOXES, quantity: 10, valueFen: 10 * 500 },
    ]);
  });

  it('totals a write-off request per unit, on the request and in the list', async () => {
    const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'W-PILL', expiresOn: '2026-10-31', unitPriceFen: 95 });
    const boxes = buildBatch(w, { productCode: 'KJ-0104', lot: 'W-BOX', expiresOn: '2026-10-31', unitPriceFen: 500 });
    givenStock(w, '640121', pills.id, 12, 'nonconforming');
    givenStock(w, '640121', boxes.id, 3, 'nonconforming');
    const request = await ok(
      (await as('640121-inspector')).post('/api/write-offs', {
        depotId: id('640121'),
        lines: [
          { batchId: pills.id, quantity: 12, kind: 'expired' },
          { batchId: boxes.id, quantity: 3, kind: 'expired' },
        ],
      }),
      201,
    );
    const expected = [
      { ...BLISTERS, quantity: 12, valueFen: 12 * 95 },
      { ...BOXES, quantity: 3, valueFen: 3 * 500 },
    ];
    expect(request.totalsByUnit).toEqual(expected);
    expect(request.lines.map((l: any) => l.unitEn)).toEqual(['blister', 'box']);
    const list = await ok((await as('640121-inspector')).get(`/api/write-offs?depotId=${id('640121')}`));
    expect(list.items.find((r: any) => r.id === request.id).totalsByUnit).toEqual(expected);
  });

  it('gives expired and near-expiry stock per unit, in total and by depot', async () => {
    const old = buildBatch(w, { productCode: 'KJ-0101', lot: 'E-PILL', expiresOn: '2026-10-01' });
    const near = buildBatch(w, { productCode: 'KJ-0104', lot: 'N-BOX', expiresOn: '2027-01-31' });
    givenStock(w, '640121', old.id, 7);
    givenStock(w, '640121100', near.id, 9);
    const summary = await ok((await as('640121-leader')).get(`/api/depots/${id('640121')}/expiry-summary`));
    expect(summary.totalByUnit).toEqual({
      expired: [{ ...BLISTERS, quantity: 7 }],
      near: [{ ...BOXES, quantity: 9 }],
      expiredInQualified: [{ ...BLISTERS, quantity: 7 }],
    });
    expect(summary.depots.find((d: any) => d.code === '640121100').byUnit.near).toEqual([{ ...BOXES, quantity: 9 }]);
    const expired = await ok((await as('640121-leader')).get(`/api/depots/${id('640121')}/expired-stock`));
    expect(expired.items.map((r: any) => [r.lot, r.unitZh, r.unitEn])).toEqual([['E-PILL', '板', 'blister']]);
  });
});

describe('reports total their quantities per unit', () => {
  it('gives the 购调存 of blisters and boxes a 合计 per unit and leaves the quantities out of 合计, which keeps the values; XLSX and CSV the same', async () => {
    blistersAndBoxes();
    const leader = await as('640121-leader');
    const sheet = await ok(leader.get(`/api/reports/pts?depotId=${id('640121')}`));
    expect(sheet.columns.filter((c: any) => c.perUnit).map((c: any) => c.key)).toContain('closing');
    expect(sheet.unitTotals.map((t: any) => [t.product, t.productEn, t.unit, t.unitEn, t.closing, t.closingValueFen])).toEqual([
      ['合计（板）', 'Total (blister)', '板', 'blister', 120, 120 * 95],
      ['合计（盒）', 'Total (box)', '盒', 'box', 30, 30 * 500],
    ]);
    expect(sheet.totals).toMatchObject({ product: '合计', closing: null, openingEntries: null, closingValueFen: 120 * 95 + 30 * 500 });

    const csv = await w.app.request(`/api/reports/pts?depotId=${id('640121')}&format=csv`, { headers: { cookie: leader.cookie } });
    const lines = (await csv.text()).split('\r\n');
    const closingAt = lines[4]!.split(',').indexOf('期末库存-数量');
    const rowOf = (label: string) => lines.find((l) => l.split(',')[1] === label)!.split(',');
    expect([rowOf('合计（板）')[closingAt], rowOf('合计（盒）')[closingAt], rowOf('合计')[closingAt]]).toEqual(['120', '30', '']);
  });

  it('sums the quantities into 合计 when every row is of one unit, with no rows per unit', async () => {
    givenStock(w, '640121', buildBatch(w, { productCode: 'KJ-0101', lot: 'ONE-1', unitPriceFen: 95 }).id, 50);
    givenStock(w, '640121', buildBatch(w, { productCode: 'KJ-0103', lot: 'ONE-2', unitPriceFen: 110 }).id, 20);
    const sheet = await ok((await as('640121-finance')).get(`/api/reports/general-ledger?depotId=${id('640121')}`));
    expect(sheet.unitTotals).toEqual([]);
    expect(sheet.totals).toMatchObject({ closingQty: 70, closingValueFen: 50 * 95 + 20 * 110 });
  });

  it('totals the ledgers and the usage report per unit', async () => {
    blistersAndBoxes();
    const finance = await as('640121-finance');
    for (const report of ['general-ledger', 'detail-ledger']) {
      const sheet = await ok(finance.get(`/api/reports/${report}?depotId=${id('640121')}`));
      expect(sheet.unitTotals.map((t: any) => [t.unit, t.closingQty]), report).toEqual([['板', 120], ['盒', 30]]);
      expect(sheet.totals.closingQty, report).toBeNull();
      expect(sheet.totals.closingValueFen, report).toBe(120 * 95 + 30 * 500);
    }
  });
});
