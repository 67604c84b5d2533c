import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { flagOverdueRequests } from '../../server/services/service-desk.ts';
import { registerPerson } from '../../server/services/people.ts';
import { ROLES } from '../../server/schemas/constants.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  // 10:00 in Ningxia on 20 November 2026.
  w = await makeWorld({ now: '2026-11-20T02:00:00Z' });
});
afterEach(() => expectLedgerConsistent(w.db));

const TOWNSHIP = '640121100';
const OTHER_TOWNSHIP = '640121101';
const VILLAGE = '640121100200';
const COUNTY = '640121';
const id = (code: string) => w.depot(code).id;
/** Moves the clock; the sessions of before have lapsed (12 hours), so everyone logs in again. */
const at = (iso: string) => {
  w.clock.set(iso);
  for (const k of Object.keys(users)) delete users[k];
};
const userId = (username: string) => w.actor(username).userId;
const sql = () => w.db.$client;

const notificationsOf = async (username: string, kind: string) => ((await (await as(username)).get('/api/notifications')).body.items as any[]).filter((n) => n.kind === kind);
const auditOf = (entityId: number) => sql().prepare(`select action, actor_id as actorId, detail from audit_log where entity = 'service_request' and entity_id = ? order by id`).all(String(entityId)) as { action: string; actorId: number; detail: string }[];

function counts() {
  const { sessions: _sessions, ...rest } = snapshotCounts(w.db);
  return {
    ...rest,
    audit_log: sql().prepare(`select count(*) from audit_log where entity != 'session'`).pluck().get(),
    requests: JSON.stringify(sql().prepare('select * from service_requests').all()),
    handovers: JSON.stringify(sql().prepare('select * from service_handovers').all()),
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

const complaint = (extra: Record<string, unknown> = {}) => ({
  depotId: id(TOWNSHIP),
  kind: 'complaint',
  channel: 'distribution_point',
  requester: { kind: 'public', name: '王秀兰', phone: '13800001111' },
  subject: '发放点药具已过期',
  text: '在王太村发放点领到的避孕药外包装显示已过期。',
  ...extra,
});

async function receive(by = `${TOWNSHIP}-storekeeper`, body: Record<string, unknown> = complaint()) {
  const res = await (await as(by)).post('/api/service-requests', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('service desk: first-question responsibility (首问负责)', () => {
  it('the storekeeper who records a complaint from a member of the public owns it, with a reply due in 24 hours and a resolution in 15 days', async () => {
    const r = await receive();
    expect(r).toMatchObject({
      number: `FW-${TOWNSHIP}-0001`,
      status: 'open',
      kind: 'complaint',
      channel: 'distribution_point',
      requester: { kind: 'public', anonymous: false },
      receivedBy: userId(`${TOWNSHIP}-storekeeper`),
      ownerId: userId(`${TOWNSHIP}-storekeeper`),
      replyDueAt: '2026-11-21T02:00:00.000Z',
      resolveDueAt: '2026-12-05T02:00:00.000Z',
      contact: { name: '王秀兰', phone: '13800001111' },
      replyOverdue: false,
    });
    // The audit log knows a member of the public asked, never their name or phone.
    const [entry] = auditOf(r.id);
    expect(entry!.action).toBe('receive');
    expect(entry!.detail).not.toContain('王秀兰');
    expect(entry!.detail).not.toContain('13800001111');
  });

  it('shows the requester’s name and phone only at the receiving depot, and audits each such read; lists never show them', async () => {
    const r = await receive();
    const before = auditOf(r.id).length;
    const own = await (await as(`${TOWNSHIP}-leader`)).get(`/api/service-requests/${r.id}`);
    expect(own.status).toBe(200);
    expect(own.body.contact).toEqual({ name: '王秀兰', phone: '13800001111' });
    expect(auditOf(r.id).slice(before).map((a) => a.action)).toEqual(['read']);

    const county = await (await as(`${COUNTY}-leader`)).get(`/api/service-requests/${r.id}`);
    expect(county.status).toBe(200);
    expect(county.body.contact).toBeNull();
    expect(auditOf(r.id).length).toBe(before + 1);

    const list = await (await as(`${TOWNSHIP}-leader`)).get(`/api/service-requests?depotId=${id(TOWNSHIP)}`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('王秀兰');
    expect(list.body.items.map((i: any) => i.id)).toEqual([r.id]);
    await refused(async () => (await as(`${OTHER_TOWNSHIP}-leader`)).get(`/api/service-requests/${r.id}`), 403, 'out_of_scope');
  });

  it('an anonymous requester is recorded without a name', async () => {
    const r = await receive(`${TOWNSHIP}-dispenser`, complaint({ channel: 'phone', requester: { kind: 'public', name: null } }));
    expect(r.requester).toEqual({ kind: 'public', anonymous: true });
    expect(r.contact).toEqual({ name: null, phone: null });
  });

  it('hands over only explicitly: the other user accepts, then only they act; the first receiver stays recorded; a closed request never changes', async () => {
    const r = await receive();
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const leader = await as(`${TOWNSHIP}-leader`);
    const county = await as(`${COUNTY}-inspector`);
    // The database keeps every request; an open one may still change.
    expect(sql().prepare('update service_requests set id = id where id = ?').run(r.id).changes).toBe(1);
    expect(() => sql().prepare('delete from service_requests').run()).toThrow('service_requests are kept');

    // Nobody but the owner acts, not even the depot's leader.
    await refused(() => leader.post(`/api/service-requests/${r.id}/reply`, { text: '已收到，正在核实' }), 403, 'not_request_owner');
    await refused(() => leader.post(`/api/service-requests/${r.id}/handover`, { toUserId: userId(`${TOWNSHIP}-leader`) }), 403, 'not_request_owner');
    await refused(() => keeper.post(`/api/service-requests/${r.id}/handover`, { toUserId: userId(`${TOWNSHIP}-storekeeper`) }), 422, 'handover_to_self');
    // Only to this depot or the one above: not a sibling, not the village below, not an admin.
    for (const to of [`${OTHER_TOWNSHIP}-leader`, `${VILLAGE}-dispenser`, `${TOWNSHIP}-admin`]) {
      await refused(() => keeper.post(`/api/service-requests/${r.id}/handover`, { toUserId: userId(to) }), 422, 'handover_target_invalid');
    }
    await refused(() => leader.post(`/api/service-requests/${r.id}/accept`), 409, 'no_pending_handover');

    const targets = await keeper.get(`/api/service-requests/${r.id}/handover-targets`);
    expect(targets.status).toBe(200);
    const targetIds = targets.body.items.map((u: any) => u.id);
    expect(targetIds).toContain(userId(`${TOWNSHIP}-leader`));
    expect(targetIds).toContain(userId(`${COUNTY}-inspector`));
    expect(targetIds).not.toContain(userId(`${TOWNSHIP}-storekeeper`));
    expect(targetIds).not.toContain(userId(`${TOWNSHIP}-admin`));

    // Offered to the county's inspector, then (a second offer replaces it) to the township's leader.
    expect((await keeper.post(`/api/service-requests/${r.id}/handover`, { toUserId: userId(`${COUNTY}-inspector`) })).status).toBe(200);
    const offered = await keeper.post(`/api/service-requests/${r.id}/handover`, { toUserId: userId(`${TOWNSHIP}-leader`), note: '涉及发放点管理，请领导处理' });
    expect(offered.status).toBe(200);
    expect(offered.body.pendingHandover).toMatchObject({ toUserId: userId(`${TOWNSHIP}-leader`), note: '涉及发放点管理，请领导处理' });
    expect(offered.body.ownerId).toBe(userId(`${TOWNSHIP}-storekeeper`));
    await refused(() => county.post(`/api/service-requests/${r.id}/accept`), 403, 'not_handover_target');
    const [told] = await notificationsOf(`${TOWNSHIP}-leader`, 'service_handover');
    expect(told).toMatchObject({ entity: 'service_request', entityId: r.id, params: { number: r.number, subject: r.subject, toName: w.actor(`${TOWNSHIP}-leader`).displayName } });

    // The leader's own list shows what they are offered.
    const mine = await leader.get('/api/service-requests?mine=true');
    expect(mine.body.items.map((i: any) => i.id)).toEqual([r.id]);

    const accepted = await leader.post(`/api/service-requests/${r.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ ownerId: userId(`${TOWNSHIP}-leader`), receivedBy: userId(`${TOWNSHIP}-storekeeper`), pendingHandover: null });
    expect(accepted.body.handovers.map((h: any) => h.status)).toEqual(['withdrawn', 'accepted']);
    await refused(() => keeper.post(`/api/service-requests/${r.id}/reply`, { text: '已收到' }), 403, 'not_request_owner');

    const replied = await leader.post(`/api/service-requests/${r.id}/reply`, { text: '已收到，今日派人核查发放点' });
    expect(replied.status).toBe(200);
    expect(replied.body).toMatchObject({ status: 'replied', reply: '已收到，今日派人核查发放点' });
    await refused(() => leader.post(`/api/service-requests/${r.id}/reply`, { text: '再次答复' }), 409, 'request_already_replied');

    const resolved = await leader.post(`/api/service-requests/${r.id}/resolve`, { resolution: '过期药具已收回，发放点补发合格药具并整改', satisfaction: 'satisfied' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'closed', satisfaction: 'satisfied', resolvedByName: w.actor(`${TOWNSHIP}-leader`).displayName });

    await refused(() => leader.post(`/api/service-requests/${r.id}/reply`, { text: '补充' }), 409, 'request_closed');
    await refused(() => leader.post(`/api/service-requests/${r.id}/resolve`, { resolution: '重新办结', satisfaction: 'neutral' }), 409, 'request_closed');
    await refused(() => leader.post(`/api/service-requests/${r.id}/handover`, { toUserId: userId(`${TOWNSHIP}-storekeeper`) }), 409, 'request_closed');
    expect(auditOf(r.id).map((a) => a.action)).toEqual(['receive', 'hand_over', 'hand_over', 'accept', 'reply', 'resolve']);
    expect(() => sql().prepare('update service_requests set id = id where id = ?').run(r.id)).toThrow('a closed service request does not change');
  });

  it('the one offered may decline: the request stays with its owner', async () => {
    const r = await receive();
    await (await as(`${TOWNSHIP}-storekeeper`)).post(`/api/service-requests/${r.id}/handover`, { toUserId: userId(`${COUNTY}-planner`) });
    const declined = await (await as(`${COUNTY}-planner`)).post(`/api/service-requests/${r.id}/decline`);
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ ownerId: userId(`${TOWNSHIP}-storekeeper`), pendingHandover: null });

    // The decided offer is kept as it was: the database refuses to decide it again, to rewrite it or to delete it.
    const handover = sql().prepare('select id from service_handovers where request_id = ?').pluck().get(r.id) as number;
    for (const change of [
      `update service_handovers set status = 'accepted', decided_at = '2026-11-24T00:00:00.000Z' where id = ?`,
      `update service_handovers set to_user_id = from_user_id where id = ?`,
      `update service_handovers set status = 'pending', decided_at = null where id = ?`,
    ]) {
      expect(() => sql().prepare(change).run(handover), change).toThrow('a service handover is decided once');
    }
    expect(() => sql().prepare('delete from service_handovers where id = ?').run(handover)).toThrow('service_handovers are kept');
  });

  it('a pending handover is only ever decided: its offer is not rewritten in the database', async () => {
    const r = await receive();
    await (await as(`${TOWNSHIP}-storekeeper`)).post(`/api/service-requests/${r.id}/handover`, { toUserId: userId(`${COUNTY}-planner`), note: '请县站协助' });
    const handover = sql().prepare('select id from service_handovers where request_id = ?').pluck().get(r.id) as number;
    expect(() => sql().prepare(`update service_handovers set note = '改过的说明' where id = ?`).run(handover)).toThrow('a service handover is decided once');
    expect(() => sql().prepare(`update service_handovers set status = 'accepted' where id = ?`).run(handover)).toThrow('a service handover is decided once'); // no time of decision
    const accepted = await (await as(`${COUNTY}-planner`)).post(`/api/service-requests/${r.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(sql().prepare('select status from service_handovers where id = ?').pluck().get(handover)).toBe('accepted');
  });

  it('is recorded by a depot’s staff at their own depot only', async () => {
    await refused(async () => (await as(`${TOWNSHIP}-admin`)).post('/api/service-requests', complaint()), 403, 'role_required');
    await refused(async () => (await as(`${COUNTY}-leader`)).post('/api/service-requests', complaint()), 403, 'out_of_scope');
  });

  it('a depot below asks through the depot-below channel; a member of the public at a distribution point', async () => {
    const supplies = { ...complaint(), kind: 'supplies', channel: 'depot_below', subject: '申请补充避孕套', text: '本月发放量大，库存不足。' };
    const r = await receive(`${TOWNSHIP}-planner`, { ...supplies, requester: { kind: 'depot', depotId: id(VILLAGE) } });
    expect(r).toMatchObject({ requester: { kind: 'depot', depot: { code: VILLAGE } }, contact: null, resolveDueAt: '2026-11-27T02:00:00.000Z' });
    // The village's one post, its dispenser, is told of the reply.
    expect((await (await as(`${TOWNSHIP}-planner`)).post(`/api/service-requests/${r.id}/reply`, { text: '本周送到' })).status).toBe(200);
    expect((await notificationsOf(`${VILLAGE}-dispenser`, 'service_replied')).map((n: any) => n.entityId)).toEqual([r.id]);
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    await refused(() => keeper.post('/api/service-requests', { ...supplies, requester: { kind: 'depot', depotId: id(OTHER_TOWNSHIP) } }), 422, 'requester_invalid');
    await refused(() => keeper.post('/api/service-requests', { ...supplies, requester: { kind: 'depot', depotId: id(TOWNSHIP) } }), 422, 'requester_invalid');
    await refused(() => keeper.post('/api/service-requests', { ...supplies, requester: { kind: 'public', name: '张三' } }), 422, 'requester_invalid');
    await refused(() => keeper.post('/api/service-requests', complaint({ requester: { kind: 'depot', depotId: id(VILLAGE) } })), 422, 'requester_invalid');
  });

  it('the depot below that asked follows its request: listed under asked=true and readable there, not by its neighbour; only the owner above acts on it', async () => {
    const supplies = { ...complaint(), kind: 'supplies', channel: 'depot_below', subject: '申请补充避孕药', text: '本季度口服避孕药不足。' };
    const r = await receive(`${COUNTY}-planner`, { ...supplies, depotId: id(COUNTY), requester: { kind: 'depot', depotId: id(TOWNSHIP) } });
    await receive(`${COUNTY}-planner`, { ...supplies, depotId: id(COUNTY), requester: { kind: 'depot', depotId: id(OTHER_TOWNSHIP) } });
    await receive(`${COUNTY}-storekeeper`, { ...complaint(), depotId: id(COUNTY) });

    // The township asked one: it lists that one only, whoever of its staff asks; its own desk does not list it (received above).
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const asked = await keeper.get('/api/service-requests?asked=true');
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.items.map((i: any) => i.number)).toEqual([r.number]);
    expect(asked.body.items[0]).toMatchObject({ depot: { code: COUNTY }, requester: { kind: 'depot', depot: { code: TOWNSHIP } }, status: 'open' });
    expect((await (await as(`${TOWNSHIP}-leader`)).get('/api/service-requests?asked=true')).body.items).toHaveLength(1);
    expect((await keeper.get('/api/service-requests')).body.items).toHaveLength(0);
    // Reading it: the township yes, its neighbour and the village below it no (the county's desk stays out of their reach).
    expect((await keeper.get(`/api/service-requests/${r.id}`)).status).toBe(200);
    await refused(async () => (await as(`${OTHER_TOWNSHIP}-storekeeper`)).get(`/api/service-requests/${r.id}`), 403, 'out_of_scope');
    await refused(async () => (await as(`${VILLAGE}-dispenser`)).get(`/api/service-requests/${r.id}`), 403, 'out_of_scope');
    await refused(() => keeper.get(`/api/service-requests?depotId=${id(COUNTY)}`), 403, 'out_of_scope');
    // Following is not acting: the township cannot reply to, hand over or close what the county
    // owns, not even one person there holding every role.
    await w.addUser('all-township', TOWNSHIP, [...ROLES]);
    const everyRole = await as('all-township');
    expect((await everyRole.get(`/api/service-requests/${r.id}`)).status).toBe(200);
    await refused(() => keeper.post(`/api/service-requests/${r.id}/reply`, { text: '已收到' }), 403, 'out_of_scope');
    await refused(() => everyRole.post(`/api/service-requests/${r.id}/reply`, { text: '已收到' }), 403, 'out_of_scope');
    await refused(() => everyRole.post(`/api/service-requests/${r.id}/resolve`, { resolution: '自行关闭', satisfaction: 'satisfied' }), 403, 'out_of_scope');
    await refused(() => everyRole.post(`/api/service-requests/${r.id}/handover`, { toUserId: userId(`${TOWNSHIP}-leader`) }), 403, 'out_of_scope');
    // The query takes true or false only.
    await refused(() => keeper.get('/api/service-requests?asked=yes'), 422, 'validation_failed');
    // The county replies and resolves; the township sees it.
    const planner = await as(`${COUNTY}-planner`);
    expect((await planner.post(`/api/service-requests/${r.id}/reply`, { text: '下周随调拨单补发' })).status).toBe(200);
    expect((await planner.post(`/api/service-requests/${r.id}/resolve`, { resolution: '已随调拨单补发 300 板', satisfaction: 'satisfied' })).status).toBe(200);
    expect((await keeper.get(`/api/service-requests/${r.id}`)).body).toMatchObject({ status: 'closed', reply: '下周随调拨单补发', resolution: '已随调拨单补发 300 板' });
    // Its leader is told of the reply and of the resolution; its storekeeper and the neighbour are not.
    expect((await notificationsOf(`${TOWNSHIP}-leader`, 'service_replied')).map((n: any) => n.entityId)).toEqual([r.id]);
    expect((await notificationsOf(`${TOWNSHIP}-leader`, 'service_resolved')).map((n: any) => n.entityId)).toEqual([r.id]);
    expect(await notificationsOf(`${TOWNSHIP}-storekeeper`, 'service_replied')).toEqual([]);
    expect(await notificationsOf(`${OTHER_TOWNSHIP}-leader`, 'service_replied')).toEqual([]);
    expect((await keeper.get('/api/service-requests?asked=true&open=true')).body.items).toHaveLength(0);
  });
});

describe('service desk: links', () => {
  it('links a lot held at the depot or below (our own batch label, no GTIN) and a person registered below; an unknown or out-of-scope link is refused', async () => {
    const lot = buildBatch(w, { lot: 'FW2611' });
    givenStock(w, VILLAGE, lot.id, 20);
    const elsewhere = buildBatch(w, { lot: 'LJ2611' });
    givenStock(w, OTHER_TOWNSHIP, elsewhere.id, 20);
    const person = registerPerson(w.deps, w.actor(`${VILLAGE}-dispenser`), { depotId: id(VILLAGE), name: '李某', birthYearMonth: '1992-03', community: '一组', method: 'oral', methodSince: '2026-10-01', consent: true, consentOn: '2026-10-01' });

    const r = await receive(`${TOWNSHIP}-storekeeper`, complaint({ batchId: lot.id, personId: person.id }));
    expect(r.links).toMatchObject({ lot: { id: lot.id, lot: 'FW2611' }, person: { id: person.id, caseNumber: person.caseNumber }, transferOrder: null, adverseReaction: null });

    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    for (const link of [{ batchId: elsewhere.id }, { batchId: 999999 }, { transferOrderId: 999999 }, { adverseReactionId: 999999 }, { personId: 999999 }]) {
      await refused(() => keeper.post('/api/service-requests', complaint(link)), 422, 'link_not_found');
    }
    // The village's own desk cannot link the township's lot above it.
    const upLot = buildBatch(w, { lot: 'UP2611' });
    givenStock(w, TOWNSHIP, upLot.id, 5);
    await refused(async () => (await as(`${VILLAGE}-dispenser`)).post('/api/service-requests', complaint({ depotId: id(VILLAGE), batchId: upLot.id })), 422, 'link_not_found');
  });
});

describe('service desk: due times and the leader (限期办结)', () => {
  it('a request past its reply time appears on the leader’s dashboard and is notified to the leader once; past its resolution time, once more', async () => {
    const r = await receive(`${TOWNSHIP}-storekeeper`, complaint({ kind: 'question', subject: '咨询皮下埋植', text: '想了解皮下埋植的适用人群。' }));
    const leaderDash = async () => (await (await as(`${TOWNSHIP}-leader`)).get(`/api/depots/${id(TOWNSHIP)}/dashboard`)).body.serviceDesk;

    // At the due time itself: not overdue yet.
    at('2026-11-21T02:00:00Z');
    expect(flagOverdueRequests(w.deps).flagged).toBe(0);
    expect((await leaderDash()).overdue).toEqual([]);

    at('2026-11-21T03:00:00Z');
    expect((await leaderDash()).overdue).toEqual([{ id: r.id, number: r.number, subject: '咨询皮下埋植', kind: 'question', ownerName: w.actor(`${TOWNSHIP}-storekeeper`).displayName, stage: 'reply', dueAt: '2026-11-21T02:00:00.000Z' }]);
    // Only the leader's dashboard carries it.
    expect((await (await as(`${TOWNSHIP}-storekeeper`)).get(`/api/depots/${id(TOWNSHIP)}/dashboard`)).body.serviceDesk).toBeNull();

    expect(flagOverdueRequests(w.deps).flagged).toBe(1);
    expect(flagOverdueRequests(w.deps).flagged).toBe(0);
    const [late] = await notificationsOf(`${TOWNSHIP}-leader`, 'service_reply_overdue');
    expect(late).toMatchObject({ entity: 'service_request', entityId: r.id, params: { number: r.number, subject: '咨询皮下埋植', owner: w.actor(`${TOWNSHIP}-storekeeper`).displayName } });
    expect(await notificationsOf(`${TOWNSHIP}-storekeeper`, 'service_reply_overdue')).toEqual([]);
    const list = await (await as(`${TOWNSHIP}-leader`)).get(`/api/service-requests?depotId=${id(TOWNSHIP)}&open=true`);
    expect(list.body).toMatchObject({ overdue: 1, open: 1, items: [{ id: r.id, replyOverdue: true, resolveOverdue: false }] });

    // A late reply stops the reply clock; three days on, the resolution is overdue.
    expect((await (await as(`${TOWNSHIP}-storekeeper`)).post(`/api/service-requests/${r.id}/reply`, { text: '已电话答复' })).status).toBe(200);
    at('2026-11-23T02:00:01Z');
    expect((await leaderDash()).overdue).toMatchObject([{ id: r.id, stage: 'resolve', dueAt: '2026-11-23T02:00:00.000Z' }]);
    expect(flagOverdueRequests(w.deps).flagged).toBe(1);
    expect(await notificationsOf(`${TOWNSHIP}-leader`, 'service_resolve_overdue')).toHaveLength(1);

    // Closed, it leaves the dashboard.
    expect((await (await as(`${TOWNSHIP}-storekeeper`)).post(`/api/service-requests/${r.id}/resolve`, { resolution: '已详细解答', satisfaction: 'neutral' })).status).toBe(200);
    expect((await leaderDash()).overdue).toEqual([]);
    expect(flagOverdueRequests(w.deps).flagged).toBe(0);
  });

  it('follows the configured due times', async () => {
    w = await makeWorld({ now: '2026-11-20T02:00:00Z', config: { serviceDesk: { replyHours: 4, resolveDays: { supplies: 2, question: 1, complaint: 5, other: 2 } } } });
    for (const k of Object.keys(users)) delete users[k];
    const r = await receive();
    expect([r.replyDueAt, r.resolveDueAt]).toEqual(['2026-11-20T06:00:00.000Z', '2026-11-25T02:00:00.000Z']);
  });
});

describe('service desk: the monthly summary', () => {
  it('counts a depot’s requests of the month by kind and channel, on time and late, with satisfaction; prints and exports', async () => {
    const keeper = await as(`${TOWNSHIP}-storekeeper`);
    const a = await receive();
    expect((await keeper.post(`/api/service-requests/${a.id}/resolve`, { resolution: '当场更换', satisfaction: 'satisfied' })).status).toBe(200);
    const b = await receive(`${TOWNSHIP}-storekeeper`, complaint({ kind: 'question', channel: 'phone', requester: { kind: 'public', name: null } }));
    at('2026-11-22T02:00:00Z');
    expect((await (await as(`${TOWNSHIP}-storekeeper`)).post(`/api/service-requests/${b.id}/reply`, { text: '迟到的答复' })).status).toBe(200);
    await receive(`${TOWNSHIP}-storekeeper`, complaint({ kind: 'supplies', channel: 'depot_below', requester: { kind: 'depot', depotId: id(VILLAGE) } }));
    // December's request is not in November's summary.
    at('2026-11-30T16:30:00Z');
    await receive();

    const keeperNow = await as(`${TOWNSHIP}-storekeeper`);
    const res = await keeperNow.get(`/api/depots/${id(TOWNSHIP)}/service-summary?month=2026-11`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = (item: string) => res.body.rows.find((r: any) => r.item === item);
    expect(row('投诉')).toMatchObject({ received: 1, repliedOnTime: 1, resolvedOnTime: 1, open: 0, satisfied: 1 });
    expect(row('咨询')).toMatchObject({ received: 1, repliedOnTime: 0, repliedLate: 1, open: 1, overdue: 1 });
    expect(row('药具需求')).toMatchObject({ received: 1, open: 1, overdue: 1 });
    expect(row('电话')).toMatchObject({ received: 1, repliedLate: 1 });
    expect(res.body.totals).toMatchObject({ received: 3, satisfied: 1, open: 2 });
    expect((await keeperNow.get(`/api/depots/${id(TOWNSHIP)}/service-summary?month=2026-12`)).body.totals.received).toBe(1);

    const html = await keeperNow.get(`/api/depots/${id(TOWNSHIP)}/service-summary?month=2026-11&format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(String(html.body)).toContain('服务事项月度汇总表');
    const xlsx = await keeperNow.raw(`/api/depots/${id(TOWNSHIP)}/service-summary?month=2026-11&format=xlsx&lang=en`, {});
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');

    // Above, the county reads it; a sibling does not.
    expect((await (await as(`${COUNTY}-leader`)).get(`/api/depots/${id(TOWNSHIP)}/service-summary?month=2026-11`)).status).toBe(200);
    await refused(async () => (await as(`${OTHER_TOWNSHIP}-leader`)).get(`/api/depots/${id(TOWNSHIP)}/service-summary?month=2026-11`), 403, 'out_of_scope');
  });
});
