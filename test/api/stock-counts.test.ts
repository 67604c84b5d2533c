import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fc from 'fast-check';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { gs1ElementString, gtinCheckDigit } from '../../labels/gs1.ts';
import { DomainError } from '../../server/domain/errors.ts';

/** Stock counts (盘库): S0:384 (yearly, variances to the leader), S0:415 (the storekeeper signs the sheet). */
let w: World;
let depotId: number;
beforeEach(async () => {
  w = await makeWorld();
  depotId = w.depot('640121').id;
});
afterEach(() => expectLedgerConsistent(w.db));

const users: Record<string, Client> = {};
beforeEach(() => {
  for (const k of Object.keys(users)) delete users[k];
});
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
const keeper = () => as('640121-storekeeper');
const leader = () => as('640121-leader');

const KJ0101_GTIN = '06901234567892';
const label = (batchId: number) => `FP1:B:${batchId}`;

async function start(body: Record<string, unknown> = {}, user = '640121-storekeeper') {
  const res = await (await as(user)).post('/api/stock-counts', { depotId, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const countLine = async (id: number, body: Record<string, unknown>, user = '640121-storekeeper') => (await as(user)).post(`/api/stock-counts/${id}/lines`, body);
async function counted(id: number, body: Record<string, unknown>, user?: string) {
  const res = await countLine(id, body, user);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
async function submit(id: number, body?: Record<string, unknown>, user = '640121-storekeeper') {
  const res = await (await as(user)).post(`/api/stock-counts/${id}/submit`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
async function approve(id: number, user = '640121-leader') {
  const res = await (await as(user)).post(`/api/stock-counts/${id}/decision`, { decision: 'approved' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const getCount = async (id: number, user = '640121-storekeeper') => (await as(user)).get(`/api/stock-counts/${id}`);

/** The balance of a batch in a zone of the county depot, straight from the ledger. */
const balance = (batchId: number, zone: string, at = depotId) =>
  (w.db.$client.prepare('select quantity, value_fen as valueFen from stock_balances where depot_id = ? and batch_id = ? and location = ?').get(at, batchId, zone) as { quantity: number; valueFen: number } | undefined) ?? { quantity: 0, valueFen: 0 };

/** Counts a sheet in full at the book quantities. */
async function countAsBooked(id: number) {
  const sheet = (await getCount(id)).body;
  for (const l of sheet.lines) await counted(id, { batchId: l.batchId, zone: l.zone, quantity: l.expected, mode: 'set' });
}

function thrownBy(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e;
  }
  throw new Error('expected a refusal');
}

/** Checks a batch of refusals: each answer's status and code, and that none of them changed a row. */
async function expectRefusals(cases: [() => Promise<{ status: number; body: any }>, number, string][]) {
  const before = snapshotCounts(w.db);
  for (const [send, status, code] of cases) {
    const res = await send();
    expect([res.status, res.body?.code], `${code}: ${JSON.stringify(res.body)}`).toEqual([status, code]);
  }
  expect(snapshotCounts(w.db)).toEqual(before);
}

describe('a full count with variances, approved by the leader (S0:384: 盘库盈亏情况向主管领导报告)', () => {
  it('freezes the books, counts by scan and by hand, reports the variances, and posts them once approved so the books equal the goods', async () => {
    const a = buildBatch(w, { productCode: 'KJ-0101', lot: 'SC-A', unitPriceFen: 250 });
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'SC-B', unitPriceFen: 300 });
    const c = buildBatch(w, { productCode: 'KJ-0101', lot: 'SC-C', unitPriceFen: 180 });
    const d = buildBatch(w, { productCode: 'KJ-0101', lot: 'SC-D', unitPriceFen: 120 });
    givenStock(w, '640121', a.id, 100);
    givenStock(w, '640121', b.id, 40);
    givenStock(w, '640121', c.id, 20, 'pending');

    const sheet = await start({ note: '年度盘库' });
    expect(sheet).toMatchObject({
      number: 'PD-640121-0001',
      status: 'counting',
      zones: ['pending', 'qualified', 'nonconforming'],
      blind: false,
      depot: { id: depotId, code: '640121' },
      signatures: { started: { name: expect.any(String) }, submitted: null, approved: null },
      totals: { lines: 3, countedLines: 0, byUnit: [{ unitZh: '板', expected: 160, counted: 0 }] },
    });
    expect(sheet.lines.map((l: any) => [l.zone, l.lot, l.expected, l.counted, l.unitPriceFen])).toEqual([
      ['pending', 'SC-C', 20, null, 180],
      ['qualified', 'SC-A', 100, null, 250],
      ['qualified', 'SC-B', 40, null, 300],
    ]);

    await counted(sheet.id, { batchId: a.id, zone: 'qualified', quantity: 97, mode: 'set' });
    await counted(sheet.id, { raw: label(b.id), zone: 'qualified', quantity: 40 });
    await counted(sheet.id, { raw: label(b.id), zone: 'qualified' });
    const scanned = await counted(sheet.id, { raw: label(b.id), zone: 'qualified' });
    expect(scanned.line).toMatchObject({ lot: 'SC-B', counted: 42, variance: 2, varianceValueFen: 600 });
    const gs1 = await counted(sheet.id, { raw: gs1ElementString({ gtin: KJ0101_GTIN, lot: 'SC-C', expiry: '2028-06-30', count: 20 }), zone: 'pending' });
    expect(gs1.line).toMatchObject({ lot: 'SC-C', counted: 20, variance: 0 });
    const found = await counted(sheet.id, { raw: label(d.id), zone: 'qualified', quantity: 5, mode: 'set' }, '640121-inspector');
    expect(found.line).toMatchObject({ lot: 'SC-D', expected: 0, counted: 5, variance: 5, varianceValueFen: 600, countedByName: expect.any(String) });

    const report = (await getCount(sheet.id, '640121-leader')).body;
    expect(report.totals).toEqual({
      lines: 4,
      countedLines: 4,
      byUnit: [{ unitZh: '板', unitEn: 'blister', lines: 4, countedLines: 4, expected: 160, counted: 164, over: 7, short: 3, overValueFen: 1200, shortValueFen: 750 }],
      overValueFen: 1200,
      shortValueFen: 750,
      netValueFen: 450,
    });
    expect(report.lines.find((l: any) => l.lot === 'SC-A')).toMatchObject({ expected: 100, counted: 97, variance: -3, varianceValueFen: -750, productCode: 'KJ-0101', expiresOn: '2028-06-30' });

    w.clock.advanceMinutes(30);
    const submitted = await submit(sheet.id);
    expect(submitted).toMatchObject({ status: 'submitted', signatures: { submitted: { userId: w.actor('640121-storekeeper').userId, at: w.clock.now().toISOString() } } });
    const told = w.db.$client.prepare("select count(*) from notifications where entity = 'stock_count' and role = 'leader' and entity_id = ?").pluck().get(sheet.id);
    expect(told).toBe(1);

    const posted = await approve(sheet.id);
    expect(posted).toMatchObject({ status: 'posted', postingId: expect.any(Number), signatures: { approved: { userId: w.actor('640121-leader').userId } } });
    expect([balance(a.id, 'qualified'), balance(b.id, 'qualified'), balance(c.id, 'pending'), balance(d.id, 'qualified')]).toEqual([
      { quantity: 97, valueFen: 97 * 250 },
      { quantity: 42, valueFen: 42 * 300 },
      { quantity: 20, valueFen: 20 * 180 },
      { quantity: 5, valueFen: 5 * 120 },
    ]);
    const posting = w.db.$client.prepare('select kind, document_type as documentType, document_id as documentId from postings where id = ?').get(posted.postingId);
    expect(posting).toEqual({ kind: 'count_adjustment', documentType: 'stock_count', documentId: sheet.id });
    const movements = w.db.$client.prepare('select batch_id as batchId, location, kind, quantity, unit_price_fen as unitPriceFen, balance_after as balanceAfter from stock_movements where posting_id = ? order by batch_id').all(posted.postingId);
    expect(movements).toEqual([
      { batchId: a.id, location: 'qualified', kind: 'count_adjustment', quantity: -3, unitPriceFen: 250, balanceAfter: 97 },
      { batchId: b.id, location: 'qualified', kind: 'count_adjustment', quantity: 2, unitPriceFen: 300, balanceAfter: 42 },
      { batchId: d.id, location: 'qualified', kind: 'count_adjustment', quantity: 5, unitPriceFen: 120, balanceAfter: 5 },
    ]);

    // Posted, the zones take postings again.
    givenStock(w, '640121', a.id, 3);
    expect(balance(a.id, 'qualified').quantity).toBe(100);
    const list = (await (await as('64-finance')).get(`/api/stock-counts?depotId=${depotId}`)).body;
    expect(list).toMatchObject({ total: 1, items: [{ id: sheet.id, number: 'PD-640121-0001', status: 'posted', lines: 4, countedLines: 4, postingId: posted.postingId }] });
  });

  it('a count that finds the books right posts nothing and is still posted', async () => {
    const a = buildBatch(w, { lot: 'SC-OK' });
    givenStock(w, '640121', a.id, 12);
    const sheet = await start();
    await countAsBooked(sheet.id);
    await submit(sheet.id);
    const postings = w.db.$client.prepare('select count(*) from postings').pluck().get();
    expect(await approve(sheet.id)).toMatchObject({ status: 'posted', postingId: null, totals: { byUnit: [{ over: 0, short: 0 }], netValueFen: 0 } });
    expect(w.db.$client.prepare('select count(*) from postings').pluck().get()).toBe(postings);
  });
});

describe('totals per unit (issue 17 item 17: 板 and 盒 are never added into one figure)', () => {
  it('gives the book, counted, surplus and shortage figures of each unit apart, and adds only the values in yuan', async () => {
    // KJ-0101 counts in 板, KJ-0104 in 盒 (the real catalogue).
    const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'U-BAN', unitPriceFen: 95 });
    const boxes = buildBatch(w, { productCode: 'KJ-0104', lot: 'U-HE', unitPriceFen: 260 });
    givenStock(w, '640121', pills.id, 300);
    givenStock(w, '640121', boxes.id, 40);
    const sheet = await start({ zones: ['qualified'] });
    expect(sheet.totals.byUnit).toEqual([
      { unitZh: '板', unitEn: 'blister', lines: 1, countedLines: 0, expected: 300, counted: 0, over: 0, short: 0, overValueFen: 0, shortValueFen: 0 },
      { unitZh: '盒', unitEn: 'box', lines: 1, countedLines: 0, expected: 40, counted: 0, over: 0, short: 0, overValueFen: 0, shortValueFen: 0 },
    ]);
    await counted(sheet.id, { raw: label(pills.id), zone: 'qualified', quantity: 302, mode: 'set' });
    await counted(sheet.id, { batchId: boxes.id, zone: 'qualified', quantity: 35, mode: 'set' });

    const report = (await getCount(sheet.id, '640121-leader')).body;
    expect(report.totals).toEqual({
      lines: 2,
      countedLines: 2,
      byUnit: [
        { unitZh: '板', unitEn: 'blister', lines: 1, countedLines: 1, expected: 300, counted: 302, over: 2, short: 0, overValueFen: 190, shortValueFen: 0 },
        { unitZh: '盒', unitEn: 'box', lines: 1, countedLines: 1, expected: 40, counted: 35, over: 0, short: 5, overValueFen: 0, shortValueFen: 1300 },
      ],
      overValueFen: 190,
      shortValueFen: 1300,
      netValueFen: -1110,
    });
    // No figure anywhere in the totals adds 板 to 盒 (302 + 35, 300 + 40, 2 + 5).
    expect(JSON.stringify(report.totals)).not.toMatch(/:(337|340|7)[,}]/);
  });

  it('orders a blind count’s units by what was counted, not by the hidden books', async () => {
    const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'UB-BAN' });
    const boxes = buildBatch(w, { productCode: 'KJ-0104', lot: 'UB-HE' });
    givenStock(w, '640121', pills.id, 500);
    givenStock(w, '640121', boxes.id, 10);
    const sheet = await start({ zones: ['qualified'], blind: true });
    await counted(sheet.id, { batchId: boxes.id, zone: 'qualified', quantity: 12, mode: 'set' });
    const hidden = (await getCount(sheet.id)).body.totals;
    expect(hidden.byUnit.map((u: any) => [u.unitZh, u.expected, u.counted])).toEqual([
      ['盒', null, 12],
      ['板', null, 0],
    ]);
  });
});

describe('blind counts', () => {
  it('hide the book quantity, variance and values from everyone while counting; show them once submitted', async () => {
    const a = buildBatch(w, { lot: 'BL-A', unitPriceFen: 100 });
    givenStock(w, '640121', a.id, 30);
    const sheet = await start({ blind: true });
    expect(sheet).toMatchObject({ blind: true, expectedHidden: true, totals: { lines: 1, byUnit: [{ expected: null, over: null, short: null }], netValueFen: null } });
    expect(sheet.lines).toEqual([expect.objectContaining({ lot: 'BL-A', expected: null, variance: null, varianceValueFen: null, counted: null })]);

    const scanned = await counted(sheet.id, { raw: label(a.id), zone: 'qualified', quantity: 28 });
    expect(scanned.line).toMatchObject({ counted: 28, expected: null, variance: null, varianceValueFen: null });
    for (const user of ['640121-storekeeper', '640121-leader', '640121-inspector', '6401-leader', '64-finance']) {
      const res = await getCount(sheet.id, user);
      expect(res.status).toBe(200);
      expect(res.body.lines[0], user).toMatchObject({ expected: null, variance: null, varianceValueFen: null, counted: 28 });
      expect(res.body.totals, user).toMatchObject({ byUnit: [{ expected: null, over: null, short: null, overValueFen: null, shortValueFen: null, counted: 28 }], overValueFen: null, shortValueFen: null, netValueFen: null });
    }

    const submitted = await submit(sheet.id);
    expect(submitted).toMatchObject({ expectedHidden: false, lines: [{ expected: 30, counted: 28, variance: -2, varianceValueFen: -200 }], totals: { byUnit: [{ short: 2, shortValueFen: 200 }], shortValueFen: 200 } });
    const posted = await approve(sheet.id);
    expect(posted.lines[0]).toMatchObject({ expected: 30, variance: -2 });
    expect(balance(a.id, 'qualified')).toEqual({ quantity: 28, valueFen: 2800 });
  });
});

describe('the count freezes its zones (SC-R2): no posting touches them until it posts or is cancelled', () => {
  it('refuses zone moves, opening balances and dispatches into or out of a zone under count (409 count_in_progress), while other zones still move', async () => {
    const a = buildBatch(w, { lot: 'FZ-A' });
    givenStock(w, '640121', a.id, 50);
    const productId = w.db.$client.prepare("select id from products where code = 'KJ-0101'").pluck().get() as number;
    const planner = await as('640121-planner');
    const order = await planner.post('/api/transfer-orders', { fromDepotId: depotId, toDepotId: w.depot('640121100').id, basis: 'temporary', lines: [{ productId, quantity: 5 }] });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect((await (await as('640121-leader')).post(`/api/transfer-orders/${order.body.id}/decision`, { decision: 'approved' })).status).toBe(200);
    expect((await (await keeper()).post(`/api/transfer-orders/${order.body.id}/picks`, { raw: label(a.id), quantity: 5 })).status).toBe(200);

    const sheet = await start({ zones: ['qualified'] });
    const k = await keeper();
    const move = (body: Record<string, unknown>) => k.post('/api/zone-moves', { depotId, batchId: a.id, fromZone: 'qualified', toZone: 'nonconforming', quantity: 5, ...body });
    await expectRefusals([
      [() => move({}), 409, 'count_in_progress'],
      [() => move({ toZone: 'pending' }), 409, 'count_in_progress'],
      [() => k.post(`/api/transfer-orders/${order.body.id}/dispatch`), 409, 'count_in_progress'],
    ]);
    const refused = await move({});
    expect(refused.body.data).toMatchObject({ countId: sheet.id, zone: 'qualified' });
    // Opening stock at the county lands in pending and reaches the counted zone by inspection, which is refused; the 1 waits in pending.
    expect(thrownBy(() => givenStock(w, '640121', a.id, 1))).toMatchObject({ code: 'count_in_progress', status: 409 });

    // Zones outside the count, and other depots, still move.
    givenStock(w, '640121', a.id, 7, 'pending');
    expect((await move({ fromZone: 'pending', toZone: 'nonconforming', quantity: 2 })).status).toBe(201);
    givenStock(w, '640121100', a.id, 4);
    expect([balance(a.id, 'pending').quantity, balance(a.id, 'nonconforming').quantity, balance(a.id, 'qualified').quantity]).toEqual([6, 2, 50]);
  });

  it('refuses a second count on any of the same zones (409 count_in_progress); another zone can be counted alongside', async () => {
    const first = await start({ zones: ['pending', 'qualified'] });
    await Promise.all([keeper(), leader()]);
    await expectRefusals([
      [async () => (await keeper()).post('/api/stock-counts', { depotId }), 409, 'count_in_progress'],
      [async () => (await leader()).post('/api/stock-counts', { depotId, zones: ['qualified'] }), 409, 'count_in_progress'],
    ]);
    const res = await (await keeper()).post('/api/stock-counts', { depotId, zones: ['pending'] });
    expect(res.body.data).toEqual({ countId: first.id, depotId, zone: 'pending' });
    const second = await start({ zones: ['nonconforming'] }, '640121-leader');
    expect(second).toMatchObject({ number: 'PD-640121-0002', zones: ['nonconforming'] });
    // The submitted count still freezes its zones.
    await submit(first.id, { uncountedAsZero: true });
    await expectRefusals([[async () => (await keeper()).post('/api/stock-counts', { depotId, zones: ['qualified'] }), 409, 'count_in_progress']]);
  });

  it('cancelling a count (storekeeper or leader) unfreezes its zones, and a cancelled count takes no more counting', async () => {
    const a = buildBatch(w, { lot: 'CX-A' });
    givenStock(w, '640121', a.id, 20);
    const k = await keeper();
    const move = () => k.post('/api/zone-moves', { depotId, batchId: a.id, fromZone: 'qualified', toZone: 'pending', quantity: 3 });
    const sheet = await start();
    expect((await move()).body.code).toBe('count_in_progress');
    const cancelled = await (await leader()).post(`/api/stock-counts/${sheet.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await move()).status).toBe(201);

    const again = await start({ zones: ['qualified'] });
    await submit(again.id, { uncountedAsZero: true });
    expect((await k.post(`/api/stock-counts/${again.id}/cancel`)).body.status).toBe('cancelled');
    expect((await move()).status).toBe(201);
    await expectRefusals([
      [() => k.post(`/api/stock-counts/${sheet.id}/cancel`), 409, 'count_not_open'],
      [() => countLine(sheet.id, { batchId: a.id, zone: 'qualified', quantity: 1, mode: 'set' }), 409, 'count_not_open'],
      [() => k.post(`/api/stock-counts/${sheet.id}/submit`, {}), 409, 'count_not_open'],
      [async () => (await leader()).post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'approved' }), 409, 'count_not_submitted'],
    ]);
  });
});

describe('submitting the count sheet (S0:415: 盘点表必须有实物保管人员签字)', () => {
  it('refuses lines not counted, naming them; signs with the rest as zero when told; then takes no more counting', async () => {
    const a = buildBatch(w, { lot: 'SU-A', unitPriceFen: 10 });
    const b = buildBatch(w, { lot: 'SU-B', unitPriceFen: 20 });
    givenStock(w, '640121', a.id, 10);
    givenStock(w, '640121', b.id, 6, 'nonconforming');
    const sheet = await start();
    await counted(sheet.id, { batchId: a.id, zone: 'qualified', quantity: 10, mode: 'set' });
    const k = await keeper();
    await expectRefusals([
      [() => k.post(`/api/stock-counts/${sheet.id}/submit`), 422, 'lines_not_counted'],
      [() => k.post(`/api/stock-counts/${sheet.id}/submit`, { uncountedAsZero: false }), 422, 'lines_not_counted'],
    ]);
    const refused = await k.post(`/api/stock-counts/${sheet.id}/submit`);
    const lineB = sheet.lines.find((l: any) => l.lot === 'SU-B');
    expect(refused.body.data).toEqual({ lines: [{ id: lineB.id, lot: 'SU-B', zone: 'nonconforming' }] });

    const submitted = await submit(sheet.id, { uncountedAsZero: true });
    expect(submitted.lines.find((l: any) => l.lot === 'SU-B')).toMatchObject({ counted: 0, variance: -6, varianceValueFen: -120, countedBy: w.actor('640121-storekeeper').userId });
    expect(submitted.status).toBe('submitted');
    await expectRefusals([
      [() => countLine(sheet.id, { batchId: a.id, zone: 'qualified', quantity: 9, mode: 'set' }), 409, 'count_not_open'],
      [() => countLine(sheet.id, { raw: label(b.id), zone: 'nonconforming' }), 409, 'count_not_open'],
      [() => k.post(`/api/stock-counts/${sheet.id}/submit`, { uncountedAsZero: true }), 409, 'count_not_open'],
    ]);
    await approve(sheet.id);
    expect(balance(b.id, 'nonconforming')).toEqual({ quantity: 0, valueFen: 0 });
    expect(balance(a.id, 'qualified').quantity).toBe(10);
  });
});

describe('the leader’s decision (SC-R2: variances post only after the leader approves)', () => {
  it('returned (with a reason) goes back to counting; recounted, resubmitted and approved it posts the recount', async () => {
    const a = buildBatch(w, { lot: 'RT-A', unitPriceFen: 50 });
    givenStock(w, '640121', a.id, 60);
    const sheet = await start();
    await counted(sheet.id, { batchId: a.id, zone: 'qualified', quantity: 50, mode: 'set' });
    await submit(sheet.id);
    const l = await leader();
    await expectRefusals([
      [() => l.post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'returned' }), 422, 'validation_failed'],
      [() => l.post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'returned', reason: '   ' }), 422, 'validation_failed'],
    ]);
    const returned = await l.post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'returned', reason: '短缺10盒,请复盘' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'counting', returnReason: '短缺10盒,请复盘', signatures: { submitted: null, approved: null }, postingId: null });
    expect(balance(a.id, 'qualified').quantity).toBe(60);

    await counted(sheet.id, { batchId: a.id, zone: 'qualified', quantity: 58, mode: 'set' });
    const resubmitted = await submit(sheet.id);
    expect(resubmitted).toMatchObject({ status: 'submitted', returnReason: '短缺10盒,请复盘', lines: [{ counted: 58, variance: -2 }] });
    const posted = await approve(sheet.id);
    expect(posted.status).toBe('posted');
    expect(balance(a.id, 'qualified')).toEqual({ quantity: 58, valueFen: 58 * 50 });
  });

  it('refuses approval by the user who signed the sheet (409 same_signer), unless one-person depots are allowed', async () => {
    const solo = await w.addUser('solo-640121', '640121', ['storekeeper', 'leader']);
    const a = buildBatch(w, { lot: 'SS-A' });
    givenStock(w, '640121', a.id, 9);
    const sheet = await start({}, solo);
    await counted(sheet.id, { batchId: a.id, zone: 'qualified', quantity: 8, mode: 'set' }, solo);
    await submit(sheet.id, {}, solo);
    const s = await as(solo);
    await expectRefusals([[() => s.post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'approved' }), 409, 'same_signer']]);
    expect((await getCount(sheet.id)).body.status).toBe('submitted');
    expect(balance(a.id, 'qualified').quantity).toBe(9);
    // Another leader approves.
    await approve(sheet.id);
    expect(balance(a.id, 'qualified').quantity).toBe(8);

    expectLedgerConsistent(w.db);
    w = await makeWorld({ config: { allowSameSigner: true } });
    depotId = w.depot('640121').id;
    for (const k of Object.keys(users)) delete users[k];
    const alone = await w.addUser('alone-640121', '640121', ['storekeeper', 'leader']);
    const b = buildBatch(w, { lot: 'SS-B' });
    givenStock(w, '640121', b.id, 9);
    const own = await start({}, alone);
    await countAsBooked(own.id);
    await counted(own.id, { batchId: b.id, zone: 'qualified', quantity: 7, mode: 'set' }, alone);
    await submit(own.id, {}, alone);
    expect((await approve(own.id, alone)).status).toBe('posted');
    expect(balance(b.id, 'qualified').quantity).toBe(7);
  });

  it('posts a count once: approving again is refused (409 count_already_posted) and posts nothing', async () => {
    const a = buildBatch(w, { lot: 'TW-A' });
    givenStock(w, '640121', a.id, 15);
    const sheet = await start();
    await counted(sheet.id, { batchId: a.id, zone: 'qualified', quantity: 14, mode: 'set' });
    const l = await leader();
    const k = await keeper();
    await expectRefusals([[() => l.post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'approved' }), 409, 'count_not_submitted']]);
    await submit(sheet.id);
    await approve(sheet.id);
    await expectRefusals([
      [() => l.post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'approved' }), 409, 'count_already_posted'],
      [() => l.post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'returned', reason: 'again' }), 409, 'count_already_posted'],
      [() => l.post(`/api/stock-counts/${sheet.id}/cancel`), 409, 'count_already_posted'],
      [() => countLine(sheet.id, { batchId: a.id, zone: 'qualified', quantity: 1, mode: 'set' }), 409, 'count_not_open'],
      [() => k.post(`/api/stock-counts/${sheet.id}/submit`, {}), 409, 'count_not_open'],
    ]);
    expect(balance(a.id, 'qualified').quantity).toBe(14);
    expect(w.db.$client.prepare("select count(*) from postings where document_type = 'stock_count'").pluck().get()).toBe(1);
  });
});

describe('who may count (S0:444: read below, write at your own depot)', () => {
  it('refuses other roles and other depots, unknown counts, batches and barcodes, and zones outside the count; nothing changes', async () => {
    const a = buildBatch(w, { lot: 'RS-A' });
    givenStock(w, '640121', a.id, 5);
    const sheet = await start({ zones: ['qualified', 'pending'] });
    const [finance, planner, inspector, township, cityLeader, otherCity] = await Promise.all(['640121-finance', '640121-planner', '640121-inspector', '640121100-storekeeper', '6401-leader', '6402-leader'].map(as));
    const k = await keeper();
    const l = await leader();
    const unknownGtin = (() => {
      const body = '0690000000001';
      return gs1ElementString({ gtin: `${body}${gtinCheckDigit(body)}`, lot: 'X1' });
    })();
    const line = (c: Client, body: Record<string, unknown>) => c.post(`/api/stock-counts/${sheet.id}/lines`, { batchId: a.id, zone: 'qualified', quantity: 1, mode: 'set', ...body });
    await expectRefusals([
      [() => finance.post('/api/stock-counts', { depotId }), 403, 'role_required'],
      [() => inspector.post('/api/stock-counts', { depotId }), 403, 'role_required'],
      [() => township.post('/api/stock-counts', { depotId }), 403, 'out_of_scope'],
      [() => cityLeader.post('/api/stock-counts', { depotId }), 403, 'out_of_scope'],
      [() => k.post('/api/stock-counts', { depotId: 999999 }), 404, 'depot_not_found'],
      [() => line(finance, {}), 403, 'role_required'],
      [() => line(planner, {}), 403, 'role_required'],
      [() => line(township, {}), 403, 'out_of_scope'],
      [() => line(k, { zone: 'nonconforming' }), 422, 'zone_not_in_count'],
      [() => line(k, { batchId: 999999 }), 404, 'batch_not_found'],
      [() => line(k, { batchId: undefined, raw: 'FP1:B:999999' }), 404, 'batch_not_found'],
      [() => line(k, { batchId: undefined, raw: 'hello world' }), 422, 'invalid_barcode'],
      [() => line(k, { batchId: undefined, raw: unknownGtin }), 404, 'unknown_gtin'],
      [() => k.post('/api/stock-counts/999999/lines', { batchId: a.id, zone: 'qualified', quantity: 1 }), 404, 'count_not_found'],
      [() => inspector.post(`/api/stock-counts/${sheet.id}/submit`, {}), 403, 'role_required'],
      [() => l.post(`/api/stock-counts/${sheet.id}/submit`, {}), 403, 'role_required'],
      [() => township.post(`/api/stock-counts/${sheet.id}/submit`, {}), 403, 'out_of_scope'],
      [() => k.post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'approved' }), 403, 'role_required'],
      [() => cityLeader.post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'approved' }), 403, 'out_of_scope'],
      [() => finance.post(`/api/stock-counts/${sheet.id}/cancel`), 403, 'role_required'],
      [() => inspector.post(`/api/stock-counts/${sheet.id}/cancel`), 403, 'role_required'],
      [() => township.post(`/api/stock-counts/${sheet.id}/cancel`), 403, 'out_of_scope'],
      [() => township.get(`/api/stock-counts/${sheet.id}`), 403, 'out_of_scope'],
      [() => otherCity.get(`/api/stock-counts/${sheet.id}`), 403, 'out_of_scope'],
      [() => otherCity.get(`/api/stock-counts?depotId=${depotId}`), 403, 'out_of_scope'],
      [() => k.get('/api/stock-counts/999999'), 404, 'count_not_found'],
      [() => township.get(`/api/depots/${w.depot('6401').id}/count-status`), 403, 'out_of_scope'],
      [() => k.get('/api/depots/999999/count-status'), 404, 'depot_not_found'],
    ]);
    expect((await cityLeader.get(`/api/stock-counts/${sheet.id}`)).status).toBe(200);
    expect((await finance.get(`/api/stock-counts?depotId=${depotId}`)).body.total).toBe(1);
  });

  it('refuses bad input with 422 validation_failed (or 400 for broken JSON), and changes nothing', async () => {
    const a = buildBatch(w, { lot: 'BI-A' });
    givenStock(w, '640121', a.id, 5);
    const sheet = await start({ zones: ['qualified'] });
    const k = await keeper();
    const l = await leader();
    const line = (body: Record<string, unknown>) => k.post(`/api/stock-counts/${sheet.id}/lines`, body);
    await expectRefusals([
      [() => k.post('/api/stock-counts', { depotId, zones: ['cellar'] }), 422, 'validation_failed'],
      [() => k.post('/api/stock-counts', { depotId, zones: [] }), 422, 'validation_failed'],
      [() => k.post('/api/stock-counts', { depotId: 'x' }), 422, 'validation_failed'],
      [() => k.post('/api/stock-counts', { depotId, blind: 'yes' }), 422, 'validation_failed'],
      [() => line({ batchId: a.id, zone: 'qualified', quantity: -1, mode: 'set' }), 422, 'validation_failed'],
      [() => line({ batchId: a.id, zone: 'qualified', quantity: 1.5, mode: 'set' }), 422, 'validation_failed'],
      [() => line({ batchId: a.id, zone: 'qualified', quantity: 1e12, mode: 'set' }), 422, 'validation_failed'],
      [() => line({ batchId: a.id, zone: 'qualified', quantity: 1, mode: 'minus' }), 422, 'validation_failed'],
      [() => line({ batchId: a.id, raw: label(a.id), zone: 'qualified', quantity: 1 }), 422, 'validation_failed'],
      [() => line({ zone: 'qualified', quantity: 1 }), 422, 'validation_failed'],
      [() => line({ batchId: a.id, zone: 'shelf', quantity: 1 }), 422, 'validation_failed'],
      [() => line({ batchId: a.id, zone: 'qualified' }), 422, 'validation_failed'],
      [() => k.post(`/api/stock-counts/${sheet.id}/submit`, { uncountedAsZero: 'yes' }), 422, 'validation_failed'],
      [() => l.post(`/api/stock-counts/${sheet.id}/decision`, { decision: 'maybe' }), 422, 'validation_failed'],
      [() => k.get('/api/stock-counts?depotId=abc'), 422, 'validation_failed'],
      [() => k.get('/api/stock-counts/abc'), 422, 'validation_failed'],
      [() => k.post('/api/stock-counts', '{"depotId":'), 400, 'malformed_json'],
    ]);
  });

  it('never answers 500 to generated bodies on its write routes, and a refusal changes nothing', async () => {
    const a = buildBatch(w, { lot: 'FZ-1' });
    givenStock(w, '640121', a.id, 5);
    const sheet = await start({ zones: ['qualified'] });
    const k = await keeper();
    const l = await leader();
    const weird = fc.oneof(fc.jsonValue(), fc.constantFrom(null, -1, 0, 1.5, 1e308, '', 'x'.repeat(600), 'FP1:B:0', ']d2010690123456789210X', ['qualified', 'qualified', 'pending', 'nonconforming']));
    const mutated = (base: Record<string, unknown>) =>
      fc.tuple(fc.constantFrom(...Object.keys(base), 'extra'), weird, fc.boolean()).map(([key, value, drop]) => {
        const copy: Record<string, unknown> = { ...base };
        if (drop) delete copy[key];
        else copy[key] = value;
        return copy;
      });
    const targets: [Client, string, fc.Arbitrary<Record<string, unknown>>][] = [
      [k, '/api/stock-counts', mutated({ depotId: w.depot('640121100').id, zones: ['qualified'], blind: true, note: 'n' })],
      [k, `/api/stock-counts/${sheet.id}/lines`, mutated({ raw: label(a.id), zone: 'qualified', quantity: 1, mode: 'add' })],
      [k, `/api/stock-counts/${sheet.id}/lines`, mutated({ batchId: a.id, zone: 'qualified', quantity: 1, mode: 'set' })],
      [k, `/api/stock-counts/${sheet.id}/submit`, mutated({ uncountedAsZero: false })],
      [l, `/api/stock-counts/${sheet.id}/decision`, mutated({ decision: 'returned', reason: 'r' })],
    ];
    for (const [client, path, bodies] of targets) {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const before = snapshotCounts(w.db);
          const res = await client.post(path, body);
          expect(res.status, `${path} ${JSON.stringify(body).slice(0, 200)} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
          if (res.status >= 300) {
            expect(typeof res.body.code).toBe('string');
            expect(snapshotCounts(w.db)).toEqual(before);
          }
        }),
        { numRuns: 40 },
      );
    }
  });
});

describe('the yearly count (SC-1, S0:384: 每年要对库存药具进行定期盘库)', () => {
  /** Moves the world's clock; sessions from another day have expired, so users log in again. */
  function setClock(iso: string) {
    w.clock.set(iso);
    for (const k of Object.keys(users)) delete users[k];
  }

  /** Starts, submits and approves an empty count of a depot at an instant. */
  async function countedAt(code: string, iso: string) {
    setClock(iso);
    const k = await as(`${code}-storekeeper`);
    const started = await k.post('/api/stock-counts', { depotId: w.depot(code).id });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await submit(started.body.id, {}, `${code}-storekeeper`);
    const posted = await approve(started.body.id, `${code}-leader`);
    expect(posted).toMatchObject({ status: 'posted', postingId: null });
    return posted;
  }

  it('shows every depot below with its last posted count; never counted or over 12 months is overdue, 11 months is not', async () => {
    await countedAt('640121', '2025-12-22T02:00:00Z'); // 11 months before today
    await countedAt('640121100', '2025-10-22T02:00:00Z'); // 13 months
    await countedAt('6402', '2025-11-21T02:00:00Z'); // 12 months and a day
    setClock('2026-11-22T08:00:00Z');
    const township = await (await as('640121101-storekeeper')).post('/api/stock-counts', { depotId: w.depot('640121101').id, blind: true });
    expect(township.status).toBe(201);

    const res = await (await as('6401-leader')).get(`/api/depots/${w.depot('6401').id}/count-status`);
    expect(res.status).toBe(200);
    const rows = Object.fromEntries(res.body.items.map((i: any) => [i.code, [i.depth, i.lastCountedAt, i.overdue, i.openCountId]]));
    expect(rows).toEqual({
      '6401': [0, null, true, null],
      '640121': [1, '2025-12-22T02:00:00.000Z', false, null],
      '640121100': [2, '2025-10-22T02:00:00.000Z', true, null],
      '640121101': [2, null, true, township.body.id],
      '640121100200': [3, null, true, null],
    });
    expect(res.body).toMatchObject({ depotId: w.depot('6401').id, intervalMonths: 12, overdue: 4 });
    expect(res.body.items.find((i: any) => i.code === '640121')).toMatchObject({ tier: 'county', name: '永宁县', dueOn: '2026-12-22' });

    const region = (await (await as('64-leader')).get(`/api/depots/${w.depot('64').id}/count-status`)).body;
    expect(region.items).toHaveLength(7);
    expect(region.items.find((i: any) => i.code === '6402')).toMatchObject({ depth: 1, overdue: true, dueOn: '2026-11-21' });
    expect(region.overdue).toBe(6);

    // The county's 11-month-old count becomes overdue after its anniversary.
    setClock('2026-12-22T15:00:00Z'); // 23:00 on the 22nd in Beijing: still on time
    expect((await (await as('640121-leader')).get(`/api/depots/${depotId}/count-status`)).body.items[0]).toMatchObject({ code: '640121', overdue: false });
    setClock('2026-12-22T16:00:00Z'); // midnight: the 23rd
    expect((await (await as('640121-leader')).get(`/api/depots/${depotId}/count-status`)).body.items[0]).toMatchObject({ code: '640121', overdue: true });
  });

  it('a cancelled count does not count, and the latest posted count is the one shown', async () => {
    await countedAt('640121', '2025-06-01T02:00:00Z');
    await countedAt('640121', '2026-03-01T02:00:00Z');
    setClock('2026-11-22T08:00:00Z');
    const cancelled = await start();
    expect((await (await keeper()).post(`/api/stock-counts/${cancelled.id}/cancel`)).status).toBe(200);
    const item = (await (await leader()).get(`/api/depots/${depotId}/count-status`)).body.items[0];
    expect(item).toMatchObject({ code: '640121', lastCountedAt: '2026-03-01T02:00:00.000Z', overdue: false, openCountId: null });
    const list = (await (await leader()).get(`/api/stock-counts?depotId=${depotId}&pageSize=2`)).body;
    expect(list).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(list.items.map((i: any) => [i.number, i.status])).toEqual([
      ['PD-640121-0003', 'cancelled'],
      ['PD-640121-0002', 'posted'],
    ]);
  });
});
