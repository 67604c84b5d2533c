import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, PASSWORD, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { gs1ElementString } from '../../labels/gs1.ts';
import { postMovements } from '../../server/services/posting.ts';
import { ROLES, type MovementKind } from '../../server/schemas/constants.ts';
import { CHECKLISTS } from '../../server/domain/inspection.ts';
import { defaultConfig } from '../../server/config.ts';

/**
 * Issue 18: every control that keeps free supplies inside the books (S0:474-481) needs two people
 * or the depot above. For each: one user alone, one user holding every role at the depot, and an
 * admin with a sock-puppet account it made cannot complete it; the legitimate two-person path works.
 */

const COUNTY = '640121';
const TOWNSHIP = '640121100';
const NEW_PASSWORD = 'fresh-pass-9';

let w: World;
const sessions: Record<string, Client> = {};
const as = async (username: string) => (sessions[username] ??= await loginAs(w, username));
beforeEach(async () => {
  // The puppets an admin makes here would wait for training (S0:466, test/api/training.test.ts);
  // these tests show what a trained puppet still cannot do.
  w = await makeWorld({ config: { training: { ...defaultConfig.training, newStaffTrainedFirst: false } } });
  for (const k of Object.keys(sessions)) delete sessions[k];
});
afterEach(() => expectLedgerConsistent(w.db));

const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const label = (batchId: number) => `FP1:B:${batchId}`;
const passingChecklist = (code: string) => {
  const form = w.db.$client.prepare('select dosage_form from products where code = ?').pluck().get(code) as keyof typeof CHECKLISTS;
  return Object.fromEntries(CHECKLISTS[form].map((item) => [item, true]));
};

/** A user holding every role at a depot, as a one-person depot might be set up. */
async function everyRole(name: string, depot: string) {
  await w.addUser(name, depot, [...ROLES]);
  return as(name);
}

/**
 * An admin who also works at the depot (every role), and the sock-puppet account it makes there
 * with whatever roles it may grant. Returns both sessions; the puppet has changed nothing yet.
 */
async function adminWithPuppet(depot: string, puppetRoles: string[]) {
  const admin = await everyRole(`adm-${depot}`, depot);
  const made = await admin.post('/api/users', { username: `puppet-${depot}`, displayName: 'puppet', password: PASSWORD, depotId: w.depot(depot).id, roles: puppetRoles });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return { admin, puppet: await as(`puppet-${depot}`) };
}

/** Opens a supplier receipt at a depot, scans one of our batch labels and confirms the count. */
async function countedReceipt(client: Client, depot: string, batchId: number, quantity: number) {
  const opened = await client.post('/api/receipts', { depotId: w.depot(depot).id, supplierName: '国家药具库', deliveryNote: `DN-${batchId}` });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  expect((await client.post(`/api/receipts/${opened.body.id}/scans`, { raw: label(batchId), quantity })).status).toBe(200);
  const counted = await client.post(`/api/receipts/${opened.body.id}/count`);
  expect(counted.status, JSON.stringify(counted.body)).toBe(200);
  return counted.body;
}

const put = (client: Client, path: string, body: unknown) => client.raw(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const dispenseBody = (depot: string, batchId: number, quantity = 1) => ({ depotId: w.depot(depot).id, raw: label(batchId), quantity, packIntact: true, expiryChecked: true });

/** A temporary order from the county to the township, approved by the county's leader. */
async function approvedOrder(code: string, quantity: number) {
  const drafted = await (await as(`${COUNTY}-planner`)).post('/api/transfer-orders', { fromDepotId: w.depot(COUNTY).id, toDepotId: w.depot(TOWNSHIP).id, basis: 'temporary', lines: [{ productId: productId(code), quantity }] });
  expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
  const approved = await (await as(`${COUNTY}-leader`)).post(`/api/transfer-orders/${drafted.body.id}/decision`, { decision: 'approved' });
  expect(approved.body.status).toBe('approved');
  return approved.body;
}

describe('1. stock is usable only once its document is effective (S0:356 签字后入库生效)', () => {
  it('a township receipt counted but not signed is not dispensed (409 receipt_not_effective naming it); one person, or an admin and its puppet, cannot sign it alone; two people can', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'P1-TOWN' });
    const solo = await everyRole('solo-t', TOWNSHIP);
    const receipt = await countedReceipt(solo, TOWNSHIP, batch.id, 100);
    const before = snapshotCounts(w.db);
    const refused = await solo.post('/api/dispensings', dispenseBody(TOWNSHIP, batch.id));
    expect([refused.status, refused.body.code, refused.body.data]).toEqual([409, 'receipt_not_effective', expect.objectContaining({ receiptId: receipt.id, receiptNumber: receipt.number })]);
    expect(refused.body.detail).toContain(receipt.number);
    expect(snapshotCounts(w.db)).toEqual(before);

    expect((await solo.post(`/api/receipts/${receipt.id}/sign`, { role: 'storekeeper' })).status).toBe(200);
    expect((await solo.post(`/api/receipts/${receipt.id}/sign`, { role: 'planner' })).body.code).toBe('same_signer');
    const made = await solo.post('/api/users', { username: 'puppet-t', displayName: 'puppet', password: PASSWORD, depotId: w.depot(TOWNSHIP).id, roles: ['planner'] });
    expect(made.status).toBe(201);
    expect((await (await as('puppet-t')).post(`/api/receipts/${receipt.id}/sign`, { role: 'planner' })).body.code).toBe('not_independent');
    expect((await solo.post('/api/dispensings', dispenseBody(TOWNSHIP, batch.id))).body.code).toBe('receipt_not_effective');

    const signed = await (await as(`${TOWNSHIP}-planner`)).post(`/api/receipts/${receipt.id}/sign`, { role: 'planner' });
    expect(signed.body.status).toBe('effective');
    expect((await (await as(`${TOWNSHIP}-dispenser`)).post('/api/dispensings', dispenseBody(TOWNSHIP, batch.id, 3))).status).toBe(201);
  });

  it('at the county, stock that passed inspection on an unsigned receipt is neither proposed, picked nor moved; signed, it is picked and dispatched', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0101', lot: 'P1-COUNTY' });
    const keeper = await as(`${COUNTY}-storekeeper`);
    const receipt = await countedReceipt(keeper, COUNTY, batch.id, 60);
    const inspected = await (await as(`${COUNTY}-inspector`)).post('/api/inspections', { depotId: w.depot(COUNTY).id, batchId: batch.id, kind: 'receipt', receiptId: receipt.id, checklist: passingChecklist('KJ-0101'), passedQuantity: 60, failedQuantity: 0 });
    expect(inspected.status, JSON.stringify(inspected.body)).toBe(201);
    const order = await approvedOrder('KJ-0101', 10);
    expect(order.lines[0].proposals).toEqual([]);
    expect(order.lines[0].shortfall).toBe(10);
    const before = snapshotCounts(w.db);
    const pick = await keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: label(batch.id), quantity: 10 });
    expect([pick.status, pick.body.code, pick.body.data.receiptNumber]).toEqual([409, 'receipt_not_effective', receipt.number]);
    const move = await keeper.post('/api/zone-moves', { depotId: w.depot(COUNTY).id, raw: label(batch.id), fromZone: 'qualified', toZone: 'pending', quantity: 1, reason: 'recheck' });
    expect(move.body.code).toBe('receipt_not_effective');
    expect(snapshotCounts(w.db)).toEqual(before);

    await keeper.post(`/api/receipts/${receipt.id}/sign`, { role: 'storekeeper' });
    await (await as(`${COUNTY}-planner`)).post(`/api/receipts/${receipt.id}/sign`, { role: 'planner' });
    const now = (await keeper.get(`/api/transfer-orders/${order.id}`)).body;
    expect(now.lines[0].proposals).toEqual([expect.objectContaining({ batchId: batch.id, quantity: 10 })]);
    expect((await keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: label(batch.id), quantity: 10 })).status).toBe(200);
    expect((await keeper.post(`/api/transfer-orders/${order.id}/dispatch`)).status).toBe(200);
  });

  it('a shipment counted in at the township but not yet signed is not dispensed either', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'P1-SHIP' });
    givenStock(w, COUNTY, batch.id, 50);
    const order = await approvedOrder('KJ-0701', 20);
    const keeper = await as(`${COUNTY}-storekeeper`);
    await keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: label(batch.id), quantity: 20 });
    await keeper.post(`/api/transfer-orders/${order.id}/dispatch`);
    const townKeeper = await as(`${TOWNSHIP}-storekeeper`);
    const opened = (await townKeeper.post(`/api/transfer-orders/${order.id}/receive`)).body;
    await townKeeper.post(`/api/receipts/${opened.id}/scans`, { raw: label(batch.id), quantity: 20 });
    await townKeeper.post(`/api/receipts/${opened.id}/count`);
    expect((await (await as(`${TOWNSHIP}-dispenser`)).post('/api/dispensings', dispenseBody(TOWNSHIP, batch.id))).body.code).toBe('receipt_not_effective');
  });
});

describe('1b. the stock read shows what is held back, and by which document', () => {
  it('flags each row and the card with the receipt awaiting its signatures or the opening balance awaiting confirmation, until it takes effect', async () => {
    const opening = buildBatch(w, { productCode: 'KJ-0701', lot: 'FLAG-OB' });
    const received = buildBatch(w, { productCode: 'KJ-0101', lot: 'FLAG-RC' });
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const ob = (await keeper.post('/api/opening-balances', { depotId: w.depot(TOWNSHIP).id, lines: [{ batchId: opening.id, quantity: 40 }] })).body;
    const receipt = await countedReceipt(keeper, TOWNSHIP, received.id, 10);
    const flags = async () =>
      Object.fromEntries((await keeper.get(`/api/stock?depotId=${w.depot(TOWNSHIP).id}`)).body.items.map((r: any) => [r.lot, r.awaiting]));
    expect(await flags()).toEqual({
      'FLAG-OB': { type: 'opening_balance', id: ob.id, number: ob.number },
      'FLAG-RC': { type: 'receipt', id: receipt.id, number: receipt.number },
    });
    const card = await keeper.get(`/api/stock/card?depotId=${w.depot(TOWNSHIP).id}&batchId=${received.id}`);
    expect(card.body.awaiting).toEqual({ type: 'receipt', id: receipt.id, number: receipt.number });
    const subtree = (await (await as(`${COUNTY}-leader`)).get(`/api/stock?depotId=${w.depot(COUNTY).id}&scope=subtree`)).body.items;
    expect(subtree.map((r: any) => r.awaiting)).toEqual([null, null]);

    await (await as(`${TOWNSHIP}-planner`)).post(`/api/opening-balances/${ob.id}/confirm`);
    await keeper.post(`/api/receipts/${receipt.id}/sign`, { role: 'storekeeper' });
    expect(await flags()).toEqual({ 'FLAG-OB': null, 'FLAG-RC': { type: 'receipt', id: receipt.id, number: receipt.number } });
    await (await as(`${TOWNSHIP}-planner`)).post(`/api/receipts/${receipt.id}/sign`, { role: 'planner' });
    expect(await flags()).toEqual({ 'FLAG-OB': null, 'FLAG-RC': null });
    expect((await keeper.get(`/api/stock/card?depotId=${w.depot(TOWNSHIP).id}&batchId=${received.id}`)).body.awaiting).toBeNull();
  });
});

describe('2. opening balances belong to a depot’s go-live and need a second person', () => {
  it('posted by one storekeeper, its stock is not usable until a leader or planner other than the poster confirms; an every-role user and an admin’s puppet cannot confirm', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'P2-OB' });
    const solo = await everyRole('solo-ob', TOWNSHIP);
    const posted = await solo.post('/api/opening-balances', { depotId: w.depot(TOWNSHIP).id, lines: [{ batchId: batch.id, quantity: 40 }] });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body).toMatchObject({ confirmedBy: null, confirmedAt: null, lines: [expect.objectContaining({ zone: 'qualified' })] });
    expect((await solo.post('/api/dispensings', dispenseBody(TOWNSHIP, batch.id))).body.code).toBe('opening_balance_not_confirmed');
    expect((await solo.post(`/api/opening-balances/${posted.body.id}/confirm`)).body.code).toBe('self_approval');
    await solo.post('/api/users', { username: 'puppet-ob', displayName: 'puppet', password: PASSWORD, depotId: w.depot(TOWNSHIP).id, roles: ['planner'] });
    expect((await (await as('puppet-ob')).post(`/api/opening-balances/${posted.body.id}/confirm`)).body.code).toBe('not_independent');
    expect((await (await as(`${TOWNSHIP}-storekeeper`)).post(`/api/opening-balances/${posted.body.id}/confirm`)).body.code).toBe('role_required');

    const confirmed = await (await as(`${TOWNSHIP}-leader`)).post(`/api/opening-balances/${posted.body.id}/confirm`);
    expect(confirmed.body).toMatchObject({ confirmedBy: w.actor(`${TOWNSHIP}-leader`).userId, confirmedAt: expect.any(String) });
    expect((await (await as(`${TOWNSHIP}-planner`)).post(`/api/opening-balances/${posted.body.id}/confirm`)).body.code).toBe('already_confirmed');
    expect((await solo.post('/api/dispensings', dispenseBody(TOWNSHIP, batch.id))).status).toBe(201);
  });

  it('an opening balance entered in error holds its lot back until a leader approves its reversal, which releases the lot', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'P2-TYPO' });
    givenStock(w, TOWNSHIP, batch.id, 10);
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const typo = (await keeper.post('/api/opening-balances', { depotId: w.depot(TOWNSHIP).id, lines: [{ batchId: batch.id, quantity: 500 }] })).body;
    const dispenser = await as(`${TOWNSHIP}-dispenser`);
    expect((await dispenser.post('/api/dispensings', dispenseBody(TOWNSHIP, batch.id))).body).toMatchObject({ code: 'opening_balance_not_confirmed', data: { openingBalanceNumber: typo.number } });
    const asked = (await keeper.post(`/api/postings/${typo.postingId}/reverse`, { reason: '500 should be 50' })).body;
    expect((await (await as(`${TOWNSHIP}-leader`)).post(`/api/reversal-requests/${asked.id}/decide`, { decision: 'approved' })).body.status).toBe('approved');
    expect((await dispenser.post('/api/dispensings', dispenseBody(TOWNSHIP, batch.id))).status).toBe(201);
  });

  it('after go-live refuses opening stock (409 opening_balance_closed), typed or imported, until the leader opens a window', async () => {
    const first = buildBatch(w, { productCode: 'KJ-0701', lot: 'P2-LIVE' });
    givenStock(w, TOWNSHIP, first.id, 10);
    expect((await (await as(`${TOWNSHIP}-dispenser`)).post('/api/dispensings', dispenseBody(TOWNSHIP, first.id))).status).toBe(201);
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const late = buildBatch(w);
    const before = snapshotCounts(w.db);
    const typed = await keeper.post('/api/opening-balances', { depotId: w.depot(TOWNSHIP).id, lines: [{ batchId: late.id, quantity: 500 }] });
    expect([typed.status, typed.body.code]).toEqual([409, 'opening_balance_closed']);
    const csv = await keeper.post(`/api/opening-balances/import?depotId=${w.depot(TOWNSHIP).id}`, 'product_code,lot,expires_on,quantity\nKJ-0101,CSV1,2028-05-31,500\n', { 'content-type': 'text/csv' });
    expect([csv.status, csv.body.code]).toEqual([409, 'opening_balance_closed']);
    expect(snapshotCounts(w.db)).toEqual(before);

    expect((await keeper.post('/api/opening-windows', { depotId: w.depot(TOWNSHIP).id, endsOn: '2026-11-30', reason: 'old cards found' })).body.code).toBe('role_required');
    const opened = await (await as(`${TOWNSHIP}-leader`)).post('/api/opening-windows', { depotId: w.depot(TOWNSHIP).id, endsOn: '2026-11-30', reason: 'old cards found' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect((await keeper.post(`/api/opening-balances/import?depotId=${w.depot(TOWNSHIP).id}`, 'product_code,lot,expires_on,quantity\nKJ-0101,CSV1,2028-05-31,500\n', { 'content-type': 'text/csv' })).status).toBe(201);
    w.clock.set('2026-12-01T02:00:00Z');
    expect((await (await loginAs(w, `${TOWNSHIP}-storekeeper`)).post('/api/opening-balances', { depotId: w.depot(TOWNSHIP).id, lines: [{ batchId: buildBatch(w).id, quantity: 1 }] })).body.code).toBe('opening_balance_closed');
  });

  it('never puts an expired lot into the qualified zone, and where the tier inspects goods-in puts opening stock into pending for the inspector', async () => {
    const expired = buildBatch(w, { productCode: 'KJ-0101', lot: 'P2-EXP', expiresOn: '2026-11-01' });
    const township = await as(`${TOWNSHIP}-storekeeper`);
    expect((await township.post('/api/opening-balances', { depotId: w.depot(TOWNSHIP).id, lines: [{ batchId: expired.id, quantity: 5 }] })).body.code).toBe('batch_expired');
    expect((await township.post('/api/opening-balances', { depotId: w.depot(TOWNSHIP).id, lines: [{ batchId: expired.id, zone: 'nonconforming', quantity: 5 }] })).status).toBe(201);

    const batch = buildBatch(w, { productCode: 'KJ-0101', lot: 'P2-PEND' });
    const county = await as(`${COUNTY}-storekeeper`);
    const qualified = await county.post('/api/opening-balances', { depotId: w.depot(COUNTY).id, lines: [{ batchId: batch.id, zone: 'qualified', quantity: 30 }] });
    expect([qualified.status, qualified.body.code]).toEqual([409, 'opening_balance_zone']);
    const pending = await county.post('/api/opening-balances', { depotId: w.depot(COUNTY).id, lines: [{ batchId: batch.id, quantity: 30 }] });
    expect(pending.body.lines[0].zone).toBe('pending');
    await (await as(`${COUNTY}-planner`)).post(`/api/opening-balances/${pending.body.id}/confirm`);
    const inspected = await (await as(`${COUNTY}-inspector`)).post('/api/inspections', { depotId: w.depot(COUNTY).id, batchId: batch.id, kind: 'receipt', openingBalanceId: pending.body.id, checklist: passingChecklist('KJ-0101'), passedQuantity: 30, failedQuantity: 0 });
    expect(inspected.status, JSON.stringify(inspected.body)).toBe(201);
    expect(inspected.body.openingBalanceId).toBe(pending.body.id);
    const rows = (await county.get(`/api/stock?depotId=${w.depot(COUNTY).id}`)).body.items;
    expect(rows.map((r: any) => [r.location, r.quantity])).toEqual([['qualified', 30]]);
  });
});

describe('2b. the second person’s list, and the leader’s window', () => {
  it('lists the opening balances awaiting confirmation (not those confirmed or reversed), with who posted and who confirmed', async () => {
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const post = async (lot: string) => (await keeper.post('/api/opening-balances', { depotId: w.depot(TOWNSHIP).id, lines: [{ batchId: buildBatch(w, { productCode: 'KJ-0701', lot }).id, quantity: 10 }] })).body;
    const [first, second, wrong] = [await post('OBL-1'), await post('OBL-2'), await post('OBL-3')];
    const asked = (await keeper.post(`/api/postings/${wrong.postingId}/reverse`, { reason: 'not ours' })).body;
    await (await as(`${TOWNSHIP}-leader`)).post(`/api/reversal-requests/${asked.id}/decide`, { decision: 'approved' });
    await (await as(`${TOWNSHIP}-planner`)).post(`/api/opening-balances/${first.id}/confirm`);
    const planner = await as(`${TOWNSHIP}-planner`);
    const list = async (status?: string) => (await planner.get(`/api/opening-balances?depotId=${w.depot(TOWNSHIP).id}${status ? `&status=${status}` : ''}`)).body.items;
    expect((await list('awaiting_confirmation')).map((d: any) => [d.number, d.createdByName, d.reversed])).toEqual([[second.number, expect.stringContaining('storekeeper'), false]]);
    expect((await list('confirmed')).map((d: any) => [d.number, d.confirmedByName])).toEqual([[first.number, expect.stringContaining('planner')]]);
    expect((await list()).map((d: any) => [d.number, d.reversed])).toEqual([[wrong.number, true], [second.number, false], [first.number, false]]);
    // A reversed one has nothing left to confirm: refused, and it stays unconfirmed.
    const late = await planner.post(`/api/opening-balances/${wrong.id}/confirm`);
    expect([late.status, late.body.code]).toEqual([409, 'already_reversed']);
    expect((await list()).find((d: any) => d.number === wrong.number).confirmedAt).toBeNull();
    expect((await (await as(`${COUNTY}-leader`)).get(`/api/opening-balances?depotId=${w.depot(TOWNSHIP).id}`)).status).toBe(200);
    expect((await keeper.get(`/api/opening-balances?depotId=${w.depot(COUNTY).id}`)).body.code).toBe('out_of_scope');
  });

  it('the leader closes an open window before its end: from then on no opening stock is entered; a closed window is not closed again (409 opening_window_closed)', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'WIN-LIVE' });
    givenStock(w, TOWNSHIP, batch.id, 10);
    expect((await (await as(`${TOWNSHIP}-dispenser`)).post('/api/dispensings', dispenseBody(TOWNSHIP, batch.id))).status).toBe(201);
    const leader = await as(`${TOWNSHIP}-leader`);
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const opened = (await leader.post('/api/opening-windows', { depotId: w.depot(TOWNSHIP).id, endsOn: '2026-11-30', reason: 'old cards found' })).body;
    expect(opened).toMatchObject({ endsOn: '2026-11-30', open: true, openedByName: expect.stringContaining('leader') });
    const late = buildBatch(w, { productCode: 'KJ-0701', lot: 'WIN-LATE' });
    const enter = () => keeper.post('/api/opening-balances', { depotId: w.depot(TOWNSHIP).id, lines: [{ batchId: late.id, quantity: 1 }] });
    expect((await enter()).status).toBe(201);

    expect((await keeper.post(`/api/opening-windows/${opened.id}/close`)).body.code).toBe('role_required');
    const closed = await leader.post(`/api/opening-windows/${opened.id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ id: opened.id, endsOn: '2026-11-21', open: false });
    const before = snapshotCounts(w.db);
    expect((await enter()).body.code).toBe('opening_balance_closed');
    const again = await leader.post(`/api/opening-windows/${opened.id}/close`);
    expect([again.status, again.body.code]).toEqual([409, 'opening_window_closed']);
    expect(snapshotCounts(w.db)).toEqual(before);
    expect((await leader.get(`/api/opening-windows?depotId=${w.depot(TOWNSHIP).id}`)).body.items).toEqual([expect.objectContaining({ id: opened.id, open: false })]);
    const audit = (await leader.get(`/api/audit?depotId=${w.depot(TOWNSHIP).id}`)).body.items.find((a: any) => a.action === 'close');
    expect(audit).toMatchObject({ entity: 'opening_window', entityId: String(opened.id), detail: { endedOn: '2026-11-30' } });
  });
});

describe('3. reversal by kind, and by two people', () => {
  const fabricated = (kind: MovementKind, batchId: number, depot = TOWNSHIP) =>
    w.db.transaction((tx) =>
      postMovements(tx, { kind, documentType: 'test', documentId: 1, actorId: w.actor(`${depot}-storekeeper`).userId, lines: [{ depotId: w.depot(depot).id, location: 'qualified', batchId, quantity: -1, unitPriceFen: 95 }] }, w.clock.now(), w.deps.config.timeZone),
    ).postingId;

  it('never reverses an inspection, a destruction, a return to the maker, a count variance, a dispensing or a transfer (409 not_reversible naming the workflow)', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0101', lot: 'P3-KINDS' });
    givenStock(w, COUNTY, batch.id, 50);
    givenStock(w, TOWNSHIP, batch.id, 50);
    const inspection = w.db.$client.prepare(`select id from postings where kind = 'inspection' order by id desc limit 1`).pluck().get() as number;
    const order = await approvedOrder('KJ-0101', 5);
    const keeper = await as(`${COUNTY}-storekeeper`);
    await keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: label(batch.id), quantity: 5 });
    const dispatched = (await keeper.post(`/api/transfer-orders/${order.id}/dispatch`)).body;
    const expected: [number, string, string][] = [
      [inspection, COUNTY, 'reinspection'],
      [dispatched.dispatchPostingId, COUNTY, 'transfer_back'],
      [fabricated('write_off', batch.id), TOWNSHIP, 'none_disposed'],
      [fabricated('return_to_supplier', batch.id), TOWNSHIP, 'none_returned'],
      [fabricated('count_adjustment', batch.id), TOWNSHIP, 'stock_count'],
      [fabricated('dispense', batch.id), TOWNSHIP, 'stock_count'],
    ];
    for (const [postingId, depot, workflow] of expected) {
      const leader = await as(`${depot}-leader`);
      const before = snapshotCounts(w.db);
      const res = await leader.post(`/api/postings/${postingId}/reverse`, { reason: 'undo' });
      expect([res.status, res.body.code, res.body.data?.workflow], `posting ${postingId}`).toEqual([409, 'not_reversible', workflow]);
      expect(snapshotCounts(w.db)).toEqual(before);
    }
  });

  it('one person, or one holding every role, cannot both ask for and decide a reversal; an admin’s puppet cannot decide for it; a leader decides another’s request', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'P3-REV' });
    const ob = givenStock(w, TOWNSHIP, batch.id, 30);
    const solo = await everyRole('solo-rev', TOWNSHIP);
    const asked = await solo.post(`/api/postings/${ob.postingId}/reverse`, { reason: 'typed twice' });
    expect(asked.status).toBe(201);
    expect((await solo.post(`/api/reversal-requests/${asked.body.id}/decide`, { decision: 'approved' })).body.code).toBe('self_approval');
    expect((await (await as(`${TOWNSHIP}-planner`)).post(`/api/reversal-requests/${asked.body.id}/decide`, { decision: 'approved' })).body.code).toBe('role_required');
    expect((await solo.post('/api/users', { username: 'puppet-leader', displayName: 'p', password: PASSWORD, depotId: w.depot(TOWNSHIP).id, roles: ['leader'] })).body.code).toBe('grant_from_above');

    const { admin, puppet } = await adminWithPuppet(COUNTY, ['storekeeper']);
    const countyOb = givenStock(w, COUNTY, buildBatch(w).id, 5, 'nonconforming');
    const puppetAsked = await puppet.post(`/api/postings/${countyOb.postingId}/reverse`, { reason: 'puppet' });
    expect(puppetAsked.status).toBe(201);
    expect((await admin.post(`/api/reversal-requests/${puppetAsked.body.id}/decide`, { decision: 'approved' })).body.code).toBe('not_independent');

    const before = (await solo.get(`/api/stock?depotId=${w.depot(TOWNSHIP).id}`)).body.items;
    expect(before.map((r: any) => r.quantity)).toEqual([30]);
    const decided = await (await as(`${TOWNSHIP}-leader`)).post(`/api/reversal-requests/${asked.body.id}/decide`, { decision: 'approved' });
    expect(decided.body.status).toBe('approved');
    expect((await solo.get(`/api/stock?depotId=${w.depot(TOWNSHIP).id}`)).body.items).toEqual([]);
    const audit = (await solo.get(`/api/audit?depotId=${w.depot(TOWNSHIP).id}`)).body.items.map((a: any) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['request_reversal', 'reverse']));
  });
});

describe('3b. a zone move posted in error', () => {
  it('is reversed when a leader approves the storekeeper’s request, which shows what it takes back; a decline needs a reason and the requester sees it', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'P3-ZONE' });
    givenStock(w, TOWNSHIP, batch.id, 30);
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const move = async () => (await keeper.post('/api/zone-moves', { depotId: w.depot(TOWNSHIP).id, raw: label(batch.id), fromZone: 'qualified', toZone: 'nonconforming', quantity: 4, reason: 'wrong shelf' })).body;
    const moved = await move();
    const asked = await keeper.post(`/api/postings/${moved.postingId}/reverse`, { reason: 'scanned the wrong lot' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', postingKind: 'zone_move', requestedByName: expect.stringContaining('storekeeper') });
    expect(asked.body.lines).toEqual(
      expect.arrayContaining([
        { batchId: batch.id, lot: 'P3-ZONE', productId: batch.productId, location: 'qualified', quantity: -4 },
        { batchId: batch.id, lot: 'P3-ZONE', productId: batch.productId, location: 'nonconforming', quantity: 4 },
      ]),
    );
    const leader = await as(`${TOWNSHIP}-leader`);
    const pending = (await leader.get(`/api/reversal-requests?depotId=${w.depot(TOWNSHIP).id}&status=pending`)).body.items;
    expect(pending.map((r: any) => r.id)).toEqual([asked.body.id]);
    expect((await leader.post(`/api/reversal-requests/${asked.body.id}/decide`, { decision: 'approved' })).body).toMatchObject({ status: 'approved', reversalPostingId: expect.any(Number) });
    const zones = Object.fromEntries((await keeper.get(`/api/stock?depotId=${w.depot(TOWNSHIP).id}`)).body.items.map((r: any) => [r.location, r.quantity]));
    expect(zones).toEqual({ qualified: 30 });

    const again = await move();
    const second = (await keeper.post(`/api/postings/${again.postingId}/reverse`, { reason: 'again' })).body;
    expect((await leader.post(`/api/reversal-requests/${second.id}/decide`, { decision: 'declined' })).status).toBe(422);
    await leader.post(`/api/reversal-requests/${second.id}/decide`, { decision: 'declined', reason: 'the move was right' });
    expect((await keeper.get(`/api/reversal-requests/${second.id}`)).body).toMatchObject({ status: 'declined', decisionReason: 'the move was right', decidedByName: expect.stringContaining('leader') });
  });
});

describe('independence in stock counts and write-offs (not_independent)', () => {
  it('the variances of a count are approved by none who signed or counted it, nor by an admin for its puppet; another leader approves (S0:384, 415)', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'SC-IND' });
    givenStock(w, TOWNSHIP, batch.id, 20);
    const solo = await everyRole('solo-sc', TOWNSHIP);
    const { admin, puppet } = await adminWithPuppet(TOWNSHIP, ['storekeeper']);
    const leader = await as(`${TOWNSHIP}-leader`);
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const started = await solo.post('/api/stock-counts', { depotId: w.depot(TOWNSHIP).id, zones: ['qualified'] });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = started.body.id;
    const count = (client: Client) => client.post(`/api/stock-counts/${id}/lines`, { batchId: batch.id, zone: 'qualified', quantity: 18, mode: 'set' });
    const approve = (client: Client) => client.post(`/api/stock-counts/${id}/decision`, { decision: 'approved' });
    const sendBack = async () => expect((await leader.post(`/api/stock-counts/${id}/decision`, { decision: 'returned', reason: 'recount' })).status).toBe(200);

    expect((await count(solo)).status).toBe(200);
    expect((await solo.post(`/api/stock-counts/${id}/submit`)).status).toBe(200);
    expect((await approve(solo)).body.code).toBe('same_signer');
    await sendBack();
    expect((await keeper.post(`/api/stock-counts/${id}/submit`)).status).toBe(200);
    expect((await approve(solo)).body.code).toBe('same_signer');
    await sendBack();
    expect((await count(puppet)).status).toBe(200);
    expect((await puppet.post(`/api/stock-counts/${id}/submit`)).status).toBe(200);
    const before = snapshotCounts(w.db);
    const refused = await approve(admin);
    expect([refused.status, refused.body.code]).toEqual([409, 'not_independent']);
    expect(snapshotCounts(w.db)).toEqual(before);

    const approved = await approve(leader);
    expect(approved.body).toMatchObject({ status: 'posted', postingId: expect.any(Number) });
    expect((await keeper.get(`/api/stock?depotId=${w.depot(TOWNSHIP).id}`)).body.items.map((r: any) => r.quantity)).toEqual([18]);
  });

  it('a write-off is decided by none who asked for it (the region its own), nor by an admin above for the puppet it made below; the depot above decides (S0:421)', async () => {
    const expired = (code: string, lot: string) => {
      const batch = buildBatch(w, { productCode: 'KJ-0701', lot, expiresOn: '2026-10-31' });
      givenStock(w, code, batch.id, 12, 'nonconforming');
      return batch;
    };
    const ask = (client: Client, code: string, batchId: number) => client.post('/api/write-offs', { depotId: w.depot(code).id, lines: [{ batchId, quantity: 12, kind: 'expired' }] });
    const decide = (client: Client, id: number) => client.post(`/api/write-offs/${id}/decision`, { decision: 'approved' });

    const top = await everyRole('solo-wo-region', '64');
    const own = await ask(top, '64', expired('64', 'WO-TOP').id);
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect((await decide(top, own.body.id)).body.code).toBe('self_approval');
    const solo = await everyRole('solo-wo', COUNTY);
    const asked = await ask(solo, COUNTY, expired(COUNTY, 'WO-SOLO').id);
    expect((await decide(solo, asked.body.id)).body.code).toBe('out_of_scope');

    const cityAdmin = await everyRole('adm-wo-city', '6401');
    const made = await cityAdmin.post('/api/users', { username: 'puppet-wo', displayName: 'puppet', password: PASSWORD, depotId: w.depot(COUNTY).id, roles: ['inspector'] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const puppetAsked = await ask(await as('puppet-wo'), COUNTY, expired(COUNTY, 'WO-PUPPET').id);
    expect(puppetAsked.status, JSON.stringify(puppetAsked.body)).toBe(201);
    const before = snapshotCounts(w.db);
    const refused = await decide(cityAdmin, puppetAsked.body.id);
    expect([refused.status, refused.body.code]).toEqual([409, 'not_independent']);
    expect(snapshotCounts(w.db)).toEqual(before);
    expect((await (await as('6401-leader')).get(`/api/write-offs/${puppetAsked.body.id}`)).body.status).toBe('submitted');

    expect((await decide(await as('6401-leader'), puppetAsked.body.id)).body.status).toBe('approved');
    expect((await decide(await as('64-leader'), own.body.id)).body.status).toBe('approved');
  });
});

describe('4. orders follow their basis (S0:378, 391)', () => {
  /** The county's allocation plan for 2027: 100 of KJ-0101 to the township, issued by the leader; its generated order withdrawn. */
  async function issuedPlan() {
    givenStock(w, COUNTY, buildBatch(w, { productCode: 'KJ-0101', lot: 'P4-PLAN' }).id, 500);
    const planner = await as(`${COUNTY}-planner`);
    const plan = (await planner.post('/api/allocation-plans', { depotId: w.depot(COUNTY).id, year: 2027 })).body;
    const set = await planner.patch(`/api/allocation-plans/${plan.id}`, { lines: [{ childDepotId: w.depot(TOWNSHIP).id, productId: productId('KJ-0101'), allocated: 100 }] });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    return plan;
  }
  const order = (client: Client, body: Record<string, unknown>) =>
    client.post('/api/transfer-orders', { fromDepotId: w.depot(COUNTY).id, toDepotId: w.depot(TOWNSHIP).id, lines: [{ productId: productId('KJ-0101'), quantity: 60 }], ...body });

  it('an order on the allocation plan names an issued plan and stays within what remains of it', async () => {
    const planner = await as(`${COUNTY}-planner`);
    expect((await order(planner, { basis: 'allocation_plan' })).body.code).toBe('allocation_plan_required');
    const plan = await issuedPlan();
    expect((await order(planner, { basis: 'allocation_plan', allocationPlanId: plan.id })).body.code).toBe('allocation_plan_not_issued');
    const solo = await everyRole('solo-plan', COUNTY);
    expect((await solo.post(`/api/allocation-plans/${plan.id}/issue`)).status).toBe(200);
    const issued = (await planner.get(`/api/allocation-plans/${plan.id}`)).body;
    expect(issued.status).toBe('issued');
    const generated = issued.orders[0];
    expect((await order(planner, { basis: 'allocation_plan', allocationPlanId: plan.id })).body).toMatchObject({ code: 'exceeds_allocation', data: { remaining: 0 } });
    await planner.post(`/api/transfer-orders/${generated.id}/cancel`);
    const within = await order(planner, { basis: 'allocation_plan', allocationPlanId: plan.id });
    expect(within.status, JSON.stringify(within.body)).toBe(201);
    expect(within.body).toMatchObject({ status: 'approved', basis: 'allocation_plan', planReference: plan.number });
    expect(w.db.$client.prepare('select allocation_plan_id from transfer_orders where id = ?').pluck().get(within.body.id)).toBe(plan.id);
    const over = await order(planner, { basis: 'allocation_plan', allocationPlanId: plan.id });
    expect([over.status, over.body.code, over.body.data.remaining]).toEqual([409, 'exceeds_allocation', 40]);
  });

  it('the leader who issues a plan is not the one who drafted or changed it: one person holding every role cannot issue their own plan', async () => {
    givenStock(w, COUNTY, buildBatch(w, { productCode: 'KJ-0101' }).id, 500);
    const solo = await everyRole('solo-issue', COUNTY);
    const plan = (await solo.post('/api/allocation-plans', { depotId: w.depot(COUNTY).id, year: 2027 })).body;
    await solo.patch(`/api/allocation-plans/${plan.id}`, { lines: [{ childDepotId: w.depot(TOWNSHIP).id, productId: productId('KJ-0101'), allocated: 100 }] });
    expect((await solo.post(`/api/allocation-plans/${plan.id}/issue`)).body.code).toBe('self_approval');
    expect((await (await as(`${COUNTY}-leader`)).post(`/api/allocation-plans/${plan.id}/issue`)).body.status).toBe('issued');
  });

  it('a new-product order carries the national document number and waits for a leader other than its drafter', async () => {
    const solo = await everyRole('solo-new', COUNTY);
    expect((await order(solo, { basis: 'new_product' })).body.code).toBe('national_document_required');
    const drafted = await order(solo, { basis: 'new_product', planReference: '国卫药具〔2026〕12号' });
    expect(drafted.body).toMatchObject({ status: 'awaiting_approval', planReference: '国卫药具〔2026〕12号', approvalDepotId: w.depot(COUNTY).id });
    expect((await solo.post(`/api/transfer-orders/${drafted.body.id}/decision`, { decision: 'approved' })).body.code).toBe('self_approval');
    expect((await solo.post('/api/users', { username: 'puppet-new', displayName: 'p', password: PASSWORD, depotId: w.depot(COUNTY).id, roles: ['leader'] })).body.code).toBe('grant_from_above');
    expect((await (await as(`${COUNTY}-leader`)).post(`/api/transfer-orders/${drafted.body.id}/decision`, { decision: 'approved' })).body.status).toBe('approved');
  });

  it('a temporary order drafted by an admin’s puppet is not approved by the admin', async () => {
    const { admin, puppet } = await adminWithPuppet(COUNTY, ['planner']);
    const drafted = await order(puppet, { basis: 'temporary' });
    expect(drafted.body.status).toBe('awaiting_approval');
    expect((await admin.post(`/api/transfer-orders/${drafted.body.id}/decision`, { decision: 'approved' })).body.code).toBe('not_independent');
  });
});

describe('5. user administration: the admin above authorises the levels below (S0:442-448)', () => {
  it('grants leader and admin only from a depot above: not to a peer admin, not to a sock-puppet leader', async () => {
    const countyAdmin = await as(`${COUNTY}-admin`);
    const make = (client: Client, username: string, depot: string, roles: string[]) => client.post('/api/users', { username, displayName: username, password: PASSWORD, depotId: w.depot(depot).id, roles });
    const before = snapshotCounts(w.db);
    expect((await make(countyAdmin, 'peer-admin', COUNTY, ['admin'])).body.code).toBe('grant_from_above');
    expect((await make(countyAdmin, 'puppet-boss', COUNTY, ['leader'])).body.code).toBe('grant_from_above');
    const keeper = w.actor(`${COUNTY}-storekeeper`).userId;
    expect((await countyAdmin.patch(`/api/users/${keeper}`, { roles: ['storekeeper', 'leader'] })).body.code).toBe('grant_from_above');
    expect(snapshotCounts(w.db)).toEqual(before);
    expect((await make(countyAdmin, 'town-boss', TOWNSHIP, ['leader'])).status).toBe(201);
    expect((await make(countyAdmin, 'county-keeper2', COUNTY, ['storekeeper'])).status).toBe(201);
    expect((await make(await as('6401-admin'), 'county-admin2', COUNTY, ['admin'])).status).toBe(201);
  });

  it('no admin changes their own roles or a peer admin’s, nor resets a leader’s or a peer’s password', async () => {
    const countyAdmin = await as(`${COUNTY}-admin`);
    await (await as('6401-admin')).post('/api/users', { username: 'county-admin2', displayName: 'a2', password: PASSWORD, depotId: w.depot(COUNTY).id, roles: ['admin'] });
    const peer = await as('county-admin2');
    const first = w.actor(`${COUNTY}-admin`).userId;
    expect((await peer.patch(`/api/users/${first}`, { roles: ['storekeeper'] })).body.code).toBe('peer_admin');
    expect((await peer.patch(`/api/users/${first}`, { password: 'taken-over-1' })).body.code).toBe('peer_admin');
    expect((await peer.post(`/api/users/${first}/deactivate`)).body.code).toBe('peer_admin');
    expect((await countyAdmin.patch(`/api/users/${first}`, { roles: ['admin', 'leader'] })).body.code).toBe('forbidden');
    expect((await countyAdmin.patch(`/api/users/${w.actor(`${COUNTY}-leader`).userId}`, { password: 'i-am-leader-1' })).body.code).toBe('grant_from_above');
  });

  it('a reset password is one-time: login says so, every other call answers 403 password_change_required until it is changed, and the leader is told', async () => {
    const keeperId = w.actor(`${COUNTY}-storekeeper`).userId;
    const old = await as(`${COUNTY}-storekeeper`);
    const reset = await (await as(`${COUNTY}-admin`)).patch(`/api/users/${keeperId}`, { password: 'one-time-123' });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect((await old.get('/api/auth/me')).status).toBe(401);
    const notes = (await as(`${COUNTY}-leader`)).get('/api/notifications');
    expect((await notes).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'password_reset', entityId: keeperId })]));

    const login = await w.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `${COUNTY}-storekeeper`, password: 'one-time-123' }) });
    expect(login.status).toBe(200);
    expect((await login.json()).mustChangePassword).toBe(true);
    const once = await loginAs(w, `${COUNTY}-storekeeper`, 'one-time-123');
    const blocked = await once.get(`/api/stock?depotId=${w.depot(COUNTY).id}`);
    expect([blocked.status, blocked.body.code]).toEqual([403, 'password_change_required']);
    expect((await once.post('/api/opening-balances', { depotId: w.depot(COUNTY).id, lines: [{ batchId: buildBatch(w).id, quantity: 1 }] })).body.code).toBe('password_change_required');
    expect((await once.get('/api/auth/me')).body.mustChangePassword).toBe(true);
    // Not to the one-time password itself, which the admin knows; not without it.
    expect((await once.patch(`/api/users/${keeperId}`, { password: 'one-time-123', currentPassword: 'one-time-123' })).body.code).toBe('weak_password');
    expect((await once.patch(`/api/users/${keeperId}`, { password: NEW_PASSWORD })).body.code).toBe('current_password_wrong');
    expect((await once.patch(`/api/users/${keeperId}`, { password: NEW_PASSWORD, currentPassword: 'one-time-123' })).status).toBe(200);
    const fresh = await loginAs(w, `${COUNTY}-storekeeper`, NEW_PASSWORD);
    expect((await fresh.get('/api/auth/me')).body.mustChangePassword).toBe(false);
    expect((await fresh.get(`/api/stock?depotId=${w.depot(COUNTY).id}`)).status).toBe(200);
  });

  it('a user moved to another depot keeps no role and no session; a deactivated one no session', async () => {
    const keeperId = w.actor(`${TOWNSHIP}-storekeeper`).userId;
    const session = await as(`${TOWNSHIP}-storekeeper`);
    const moved = await (await as(`${COUNTY}-admin`)).patch(`/api/users/${keeperId}`, { depotId: w.depot('640121101').id });
    expect(moved.body).toMatchObject({ depotId: w.depot('640121101').id, roles: [] });
    expect((await session.get('/api/auth/me')).status).toBe(401);
    const again = await loginAs(w, `${TOWNSHIP}-storekeeper`);
    expect((await again.post('/api/opening-balances', { depotId: w.depot('640121101').id, lines: [{ batchId: buildBatch(w).id, quantity: 1 }] })).body.code).toBe('role_required');

    const dispenser = await as(`${TOWNSHIP}-dispenser`);
    await (await as(`${COUNTY}-admin`)).post(`/api/users/${w.actor(`${TOWNSHIP}-dispenser`).userId}/deactivate`);
    expect((await dispenser.get('/api/auth/me')).status).toBe(401);
  });
});

describe('8. goods-in records the actual purchase price, the maker and the production date (S0:404, 412, 419)', () => {
  it('takes the delivery note’s price for the batch, carried through the transfer and the stock value; the maker and AI 11 production date go on the batch', async () => {
    const keeper = await as(`${COUNTY}-storekeeper`);
    const gtin = w.db.$client.prepare('select gtin from products where gtin is not null limit 1').get() as { gtin: string };
    const product = w.db.$client.prepare('select id, code, unit_price_fen as price from products where gtin = ?').get(gtin.gtin) as { id: number; code: string; price: number };
    const opened = (await keeper.post('/api/receipts', { depotId: w.depot(COUNTY).id, supplierName: '厂家', deliveryNote: 'DN-PRICE' })).body;
    const scanned = await keeper.post(`/api/receipts/${opened.id}/scans`, { raw: gs1ElementString({ gtin: gtin.gtin, lot: 'PRICE1', expiry: '2028-03-31', production: '2026-03-01', count: 10 }) });
    expect(scanned.status, JSON.stringify(scanned.body)).toBe(200);
    const batchId = scanned.body.outcome.batchId;
    const line0 = scanned.body.receipt.lines[0];
    expect(line0).toMatchObject({ unitPriceFen: product.price, priceEntered: false, producedOn: '2026-03-01' });
    const details = await put(keeper, `/api/receipts/${opened.id}/lines/${batchId}/details`, { unitPriceFen: product.price + 37, manufacturer: '上海药具厂' });
    expect(details.status, JSON.stringify(details.body)).toBe(200);
    expect(details.body.lines[0]).toMatchObject({ unitPriceFen: product.price + 37, priceEntered: true, manufacturer: '上海药具厂', valueFen: 10 * (product.price + 37) });
    await keeper.post(`/api/receipts/${opened.id}/count`);
    await keeper.post(`/api/receipts/${opened.id}/sign`, { role: 'storekeeper' });
    await (await as(`${COUNTY}-planner`)).post(`/api/receipts/${opened.id}/sign`, { role: 'planner' });
    const batch = (await keeper.get(`/api/batches/${batchId}`)).body;
    expect(batch).toMatchObject({ unitPriceFen: product.price + 37, manufacturer: '上海药具厂', producedOn: '2026-03-01' });
    await (await as(`${COUNTY}-inspector`)).post('/api/inspections', { depotId: w.depot(COUNTY).id, batchId, kind: 'receipt', receiptId: opened.id, checklist: passingChecklist(product.code), passedQuantity: 10, failedQuantity: 0 });
    const stock = (await keeper.get(`/api/stock?depotId=${w.depot(COUNTY).id}`)).body;
    expect(stock.items[0]).toMatchObject({ quantity: 10, valueFen: 10 * (product.price + 37) });
    const order = await approvedOrder(product.code, 4);
    await keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: label(batchId), quantity: 4 });
    const shipped = (await keeper.post(`/api/transfer-orders/${order.id}/dispatch`)).body;
    expect(shipped.totals).toEqual({ quantity: 4, valueFen: 4 * (product.price + 37) });

    const second = (await keeper.post('/api/receipts', { depotId: w.depot(COUNTY).id, supplierName: '厂家', deliveryNote: 'DN-PRICE-2' })).body;
    await keeper.post(`/api/receipts/${second.id}/scans`, { raw: label(batchId), quantity: 1 });
    expect((await put(keeper, `/api/receipts/${second.id}/lines/${batchId}/details`, { unitPriceFen: 1 })).body.code).toBe('price_conflict');
  });
});

describe('dispatch re-checks what was picked (S0:358, 419, 481)', () => {
  async function picked() {
    const batch = buildBatch(w, { productCode: 'KJ-0101', lot: 'RECHECK', expiresOn: '2026-11-25' });
    givenStock(w, COUNTY, batch.id, 20);
    const order = await approvedOrder('KJ-0101', 5);
    const keeper = await as(`${COUNTY}-storekeeper`);
    expect((await keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: label(batch.id), quantity: 5, reason: 'nearest' })).status).toBe(200);
    return { batch, order, keeper };
  }

  it('refuses to dispatch a batch that expired after it was picked (422 batch_expired) and ships nothing', async () => {
    const { order } = await picked();
    w.clock.set('2026-11-25T02:00:00Z');
    const keeper = await loginAs(w, `${COUNTY}-storekeeper`);
    const before = snapshotCounts(w.db);
    const res = await keeper.post(`/api/transfer-orders/${order.id}/dispatch`);
    expect([res.status, res.body.code]).toEqual([422, 'batch_expired']);
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('refuses to dispatch a batch held after it was picked (409 batch_on_hold) and ships nothing', async () => {
    const { batch, order, keeper } = await picked();
    const hold = await (await as('6401-inspector')).post('/api/batch-holds', { depotId: w.depot('6401').id, batchId: batch.id, reason: 'suspected defect' });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const before = snapshotCounts(w.db);
    const res = await keeper.post(`/api/transfer-orders/${order.id}/dispatch`);
    expect([res.status, res.body.code]).toEqual([409, 'batch_on_hold']);
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});

describe('quality problem reports are drafted at county level and above only (S0:399)', () => {
  async function failedInspection(depot: string) {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: `QPR-${depot}` });
    givenStock(w, depot, batch.id, 10);
    const res = await (await as(`${depot}-inspector`)).post('/api/inspections', {
      depotId: w.depot(depot).id,
      batchId: batch.id,
      kind: 'storage',
      checklist: { ...passingChecklist('KJ-0701'), foil_sealed: false },
      passedQuantity: 8,
      failedQuantity: 2,
      nonconformities: ['inner_pack_broken'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  it('drafts one at the region, a city and a county', async () => {
    for (const depot of ['64', '6401', COUNTY]) expect((await failedInspection(depot)).qualityProblemReports).toEqual([expect.objectContaining({ status: 'draft', quantity: 2 })]);
  });

  it('drafts none at a township or a village', async () => {
    for (const depot of [TOWNSHIP, '640121100200']) expect((await failedInspection(depot)).qualityProblemReports).toEqual([]);
  });
});
