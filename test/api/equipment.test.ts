import { describe, it, expect, beforeEach } from 'vitest';
import { makeWorld, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { ROLES } from '../../server/schemas/constants.ts';
import { createArea, createSensor } from '../../server/services/climate.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' });
});

const TOWNSHIP = '640121100';
const COUNTY = '640121';
const id = (code: string) => w.depot(code).id;
const userId = (username: string) => w.actor(username).userId;

async function refused(call: () => Promise<{ status: number; body: any; headers: Headers }>, status: number, code: string) {
  const before = snapshotCounts(w.db);
  const res = await call();
  expect([res.status, res.body.code], JSON.stringify(res.body)).toEqual([status, code]);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const { sessions: _a, audit_log: _b, ...after } = snapshotCounts(w.db);
  const { sessions: _c, audit_log: _d, ...was } = before;
  expect(after).toEqual(was);
}

const PRINTER = () => ({ kind: 'printer', model: '得实 DS-1930', serial: 'DS19-0042', location: '办公室', responsibleId: userId(`${TOWNSHIP}-storekeeper`) });

async function request(by: string, body: Record<string, unknown>) {
  const res = await (await as(by)).post('/api/equipment-requests', { depotId: id(TOWNSHIP), reason: '发放单据需打印', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A printer on the township's register: asked for by the storekeeper, approved by the leader. */
async function printerOnRegister() {
  const r = await request(`${TOWNSHIP}-storekeeper`, { kind: 'add', item: PRINTER() });
  const approved = await (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved' });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return approved.body.resultItemId as number;
}

describe('equipment register and changes (S0:458-461)', () => {
  it('an addition changes nothing until the leader approves it; then the item is on the register with its person responsible', async () => {
    const r = await request(`${TOWNSHIP}-storekeeper`, { kind: 'add', item: PRINTER() });
    expect(r).toMatchObject({ kind: 'add', status: 'pending', itemId: null, proposal: { kind: 'printer', model: '得实 DS-1930', responsibleName: w.actor(`${TOWNSHIP}-storekeeper`).displayName } });
    let list = await (await as(`${TOWNSHIP}-leader`)).get(`/api/equipment?depotId=${id(TOWNSHIP)}`);
    expect(list.body).toMatchObject({ items: [], pending: 1 });
    expect((await (await as(`${TOWNSHIP}-leader`)).get(`/api/depots/${id(TOWNSHIP)}/dashboard`)).body.facilities.pendingRequests).toBe(1);

    const decided = await (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', decidedByName: w.actor(`${TOWNSHIP}-leader`).displayName, resultItemId: expect.any(Number) });
    list = await (await as(`${TOWNSHIP}-storekeeper`)).get(`/api/equipment?depotId=${id(TOWNSHIP)}`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: decided.body.resultItemId, kind: 'printer', serial: 'DS19-0042', status: 'in_service', onRegister: true, responsibleId: userId(`${TOWNSHIP}-storekeeper`) })]);
    const audit = w.db.$client.prepare(`select action from audit_log where entity = 'equipment_request' and entity_id = ? order by id`).pluck().all(String(r.id));
    expect(audit).toEqual(['request', 'approve']);
  });

  it('a replacement approved takes the old item off the register and puts the new one on, naming the one it replaced', async () => {
    const old = await printerOnRegister();
    const r = await request(`${TOWNSHIP}-storekeeper`, { kind: 'replace', itemId: old, item: { ...PRINTER(), model: '得实 DS-2600', serial: 'DS26-0007' }, reason: '打印头损坏，无法修复' });
    const res = await (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved', note: '同意更换' });
    expect(res.status).toBe(200);
    const replaced = await (await as(`${TOWNSHIP}-leader`)).get(`/api/equipment/${old}`);
    expect(replaced.body).toMatchObject({ status: 'replaced', onRegister: false, leftAt: expect.any(String) });
    const fresh = await (await as(`${TOWNSHIP}-leader`)).get(`/api/equipment/${res.body.resultItemId}`);
    expect(fresh.body).toMatchObject({ model: '得实 DS-2600', status: 'in_service', replacesId: old });
    expect(fresh.body.requests.map((x: any) => x.id)).toEqual([r.id]);
  });

  it('retire and scrap take the item off the register; a decline changes nothing and says why', async () => {
    const item = await printerOnRegister();
    const declined = await request(`${TOWNSHIP}-storekeeper`, { kind: 'scrap', itemId: item, reason: '老旧' });
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${declined.id}/decision`, { decision: 'declined' }), 422, 'validation_failed');
    expect((await (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${declined.id}/decision`, { decision: 'declined', note: '尚可使用' })).body.status).toBe('declined');
    expect((await (await as(`${TOWNSHIP}-leader`)).get(`/api/equipment/${item}`)).body.status).toBe('in_service');

    const retire = await request(`${TOWNSHIP}-storekeeper`, { kind: 'retire', itemId: item, reason: '不再使用' });
    await (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${retire.id}/decision`, { decision: 'approved' });
    expect((await (await as(`${TOWNSHIP}-leader`)).get(`/api/equipment/${item}`)).body.status).toBe('retired');
    await refused(async () => (await as(`${TOWNSHIP}-storekeeper`)).post('/api/equipment-requests', { depotId: id(TOWNSHIP), kind: 'scrap', itemId: item, reason: '报废' }), 409, 'equipment_not_on_register');
  });

  it('the requester never approves their own request (409 self_approval)', async () => {
    const r = await request(`${TOWNSHIP}-leader`, { kind: 'add', item: PRINTER() });
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved' }), 409, 'self_approval');
  });

  it('one user holding every role at the depot cannot change its equipment alone', async () => {
    await w.addUser('everything', TOWNSHIP, [...ROLES]);
    const r = await request('everything', { kind: 'add', item: PRINTER() });
    await refused(async () => (await as('everything')).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved' }), 409, 'self_approval');
    expect((await (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved' })).status).toBe(200);
  });

  it('only a leader of the depot decides (403 role_required; the county above 403 out_of_scope), once (409 equipment_request_not_pending)', async () => {
    const r = await request(`${TOWNSHIP}-storekeeper`, { kind: 'add', item: PRINTER() });
    await refused(async () => (await as(`${TOWNSHIP}-planner`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved' }), 403, 'role_required');
    await refused(async () => (await as(`${COUNTY}-leader`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved' }), 403, 'out_of_scope');
    await (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved' });
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'declined', note: '再议' }), 409, 'equipment_request_not_pending');
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post('/api/equipment-requests/999999/decision', { decision: 'approved' }), 404, 'equipment_request_not_found');
  });

  it('refuses a person responsible from elsewhere, a sensor of another depot, a second pending change of an item, and a request missing its item', async () => {
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const body = (extra: Record<string, unknown>) => ({ depotId: id(TOWNSHIP), reason: '测试', ...extra });
    await refused(() => keeper.post('/api/equipment-requests', body({ kind: 'add', item: { ...PRINTER(), responsibleId: userId(`${COUNTY}-storekeeper`) } })), 422, 'equipment_responsible_invalid');
    const area = createArea(w.deps, w.actor(`${COUNTY}-storekeeper`), id(COUNTY), { name: '县库', kind: 'room' });
    const sensor = createSensor(w.deps, w.actor(`${COUNTY}-storekeeper`), area.id, '县库探头');
    await refused(() => keeper.post('/api/equipment-requests', body({ kind: 'add', item: { ...PRINTER(), kind: 'sensor', sensorId: sensor.id } })), 422, 'equipment_sensor_invalid');
    await refused(() => keeper.post('/api/equipment-requests', body({ kind: 'replace', itemId: null, item: PRINTER() })), 422, 'validation_failed');
    await refused(() => keeper.post('/api/equipment-requests', body({ kind: 'add' })), 422, 'validation_failed');
    const item = await printerOnRegister();
    await request(`${TOWNSHIP}-storekeeper`, { kind: 'retire', itemId: item });
    await refused(() => keeper.post('/api/equipment-requests', body({ kind: 'scrap', itemId: item })), 409, 'equipment_change_pending');
    await refused(async () => (await as(`${COUNTY}-storekeeper`)).post('/api/equipment-requests', { depotId: id(COUNTY), kind: 'retire', itemId: item, reason: '跨站' }), 404, 'equipment_item_not_found');
  });

  it('a climate sensor already registered at the depot can be linked to its item', async () => {
    const area = createArea(w.deps, w.actor(`${TOWNSHIP}-storekeeper`), id(TOWNSHIP), { name: '药具柜', kind: 'cabinet' });
    const sensor = createSensor(w.deps, w.actor(`${TOWNSHIP}-storekeeper`), area.id, '柜内探头');
    const r = await request(`${TOWNSHIP}-storekeeper`, { kind: 'add', item: { ...PRINTER(), kind: 'sensor', model: 'TH-10', sensorId: sensor.id } });
    const approved = await (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved' });
    expect((await (await as(`${TOWNSHIP}-leader`)).get(`/api/equipment/${approved.body.resultItemId}`)).body).toMatchObject({ kind: 'sensor', sensorId: sensor.id, sensorName: '柜内探头' });
  });

  it('the requester withdraws a pending request; nobody else does', async () => {
    const r = await request(`${TOWNSHIP}-storekeeper`, { kind: 'add', item: PRINTER() });
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${r.id}/withdraw`), 403, 'forbidden');
    expect((await (await as(`${TOWNSHIP}-storekeeper`)).post(`/api/equipment-requests/${r.id}/withdraw`)).body.status).toBe('withdrawn');
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${r.id}/decision`, { decision: 'approved' }), 409, 'equipment_request_not_pending');
  });
});

describe('maintenance log (信息设备维护记录表, S0:512)', () => {
  it('a user of the depot logs a fault and a repair; the item goes faulty and back; the log prints and exports', async () => {
    const item = await printerOnRegister();
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const fault = await keeper.post(`/api/equipment/${item}/maintenance`, { doneOn: '2026-11-20', work: '卡纸，进纸轮磨损', doneBy: '张保管', result: '待更换进纸轮', status: 'faulty' });
    expect(fault.status, JSON.stringify(fault.body)).toBe(201);
    expect(fault.body.status).toBe('faulty');
    const fixed = await keeper.post(`/api/equipment/${item}/maintenance`, { doneOn: '2026-11-22', work: '更换进纸轮', doneBy: '县站维修员 李工', result: '打印正常', status: 'in_service' });
    expect(fixed.body).toMatchObject({ status: 'in_service', maintenance: [{ doneOn: '2026-11-20', work: '卡纸，进纸轮磨损' }, { doneOn: '2026-11-22', doneBy: '县站维修员 李工', result: '打印正常' }] });
    expect(() => w.db.$client.prepare('update equipment_maintenance set id = id').run()).toThrow('equipment_maintenance is append-only');
    expect(() => w.db.$client.prepare('delete from equipment_maintenance').run()).toThrow('equipment_maintenance is append-only');

    const html = await keeper.get(`/api/equipment/${item}/maintenance-log`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('信息设备维护记录表');
    expect(html.body).toContain('更换进纸轮');
    expect(html.body).toContain('DS19-0042');
    const en = await keeper.get(`/api/equipment/${item}/maintenance-log?lang=en`);
    expect(en.body).toContain('IT equipment maintenance log');
    const xlsx = await keeper.get(`/api/equipment/${item}/maintenance-log?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('refuses a date after today (422 date_in_future), an item off the register (409), and a user of another depot (403 out_of_scope)', async () => {
    const item = await printerOnRegister();
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const line = { doneOn: '2026-11-22', work: '检查电源与接地', doneBy: '张保管', result: '正常' };
    await refused(() => keeper.post(`/api/equipment/${item}/maintenance`, { ...line, doneOn: '2026-11-23' }), 422, 'date_in_future');
    await refused(async () => (await as(`${COUNTY}-storekeeper`)).post(`/api/equipment/${item}/maintenance`, line), 403, 'out_of_scope');
    await refused(() => keeper.post('/api/equipment/999999/maintenance', line), 404, 'equipment_item_not_found');
    const retire = await request(`${TOWNSHIP}-storekeeper`, { kind: 'retire', itemId: item });
    await (await as(`${TOWNSHIP}-leader`)).post(`/api/equipment-requests/${retire.id}/decision`, { decision: 'approved' });
    await refused(() => keeper.post(`/api/equipment/${item}/maintenance`, line), 409, 'equipment_not_on_register');
  });
});
