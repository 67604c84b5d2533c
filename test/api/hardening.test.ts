import { describe, it, expect, beforeAll } from 'vitest';
import { createApp } from '../../server/app.ts';
import { expectLedgerConsistent, makeWorld, PASSWORD, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs } from '../helpers/client.ts';

/** Issue 19, point 8: the headers every answer carries, and the session cookie's Secure flag. */
let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe('security headers', () => {
  it('keeps no API answer in any cache: the CSRF token, users and the audit log carry personal data', async () => {
    const keeper = await loginAs(w, '640121-storekeeper');
    for (const path of ['/api/auth/me', '/api/users?depotId=' + w.depot('640121').id, '/api/health', '/api/openapi.json']) {
      const res = await w.app.request(path, { headers: { cookie: keeper.cookie } });
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const login = await w.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '640121-planner', password: PASSWORD }) });
    expect(login.headers.get('cache-control')).toBe('no-store');
    const refused = await w.app.request('/api/auth/me');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('sends a strict Content-Security-Policy without inline script, never framed, with nosniff and a referrer policy', async () => {
    for (const path of ['/', '/api/health', '/no-such-page']) {
      const res = await w.app.request(path);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('style-src'), path).toEqual(["'self'"]);
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('lets only the pages the server writes itself (label sheets, the API reference) use inline styles, never inline script', async () => {
    for (const path of ['/api/labels/sheet?layout=a4-3x8&items=zone:1:qualified', '/api/docs']) {
      const csp = directives((await w.app.request(path)).headers.get('content-security-policy'));
      expect(csp.get('style-src'), path).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
    }
  });

  it('serves the API reference with no inline script either (its start is a file of its own)', async () => {
    const page = await w.app.request('/api/docs');
    const html = await page.text();
    expect(html).not.toMatch(/<script>/);
    expect(directives(page.headers.get('content-security-policy')).get('script-src')).toEqual(["'self'"]);
    const start = await w.app.request('/api/docs/assets/start.js');
    expect(start.status).toBe(200);
    expect(await start.text()).toContain("SwaggerUIBundle({ url: '/api/openapi.json'");
  });

  it('marks the session cookie Secure when the browser came over HTTPS through the trusted proxy, and not over plain HTTP', async () => {
    const app = createApp(w.deps, { trustProxy: true });
    const logIn = (proto: string) =>
      app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': proto, 'x-forwarded-for': '10.1.2.3' },
        body: JSON.stringify({ username: '640121-planner', password: PASSWORD }),
      });
    expect((await logIn('https')).headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect((await logIn('http')).headers.get('set-cookie')).not.toMatch(/Secure/i);
  });
});

describe('bodies that cost more to read than they are worth (issue 19, point 5)', () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) => w.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('takes a few kilobytes at login, before anyone is known (413 payload_too_large)', async () => {
    const res = await post('/api/auth/login', JSON.stringify({ username: '640121-planner', password: 'x'.repeat(5_000) }));
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('payload_too_large');
    expect((await post('/api/auth/login', JSON.stringify({ username: '640121-planner', password: PASSWORD }))).status).toBe(200);
  });

  it('refuses JSON nested deeper than 32 levels on any route, logged in or not (400 json_too_deep), and takes 32', async () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const deep = await post('/api/auth/login', `{"username":"a","password":${nested(40)}}`);
    expect(deep.status).toBe(400);
    expect((await deep.json()).code).toBe('json_too_deep');
    const keeper = await loginAs(w, '640121-storekeeper');
    const bomb = await post('/api/receipts', `{"depotId":${nested(100_000)}}`, { cookie: keeper.cookie, 'x-csrf-token': keeper.csrf });
    expect(bomb.status).toBe(400);
    expect((await bomb.json()).code).toBe('json_too_deep');
    // 32 levels are parsed and left to the schema, which refuses the shape.
    const shallow = await post('/api/auth/login', `{"username":"a","password":${nested(31)}}`);
    expect((await shallow.json()).code).toBe('validation_failed');
    // Brackets inside strings are text, not nesting.
    expect((await post('/api/auth/login', JSON.stringify({ username: '640121-planner', password: `${'['.repeat(40)}` }))).status).toBe(401);
  });
});

describe('searches take what is typed literally (issue 19, point 12)', () => {
  it('finds "%" and "_" as themselves in user, depot and lot searches, not as wildcards', async () => {
    const admin = await loginAs(w, '640121-admin');
    const county = w.depot('640121').id;
    const users = async (q: string) => (await admin.get(`/api/users?depotId=${county}&q=${encodeURIComponent(q)}`)).body.items.map((u: { username: string }) => u.username);
    expect((await users('storekeeper')).length).toBeGreaterThan(0);
    expect(await users('%')).toEqual([]);
    expect(await users('_')).toEqual([]);
    await w.addUser('640121-x_y%z', '640121', ['dispenser']);
    expect(await users('_y%')).toEqual(['640121-x_y%z']);
    const depots = async (q: string) => (await admin.get(`/api/depots?q=${encodeURIComponent(q)}`)).body.items.map((d: { code: string }) => d.code);
    expect(await depots('永宁')).toContain('640121');
    expect(await depots('%')).toEqual([]);
  });
});

describe('amounts and dates that stay exact and real (issue 19, points 6 and 10)', () => {
  it('refuses 99,999,999 units at 99,999,999 fen at input, and a balance past exact integers at posting; verify and the books stay exact', async () => {
    const world = await makeWorld();
    const keeper = await loginAs(world, '640121100-storekeeper');
    const township = world.depot('640121100').id;
    const before = snapshotCounts(world.db);
    const huge = await keeper.post('/api/opening-balances', { depotId: township, lines: [{ batch: { productCode: 'KJ-0101', lot: 'BIG-1', expiresOn: '2029-06-30' }, quantity: 99_999_999, unitPriceFen: 99_999_999 }] });
    expect(huge.status).toBe(422);
    expect(huge.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['lines.0.quantity', 'lines.0.unitPriceFen']);
    expect(snapshotCounts(world.db)).toEqual(before);
    // At the line limits (10^13 fen): one line posts, a second into the same balance would pass 10^13.
    const max = { batch: { productCode: 'KJ-0101', lot: 'BIG-2', expiresOn: '2029-06-30' }, quantity: 10_000_000, unitPriceFen: 1_000_000 };
    expect((await keeper.post('/api/opening-balances', { depotId: township, lines: [max] })).status).toBe(201);
    const over = await keeper.post('/api/opening-balances', { depotId: township, lines: [max] });
    expect([over.status, over.body.code]).toEqual([422, 'amount_out_of_range']);
    expectLedgerConsistent(world.db);
    const value = world.db.$client.prepare('select sum(value_fen) from stock_balances').pluck().get() as number;
    expect(Number.isSafeInteger(value)).toBe(true);
  });

  it('refuses impossible calendar dates wherever a date is read (422 validation_failed), and takes 29 February of a leap year', async () => {
    const world = await makeWorld();
    const keeper = await loginAs(world, '640121100-storekeeper');
    const township = world.depot('640121100').id;
    const post = (expiresOn: string) => keeper.post('/api/opening-balances', { depotId: township, lines: [{ batch: { productCode: 'KJ-0101', lot: `D-${expiresOn}`, expiresOn }, quantity: 1 }] });
    for (const date of ['2026-02-30', '9999-99-99', '2027-04-31', '2027-02-29', '2027-13-01', '2027-00-10', '0000-01-01']) {
      const res = await post(date);
      expect([res.status, res.body.code, res.body.errors?.[0]?.path], date).toEqual([422, 'validation_failed', 'lines.0.batch.expiresOn']);
    }
    expect((await post('2028-02-29')).status).toBe(201);
    // The opening-stock CSV reads its dates by the same rule.
    const csv = await keeper.post(`/api/opening-balances/import?depotId=${township}`, `product_code,lot,expires_on,quantity\nKJ-0101,CSV-1,2026-02-30,5\n`, { 'content-type': 'text/csv' });
    expect([csv.status, csv.body.errors?.[0]?.path]).toEqual([422, 'rows.1.expires_on']);
  });
});

describe('imports checked before they are read (issue 19, point 4)', () => {
  it('refuses another depot’s opening-stock file on scope before parsing it, and a file past 5,000 rows or 1 MB unread', async () => {
    const world = await makeWorld();
    const township = world.depot('640121100').id;
    const other = await loginAs(world, '640121101-storekeeper');
    const keeper = await loginAs(world, '640121100-storekeeper');
    const before = snapshotCounts(world.db);
    // Broken on every row: parsed first, it would answer 422 naming the rows; the scope comes first.
    const broken = `product_code,lot,expires_on,quantity\n${'KJ-0101,X,2026-02-30,0\n'.repeat(4000)}`;
    const foreign = await other.post(`/api/opening-balances/import?depotId=${township}`, broken, { 'content-type': 'text/csv' });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'out_of_scope']);
    const long = `product_code,lot,expires_on,quantity\n${'KJ-0101,L1,2028-01-31,1\n'.repeat(5001)}`;
    const rows = await keeper.post(`/api/opening-balances/import?depotId=${township}`, long, { 'content-type': 'text/csv' });
    expect([rows.status, rows.body.code, rows.body.errors?.[0]?.path]).toEqual([422, 'validation_failed', 'rows']);
    const big = `product_code,lot,expires_on,quantity,manufacturer\n${`KJ-0101,B1,2028-01-31,1,${'厂'.repeat(300)}\n`.repeat(1200)}`;
    const bytes = await keeper.post(`/api/opening-balances/import?depotId=${township}`, big, { 'content-type': 'text/csv' });
    expect([bytes.status, bytes.body.code]).toEqual([413, 'payload_too_large']);
    expect(snapshotCounts(world.db)).toEqual(before);
  });
});
