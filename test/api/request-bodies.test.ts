import { describe, it, expect, beforeEach } from 'vitest';
import { makeWorld, snapshotCounts, type World } from '../helpers/world.ts';
import { anonymous, loginAs } from '../helpers/client.ts';

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});

const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const product = (id: number) => w.db.$client.prepare('select unit_price_fen as unitPriceFen, cyp_per_unit as cypPerUnit from products where id = ?').get(id);
const pathsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

describe('a body in a media type the operation does not take is refused (415 unsupported_media_type)', () => {
  it('refuses a text/plain body to a JSON operation instead of reading it as no change, and changes nothing', async () => {
    const planner = await loginAs(w, '64-planner');
    const id = productId('KJ-0101');
    const before = product(id);
    const res = await planner.raw(`/api/products/${id}`, { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ cypPerUnit: 1 }) });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'unsupported_media_type', data: { accepted: ['application/json'], received: 'text/plain' } });
    expect(product(id)).toEqual(before);
  });

  it('refuses a form-encoded new user and a text/plain login', async () => {
    const admin = await loginAs(w, '640121-admin');
    const before = snapshotCounts(w.db);
    const form = await admin.raw('/api/users', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=form.user&password=long-enough-1' });
    expect(form.status).toBe(415);
    const login = await anonymous(w, '/api/auth/login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ username: '640121-admin', password: 'test-pass-1' }) });
    expect(login.status).toBe(415);
    expect(login.body.code).toBe('unsupported_media_type');
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('refuses JSON to the CSV import, which still takes text/csv', async () => {
    const keeper = await loginAs(w, '640121-storekeeper');
    const url = `/api/opening-balances/import?depotId=${w.depot('640121').id}`;
    const json = await keeper.raw(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lines: [] }) });
    expect(json.status).toBe(415);
    expect(json.body.data.accepted).toEqual(['text/csv']);
    const csv = await keeper.raw(url, { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8' }, body: 'product_code,lot,expires_on,zone,quantity,unit_price\nKJ-0101,CSV1,2028-05-31,pending,10,0.95\n' });
    expect(csv.status).toBe(201);
    expect(csv.body.lines).toHaveLength(1);
  });

  it('lets an operation without a body be called with none or an empty JSON object, and refuses a text body', async () => {
    const keeper = await loginAs(w, '640121-storekeeper');
    expect((await keeper.raw('/api/climate/sweep', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'sweep' })).status).toBe(415);
    expect((await keeper.raw('/api/climate/sweep', { method: 'POST' })).status).toBe(200);
    expect((await keeper.post('/api/climate/sweep', {})).status).toBe(200);
  });

  it('takes JSON with a charset and the +json suffix', async () => {
    const planner = await loginAs(w, '64-planner');
    const id = productId('KJ-0101');
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const res = await planner.raw(`/api/products/${id}`, { method: 'PATCH', headers: { 'content-type': type }, body: JSON.stringify({ cypPerUnit: 0.1 }) });
      expect(res.status, type).toBe(200);
    }
  });
});

describe('an unknown field in a request body is refused (422 validation_failed naming it), never silently dropped', () => {
  it('refuses a field PATCH /products/{id} does not change, alone or next to one it does, and changes nothing', async () => {
    const planner = await loginAs(w, '64-planner');
    const id = productId('KJ-0101');
    const before = product(id);
    const price = await planner.patch(`/api/products/${id}`, { unitPriceFen: 'x' });
    expect(price.status).toBe(422);
    expect(price.body.code).toBe('validation_failed');
    expect(pathsOf(price.body)).toEqual(['unitPriceFen']);
    const mixed = await planner.patch(`/api/products/${id}`, { cypPerUnit: 1, bogus: 2 });
    expect(mixed.status).toBe(422);
    expect(mixed.body.errors).toEqual([{ path: 'bogus', message: 'unknown field' }]);
    expect(product(id)).toEqual(before);
  });

  it('names unknown fields of nested objects by their path, and writes nothing', async () => {
    const admin = await loginAs(w, '640121-admin');
    const planner = await loginAs(w, '640121-planner');
    const keeper = await loginAs(w, '640121-storekeeper');
    const county = w.depot('640121').id;
    const kj = productId('KJ-0101');
    const before = snapshotCounts(w.db);
    const cases = [
      [admin.post('/api/users', { username: 'new.keeper', displayName: '新库管', password: 'long-enough-1', depotId: county, roles: ['storekeeper'], isAdmin: true }), 'isAdmin'],
      [planner.post('/api/transfer-orders', { fromDepotId: county, toDepotId: w.depot('640121100').id, basis: 'allocation_plan', lines: [{ productId: kj, quantity: 5, lot: 'A1' }] }), 'lines.0.lot'],
      [keeper.post('/api/receipts', { depotId: county, supplierName: '厂家', deliveryNote: 'CK-1', expectedLines: [{ productId: kj, quantity: 5, expiresOn: '2028-01-31' }] }), 'expectedLines.0.expiresOn'],
      [keeper.post('/api/opening-balances', { depotId: county, lines: [{ batch: { productCode: 'KJ-0101', lot: 'OB1', expiresOn: '2028-01-31', price: 3 }, quantity: 5 }] }), 'lines.0.batch.price'],
      [anonymous(w, '/api/climate/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ readings: [{ takenAt: 1, temperatureC: 20, sensor: 'x' }] }) }), 'readings.0.sensor'],
    ] as const;
    for (const [pending, path] of cases) {
      const res = await pending;
      expect(res.status, path).toBe(422);
      expect(res.body.code).toBe('validation_failed');
      expect(pathsOf(res.body)).toContain(path);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('refuses an unknown field at login without opening a session', async () => {
    const before = snapshotCounts(w.db);
    const res = await anonymous(w, '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '640121-admin', password: 'test-pass-1', remember: true }) });
    expect(res.status).toBe(422);
    expect(pathsOf(res.body)).toEqual(['remember']);
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('refuses an unknown field on every operation with a JSON body in the document, and nothing changes', async () => {
    type Param = { name: string; in: string; schema?: { enum?: string[] } };
    const doc = (await (await w.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; parameters?: Param[] }>> };
    const targets = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.requestBody?.content['application/json'])
        // A path parameter that names one of a list (a checklist item) takes the first of it; an id takes 1.
        .map(([method, op]) => ({ method, path: path.replace(/\{(\w+)\}/g, (_, name: string) => op.parameters?.find((q) => q.in === 'path' && q.name === name)?.schema?.enum?.[0] ?? '1') })),
    );
    expect(targets.length).toBeGreaterThan(40);
    const user = await loginAs(w, await w.addUser('everyone', '640121', ['storekeeper', 'inspector', 'planner', 'leader', 'finance', 'dispenser', 'admin']));
    const before = snapshotCounts(w.db);
    const wrong: string[] = [];
    for (const { method, path } of targets) {
      const url = `/api${path}`;
      const res = await user.raw(url, { method: method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: JSON.stringify({ notAField: 1 }) });
      if (res.status !== 422 || res.body.code !== 'validation_failed' || !pathsOf(res.body).includes('notAField')) wrong.push(`${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});
