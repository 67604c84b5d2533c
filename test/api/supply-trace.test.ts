import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';

/**
 * Where supplies went (跟踪药具去向, S0:481; issue 21 item 4): from a lot or a product, every depot
 * from the region down to the dispensing at a village, reconciled, with what is unaccounted for.
 * KJ-0102 has no GTIN: it travels on our own batch labels (FP1:B:<id>).
 */
let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld();
});
afterEach(() => expectLedgerConsistent(w.db));

const VILLAGE = '640121100200';
const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const lotOf = (batchId: number) => w.db.$client.prepare('select lot from batches where id = ?').pluck().get(batchId) as string;

/** A transfer down one step, picked by our batch label, dispatched, and counted on arrival (`counted` of `quantity`). */
async function ship(from: string, to: string, batchId: number, quantity: number, counted = quantity) {
  const planner = await as(`${from}-planner`);
  const created = await planner.post('/api/transfer-orders', { fromDepotId: w.depot(from).id, toDepotId: w.depot(to).id, basis: 'temporary', lines: [{ productId: productId('KJ-0102'), quantity }] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await (await as(`${from}-leader`)).post(`/api/transfer-orders/${created.body.id}/decision`, { decision: 'approved' })).status).toBe(200);
  const keeper = await as(`${from}-storekeeper`);
  expect((await keeper.post(`/api/transfer-orders/${created.body.id}/picks`, { raw: `FP1:B:${batchId}`, quantity })).status).toBe(200);
  expect((await keeper.post(`/api/transfer-orders/${created.body.id}/dispatch`)).status).toBe(200);
  const receiver = await as(`${to}-storekeeper`);
  const receipt = (await receiver.post(`/api/transfer-orders/${created.body.id}/receive`)).body;
  expect((await receiver.post(`/api/receipts/${receipt.id}/scans`, { productId: productId('KJ-0102'), lot: lotOf(batchId), quantity: counted })).status).toBe(200);
  expect((await receiver.post(`/api/receipts/${receipt.id}/count`)).status).toBe(200);
  await receiver.post(`/api/receipts/${receipt.id}/sign`, { role: 'storekeeper' });
  expect((await (await as(`${to}-planner`)).post(`/api/receipts/${receipt.id}/sign`, { role: 'planner' })).body.status).toBe('effective');
  return created.body as { id: number };
}

describe('where supplies went (跟踪药具去向)', () => {
  it('reconciles every depot of a lot from the region to a village’s dispensings, with what was found short and who (counted) got it', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0102', lot: 'GO-1', expiresOn: '2028-12-31' });
    givenStock(w, '64', b.id, 100);
    const toCity = await ship('64', '6401', b.id, 40, 38); // two packs missing on arrival
    givenStock(w, VILLAGE, b.id, 20);

    // At the village: one anonymous dispensing before it opens its register, then two to a registered person.
    const dispenser = await as(`${VILLAGE}-dispenser`);
    expect((await dispenser.post('/api/dispensings', { depotId: w.depot(VILLAGE).id, raw: `FP1:B:${b.id}`, quantity: 2, packIntact: true, expiryChecked: true })).status).toBe(201);
    const person = await dispenser.post('/api/people', { depotId: w.depot(VILLAGE).id, name: '李秀英', birthYearMonth: '1994-03', community: '王太村三组', method: 'oral', methodSince: '2026-05-10', consent: true, consentOn: '2026-05-10' });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    for (const quantity of [3, 3]) {
      const given = await dispenser.post('/api/dispensings', { depotId: w.depot(VILLAGE).id, raw: `FP1:B:${b.id}`, quantity, personId: person.body.id, packIntact: true, expiryChecked: true });
      expect(given.status, JSON.stringify(given.body)).toBe(201);
    }

    const res = await (await as('64-inspector')).get(`/api/batches/${b.id}/trace`);
    expect(res.status).toBe(200);
    const byCode = Object.fromEntries(res.body.depots.map((d: any) => [d.code, d]));
    expect(Object.keys(byCode)).toEqual(['64', '6401', VILLAGE]);
    expect(byCode['64'].reconciliation).toEqual({ fromSupplier: 100, fromAbove: 0, inTransit: 0, shortOnArrival: 0, issued: 40, dispensed: 0, writtenOff: 0, returnedToMaker: 0, countDifference: 0, onHand: 60, balanced: true, unaccounted: 0 });
    expect(byCode['6401'].reconciliation).toMatchObject({ fromAbove: 38, shortOnArrival: 2, onHand: 38, balanced: true, unaccounted: 2 });
    expect(byCode[VILLAGE]).toMatchObject({ dispensed: 8, dispensings: 3, toPeople: { people: 1, quantity: 6 }, anonymous: 2, onHand: { qualified: 12 } });
    expect(byCode[VILLAGE].reconciliation).toMatchObject({ fromSupplier: 20, dispensed: 8, onHand: 12, balanced: true, unaccounted: 0 });
    expect(res.body.shipments).toEqual([expect.objectContaining({ orderId: toCity.id, quantity: 40, short: 2, received: 38, status: 'received' })]);
    expect(res.body.totals).toEqual({ dispensed: 8, writtenOff: 0, returnedToMaker: 0, onHand: 110, inTransit: 0, shortOnArrival: 2, countShortage: 0, unaccounted: 2, balanced: true });
    // Counts only: nothing in the trace names the person.
    expect(JSON.stringify(res.body)).not.toContain('李秀英');
  });

  it('shows goods dispatched and not yet received as in transit at the depot they go to', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0102', lot: 'GO-2', expiresOn: '2028-12-31' });
    givenStock(w, '64', b.id, 50);
    const planner = await as('64-planner');
    const order = (await planner.post('/api/transfer-orders', { fromDepotId: w.depot('64').id, toDepotId: w.depot('6401').id, basis: 'temporary', lines: [{ productId: productId('KJ-0102'), quantity: 10 }] })).body;
    await (await as('64-leader')).post(`/api/transfer-orders/${order.id}/decision`, { decision: 'approved' });
    await (await as('64-storekeeper')).post(`/api/transfer-orders/${order.id}/picks`, { raw: `FP1:B:${b.id}`, quantity: 10 });
    expect((await (await as('64-storekeeper')).post(`/api/transfer-orders/${order.id}/dispatch`)).status).toBe(200);

    const trace = (await (await as('64-leader')).get(`/api/batches/${b.id}/trace`)).body;
    const city = trace.depots.find((d: any) => d.code === '6401');
    expect(city.reconciliation).toMatchObject({ inTransit: 10, fromAbove: 0, onHand: 0, balanced: true, unaccounted: 0 });
    expect(trace.shipments).toEqual([expect.objectContaining({ quantity: 10, short: 0, received: null, status: 'dispatched' })]);
    expect(trace.totals).toMatchObject({ onHand: 40, inTransit: 10, unaccounted: 0 });
  });

  it('traces a product over all its lots, within the reader’s subtree only', async () => {
    const first = buildBatch(w, { productCode: 'KJ-0102', lot: 'GO-A', expiresOn: '2027-06-30' });
    const second = buildBatch(w, { productCode: 'KJ-0102', lot: 'GO-B', expiresOn: '2028-06-30' });
    buildBatch(w, { productCode: 'KJ-0102', lot: 'GO-NEVER', expiresOn: '2028-09-30' }); // never moved: not listed
    givenStock(w, '64', first.id, 30);
    givenStock(w, '64', second.id, 70);
    await ship('64', '6401', first.id, 30);
    givenStock(w, '640121', second.id, 15);

    const region = await (await as('64-leader')).get(`/api/products/${productId('KJ-0102')}/trace`);
    expect(region.status).toBe(200);
    expect(region.body.product).toMatchObject({ code: 'KJ-0102' });
    expect(region.body.lots.map((l: any) => [l.lot, l.onHand])).toEqual([['GO-A', 30], ['GO-B', 85]]);
    const byCode = Object.fromEntries(region.body.depots.map((d: any) => [d.code, d.reconciliation]));
    expect(byCode['64']).toMatchObject({ fromSupplier: 100, issued: 30, onHand: 70, balanced: true });
    expect(byCode['6401']).toMatchObject({ fromAbove: 30, onHand: 30, balanced: true });
    expect(byCode['640121']).toMatchObject({ fromSupplier: 15, onHand: 15 });
    expect(region.body.totals).toMatchObject({ onHand: 115, unaccounted: 0, balanced: true });

    // A county sees its own subtree, and is refused the region's.
    const county = await as('640121-leader');
    const own = (await county.get(`/api/products/${productId('KJ-0102')}/trace`)).body;
    expect(own.depots.map((d: any) => d.code)).toEqual(['640121']);
    expect(own.lots.map((l: any) => l.lot)).toEqual(['GO-B']);
    expect((await county.get(`/api/products/${productId('KJ-0102')}/trace?depotId=${w.depot('64').id}`)).body.code).toBe('out_of_scope');
    expect((await county.get('/api/products/999999/trace')).body.code).toBe('product_not_found');
  });
});
