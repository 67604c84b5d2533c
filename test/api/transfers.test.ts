import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { gs1ElementString } from '../../labels/gs1.ts';
import { verifyLedger } from '../../server/services/verify-ledger.ts';

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});
afterEach(() => expectLedgerConsistent(w.db));

const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const label = (batchId: number) => `FP1:B:${batchId}`;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(() => {
  for (const k of Object.keys(users)) delete users[k];
});

/**
 * Drafts an order as the planner of `from`; returns its body. Without a basis: a temporary order
 * to a child that the depot's leader approves, ready to pick (an order on the allocation plan
 * needs an issued plan: see two-person-controls.test.ts).
 */
async function draft(from: string, to: string, lines: [string, number][], basis?: string) {
  const res = await (await as(`${from}-planner`)).post('/api/transfer-orders', {
    fromDepotId: w.depot(from).id,
    toDepotId: w.depot(to).id,
    basis: basis ?? 'temporary',
    lines: lines.map(([code, quantity]) => ({ productId: productId(code), quantity })),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (basis !== undefined || res.body.lateral) return res.body;
  const approved = await (await as(`${from}-leader`)).post(`/api/transfer-orders/${res.body.id}/decision`, { decision: 'approved' });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return approved.body;
}

const pick = async (from: string, orderId: number, body: Record<string, unknown>) => (await as(`${from}-storekeeper`)).post(`/api/transfer-orders/${orderId}/picks`, body);
const stockAt = async (code: string, user = `${code}-storekeeper`) => (await (await as(user)).get(`/api/stock?depotId=${w.depot(code).id}&pageSize=500`)).body.items as any[];
const qty = (rows: any[], location: string, lot?: string) => rows.filter((r) => r.location === location && (lot === undefined || r.lot === lot)).reduce((s, r) => s + r.quantity, 0);

/** Receives a dispatched order at `to`: opens the receipt, scans every shipped lot in full, counts, two signatures. */
async function receiveAll(to: string, orderId: number) {
  const keeper = await as(`${to}-storekeeper`);
  const opened = await keeper.post(`/api/transfer-orders/${orderId}/receive`);
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  for (const line of opened.body.comparison) {
    const res = await keeper.post(`/api/receipts/${opened.body.id}/scans`, { productId: line.productId, lot: line.lot, quantity: line.expected });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  expect((await keeper.post(`/api/receipts/${opened.body.id}/count`)).status).toBe(200);
  await keeper.post(`/api/receipts/${opened.body.id}/sign`, { role: 'storekeeper' });
  const signed = await (await as(`${to}-planner`)).post(`/api/receipts/${opened.body.id}/sign`, { role: 'planner' });
  expect(signed.body.status).toBe('effective');
  return signed.body;
}

describe('the whole chain region → city → county → township → village (S0:391-393, 398)', () => {
  it('moves one batch down every tier, inspected where the tier inspects, dispensed at the village, values reconciling', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0101', lot: 'CHAIN1', expiresOn: '2028-06-30', unitPriceFen: 250 });
    givenStock(w, '64', batch.id, 1000);
    const chain: [string, string, number][] = [
      ['64', '6401', 600],
      ['6401', '640121', 300],
      ['640121', '640121100', 100],
      ['640121100', '640121100200', 40],
    ];
    for (const [from, to, n] of chain) {
      const order = await draft(from, to, [['KJ-0101', n]]);
      expect(order.status).toBe('approved');
      expect(order.lines[0].proposals).toEqual([expect.objectContaining({ lot: 'CHAIN1', quantity: n, nearExpiry: false, preIssueCheckDue: false })]);
      expect((await pick(from, order.id, { raw: label(batch.id), quantity: n })).status).toBe(200);
      const dispatched = await (await as(`${from}-storekeeper`)).post(`/api/transfer-orders/${order.id}/dispatch`);
      expect(dispatched.body).toMatchObject({ status: 'dispatched', totals: { quantity: n, valueFen: n * 250 } });
      expect(qty(await stockAt(to), 'in_transit')).toBe(n);

      const receipt = await receiveAll(to, order.id);
      expect(receipt).toMatchObject({ source: 'transfer', deliveryNote: order.number, totals: { quantity: n } });
      const inspects = ['6401', '640121'].includes(to);
      const rows = await stockAt(to);
      expect(qty(rows, 'in_transit')).toBe(0);
      expect(qty(rows, inspects ? 'pending' : 'qualified')).toBe(n + (inspects ? 0 : 0));
      if (inspects) {
        const inspector = await as(`${to}-inspector`);
        const res = await inspector.post('/api/inspections', {
          depotId: w.depot(to).id,
          batchId: batch.id,
          kind: 'receipt',
          receiptId: receipt.id,
          checklist: { outer_pack_intact: true, markings_complete: true, count_matches_label: true, blister_sealed: true, tablets_intact_colour_uniform: true },
          passedQuantity: n,
          failedQuantity: 0,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
      expect((await (await as(`${from}-planner`)).get(`/api/transfer-orders/${order.id}`)).body.status).toBe('received');
    }
    const village = await as('640121100200-dispenser');
    const dispensed = await village.post('/api/dispensings', { depotId: w.depot('640121100200').id, raw: gs1ElementString({ gtin: '06901234567892', lot: 'CHAIN1', expiry: '2028-06-30' }), quantity: 3, packIntact: true, expiryChecked: true });
    expect(dispensed.status, JSON.stringify(dispensed.body)).toBe(201);
    expect(dispensed.body).toMatchObject({ lot: 'CHAIN1', quantity: 3, productCode: 'KJ-0101' });

    const expected: Record<string, number> = { '64': 400, '6401': 300, '640121': 200, '640121100': 60, '640121100200': 37 };
    for (const [code, n] of Object.entries(expected)) expect([code, qty(await stockAt(code), 'qualified', 'CHAIN1')]).toEqual([code, n]);
    const subtree = (await (await as('64-finance')).get(`/api/stock?depotId=${w.depot('64').id}&scope=subtree&pageSize=500`)).body.items as any[];
    const chainRows = subtree.filter((r) => r.lot === 'CHAIN1');
    expect(chainRows.reduce((s, r) => s + r.quantity, 0)).toBe(997);
    expect(chainRows.reduce((s, r) => s + r.valueFen, 0)).toBe(997 * 250);
    expect(verifyLedger(w.db).violations).toEqual([]);
  });
});

describe('approval (S0:391: 计划外调拨时,须经主管领导同意)', () => {
  let batchId: number;
  beforeEach(() => {
    batchId = buildBatch(w, { productCode: 'KJ-0101', lot: 'APP1' }).id;
    givenStock(w, '640121', batchId, 100);
  });

  it('holds a temporary order until the leader approves; pending or declined it can never be picked, dispatched or received', async () => {
    const order = await draft('640121', '640121100', [['KJ-0101', 10]], 'temporary');
    expect(order).toMatchObject({ status: 'awaiting_approval', approvalDepotId: w.depot('640121').id });
    await Promise.all(['640121-storekeeper', '640121100-storekeeper'].map(as));
    const before = snapshotCounts(w.db);
    const refused = await pick('640121', order.id, { raw: label(batchId), quantity: 10 });
    expect([refused.status, refused.body.code]).toEqual([409, 'approval_pending']);
    expect((await (await as('640121-storekeeper')).post(`/api/transfer-orders/${order.id}/dispatch`)).body.code).toBe('approval_pending');
    expect((await (await as('640121100-storekeeper')).post(`/api/transfer-orders/${order.id}/receive`)).body.code).toBe('approval_pending');
    expect(snapshotCounts(w.db)).toEqual(before);
    expect((await (await as('640121-leader')).get('/api/notifications')).body.items.map((n: any) => n.kind)).toContain('transfer_approval');

    const leader = await as('640121-leader');
    expect((await leader.post(`/api/transfer-orders/${order.id}/decision`, { decision: 'declined' })).body.code).toBe('validation_failed');
    const declined = await leader.post(`/api/transfer-orders/${order.id}/decision`, { decision: 'declined', reason: '本季度已按计划发放' });
    expect(declined.body).toMatchObject({ status: 'declined', approval: { decision: 'declined', reason: '本季度已按计划发放' } });
    expect((await pick('640121', order.id, { raw: label(batchId), quantity: 10 })).body.code).toBe('approval_declined');
    expect((await (await as('640121-storekeeper')).post(`/api/transfer-orders/${order.id}/dispatch`)).body.code).toBe('approval_declined');
    expect((await (await as('640121100-storekeeper')).post(`/api/transfer-orders/${order.id}/receive`)).body.code).toBe('approval_declined');
    expect((await leader.post(`/api/transfer-orders/${order.id}/decision`, { decision: 'approved' })).body.code).toBe('already_decided');

    const second = await draft('640121', '640121100', [['KJ-0101', 10]], 'temporary');
    const approved = await leader.post(`/api/transfer-orders/${second.id}/decision`, { decision: 'approved' });
    expect(approved.body.status).toBe('approved');
    expect((await pick('640121', second.id, { raw: label(batchId), quantity: 10 })).status).toBe(200);
  });

  it('lets nobody approve their own order, nor a leader of another depot, nor a non-leader', async () => {
    await w.addUser('boss', '640121', ['planner', 'leader']);
    const boss = await loginAs(w, 'boss');
    const own = await boss.post('/api/transfer-orders', { fromDepotId: w.depot('640121').id, toDepotId: w.depot('640121100').id, basis: 'temporary', lines: [{ productId: productId('KJ-0101'), quantity: 1 }] });
    expect((await boss.post(`/api/transfer-orders/${own.body.id}/decision`, { decision: 'approved' })).body.code).toBe('self_approval');
    expect((await (await as('6401-leader')).post(`/api/transfer-orders/${own.body.id}/decision`, { decision: 'approved' })).body.code).toBe('out_of_scope');
    expect((await (await as('640121-storekeeper')).post(`/api/transfer-orders/${own.body.id}/decision`, { decision: 'approved' })).body.code).toBe('role_required');
    const approved = await draft('640121', '640121100', [['KJ-0101', 1]]);
    expect((await (await as('640121-leader')).post(`/api/transfer-orders/${approved.id}/decision`, { decision: 'approved' })).body.code).toBe('already_decided');
  });

  it('sends a lateral adjustment between sibling townships to the common parent (the county) for approval', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'LAT1' });
    givenStock(w, '640121100', b.id, 30);
    const order = await draft('640121100', '640121101', [['KJ-0101', 5]]);
    expect(order).toMatchObject({ lateral: true, status: 'awaiting_approval', approvalDepotId: w.depot('640121').id });
    expect((await (await as('640121100-leader')).post(`/api/transfer-orders/${order.id}/decision`, { decision: 'approved' })).body.code).toBe('out_of_scope');
    expect((await (await as('640121-leader')).post(`/api/transfer-orders/${order.id}/decision`, { decision: 'approved' })).body.status).toBe('approved');
    await pick('640121100', order.id, { raw: label(b.id), quantity: 5 });
    await (await as('640121100-storekeeper')).post(`/api/transfer-orders/${order.id}/dispatch`);
    await receiveAll('640121101', order.id);
    expect(qty(await stockAt('640121101'), 'qualified', 'LAT1')).toBe(5);
  });

  it('refuses issuing to a depot that is not a child nor a sibling (422 not_a_child_depot), and drafting without the planner role', async () => {
    const res = await (await as('64-planner')).post('/api/transfer-orders', { fromDepotId: w.depot('64').id, toDepotId: w.depot('640121').id, basis: 'allocation_plan', lines: [{ productId: productId('KJ-0101'), quantity: 1 }] });
    expect([res.status, res.body.code]).toEqual([422, 'not_a_child_depot']);
    const up = await (await as('640121-planner')).post('/api/transfer-orders', { fromDepotId: w.depot('640121').id, toDepotId: w.depot('6401').id, basis: 'allocation_plan', lines: [{ productId: productId('KJ-0101'), quantity: 1 }] });
    expect(up.body.code).toBe('not_a_child_depot');
    const keeper = await (await as('640121-storekeeper')).post('/api/transfer-orders', { fromDepotId: w.depot('640121').id, toDepotId: w.depot('640121100').id, basis: 'allocation_plan', lines: [{ productId: productId('KJ-0101'), quantity: 1 }] });
    expect(keeper.body.code).toBe('role_required');
    const twice = await (await as('640121-planner')).post('/api/transfer-orders', { fromDepotId: w.depot('640121').id, toDepotId: w.depot('640121100').id, basis: 'allocation_plan', lines: [{ productId: productId('KJ-0101'), quantity: 1 }, { productId: productId('KJ-0101'), quantity: 2 }] });
    expect(twice.body.code).toBe('validation_failed');
  });
});

describe('FEFO picking by scan (S0:358, 379, 392-394)', () => {
  let soon: { id: number }, later: { id: number }, expired: { id: number }, pending: { id: number };
  beforeEach(() => {
    // Today is 2026-11-22; near expiry is 180 days.
    soon = buildBatch(w, { productCode: 'KJ-0101', lot: 'SOON', expiresOn: '2027-03-31' });
    later = buildBatch(w, { productCode: 'KJ-0101', lot: 'LATER', expiresOn: '2028-06-30' });
    expired = buildBatch(w, { productCode: 'KJ-0101', lot: 'GONE', expiresOn: '2026-11-01' });
    pending = buildBatch(w, { productCode: 'KJ-0101', lot: 'YELLOW', expiresOn: '2027-01-31' });
    givenStock(w, '640121', soon.id, 50);
    givenStock(w, '640121', later.id, 500);
    givenStock(w, '640121', expired.id, 40);
    givenStock(w, '640121', pending.id, 30, 'pending');
  });

  it('proposes qualified stock first-expiry-first-out, never expired or pending, and marks near expiry', async () => {
    const order = await draft('640121', '640121100', [['KJ-0101', 120]]);
    expect(order.lines[0].proposals.map((p: any) => [p.lot, p.quantity, p.nearExpiry])).toEqual([
      ['SOON', 50, true],
      ['LATER', 70, false],
    ]);
  });

  it('takes the proposal without a reason; a later batch needs one, which is recorded and shown on the order', async () => {
    const order = await draft('640121', '640121100', [['KJ-0101', 120]]);
    const off = await pick('640121', order.id, { raw: gs1ElementString({ gtin: '06901234567892', lot: 'LATER', expiry: '2028-06-30', count: 100 }) });
    expect([off.status, off.body.code]).toEqual([422, 'fefo_override_reason_required']);
    const withReason = await pick('640121', order.id, { raw: label(later.id), quantity: 100, reason: '整箱发货,近效期批号拆零留作乡镇补货' });
    expect(withReason.status).toBe(200);
    expect(withReason.body.pick).toMatchObject({ lot: 'LATER', quantity: 100, offProposal: true });
    const inOrder = await pick('640121', order.id, { raw: label(soon.id), quantity: 20 });
    expect(inOrder.body.pick.offProposal).toBe(false);
    expect(inOrder.body.order.picks.map((p: any) => [p.lot, p.quantity, p.overrideReason])).toEqual([
      ['LATER', 100, '整箱发货,近效期批号拆零留作乡镇补货'],
      ['SOON', 20, null],
    ]);
    expect(inOrder.body.order.lines[0]).toMatchObject({ picked: 120, remaining: 0 });
  });

  it('refuses expired, pending, over-picked, unknown and foreign batches with a code each, and records nothing', async () => {
    const order = await draft('640121', '640121100', [['KJ-0101', 60]]);
    const other = buildBatch(w, { productCode: 'KJ-0701', lot: 'OTHER' });
    givenStock(w, '640121', other.id, 10);
    await Promise.all(['640121-storekeeper', '640121-planner', '640121100-storekeeper'].map(as));
    const before = snapshotCounts(w.db);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ raw: label(expired.id), quantity: 1, reason: 'x' }, 422, 'batch_expired'],
      [{ raw: label(pending.id), quantity: 1, reason: 'x' }, 409, 'batch_not_qualified'],
      [{ raw: label(soon.id), quantity: 61 }, 409, 'over_pick'],
      [{ raw: label(soon.id), quantity: 51, reason: 'x' }, 409, 'insufficient_stock'],
      [{ raw: label(other.id), quantity: 1 }, 422, 'product_not_on_order'],
      [{ raw: label(999999) }, 404, 'batch_not_found'],
      [{ raw: ']d20104012345678901' }, 404, 'unknown_gtin'],
      [{ raw: ']d20106901234567892' }, 422, 'lot_missing'],
      [{ raw: ']d20106901234567891' }, 422, 'invalid_check_digit'],
      [{ raw: 'FP1:Z:640121:qualified' }, 422, 'not_a_batch_label'],
    ];
    for (const [body, status, code] of cases) {
      const res = await pick('640121', order.id, body);
      expect([res.status, res.body.code], code).toEqual([status, code]);
    }
    expect((await (await as('640121-planner')).post(`/api/transfer-orders/${order.id}/picks`, { raw: label(soon.id) })).body.code).toBe('role_required');
    expect((await (await as('640121100-storekeeper')).post(`/api/transfer-orders/${order.id}/picks`, { raw: label(soon.id) })).body.code).toBe('out_of_scope');
    expect((await (await as('640121-storekeeper')).post(`/api/transfer-orders/${order.id}/dispatch`)).body.code).toBe('empty_document');
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('reserves picked stock for its order: another order sees only what is left', async () => {
    const first = await draft('640121', '640121100', [['KJ-0101', 40]]);
    await pick('640121', first.id, { raw: label(soon.id), quantity: 40 });
    const second = await draft('640121', '640121101', [['KJ-0101', 30]]);
    expect(second.lines[0].proposals.map((p: any) => [p.lot, p.quantity])).toEqual([
      ['SOON', 10],
      ['LATER', 20],
    ]);
    expect((await pick('640121', second.id, { raw: label(soon.id), quantity: 11 })).body.code).toBe('insufficient_stock');
    const extra = await pick('640121', second.id, { raw: label(later.id), quantity: 20 });
    const removed = await (await as('640121-storekeeper')).raw(`/api/transfer-orders/${second.id}/picks/${extra.body.pick.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(removed.body.picks).toEqual([]);
    expect((await (await as('640121-storekeeper')).raw(`/api/transfer-orders/${second.id}/picks/${extra.body.pick.id}`, { method: 'DELETE' })).body.code).toBe('pick_not_found');
    expect((await (await as('640121-planner')).raw(`/api/transfer-orders/${second.id}/picks/1`, { method: 'DELETE' })).body.code).toBe('role_required');
    const cancelled = await (await as('640121-planner')).post(`/api/transfer-orders/${first.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await pick('640121', second.id, { raw: label(soon.id), quantity: 30 })).status).toBe(200);
    expect((await pick('640121', first.id, { raw: label(soon.id), quantity: 1 })).body.code).toBe('order_closed');
  });

  it('never lets two storekeepers picking the same batch at once take more than exists', async () => {
    await w.addUser('keeper2', '640121', ['storekeeper']);
    const k1 = await as('640121-storekeeper');
    const k2 = await loginAs(w, 'keeper2');
    const orders = await Promise.all([draft('640121', '640121100', [['KJ-0101', 50]]), draft('640121', '640121101', [['KJ-0101', 50]])]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? k1 : k2).post(`/api/transfer-orders/${orders[i % 2]!.id}/picks`, { raw: label(soon.id), quantity: 10 })),
    );
    const taken = results.filter((r) => r.status === 200).length * 10;
    expect(taken).toBe(50);
    expect(results.filter((r) => r.status !== 200).every((r) => ['insufficient_stock', 'over_pick'].includes(r.body.code))).toBe(true);
    const reserved = w.db.$client.prepare('select sum(quantity) from transfer_picks where batch_id = ? and open = 1').pluck().get(soon.id);
    expect(reserved).toBe(50);
  });
});

describe('the pre-issue check (S0:393, 397)', () => {
  it('blocks a batch held 90 days and unchecked for over 30 until an inspector passes it', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'OLDSTOCK', expiresOn: '2029-01-31' });
    givenStock(w, '640121', b.id, 80);
    w.clock.set('2027-02-19T04:00:00Z'); // 89 days later
    const order = await draft('640121', '640121100', [['KJ-0101', 10]]);
    expect(order.lines[0].proposals[0].preIssueCheckDue).toBe(false);
    w.clock.set('2027-02-20T04:00:00Z'); // day 90, never inspected here
    const due = (await (await as('640121-storekeeper')).get(`/api/transfer-orders/${order.id}`)).body;
    expect(due.lines[0].proposals[0].preIssueCheckDue).toBe(true);
    expect((await pick('640121', order.id, { raw: label(b.id), quantity: 10 })).body.code).toBe('pre_issue_check_required');

    const inspected = await (await as('640121-inspector')).post('/api/inspections', {
      depotId: w.depot('640121').id,
      batchId: b.id,
      kind: 'pre_issue',
      checklist: { outer_pack_intact: true, markings_complete: true, count_matches_label: true, blister_sealed: true, tablets_intact_colour_uniform: false },
      passedQuantity: 75,
      failedQuantity: 5,
      nonconformities: ['visible_defect'],
    });
    expect(inspected.status, JSON.stringify(inspected.body)).toBe(201);
    const rows = await stockAt('640121');
    expect([qty(rows, 'qualified', 'OLDSTOCK'), qty(rows, 'nonconforming', 'OLDSTOCK')]).toEqual([75, 5]);
    expect((await (await as('6401-leader')).get('/api/notifications')).body.items.map((n: any) => n.kind)).toContain('pre_issue_failed');
    expect((await pick('640121', order.id, { raw: label(b.id), quantity: 10 })).status).toBe(200);
  });
});

describe('dispatch and transfer-in (S0:356, 393, 479 调拨上下对应)', () => {
  let a: { id: number }, b: { id: number };
  let order: any;
  beforeEach(async () => {
    a = buildBatch(w, { productCode: 'KJ-0101', lot: 'TA', expiresOn: '2027-12-31', unitPriceFen: 300 });
    b = buildBatch(w, { productCode: 'KJ-0103', lot: 'TB', expiresOn: '2028-03-31', unitPriceFen: 500 });
    givenStock(w, '640121', a.id, 200);
    givenStock(w, '640121', b.id, 100);
    order = await draft('640121', '640121100', [['KJ-0101', 100], ['KJ-0103', 50]]);
    await pick('640121', order.id, { raw: label(a.id), quantity: 100 });
    await pick('640121', order.id, { raw: label(b.id), quantity: 50 });
  });

  it('moves picked stock out of the qualified zone into transit on the child in one posting; it cannot be reversed', async () => {
    const res = await (await as('640121-storekeeper')).post(`/api/transfer-orders/${order.id}/dispatch`);
    expect(res.body).toMatchObject({ status: 'dispatched', totals: { quantity: 150, valueFen: 100 * 300 + 50 * 500 }, dispatchedByName: expect.any(String) });
    expect(qty(await stockAt('640121'), 'qualified', 'TA')).toBe(100);
    expect(qty(await stockAt('640121100'), 'in_transit')).toBe(150);
    expect((await (await as('640121-storekeeper')).post(`/api/transfer-orders/${order.id}/dispatch`)).body.code).toBe('order_closed');
    const reverse = await (await as('640121-leader')).post(`/api/postings/${res.body.dispatchPostingId}/reverse`, { reason: 'wrong' });
    expect([reverse.body.code, reverse.body.data.workflow]).toEqual(['not_reversible', 'transfer_back']);
    expect((await (await as('640121100-storekeeper')).get('/api/notifications')).body.items.map((n: any) => n.kind)).toContain('shipment_dispatched');
  });

  it('receives once, refuses a lot not on the shipment and more than was shipped, and records short and damaged goods both sides see', async () => {
    await (await as('640121-storekeeper')).post(`/api/transfer-orders/${order.id}/dispatch`);
    const keeper = await as('640121100-storekeeper');
    const opened = await keeper.post(`/api/transfer-orders/${order.id}/receive`);
    expect(opened.status).toBe(201);
    expect(opened.body.comparison.map((c: any) => [c.lot, c.expected, c.status])).toEqual([
      ['TA', 100, 'missing'],
      ['TB', 50, 'missing'],
    ]);
    const again = await keeper.post(`/api/transfer-orders/${order.id}/receive`);
    expect([again.status, again.body.code]).toEqual([409, 'shipment_already_received']);

    const stranger = buildBatch(w, { productCode: 'KJ-0101', lot: 'NOTSENT', expiresOn: '2028-01-31' });
    const before = snapshotCounts(w.db);
    // Our batch label names the batch, so a label of a batch not shipped is a wrong lot like any other.
    expect((await keeper.post(`/api/receipts/${opened.body.id}/scans`, { raw: label(stranger.id) })).body.code).toBe('lot_mismatch');
    const wrong = await keeper.post(`/api/receipts/${opened.body.id}/scans`, { raw: gs1ElementString({ gtin: '06901234567892', lot: 'NOTSENT', expiry: '2028-01-31' }) });
    expect([wrong.status, wrong.body.code]).toEqual([409, 'lot_mismatch']);
    const over = await keeper.post(`/api/receipts/${opened.body.id}/scans`, { raw: gs1ElementString({ gtin: '06901234567892', lot: 'TA', expiry: '2027-12-31', count: 101 }) });
    expect(over.body.code).toBe('exceeds_shipment');
    expect(snapshotCounts(w.db)).toEqual(before);

    await keeper.post(`/api/receipts/${opened.body.id}/scans`, { raw: gs1ElementString({ gtin: '06901234567892', lot: 'TA', expiry: '2027-12-31', count: 95 }) });
    await keeper.post(`/api/receipts/${opened.body.id}/scans`, { raw: gs1ElementString({ gtin: '09506000134352', lot: 'TB', expiry: '2028-03-31', count: 50 }) });
    expect((await keeper.post(`/api/receipts/${opened.body.id}/discrepancies`, { kind: 'damaged', batchId: stranger.id, quantity: 1 })).body.code).toBe('lot_mismatch');
    const damaged = await keeper.post(`/api/receipts/${opened.body.id}/discrepancies`, { kind: 'damaged', batchId: a.id, quantity: 3, note: '外箱受潮' });
    expect(damaged.status).toBe(200);
    await keeper.post(`/api/receipts/${opened.body.id}/discrepancies`, { kind: 'wrong_lot', productId: productId('KJ-0101'), lot: 'NOTSENT', quantity: 2 });
    const counted = await keeper.post(`/api/receipts/${opened.body.id}/count`);
    expect(counted.status).toBe(200);
    expect(counted.body.discrepancies.map((d: any) => [d.kind, d.lot, d.quantity])).toEqual([
      ['damaged', 'TA', 3],
      ['wrong_lot', 'NOTSENT', 2],
      ['short', 'TA', 5],
    ]);
    const rows = await stockAt('640121100');
    expect([qty(rows, 'in_transit'), qty(rows, 'qualified', 'TA'), qty(rows, 'nonconforming', 'TA'), qty(rows, 'qualified', 'TB')]).toEqual([0, 92, 3, 50]);
    const parentView = (await (await as('640121-planner')).get(`/api/transfer-orders/${order.id}`)).body;
    expect(parentView.discrepancies.map((d: any) => d.kind)).toEqual(['damaged', 'wrong_lot', 'short']);
    expect(parentView.receipt).toMatchObject({ status: 'counted' });
    expect(verifyLedger(w.db).violations).toEqual([]);
  });

  it('refuses receiving before dispatch and by a depot that is not the destination', async () => {
    expect((await (await as('640121100-storekeeper')).post(`/api/transfer-orders/${order.id}/receive`)).body.code).toBe('shipment_not_dispatched');
    await (await as('640121-storekeeper')).post(`/api/transfer-orders/${order.id}/dispatch`);
    expect((await (await as('640121101-storekeeper')).post(`/api/transfer-orders/${order.id}/receive`)).body.code).toBe('out_of_scope');
    expect((await (await as('640121101-storekeeper')).get(`/api/transfer-orders/${order.id}`)).body.code).toBe('out_of_scope');
    expect((await (await as('640121100-finance')).get(`/api/transfer-orders/${order.id}`)).status).toBe(200);
    const list = await (await as('640121100-storekeeper')).get(`/api/transfer-orders?depotId=${w.depot('640121100').id}&direction=in`);
    expect(list.body.items.map((o: any) => [o.number, o.status])).toEqual([[order.number, 'dispatched']]);
  });

  it('verify names a transfer whose two sides do not correspond', async () => {
    await (await as('640121-storekeeper')).post(`/api/transfer-orders/${order.id}/dispatch`);
    const posting = w.db.$client.prepare('select dispatch_posting_id from transfer_orders where id = ?').pluck().get(order.id);
    // Tamper: point the order at another posting, as a broken import would.
    const other = w.db.$client.prepare("select id from postings where kind = 'opening_balance' limit 1").pluck().get();
    w.db.$client.prepare('update transfer_orders set dispatch_posting_id = ? where id = ?').run(other, order.id);
    expect(verifyLedger(w.db).violations.map((v) => v.invariant)).toContain('transfers_correspond');
    w.db.$client.prepare('update transfer_orders set dispatch_posting_id = ? where id = ?').run(posting, order.id);
    expect(verifyLedger(w.db).violations).toEqual([]);
  });
});

describe('dispensing at township and village depots (S0:398, 415)', () => {
  let ok: { id: number }, old: { id: number };
  beforeEach(() => {
    ok = buildBatch(w, { productCode: 'KJ-0701', lot: 'C1', expiresOn: '2028-01-31', unitPriceFen: 40 });
    old = buildBatch(w, { productCode: 'KJ-0701', lot: 'C0', expiresOn: '2026-10-31' });
    givenStock(w, '640121100200', ok.id, 20);
    givenStock(w, '640121100200', old.id, 20);
    givenStock(w, '640121', ok.id, 20);
  });
  const dispense = async (user: string, depot: string, body: Record<string, unknown>) =>
    (await as(user)).post('/api/dispensings', { depotId: w.depot(depot).id, packIntact: true, expiryChecked: true, ...body });

  it('records a dispensing with pack and expiry checked, and takes it out of stock', async () => {
    const res = await dispense('640121100200-dispenser', '640121100200', { raw: label(ok.id), quantity: 5, recipient: '育龄妇女 张某' });
    expect(res.status).toBe(201);
    expect(qty(await stockAt('640121100200', '640121100200-dispenser'), 'qualified', 'C1')).toBe(15);
    const register = await (await as('640121-planner')).get(`/api/dispensings?depotId=${w.depot('640121100200').id}`);
    expect(register.body.items.map((d: any) => [d.lot, d.quantity, d.recipient])).toEqual([['C1', 5, '育龄妇女 张某']]);
  });

  it('refuses expired or broken packs, unconfirmed checks, depots that do not dispense and more than is there; nothing changes', async () => {
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['640121100200-dispenser', '640121100200', { raw: label(old.id) }, 'batch_expired'],
      ['640121100200-dispenser', '640121100200', { raw: label(ok.id), packIntact: false }, 'pack_broken'],
      ['640121100200-dispenser', '640121100200', { raw: label(ok.id), expiryChecked: false }, 'pack_check_required'],
      ['640121100200-dispenser', '640121100200', { raw: label(ok.id), quantity: 21 }, 'insufficient_stock'],
      ['640121-dispenser', '640121', { raw: label(ok.id) }, 'dispensing_not_here'],
      ['640121100200-finance', '640121100200', { raw: label(ok.id) }, 'role_required'],
      ['640121100-dispenser', '640121100200', { raw: label(ok.id) }, 'out_of_scope'],
    ];
    await Promise.all(cases.map(([user]) => as(user)));
    const before = snapshotCounts(w.db);
    for (const [user, depot, body, code] of cases) expect((await dispense(user, depot, body)).body.code, code).toBe(code);
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});
