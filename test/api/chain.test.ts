import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { gs1ElementString, internalLabel } from '../../labels/gs1.ts';
import { CHECKLISTS } from '../../server/domain/inspection.ts';
import type { DosageForm } from '../../server/schemas/constants.ts';

/**
 * Issue 17: every product through every scan step. Most of the catalogue has no GTIN and
 * travels on our own batch labels (FP1:B:<batchId>): typed once at the region's supplier
 * receipt and labelled, then scanned at every pick, every receipt down the tree and at the
 * dispensing. A product with a GTIN is scanned as GS1 at the region and on our label after.
 */

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  w = await makeWorld();
  for (const k of Object.keys(users)) delete users[k];
});
afterEach(() => expectLedgerConsistent(w.db));

const one = (sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).pluck().get(...args) as any;
const productId = (code: string) => one('select id from products where code = ?', code) as number;
const label = (batchId: number) => internalLabel({ kind: 'batch', batchId });
const REGION = '64';
const CHAIN = ['64', '6401', '640121', '640121100', '640121100200'] as const;
const INSPECTING = new Set(['64', '6401', '640121']);

/** No GTIN: 天然胶乳橡胶避孕套 (boxes of 10). With GTIN 06901234567892: 复方左炔诺孕酮片. */
const CONDOMS = 'KJ-0701';
const PILLS = 'KJ-0101';
const PILLS_GTIN = '06901234567892';

async function ok(res: Promise<{ status: number; body: any }>, status = 200) {
  const answer = await res;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}

/** The receipt inspection where the tier inspects on arrival (S0:396), by the depot's inspector. */
async function inspectAll(depot: string, receipt: { id: number; lines: { batchId: number; productCode: string; quantity: number }[] }) {
  if (!INSPECTING.has(depot)) return;
  const inspector = await as(`${depot}-inspector`);
  for (const l of receipt.lines) {
    const form = one('select dosage_form from products where code = ?', l.productCode) as DosageForm;
    await ok(
      inspector.post('/api/inspections', {
        depotId: w.depot(depot).id,
        batchId: l.batchId,
        kind: 'receipt',
        receiptId: receipt.id,
        checklist: Object.fromEntries(CHECKLISTS[form].map((k) => [k, true])),
        passedQuantity: l.quantity,
        failedQuantity: 0,
      }),
      201,
    );
  }
}

/** Count confirmed by the storekeeper, then the two signatures (S0:356): storekeeper and planner. */
async function countAndSign(depot: string, receiptId: number) {
  const keeper = await as(`${depot}-storekeeper`);
  await ok(keeper.post(`/api/receipts/${receiptId}/count`));
  await ok(keeper.post(`/api/receipts/${receiptId}/sign`, { role: 'storekeeper' }));
  const signed = await ok((await as(`${depot}-planner`)).post(`/api/receipts/${receiptId}/sign`, { role: 'planner' }));
  expect(signed.status).toBe('effective');
  return signed;
}

const stockAt = async (depot: string) => (await ok((await as(`${depot}-storekeeper`)).get(`/api/stock?depotId=${w.depot(depot).id}&pageSize=500`))).items as any[];
const held = (rows: any[], batchId: number, location: string) => rows.filter((r) => r.batchId === batchId && r.location === location).reduce((s, r) => s + r.quantity, 0);

describe('the chain region → city → county → township → village, by scans only', () => {
  it('moves a product without GTIN (typed once, then its batch label) and one with GTIN through every tier; stock and 购调存 exact at every depot', async () => {
    // Region: the supplier's delivery. Condoms have no GTIN: typed product, lot and expiry, then labelled.
    const regionKeeper = await as(`${REGION}-storekeeper`);
    const delivery = await ok(regionKeeper.post('/api/receipts', { depotId: w.depot(REGION).id, supplierName: '广州第二天然胶乳制品厂', deliveryNote: 'SH-2026-1122' }), 201);
    const typed = await ok(regionKeeper.post(`/api/receipts/${delivery.id}/scans`, { productId: productId(CONDOMS), lot: '20261101', expiresOn: '2031-10-31', quantity: 1000 }));
    expect(typed.outcome).toMatchObject({ kind: 'line', entry: 'typed', quantity: 1000 });
    const condoms = typed.outcome.batchId as number;
    for (let carton = 0; carton < 5; carton++) {
      await ok(regionKeeper.post(`/api/receipts/${delivery.id}/scans`, { raw: gs1ElementString({ gtin: PILLS_GTIN, lot: 'B2611001', expiry: '2029-10-31', count: 100 }) }));
    }
    const pills = one('select b.id from batches b where b.product_id = ? and b.lot = ?', productId(PILLS), 'B2611001') as number;
    const received = await ok(regionKeeper.get(`/api/receipts/${delivery.id}`));
    expect(received.lines.map((l: any) => [l.productCode, l.quantity, l.scans, l.typedScans])).toEqual([
      [CONDOMS, 1000, 1, 1],
      [PILLS, 500, 5, 0],
    ]);
    // The batch label the region prints for the condoms carries FP1:B:<id>; it is what every later step scans.
    const printed = await regionKeeper.get(`/api/labels/batches/${condoms}`);
    expect(printed.status).toBe(200);
    const receipt = await countAndSign(REGION, delivery.id);
    await inspectAll(REGION, receipt);

    const sent: Record<string, [number, number]> = { '6401': [600, 300], '640121': [300, 150], '640121100': [200, 80], '640121100200': [50, 30] };
    for (let i = 1; i < CHAIN.length; i++) {
      const [from, to] = [CHAIN[i - 1], CHAIN[i]];
      const [nCondoms, nPills] = sent[to];
      const drafted = await ok(
        (await as(`${from}-planner`)).post('/api/transfer-orders', {
          fromDepotId: w.depot(from).id,
          toDepotId: w.depot(to).id,
          basis: 'temporary',
          lines: [
            { productId: productId(CONDOMS), quantity: nCondoms },
            { productId: productId(PILLS), quantity: nPills },
          ],
        }),
        201,
      );
      const order = await ok((await as(`${from}-leader`)).post(`/api/transfer-orders/${drafted.id}/decision`, { decision: 'approved' }));
      const picker = await as(`${from}-storekeeper`);
      const picked = await ok(picker.post(`/api/transfer-orders/${order.id}/picks`, { raw: label(condoms), quantity: nCondoms }));
      expect(picked.pick).toMatchObject({ batchId: condoms, entry: 'scanned', offProposal: false });
      await ok(picker.post(`/api/transfer-orders/${order.id}/picks`, { raw: label(pills), quantity: nPills }));
      expect((await ok(picker.post(`/api/transfer-orders/${order.id}/dispatch`))).status).toBe('dispatched');

      const keeper = await as(`${to}-storekeeper`);
      const opened = await ok(keeper.post(`/api/transfer-orders/${order.id}/receive`), 201);
      expect(opened.shipment.map((s: any) => [s.productCode, s.gtin, s.shipped, s.counted])).toEqual([
        [CONDOMS, null, nCondoms, 0],
        [PILLS, PILLS_GTIN, nPills, 0],
      ]);
      // The county's label is scanned at the township, and again at the village.
      await ok(keeper.post(`/api/receipts/${opened.id}/scans`, { raw: label(condoms), quantity: nCondoms }));
      const last = await ok(keeper.post(`/api/receipts/${opened.id}/scans`, { raw: label(pills), quantity: nPills }));
      expect(last.receipt.comparison.map((c: any) => c.status)).toEqual(['matched', 'matched']);
      expect(last.receipt.lines.map((l: any) => l.typedScans)).toEqual([0, 0]);
      const effective = await countAndSign(to, opened.id);
      expect(effective.discrepancies).toEqual([]);
      await inspectAll(to, effective);
      expect((await ok(picker.get(`/api/transfer-orders/${order.id}`))).status).toBe('received');
    }

    const dispensed = await ok((await as('640121100-dispenser')).post('/api/dispensings', { depotId: w.depot('640121100').id, raw: label(condoms), quantity: 10, packIntact: true, expiryChecked: true }), 201);
    expect(dispensed).toMatchObject({ productCode: CONDOMS, quantity: 10, entry: 'scanned' });
    const villager = await as('640121100200-dispenser');
    await ok(villager.post('/api/dispensings', { depotId: w.depot('640121100200').id, raw: label(condoms), quantity: 7, packIntact: true, expiryChecked: true }), 201);
    await ok(villager.post('/api/dispensings', { depotId: w.depot('640121100200').id, raw: label(pills), quantity: 4, packIntact: true, expiryChecked: true }), 201);

    // Stock: everything qualified, nothing pending or in transit, at every depot.
    const closing: Record<string, [number, number]> = { '64': [400, 200], '6401': [300, 150], '640121': [100, 70], '640121100': [140, 50], '640121100200': [43, 26] };
    for (const depot of CHAIN) {
      const rows = await stockAt(depot);
      expect([depot, held(rows, condoms, 'qualified'), held(rows, pills, 'qualified')]).toEqual([depot, ...closing[depot]]);
      expect([depot, rows.filter((r) => r.location !== 'qualified' && r.quantity !== 0)]).toEqual([depot, []]);
    }

    // 购调存 of each depot's own level for 2026, each product's figures exact.
    const price = (code: string) => one('select unit_price_fen from batches where id = ?', code === CONDOMS ? condoms : pills) as number;
    const flows: Record<string, Record<string, number>[]> = {
      '64': [{ purchased: 1000, transferredOut: 600 }, { purchased: 500, transferredOut: 300 }],
      '6401': [{ transferredIn: 600, transferredOut: 300 }, { transferredIn: 300, transferredOut: 150 }],
      '640121': [{ transferredIn: 300, transferredOut: 200 }, { transferredIn: 150, transferredOut: 80 }],
      '640121100': [{ transferredIn: 200, transferredOut: 50, dispensed: 10 }, { transferredIn: 80, transferredOut: 30 }],
      '640121100200': [{ transferredIn: 50, dispensed: 7 }, { transferredIn: 30, dispensed: 4 }],
    };
    const leader = await as(`${REGION}-leader`);
    for (const depot of CHAIN) {
      const sheet = await ok(leader.get(`/api/reports/pts?depotId=${w.depot(depot).id}&year=2026`));
      [CONDOMS, PILLS].forEach((code, i) => {
        const row = sheet.rows.find((r: any) => r.code === code);
        const zero = { opening: 0, purchased: 0, transferredIn: 0, transferredOut: 0, dispensed: 0, writtenOff: 0, inTransit: 0 };
        expect([depot, code, row]).toEqual([depot, code, expect.objectContaining({ ...zero, ...flows[depot][i], closing: closing[depot][i], closingValueFen: closing[depot][i] * price(code) })]);
      });
    }
    // The region's summary: what came in from the supplier, less what was dispensed, is what the tree holds.
    const summary = await ok(leader.get(`/api/reports/pts?depotId=${w.depot(REGION).id}&year=2026&scope=summary`));
    expect(summary.rows.find((r: any) => r.code === CONDOMS)).toMatchObject({ purchased: 1000, transferredIn: 1150, transferredOut: 1150, dispensed: 17, closing: 983, inTransit: 0 });
    expect(summary.rows.find((r: any) => r.code === PILLS)).toMatchObject({ purchased: 500, transferredIn: 560, transferredOut: 560, dispensed: 4, closing: 496, inTransit: 0 });
  });
});

describe('every scan step takes our batch labels and tells a zone or document label apart', () => {
  let batchId: number;
  beforeEach(() => {
    batchId = buildBatch(w, { productCode: CONDOMS, lot: 'STEP1', expiresOn: '2029-06-30' }).id;
    givenStock(w, '640121100', batchId, 100);
  });
  const zoneLabel = () => internalLabel({ kind: 'zone', depotCode: '640121100', zone: 'qualified' });
  const documentLabel = () => internalLabel({ kind: 'document', documentType: 'receipt', id: 1 });

  it('picks by label or typed choice, recording which; refuses zone and document labels (422 not_a_batch_label)', async () => {
    givenStock(w, '640121', batchId, 100);
    const drafted = await ok((await as('640121-planner')).post('/api/transfer-orders', { fromDepotId: w.depot('640121').id, toDepotId: w.depot('640121100').id, basis: 'temporary', lines: [{ productId: productId(CONDOMS), quantity: 30 }] }), 201);
    const order = await ok((await as('640121-leader')).post(`/api/transfer-orders/${drafted.id}/decision`, { decision: 'approved' }));
    const keeper = await as('640121-storekeeper');
    const before = snapshotCounts(w.db);
    for (const raw of [zoneLabel(), documentLabel()]) {
      const res = await keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw, quantity: 5 });
      expect([raw, res.status, res.body.code]).toEqual([raw, 422, 'not_a_batch_label']);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
    await ok(keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: label(batchId), quantity: 20 }));
    const typed = await ok(keeper.post(`/api/transfer-orders/${order.id}/picks`, { batchId, quantity: 10 }));
    expect(typed.order.picks.map((p: any) => [p.quantity, p.entry])).toEqual([
      [20, 'scanned'],
      [10, 'typed'],
    ]);
  });

  it('counts by label or typed choice, recording how the last figure came; refuses zone and document labels', async () => {
    const keeper = await as('640121100-storekeeper');
    const count = await ok(keeper.post('/api/stock-counts', { depotId: w.depot('640121100').id, zones: ['qualified'] }), 201);
    const before = snapshotCounts(w.db);
    for (const raw of [zoneLabel(), documentLabel()]) {
      const res = await keeper.post(`/api/stock-counts/${count.id}/lines`, { raw, zone: 'qualified' });
      expect([raw, res.status, res.body.code]).toEqual([raw, 422, 'not_a_batch_label']);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
    expect((await ok(keeper.get(`/api/stock-counts/${count.id}`))).lines.map((l: any) => l.entry)).toEqual([null]);
    const scanned = await ok(keeper.post(`/api/stock-counts/${count.id}/lines`, { raw: label(batchId), zone: 'qualified', quantity: 60 }));
    expect(scanned.line).toMatchObject({ batchId, counted: 60, entry: 'scanned' });
    const typed = await ok(keeper.post(`/api/stock-counts/${count.id}/lines`, { batchId, zone: 'qualified', quantity: 100 }));
    expect(typed.line).toMatchObject({ counted: 100, entry: 'typed' });
  });

  it('dispenses by label or typed choice, recording which; refuses zone and document labels', async () => {
    const dispenser = await as('640121100-dispenser');
    const depotId = w.depot('640121100').id;
    const before = snapshotCounts(w.db);
    for (const raw of [zoneLabel(), documentLabel()]) {
      const res = await dispenser.post('/api/dispensings', { depotId, raw, quantity: 1, packIntact: true, expiryChecked: true });
      expect([raw, res.status, res.body.code]).toEqual([raw, 422, 'not_a_batch_label']);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
    expect(await ok(dispenser.post('/api/dispensings', { depotId, raw: label(batchId), quantity: 2, packIntact: true, expiryChecked: true }), 201)).toMatchObject({ lot: 'STEP1', entry: 'scanned' });
    expect(await ok(dispenser.post('/api/dispensings', { depotId, batchId, quantity: 1, packIntact: true, expiryChecked: true }), 201)).toMatchObject({ lot: 'STEP1', entry: 'typed' });
    const list = await ok(dispenser.get(`/api/dispensings?depotId=${depotId}`));
    expect(list.items.map((d: any) => [d.quantity, d.entry])).toEqual([
      [1, 'typed'],
      [2, 'scanned'],
    ]);
  });

  it('moves between zones by label or typed choice; refuses zone and document labels, an unknown batch, and both or neither', async () => {
    const keeper = await as('640121100-storekeeper');
    const depotId = w.depot('640121100').id;
    const move = { depotId, fromZone: 'qualified', toZone: 'nonconforming', quantity: 3, reason: '外包装破损' };
    const before = snapshotCounts(w.db);
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ raw: zoneLabel() }, 422, 'not_a_batch_label'],
      [{ raw: documentLabel() }, 422, 'not_a_batch_label'],
      [{ raw: 'FP1:B:999999' }, 404, 'batch_not_found'],
      [{ raw: label(batchId), batchId }, 422, 'validation_failed'],
      [{}, 422, 'validation_failed'],
    ];
    for (const [extra, status, code] of refusals) {
      const res = await keeper.post('/api/zone-moves', { ...move, ...extra });
      expect([JSON.stringify(extra), res.status, res.body.code]).toEqual([JSON.stringify(extra), status, code]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
    expect(await ok(keeper.post('/api/zone-moves', { ...move, raw: label(batchId) }), 201)).toMatchObject({ batchId, lot: 'STEP1', quantity: 3, entry: 'scanned' });
    expect(await ok(keeper.post('/api/zone-moves', { ...move, batchId }), 201)).toMatchObject({ batchId, entry: 'typed' });
    const rows = await stockAt('640121100');
    expect([held(rows, batchId, 'qualified'), held(rows, batchId, 'nonconforming')]).toEqual([94, 6]);
  });
});
