import { describe, it, expect, beforeEach } from 'vitest';
import { makeWorld, snapshotCounts, PASSWORD, type World } from '../helpers/world.ts';
import { loginAs, anonymous } from '../helpers/client.ts';

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});

const login = (username: string, password: string) =>
  anonymous(w, '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('logging in (S0:446-447: own credentials, identity checked at entry)', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns the user, depot and CSRF token', async () => {
    const res = await login('640121-storekeeper', PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sid=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(res.body.user).toMatchObject({ username: '640121-storekeeper', roles: ['storekeeper'], depotName: '永宁县' });
    expect(res.body.depot.code).toBe('640121');
    expect(res.body.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('answers a wrong password and an unknown user alike (401 invalid_credentials)', async () => {
    const wrong = await login('640121-storekeeper', 'nope-nope');
    const unknown = await login('nobody-here', 'nope-nope');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body).toEqual({ ...wrong.body, requestId: expect.any(String) });
  });

  it('stores passwords as argon2id, never as given', () => {
    const hashes = w.db.$client.prepare('select password_hash from users').pluck().all() as string[];
    expect(hashes.every((h) => h.startsWith('$argon2id$'))).toBe(true);
    expect(hashes.some((h) => h.includes(PASSWORD))).toBe(false);
  });

  it('locks a username after 5 failures, even for the right password, until 15 minutes pass (429 login_throttled)', async () => {
    for (let i = 0; i < 5; i++) expect((await login('640121-leader', `bad-${i}-xx`)).status).toBe(401);
    const locked = await login('640121-leader', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('login_throttled');
    w.clock.advanceMinutes(14);
    expect((await login('640121-leader', PASSWORD)).status).toBe(429);
    w.clock.advanceMinutes(2);
    expect((await login('640121-leader', PASSWORD)).status).toBe(200);
    // A success clears the count: four new failures do not lock.
    for (let i = 0; i < 4; i++) await login('640121-leader', `bad-${i}-yy`);
    expect((await login('640121-leader', PASSWORD)).status).toBe(200);
  });
});

describe('sessions and CSRF', () => {
  it('refuses every API route without a session (401 unauthenticated), except login, health and the API description', async () => {
    for (const path of ['/api/auth/me', '/api/depots/1', '/api/products', '/api/stock?depotId=1', '/api/users', '/api/audit?depotId=1']) {
      const res = await anonymous(w, path);
      expect(res.status, path).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    }
    expect((await anonymous(w, '/api/health')).status).toBe(200);
    expect((await anonymous(w, '/api/openapi.json')).status).toBe(200);
  });

  it('refuses a state change without the CSRF token, or with a wrong one (403 csrf_failed), and changes nothing', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    const before = snapshotCounts(w.db);
    const body = JSON.stringify({ depotId: w.depot('640121').id, lines: [{ batch: { productCode: 'KJ-0101', lot: 'CSRF', expiresOn: '2028-01-01' }, quantity: 1 }] });
    for (const token of [undefined, 'forged-token-value']) {
      const res = await anonymous(w, '/api/opening-balances', {
        method: 'POST',
        headers: { cookie: c.cookie, 'content-type': 'application/json', ...(token && { 'x-csrf-token': token }) },
        body,
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('csrf_failed');
    }
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('ends the session on logout: the old cookie no longer works', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('expires a session idle for 2 hours, and any session after 12 hours', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    w.clock.advanceMinutes(119);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    w.clock.advanceMinutes(119);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    w.clock.advanceMinutes(121);
    expect((await c.get('/api/auth/me')).status).toBe(401);

    const d = await loginAs(w, '640121-storekeeper');
    for (let i = 0; i < 12; i++) {
      w.clock.advanceMinutes(60);
      await d.get('/api/auth/me');
    }
    expect((await d.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a user’s sessions at once when an admin deactivates it or changes its roles (S0:448)', async () => {
    const keeper = await loginAs(w, '640121100-storekeeper');
    const planner = await loginAs(w, '640121100-planner');
    const admin = await loginAs(w, '640121-admin');
    const keeperId = w.actor('640121100-storekeeper').userId;
    const plannerId = w.actor('640121100-planner').userId;
    expect((await admin.post(`/api/users/${keeperId}/deactivate`)).status).toBe(200);
    expect((await keeper.get('/api/auth/me')).status).toBe(401);
    expect((await login('640121100-storekeeper', PASSWORD)).body.code).toBe('invalid_credentials');
    expect((await admin.patch(`/api/users/${plannerId}`, { roles: ['planner', 'leader'] })).status).toBe(200);
    expect((await planner.get('/api/auth/me')).status).toBe(401);
    expect((await loginAs(w, '640121100-planner')).username).toBe('640121100-planner');
  });

  it('records logins, logouts and user changes in the audit log that upper levels read', async () => {
    const c = await loginAs(w, '640121100-storekeeper');
    await c.post('/api/auth/logout');
    const admin = await loginAs(w, '640121-admin');
    await admin.patch(`/api/users/${w.actor('640121100-dispenser').userId}`, { displayName: '新名字' });
    const region = await loginAs(w, '64-leader');
    const log = await region.get(`/api/audit?depotId=${w.depot('640121').id}&pageSize=100`);
    expect(log.status).toBe(200);
    const actions = log.body.items.map((e: any) => `${e.action} ${e.entity}`);
    expect(actions).toEqual(expect.arrayContaining(['login session', 'logout session', 'update user']));
    expect(log.body.items.find((e: any) => e.action === 'update')).toMatchObject({ actorName: expect.any(String), detail: expect.objectContaining({ displayName: '新名字' }) });
    const township = await loginAs(w, '640121100-leader');
    expect((await township.get(`/api/audit?depotId=${w.depot('640121').id}`)).body.code).toBe('out_of_scope');
  });
});

describe('the session tells the screens the adverse-reaction due days (the report form shows its due date as it is filled in)', () => {
  it('answers the configured days for a death, another serious reaction and any other, on login and on /auth/me', async () => {
    const res = await login('640121100200-dispenser', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.adverseReactionDueDays).toEqual({ death: 0, serious: 15, other: 30 });
    const local = await makeWorld({ config: { adverseReactions: { ...w.deps.config.adverseReactions, dueDays: { death: 1, serious: 10, other: 20 } } } });
    const me = await (await loginAs(local, '640121100200-dispenser')).get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.adverseReactionDueDays).toEqual({ death: 1, serious: 10, other: 20 });
  });
});
