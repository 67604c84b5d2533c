import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, PASSWORD, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { CHECKLISTS } from '../../server/domain/inspection.ts';

/**
 * Dashboards by role (issue 10, item 6), on 2026-11-22 in Ningxia: the demand plans for 2027 are
 * being compiled (the window closes on 31 December) and the allocation for 2027 is due by the
 * end of February 2027. Every document is made through the API, and each panel shows exactly it
 * until it is handled.
 */
let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' }); // 16:00 in Ningxia
});
afterEach(() => expectLedgerConsistent(w.db));

const id = (code: string) => w.depot(code).id;
const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const allYes = (form: keyof typeof CHECKLISTS) => Object.fromEntries(CHECKLISTS[form].map((k) => [k, true]));

async function dashboardOf(user: string, depot = user.slice(0, user.indexOf('-'))) {
  const res = await (await as(user)).get(`/api/depots/${id(depot)}/dashboard`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function ok(pending: Promise<{ status: number; body: any }>, status = 200) {
  const res = await pending;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

/** An order of `quantity` of KJ-0101 (or of the given lines) from one depot to another, drafted by the planner; an unplanned one waits for the leader. */
const order = async (from: string, to: string, quantity: number, basis = 'temporary', user = `${from}-planner`, lines = [{ productId: productId('KJ-0101'), quantity }]) =>
  ok((await as(user)).post('/api/transfer-orders', { fromDepotId: id(from), toDepotId: id(to), basis, lines }), 201);

/** The same, approved by the issuing depot's leader: ready to pick. */
async function approvedOrder(from: string, to: string, quantity: number, lines?: { productId: number; quantity: number }[]) {
  const draft = await order(from, to, quantity, 'temporary', `${from}-planner`, lines);
  return ok((await as(`${from}-leader`)).post(`/api/transfer-orders/${draft.id}/decision`, { decision: 'approved' }));
}

/** Picks the whole order from one batch and dispatches it. */
async function pickAndDispatch(from: string, orderId: number, batchId: number, quantity: number) {
  const keeper = await as(`${from}-storekeeper`);
  await ok(keeper.post(`/api/transfer-orders/${orderId}/picks`, { raw: `FP1:B:${batchId}`, quantity }));
  await ok(keeper.post(`/api/transfer-orders/${orderId}/dispatch`));
}

/** A supplier's delivery at the county, scanned and (when asked) counted into the pending zone. */
async function supplierReceipt(quantity: number, count: boolean) {
  const keeper = await as('640121-storekeeper');
  const r = await ok(keeper.post('/api/receipts', { depotId: id('640121'), supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'SH-2026-1101' }), 201);
  const scanned = await ok(keeper.post(`/api/receipts/${r.id}/scans`, { productId: productId('KJ-0101'), lot: 'RCV-1', expiresOn: '2028-06-30', quantity }));
  if (count) await ok(keeper.post(`/api/receipts/${r.id}/count`));
  return { id: r.id as number, number: r.number as string, batchId: scanned.receipt.lines[0].batchId as number };
}

describe('the storekeeper’s dashboard', () => {
  it('lists receipts to count and to sign, orders to pick, shipments to receive, the count due and expired stock to sweep, each gone once handled', async () => {
    const keeper = '640121-storekeeper';
    const empty = await dashboardOf(keeper);
    expect(empty).toMatchObject({ depot: { code: '640121' }, today: '2026-11-22', own: true, inspector: null, planning: null });
    expect(empty.storekeeper).toEqual({
      receipts: [],
      ordersToPick: [],
      shipmentsToReceive: [],
      counts: { open: [], lastCountedAt: null, dueOn: null, overdue: true },
      expiredInQualified: { lots: 0, quantities: [] },
    });

    // A delivery: open (to count), then counted (to sign), then signed by the storekeeper (gone).
    const receipt = await supplierReceipt(100, false);
    expect((await dashboardOf(keeper)).storekeeper.receipts).toEqual([
      { id: receipt.id, number: 'RK-640121-0001', source: 'supplier', transferOrderId: null, supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'SH-2026-1101', arrivedOn: '2026-11-22', stage: 'count' },
    ]);
    await ok((await as(keeper)).post(`/api/receipts/${receipt.id}/count`));
    expect((await dashboardOf(keeper)).storekeeper.receipts.map((r: any) => [r.number, r.stage])).toEqual([['RK-640121-0001', 'sign']]);
    await ok((await as(keeper)).post(`/api/receipts/${receipt.id}/sign`, { role: 'storekeeper' }));
    expect((await dashboardOf(keeper)).storekeeper.receipts).toEqual([]);

    // An approved order to the township: to pick, with what is picked; dispatched, it is the township's to receive.
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'OUT-1' });
    givenStock(w, '640121', b.id, 100);
    const out = await approvedOrder('640121', '640121100', 30);
    expect((await dashboardOf(keeper)).storekeeper.ordersToPick).toEqual([
      {
        id: out.id,
        number: out.number,
        toDepotId: id('640121100'),
        toDepotName: '杨和镇',
        basis: 'temporary',
        createdAt: expect.any(String),
        quantities: [{ unitZh: '板', unitEn: 'blister', quantity: 30, picked: 0 }],
      },
    ]);
    await ok((await as(keeper)).post(`/api/transfer-orders/${out.id}/picks`, { raw: `FP1:B:${b.id}`, quantity: 12 }));
    expect((await dashboardOf(keeper)).storekeeper.ordersToPick.map((o: any) => [o.number, o.quantities])).toEqual([[out.number, [{ unitZh: '板', unitEn: 'blister', quantity: 30, picked: 12 }]]]);
    await ok((await as(keeper)).post(`/api/transfer-orders/${out.id}/picks`, { raw: `FP1:B:${b.id}`, quantity: 18 }));
    await ok((await as(keeper)).post(`/api/transfer-orders/${out.id}/dispatch`));
    expect((await dashboardOf(keeper)).storekeeper.ordersToPick).toEqual([]);
    const township = await dashboardOf('640121100-storekeeper');
    expect(township.storekeeper.shipmentsToReceive).toEqual([
      { id: out.id, number: out.number, fromDepotId: id('640121'), fromDepotName: '永宁县', dispatchedAt: expect.any(String), quantities: [{ unitZh: '板', unitEn: 'blister', quantity: 30 }] },
    ]);
    // Opening its receipt moves it from "to receive" to the receipts to count.
    const opened = await ok((await as('640121100-storekeeper')).post(`/api/transfer-orders/${out.id}/receive`), 201);
    const received = (await dashboardOf('640121100-storekeeper')).storekeeper;
    expect(received.shipmentsToReceive).toEqual([]);
    expect(received.receipts.map((r: any) => [r.id, r.source, r.transferOrderId, r.stage])).toEqual([[opened.id, 'transfer', out.id, 'count']]);
    // An order still waiting for the leader's approval is not the storekeeper's yet.
    await order('640121', '640121101', 5, 'temporary');
    expect((await dashboardOf(keeper)).storekeeper.ordersToPick).toEqual([]);

    // A count under way, then submitted, then approved: the yearly count is no longer due.
    const count = await ok((await as(keeper)).post('/api/stock-counts', { depotId: id('640121'), zones: ['nonconforming'] }), 201);
    expect((await dashboardOf(keeper)).storekeeper.counts).toEqual({ open: [{ id: count.id, number: 'PD-640121-0001', status: 'counting' }], lastCountedAt: null, dueOn: null, overdue: true });
    await ok((await as(keeper)).post(`/api/stock-counts/${count.id}/submit`, { uncountedAsZero: true }));
    expect((await dashboardOf(keeper)).storekeeper.counts.open).toEqual([{ id: count.id, number: 'PD-640121-0001', status: 'submitted' }]);
    await ok((await as('640121-leader')).post(`/api/stock-counts/${count.id}/decision`, { decision: 'approved' }));
    expect((await dashboardOf(keeper)).storekeeper.counts).toEqual({ open: [], lastCountedAt: expect.any(String), dueOn: '2027-11-22', overdue: false });

    // Expired stock left in the qualified zone, until the storekeeper's sweep moves it to the red zone.
    const old = buildBatch(w, { productCode: 'KJ-0101', lot: 'OLD-1', expiresOn: '2026-11-01' });
    givenStock(w, '640121', old.id, 7);
    expect((await dashboardOf(keeper)).storekeeper.expiredInQualified).toEqual({ lots: 1, quantities: [{ unitZh: '板', unitEn: 'blister', quantity: 7 }] });
    await ok((await as(keeper)).post(`/api/depots/${id('640121')}/expiry-sweep`));
    expect((await dashboardOf(keeper)).storekeeper.expiredInQualified).toEqual({ lots: 0, quantities: [] });
  });
});

describe('the inspector’s dashboard', () => {
  it('lists counted receipts waiting in the pending zone until inspected, and holds raised here until released', async () => {
    const inspector = '640121-inspector';
    const empty = await dashboardOf(inspector);
    expect(empty).toMatchObject({ storekeeper: null, planning: null });
    expect(empty.inspector).toEqual({ awaitingInspection: [], pending: [], preIssueChecks: { items: [], total: 0 }, excursions: [], holds: [] });

    // Scanned but not counted: nothing in the pending zone yet.
    const receipt = await supplierReceipt(100, false);
    expect((await dashboardOf(inspector)).inspector.awaitingInspection).toEqual([]);
    await ok((await as('640121-storekeeper')).post(`/api/receipts/${receipt.id}/count`));
    const waiting = (await dashboardOf(inspector)).inspector;
    expect(waiting.awaitingInspection).toEqual([
      { id: receipt.id, number: 'RK-640121-0001', supplierName: '浙江仙琚制药股份有限公司', countedAt: expect.any(String), lots: 1, quantities: [{ unitZh: '板', unitEn: 'blister', quantity: 100 }] },
    ]);
    expect(waiting.pending).toEqual([{ unitZh: '板', unitEn: 'blister', quantity: 100 }]);
    await ok(
      (await as(inspector)).post('/api/inspections', { depotId: id('640121'), batchId: receipt.batchId, kind: 'receipt', receiptId: receipt.id, checklist: allYes('oral_tablet'), passedQuantity: 100, failedQuantity: 0, nonconformities: [] }),
      201,
    );
    expect((await dashboardOf(inspector)).inspector).toMatchObject({ awaitingInspection: [], pending: [] });

    // A hold raised here shows; one raised above (at the city) binds the county's stock but was not placed here.
    const hold = await ok((await as(inspector)).post('/api/batch-holds', { depotId: id('640121'), batchId: receipt.batchId, reason: '群众反映不适,待检' }), 201);
    const other = buildBatch(w, { productCode: 'KJ-0103', lot: 'CITY-HOLD' });
    await ok((await as('6401-inspector')).post('/api/batch-holds', { depotId: id('6401'), batchId: other.id, reason: '省站通报' }), 201);
    expect((await dashboardOf(inspector)).inspector.holds).toEqual([
      { id: hold.id, batchId: receipt.batchId, lot: 'RCV-1', productCode: 'KJ-0101', productNameZh: expect.any(String), productNameEn: expect.any(String), reason: '群众反映不适,待检', raisedAt: expect.any(String) },
    ]);
    await ok((await as(inspector)).post(`/api/batch-holds/${hold.id}/release`, { reason: '检验合格' }));
    expect((await dashboardOf(inspector)).inspector.holds).toEqual([]);
  });

  it('lists an excursion here until acknowledged, and the batches that stood through it for a pre-issue check, with the order that wants them', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'HOT-1', expiresOn: '2029-01-31' });
    w.clock.set('2026-11-22T01:00:00Z'); // in stock from 09:00
    givenStock(w, '640121', b.id, 80);
    w.clock.set('2026-11-22T08:00:00Z');
    const keeper = await as('640121-storekeeper');
    const area = await ok(keeper.post(`/api/depots/${id('640121')}/storage-areas`, { name: '一号库房', kind: 'room' }), 201);
    const reading = (takenAt: string, temperatureC: number) => ok(keeper.post(`/api/storage-areas/${area.id}/readings`, { takenAt, temperatureC, humidityPct: 50 }), 201);
    await reading('2026-11-22T10:00:00+08:00', 22);
    const hot = await reading('2026-11-22T11:00:00+08:00', 31);
    const excursionId = hot.excursions[0].id;
    // Still going on: the batch stands in it now.
    const during = (await dashboardOf('640121-inspector')).inspector;
    expect(during.excursions).toEqual([{ id: excursionId, areaId: area.id, areaName: '一号库房', kind: 'temperature_high', startAt: Date.parse('2026-11-22T11:00:00+08:00'), endAt: null }]);
    expect(during.preIssueChecks).toEqual({ items: [expect.objectContaining({ batchId: b.id, lot: 'HOT-1', reason: 'climate', quantity: 80, orderId: null })], total: 1 });

    await reading('2026-11-22T11:45:00+08:00', 23);
    const out = await approvedOrder('640121', '640121100', 10);
    expect((await dashboardOf('640121-inspector')).inspector.preIssueChecks.items).toEqual([
      { batchId: b.id, lot: 'HOT-1', expiresOn: '2029-01-31', productCode: 'KJ-0101', productNameZh: expect.any(String), productNameEn: expect.any(String), quantity: 80, unitZh: '板', unitEn: 'blister', reason: 'climate', orderId: out.id },
    ]);
    await ok(keeper.post(`/api/climate/excursions/${excursionId}/acknowledge`, { action: '开启空调降温' }));
    expect((await dashboardOf('640121-inspector')).inspector.excursions).toEqual([]);

    w.clock.advanceMinutes(5);
    await ok(
      (await as('640121-inspector')).post('/api/inspections', { depotId: id('640121'), batchId: b.id, kind: 'pre_issue', checklist: allYes('oral_tablet'), passedQuantity: 80, failedQuantity: 0, nonconformities: [] }),
      201,
    );
    expect((await dashboardOf('640121-inspector')).inspector.preIssueChecks).toEqual({ items: [], total: 0 });
  });

  it('lists a batch held 90 days and not checked for over 30 (S0:397), not an expired one', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'OLDSTOCK', expiresOn: '2029-01-31' });
    givenStock(w, '640121', b.id, 80);
    const gone = buildBatch(w, { productCode: 'KJ-0101', lot: 'GONE', expiresOn: '2027-01-31' });
    givenStock(w, '640121', gone.id, 5);
    w.clock.set('2027-02-19T04:00:00Z'); // 89 days later
    delete users['640121-inspector'];
    expect((await dashboardOf('640121-inspector')).inspector.preIssueChecks.total).toBe(0);
    w.clock.set('2027-02-20T04:00:00Z'); // day 90, never inspected here
    delete users['640121-inspector'];
    expect((await dashboardOf('640121-inspector')).inspector.preIssueChecks.items.map((i: any) => [i.lot, i.reason])).toEqual([['OLDSTOCK', 'held_long']]);
  });
});

describe('the planner’s and the leader’s dashboard', () => {
  it('lists what waits for the leader’s decision, not the planner’s, and never a document of the user’s own', async () => {
    const empty = await dashboardOf('640121-leader');
    expect(empty).toMatchObject({ storekeeper: null, inspector: null });
    expect(empty.planning.approvals).toEqual({ transferOrders: [], writeOffs: [], stockCounts: [], demandPlans: [], allocationPlans: [] });

    // An unplanned order waits for the county's leader.
    const unplanned = await order('640121', '640121100', 20, 'temporary');
    expect((await dashboardOf('640121-leader')).planning.approvals.transferOrders).toEqual([
      { id: unplanned.id, number: unplanned.number, fromDepotName: '永宁县', toDepotName: '杨和镇', basis: 'temporary', createdAt: expect.any(String) },
    ]);
    expect((await dashboardOf('640121-planner')).planning.approvals.transferOrders).toEqual([]);
    // A leader who is also a planner never sees an order of their own to approve.
    await w.addUser('both', '640121', ['planner', 'leader']);
    await order('640121', '640121101', 5, 'temporary', 'both');
    const both = (await (await as('both')).get(`/api/depots/${id('640121')}/dashboard`)).body;
    expect(both.planning.approvals.transferOrders.map((o: any) => o.number)).toEqual([unplanned.number]);
    await ok((await as('640121-leader')).post(`/api/transfer-orders/${unplanned.id}/decision`, { decision: 'approved' }));
    expect((await dashboardOf('640121-leader')).planning.approvals.transferOrders.map((o: any) => o.toDepotName)).toEqual(['李俊镇']);

    // A township's write-off request waits for the county (its leader or its planner).
    const red = buildBatch(w, { productCode: 'KJ-0101', lot: 'RED-1', unitPriceFen: 250 });
    givenStock(w, '640121100', red.id, 12, 'nonconforming');
    const request = await ok((await as('640121100-inspector')).post('/api/write-offs', { depotId: id('640121100'), lines: [{ batchId: red.id, quantity: 12, kind: 'expired' }] }), 201);
    const expected = [
      { id: request.id, number: 'BS-640121100-0001', depotId: id('640121100'), depotName: '杨和镇', quantities: [{ unitZh: '板', unitEn: 'blister', quantity: 12 }], totalValueFen: 3000, requestedAt: expect.any(String) },
    ];
    expect((await dashboardOf('640121-leader')).planning.approvals.writeOffs).toEqual(expected);
    expect((await dashboardOf('640121-planner')).planning.approvals.writeOffs).toEqual(expected);
    expect((await dashboardOf('6401-leader')).planning.approvals.writeOffs).toEqual([]);
    await ok((await as('640121-leader')).post(`/api/write-offs/${request.id}/decision`, { decision: 'approved' }));
    expect((await dashboardOf('640121-planner')).planning.approvals.writeOffs).toEqual([]);

    // The count sheet the storekeeper signed waits for the leader.
    const count = await ok((await as('640121-storekeeper')).post('/api/stock-counts', { depotId: id('640121'), zones: ['pending'] }), 201);
    expect((await dashboardOf('640121-leader')).planning.approvals.stockCounts).toEqual([]);
    await ok((await as('640121-storekeeper')).post(`/api/stock-counts/${count.id}/submit`, { uncountedAsZero: true }));
    expect((await dashboardOf('640121-leader')).planning.approvals.stockCounts).toEqual([{ id: count.id, number: count.number, submittedAt: expect.any(String) }]);
    expect((await dashboardOf('640121-planner')).planning.approvals.stockCounts).toEqual([]);
    await ok((await as('640121-leader')).post(`/api/stock-counts/${count.id}/decision`, { decision: 'approved' }));
    expect((await dashboardOf('640121-leader')).planning.approvals.stockCounts).toEqual([]);

    // The county's demand plan waits for the leader's signature, and its allocation plan to be issued.
    const plan = await ok((await as('640121-planner')).post('/api/demand-plans', { depotId: id('640121'), year: 2027 }), 201);
    const allocation = await ok((await as('640121-planner')).post('/api/allocation-plans', { depotId: id('640121'), year: 2027 }), 201);
    const waiting = (await dashboardOf('640121-leader')).planning.approvals;
    expect(waiting.demandPlans).toEqual([{ id: plan.id, year: 2027, status: 'draft' }]);
    expect(waiting.allocationPlans).toEqual([{ id: allocation.id, number: 'FP-640121-2027', year: 2027 }]);
    await ok((await as('640121-leader')).post(`/api/demand-plans/${plan.id}/sign`));
    await ok((await as('640121-leader')).post(`/api/allocation-plans/${allocation.id}/issue`));
    expect((await dashboardOf('640121-leader')).planning.approvals).toMatchObject({ demandPlans: [], allocationPlans: [] });
  });

  it('lists the counted receipts still without the planner’s signature (S0:356) for the planner, each with its quantities per unit, until signed', async () => {
    const keeper = await as('640121-storekeeper');
    // Blisters (板) and boxes (盒) on one receipt: two quantities, never 130.
    const r = await ok(keeper.post('/api/receipts', { depotId: id('640121'), supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'SH-2026-1201' }), 201);
    await ok(keeper.post(`/api/receipts/${r.id}/scans`, { productId: productId('KJ-0101'), lot: 'SIGN-1', expiresOn: '2028-06-30', quantity: 100 }));
    await ok(keeper.post(`/api/receipts/${r.id}/scans`, { productId: productId('KJ-0104'), lot: 'SIGN-2', expiresOn: '2028-06-30', quantity: 30 }));
    // Open, not counted yet: nothing to sign.
    expect((await dashboardOf('640121-planner')).planning.receiptsToSign).toEqual([]);
    await ok(keeper.post(`/api/receipts/${r.id}/count`));
    const waiting = {
      id: r.id,
      number: r.number,
      source: 'supplier',
      supplierName: '浙江仙琚制药股份有限公司',
      deliveryNote: 'SH-2026-1201',
      arrivedOn: '2026-11-22',
      countedAt: expect.any(String),
      storekeeperSigned: false,
      quantities: [
        { unitZh: '板', unitEn: 'blister', quantity: 100 },
        { unitZh: '盒', unitEn: 'box', quantity: 30 },
      ],
    };
    expect((await dashboardOf('640121-planner')).planning.receiptsToSign).toEqual([waiting]);
    // The storekeeper's signature leaves the planner's to give; a leader has none to give, another depot sees none.
    await ok(keeper.post(`/api/receipts/${r.id}/sign`, { role: 'storekeeper' }));
    expect((await dashboardOf('640121-planner')).planning.receiptsToSign).toEqual([{ ...waiting, storekeeperSigned: true }]);
    expect((await dashboardOf('640121-leader')).planning.receiptsToSign).toEqual([]);
    expect((await dashboardOf('6401-planner')).planning.receiptsToSign).toEqual([]);
    await ok((await as('640121-planner')).post(`/api/receipts/${r.id}/sign`, { role: 'planner' }));
    expect((await dashboardOf('640121-planner')).planning.receiptsToSign).toEqual([]);
  });

  it('gives an order of blisters and boxes to pick as two quantities, each with what is picked', async () => {
    const keeper = await as('640121-storekeeper');
    const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'MIX-1' });
    givenStock(w, '640121', pills.id, 100);
    const out = await approvedOrder('640121', '640121100', 0, [
      { productId: productId('KJ-0101'), quantity: 40 },
      { productId: productId('KJ-0104'), quantity: 10 },
    ]);
    await ok(keeper.post(`/api/transfer-orders/${out.id}/picks`, { raw: `FP1:B:${pills.id}`, quantity: 40 }));
    expect((await dashboardOf('640121-storekeeper')).storekeeper.ordersToPick[0].quantities).toEqual([
      { unitZh: '板', unitEn: 'blister', quantity: 40, picked: 40 },
      { unitZh: '盒', unitEn: 'box', quantity: 10, picked: 0 },
    ]);
  });

  it('lets the region decide its own write-off requests (WO-R5), the requester never', async () => {
    const red = buildBatch(w, { productCode: 'KJ-0101', lot: 'RED-64' });
    givenStock(w, '64', red.id, 3, 'nonconforming');
    const request = await ok((await as('64-planner')).post('/api/write-offs', { depotId: id('64'), lines: [{ batchId: red.id, quantity: 3, kind: 'expired' }] }), 201);
    expect((await dashboardOf('64-leader')).planning.approvals.writeOffs.map((r: any) => [r.number, r.depotName])).toEqual([[request.number, '宁夏回族自治区']]);
    expect((await dashboardOf('64-planner')).planning.approvals.writeOffs).toEqual([]);
  });

  it('gives the plan deadlines with the days left, and the depots below that have not reported', async () => {
    const county = (await dashboardOf('640121-planner')).planning;
    expect(county.deadlines).toEqual({
      demand: { year: 2027, state: 'open', opensOn: '2026-10-01', closesOn: '2026-12-31', daysToOpen: null, daysLeft: 39, planId: null, status: 'none' },
      allocation: { year: 2027, dueOn: '2027-02-28', daysLeft: 98, planId: null, status: 'none', late: false },
    });
    expect(county.notReporting).toEqual({
      demandYear: 2027,
      demandPlans: [
        { depotId: id('640121100'), code: '640121100', name: '杨和镇', planId: null, status: 'none' },
        { depotId: id('640121101'), code: '640121101', name: '李俊镇', planId: null, status: 'none' },
      ],
      usageHalf: { year: 2026, half: 1 },
      usageFigures: { items: [{ depotId: id('640121100'), code: '640121100', name: '杨和镇' }, { depotId: id('640121101'), code: '640121101', name: '李俊镇' }], total: 2 },
    });

    // 杨和镇 submits its plan and reports its users: only 李俊镇 is left on both lists.
    const township = await as('640121100-planner');
    const plan = await ok(township.post('/api/demand-plans', { depotId: id('640121100'), year: 2027 }), 201);
    expect((await dashboardOf('640121-planner')).planning.notReporting.demandPlans.map((d: any) => [d.code, d.status])).toEqual([['640121100', 'draft'], ['640121101', 'none']]);
    await ok((await as('640121100-leader')).post(`/api/demand-plans/${plan.id}/sign`));
    expect((await dashboardOf('640121-planner')).planning.notReporting.demandPlans.map((d: any) => [d.code, d.status])).toEqual([['640121100', 'signed'], ['640121101', 'none']]);
    await ok(township.post(`/api/demand-plans/${plan.id}/submit`));
    await ok(township.post(`/api/depots/${id('640121100')}/usage-figures`, { year: 2026, half: 1, figures: [{ method: 'oral', users: 1_000 }] }));
    const after = (await dashboardOf('640121-planner')).planning.notReporting;
    expect(after.demandPlans.map((d: any) => d.code)).toEqual(['640121101']);
    expect(after.usageFigures).toEqual({ items: [{ depotId: id('640121101'), code: '640121101', name: '李俊镇' }], total: 1 });
    // The city sees the townships of its whole subtree without figures, and its one county's plan missing.
    const city = (await dashboardOf('6401-leader')).planning.notReporting;
    expect(city.demandPlans.map((d: any) => d.code)).toEqual(['640121']);
    expect(city.usageFigures.total).toBe(1);
    // A township allocates to its villages, which plan nothing; one without villages allocates to no one.
    expect((await dashboardOf('640121100-planner')).planning).toMatchObject({
      deadlines: { demand: { year: 2027, status: 'submitted', planId: plan.id }, allocation: { year: 2027, status: 'none' } },
      notReporting: { demandPlans: [], usageFigures: { items: [], total: 0 } },
    });
    expect((await dashboardOf('640121101-planner')).planning.deadlines).toMatchObject({ demand: { status: 'none' }, allocation: null });
    // A village makes no plan.
    expect((await dashboardOf('640121100200-leader')).planning.deadlines).toEqual({ demand: null, allocation: null });
  });

  it('outside the window: the next demand window with the days until it opens, this year’s allocation overdue', async () => {
    w.clock.set('2026-05-10T02:00:00Z');
    const planning = (await dashboardOf('640121-leader')).planning;
    expect(planning.deadlines).toEqual({
      demand: { year: 2027, state: 'not_open', opensOn: '2026-10-01', closesOn: '2026-12-31', daysToOpen: 144, daysLeft: null, planId: null, status: 'none' },
      allocation: { year: 2026, dueOn: '2026-02-28', daysLeft: -71, planId: null, status: 'none', late: true },
    });
    expect(planning.notReporting).toMatchObject({ demandYear: null, demandPlans: [], usageHalf: { year: 2025, half: 2 } });
  });
});

describe('several roles and none', () => {
  it('shows every panel of a user with several roles; an admin only the tree; a role without a panel at a village nothing', async () => {
    await w.addUser('multi', '640121', ['storekeeper', 'inspector', 'leader']);
    const multi = (await (await as('multi')).get(`/api/depots/${id('640121')}/dashboard`)).body;
    expect([multi.storekeeper !== null, multi.inspector !== null, multi.planning !== null, multi.tree !== null]).toEqual([true, true, true, true]);
    const admin = await dashboardOf('640121-admin');
    expect([admin.storekeeper, admin.inspector, admin.planning]).toEqual([null, null, null]);
    expect(admin.tree.children.map((c: any) => c.code)).toEqual(['640121100', '640121101']);
    expect(await dashboardOf('640121100200-admin')).toMatchObject({ own: true, storekeeper: null, inspector: null, planning: null, tree: null });
    expect(await dashboardOf('640121100200-finance')).toMatchObject({ storekeeper: null, inspector: null, planning: null, tree: null });
  });

  it('shows no role panels at a depot below the user’s own: only its tree', async () => {
    const below = await dashboardOf('640121-storekeeper', '640121100');
    expect(below).toMatchObject({ depot: { code: '640121100' }, own: false, storekeeper: null, inspector: null, planning: null });
    expect(below.tree.children.map((c: any) => c.code)).toEqual(['640121100200']);
  });

  it('refuses a depot above or beside (403 out_of_scope) and an unknown one (404 depot_not_found)', async () => {
    const township = await as('640121100-leader');
    for (const code of ['640121', '640121101']) {
      const res = await township.get(`/api/depots/${id(code)}/dashboard`);
      expect([res.status, res.body.code]).toEqual([403, 'out_of_scope']);
    }
    const unknown = await township.get('/api/depots/999999/dashboard');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'depot_not_found']);
    const bad = await township.get('/api/depots/abc/dashboard');
    expect(bad.status).toBe(422);
  });
});

describe('the tree of the depots below (upper levels)', () => {
  it('sums each child’s subtree at a glance with one worst state, and opens a child by asking for its dashboard', async () => {
    // Stock: 20 yuan at the city, 10 yuan of it at the township (of which 5 expired, in the red zone), 900 near expiry at the county;
    // and 40 boxes (盒) of condoms expired at the village: quantities of the two units are never added up.
    givenStock(w, '6401', buildBatch(w, { lot: 'CITY', unitPriceFen: 100 }).id, 10);
    givenStock(w, '640121100', buildBatch(w, { lot: 'TOWN', unitPriceFen: 100 }).id, 5);
    givenStock(w, '640121100', buildBatch(w, { lot: 'EXP', expiresOn: '2026-10-01', unitPriceFen: 100 }).id, 5, 'nonconforming');
    givenStock(w, '640121', buildBatch(w, { lot: 'NEAR', expiresOn: '2027-03-01', unitPriceFen: 10 }).id, 900);
    givenStock(w, '640121100200', buildBatch(w, { productCode: 'KJ-0701', lot: 'EXP-C', expiresOn: '2026-10-01', unitPriceFen: 0 }).id, 40, 'nonconforming');

    const region = await dashboardOf('64-finance');
    expect(region).toMatchObject({ own: true, storekeeper: null, inspector: null, planning: null });
    expect(region.tree.planYear).toBe(2027);
    expect(region.tree.planWindow).toBe('open');
    expect(region.tree.self).toMatchObject({ code: '64', depots: 1, stockValueFen: 0, countsOverdue: 1, missingLogs: 1, demandPlan: 'none', state: 'attention' });
    const [yinchuan, shizuishan] = region.tree.children;
    expect(yinchuan).toEqual({
      id: id('6401'),
      code: '6401',
      name: '银川市',
      tier: 'city',
      childCount: 1,
      // 6401, 640121, two townships and a village
      depots: 5,
      stockValueFen: 1000 + 500 + 500 + 9000,
      expired: [
        { unitZh: '盒', unitEn: 'box', quantity: 40 },
        { unitZh: '板', unitEn: 'blister', quantity: 5 },
      ],
      expiredInQualified: [],
      nearExpiry: [{ unitZh: '板', unitEn: 'blister', quantity: 900 }],
      openExcursions: 0,
      // every depot that keeps a store log and has no storage area (the village keeps none)
      missingLogs: 4,
      countsOverdue: 5,
      openWriteOffs: 0,
      demandPlan: 'none',
      state: 'attention',
    });
    expect(shizuishan).toMatchObject({ code: '6402', childCount: 0, depots: 1, stockValueFen: 0, countsOverdue: 1, missingLogs: 1, state: 'attention' });

    // An excursion at the township turns the city's row (and the county's) to alert.
    const keeper = await as('640121100-storekeeper');
    const area = await ok(keeper.post(`/api/depots/${id('640121100')}/storage-areas`, { name: '药具柜', kind: 'cabinet' }), 201);
    await ok(keeper.post(`/api/storage-areas/${area.id}/readings`, { takenAt: '2026-11-22T12:00:00+08:00', temperatureC: 30, humidityPct: 50 }), 201);
    const red = buildBatch(w, { lot: 'RED', unitPriceFen: 100 });
    givenStock(w, '640121100', red.id, 2, 'nonconforming');
    await ok((await as('640121100-inspector')).post('/api/write-offs', { depotId: id('640121100'), lines: [{ batchId: red.id, quantity: 2, kind: 'expired' }] }), 201);
    const hot = (await dashboardOf('64-finance')).tree.children[0];
    expect(hot).toMatchObject({ code: '6401', openExcursions: 1, missingLogs: 3, openWriteOffs: 1, state: 'alert' });

    // Opening the city: its dashboard's tree, asked by the region user, shows the county with the same sums less the city itself.
    const city = await dashboardOf('64-finance', '6401');
    expect(city).toMatchObject({ own: false, depot: { code: '6401' }, storekeeper: null, inspector: null, planning: null });
    expect(city.tree.self).toMatchObject({ code: '6401', depots: 1, stockValueFen: 1000, countsOverdue: 1, missingLogs: 1 });
    expect(city.tree.children).toEqual([expect.objectContaining({ code: '640121', childCount: 2, depots: 4, stockValueFen: 10200, openExcursions: 1, countsOverdue: 4, state: 'alert' })]);
    const county = await dashboardOf('64-finance', '640121');
    expect(county.tree.children.map((c: any) => [c.code, c.depots, c.openExcursions, c.expired.map((u: any) => `${u.quantity}${u.unitZh}`), c.state])).toEqual([
      ['640121100', 2, 1, ['40盒', '5板'], 'alert'],
      ['640121101', 1, 0, [], 'attention'],
    ]);
  });

  it('shows a child with nothing to do as ok: a village that counted this year', async () => {
    const before = (await dashboardOf('640121100-finance')).tree.children;
    expect(before).toEqual([expect.objectContaining({ code: '640121100200', demandPlan: null, missingLogs: 0, countsOverdue: 1, state: 'attention' })]);
    const count = await ok((await as('640121100200-storekeeper')).post('/api/stock-counts', { depotId: id('640121100200') }), 201);
    await ok((await as('640121100200-storekeeper')).post(`/api/stock-counts/${count.id}/submit`, { uncountedAsZero: true }));
    await ok((await as('640121100200-leader')).post(`/api/stock-counts/${count.id}/decision`, { decision: 'approved' }));
    expect((await dashboardOf('640121100-finance')).tree.children).toEqual([expect.objectContaining({ code: '640121100200', countsOverdue: 0, state: 'ok' })]);
  });

  it('counts open write-off requests of the subtree, and a submitted demand plan', async () => {
    const red = buildBatch(w, { lot: 'RED', unitPriceFen: 100 });
    givenStock(w, '640121101', red.id, 2, 'nonconforming');
    const request = await ok((await as('640121101-inspector')).post('/api/write-offs', { depotId: id('640121101'), lines: [{ batchId: red.id, quantity: 2, kind: 'expired' }] }), 201);
    const row = async () => (await dashboardOf('640121-finance')).tree.children.find((c: any) => c.code === '640121101');
    expect(await row()).toMatchObject({ openWriteOffs: 1, expired: [] });
    await ok((await as('640121-leader')).post(`/api/write-offs/${request.id}/decision`, { decision: 'approved' }));
    expect((await row()).openWriteOffs).toBe(1); // approved, not yet destroyed
    await ok(
      (await as('640121101-storekeeper')).post(`/api/write-offs/${request.id}/disposal`, {
        method: 'destroy',
        place: '乡站',
        detail: '焚烧',
        witnesses: [
          { username: '640121101-storekeeper', password: PASSWORD },
          { username: '640121101-leader', password: PASSWORD },
        ],
      }),
    );
    expect((await row()).openWriteOffs).toBe(0);

    const planner = await as('640121101-planner');
    const plan = await ok(planner.post('/api/demand-plans', { depotId: id('640121101'), year: 2027 }), 201);
    expect((await row()).demandPlan).toBe('draft');
    await ok((await as('640121101-leader')).post(`/api/demand-plans/${plan.id}/sign`));
    await ok(planner.post(`/api/demand-plans/${plan.id}/submit`));
    expect((await row()).demandPlan).toBe('submitted');
  });
});
