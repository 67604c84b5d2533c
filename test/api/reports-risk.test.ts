import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, PASSWORD, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { postMovements } from '../../server/services/posting.ts';
import { planReversal } from '../../server/domain/ledger.ts';
import { findPostingMovements } from '../../db/queries/stock.ts';
import { CHECKLISTS } from '../../server/domain/inspection.ts';
import type { ReportSheet } from '../../server/domain/report-sheet.ts';

/**
 * The risk and indicator reports (issue 10, items 4 and 5) over the real test world, every
 * figure made by the documents that make it in the product: opening balances, transfers picked
 * and received, dispensings and their reversals, holds, write-offs approved and disposed of,
 * climate readings, usage figures.
 */

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
/** Moves the world's clock; sessions from before have expired, so everyone logs in again. */
const moveTo = (iso: string) => {
  w.clock.set(iso);
  for (const k of Object.keys(users)) delete users[k];
};
const fresh = async (options: Parameters<typeof makeWorld>[0] = {}) => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld(options);
};
afterEach(() => expectLedgerConsistent(w.db));

const id = (code: string) => w.depot(code).id;
const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const cols = (rows: Record<string, unknown>[], keys: string[]) => rows.map((r) => keys.map((k) => r[k]));

async function report(name: string, depot: string, query = '', user = `${depot}-leader`): Promise<ReportSheet> {
  const res = await (await as(user)).get(`/api/reports/${name}?depotId=${id(depot)}${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function dispense(depot: string, batchId: number, quantity: number) {
  const res = await (await as(`${depot}-dispenser`)).post('/api/dispensings', { depotId: id(depot), raw: `FP1:B:${batchId}`, quantity, packIntact: true, expiryChecked: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}

/**
 * A dispensing reversed as the ledger could before reversals went by kind (a dispensing is now
 * corrected by a stock count, 409 not_reversible): such history still exists and the reports net it.
 */
async function reverseDispensing(depot: string, dispensingId: number) {
  const postingId = w.db.$client.prepare('select posting_id from dispensings where id = ?').pluck().get(dispensingId) as number;
  const actorId = w.actor(`${depot}-storekeeper`).userId;
  w.db.transaction((tx) =>
    postMovements(tx, { kind: 'reversal', documentType: 'posting', documentId: postingId, actorId, reason: '发放数量录错', reversesPostingId: postingId, lines: planReversal(findPostingMovements(tx, postingId)) }, w.clock.now(), w.deps.config.timeZone),
  );
}

/** An order from a depot to a child for one product, approved, picked lot by lot (with a reason where given), dispatched. */
async function ship(from: string, to: string, code: string, picks: [batchId: number, quantity: number, reason?: string][], dispatch = true) {
  const draft = await (await as(`${from}-planner`)).post('/api/transfer-orders', {
    fromDepotId: id(from),
    toDepotId: id(to),
    basis: 'temporary',
    lines: [{ productId: productId(code), quantity: picks.reduce((s, p) => s + p[1], 0) }],
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  // Unplanned: the issuing depot's leader approves it first.
  const approved = await (await as(`${from}-leader`)).post(`/api/transfer-orders/${draft.body.id}/decision`, { decision: 'approved' });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  for (const [batchId, quantity, reason] of picks) {
    const res = await (await as(`${from}-storekeeper`)).post(`/api/transfer-orders/${draft.body.id}/picks`, { raw: `FP1:B:${batchId}`, quantity, ...(reason !== undefined && { reason }) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  if (dispatch) expect((await (await as(`${from}-storekeeper`)).post(`/api/transfer-orders/${draft.body.id}/dispatch`)).body.status).toBe('dispatched');
  return draft.body as { id: number; number: string };
}

/** Receives a dispatched order in full at a township or village (no goods-in inspection there). */
async function receiveAll(to: string, orderId: number) {
  const keeper = await as(`${to}-storekeeper`);
  const opened = await keeper.post(`/api/transfer-orders/${orderId}/receive`);
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  for (const line of opened.body.comparison) {
    expect((await keeper.post(`/api/receipts/${opened.body.id}/scans`, { productId: line.productId, lot: line.lot, quantity: line.expected })).status).toBe(200);
  }
  expect((await keeper.post(`/api/receipts/${opened.body.id}/count`)).status).toBe(200);
  await keeper.post(`/api/receipts/${opened.body.id}/sign`, { role: 'storekeeper' });
  expect((await (await as(`${to}-planner`)).post(`/api/receipts/${opened.body.id}/sign`, { role: 'planner' })).body.status).toBe('effective');
}

describe('expiring: stock expired and expiring within 3, 6 and 12 months, by depot', () => {
  beforeEach(() => fresh()); // 2026-11-22T08:00Z: 16:00 on 22 November in Ningxia

  it('puts a batch expiring today among the expired, one in exactly 3 months within 3, a day later within 6; every zone but transit', async () => {
    const today = buildBatch(w, { productCode: 'KJ-0101', lot: 'TODAY', expiresOn: '2026-11-22', unitPriceFen: 100 });
    const in3 = buildBatch(w, { productCode: 'KJ-0102', lot: 'IN3', expiresOn: '2027-02-22', unitPriceFen: 200 });
    const after3 = buildBatch(w, { productCode: 'KJ-0103', lot: 'AFTER3', expiresOn: '2027-02-23', unitPriceFen: 300 });
    const in12 = buildBatch(w, { productCode: 'KJ-0701', lot: 'IN12', expiresOn: '2027-11-22', unitPriceFen: 1_000 });
    const later = buildBatch(w, { productCode: 'KJ-0701', lot: 'LATER', expiresOn: '2027-11-23', unitPriceFen: 10 });
    const yesterday = buildBatch(w, { productCode: 'KJ-0101', lot: 'YDAY', expiresOn: '2026-11-21', unitPriceFen: 50 });
    givenStock(w, '640121', today.id, 10, 'nonconforming');
    givenStock(w, '640121', in3.id, 20);
    givenStock(w, '640121', after3.id, 30, 'pending');
    givenStock(w, '640121', in12.id, 5);
    givenStock(w, '640121', later.id, 7);
    givenStock(w, '640121100', yesterday.id, 4);
    // 5 of IN3 leave the county and stand in transit to the other township: in neither depot's stock.
    await ship('640121', '640121101', 'KJ-0102', [[in3.id, 5]]);

    const sheet = await report('expiring', '64');
    expect(sheet).toMatchObject({ report: 'expiring', title: { zh: '近效期药具统计表' }, depot: { code: '64' }, period: { from: '2026-11', to: '2026-11', label: { zh: '截至2026-11-22' } } });
    expect(sheet.columns.filter((c) => c.group).map((c) => `${c.group!.zh}/${c.header.zh}`)).toEqual([
      '库存合计/数量', '库存合计/金额(元)', '已过期/数量', '已过期/金额(元)', '3个月内/数量', '3个月内/金额(元)', '6个月内/数量', '6个月内/金额(元)', '12个月内/数量', '12个月内/金额(元)',
    ]);
    const keys = ['depotCode', 'tier', 'unit', 'stockQty', 'stockValueFen', 'expiredQty', 'expiredValueFen', 'within3Qty', 'within3ValueFen', 'within6Qty', 'within6ValueFen', 'within12Qty', 'within12ValueFen'];
    // A row per depot and unit: blisters (板) and boxes (盒) are never added up.
    expect(cols(sheet.rows, keys)).toEqual([
      // 10 + 15 + 30 blisters; 1,000 + 3,000 + 9,000
      ['640121', '县级', '板', 55, 13_000, 10, 1_000, 15, 3_000, 45, 12_000, 45, 12_000],
      // 5 + 7 boxes; 5,000 + 70
      ['640121', '县级', '盒', 12, 5_070, 0, 0, 0, 0, 0, 0, 5, 5_000],
      ['640121100', '乡级', '板', 4, 200, 4, 200, 0, 0, 0, 0, 0, 0],
    ]);
    expect(sheet.rows.map((r) => r.unitEn)).toEqual(['blister', 'box', 'blister']);
    // 合计 per unit, then 合计 with the values alone.
    expect(cols(sheet.unitTotals, ['depot', 'unit', 'stockQty', 'stockValueFen', 'expiredQty', 'within12Qty'])).toEqual([
      ['合计（板）', '板', 59, 13_200, 14, 45],
      ['合计（盒）', '盒', 12, 5_070, 0, 5],
    ]);
    expect(cols([sheet.totals!], keys)).toEqual([[null, null, null, null, 18_270, null, 1_200, null, 3_000, null, 12_000, null, 17_000]]);
    expect(sheet.notes.map((n) => n.zh).join('\n')).toContain('有效期至分别不晚于2027-02-22、2027-05-22、2027-11-22');

    // Only the subtree asked for: the township alone.
    expect(cols((await report('expiring', '640121100')).rows, ['depotCode', 'expiredQty'])).toEqual([['640121100', 4]]);
  });

  it('follows config.expiredFrom: read as "valid through", a batch expiring today is still within 3 months', async () => {
    await fresh({ config: { expiredFrom: 'day_after' } });
    const today = buildBatch(w, { productCode: 'KJ-0101', lot: 'TODAY', expiresOn: '2026-11-22', unitPriceFen: 100 });
    const yesterday = buildBatch(w, { productCode: 'KJ-0101', lot: 'YDAY', expiresOn: '2026-11-21', unitPriceFen: 100 });
    givenStock(w, '640121', today.id, 10);
    givenStock(w, '640121', yesterday.id, 1);
    const sheet = await report('expiring', '640121');
    expect(cols(sheet.rows, ['depotCode', 'expiredQty', 'within3Qty', 'within12Qty'])).toEqual([['640121', 1, 10, 10]]);
  });
});

describe('months-of-stock: usable stock against the last 12 full months of use', () => {
  const KEYS = ['depotCode', 'code', 'onHand', 'usable', 'consumed', 'averageMonthly', 'monthsOfStock', 'risk', 'status'];

  /** A year of history: opening stock, dispensings (one reversed), a transfer out, expired, pending and held stock. */
  async function history() {
    await fresh({ now: '2025-10-15T02:00:00Z' });
    const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'T101', expiresOn: '2028-12-31' });
    const condoms = buildBatch(w, { productCode: 'KJ-0701', lot: 'T701', expiresOn: '2029-01-31' });
    const injections = buildBatch(w, { productCode: 'KJ-0201', lot: 'T201', expiresOn: '2028-12-31' });
    const expiring = buildBatch(w, { productCode: 'KJ-0102', lot: 'EXP', expiresOn: '2026-11-22' });
    givenStock(w, '640121100', pills.id, 83);
    givenStock(w, '640121100', condoms.id, 124);
    givenStock(w, '640121100', injections.id, 90);
    givenStock(w, '640121100', expiring.id, 10);
    await dispense('640121100', pills.id, 10); // October 2025: 13 months ago, outside the window

    moveTo('2025-11-03T02:00:00Z');
    await dispense('640121100', pills.id, 30); // the window's first month

    moveTo('2026-01-05T02:00:00Z');
    const county = buildBatch(w, { productCode: 'KJ-0101', lot: 'CK1', expiresOn: '2028-06-30' });
    const held = buildBatch(w, { productCode: 'KJ-0103', lot: 'HLD', expiresOn: '2028-06-30' });
    const heldBelow = buildBatch(w, { productCode: 'KJ-0104', lot: 'H2', expiresOn: '2028-06-30' });
    const pending = buildBatch(w, { productCode: 'KJ-0202', lot: 'PEND', expiresOn: '2028-06-30' });
    givenStock(w, '640121', county.id, 280);
    givenStock(w, '640121', held.id, 40);
    givenStock(w, '640121', heldBelow.id, 7);
    givenStock(w, '640121', pending.id, 20, 'pending');
    givenStock(w, '640121100', held.id, 12);
    givenStock(w, '640121100', heldBelow.id, 3);

    moveTo('2026-03-10T02:00:00Z');
    const order = await ship('640121', '640121101', 'KJ-0101', [[county.id, 240]]);
    await receiveAll('640121101', order.id);
    await dispense('640121100', pills.id, 20);
    await dispense('640121100', condoms.id, 24);
    await dispense('640121100', injections.id, 60);
    await reverseDispensing('640121100', (await dispense('640121100', injections.id, 5)).id);

    moveTo('2026-10-31T15:00:00Z'); // 23:00 on 31 October in Ningxia: the window's last hour
    await dispense('640121100', pills.id, 10);
    moveTo('2026-10-31T16:30:00Z'); // 00:30 on 1 November: this month, not yet in the window
    await dispense('640121100', pills.id, 5);

    moveTo('2026-11-22T08:00:00Z');
    // A hold raised at the county covers the townships below; one raised at a township covers only it.
    expect((await (await as('640121-inspector')).post('/api/batch-holds', { depotId: id('640121'), batchId: held.id, reason: '疑似质量问题' })).status).toBe(201);
    expect((await (await as('640121100-inspector')).post('/api/batch-holds', { depotId: id('640121100'), batchId: heldBelow.id, reason: '包装异常' })).status).toBe(201);
  }

  it('orders by risk; only-expired, only-held and only-pending stock is stocked out; 2.0 months is not low; no use is overstock', async () => {
    await history();
    const sheet = await report('months-of-stock', '640121');
    expect(sheet.period).toMatchObject({ from: '2025-11', to: '2026-10', label: { zh: '截至2026-11-22（消耗：2025-11至2026-10）' } });
    expect(cols(sheet.rows, KEYS)).toEqual([
      ['640121', 'KJ-0103', 40, 0, 0, 0, null, 'stocked_out', '断货'],
      ['640121', 'KJ-0202', 20, 0, 0, 0, null, 'stocked_out', '断货'],
      ['640121100', 'KJ-0102', 10, 0, 0, 0, null, 'stocked_out', '断货'],
      ['640121100', 'KJ-0103', 12, 0, 0, 0, null, 'stocked_out', '断货'],
      ['640121100', 'KJ-0104', 3, 0, 0, 0, null, 'stocked_out', '断货'],
      // 30 + 20 + 10 in the window (10 before it, 5 after it): 5 a month; 8 left → 1.6 months
      ['640121100', 'KJ-0101', 8, 8, 60, 5, 1.6, 'low', '库存不足'],
      ['640121100', 'KJ-0701', 100, 100, 24, 2, 50, 'over', '积压'],
      ['640121', 'KJ-0104', 7, 7, 0, 0, null, 'over', '积压（无消耗）'],
      ['640121101', 'KJ-0101', 240, 240, 0, 0, null, 'over', '积压（无消耗）'],
      // 240 transferred out in March: 20 a month; 40 left → exactly 2 months
      ['640121', 'KJ-0101', 40, 40, 240, 20, 2, 'ok', '正常'],
      // 60 + 5 dispensed, the 5 reversed
      ['640121100', 'KJ-0201', 30, 30, 60, 5, 6, 'ok', '正常'],
    ]);
    expect(sheet.totals).toBeNull();
    expect(sheet.notes.map((n) => n.zh)).toContain('断货5项，库存不足1项，积压3项，正常2项。');
    expect(sheet.rows[0]).toMatchObject({ depot: '永宁县', tierEn: 'County', product: '复方左炔诺孕酮片', statusEn: 'Stocked out' });

    // The township's own subtree; thresholds from config.
    w.deps.config.reports = { lowStockMonths: 7, overStockMonths: 40 };
    const township = await report('months-of-stock', '640121100');
    expect(cols(township.rows.filter((r) => r.risk !== 'stocked_out'), ['code', 'monthsOfStock', 'risk'])).toEqual([
      ['KJ-0101', 1.6, 'low'],
      ['KJ-0201', 6, 'low'],
      ['KJ-0701', 50, 'over'],
    ]);
  });
});

describe('write-offs: disposed of in the period, by the five kinds', () => {
  beforeEach(() => fresh());
  const allYes = (form: keyof typeof CHECKLISTS) => Object.fromEntries(CHECKLISTS[form].map((k) => [k, true]));

  async function decide(user: string, requestId: number) {
    expect((await (await as(user)).post(`/api/write-offs/${requestId}/decision`, { decision: 'approved' })).body.status).toBe('approved');
  }
  async function destroy(depot: string, requestId: number) {
    const res = await (await as(`${depot}-storekeeper`)).post(`/api/write-offs/${requestId}/disposal`, {
      method: 'destroy',
      witnesses: [
        { username: `${depot}-storekeeper`, password: PASSWORD },
        { username: `${depot}-leader`, password: PASSWORD },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  it('counts what was disposed of by the disposal date in the depot calendar, not what is only approved', async () => {
    const defective = buildBatch(w, { productCode: 'KJ-0101', lot: 'WO-1', unitPriceFen: 260 });
    givenStock(w, '640121', defective.id, 50);
    const inspection = await (await as('640121-inspector')).post('/api/inspections', {
      depotId: id('640121'),
      batchId: defective.id,
      kind: 'storage',
      checklist: { ...allYes('oral_tablet'), tablets_intact_colour_uniform: false },
      passedQuantity: 40,
      failedQuantity: 10,
      nonconformities: ['visible_defect'],
    });
    expect(inspection.status, JSON.stringify(inspection.body)).toBe(201);
    const expired = buildBatch(w, { productCode: 'KJ-0102', lot: 'EXPD', expiresOn: '2026-11-01', unitPriceFen: 100 });
    givenStock(w, '640121', expired.id, 11, 'nonconforming');
    const first = await (await as('640121-inspector')).post('/api/write-offs', {
      depotId: id('640121'),
      inspectionId: inspection.body.id,
      lines: [
        { batchId: defective.id, quantity: 10, kind: 'visible_defect' },
        { batchId: expired.id, quantity: 6, kind: 'expired' },
      ],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await (await as('640121-inspector')).post('/api/write-offs', { depotId: id('640121'), lines: [{ batchId: expired.id, quantity: 5, kind: 'expired' }] });
    await decide('6401-leader', first.body.id);
    await decide('6401-leader', second.body.id);
    await destroy('640121', first.body.id);

    const condoms = buildBatch(w, { productCode: 'KJ-0701', lot: 'TEXP', expiresOn: '2026-10-31', unitPriceFen: 50 });
    givenStock(w, '640121100', condoms.id, 4, 'nonconforming');
    const third = await (await as('640121100-inspector')).post('/api/write-offs', { depotId: id('640121100'), lines: [{ batchId: condoms.id, quantity: 4, kind: 'expired' }] });
    await decide('640121-leader', third.body.id);
    moveTo('2026-11-30T16:30:00Z'); // 00:30 on 1 December in Ningxia
    await destroy('640121100', third.body.id);

    const keys = ['depotCode', 'unit', 'requests', 'expiredQty', 'expiredValueFen', 'visible_defectQty', 'visible_defectValueFen', 'inner_pack_brokenQty', 'totalQty', 'totalValueFen'];
    const year = await report('write-offs', '64');
    expect(year).toMatchObject({ report: 'write-offs', period: { from: '2026-01', to: '2026-12' } });
    expect(year.columns.filter((c) => c.header.zh === '数量').map((c) => c.group!.zh)).toEqual(['过期失效', '内包装破损', '包装数量与标示不符', '无厂家、生产日期或批号标示', '外观质量问题', '合计']);
    expect(cols(year.rows, keys)).toEqual([
      ['640121', '板', 1, 6, 600, 10, 2_600, 0, 16, 3_200],
      ['640121100', '盒', 1, 4, 200, 0, 0, 0, 4, 200],
    ]);
    // Blisters and boxes: 合计 per unit, and 合计 of the requests and values alone.
    expect(cols(year.unitTotals, keys)).toEqual([
      [null, '板', 1, 6, 600, 10, 2_600, 0, 16, 3_200],
      [null, '盒', 1, 4, 200, 0, 0, 0, 4, 200],
    ]);
    expect(cols([year.totals!], keys)).toEqual([[null, null, 2, null, 800, null, 2_600, null, null, 3_400]]);
    expect(cols((await report('write-offs', '64', '&period=month&month=11')).rows, ['depotCode', 'totalQty'])).toEqual([['640121', 16]]);
    expect(cols((await report('write-offs', '64', '&period=month&month=12')).rows, ['depotCode', 'totalQty'])).toEqual([['640121100', 4]]);
    const none = await report('write-offs', '64', '&year=2025');
    expect([none.rows, none.totals!.totalQty]).toEqual([[], 0]);
    expect(cols((await report('write-offs', '640121100')).rows, ['depotCode'])).toEqual([['640121100']]);
  });
});

describe('climate-compliance: readings, excursions, missing logs and rounds of the depots keeping a store log', () => {
  it('measures November at the county from the area’s set-up to now; townships without a log score 0; the village is not listed', async () => {
    await fresh({ now: '2026-10-31T16:00:00Z' }); // midnight, 1 November in Ningxia
    const area = await (await as('640121-storekeeper')).post(`/api/depots/${id('640121')}/storage-areas`, { name: '一号库房', kind: 'room' });
    expect(area.status).toBe(201);
    moveTo('2026-11-22T08:00:00Z');
    const lines = ['timestamp,temperature,humidity'];
    for (let day = 1; day <= 22; day++) {
      const d = `2026-11-${String(day).padStart(2, '0')}`;
      if (day === 11) continue; // no round at all: 10th 15:00 to 12th 09:00 is a 42-hour missing log
      lines.push(`${d} 09:00,20,${day === 15 ? 70 : 50}`); // damp on the 15th from 09:00 to 15:00: 6 hours
      if (day !== 18) lines.push(`${d} 15:00,${day === 5 ? 27 : 20},50`); // hot from the 5th 15:00 to the 6th 09:00: 18 hours
    }
    const imported = await (await as('640121-storekeeper')).post(`/api/storage-areas/${area.body.id}/readings/import`, { csv: lines.join('\n'), timeZone: 'Asia/Shanghai' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.imported).toBe(41);
    const hot = w.db.$client.prepare("select id from climate_excursions where kind = 'temperature_high'").pluck().get() as number;
    expect((await (await as('640121-storekeeper')).post(`/api/climate/excursions/${hot}/acknowledge`, { action: '开空调降温' })).status).toBe(200);

    const keys = ['depotCode', 'areas', 'readings', 'excursions', 'excursionMinutes', 'acknowledged', 'unacknowledged', 'gaps', 'gapHours', 'roundsShare', 'compliance'];
    const sheet = await report('climate-compliance', '640121', '&period=month&month=11');
    expect(cols(sheet.rows, keys)).toEqual([
      // 21 whole days, the 11th and 18th without both rounds: 19/21; (31,200 − 1,080 − 360 − 2,520) / 31,200 minutes
      ['640121', 1, 41, 2, 1_440, 1, 1, 1, 42, 0.9048, 0.8731],
      ['640121100', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['640121101', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(cols([sheet.totals!], keys)).toEqual([[null, 1, 41, 2, 1_440, 1, 1, 1, 42, null, null]]);
    // The whole year reads the same: the area began on 1 November.
    expect(cols((await report('climate-compliance', '640121')).rows, keys)[0]).toEqual(['640121', 1, 41, 2, 1_440, 1, 1, 1, 42, 0.9048, 0.8731]);
    // October, before the area existed: no log.
    expect(cols((await report('climate-compliance', '640121', '&period=month&month=10')).rows, ['depotCode', 'areas', 'compliance'])[0]).toEqual(['640121', 0, 0]);
    expect(cols((await report('climate-compliance', '64', '&period=month&month=11')).rows, ['depotCode'])).toEqual([['64'], ['6401'], ['640121'], ['640121100'], ['640121101'], ['6402']]);
  });
});

describe('fefo-compliance and fefo-overrides: picks off the FEFO proposal, by depot and by reason', () => {
  beforeEach(() => fresh());

  it('counts the picks of dispatched orders; the reasons, trimmed, are grouped and listed most frequent first', async () => {
    const soon = buildBatch(w, { productCode: 'KJ-0101', lot: 'SOON', expiresOn: '2027-03-31' });
    const later = buildBatch(w, { productCode: 'KJ-0101', lot: 'LATER', expiresOn: '2028-06-30' });
    givenStock(w, '640121', soon.id, 50);
    givenStock(w, '640121', later.id, 500);
    const r1 = buildBatch(w, { productCode: 'KJ-0701', lot: 'R1', expiresOn: '2027-01-31' });
    const r2 = buildBatch(w, { productCode: 'KJ-0701', lot: 'R2', expiresOn: '2028-01-31' });
    givenStock(w, '64', r1.id, 10);
    givenStock(w, '64', r2.id, 10);

    const first = await ship('640121', '640121100', 'KJ-0101', [[later.id, 100, ' 整箱发货 '], [soon.id, 20]]);
    w.clock.advanceMinutes(1);
    const second = await ship('640121', '640121101', 'KJ-0101', [[later.id, 10, '整箱发货']]);
    w.clock.advanceMinutes(1);
    await ship('640121', '640121100', 'KJ-0101', [[soon.id, 5]]);
    w.clock.advanceMinutes(1);
    await ship('640121', '640121101', 'KJ-0101', [[later.id, 3, '尚未发出']], false);
    const region = await ship('64', '6401', 'KJ-0701', [[r2.id, 10, '客户要求']]);

    const keys = ['depotCode', 'unit', 'orders', 'picks', 'quantity', 'overrides', 'overriddenQty', 'overrideRate'];
    const sheet = await report('fefo-compliance', '64');
    expect(cols(sheet.rows, keys)).toEqual([
      ['64', '盒', 1, 1, 10, 1, 10, 1],
      ['640121', '板', 3, 4, 135, 2, 110, 0.5],
    ]);
    // Boxes and blisters are totalled apart; 合计 counts orders, picks and overrides, not quantities.
    expect(cols(sheet.unitTotals, keys)).toEqual([
      [null, '盒', 1, 1, 10, 1, 10, 1],
      [null, '板', 3, 4, 135, 2, 110, 0.5],
    ]);
    expect(cols([sheet.totals!], keys)).toEqual([[null, null, 4, 5, null, 3, null, 0.6]]);
    expect(sheet.notes.map((n) => n.zh)).toContain('主要原因：整箱发货（2次）；客户要求（1次）。逐笔见“未按近效期先出明细”。');
    expect((await report('fefo-compliance', '64', '&period=month&month=10')).rows).toEqual([]);

    const list = await report('fefo-overrides', '64');
    expect(cols(list.rows, ['reason', 'reasonCount', 'depotCode', 'date', 'orderNumber', 'code', 'lot', 'expiresOn', 'quantity'])).toEqual([
      ['整箱发货', 2, '640121', '2026-11-22', first.number, 'KJ-0101', 'LATER', '2028-06-30', 100],
      ['整箱发货', 2, '640121', '2026-11-22', second.number, 'KJ-0101', 'LATER', '2028-06-30', 10],
      ['客户要求', 1, '64', '2026-11-22', region.number, 'KJ-0701', 'R2', '2028-01-31', 10],
    ]);
    expect(list.rows.map((r) => r.unit)).toEqual(['板', '板', '盒']);
    expect(cols(list.unitTotals, ['reason', 'reasonCount', 'quantity', 'unit'])).toEqual([
      ['合计（板）', 2, 110, '板'],
      ['合计（盒）', 1, 10, '盒'],
    ]);
    expect(cols([list.totals!], ['reason', 'reasonCount', 'quantity'])).toEqual([['合计', 3, null]]);
    expect(cols((await report('fefo-overrides', '640121')).rows, ['depotCode', 'quantity'])).toEqual([['640121', 100], ['640121', 10]]);
  });
});

describe('cyp, cyp-by-depot and method-mix: couple-years of protection and the method mix', () => {
  beforeEach(async () => {
    await fresh();
    const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'CP', expiresOn: '2028-06-30' });
    givenStock(w, '640121', pills.id, 100);
    const order = await ship('640121', '640121100', 'KJ-0101', [[pills.id, 60]]);
    await receiveAll('640121100', order.id);
    await dispense('640121100', pills.id, 30);
    const condoms = buildBatch(w, { productCode: 'KJ-0701', lot: 'CD', expiresOn: '2028-06-30' });
    givenStock(w, '640121100', condoms.id, 20);
    await dispense('640121100', condoms.id, 12);
    const iuds = buildBatch(w, { productCode: 'KJ-0602', lot: 'TCU', expiresOn: '2029-06-30' });
    givenStock(w, '640121100200', iuds.id, 5);
    await dispense('640121100200', iuds.id, 2);
    await reverseDispensing('640121100200', (await dispense('640121100200', iuds.id, 1)).id);
  });

  it('multiplies what the subtree dispensed and the depot issued by each product’s factor, and says which factors', async () => {
    const keys = ['method', 'code', 'cypPerUnit', 'dispensed', 'cypDispensed', 'issued', 'cypIssued'];
    const sheet = await report('cyp', '640121');
    expect(cols(sheet.rows, keys)).toEqual([
      ['口服避孕药', 'KJ-0101', '0.0667', 30, 2, 60, 4],
      ['宫内节育器', 'KJ-0602', '4.6', 2, 9.2, 0, 0],
      ['避孕套', 'KJ-0701', '0.0833', 12, 1, 0, 0],
    ]);
    expect(cols([sheet.totals!], keys)).toEqual([['合计', null, null, null, 12.2, null, 4]]);
    expect(sheet.notes.map((n) => n.zh)).toContain('本表所用系数（CYP/单位）：KJ-0101 0.0667，KJ-0602 4.6，KJ-0701 0.0833。');

    const byDepot = await report('cyp-by-depot', '640121');
    const depotKeys = ['unitCode', 'oral', 'iud', 'condom', 'implant', 'cypDispensed', 'cypIssued'];
    expect(cols(byDepot.rows, depotKeys)).toEqual([
      ['640121', 0, 0, 0, 0, 0, 4],
      ['640121100', 2, 9.2, 1, 0, 12.2, 0],
      ['640121101', 0, 0, 0, 0, 0, 0],
    ]);
    expect(cols([byDepot.totals!], depotKeys)).toEqual([[null, 2, 9.2, 1, 0, 12.2, 4]]);
    expect(cols((await report('cyp-by-depot', '640121100')).rows, ['unit', 'cypDispensed'])).toEqual([['杨和镇（本级）', 3], ['王太村委会', 9.2]]);
  });

  it('uses the factors as the region edits them, audited', async () => {
    const condoms = productId('KJ-0701');
    const res = await (await as('64-planner')).patch(`/api/products/${condoms}`, { cypPerUnit: 0.1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ code: 'KJ-0701', cypPerUnit: 0.1, annualUsePerUser: 12 });
    const audit = w.db.$client.prepare("select action, depot_id as depotId, detail from audit_log where entity = 'product' and entity_id = ?").all(String(condoms)) as any[];
    expect(audit.map((a) => [a.action, a.depotId, JSON.parse(a.detail)])).toEqual([['update', id('64'), { code: 'KJ-0701', before: { cypPerUnit: 10 / 120 }, after: { cypPerUnit: 0.1 } }]]);
    const sheet = await report('cyp', '640121');
    expect(cols(sheet.rows, ['code', 'cypPerUnit', 'cypDispensed'])[2]).toEqual(['KJ-0701', '0.1', 1.2]);
    expect(sheet.totals!.cypDispensed).toBe(12.4);
  });

  it('shows users by method of the half-year and CYP by method as counts and shares', async () => {
    const record = async (depot: string, half: 1 | 2, figures: [string, number][]) =>
      expect((await (await as(`${depot}-planner`)).post(`/api/depots/${id(depot)}/usage-figures`, { year: 2026, half, figures: figures.map(([method, users]) => ({ method, users })) })).status).toBe(200);
    await record('640121100', 2, [['oral', 100], ['condom', 50], ['iud', 50]]);
    await record('640121100', 1, [['oral', 999]]);
    await record('640121101', 2, [['oral', 60], ['iud', 40]]);

    const keys = ['method', 'users', 'usersShare', 'cyp', 'cypShare'];
    const sheet = await report('method-mix', '640121');
    expect(cols(sheet.rows, keys)).toEqual([
      ['口服避孕药', 160, 0.5333, 2, 0.1639],
      ['避孕针', 0, 0, 0, 0],
      ['外用避孕药', 0, 0, 0, 0],
      ['宫内节育器', 90, 0.3, 9.2, 0.7541],
      ['避孕套', 50, 0.1667, 1, 0.082],
      ['皮下埋植剂', 0, 0, 0, 0],
    ]);
    expect(cols([sheet.totals!], keys)).toEqual([['合计', 300, 1, 12.2, 1]]);
    // The first half: its own figures, and nothing dispensed then.
    const h1 = await report('method-mix', '640121', '&period=h1');
    expect(cols(h1.rows, keys)[0]).toEqual(['口服避孕药', 999, 1, 0, null]);
    expect(h1.totals).toMatchObject({ users: 999, cyp: 0, cypShare: null });
  });
});

describe('PATCH /api/products/{id}: the CYP factor and annual use, set at the region', () => {
  beforeEach(() => fresh());

  it('lets an admin, planner or leader of the region change them, and refuses everyone else and bad values, changing nothing', async () => {
    const pills = productId('KJ-0101');
    expect((await (await as('64-admin')).patch(`/api/products/${pills}`, { annualUsePerUser: 12.5 })).body).toMatchObject({ annualUsePerUser: 12.5, cypPerUnit: 1 / 15 });
    expect((await (await as('64-leader')).patch(`/api/products/${pills}`, { cypPerUnit: 20 })).body).toMatchObject({ cypPerUnit: 20 });
    expect((await (await as('64-planner')).patch(`/api/products/${pills}`, {})).body).toMatchObject({ cypPerUnit: 20, annualUsePerUser: 12.5 });
    expect((await (await as('64-planner')).get(`/api/products/${pills}`)).body).toMatchObject({ cypPerUnit: 20, annualUsePerUser: 12.5 });

    for (const u of ['64-storekeeper', '64-finance', '6401-planner', '640121100-admin', '64-planner']) await as(u);
    const before = snapshotCounts(w.db);
    const cases: [string, unknown, number, string, number?][] = [
      ['64-storekeeper', { cypPerUnit: 0.1 }, 403, 'role_required'],
      ['64-finance', { cypPerUnit: 0.1 }, 403, 'role_required'],
      ['6401-planner', { cypPerUnit: 0.1 }, 403, 'out_of_scope'],
      ['640121100-admin', { cypPerUnit: 0.1 }, 403, 'out_of_scope'],
      ['64-planner', { cypPerUnit: 0 }, 422, 'validation_failed'],
      ['64-planner', { cypPerUnit: 20.01 }, 422, 'validation_failed'],
      ['64-planner', { cypPerUnit: -1 }, 422, 'validation_failed'],
      ['64-planner', { cypPerUnit: '0.1' }, 422, 'validation_failed'],
      ['64-planner', { annualUsePerUser: 0 }, 422, 'validation_failed'],
      ['64-planner', { cypPerUnit: 0.1 }, 404, 'product_not_found', 999_999],
    ];
    for (const [user, body, status, code, product] of cases) {
      const res = await (await as(user)).patch(`/api/products/${product ?? pills}`, body);
      expect([res.status, res.body.code], `${user} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});

describe('what every report of the shelf refuses, and the workbook', () => {
  beforeEach(() => fresh());

  it('answers 403 out of scope, 404 for an unknown depot or report, and lists the reports with their shelves', async () => {
    const ids = ['expiring', 'months-of-stock', 'write-offs', 'climate-compliance', 'fefo-compliance', 'fefo-overrides', 'cyp', 'cyp-by-depot', 'method-mix'];
    const township = await as('640121100-leader');
    for (const name of ids) {
      const outside = await township.get(`/api/reports/${name}?depotId=${id('640121')}`);
      expect([outside.status, outside.body.code], name).toEqual([403, 'out_of_scope']);
      const unknown = await township.get(`/api/reports/${name}?depotId=999999`);
      expect([unknown.status, unknown.body.code], name).toEqual([404, 'depot_not_found']);
      expect((await township.get(`/api/reports/${name}?depotId=${id('640121100')}`)).status, name).toBe(200);
    }
    const missing = await township.get(`/api/reports/risk-of-rain?depotId=${id('640121100')}`);
    expect([missing.status, missing.body.code]).toEqual([404, 'report_not_found']);
    const shelves = (await township.get('/api/reports')).body.reports.filter((r: any) => ids.includes(r.id)).map((r: any) => [r.id, r.group]);
    expect(shelves).toEqual([
      ['expiring', 'risk'],
      ['months-of-stock', 'risk'],
      ['write-offs', 'risk'],
      ['climate-compliance', 'indicators'],
      ['fefo-compliance', 'indicators'],
      ['fefo-overrides', 'indicators'],
      ['cyp', 'indicators'],
      ['cyp-by-depot', 'indicators'],
      ['method-mix', 'indicators'],
    ]);
  });

  it('writes the expiring report as an XLSX workbook', async () => {
    givenStock(w, '640121', buildBatch(w, { expiresOn: '2027-01-31' }).id, 3);
    const res = await (await as('640121-leader')).raw(`/api/reports/expiring?depotId=${id('640121')}&format=xlsx`, { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('attachment');
  });
});
