import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Answer, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { gs1ElementString, internalLabel } from '../../labels/gs1.ts';

/**
 * Issue 17: goods without a GTIN travel on our own batch labels; goods with no readable label
 * are typed; and a count can be corrected (undo, set, remove) or the receipt cancelled while it
 * is open. Every refusal has its code and changes nothing.
 */

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  w = await makeWorld();
  for (const k of Object.keys(users)) delete users[k];
});
afterEach(() => expectLedgerConsistent(w.db));

const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const label = (batchId: number) => internalLabel({ kind: 'batch', batchId });
const put = (c: Client, path: string, body: unknown) => c.raw(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const del = (c: Client, path: string) => c.raw(path, { method: 'DELETE' });
const lines = (res: Answer) => ((res.body.receipt ?? res.body).lines as any[]).map((l) => [l.lot, l.quantity, l.scans, l.typedScans]);
const entries = (receiptId: number) => w.db.$client.prepare('select raw, batch_id as batchId, quantity, entry from receipt_scans where receipt_id = ? order by id').all(receiptId);
const audits = (receiptId: number) => w.db.$client.prepare(`select action from audit_log where entity = 'receipt' and entity_id = ? order by id`).pluck().all(String(receiptId));

async function openSupplierReceipt(depot = '640121') {
  const res = await (await as(`${depot}-storekeeper`)).post('/api/receipts', { depotId: w.depot(depot).id, supplierName: '广州第二天然胶乳制品厂', deliveryNote: 'SH-2026-1122' });
  expect(res.status).toBe(201);
  return res.body as { id: number };
}

/** 200 boxes of condoms (no GTIN) shipped from the county to the township; returns the township's open receipt. */
async function condomShipment(n = 200) {
  const batch = buildBatch(w, { productCode: 'KJ-0701', lot: '20240815', expiresOn: '2028-08-14' });
  givenStock(w, '640121', batch.id, 500);
  const planner = await as('640121-planner');
  const order = await planner.post('/api/transfer-orders', { fromDepotId: w.depot('640121').id, toDepotId: w.depot('640121100').id, basis: 'temporary', lines: [{ productId: productId('KJ-0701'), quantity: n }] });
  expect(order.status).toBe(201);
  expect((await (await as('640121-leader')).post(`/api/transfer-orders/${order.body.id}/decision`, { decision: 'approved' })).status).toBe(200);
  const county = await as('640121-storekeeper');
  expect((await county.post(`/api/transfer-orders/${order.body.id}/picks`, { raw: label(batch.id), quantity: n })).status).toBe(200);
  expect((await county.post(`/api/transfer-orders/${order.body.id}/dispatch`)).status).toBe(200);
  const receipt = await (await as('640121100-storekeeper')).post(`/api/transfer-orders/${order.body.id}/receive`);
  expect(receipt.status).toBe(201);
  return { batch, order: order.body, receipt: receipt.body };
}

describe('our own batch labels at a receipt (FP1:B:<batchId>)', () => {
  it('takes product, lot and expiry from the batch a label names, on a supplier’s receipt', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: '20240815', expiresOn: '2028-08-14' });
    const r = await openSupplierReceipt();
    const keeper = await as('640121-storekeeper');
    const res = await keeper.post(`/api/receipts/${r.id}/scans`, { raw: label(batch.id), quantity: 20 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.outcome).toMatchObject({ kind: 'line', batchId: batch.id, productId: productId('KJ-0701'), lot: '20240815', expiresOn: '2028-08-14', quantity: 20, entry: 'scanned' });
    expect(res.body.receipt.shipment).toBeNull();
    expect(lines(res)).toEqual([['20240815', 20, 1, 0]]);
  });

  it('on a transfer receipt, takes a shipped lot by its label and refuses a lot the shipment did not carry (409 lot_mismatch)', async () => {
    const { batch, receipt } = await condomShipment();
    const township = await as('640121100-storekeeper');
    const stranger = buildBatch(w, { productCode: 'KJ-0701', lot: 'NOTSENT' });
    const before = snapshotCounts(w.db);
    const refused = await township.post(`/api/receipts/${receipt.id}/scans`, { raw: label(stranger.id) });
    expect([refused.status, refused.body.code]).toEqual([409, 'lot_mismatch']);
    expect(snapshotCounts(w.db)).toEqual(before);
    const res = await township.post(`/api/receipts/${receipt.id}/scans`, { raw: label(batch.id), quantity: 200 });
    expect(res.status).toBe(200);
    expect(res.body.receipt.comparison).toEqual([
      { productId: productId('KJ-0701'), productNameZh: '天然胶乳橡胶避孕套(中号)', productNameEn: 'Natural Rubber Latex Condoms (medium, 52 mm)', unitZh: '盒', unitEn: 'box', lot: '20240815', expected: 200, counted: 200, status: 'matched' },
    ]);
    const counted = await township.post(`/api/receipts/${receipt.id}/count`);
    expect(counted.status).toBe(200);
    expect(counted.body.discrepancies).toEqual([]);
    const stock = (await township.get(`/api/stock?depotId=${w.depot('640121100').id}`)).body.items;
    expect(stock.map((i: any) => [i.lot, i.location, i.quantity])).toEqual([['20240815', 'qualified', 200]]);
  });

  it('refuses a zone or a document label where goods are expected (422 not_a_batch_label) and a label of no batch (404); nothing is recorded', async () => {
    const r = await openSupplierReceipt();
    const keeper = await as('640121-storekeeper');
    const before = snapshotCounts(w.db);
    const cases: [string, number, string][] = [
      [internalLabel({ kind: 'zone', depotCode: '640121', zone: 'qualified' }), 422, 'not_a_batch_label'],
      [internalLabel({ kind: 'document', documentType: 'receipt', id: r.id }), 422, 'not_a_batch_label'],
      [']Q3FP1:Z:640121:pending', 422, 'not_a_batch_label'],
      ['FP1:B:999999', 404, 'batch_not_found'],
      ['FP1:X:1', 422, 'invalid_barcode'],
    ];
    for (const [raw, status, code] of cases) {
      const res = await keeper.post(`/api/receipts/${r.id}/scans`, { raw });
      expect([raw, res.status, res.body.code]).toEqual([raw, status, code]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});

describe('manual entry for goods with no readable label', () => {
  it('records a typed line on a supplier’s receipt as typed, and a scanned one as scanned', async () => {
    const r = await openSupplierReceipt();
    const keeper = await as('640121-storekeeper');
    const typed = await keeper.post(`/api/receipts/${r.id}/scans`, { productId: productId('KJ-0701'), lot: 'L2611', expiresOn: '2029-10-31', quantity: 150 });
    expect(typed.status).toBe(200);
    expect(typed.body.outcome).toMatchObject({ kind: 'line', entry: 'typed', quantity: 150 });
    const scanned = await keeper.post(`/api/receipts/${r.id}/scans`, { raw: gs1ElementString({ gtin: '06901234567892', lot: 'G1', expiry: '2028-01-31' }) });
    expect(scanned.body.outcome.entry).toBe('scanned');
    expect(lines(scanned)).toEqual([
      ['L2611', 150, 1, 1],
      ['G1', 1, 1, 0],
    ]);
    expect(entries(r.id).map((e: any) => e.entry)).toEqual(['typed', 'scanned']);
  });

  it('on a transfer receipt, offers the shipped lots and takes a typed choice of one; refuses one not shipped and more than shipped', async () => {
    const { batch, receipt } = await condomShipment();
    expect(receipt.shipment).toEqual([
      { batchId: batch.id, productId: productId('KJ-0701'), productCode: 'KJ-0701', productNameZh: expect.any(String), productNameEn: expect.any(String), unitZh: '盒', unitEn: 'box', gtin: null, lot: '20240815', expiresOn: '2028-08-14', shipped: 200, counted: 0 },
    ]);
    const township = await as('640121100-storekeeper');
    const stranger = buildBatch(w, { productCode: 'KJ-0701', lot: 'NOTSENT' });
    const before = snapshotCounts(w.db);
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ batchId: stranger.id, quantity: 5 }, 409, 'lot_mismatch'],
      [{ batchId: batch.id, quantity: 201 }, 409, 'exceeds_shipment'],
      [{ batchId: 999999, quantity: 1 }, 404, 'batch_not_found'],
      [{ batchId: batch.id, lot: '20240815', quantity: 1 }, 422, 'validation_failed'],
    ];
    for (const [body, status, code] of refusals) {
      const res = await township.post(`/api/receipts/${receipt.id}/scans`, body);
      expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), status, code]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
    const typed = await township.post(`/api/receipts/${receipt.id}/scans`, { batchId: batch.id, quantity: 120 });
    expect(typed.status).toBe(200);
    expect(typed.body.outcome).toMatchObject({ kind: 'line', batchId: batch.id, entry: 'typed', quantity: 120 });
    await township.post(`/api/receipts/${receipt.id}/scans`, { raw: label(batch.id), quantity: 80 });
    const view = await township.get(`/api/receipts/${receipt.id}`);
    expect(view.body.shipment[0]).toMatchObject({ shipped: 200, counted: 200 });
    expect(lines(view)).toEqual([['20240815', 200, 2, 1]]);
  });
});

describe('correcting a count before it is confirmed', () => {
  it('undoes the newest scans one by one, then refuses (409 nothing_to_undo)', async () => {
    const r = await openSupplierReceipt();
    const keeper = await as('640121-storekeeper');
    const gtinScan = gs1ElementString({ gtin: '06901234567892', lot: 'U1', expiry: '2028-01-31' });
    await keeper.post(`/api/receipts/${r.id}/scans`, { raw: gtinScan, quantity: 10 });
    await keeper.post(`/api/receipts/${r.id}/scans`, { raw: gtinScan, quantity: 5 });
    await keeper.post(`/api/receipts/${r.id}/scans`, { productId: productId('KJ-0701'), lot: 'U2', expiresOn: '2029-01-31', quantity: 3 });
    const first = await keeper.post(`/api/receipts/${r.id}/scans/undo`);
    expect(first.status).toBe(200);
    expect(lines(first)).toEqual([['U1', 15, 2, 0]]);
    expect(lines(await keeper.post(`/api/receipts/${r.id}/scans/undo`))).toEqual([['U1', 10, 1, 0]]);
    expect(lines(await keeper.post(`/api/receipts/${r.id}/scans/undo`))).toEqual([]);
    const before = snapshotCounts(w.db);
    const none = await keeper.post(`/api/receipts/${r.id}/scans/undo`);
    expect([none.status, none.body.code]).toEqual([409, 'nothing_to_undo']);
    expect(snapshotCounts(w.db)).toEqual(before);
    expect(audits(r.id).filter((a) => a === 'undo_scan')).toHaveLength(3);
  });

  it('drops a half-scanned carton first, leaving the lines as they were', async () => {
    const r = await openSupplierReceipt();
    const keeper = await as('640121-storekeeper');
    await keeper.post(`/api/receipts/${r.id}/scans`, { raw: gs1ElementString({ gtin: '06901234567892', lot: 'H1', expiry: '2028-01-31' }) });
    expect((await keeper.post(`/api/receipts/${r.id}/scans`, { raw: ']d20106901234567892' })).body.receipt.pendingCarton).toEqual({ productId: productId('KJ-0101') });
    const undone = await keeper.post(`/api/receipts/${r.id}/scans/undo`);
    expect(undone.body.pendingCarton).toBeNull();
    expect(lines(undone)).toEqual([['H1', 1, 1, 0]]);
  });

  it('applies an undo sent twice with one Idempotency-Key once', async () => {
    const r = await openSupplierReceipt();
    const keeper = await as('640121-storekeeper');
    for (const lot of ['I1', 'I2']) await keeper.post(`/api/receipts/${r.id}/scans`, { productId: productId('KJ-0701'), lot, expiresOn: '2029-01-31', quantity: 4 });
    const key = { 'idempotency-key': 'undo-once-0001' };
    const first = await keeper.post(`/api/receipts/${r.id}/scans/undo`, undefined, key);
    const replay = await keeper.post(`/api/receipts/${r.id}/scans/undo`, undefined, key);
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(lines(await keeper.get(`/api/receipts/${r.id}`))).toEqual([['I1', 4, 1, 1]]);
  });

  it('sets a line to the recounted quantity as a typed entry, which undo takes back; refuses 0, a line it does not have, and more than shipped', async () => {
    const { batch, receipt } = await condomShipment();
    const township = await as('640121100-storekeeper');
    await township.post(`/api/receipts/${receipt.id}/scans`, { raw: label(batch.id), quantity: 200 });
    const set = await put(township, `/api/receipts/${receipt.id}/lines/${batch.id}`, { quantity: 150 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(lines(set)).toEqual([['20240815', 150, 2, 1]]);
    expect(set.body.shipment[0].counted).toBe(150);
    expect(entries(receipt.id).map((e: any) => [e.quantity, e.entry])).toEqual([
      [200, 'scanned'],
      [-50, 'typed'],
    ]);
    const before = snapshotCounts(w.db);
    const refusals: [string, unknown, number, string][] = [
      [`/api/receipts/${receipt.id}/lines/${batch.id}`, { quantity: 0 }, 422, 'validation_failed'],
      [`/api/receipts/${receipt.id}/lines/${batch.id}`, { quantity: 201 }, 409, 'exceeds_shipment'],
      [`/api/receipts/${receipt.id}/lines/999999`, { quantity: 5 }, 404, 'receipt_line_not_found'],
      [`/api/receipts/999999/lines/${batch.id}`, { quantity: 5 }, 404, 'receipt_not_found'],
    ];
    for (const [path, body, status, code] of refusals) {
      const res = await put(township, path, body);
      expect([path, res.status, res.body.code]).toEqual([path, status, code]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
    expect(lines(await township.post(`/api/receipts/${receipt.id}/scans/undo`))).toEqual([['20240815', 200, 1, 0]]);
    expect(audits(receipt.id)).toEqual(['create', 'correct_line', 'undo_scan']);
  });

  it('removes a line with its entries; refuses a line it does not have (404 receipt_line_not_found)', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'R1' });
    const r = await openSupplierReceipt();
    const keeper = await as('640121-storekeeper');
    await keeper.post(`/api/receipts/${r.id}/scans`, { raw: label(batch.id), quantity: 7 });
    await keeper.post(`/api/receipts/${r.id}/scans`, { raw: label(batch.id), quantity: 3 });
    await keeper.post(`/api/receipts/${r.id}/scans`, { productId: productId('KJ-0701'), lot: 'R2', expiresOn: '2029-01-31', quantity: 2 });
    const removed = await del(keeper, `/api/receipts/${r.id}/lines/${batch.id}`);
    expect(removed.status).toBe(200);
    expect(lines(removed)).toEqual([['R2', 2, 1, 1]]);
    expect(entries(r.id)).toHaveLength(1);
    const again = await del(keeper, `/api/receipts/${r.id}/lines/${batch.id}`);
    expect([again.status, again.body.code]).toEqual([404, 'receipt_line_not_found']);
    expect(audits(r.id)).toContain('remove_line');
  });
});

describe('cancelling an open receipt', () => {
  it('cancels with a reason, recorded with who and when; it leaves the work list and takes nothing more', async () => {
    const r = await openSupplierReceipt();
    const keeper = await as('640121-storekeeper');
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'C1' });
    await keeper.post(`/api/receipts/${r.id}/scans`, { raw: label(batch.id), quantity: 9 });
    const dashboard = async () => (await keeper.get(`/api/depots/${w.depot('640121').id}/dashboard`)).body.storekeeper.receipts.map((x: any) => x.id);
    expect(await dashboard()).toEqual([r.id]);
    expect((await keeper.post(`/api/receipts/${r.id}/cancel`, {})).body.code).toBe('validation_failed');
    expect((await keeper.post(`/api/receipts/${r.id}/cancel`, { reason: '   ' })).body.code).toBe('validation_failed');
    const cancelled = await keeper.post(`/api/receipts/${r.id}/cancel`, { reason: '送货单号录错，重新建单' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '送货单号录错，重新建单', cancelledBy: w.actor('640121-storekeeper').userId, cancelledAt: '2026-11-22T08:00:00.000Z' });
    expect(await dashboard()).toEqual([]);
    expect(audits(r.id)).toEqual(['create', 'cancel']);
    expect((await keeper.get(`/api/receipts?depotId=${w.depot('640121').id}`)).body.items.map((x: any) => x.status)).toEqual(['cancelled']);

    const planner = await as('640121-planner');
    const before = snapshotCounts(w.db);
    const attempts: [Client, string, string, unknown, string][] = [
      [keeper, 'POST', `/api/receipts/${r.id}/scans`, { raw: label(batch.id) }, 'receipt_not_open'],
      [keeper, 'POST', `/api/receipts/${r.id}/scans/undo`, undefined, 'receipt_not_open'],
      [keeper, 'PUT', `/api/receipts/${r.id}/lines/${batch.id}`, { quantity: 3 }, 'receipt_not_open'],
      [keeper, 'DELETE', `/api/receipts/${r.id}/lines/${batch.id}`, undefined, 'receipt_not_open'],
      [keeper, 'POST', `/api/receipts/${r.id}/cancel`, { reason: 'again' }, 'receipt_not_open'],
      [keeper, 'POST', `/api/receipts/${r.id}/count`, undefined, 'receipt_not_open'],
      [planner, 'POST', `/api/receipts/${r.id}/sign`, { role: 'planner' }, 'receipt_not_counted'],
    ];
    for (const [who, method, path, body, code] of attempts) {
      const res = await who.raw(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      expect([method, path, res.body.code]).toEqual([method, path, code]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('keeps a cancelled transfer receipt’s shipment in transit; a new receipt receives it in full', async () => {
    const { batch, order, receipt } = await condomShipment();
    const township = await as('640121100-storekeeper');
    await township.post(`/api/receipts/${receipt.id}/scans`, { raw: label(batch.id), quantity: 20 });
    const again = await township.post(`/api/transfer-orders/${order.id}/receive`);
    expect([again.status, again.body.code]).toEqual([409, 'shipment_already_received']);
    expect((await township.post(`/api/receipts/${receipt.id}/cancel`, { reason: '重复建单' })).body.status).toBe('cancelled');

    const inTransit = (await township.get(`/api/stock?depotId=${w.depot('640121100').id}`)).body.items;
    expect(inTransit.map((i: any) => [i.lot, i.location, i.quantity])).toEqual([['20240815', 'in_transit', 200]]);
    const transfer = await township.get(`/api/transfer-orders/${order.id}`);
    expect(transfer.body).toMatchObject({ status: 'dispatched', receipt: null });
    const board = (await township.get(`/api/depots/${w.depot('640121100').id}/dashboard`)).body.storekeeper;
    expect(board.receipts).toEqual([]);
    expect(board.shipmentsToReceive.map((s: any) => s.id)).toEqual([order.id]);

    const fresh = await township.post(`/api/transfer-orders/${order.id}/receive`);
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(receipt.id);
    expect(fresh.body.lines).toEqual([]);
    expect(fresh.body.shipment[0]).toMatchObject({ batchId: batch.id, shipped: 200, counted: 0 });
    await township.post(`/api/receipts/${fresh.body.id}/scans`, { raw: label(batch.id), quantity: 200 });
    await township.post(`/api/receipts/${fresh.body.id}/count`);
    await township.post(`/api/receipts/${fresh.body.id}/sign`, { role: 'storekeeper' });
    const done = await (await as('640121100-planner')).post(`/api/receipts/${fresh.body.id}/sign`, { role: 'planner' });
    expect(done.body.status).toBe('effective');
    expect((await township.get(`/api/transfer-orders/${order.id}`)).body).toMatchObject({ status: 'received', receipt: { id: fresh.body.id, status: 'effective' } });
    const stock = (await township.get(`/api/stock?depotId=${w.depot('640121100').id}`)).body.items;
    expect(stock.map((i: any) => [i.lot, i.location, i.quantity])).toEqual([['20240815', 'qualified', 200]]);
  });
});

describe('who may correct, and when', () => {
  it('refuses every correction after the count is confirmed (409 receipt_not_open); the stock is unchanged', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'K1' });
    const r = await openSupplierReceipt();
    const keeper = await as('640121-storekeeper');
    await keeper.post(`/api/receipts/${r.id}/scans`, { raw: label(batch.id), quantity: 30 });
    expect((await keeper.post(`/api/receipts/${r.id}/count`)).status).toBe(200);
    const before = snapshotCounts(w.db);
    const stock = (await keeper.get(`/api/stock?depotId=${w.depot('640121').id}`)).body.items;
    for (const res of [
      await keeper.post(`/api/receipts/${r.id}/scans/undo`),
      await put(keeper, `/api/receipts/${r.id}/lines/${batch.id}`, { quantity: 10 }),
      await del(keeper, `/api/receipts/${r.id}/lines/${batch.id}`),
      await keeper.post(`/api/receipts/${r.id}/cancel`, { reason: '太晚了' }),
    ]) {
      expect([res.status, res.body.code]).toEqual([409, 'receipt_not_open']);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
    expect((await keeper.get(`/api/stock?depotId=${w.depot('640121').id}`)).body.items).toEqual(stock);
  });

  it('lets only the depot’s own receivers correct: an every-role user of another depot and a user without the role are refused', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'P1' });
    const r = await openSupplierReceipt();
    const keeper = await as('640121-storekeeper');
    await keeper.post(`/api/receipts/${r.id}/scans`, { raw: label(batch.id), quantity: 30 });
    await w.addUser('everything-6401', '6401', ['storekeeper', 'inspector', 'planner', 'leader', 'finance', 'dispenser', 'admin']);
    await w.addUser('everything-township', '640121100', ['storekeeper', 'inspector', 'planner', 'leader', 'finance', 'dispenser', 'admin']);
    await Promise.all(['everything-6401', 'everything-township', '640121-finance', '640121-planner'].map(as));
    const before = snapshotCounts(w.db);
    const tries = async (c: Client) => [
      (await c.post(`/api/receipts/${r.id}/scans/undo`)).body.code,
      (await put(c, `/api/receipts/${r.id}/lines/${batch.id}`, { quantity: 10 })).body.code,
      (await del(c, `/api/receipts/${r.id}/lines/${batch.id}`)).body.code,
      (await c.post(`/api/receipts/${r.id}/cancel`, { reason: '不是我的' })).body.code,
    ];
    // The city reads the county's receipt but changes nothing there; the township cannot even read it.
    expect(await tries(await as('everything-6401'))).toEqual(Array(4).fill('out_of_scope'));
    expect(await tries(await as('everything-township'))).toEqual(Array(4).fill('out_of_scope'));
    expect(await tries(await as('640121-finance'))).toEqual(Array(4).fill('role_required'));
    expect(await tries(await as('640121-planner'))).toEqual(Array(4).fill('role_required'));
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('lets the township’s dispenser, who receives there, undo and correct, but only its storekeeper cancel', async () => {
    const { batch, receipt } = await condomShipment(50);
    const dispenser = await as('640121100-dispenser');
    await dispenser.post(`/api/receipts/${receipt.id}/scans`, { raw: label(batch.id), quantity: 40 });
    expect((await put(dispenser, `/api/receipts/${receipt.id}/lines/${batch.id}`, { quantity: 50 })).status).toBe(200);
    expect((await dispenser.post(`/api/receipts/${receipt.id}/scans/undo`)).status).toBe(200);
    const refused = await dispenser.post(`/api/receipts/${receipt.id}/cancel`, { reason: '重复' });
    expect([refused.status, refused.body.code]).toEqual([403, 'role_required']);
    expect((await (await as('640121100-storekeeper')).post(`/api/receipts/${receipt.id}/cancel`, { reason: '重复' })).status).toBe(200);
  });
});
