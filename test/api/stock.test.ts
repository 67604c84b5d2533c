import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { postMovements } from '../../server/services/posting.ts';

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});
afterEach(() => expectLedgerConsistent(w.db));

describe('opening balances', () => {
  it('posts typed opening stock as one document, creating the batch, at the storekeeper’s own township (qualified there: townships do not inspect goods-in)', async () => {
    const c = await loginAs(w, '640121100-storekeeper');
    const res = await c.post('/api/opening-balances', {
      depotId: w.depot('640121100').id,
      note: 'paper cards 2026',
      lines: [
        { batch: { productCode: 'KJ-0701', lot: '20240815', expiresOn: '2027-12-31', manufacturer: '桂林紫竹乳胶制品有限公司' }, zone: 'qualified', quantity: 2000, unitPriceFen: 150 },
        { batch: { productCode: 'KJ-0701', lot: '20240815', expiresOn: '2027-12-31' }, zone: 'nonconforming', quantity: 20 },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.number).toBe('OB-640121100-0001');
    expect(res.body.postingId).toBeGreaterThan(0);
    expect(res.body.lines).toHaveLength(2);
    const stock = await c.get(`/api/stock?depotId=${w.depot('640121100').id}`);
    expect(stock.status).toBe(200);
    expect(stock.body.items.map((r: any) => [r.lot, r.location, r.quantity])).toEqual([
      ['20240815', 'qualified', 2000],
      ['20240815', 'nonconforming', 20],
    ]);
    expect(stock.body.totals).toEqual({ valueFen: 2020 * 150 });
    expect(stock.body.totalsByUnit).toEqual([{ unitZh: '盒', unitEn: 'box', quantity: 2020, valueFen: 2020 * 150 }]);
  });

  it('imports opening stock from CSV with Chinese headers and yuan prices; an empty zone takes the tier’s default', async () => {
    const c = await loginAs(w, '640121100-storekeeper');
    const csv = '药具编码,批号,有效期,库区,数量,单价\nKJ-0101,20250603,2028-05-31,合格品区,600,0.95\nKJ-0103,B2504017,2028-10-31,待验区,40,1.10\nKJ-0104,B3,2028-10-31,,7,\n';
    const res = await c.post(`/api/opening-balances/import?depotId=${w.depot('640121100').id}`, csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(201);
    expect(res.body.lines.map((l: any) => [l.zone, l.quantity, l.unitPriceFen])).toEqual([
      ['qualified', 600, 95],
      ['pending', 40, 110],
      ['qualified', 7, expect.any(Number)],
    ]);
    const county = await (await loginAs(w, '640121-storekeeper')).post(`/api/opening-balances/import?depotId=${w.depot('640121').id}`, 'product_code,lot,expires_on,quantity\nKJ-0101,C1,2028-05-31,9\n', { 'content-type': 'text/csv' });
    expect(county.body.lines.map((l: any) => l.zone)).toEqual(['pending']);
  });

  it('reports every bad CSV cell at once and posts nothing (422 validation_failed)', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    const before = snapshotCounts(w.db);
    const csv = 'product_code,lot,expires_on,zone,quantity\nKJ-0101,A1,2028-13,qualified,-5\n,A2,2028-01-01,blue,3\n';
    const res = await c.post(`/api/opening-balances/import?depotId=${w.depot('640121').id}`, csv, { 'content-type': 'text/csv' });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['rows.1.expires_on', 'rows.1.quantity', 'rows.2.product_code', 'rows.2.zone']));
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('refuses a known lot given with another expiry (409 batch_conflict) and changes nothing', async () => {
    const batch = buildBatch(w, { lot: 'L1', expiresOn: '2028-01-31' });
    const c = await loginAs(w, '640121-storekeeper');
    const before = snapshotCounts(w.db);
    const res = await c.post('/api/opening-balances', {
      depotId: w.depot('640121').id,
      lines: [{ batch: { productId: batch.productId, lot: 'L1', expiresOn: '2029-01-31' }, quantity: 5 }],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('batch_conflict');
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('refuses a storekeeper writing at the county above its township (403 out_of_scope)', async () => {
    const c = await loginAs(w, '640121100-storekeeper');
    const res = await c.post('/api/opening-balances', { depotId: w.depot('640121').id, lines: [{ batchId: buildBatch(w).id, quantity: 1 }] });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('out_of_scope');
  });

  it('refuses a planner entering opening stock at its own depot (403 role_required)', async () => {
    const c = await loginAs(w, '640121-planner');
    const res = await c.post('/api/opening-balances', { depotId: w.depot('640121').id, lines: [{ batchId: buildBatch(w).id, quantity: 1 }] });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('role_required');
  });

  it('answers unknown batch ids with 404 batch_not_found and posts nothing', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    const before = snapshotCounts(w.db);
    const res = await c.post('/api/opening-balances', { depotId: w.depot('640121').id, lines: [{ batchId: 99999, quantity: 1 }] });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('batch_not_found');
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('answers malformed JSON with 400 malformed_json and wrong types with 422 field errors', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    const bad = await c.post('/api/opening-balances', '{"depotId": 1, "lines": [', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('malformed_json');
    const wrong = await c.post('/api/opening-balances', { depotId: 'ten', lines: [{ batchId: 1, quantity: 1.5 }] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('validation_failed');
    expect(wrong.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['depotId', 'lines.0.quantity']));
  });
});

describe('stock on hand and stock card', () => {
  it('sums a subtree per batch and zone, and shows a county only its own subtree', async () => {
    const b = buildBatch(w, { lot: 'SUB1' });
    givenStock(w, '640121', b.id, 100);
    givenStock(w, '640121100', b.id, 30);
    givenStock(w, '640121101', b.id, 20, 'pending');
    givenStock(w, '6402', b.id, 999);
    const county = await loginAs(w, '640121-leader');
    const sub = await county.get(`/api/stock?depotId=${w.depot('640121').id}&scope=subtree`);
    expect(sub.status).toBe(200);
    expect(sub.body.items.map((r: any) => [r.location, r.quantity, r.depotCount])).toEqual([
      ['pending', 20, 1],
      ['qualified', 130, 2],
    ]);
    const region = await loginAs(w, '64-leader');
    const all = await region.get(`/api/stock?depotId=${w.depot('64').id}&scope=subtree&zone=qualified`);
    expect(all.body.items.map((r: any) => r.quantity)).toEqual([1129]);
    const forbidden = await county.get(`/api/stock?depotId=${w.depot('6402').id}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('out_of_scope');
  });

  it('filters by product and expiry and marks expired and near-expiry batches (180 days)', async () => {
    const expired = buildBatch(w, { lot: 'OLD', expiresOn: '2026-11-21' });
    const near = buildBatch(w, { lot: 'NEAR', expiresOn: '2027-05-21' });
    const ok = buildBatch(w, { lot: 'OK', expiresOn: '2027-05-22', productCode: 'KJ-0701' });
    for (const b of [expired, near, ok]) givenStock(w, '640121', b.id, 10);
    const c = await loginAs(w, '640121-storekeeper');
    const all = await c.get(`/api/stock?depotId=${w.depot('640121').id}`);
    expect(Object.fromEntries(all.body.items.map((r: any) => [r.lot, r.expiryStatus]))).toEqual({ OLD: 'expired', NEAR: 'near_expiry', OK: 'ok' });
    const before = await c.get(`/api/stock?depotId=${w.depot('640121').id}&expiringBefore=2027-01-01`);
    expect(before.body.items.map((r: any) => r.lot)).toEqual(['OLD']);
    const product = await c.get(`/api/stock?depotId=${w.depot('640121').id}&productId=${ok.productId}`);
    expect(product.body.items.map((r: any) => r.lot)).toEqual(['OK']);
  });

  it('pages long lists', async () => {
    for (let i = 0; i < 7; i++) givenStock(w, '640121', buildBatch(w, { lot: `P${i}` }).id, 1);
    const c = await loginAs(w, '640121-storekeeper');
    const p2 = await c.get(`/api/stock?depotId=${w.depot('640121').id}&page=2&pageSize=3`);
    expect(p2.body.total).toBe(7);
    expect(p2.body.items.map((r: any) => r.lot)).toEqual(['P3', 'P4', 'P5']);
  });

  it('gives the stock card of a batch with running balance over all zones', async () => {
    const b = buildBatch(w, { lot: 'CARD' });
    givenStock(w, '640121100', b.id, 100);
    givenStock(w, '640121100', b.id, 40, 'pending');
    const c = await loginAs(w, '640121100-storekeeper');
    const card = await c.get(`/api/stock/card?depotId=${w.depot('640121100').id}&batchId=${b.id}`);
    expect(card.status).toBe(200);
    expect(card.body.items.map((l: any) => [l.kind, l.location, l.quantity, l.balanceAfter, l.runningBalance])).toEqual([
      ['opening_balance', 'qualified', 100, 100, 100],
      ['opening_balance', 'pending', 40, 40, 140],
    ]);
    expect(card.body.items[0].actor.displayName).toContain('storekeeper');
    expect(card.body.balances).toEqual(expect.arrayContaining([{ location: 'qualified', quantity: 100 }, { location: 'pending', quantity: 40 }]));
    const unknown = await c.get(`/api/stock/card?depotId=${w.depot('640121100').id}&batchId=424242`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('batch_not_found');
  });
});

describe('reversing a wrong posting: one asks, a leader decides', () => {
  const TOWNSHIP = '640121100';
  it('posts the reversal, new opposite movements naming the original, only when another person, a leader, approves; once only', async () => {
    const b = buildBatch(w);
    const ob = givenStock(w, TOWNSHIP, b.id, 50);
    const keeper = await loginAs(w, `${TOWNSHIP}-storekeeper`);
    const leader = await loginAs(w, `${TOWNSHIP}-leader`);
    const asked = await keeper.post(`/api/postings/${ob.postingId}/reverse`, { reason: 'typed 50 instead of 5' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', postingId: ob.postingId, postingKind: 'opening_balance', reason: 'typed 50 instead of 5', reversalPostingId: null });
    expect((await leader.get(`/api/postings/${ob.postingId}`)).body.reversedByPostingId).toBeNull();
    expect((await leader.get('/api/notifications')).body.items.map((n: any) => n.kind)).toContain('reversal_request');
    expect((await keeper.post(`/api/postings/${ob.postingId}/reverse`, { reason: 'twice' })).body.code).toBe('reversal_request_pending');

    const decided = await leader.post(`/api/reversal-requests/${asked.body.id}/decide`, { decision: 'approved' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', decidedByName: expect.stringContaining('leader'), reversalPostingId: expect.any(Number) });
    const rev = (await leader.get(`/api/postings/${decided.body.reversalPostingId}`)).body;
    expect(rev).toMatchObject({ kind: 'reversal', reversesPostingId: ob.postingId, reason: 'typed 50 instead of 5' });
    expect(rev.movements.map((m: any) => [m.quantity, m.balanceAfter])).toEqual([[-50, 0]]);
    const original = await leader.get(`/api/postings/${ob.postingId}`);
    expect(original.body.reversedByPostingId).toBe(rev.id);
    expect(original.body.movements[0].quantity).toBe(50);
    const again = await keeper.post(`/api/postings/${ob.postingId}/reverse`, { reason: 'again' });
    expect([again.status, again.body.code]).toEqual([409, 'already_reversed']);
    expect((await leader.post(`/api/reversal-requests/${asked.body.id}/decide`, { decision: 'approved' })).body.code).toBe('already_decided');
    const ofReversal = await keeper.post(`/api/postings/${rev.id}/reverse`, { reason: 'undo the undo' });
    expect([ofReversal.status, ofReversal.body.code]).toEqual([409, 'cannot_reverse_reversal']);
    const list = await leader.get(`/api/reversal-requests?depotId=${w.depot(TOWNSHIP).id}&status=approved`);
    expect(list.body.items.map((r: any) => r.id)).toEqual([asked.body.id]);
  });

  it('records a declined request with its reason and posts nothing; a decline needs a reason', async () => {
    const ob = givenStock(w, TOWNSHIP, buildBatch(w).id, 5);
    const asked = (await (await loginAs(w, `${TOWNSHIP}-storekeeper`)).post(`/api/postings/${ob.postingId}/reverse`, { reason: 'doubt' })).body;
    const leader = await loginAs(w, `${TOWNSHIP}-leader`);
    expect((await leader.post(`/api/reversal-requests/${asked.id}/decide`, { decision: 'declined' })).body.code).toBe('validation_failed');
    const declined = await leader.post(`/api/reversal-requests/${asked.id}/decide`, { decision: 'declined', reason: 'the paper card says 5' });
    expect(declined.body).toMatchObject({ status: 'declined', decisionReason: 'the paper card says 5', reversalPostingId: null });
    expect((await leader.get(`/api/postings/${ob.postingId}`)).body.reversedByPostingId).toBeNull();
  });

  it('refuses at the decision a reversal that would take the balance below zero (409 insufficient_stock) and changes nothing', async () => {
    const b = buildBatch(w);
    const ob = givenStock(w, TOWNSHIP, b.id, 50);
    const depotId = w.depot(TOWNSHIP).id;
    const actor = w.actor(`${TOWNSHIP}-storekeeper`);
    w.db.transaction((tx) =>
      postMovements(tx, { kind: 'dispense', documentType: 'test', documentId: 1, actorId: actor.userId, lines: [{ depotId, location: 'qualified', batchId: b.id, quantity: -45, unitPriceFen: 95 }] }, w.clock.now(), w.deps.config.timeZone),
    );
    const asked = (await (await loginAs(w, `${TOWNSHIP}-storekeeper`)).post(`/api/postings/${ob.postingId}/reverse`, { reason: 'wrong count' })).body;
    const c = await loginAs(w, `${TOWNSHIP}-leader`);
    const before = snapshotCounts(w.db);
    const res = await c.post(`/api/reversal-requests/${asked.id}/decide`, { decision: 'approved' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('insufficient_stock');
    expect(res.body.data).toMatchObject({ onHand: 5, requested: 50 });
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('refuses a request by a role without the right, or from another depot', async () => {
    const ob = givenStock(w, TOWNSHIP, buildBatch(w).id, 5);
    const finance = await loginAs(w, `${TOWNSHIP}-finance`);
    expect((await finance.post(`/api/postings/${ob.postingId}/reverse`, { reason: 'no right' })).body.code).toBe('role_required');
    const cityLeader = await loginAs(w, '6401-leader');
    expect((await cityLeader.post(`/api/postings/${ob.postingId}/reverse`, { reason: 'not mine' })).body.code).toBe('out_of_scope');
    const unknown = await cityLeader.post('/api/postings/999999/reverse', { reason: 'nothing' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('posting_not_found');
    expect((await cityLeader.post('/api/reversal-requests/999999/decide', { decision: 'approved' })).body.code).toBe('reversal_request_not_found');
  });
});

describe('the depots’ calendar', () => {
  it('counts a batch expired from the first minute of its expiry date in Beijing, not in UTC', async () => {
    const b = buildBatch(w, { lot: 'MIDNIGHT', expiresOn: '2026-11-23' });
    givenStock(w, '640121', b.id, 1);
    w.clock.set('2026-11-22T15:59:00Z'); // 23:59 in Beijing
    const c = await loginAs(w, '640121-storekeeper');
    expect((await c.get(`/api/stock?depotId=${w.depot('640121').id}`)).body.items[0].expiryStatus).toBe('near_expiry');
    w.clock.set('2026-11-22T16:00:00Z'); // 00:00 on the 23rd in Beijing, still the 22nd in UTC
    expect((await c.get(`/api/stock?depotId=${w.depot('640121').id}`)).body.items[0].expiryStatus).toBe('expired');
  });
});
