import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { ROLES } from '../../server/schemas/constants.ts';
import { CHECKLIST_ITEMS } from '../../server/domain/supervision.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' });
});
afterEach(() => expectLedgerConsistent(w.db));

const TOWNSHIP = '640121100';
const OTHER_TOWNSHIP = '640121101';
const VILLAGE = '640121100200';
const COUNTY = '640121';
const CITY = '6401';
const id = (code: string) => w.depot(code).id;
const userId = (username: string) => w.actor(username).userId;

const notificationsOf = async (username: string, kind: string) => ((await (await as(username)).get('/api/notifications')).body.items as any[]).filter((n) => n.kind === kind);
const auditOf = (entity: string, entityId: number) =>
  w.db.$client.prepare(`select action, depot_id as depotId from audit_log where entity = ? and entity_id = ? order by id`).all(entity, String(entityId)) as { action: string; depotId: number }[];

/** Row counts but for the sessions a first login in `call` opens (and audits). */
function counts() {
  const { sessions: _sessions, ...rest } = snapshotCounts(w.db);
  return {
    ...rest,
    audit_log: w.db.$client.prepare(`select count(*) from audit_log where entity != 'session'`).pluck().get(),
    visits: JSON.stringify(w.db.$client.prepare('select * from supervision_visits').all()),
    actions: JSON.stringify(w.db.$client.prepare('select * from supervision_actions').all()),
  };
}

/** A refused request answers `status`/`code` as problem+json and changes no row. */
async function refused(call: () => Promise<{ status: number; body: any; headers: Headers }>, status: number, code: string) {
  const before = counts();
  const res = await call();
  expect([res.status, res.body.code], JSON.stringify(res.body)).toEqual([status, code]);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(counts()).toEqual(before);
}

const put = (c: Client, path: string, body: unknown) => c.raw(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function planVisit(by = `${COUNTY}-inspector`, visited = TOWNSHIP, extra: Record<string, unknown> = {}) {
  const res = await (await as(by)).post('/api/supervision-visits', { visitedDepotId: id(visited), plannedOn: '2026-11-25', visitors: ['张检查', '李会计'], methods: ['auditing_accounts', 'tracking_supplies'], ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A visit in progress with every item decided and one finding with an action owned by the township storekeeper. */
async function visitWithAction(dueOn = '2026-12-10') {
  const visit = await planVisit();
  const county = await as(`${COUNTY}-inspector`);
  expect((await county.post(`/api/supervision-visits/${visit.id}/start`)).status).toBe(200);
  for (const item of CHECKLIST_ITEMS) expect((await put(county, `/api/supervision-visits/${visit.id}/checklist/${item}`, { result: item === 'storage' ? 'attention' : 'pass' })).status).toBe(200);
  const res = await county.post(`/api/supervision-visits/${visit.id}/findings`, {
    text: '合格品区存放过期药具',
    severity: 'major',
    item: 'storage',
    actions: [{ text: '过期药具移入不合格品区并报损', ownerId: userId(`${TOWNSHIP}-storekeeper`), dueOn }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('supervision visits (监督检查, S0:473-483)', () => {
  it('the county plans a visit, the checklist is pre-filled from what the system knows, a finding with an action is signed, the township closes it, the county verifies it and closes the visit', async () => {
    // 40 盒 expired in the township's qualified zone: storage and dispensing steps call for attention.
    const expired = buildBatch(w, { lot: 'EXP01', expiresOn: '2026-10-31' });
    givenStock(w, TOWNSHIP, expired.id, 40);

    const visit = await planVisit();
    expect(visit).toMatchObject({ status: 'planned', plannedOn: '2026-11-25', visitors: ['张检查', '李会计'], leaderId: userId(`${COUNTY}-inspector`), checklist: null, visitingDepot: { code: COUNTY }, visitedDepot: { code: TOWNSHIP } });
    const [planned] = await notificationsOf(`${TOWNSHIP}-leader`, 'supervision_planned');
    expect(planned).toMatchObject({ entity: 'supervision_visit', entityId: visit.id, params: { visitingDepot: w.depot(COUNTY).name, plannedOn: '2026-11-25' } });

    const county = await as(`${COUNTY}-inspector`);
    const started = await county.post(`/api/supervision-visits/${visit.id}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.status).toBe('in_progress');
    const items = Object.fromEntries((started.body.checklist as any[]).map((c) => [c.key, c]));
    expect(Object.keys(items)).toEqual([...CHECKLIST_ITEMS]);
    expect(items.funds.suggested).toBeNull();
    expect(items.storage.suggested).toBe('attention');
    expect(items.dispensing_steps.suggested).toBe('attention');
    expect(items.dispensing_steps.evidence.find((e: any) => e.flag).value.zh).toBe('1 批，40');
    expect(items.transfers.suggested).toBe('pass');
    expect(items.accounts.evidence[0]).toMatchObject({ flag: false, value: { en: expect.stringMatching(/^0 violations/) } });
    expect(started.body.checklist.every((c: any) => c.result === null)).toBe(true);

    for (const item of CHECKLIST_ITEMS) {
      const res = await put(county, `/api/supervision-visits/${visit.id}/checklist/${item}`, { result: item === 'funds' ? 'pass' : items[item].suggested, note: item === 'funds' ? '凭证齐全' : null });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const found = await county.post(`/api/supervision-visits/${visit.id}/findings`, {
      text: '合格品区存放过期药具 40 盒',
      severity: 'major',
      item: 'storage',
      actions: [{ text: '移入不合格品区并申请报损', ownerId: userId(`${TOWNSHIP}-storekeeper`), dueOn: '2026-12-10' }],
    });
    expect(found.status, JSON.stringify(found.body)).toBe(201);
    const [finding] = found.body.findings;
    expect(finding).toMatchObject({ severity: 'major', item: 'storage', actions: [{ status: 'open', ownerName: `${w.depot(TOWNSHIP).name} storekeeper`, dueOn: '2026-12-10', overdue: false }] });
    const actionId = finding.actions[0].id;

    const signed = await county.post(`/api/supervision-visits/${visit.id}/sign`);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({ status: 'findings_recorded', openActions: 1 });
    expect((await notificationsOf(`${TOWNSHIP}-leader`, 'supervision_actions'))[0].params).toMatchObject({ findings: 1, actions: 1 });

    const owed = await (await as(`${TOWNSHIP}-leader`)).get(`/api/supervision-actions?depotId=${id(TOWNSHIP)}`);
    expect(owed.body).toMatchObject({ open: 1, overdue: 0, items: [{ id: actionId, otherDepot: { code: COUNTY }, finding: { severity: 'major' } }] });

    const closed = await (await as(`${TOWNSHIP}-storekeeper`)).post(`/api/supervision-actions/${actionId}/close`, { note: '已移入不合格品区，报损单已提交' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closeNote: '已移入不合格品区，报损单已提交', closedByName: `${w.depot(TOWNSHIP).name} storekeeper` });
    expect((await notificationsOf(`${COUNTY}-inspector`, 'supervision_action_closed'))[0].params).toMatchObject({ visitedDepot: w.depot(TOWNSHIP).name, action: '移入不合格品区并申请报损' });

    const verified = await county.post(`/api/supervision-actions/${actionId}/verify`);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.status).toBe('verified');

    const done = await county.post(`/api/supervision-visits/${visit.id}/close`, { note: '整改到位' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'closed', closeNote: '整改到位', openActions: 0 });
    expect(auditOf('supervision_visit', visit.id).map((a) => a.action)).toEqual(['plan', 'start', ...CHECKLIST_ITEMS.map(() => 'check'), 'add_finding', 'sign', 'supervised', 'close']);
    expect(auditOf('supervision_action', actionId)).toEqual([
      { action: 'add_action', depotId: id(COUNTY) },
      { action: 'close', depotId: id(TOWNSHIP) },
      { action: 'verify', depotId: id(COUNTY) },
    ]);

    // The evidence stays as it was when the visit began, whatever the ledger does later.
    const again = await county.get(`/api/supervision-visits/${visit.id}`);
    expect(again.body.checklist).toEqual(signed.body.checklist);
  });

  it('checks the ledger of the visited depot alone: a balance off at one township shows in its visit, not in its neighbour’s', async () => {
    const batch = buildBatch(w, { lot: 'LEDGER1' });
    givenStock(w, TOWNSHIP, batch.id, 30);
    givenStock(w, OTHER_TOWNSHIP, batch.id, 20);
    const balance = () => w.db.$client.prepare(`select quantity from stock_balances where depot_id = ? and batch_id = ? and location = 'qualified'`);
    w.db.$client.prepare(`update stock_balances set quantity = 31 where depot_id = ? and batch_id = ? and location = 'qualified'`).run(id(TOWNSHIP), batch.id);
    try {
      const county = await as(`${COUNTY}-inspector`);
      const ledgerLine = async (visited: string) => {
        const visit = await planVisit(`${COUNTY}-inspector`, visited);
        const started = await county.post(`/api/supervision-visits/${visit.id}/start`);
        return (started.body.checklist as any[]).find((c) => c.key === 'accounts').evidence[0];
      };
      expect(await ledgerLine(TOWNSHIP)).toMatchObject({ flag: true, value: { en: '1 violations (1 movements)' } });
      expect(await ledgerLine(OTHER_TOWNSHIP)).toMatchObject({ flag: false, value: { en: '0 violations (1 movements)' } });
    } finally {
      w.db.$client.prepare(`update stock_balances set quantity = 30 where depot_id = ? and batch_id = ? and location = 'qualified'`).run(id(TOWNSHIP), batch.id);
    }
    expect(balance().pluck().get(id(TOWNSHIP), batch.id)).toBe(30);
  });

  it('prints the record as HTML and XLSX, in Chinese and English', async () => {
    const visit = await visitWithAction();
    const county = await as(`${COUNTY}-inspector`);
    const html = await county.get(`/api/supervision-visits/${visit.id}/record`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('药具监督检查记录表');
    expect(html.body).toContain('合格品区存放过期药具');
    expect(html.body).toContain('药具调拨上下对应情况');
    expect(html.body).toContain('检查组长');
    const en = await county.get(`/api/supervision-visits/${visit.id}/record?lang=en`);
    expect(en.body).toContain('Supervision visit record');
    expect(en.body).toContain('Transfers matching above and below');
    const xlsx = await county.raw(`/api/supervision-visits/${visit.id}/record?format=xlsx`, {});
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    // The township reads the visit to it, and prints it too.
    expect((await (await as(`${TOWNSHIP}-leader`)).get(`/api/supervision-visits/${visit.id}/record`)).status).toBe(200);
  });

  it('refuses a visit to itself (403 supervise_own_depot) and to a depot not below it (403 depot_not_below), and from a role that does not plan (403 role_required)', async () => {
    const county = await as(`${COUNTY}-leader`);
    const body = (code: string) => ({ visitedDepotId: id(code), plannedOn: '2026-11-25', visitors: ['张检查'] });
    await refused(() => county.post('/api/supervision-visits', body(COUNTY)), 403, 'supervise_own_depot');
    await refused(() => county.post('/api/supervision-visits', body(CITY)), 403, 'depot_not_below');
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post('/api/supervision-visits', body(OTHER_TOWNSHIP)), 403, 'depot_not_below');
    await refused(async () => (await as(`${COUNTY}-storekeeper`)).post('/api/supervision-visits', body(TOWNSHIP)), 403, 'role_required');
    // The visit leader is a user of the visiting depot.
    await refused(() => county.post('/api/supervision-visits', { ...body(TOWNSHIP), leaderId: userId(`${TOWNSHIP}-leader`) }), 422, 'validation_failed');
    // Any depot above may visit: the city visits a village two levels down.
    const city = await planVisit(`${CITY}-planner`, VILLAGE);
    expect(city.visitingDepot.code).toBe(CITY);
  });

  it('follows the states: start once (409 visit_wrong_state), no finding before the start or after signing, sign only by the visit leader (403 not_visit_leader) once every item is decided (409 checklist_incomplete)', async () => {
    const visit = await planVisit(`${COUNTY}-inspector`, TOWNSHIP, { leaderId: userId(`${COUNTY}-leader`) });
    const inspector = await as(`${COUNTY}-inspector`);
    const leader = await as(`${COUNTY}-leader`);
    const finding = { text: '账目不清', severity: 'minor', actions: [] };
    await refused(() => inspector.post(`/api/supervision-visits/${visit.id}/findings`, finding), 409, 'visit_wrong_state');
    await refused(() => put(inspector, `/api/supervision-visits/${visit.id}/checklist/funds`, { result: 'pass' }), 409, 'visit_wrong_state');
    expect((await inspector.post(`/api/supervision-visits/${visit.id}/start`)).status).toBe(200);
    await refused(() => inspector.post(`/api/supervision-visits/${visit.id}/start`), 409, 'visit_wrong_state');
    await refused(() => leader.post(`/api/supervision-visits/${visit.id}/sign`), 409, 'checklist_incomplete');
    for (const item of CHECKLIST_ITEMS) expect((await put(inspector, `/api/supervision-visits/${visit.id}/checklist/${item}`, { result: 'pass' })).status).toBe(200);
    await refused(() => inspector.post(`/api/supervision-visits/${visit.id}/sign`), 403, 'not_visit_leader');
    await refused(() => inspector.post(`/api/supervision-visits/${visit.id}/findings`, { ...finding, actions: [{ text: '补记账目', ownerId: userId(`${OTHER_TOWNSHIP}-leader`), dueOn: '2026-12-01' }] }), 422, 'action_owner_invalid');
    await refused(() => inspector.post(`/api/supervision-visits/${visit.id}/findings`, { ...finding, actions: [{ text: '补记账目', ownerId: userId(`${TOWNSHIP}-leader`), dueOn: '2026-11-01' }] }), 422, 'validation_failed');
    await refused(() => inspector.post(`/api/supervision-visits/${visit.id}/actions`, { findingId: 999, text: '补记账目', ownerId: userId(`${TOWNSHIP}-leader`), dueOn: '2026-12-01' }), 404, 'finding_not_found');
    // The township cannot work on the visit to it; the city above reads it but does not perform it.
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(`/api/supervision-visits/${visit.id}/findings`, finding), 403, 'out_of_scope');
    await refused(async () => (await as(`${CITY}-inspector`)).post(`/api/supervision-visits/${visit.id}/findings`, finding), 403, 'out_of_scope');
    expect((await (await as(`${CITY}-inspector`)).get(`/api/supervision-visits/${visit.id}`)).status).toBe(200);
    // The village below the township reads nothing of a visit to the township.
    await refused(async () => (await as(`${VILLAGE}-leader`)).get(`/api/supervision-visits/${visit.id}`), 403, 'out_of_scope');
    const signed = await leader.post(`/api/supervision-visits/${visit.id}/sign`);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    await refused(() => inspector.post(`/api/supervision-visits/${visit.id}/findings`, finding), 409, 'visit_wrong_state');
    // No actions: the visit closes at once.
    expect((await inspector.post(`/api/supervision-visits/${visit.id}/close`, {})).body.status).toBe('closed');
    await refused(() => inspector.post(`/api/supervision-visits/${visit.id}/close`, {}), 409, 'visit_wrong_state');
  });

  it('an action is closed by the visited depot only (403 visiting_side_cannot_close) after signing, and verified by the visiting depot only: a township user holding every role fails (403 visited_side_cannot_verify)', async () => {
    const visit = await visitWithAction();
    const actionId = visit.findings[0].actions[0].id;
    const county = await as(`${COUNTY}-inspector`);
    const owner = await as(`${TOWNSHIP}-storekeeper`);
    await refused(() => owner.post(`/api/supervision-actions/${actionId}/close`, { note: '已整改' }), 409, 'visit_wrong_state');
    expect((await county.post(`/api/supervision-visits/${visit.id}/sign`)).status).toBe(200);

    await refused(() => county.post(`/api/supervision-actions/${actionId}/close`, { note: '已整改' }), 403, 'visiting_side_cannot_close');
    await refused(async () => (await as(`${COUNTY}-leader`)).post(`/api/supervision-actions/${actionId}/close`, { note: '已整改' }), 403, 'visiting_side_cannot_close');
    await refused(async () => (await as(`${TOWNSHIP}-planner`)).post(`/api/supervision-actions/${actionId}/close`, { note: '已整改' }), 403, 'role_required');
    await refused(async () => (await as(`${OTHER_TOWNSHIP}-leader`)).post(`/api/supervision-actions/${actionId}/close`, { note: '已整改' }), 403, 'out_of_scope');
    await refused(() => county.post(`/api/supervision-actions/${actionId}/verify`), 409, 'action_wrong_state');
    await refused(() => county.post(`/api/supervision-visits/${visit.id}/close`, {}), 409, 'visit_has_open_actions');

    expect((await owner.post(`/api/supervision-actions/${actionId}/close`, { note: '已整改' })).status).toBe(200);
    await refused(() => owner.post(`/api/supervision-actions/${actionId}/close`, { note: '再次' }), 409, 'action_wrong_state');
    const everything = await as(await w.addUser('township-all-roles', TOWNSHIP, [...ROLES]));
    await refused(() => everything.post(`/api/supervision-actions/${actionId}/verify`), 403, 'visited_side_cannot_verify');
    await refused(() => owner.post(`/api/supervision-actions/${actionId}/verify`), 403, 'visited_side_cannot_verify');
    await refused(async () => (await as(`${COUNTY}-storekeeper`)).post(`/api/supervision-actions/${actionId}/verify`), 403, 'role_required');
    // Closed but not verified still keeps the visit open.
    await refused(() => county.post(`/api/supervision-visits/${visit.id}/close`, {}), 409, 'visit_has_open_actions');
    expect((await (await as(`${COUNTY}-planner`)).post(`/api/supervision-actions/${actionId}/verify`)).status).toBe(200);
    await refused(() => county.post(`/api/supervision-actions/${actionId}/verify`), 409, 'action_wrong_state');
    expect((await county.post(`/api/supervision-visits/${visit.id}/close`, {})).status).toBe(200);
  });

  it('an open action past its deadline is overdue for both depots, and shows on both dashboards', async () => {
    const visit = await visitWithAction('2026-11-30');
    expect((await (await as(`${COUNTY}-inspector`)).post(`/api/supervision-visits/${visit.id}/sign`)).status).toBe(200);
    w.clock.set('2026-12-02T08:00:00Z');
    for (const k of Object.keys(users)) delete users[k]; // the sessions lapsed over the days
    const county = await as(`${COUNTY}-inspector`);
    const owed = await (await as(`${TOWNSHIP}-leader`)).get(`/api/supervision-actions?depotId=${id(TOWNSHIP)}&side=visited`);
    expect(owed.body).toMatchObject({ overdue: 1, items: [{ overdue: true }] });
    const below = await county.get(`/api/supervision-actions?depotId=${id(COUNTY)}&side=visiting`);
    expect(below.body).toMatchObject({ overdue: 1, items: [{ overdue: true, otherDepot: { code: TOWNSHIP } }] });
    expect((await county.get(`/api/supervision-visits/${visit.id}`)).body.overdueActions).toBe(1);
    const townshipBoard = await (await as(`${TOWNSHIP}-leader`)).get(`/api/depots/${id(TOWNSHIP)}/dashboard`);
    expect(townshipBoard.body.supervision).toMatchObject({ owed: [{ dueOn: '2026-11-30', depot: w.depot(COUNTY).name }], below: [] });
    const countyBoard = await county.get(`/api/depots/${id(COUNTY)}/dashboard`);
    expect(countyBoard.body.supervision).toMatchObject({ owed: [], below: [{ depot: w.depot(TOWNSHIP).name }] });
    // Closed in time or late, it is no longer overdue.
    expect((await (await as(`${TOWNSHIP}-storekeeper`)).post(`/api/supervision-actions/${visit.findings[0].actions[0].id}/close`, { note: '已整改' })).status).toBe(200);
    expect((await county.get(`/api/supervision-visits/${visit.id}`)).body.overdueActions).toBe(0);
  });

  it('the visiting depot sends a closed action back with a reason and a new deadline; the visited side cannot, whatever roles it holds (403 visited_side_cannot_reopen)', async () => {
    const visit = await visitWithAction();
    const actionId = visit.findings[0].actions[0].id;
    const county = await as(`${COUNTY}-inspector`);
    const owner = await as(`${TOWNSHIP}-storekeeper`);
    expect((await county.post(`/api/supervision-visits/${visit.id}/sign`)).status).toBe(200);
    await refused(() => county.post(`/api/supervision-actions/${actionId}/reopen`, { note: '尚未报损' }), 409, 'action_wrong_state');
    expect((await owner.post(`/api/supervision-actions/${actionId}/close`, { note: '已移入不合格品区' })).status).toBe(200);

    const everything = await as(await w.addUser('township-all-roles', TOWNSHIP, [...ROLES]));
    await refused(() => everything.post(`/api/supervision-actions/${actionId}/reopen`, { note: '自己退回' }), 403, 'visited_side_cannot_reopen');
    await refused(async () => (await as(`${COUNTY}-storekeeper`)).post(`/api/supervision-actions/${actionId}/reopen`, { note: '尚未报损' }), 403, 'role_required');
    await refused(() => county.post(`/api/supervision-actions/${actionId}/reopen`, { note: '尚未报损', dueOn: '2026-11-21' }), 422, 'validation_failed');
    await refused(() => county.post(`/api/supervision-actions/${actionId}/reopen`, { note: '' }), 422, 'validation_failed');

    const back = await county.post(`/api/supervision-actions/${actionId}/reopen`, { note: '尚未申请报损', dueOn: '2026-12-20' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({ status: 'open', dueOn: '2026-12-20', reopenNote: '尚未申请报损', closedAt: null, closeNote: null, verifiedAt: null });
    const [told] = await notificationsOf(`${TOWNSHIP}-leader`, 'supervision_action_reopened');
    expect(told).toMatchObject({ entityId: actionId, params: { visitingDepot: w.depot(COUNTY).name, action: '过期药具移入不合格品区并报损', dueOn: '2026-12-20' } });
    expect(auditOf('supervision_action', actionId).map((a) => a.action)).toEqual(['add_action', 'close', 'reopen']);
    await refused(() => county.post(`/api/supervision-visits/${visit.id}/close`, {}), 409, 'visit_has_open_actions');

    // Closed again, it is verified and the visit closes.
    expect((await owner.post(`/api/supervision-actions/${actionId}/close`, { note: '已申请报损 BS-1' })).status).toBe(200);
    expect((await county.post(`/api/supervision-actions/${actionId}/verify`)).status).toBe(200);
    expect((await county.post(`/api/supervision-visits/${visit.id}/close`, {})).status).toBe(200);
  });

  it('the visiting depot cancels a visit before its findings are signed, with a reason; its drafted actions are owed by nobody', async () => {
    const visit = await visitWithAction('2026-11-22');
    const county = await as(`${COUNTY}-inspector`);
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(`/api/supervision-visits/${visit.id}/cancel`, { reason: '不想被查' }), 403, 'out_of_scope');
    await refused(() => county.post(`/api/supervision-visits/${visit.id}/cancel`, {}), 422, 'validation_failed');
    const cancelled = await county.post(`/api/supervision-visits/${visit.id}/cancel`, { reason: '检查组另有任务，改期' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', closeNote: '检查组另有任务，改期', closedByName: `${w.depot(COUNTY).name} inspector` });
    const [told] = await notificationsOf(`${TOWNSHIP}-leader`, 'supervision_cancelled');
    expect(told).toMatchObject({ entityId: visit.id, params: { plannedOn: '2026-11-25' } });
    await refused(() => county.post(`/api/supervision-visits/${visit.id}/cancel`, { reason: '再次' }), 409, 'visit_wrong_state');
    await refused(() => county.post(`/api/supervision-visits/${visit.id}/sign`), 409, 'visit_wrong_state');

    w.clock.set('2026-11-24T08:00:00Z'); // the drafted action's deadline has passed
    for (const k of Object.keys(users)) delete users[k];
    expect((await (await as(`${TOWNSHIP}-leader`)).get(`/api/supervision-actions?depotId=${id(TOWNSHIP)}&side=visited`)).body.items).toEqual([]);
    expect((await (await as(`${TOWNSHIP}-leader`)).get(`/api/depots/${id(TOWNSHIP)}/dashboard`)).body.supervision.owed).toEqual([]);

    // Once the findings are signed the visit is followed through, not cancelled.
    const signed = await visitWithAction('2026-12-10');
    expect((await (await as(`${COUNTY}-inspector`)).post(`/api/supervision-visits/${signed.id}/sign`)).status).toBe(200);
    await refused(async () => (await as(`${COUNTY}-inspector`)).post(`/api/supervision-visits/${signed.id}/cancel`, { reason: '算了' }), 409, 'visit_wrong_state');
  });

  it('lists the visits a depot made and those to the depots below it', async () => {
    const toTownship = await planVisit();
    const toVillage = await planVisit(`${CITY}-leader`, VILLAGE);
    const ids = async (username: string, code: string) => ((await (await as(username)).get(`/api/supervision-visits?depotId=${id(code)}`)).body.items as any[]).map((v) => v.id).sort();
    expect(await ids(`${COUNTY}-inspector`, COUNTY)).toEqual([toTownship.id, toVillage.id].sort());
    expect(await ids(`${TOWNSHIP}-leader`, TOWNSHIP)).toEqual([toTownship.id, toVillage.id].sort());
    expect(await ids(`${OTHER_TOWNSHIP}-leader`, OTHER_TOWNSHIP)).toEqual([]);
    expect(await ids(`${CITY}-leader`, CITY)).toEqual([toTownship.id, toVillage.id].sort());
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).get(`/api/supervision-visits?depotId=${id(COUNTY)}`), 403, 'out_of_scope');
    await refused(async () => (await as(`${COUNTY}-leader`)).get('/api/supervision-visits/9999'), 404, 'supervision_visit_not_found');
    await refused(async () => (await as(`${COUNTY}-leader`)).post('/api/supervision-actions/9999/verify'), 404, 'supervision_action_not_found');
  });
});
