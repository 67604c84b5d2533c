import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { proposeDemand } from '../../server/domain/planning.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' }); // the fourth quarter of 2026: plans for 2027
});
afterEach(() => expectLedgerConsistent(w.db));

const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const lineOf = (plan: any, code: string) => plan.lines.find((l: any) => l.productCode === code);
const id = (code: string) => w.depot(code).id;

async function openPlan(depot: string, year = 2027) {
  const res = await (await as(`${depot}-planner`)).post('/api/demand-plans', { depotId: id(depot), year });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function signAndSubmit(depot: string, planId: number) {
  expect((await (await as(`${depot}-leader`)).post(`/api/demand-plans/${planId}/sign`)).status).toBe(200);
  const res = await (await as(`${depot}-planner`)).post(`/api/demand-plans/${planId}/submit`);
  expect(res.body.status, JSON.stringify(res.body)).toBe('submitted');
  return res.body;
}

describe('demand plans, bottom-up from the townships (S0:343-348)', () => {
  it('prefills a township’s lines from its figures and ledger, proposes by the formula, and goes up signed; the parents consolidate', async () => {
    const township = await as('640121100-planner');
    expect((await township.post(`/api/depots/${id('640121100')}/usage-figures`, { year: 2026, half: 1, figures: [{ method: 'oral', users: 1_000 }, { method: 'condom', users: 400 }] })).status).toBe(200);
    const h2 = await township.post(`/api/depots/${id('640121100')}/usage-figures`, { year: 2026, half: 2, figures: [{ method: 'oral', users: 1_050 }] });
    expect(h2.body.entered).toEqual([{ method: 'oral', users: 1_050, recordedAt: '2026-11-22T08:00:00.000Z' }]);
    const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'PLAN-1', expiresOn: '2028-12-31' });
    givenStock(w, '640121100', pills.id, 1_500);
    givenStock(w, '640121100200', pills.id, 300);

    const plan = await openPlan('640121100');
    const oral = lineOf(plan, 'KJ-0101');
    // 1,050 pill users and no issues yet: a quarter each to the four oral products.
    expect(oral.inputs).toEqual({ lastYearIssued: 0, lastYearDispensed: 0, openingStock: 1_500, stockBelow: 300, users: 263, standardAnnualUse: 13, turnoverMonths: 3, trendPct: 5, childrenRequested: 0, hasPlanningChildren: false });
    expect(plan.lines.filter((l: any) => l.method === 'oral').map((l: any) => l.inputs.users)).toEqual([263, 263, 263, 263]);
    // 263 × 13 × 1.05 = 3,589.95; + a quarter in stock 897.5; − 1,500 − 300 = 2,687.4 → 2,688
    expect(oral.proposed).toBe(2_688);
    expect(oral.proposed).toBe(proposeDemand(oral.inputs));
    expect(oral.quantity).toBe(oral.proposed);
    expect(plan.lines).toHaveLength(16);

    expect((await township.post(`/api/demand-plans/${plan.id}/submit`)).body.code).toBe('plan_not_signed');
    await (await as('640121100-leader')).post(`/api/demand-plans/${plan.id}/sign`);
    const unexplained = await township.patch(`/api/demand-plans/${plan.id}`, { lines: [{ productId: productId('KJ-0101'), quantity: 17_000 }] });
    expect([unexplained.status, unexplained.body.code]).toEqual([422, 'validation_failed']);
    const changed = await township.patch(`/api/demand-plans/${plan.id}`, { lines: [{ productId: productId('KJ-0101'), quantity: 17_000, reason: '新增流动人口使用者' }] });
    expect(lineOf(changed.body, 'KJ-0101')).toMatchObject({ quantity: 17_000, proposed: 2_688, reason: '新增流动人口使用者' });
    expect(changed.body.signedBy).toBeNull(); // the leader signed other figures
    expect((await township.post(`/api/demand-plans/${plan.id}/submit`)).body.code).toBe('plan_not_signed');
    await signAndSubmit('640121100', plan.id);
    expect((await township.patch(`/api/demand-plans/${plan.id}`, { lines: [{ productId: productId('KJ-0101'), quantity: 1, reason: 'x' }] })).body.code).toBe('plan_submitted');

    // The county sees which townships submitted, returns one with a comment, and gets it back.
    const county = await openPlan('640121');
    expect(county.children.map((c: any) => [c.code, c.status])).toEqual([
      ['640121100', 'submitted'],
      ['640121101', null],
    ]);
    expect(lineOf(county, 'KJ-0101').inputs).toMatchObject({ childrenRequested: 17_000, hasPlanningChildren: true });
    expect(lineOf(county, 'KJ-0101').proposed).toBe(17_000 + 4_250);
    const returned = await (await as('640121-leader')).post(`/api/demand-plans/${plan.id}/return`, { comment: '请核实流动人口数' });
    expect(returned.body).toMatchObject({ status: 'returned', returnComment: '请核实流动人口数', signedBy: null });
    await township.patch(`/api/demand-plans/${plan.id}`, { lines: [{ productId: productId('KJ-0101'), quantity: 16_500, reason: '核实后调整' }] });
    await signAndSubmit('640121100', plan.id);

    const countyPlan = (await (await as('640121-planner')).patch(`/api/demand-plans/${county.id}`, { lines: [] })).body;
    expect(lineOf(countyPlan, 'KJ-0101')).toMatchObject({ quantity: 16_500 + 4_125, inputs: { childrenRequested: 16_500 } });
    const submitted = await signAndSubmit('640121', county.id);
    expect(submitted.missingChildren).toEqual([id('640121101')]);
    expect([submitted.signedByName, submitted.submittedByName]).toEqual([`${w.depot('640121').name} leader`, `${w.depot('640121').name} planner`]);

    for (const code of ['6401', '64']) {
      const p = await openPlan(code);
      await signAndSubmit(code, p.id);
    }
    const regionView = (await (await as('64-leader')).get(`/api/depots/${id('64')}/demand-plans?year=2027`)).body;
    expect(regionView.children.map((c: any) => [c.code, c.status])).toEqual([
      ['6401', 'submitted'],
      ['6402', null],
    ]);
    const consolidated = (await (await as('64-planner')).get(`/api/depots/${id('64')}/demand-consolidation?year=2027`)).body;
    const pillsTotal = consolidated.lines.find((l: any) => l.productId === productId('KJ-0101'));
    expect(pillsTotal.plans).toBe(4);
    const quantities = w.db.$client.prepare('select sum(l.quantity) from demand_plan_lines l join demand_plans p on p.id = l.plan_id where p.year = 2027 and p.status = ? and l.product_id = ?').pluck().get('submitted', productId('KJ-0101'));
    expect(pillsTotal.quantity).toBe(quantities);
  });

  it('refuses plans out of season, at a village, twice, and by the wrong people; nothing changes', async () => {
    const plan = await openPlan('640121100');
    for (const u of ['640121101-planner', '640121100200-planner', '640121100-storekeeper', '640121100-planner', '64-planner']) await as(u);
    const before = snapshotCounts(w.db);
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['640121100-planner', { depotId: id('640121100'), year: 2027 }, 409, 'plan_exists'],
      ['640121100-planner', { depotId: id('640121100'), year: 2026 }, 409, 'plan_year_closed'],
      ['640121100-planner', { depotId: id('640121100'), year: 2028 }, 409, 'plan_year_not_open'],
      ['640121100200-planner', { depotId: id('640121100200'), year: 2027 }, 409, 'plan_not_here'],
      ['640121100-storekeeper', { depotId: id('640121100'), year: 2027 }, 403, 'role_required'],
      ['640121101-planner', { depotId: id('640121100'), year: 2027 }, 403, 'out_of_scope'],
      ['640121100-planner', { depotId: id('640121100'), year: 'next' }, 422, 'validation_failed'],
    ];
    for (const [user, body, status, code] of cases) {
      const res = await (await as(user)).post('/api/demand-plans', body);
      expect([res.status, res.body.code], `${user} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect((await (await as('640121100-planner')).post(`/api/demand-plans/${plan.id}/return`, { comment: '自己退回' })).body.code).toBe('out_of_scope');
    expect((await (await as('64-planner')).post(`/api/demand-plans/${plan.id}/return`, { comment: '越级退回' })).body.code).toBe('out_of_scope');
    expect(snapshotCounts(w.db)).toEqual(before);

    w.clock.set('2027-01-02T08:00:00Z'); // the year has begun: the plan is closed
    delete users['640121100-planner'];
    expect((await (await as('640121100-planner')).patch(`/api/demand-plans/${plan.id}`, { lines: [] })).body.code).toBe('plan_year_closed');
  });

  it('derives users by method from the dispensing records of a half-year', async () => {
    const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'USERS', expiresOn: '2028-12-31' });
    givenStock(w, '640121100200', pills.id, 200);
    w.clock.set('2026-08-10T02:00:00Z');
    delete users['640121100200-dispenser'];
    const res = await (await as('640121100200-dispenser')).post('/api/dispensings', { depotId: id('640121100200'), raw: `FP1:B:${pills.id}`, quantity: 130, packIntact: true, expiryChecked: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const figures = (await (await as('640121100-planner')).get(`/api/depots/${id('640121100')}/usage-figures?year=2026&half=2`)).body;
    expect(figures.derived).toEqual([{ method: 'oral', users: 20 }]); // 130 cycles over half of 13 a year
    expect((await (await as('640121100-planner')).get(`/api/depots/${id('640121100')}/usage-figures?year=2026&half=1`)).body.derived).toEqual([]);
    expect((await (await as('640121-planner')).post(`/api/depots/${id('640121')}/usage-figures`, { year: 2026, half: 2, figures: [{ method: 'oral', users: 1 }] })).body.code).toBe('plan_not_here');
  });
});

describe('allocation plans, top-down (S0:349-351)', () => {
  it('splits what the region holds among its cities, refuses more than available or outside its children, and issues the planned orders', async () => {
    const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'ALLOC-1', expiresOn: '2028-12-31' });
    givenStock(w, '64', pills.id, 1_000);
    const city = await openPlan('6401');
    await (await as('6401-planner')).patch(`/api/demand-plans/${city.id}`, { lines: [{ productId: productId('KJ-0101'), quantity: 1_200, reason: '全市汇总' }] });
    await signAndSubmit('6401', city.id);

    const planner = await as('64-planner');
    const opened = await planner.post('/api/allocation-plans', { depotId: id('64'), year: 2027 });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const plan = opened.body;
    expect(plan).toMatchObject({ number: 'FP-64-2027', status: 'draft', deadline: '2027-02-28', late: false, available: { [productId('KJ-0101')]: 1_000 } });
    const pillsLines = plan.lines.filter((l: any) => l.productCode === 'KJ-0101');
    // The city asked 1,200 and the other sent nothing and was sent nothing: all 1,000 go to the city.
    expect(pillsLines.map((l: any) => [l.childCode, l.requested, l.proposed])).toEqual([
      ['6401', 1_200, 1_000],
      ['6402', null, 0],
    ]);

    const before = snapshotCounts(w.db);
    const over = await planner.patch(`/api/allocation-plans/${plan.id}`, { lines: [{ childDepotId: id('6402'), productId: productId('KJ-0101'), allocated: 1 }] });
    expect([over.status, over.body.code, over.body.data]).toEqual([409, 'exceeds_available', { productId: productId('KJ-0101'), available: 1_000, allocated: 1_001 }]);
    const grandchild = await planner.patch(`/api/allocation-plans/${plan.id}`, { lines: [{ childDepotId: id('640121'), productId: productId('KJ-0101'), allocated: 1 }] });
    expect([grandchild.status, grandchild.body.code]).toEqual([422, 'not_a_child_depot']);
    expect((await (await as('64-planner')).post(`/api/allocation-plans/${plan.id}/issue`)).body.code).toBe('role_required');
    expect(snapshotCounts(w.db)).toEqual(before);

    const adjusted = await planner.patch(`/api/allocation-plans/${plan.id}`, {
      lines: [
        { childDepotId: id('6401'), productId: productId('KJ-0101'), allocated: 800, reason: '留 200 给银川以外' },
        { childDepotId: id('6402'), productId: productId('KJ-0101'), allocated: 200 },
      ],
    });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
    const issued = await (await as('64-leader')).post(`/api/allocation-plans/${plan.id}/issue`);
    expect(issued.body).toMatchObject({ status: 'issued', late: false, available: null });
    expect(issued.body.orders).toHaveLength(2);
    expect((await planner.patch(`/api/allocation-plans/${plan.id}`, { lines: [{ childDepotId: id('6402'), productId: productId('KJ-0101'), allocated: 0 }] })).body.code).toBe('plan_issued');
    expect((await planner.post('/api/allocation-plans', { depotId: id('64'), year: 2027 })).body.code).toBe('plan_exists');

    // The generated orders are planned (no approval) and go through picking and dispatch.
    const toCity = issued.body.orders.find((o: any) => o.toDepotId === id('6401'));
    const order = (await (await as('64-storekeeper')).get(`/api/transfer-orders/${toCity.id}`)).body;
    expect(order).toMatchObject({ basis: 'allocation_plan', status: 'approved', planReference: 'FP-64-2027', lines: [{ quantity: 800 }] });
    expect((await (await as('64-storekeeper')).post(`/api/transfer-orders/${toCity.id}/picks`, { raw: `FP1:B:${pills.id}`, quantity: 800 })).status).toBe(200);
    expect((await (await as('64-storekeeper')).post(`/api/transfer-orders/${toCity.id}/dispatch`)).status).toBe(200);
    const progress = (await (await as('6401-leader')).get(`/api/allocation-plans/${plan.id}`)).body.code;
    expect(progress).toBe('out_of_scope'); // the region's plan is the region's: the city sees what it was allocated
    const mine = (await (await as('6401-planner')).get(`/api/depots/${id('6401')}/allocation-plans?year=2027`)).body;
    expect(mine.allocatedToMe).toEqual([{ productId: productId('KJ-0101'), allocated: 800 }]);
    const after = (await planner.get(`/api/allocation-plans/${plan.id}`)).body;
    expect(after.lines.filter((l: any) => l.productCode === 'KJ-0101').map((l: any) => [l.childCode, l.allocated, l.dispatched, l.received])).toEqual([
      ['6401', 800, 800, 0],
      ['6402', 200, 0, 0],
    ]);
  });

  it('lists what the issued plans leave for a depot below, the same cap an order on the plan meets', async () => {
    givenStock(w, '64', buildBatch(w, { productCode: 'KJ-0101', lot: 'ALLOC-R' }).id, 1_000);
    const planner = await as('64-planner');
    const plan = (await planner.post('/api/allocation-plans', { depotId: id('64'), year: 2027 })).body;
    await planner.patch(`/api/allocation-plans/${plan.id}`, { lines: [{ childDepotId: id('6401'), productId: productId('KJ-0101'), allocated: 300 }] });
    const remaining = async (to: string) => {
      const res = await planner.get(`/api/depots/${id('64')}/allocation-remaining?toDepotId=${id(to)}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((i: any) => [i.planNumber, i.productCode, i.allocated, i.ordered, i.remaining]);
    };
    expect(await remaining('6401')).toEqual([]); // a draft is no basis for an order
    const issued = (await (await as('64-leader')).post(`/api/allocation-plans/${plan.id}/issue`)).body;
    expect(await remaining('6401')).toEqual([['FP-64-2027', 'KJ-0101', 300, 300, 0]]);
    expect(await remaining('6402')).toEqual([]);
    await planner.post(`/api/transfer-orders/${issued.orders[0].id}/cancel`);
    const order = (quantity: number) =>
      planner.post('/api/transfer-orders', { fromDepotId: id('64'), toDepotId: id('6401'), basis: 'allocation_plan', allocationPlanId: plan.id, lines: [{ productId: productId('KJ-0101'), quantity }] });
    expect((await order(120)).status).toBe(201);
    expect(await remaining('6401')).toEqual([['FP-64-2027', 'KJ-0101', 300, 120, 180]]);
    const over = await order(181);
    expect([over.status, over.body.code, over.body.data.remaining]).toEqual([409, 'exceeds_allocation', 180]);
    expect((await (await as('6401-planner')).get(`/api/depots/${id('64')}/allocation-remaining?toDepotId=${id('6401')}`)).body.code).toBe('out_of_scope');
  });

  it('counts what the depot above allocated and has not yet sent as available, and shows a plan not issued by the end of February as late', async () => {
    const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'ALLOC-2', expiresOn: '2028-12-31' });
    givenStock(w, '64', pills.id, 500);
    const region = (await (await as('64-planner')).post('/api/allocation-plans', { depotId: id('64'), year: 2027 })).body;
    await (await as('64-planner')).patch(`/api/allocation-plans/${region.id}`, { lines: [{ childDepotId: id('6401'), productId: productId('KJ-0101'), allocated: 300 }] });
    await (await as('64-leader')).post(`/api/allocation-plans/${region.id}/issue`);

    w.clock.set('2027-03-02T02:00:00Z');
    for (const k of Object.keys(users)) delete users[k];
    const city = (await (await as('6401-planner')).post('/api/allocation-plans', { depotId: id('6401'), year: 2027 })).body;
    expect(city).toMatchObject({ late: true, available: { [productId('KJ-0101')]: 300 } });
    expect((await (await as('6401-planner')).get(`/api/depots/${id('6401')}/allocation-plans?year=2027`)).body).toMatchObject({ late: true, status: 'draft' });
    expect((await (await as('640121-planner')).post('/api/allocation-plans', { depotId: id('640121100200'), year: 2027 })).body.code).toBe('out_of_scope');
    expect((await (await as('640121100200-planner')).post('/api/allocation-plans', { depotId: id('640121100200'), year: 2027 })).body.code).toBe('plan_not_here');
  });
});
