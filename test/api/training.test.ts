import { describe, it, expect, beforeEach } from 'vitest';
import { makeWorld, snapshotCounts, PASSWORD, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { defaultConfig } from '../../server/config.ts';
import { indicatorsUnder } from '../../server/services/assessment-indicators.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string, password = PASSWORD) => (users[username] ??= await loginAs(w, username, password));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' });
});

const REGION = '64';
const CITY = '6401';
const COUNTY = '640121';
const TOWNSHIP = '640121100';
const OTHER_TOWNSHIP = '640121101';
const VILLAGE = '640121100200';
const id = (code: string) => w.depot(code).id;
const userId = (username: string) => w.actor(username).userId;
const NEW_PASSWORD = 'fresh-pass-9x';

const auditOf = (entity: string, entityId: number) =>
  w.db.$client.prepare(`select action, depot_id as depotId from audit_log where entity = ? and entity_id = ? order by id`).all(entity, String(entityId)) as { action: string; depotId: number }[];

function counts() {
  const { sessions: _sessions, ...rest } = snapshotCounts(w.db);
  return { ...rest, audit_log: w.db.$client.prepare(`select count(*) from audit_log where entity != 'session'`).pluck().get() };
}

/** A refused request answers `status`/`code` as problem+json and changes no row. */
async function refused(call: () => Promise<{ status: number; body: any; headers: Headers }>, status: number, code: string) {
  const before = counts();
  const res = await call();
  expect([res.status, res.body.code], JSON.stringify(res.body)).toEqual([status, code]);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(counts()).toEqual(before);
}

const training = (extra: Record<string, unknown> = {}) => ({
  heldOn: '2026-11-20',
  title: '村级药管员业务培训',
  topics: ['supplies_knowledge', 'service_skills'],
  topicsNote: '发放登记与随访',
  trainer: '杨和镇 王老师',
  materials: '《药具发放手册》',
  attendees: [{ userId: userId(`${VILLAGE}-dispenser`) }, { name: '李二组', depotId: id(VILLAGE) }],
  ...extra,
});

async function record(by: string, body: Record<string, unknown>) {
  const res = await (await as(by)).post('/api/trainings', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A user created through the users API by the county's admin, logged in with a password of their own. */
async function newUser(username: string, depot: string, roles: string[]) {
  const res = await (await as(`${COUNTY}-admin`)).post('/api/users', { username, displayName: username, password: 'one-time-pass-1', depotId: id(depot), roles });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as number, client: await as(username, 'one-time-pass-1') };
}

describe('staff trainings (S0:462-468)', () => {
  it('a township leader records a training of its village dispensers, a user and someone without an account; audited at both depots, read above', async () => {
    const t = await record(`${TOWNSHIP}-leader`, training());
    expect(t).toMatchObject({
      organiserDepot: { code: TOWNSHIP, tier: 'township' },
      heldOn: '2026-11-20',
      topics: ['supplies_knowledge', 'service_skills'],
      trainer: '杨和镇 王老师',
      attendees: [
        { userId: userId(`${VILLAGE}-dispenser`), depotId: id(VILLAGE), depotName: '王太村委会' },
        { userId: null, name: '李二组', depotId: id(VILLAGE) },
      ],
    });
    expect(auditOf('training', t.id)).toEqual([
      { action: 'record', depotId: id(TOWNSHIP) },
      { action: 'trained', depotId: id(VILLAGE) },
    ]);
    for (const table of ['trainings', 'training_attendees']) {
      expect(() => w.db.$client.prepare(`update ${table} set id = id`).run(), table).toThrow(`${table} is append-only`);
      expect(() => w.db.$client.prepare(`delete from ${table}`).run(), table).toThrow(`${table} is append-only`);
    }
    const county = await as(`${COUNTY}-planner`);
    expect((await county.get(`/api/trainings/${t.id}`)).body.id).toBe(t.id);
    expect((await county.get(`/api/trainings?depotId=${id(COUNTY)}`)).body.items).toEqual([]);
    expect((await county.get(`/api/trainings?depotId=${id(COUNTY)}&scope=subtree`)).body.items.map((i: any) => i.id)).toEqual([t.id]);
    const other = await as(`${OTHER_TOWNSHIP}-leader`);
    expect((await other.get(`/api/trainings/${t.id}`)).body.code).toBe('out_of_scope');
    expect((await other.get(`/api/trainings?depotId=${id(TOWNSHIP)}`)).body.code).toBe('out_of_scope');
    expect((await county.get('/api/trainings/999')).body.code).toBe('training_not_found');
  });

  it('refuses a recorder without the role, an attendee outside the subtree or named twice, a future date, and changes nothing', async () => {
    const storekeeper = await as(`${TOWNSHIP}-storekeeper`);
    const leader = await as(`${TOWNSHIP}-leader`);
    await refused(() => storekeeper.post('/api/trainings', training()), 403, 'role_required');
    await refused(() => leader.post('/api/trainings', training({ attendees: [{ userId: userId(`${OTHER_TOWNSHIP}-dispenser`) }] })), 422, 'attendee_invalid');
    await refused(() => leader.post('/api/trainings', training({ attendees: [{ userId: userId(`${COUNTY}-planner`) }] })), 422, 'attendee_invalid');
    await refused(() => leader.post('/api/trainings', training({ attendees: [{ name: '外来', depotId: id(COUNTY) }] })), 422, 'attendee_invalid');
    const dispenser = { userId: userId(`${VILLAGE}-dispenser`) };
    await refused(() => leader.post('/api/trainings', training({ attendees: [dispenser, dispenser] })), 422, 'attendee_invalid');
    await refused(() => leader.post('/api/trainings', training({ heldOn: '2026-11-23' })), 422, 'date_in_future');
    await refused(() => leader.post('/api/trainings', training({ heldOn: '2026-02-30' })), 422, 'validation_failed');
    await refused(() => leader.post('/api/trainings', training({ topics: ['cooking'] })), 422, 'validation_failed');
    await refused(() => leader.post('/api/trainings', training({ attendees: [] })), 422, 'validation_failed');
  });
});

describe('public education (S0:469-472)', () => {
  it('a township dispenser records a session; the county reads it over its subtree; a storekeeper may not record', async () => {
    const res = await (await as(`${TOWNSHIP}-dispenser`)).post('/api/education-sessions', { heldOn: '2026-10-01', place: '杨和镇集市', topics: ['action_and_use', 'free_supply_policy'], attendance: 86, materials: '宣传折页 200 份' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ depot: { code: TOWNSHIP }, attendance: 86, topics: ['action_and_use', 'free_supply_policy'] });
    expect(auditOf('education_session', res.body.id)).toEqual([{ action: 'record', depotId: id(TOWNSHIP) }]);
    expect(() => w.db.$client.prepare('update education_sessions set id = id').run()).toThrow('education_sessions is append-only');
    expect(() => w.db.$client.prepare('delete from education_sessions').run()).toThrow('education_sessions is append-only');
    expect((await (await as(`${COUNTY}-leader`)).get(`/api/education-sessions?depotId=${id(COUNTY)}&scope=subtree`)).body.items).toHaveLength(1);
    await refused(async () => (await as(`${TOWNSHIP}-storekeeper`)).post('/api/education-sessions', { heldOn: '2026-10-01', place: 'x', topics: ['precautions'], attendance: 1 }), 403, 'role_required');
    await refused(async () => (await as(`${TOWNSHIP}-dispenser`)).post('/api/education-sessions', { heldOn: '2026-10-01', place: 'x', topics: ['precautions'], attendance: -1 }), 422, 'validation_failed');
  });
});

describe('the cadence (TRN-6, TRN-10)', () => {
  it('lists the overdue depots of a subtree; a township’s two trainings and two sessions take it off the list; the dashboard shows it', async () => {
    const county = await as(`${COUNTY}-leader`);
    const overdue = async () =>
      ((await county.get(`/api/training-cadence?depotId=${id(COUNTY)}&scope=subtree&overdueOnly=true`)).body.items as any[]).map((r) => `${r.depot.code}:${r.kind}`);
    expect(await overdue()).toEqual([`${COUNTY}:staff_training`, `${TOWNSHIP}:staff_training`, `${TOWNSHIP}:public_education`, `${OTHER_TOWNSHIP}:staff_training`, `${OTHER_TOWNSHIP}:public_education`]);

    await record(`${TOWNSHIP}-leader`, training({ heldOn: '2026-03-10' }));
    const one = (await county.get(`/api/training-cadence?depotId=${id(TOWNSHIP)}`)).body;
    expect(one.items).toEqual([
      { depot: { id: id(TOWNSHIP), code: TOWNSHIP, name: '杨和镇', tier: 'township' }, kind: 'staff_training', rule: { times: 2, everyMonths: 12 }, held: 1, lastHeldOn: '2026-03-10', dueBy: null, overdue: true },
      expect.objectContaining({ kind: 'public_education', held: 0, overdue: true }),
    ]);
    await record(`${TOWNSHIP}-leader`, training({ heldOn: '2026-04-02' }));
    const dispenser = await as(`${TOWNSHIP}-dispenser`);
    for (const heldOn of ['2026-05-01', '2026-06-01']) {
      expect((await dispenser.post('/api/education-sessions', { heldOn, place: '村部', topics: ['side_effects'], attendance: 30 })).status).toBe(201);
    }
    await record(`${COUNTY}-planner`, training({ heldOn: '2026-01-15', attendees: [{ userId: userId(`${TOWNSHIP}-dispenser`) }] }));
    expect(await overdue()).toEqual([`${OTHER_TOWNSHIP}:staff_training`, `${OTHER_TOWNSHIP}:public_education`]);
    const mine = (await county.get(`/api/training-cadence?depotId=${id(TOWNSHIP)}`)).body.items;
    expect(mine).toEqual([expect.objectContaining({ kind: 'staff_training', held: 2, dueBy: '2027-03-10', overdue: false }), expect.objectContaining({ kind: 'public_education', dueBy: '2027-05-01', overdue: false })]);

    const dash = (await county.get(`/api/depots/${id(COUNTY)}/dashboard`)).body;
    expect(dash.training).toMatchObject({ own: [], belowTotal: 2, below: [{ depot: { code: OTHER_TOWNSHIP }, kind: 'staff_training', times: 2, everyMonths: 12 }, { kind: 'public_education' }] });
    expect((await (await as(`${OTHER_TOWNSHIP}-leader`)).get(`/api/training-cadence?depotId=${id(TOWNSHIP)}`)).body.code).toBe('out_of_scope');
  });

  it('the region is held to two years, a city to one; a village has no rule', async () => {
    const region = await as(`${REGION}-leader`);
    await record(`${REGION}-planner`, training({ heldOn: '2024-11-22', attendees: [{ userId: userId(`${CITY}-planner`) }] }));
    const rows = (await region.get(`/api/training-cadence?depotId=${id(REGION)}&scope=subtree`)).body.items as any[];
    expect(rows.find((r) => r.depot.code === REGION)).toMatchObject({ rule: { times: 1, everyMonths: 24 }, dueBy: '2026-11-22', overdue: false });
    expect(rows.find((r) => r.depot.code === CITY)).toMatchObject({ rule: { times: 1, everyMonths: 12 }, overdue: true });
    expect(rows.some((r) => r.depot.code === VILLAGE)).toBe(false);
    w.clock.set('2026-11-23T08:00:00Z');
    expect((await (await loginAs(w, `${REGION}-leader`)).get(`/api/training-cadence?depotId=${id(REGION)}`)).body.items[0]).toMatchObject({ overdue: true });
  });

  it('makes the assessment’s training_held from the records: a township with one training and one session of two each scores 0.5', async () => {
    await record(`${TOWNSHIP}-leader`, training({ heldOn: '2026-03-10' }));
    expect((await (await as(`${TOWNSHIP}-dispenser`)).post('/api/education-sessions', { heldOn: '2026-05-01', place: '村部', topics: ['side_effects'], attendance: 30 })).status).toBe(201);
    const township = w.depot(TOWNSHIP);
    const county = w.depot(COUNTY);
    const rows = [township, w.depot(VILLAGE), county].map((d) => ({ id: d.id, code: d.code, name: d.name, tier: d.tier, path: d.path }));
    const values = indicatorsUnder(w.deps, county, rows, 2026);
    expect(values.get(township.id)!.training_held).toEqual({
      value: 0.5,
      inputs: { trainingsHeld: 1, trainingsRequired: 2, trainingsSince: '2025-11-22', educationHeld: 1, educationRequired: 2, educationSince: '2025-11-22', until: '2026-11-22' },
    });
    expect(values.get(w.depot(VILLAGE).id)!.training_held.value).toBeNull();
    expect(values.get(county.id)!.training_held).toMatchObject({ value: 0, inputs: { trainingsHeld: 0, trainingsRequired: 1 } });
  });
});

describe('new staff are trained before they work (S0:466)', () => {
  it('a user created through the API holds no active role until a training names them: changes and role-gated reads answer 403 training_required', async () => {
    const { id: newId, client } = await newUser('new.admin', TOWNSHIP, ['admin', 'storekeeper']);
    const me = (await client.get('/api/auth/me')).body;
    expect(me).toMatchObject({ trainingRequired: true, user: { roles: ['admin', 'storekeeper'] } });
    await refused(() => client.post('/api/zone-moves', {}), 403, 'training_required');
    await refused(() => client.post('/api/users', { username: 'puppet.x', displayName: 'x', password: 'password-123x', depotId: id(TOWNSHIP), roles: ['dispenser'] }), 403, 'training_required');
    await refused(() => client.get(`/api/users/${userId(`${TOWNSHIP}-leader`)}`), 403, 'training_required');
    expect((await client.get(`/api/training-cadence?depotId=${id(TOWNSHIP)}`)).status).toBe(200);
    // Their own password they may change, and log out.
    expect((await client.patch(`/api/users/${newId}`, { password: NEW_PASSWORD, currentPassword: 'one-time-pass-1' })).status).toBe(200);
    const notices = ((await (await as(`${TOWNSHIP}-leader`)).get('/api/notifications')).body.items as any[]).filter((n) => n.kind === 'training_required');
    expect(notices).toHaveLength(1);
    expect((await (await as(`${TOWNSHIP}-leader`)).get(`/api/training-requirements?depotId=${id(TOWNSHIP)}`)).body.items).toEqual([expect.objectContaining({ id: newId, username: 'new.admin' })]);

    const t = await record(`${COUNTY}-planner`, training({ attendees: [{ userId: newId }] }));
    // The password change ended the session: log in again.
    const again = await loginAs(w, 'new.admin', NEW_PASSWORD);
    expect((await again.get('/api/auth/me')).body.trainingRequired).toBe(false);
    expect((await again.get(`/api/users/${userId(`${TOWNSHIP}-leader`)}`)).status).toBe(200);
    expect((await again.get(`/api/training-requirements/${newId}`)).body).toMatchObject({ pending: false, required: true, trainedBy: { id: t.id, heldOn: '2026-11-20' }, waivedBy: null });
    expect((await (await as(`${TOWNSHIP}-leader`)).get(`/api/training-requirements?depotId=${id(TOWNSHIP)}`)).body.items).toEqual([]);
  });

  it('the user’s leader waives it with a reason; not another role, not a leader elsewhere, not the user, not an untrained user holding every role', async () => {
    const { id: newId, client } = await newUser('new.keeper', TOWNSHIP, ['storekeeper']);
    const path = `/api/training-requirements/${newId}/waiver`;
    const reason = { reason: '在县里已参加培训' };
    await refused(async () => (await as(`${TOWNSHIP}-storekeeper`)).post(path, reason), 403, 'role_required');
    await refused(async () => (await as(`${COUNTY}-leader`)).post(path, reason), 403, 'out_of_scope');
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(path, { reason: '' }), 422, 'validation_failed');
    await refused(() => client.post(path, reason), 403, 'training_required');

    // One person holding every role at the depot, untrained, waives nobody: not themself, not the other.
    const every = await newUser('new.everything', TOWNSHIP, ['storekeeper', 'inspector', 'planner', 'leader', 'finance', 'dispenser', 'admin', 'clinician']);
    await refused(() => every.client.post(`/api/training-requirements/${every.id}/waiver`, reason), 403, 'training_required');
    await refused(() => every.client.post(path, reason), 403, 'training_required');

    const res = await (await as(`${TOWNSHIP}-leader`)).post(path, reason);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ pending: false, waivedBy: userId(`${TOWNSHIP}-leader`), waiverReason: '在县里已参加培训' });
    expect(auditOf('user', newId).map((a) => a.action)).toEqual(['create', 'waive_training']);
    expect((await client.get('/api/auth/me')).body.trainingRequired).toBe(false);
    expect((await client.post('/api/zone-moves', {})).body.code).not.toBe('training_required');
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(path, reason), 409, 'training_not_pending');
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(`/api/training-requirements/${userId(`${TOWNSHIP}-storekeeper`)}/waiver`, reason), 409, 'training_not_pending');
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).post(`/api/training-requirements/99999/waiver`, reason), 404, 'user_not_found');
  });

  it('a leader cannot waive their own training, even trained and a leader', async () => {
    const leader = await as(`${TOWNSHIP}-leader`);
    await refused(() => leader.post(`/api/training-requirements/${userId(`${TOWNSHIP}-leader`)}/waiver`, { reason: '自己免训' }), 403, 'own_waiver');
  });

  it('with the rule off a new user works at once; seeded users never wait', async () => {
    w = await makeWorld({ now: '2026-11-22T08:00:00Z', config: { training: { ...defaultConfig.training, newStaffTrainedFirst: false } } });
    for (const k of Object.keys(users)) delete users[k];
    const { client } = await newUser('free.keeper', TOWNSHIP, ['storekeeper']);
    expect((await client.get('/api/auth/me')).body.trainingRequired).toBe(false);
    expect(w.db.$client.prepare('select count(*) from training_requirements').pluck().get()).toBe(0);
    expect((await (await as(`${TOWNSHIP}-storekeeper`)).get('/api/auth/me')).body.trainingRequired).toBe(false);
  });
});
