import { describe, it, expect, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, type World } from '../helpers/world.ts';
import { loginAs } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';

/**
 * Every date and time is the depots' (config.timeZone, Asia/Shanghai by default; issue 17 item
 * 13): the session tells the web app the zone to show instants in, and a date the server derives
 * from an instant is the depots' calendar date. 23:30 UTC on 4 December is 07:30 on 5 December
 * in Ningxia.
 */
let w: World;
afterEach(() => expectLedgerConsistent(w.db));

const LATE_EVENING_UTC = '2026-12-04T23:30:00Z';
const id = (code: string) => w.depot(code).id;
const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;

async function ok(pending: Promise<{ status: number; body: any }>, status = 200) {
  const res = await pending;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

describe('the depots’ time zone', () => {
  it('comes with the session, at login and from GET /api/auth/me, as the server is configured (and so does how often an open document is read again)', async () => {
    w = await makeWorld({ now: LATE_EVENING_UTC });
    const login = await w.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '640121-planner', password: 'test-pass-1' }) });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ timeZone: 'Asia/Shanghai', liveRefreshSeconds: 12 });
    expect(await ok((await loginAs(w, '640121-planner')).get('/api/auth/me'))).toMatchObject({ timeZone: 'Asia/Shanghai', liveRefreshSeconds: 12 });

    w = await makeWorld({ now: LATE_EVENING_UTC, config: { timeZone: 'America/New_York', liveRefreshSeconds: 30 } });
    expect(await ok((await loginAs(w, '640121-planner')).get('/api/auth/me'))).toMatchObject({ timeZone: 'America/New_York', liveRefreshSeconds: 30 });
  });

  it('dates a receipt opened and signed at 23:30 UTC on the next day, and the planner’s dashboard lists it with that date until signed', async () => {
    w = await makeWorld({ now: LATE_EVENING_UTC });
    const keeper = await loginAs(w, '640121-storekeeper');
    const planner = await loginAs(w, '640121-planner');
    const r = await ok(keeper.post('/api/receipts', { depotId: id('640121'), supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'SH-2026-1205' }), 201);
    expect(r.arrivedOn).toBe('2026-12-05');
    await ok(keeper.post(`/api/receipts/${r.id}/scans`, { productId: productId('KJ-0101'), lot: 'TZ-1', expiresOn: '2028-06-30', quantity: 10 }));
    const counted = await ok(keeper.post(`/api/receipts/${r.id}/count`));
    // Counted on the day of arrival in Ningxia (S0:356): not late, although UTC is still on the 4th.
    expect(counted.countedLate).toBe(false);
    const dash = await ok(planner.get(`/api/depots/${id('640121')}/dashboard`));
    expect(dash.today).toBe('2026-12-05');
    expect(dash.planning.receiptsToSign.map((x: any) => [x.number, x.arrivedOn, x.countedAt])).toEqual([[r.number, '2026-12-05', LATE_EVENING_UTC.replace('Z', '.000Z')]]);
    const signed = await ok(planner.post(`/api/receipts/${r.id}/sign`, { role: 'planner' }));
    // The instant is sent as it is; the screens show it as 2026-12-05 07:30 (test/web/datetime.test.ts).
    expect(signed.signatures.map((s: any) => [s.role, s.signedAt])).toEqual([['planner', '2026-12-04T23:30:00.000Z']]);
  });

  it('reports a dispatch at 23:30 UTC under the next day and in the next month at a month’s end', async () => {
    w = await makeWorld({ now: '2026-11-30T23:30:00Z' }); // 07:30 on 1 December in Ningxia
    const later = buildBatch(w, { productCode: 'KJ-0101', lot: 'LATE', expiresOn: '2028-06-30' });
    const soon = buildBatch(w, { productCode: 'KJ-0101', lot: 'SOON', expiresOn: '2027-06-30' });
    givenStock(w, '640121', later.id, 50);
    givenStock(w, '640121', soon.id, 50);
    const order = await ok(
      (await loginAs(w, '640121-planner')).post('/api/transfer-orders', { fromDepotId: id('640121'), toDepotId: id('640121100'), basis: 'temporary', lines: [{ productId: productId('KJ-0101'), quantity: 5 }] }),
      201,
    );
    await ok((await loginAs(w, '640121-leader')).post(`/api/transfer-orders/${order.id}/decision`, { decision: 'approved' }));
    const keeper = await loginAs(w, '640121-storekeeper');
    await ok(keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: `FP1:B:${later.id}`, quantity: 5, reason: '整箱发货' }));
    await ok(keeper.post(`/api/transfer-orders/${order.id}/dispatch`));
    const leader = await loginAs(w, '640121-leader');
    const december = await ok(leader.get(`/api/reports/fefo-overrides?depotId=${id('640121')}&period=month&month=12`));
    expect(december.rows.map((r: any) => [r.orderNumber, r.date])).toEqual([[order.number, '2026-12-01']]);
    expect((await ok(leader.get(`/api/reports/fefo-overrides?depotId=${id('640121')}&period=month&month=11`))).rows).toEqual([]);
  });
});
