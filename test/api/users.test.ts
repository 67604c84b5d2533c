import { describe, it, expect, beforeEach } from 'vitest';
import { makeWorld, PASSWORD, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs } from '../helpers/client.ts';
import { ROLES } from '../../server/schemas/constants.ts';

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});

const newUser = (depotId: number, over: Record<string, unknown> = {}) => ({
  username: 'new.keeper',
  displayName: '新库管',
  password: 'long-enough-1',
  depotId,
  roles: ['storekeeper'],
  ...over,
});

describe('user administration (S0:442, 448: admins authorise the levels below)', () => {
  it('lets an admin create users at its own depot and below, and the new user log in', async () => {
    const admin = await loginAs(w, '640121-admin');
    const own = await admin.post('/api/users', newUser(w.depot('640121').id));
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ username: 'new.keeper', roles: ['storekeeper'], depotName: '永宁县', active: true });
    const below = await admin.post('/api/users', newUser(w.depot('640121100200').id, { username: 'village.one', roles: ['dispenser', 'storekeeper'] }));
    expect(below.status).toBe(201);
    expect(below.body.roles.sort()).toEqual(['dispenser', 'storekeeper']);
    expect((await loginAs(w, 'village.one', 'long-enough-1')).username).toBe('village.one');
  });

  it('refuses an admin creating users above or beside its depot (403 out_of_scope) and non-admins (403 role_required)', async () => {
    const admin = await loginAs(w, '640121100-admin');
    const before = snapshotCounts(w.db);
    expect((await admin.post('/api/users', newUser(w.depot('640121').id))).body.code).toBe('out_of_scope');
    expect((await admin.post('/api/users', newUser(w.depot('640121101').id))).body.code).toBe('out_of_scope');
    const leader = await loginAs(w, '640121-leader');
    const res = await leader.post('/api/users', newUser(w.depot('640121').id));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('role_required');
    expect(snapshotCounts(w.db)).toEqual({ ...before, sessions: before.sessions + 1, audit_log: before.audit_log + 1 });
  });

  it('refuses a taken username (409 username_taken) and bad fields (422 with field errors)', async () => {
    const admin = await loginAs(w, '640121-admin');
    const taken = await admin.post('/api/users', newUser(w.depot('640121').id, { username: '640121-planner' }));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('username_taken');
    const bad = await admin.post('/api/users', newUser(w.depot('640121').id, { username: 'x', password: 'short', roles: ['emperor'] }));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['username', 'password', 'roles.0']));
    const none = await admin.post('/api/users', newUser(w.depot('640121').id, { roles: [] }));
    expect(none.status).toBe(422);
    expect(none.body.errors.map((e: any) => e.path)).toContain('roles');
  });

  it('changes, deactivates and reactivates users below; refuses unknown ids (404 user_not_found)', async () => {
    const admin = await loginAs(w, '640121-admin');
    const id = w.actor('640121100-dispenser').userId;
    const changed = await admin.patch(`/api/users/${id}`, { displayName: '杨和镇发放员', roles: ['dispenser', 'storekeeper'], password: 'another-pass-2' });
    expect(changed.status).toBe(200);
    expect(changed.body.displayName).toBe('杨和镇发放员');
    expect((await admin.post(`/api/users/${id}/deactivate`)).body.active).toBe(false);
    expect((await admin.post(`/api/users/${id}/reactivate`)).body.active).toBe(true);
    expect((await loginAs(w, '640121100-dispenser', 'another-pass-2')).username).toBe('640121100-dispenser');
    const unknown = await admin.post('/api/users/987654/deactivate');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('user_not_found');
  });

  it('refuses an admin deactivating itself (409 self_deactivation) or changing its own roles (403 forbidden)', async () => {
    const admin = await loginAs(w, '640121-admin');
    const self = w.actor('640121-admin').userId;
    expect((await admin.post(`/api/users/${self}/deactivate`)).body.code).toBe('self_deactivation');
    expect((await admin.patch(`/api/users/${self}`, { roles: ['admin', 'leader'] })).body.code).toBe('forbidden');
  });

  it('lets any user change its own display name, and its password with the current one (422 current_password_wrong without)', async () => {
    const c = await loginAs(w, '640121100-finance');
    const self = w.actor('640121100-finance').userId;
    const before = snapshotCounts(w.db);
    for (const body of [{ password: 'my-new-pass-3' }, { password: 'my-new-pass-3', currentPassword: 'not-my-password' }]) {
      const refused = await c.patch(`/api/users/${self}`, body);
      expect([refused.status, refused.body.code, refused.body.errors[0].path]).toEqual([422, 'current_password_wrong', 'currentPassword']);
    }
    const same = await c.patch(`/api/users/${self}`, { password: PASSWORD, currentPassword: PASSWORD });
    expect([same.status, same.body.code]).toEqual([422, 'weak_password']);
    expect(snapshotCounts(w.db)).toEqual(before);
    const res = await c.patch(`/api/users/${self}`, { displayName: '会计', password: 'my-new-pass-3', currentPassword: PASSWORD });
    expect(res.status).toBe(200);
    expect((await loginAs(w, '640121100-finance', 'my-new-pass-3')).username).toBe('640121100-finance');
  });

  it('takes no password shorter than 10 characters, containing the username or among the common ones, from an admin or the user (422 weak_password)', async () => {
    const admin = await loginAs(w, '640121-admin');
    const county = w.depot('640121').id;
    const before = snapshotCounts(w.db);
    for (const [password, flaw] of [['nine-char', 'too_short'], ['1234567890', 'common'], ['Password123', 'common'], ['x-yh.keeper-x', 'contains_username']] as const) {
      const res = await admin.post('/api/users', newUser(county, { username: 'yh.keeper', password }));
      expect([res.status, res.body.code ?? res.body.errors?.[0]?.message], password).toEqual([422, flaw === 'too_short' ? 'validation_failed' : 'weak_password']);
      if (flaw !== 'too_short') expect(res.body.errors).toEqual([{ path: 'password', message: flaw }]);
    }
    const reset = await admin.patch(`/api/users/${w.actor('640121-storekeeper').userId}`, { password: 'qwertyuiop' });
    expect([reset.status, reset.body.code]).toEqual([422, 'weak_password']);
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('refuses an admin changing a user at a sibling depot (403 out_of_scope)', async () => {
    const admin = await loginAs(w, '640121100-admin');
    const res = await admin.post(`/api/users/${w.actor('640121101-storekeeper').userId}/deactivate`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('out_of_scope');
  });

  it('lists the users of a subtree, paginated, and never those above', async () => {
    const admin = await loginAs(w, '640121-admin');
    const page1 = await admin.get('/api/users?pageSize=10');
    expect(page1.status).toBe(200);
    expect(page1.body.total).toBe(4 * ROLES.length); // one user per role at the county, two townships, one village
    expect(page1.body.items).toHaveLength(10);
    const all = await admin.get('/api/users?pageSize=100');
    expect(all.body.items.every((u: any) => ['永宁县', '杨和镇', '李俊镇', '王太村委会'].includes(u.depotName))).toBe(true);
    expect((await admin.get(`/api/users?depotId=${w.depot('6401').id}`)).body.code).toBe('out_of_scope');
  });
});
