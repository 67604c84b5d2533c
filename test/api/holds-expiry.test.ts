import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { flagExpiredEverywhere } from '../../server/services/expiry.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld(); // 2026-11-22T08:00Z: 16:00 on 22 November in Ningxia
});
afterEach(() => expectLedgerConsistent(w.db));

const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const zoneQty = (depot: string, batchId: number, zone: string) =>
  (w.db.$client.prepare('select quantity from stock_balances where depot_id = ? and batch_id = ? and location = ?').pluck().get(w.depot(depot).id, batchId, zone) as number | undefined) ?? 0;

async function order(from: string, to: string, quantity: number) {
  const res = await (await as(`${from}-planner`)).post('/api/transfer-orders', { fromDepotId: w.depot(from).id, toDepotId: w.depot(to).id, basis: 'temporary', lines: [{ productId: productId('KJ-0101'), quantity }] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const approved = await (await as(`${from}-leader`)).post(`/api/transfer-orders/${res.body.id}/decision`, { decision: 'approved' });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return approved.body;
}

/** Region → city by a real transfer: ordered, picked, dispatched, received in full. */
async function ship(batchId: number, quantity: number) {
  const o = await order('64', '6401', quantity);
  expect((await (await as('64-storekeeper')).post(`/api/transfer-orders/${o.id}/picks`, { raw: `FP1:B:${batchId}`, quantity })).status).toBe(200);
  expect((await (await as('64-storekeeper')).post(`/api/transfer-orders/${o.id}/dispatch`)).status).toBe(200);
  const keeper = await as('6401-storekeeper');
  const receipt = (await keeper.post(`/api/transfer-orders/${o.id}/receive`)).body;
  const lot = w.db.$client.prepare('select lot from batches where id = ?').pluck().get(batchId);
  expect((await keeper.post(`/api/receipts/${receipt.id}/scans`, { productId: productId('KJ-0101'), lot, quantity })).status).toBe(200);
  expect((await keeper.post(`/api/receipts/${receipt.id}/count`)).status).toBe(200);
  await keeper.post(`/api/receipts/${receipt.id}/sign`, { role: 'storekeeper' });
  expect((await (await as('6401-planner')).post(`/api/receipts/${receipt.id}/sign`, { role: 'planner' })).body.status).toBe('effective');
  return o;
}

const dispense = async (depot: string, batchId: number, quantity: number) =>
  (await as(`${depot}-dispenser`)).post('/api/dispensings', { depotId: w.depot(depot).id, raw: `FP1:B:${batchId}`, quantity, packIntact: true, expiryChecked: true });

describe('batch hold and trace', () => {
  it('holds a lot over the subtree of the depot that raises it: below it is neither picked, proposed nor dispensed, above it still moves', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'SUSPECT', expiresOn: '2028-12-31' });
    const other = buildBatch(w, { productCode: 'KJ-0101', lot: 'CLEAN', expiresOn: '2029-12-31' });
    givenStock(w, '64', b.id, 100);
    await ship(b.id, 40);
    givenStock(w, '640121', b.id, 30);
    givenStock(w, '640121', other.id, 30);
    givenStock(w, '640121100', b.id, 20);
    expect((await dispense('640121100', b.id, 2)).status).toBe(201);

    const hold = await (await as('6401-inspector')).post('/api/batch-holds', { depotId: w.depot('6401').id, batchId: b.id, reason: '群众反映服用后不适，待省级检验' });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    expect((await (await as('640121100-leader')).get('/api/notifications')).body.items.map((n: any) => n.kind)).toContain('batch_hold');

    expect((await dispense('640121100', b.id, 1)).body.code).toBe('batch_on_hold');
    const countyOrder = await order('640121', '640121100', 10);
    expect(countyOrder.lines[0].proposals.map((p: any) => p.lot)).toEqual(['CLEAN']);
    expect((await (await as('640121-storekeeper')).post(`/api/transfer-orders/${countyOrder.id}/picks`, { raw: `FP1:B:${b.id}`, quantity: 5, reason: '整箱' })).body.code).toBe('batch_on_hold');
    const regionOrder = await order('64', '6402', 5);
    expect((await (await as('64-storekeeper')).post(`/api/transfer-orders/${regionOrder.id}/picks`, { raw: `FP1:B:${b.id}`, quantity: 5 })).status).toBe(200);
    expect((await (await as('6401-leader')).get(`/api/depots/${w.depot('640121').id}/batch-holds`)).body.items.map((h: any) => [h.lot, h.appliesHere])).toEqual([['SUSPECT', true]]);

    const released = await (await as('6401-leader')).post(`/api/batch-holds/${hold.body.id}/release`, { reason: '省站检验合格' });
    expect(released.body.releasedAt).toBe('2026-11-22T08:00:00.000Z');
    expect((await (await as('6401-leader')).post(`/api/batch-holds/${hold.body.id}/release`, { reason: '再次' })).body.code).toBe('hold_released');
    expect((await dispense('640121100', b.id, 1)).status).toBe(201);
  });

  it('refuses a hold from the wrong role or depot, or on an unknown lot, changing nothing', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'H2' });
    for (const u of ['6401-storekeeper', '640121-inspector']) await as(u);
    const before = snapshotCounts(w.db);
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['6401-storekeeper', { depotId: w.depot('6401').id, batchId: b.id, reason: '疑似' }, 403, 'role_required'],
      ['640121-inspector', { depotId: w.depot('6401').id, batchId: b.id, reason: '疑似' }, 403, 'out_of_scope'],
      ['640121-inspector', { depotId: w.depot('640121').id, batchId: 999999, reason: '疑似' }, 404, 'batch_not_found'],
      ['640121-inspector', { depotId: w.depot('640121').id, batchId: b.id, reason: '' }, 422, 'validation_failed'],
      ['640121-inspector', { depotId: w.depot('640121').id, batchId: b.id, reason: '疑似', inspectionId: 999999 }, 404, 'not_found'],
    ];
    for (const [user, body, status, code] of cases) {
      const res = await (await as(user)).post('/api/batch-holds', body);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await (await as('640121-inspector')).post('/api/batch-holds/999999/release', { reason: '无此记录' })).body.code).toBe('hold_not_found');
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('traces where a lot went: every depot that holds or held it, with what it received, issued and dispensed', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'TRACE-1', expiresOn: '2028-12-31' });
    givenStock(w, '64', b.id, 100);
    const shipped = await ship(b.id, 40);
    givenStock(w, '640121100', b.id, 20);
    await dispense('640121100', b.id, 3);
    await dispense('640121100', b.id, 4);
    const trace = (await (await as('64-inspector')).get(`/api/batches/${b.id}/trace`)).body;
    expect(trace.batch).toMatchObject({ lot: 'TRACE-1', productCode: 'KJ-0101' });
    const byCode = Object.fromEntries(trace.depots.map((d: any) => [d.code, d]));
    expect(Object.keys(byCode)).toEqual(['64', '6401', '640121100']);
    expect(byCode['64']).toMatchObject({ depth: 0, received: 100, issued: 40, onHand: { qualified: 60 } });
    expect(byCode['6401']).toMatchObject({ depth: 1, received: 40, issued: 0, onHand: { pending: 40 } }); // the city inspects what it receives
    expect(byCode['640121100']).toMatchObject({ depth: 3, received: 20, dispensed: 7, dispensings: 2, onHand: { qualified: 13 } });
    expect(trace.shipments).toEqual([expect.objectContaining({ orderId: shipped.id, fromDepotId: w.depot('64').id, toDepotId: w.depot('6401').id, quantity: 40, status: 'received' })]);

    const fromCity = (await (await as('6401-inspector')).get(`/api/batches/${b.id}/trace`)).body;
    expect(fromCity.depots.map((d: any) => d.code)).toEqual(['6401', '640121100']);
    expect((await (await as('6401-inspector')).get(`/api/batches/${b.id}/trace?depotId=${w.depot('64').id}`)).body.code).toBe('out_of_scope');
    expect((await (await as('6401-inspector')).get('/api/batches/999999/trace')).body.code).toBe('batch_not_found');
  });
});

describe('expired stock (S0:324, 419; Z-R3)', () => {
  it('is not issuable on its expiry date; the daily sweep flags it once, and the storekeeper’s sweep moves it to the red zone in one posting', async () => {
    const today = buildBatch(w, { productCode: 'KJ-0101', lot: 'EXP-TODAY', expiresOn: '2026-11-22', unitPriceFen: 260 });
    const gone = buildBatch(w, { productCode: 'KJ-0101', lot: 'EXP-OLD', expiresOn: '2026-10-31', unitPriceFen: 260 });
    const near = buildBatch(w, { productCode: 'KJ-0101', lot: 'NEAR', expiresOn: '2027-01-31', unitPriceFen: 260 });
    givenStock(w, '640121', today.id, 10);
    givenStock(w, '640121', gone.id, 5);
    givenStock(w, '640121', near.id, 20);
    givenStock(w, '640121100', gone.id, 2);

    const o = await order('640121', '640121100', 5);
    expect(o.lines[0].proposals.map((p: any) => p.lot)).toEqual(['NEAR']);
    expect((await (await as('640121-storekeeper')).post(`/api/transfer-orders/${o.id}/picks`, { raw: `FP1:B:${today.id}`, quantity: 5, reason: '先用' })).body.code).toBe('batch_expired');

    expect(flagExpiredEverywhere(w.deps).depots).toBe(2);
    expect(flagExpiredEverywhere(w.deps).depots).toBe(0); // nothing changed: nobody is told twice
    const notes = (await (await as('640121-storekeeper')).get('/api/notifications')).body.items.filter((n: any) => n.kind === 'expired_in_qualified');
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toContain('15');

    const listed = (await (await as('6401-leader')).get(`/api/depots/${w.depot('6401').id}/expired-stock`)).body;
    expect(listed.items.map((r: any) => [r.depotName, r.lot, r.quantity])).toEqual([
      [w.depot('640121').name, 'EXP-OLD', 5],
      [w.depot('640121').name, 'EXP-TODAY', 10],
      [w.depot('640121100').name, 'EXP-OLD', 2],
    ]);
    expect(listed).toMatchObject({ quantity: 17, valueFen: 17 * 260 });

    const swept = await (await as('640121-storekeeper')).post(`/api/depots/${w.depot('640121').id}/expiry-sweep`);
    expect(swept.body).toMatchObject({ moved: 15, lines: [{ lot: 'EXP-OLD' }, { lot: 'EXP-TODAY' }] });
    expect([zoneQty('640121', today.id, 'qualified'), zoneQty('640121', today.id, 'nonconforming')]).toEqual([0, 10]);
    expect(w.db.$client.prepare('select count(distinct posting_id) from stock_movements where posting_id = ?').pluck().get(swept.body.postingId)).toBe(1);
    expect((await (await as('640121-storekeeper')).post(`/api/depots/${w.depot('640121').id}/expiry-sweep`)).body).toMatchObject({ sweepId: null, moved: 0 });
    expect((await (await as('640121-planner')).post(`/api/depots/${w.depot('640121').id}/expiry-sweep`)).body.code).toBe('role_required');
    expect((await (await as('6401-storekeeper')).post(`/api/depots/${w.depot('640121').id}/expiry-sweep`)).body.code).toBe('out_of_scope');

    const summary = (await (await as('6401-leader')).get(`/api/depots/${w.depot('6401').id}/expiry-summary`)).body;
    expect(summary.total).toEqual({ expiredQuantity: 17, expiredValueFen: 17 * 260, expiredInQualified: 2, nearQuantity: 20, nearValueFen: 20 * 260 });
    expect(summary.depots.map((d: any) => [d.code, d.expiredQuantity, d.nearQuantity])).toEqual([
      ['640121', 15, 20],
      ['640121100', 2, 0],
    ]);
  });
});
