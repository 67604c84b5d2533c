import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { anonymous, loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-11-23T08:00:00Z' }); // 16:00 in Ningxia
});
afterEach(() => expectLedgerConsistent(w.db));

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);

async function newArea(depot = '640121', body: Record<string, unknown> = {}) {
  const res = await (await as(`${depot}-storekeeper`)).post(`/api/depots/${w.depot(depot).id}/storage-areas`, { name: '一号库房', kind: 'room', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const record = async (areaId: number, takenAt: string, temperatureC: number, humidityPct: number | null = 50, user = '640121-storekeeper') =>
  (await as(user)).post(`/api/storage-areas/${areaId}/readings`, { takenAt, temperatureC, humidityPct });

const excursionsOf = async (areaId: number) => (await (await as('640121-storekeeper')).get(`/api/storage-areas/${areaId}/excursions`)).body.items as any[];

describe('storage areas (S0:325, 328)', () => {
  it('defaults to 5-25 °C and RH below 65 %, is editable, and is kept by the depot’s own staff', async () => {
    const area = await newArea();
    for (const u of ['640121-finance', '640121100-storekeeper']) await as(u);
    expect(area).toMatchObject({ minC: 5, maxC: 25, maxRh: 65, expectedIntervalMinutes: 1440, zones: ['pending', 'qualified', 'nonconforming'], limits: { minC: 5, maxC: 25, maxRh: 65, rhAtLimitBreaches: true } });
    // An empty change is no change (the generated bad input found it answering 500).
    expect((await (await as('640121-inspector')).patch(`/api/storage-areas/${area.id}`, {})).body).toMatchObject({ id: area.id, maxC: 25 });
    const edited = await (await as('640121-inspector')).patch(`/api/storage-areas/${area.id}`, { maxC: 22, expectedIntervalMinutes: 30 });
    expect(edited.body).toMatchObject({ maxC: 22, expectedIntervalMinutes: 30, limits: { maxC: 22 } });
    expect((await (await as('6401-storekeeper')).get(`/api/depots/${w.depot('640121').id}/storage-areas`)).body.items).toHaveLength(1);

    const before = snapshotCounts(w.db);
    const cases: [string, string, unknown, number, string][] = [
      ['640121-finance', `/api/depots/${w.depot('640121').id}/storage-areas`, { name: 'x', kind: 'room' }, 403, 'role_required'],
      ['640121100-storekeeper', `/api/depots/${w.depot('640121').id}/storage-areas`, { name: 'x', kind: 'room' }, 403, 'out_of_scope'],
      ['640121-storekeeper', `/api/depots/999999/storage-areas`, { name: 'x', kind: 'room' }, 404, 'depot_not_found'],
      ['640121-storekeeper', `/api/depots/${w.depot('640121').id}/storage-areas`, { name: 'x', kind: 'room', minC: 20, maxC: 10 }, 422, 'validation_failed'],
      ['640121-storekeeper', `/api/depots/${w.depot('640121').id}/storage-areas`, { name: 'x', kind: 'garage' }, 422, 'validation_failed'],
    ];
    for (const [user, path, body, status, code] of cases) {
      const res = await (await as(user)).post(path, body);
      expect([res.status, res.body.code], `${user} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect((await (await as('640121-storekeeper')).patch('/api/storage-areas/999999', { maxC: 20 })).body.code).toBe('storage_area_not_found');
    expect((await (await as('640121100-storekeeper')).get(`/api/storage-areas/${area.id}`)).body.code).toBe('out_of_scope');
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});

describe('manual readings and excursions (库房温湿度记录表, S0:510)', () => {
  it('finds an excursion from readings, refuses to close it while it goes on, and records the corrective action', async () => {
    const area = await newArea();
    expect((await record(area.id, '2026-11-23T09:00:00+08:00', 22, 50)).body).toMatchObject({ added: 1, excursions: [] });
    const hot = await record(area.id, '2026-11-23T11:00:00+08:00', 27.5, 50);
    expect(hot.status).toBe(201);
    expect(hot.body.excursions).toEqual([{ id: expect.any(Number), kind: 'temperature_high', created: true }]);
    const id = hot.body.excursions[0].id;
    const keeper = await as('640121-storekeeper');
    expect((await keeper.post(`/api/climate/excursions/${id}/acknowledge`, { action: '开空调' })).body.code).toBe('excursion_ongoing');

    await record(area.id, '2026-11-23T12:00:00+08:00', 28.5, 50);
    await record(area.id, '2026-11-23T13:00:00+08:00', 24, 50);
    const [excursion] = await excursionsOf(area.id);
    expect(excursion).toMatchObject({ id, kind: 'temperature_high', startAt: at('2026-11-23T11:00:00+08:00'), endAt: at('2026-11-23T13:00:00+08:00'), minutes: 120, extreme: 28.5, readings: 2, status: 'open' });

    expect((await keeper.post(`/api/climate/excursions/${id}/acknowledge`, { action: '' })).body.code).toBe('validation_failed');
    expect((await keeper.post(`/api/climate/excursions/${id}/acknowledge`, { action: '停电', resolution: 'sensor_fault' })).body.code).toBe('sensor_fault_only_for_gaps');
    const ack = await keeper.post(`/api/climate/excursions/${id}/acknowledge`, { action: '开启空调降温，通风' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', resolution: 'corrective_action', action: '开启空调降温，通风', acknowledgedBy: `${w.depot('640121').name} storekeeper` });
    expect((await keeper.post(`/api/climate/excursions/${id}/acknowledge`, { action: '再次' })).body.code).toBe('excursion_already_acknowledged');

    // A late reading inside the acknowledged excursion extends nothing away: the same excursion, still acknowledged.
    await record(area.id, '2026-11-23T12:30:00+08:00', 29, 50);
    expect(await excursionsOf(area.id)).toMatchObject([{ id, extreme: 29, readings: 3, status: 'acknowledged' }]);
  });

  it('treats 25 °C as within limits and 65 % RH as a breach', async () => {
    const area = await newArea();
    await record(area.id, '2026-11-23T09:00:00+08:00', 25, 64.9);
    expect(await excursionsOf(area.id)).toEqual([]);
    await record(area.id, '2026-11-23T10:00:00+08:00', 25, 65);
    expect((await excursionsOf(area.id)).map((e) => [e.kind, e.extreme])).toEqual([['humidity_high', 65]]);
  });

  it('refuses implausible readings, readings in the future, unknown areas and other depots’ areas, changing nothing', async () => {
    const area = await newArea();
    for (const u of ['640121-finance', '640121100-storekeeper']) await as(u);
    const before = snapshotCounts(w.db);
    const cases: [number, Record<string, unknown>, number, string, string?][] = [
      [area.id, { temperatureC: -60, humidityPct: 40 }, 422, 'implausible_reading'],
      [area.id, { temperatureC: 20, humidityPct: 101 }, 422, 'implausible_reading'],
      [area.id, { temperatureC: 20, humidityPct: 40, takenAt: '2026-11-24T09:00:00+08:00' }, 422, 'reading_in_future'],
      [area.id, { temperatureC: '20', humidityPct: 40 }, 422, 'validation_failed'],
      [area.id, { temperatureC: 20, takenAt: 'yesterday' }, 422, 'validation_failed'],
      [999999, { temperatureC: 20, humidityPct: 40 }, 404, 'storage_area_not_found'],
      [area.id, { temperatureC: 20, humidityPct: 40 }, 403, 'out_of_scope', '640121100-storekeeper'],
      [area.id, { temperatureC: 20, humidityPct: 40 }, 403, 'role_required', '640121-finance'],
    ];
    for (const [areaId, body, status, code, user] of cases) {
      const res = await (await as(user ?? '640121-storekeeper')).post(`/api/storage-areas/${areaId}/readings`, body);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const malformed = await (await as('640121-storekeeper')).raw(`/api/storage-areas/${area.id}/readings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"temperatureC": 2' });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'malformed_json']);
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});

const LOGGER_CSV = [
  'Logger,EL-USB-2,,',
  'Time,Celsius(°C),Humidity(%rh),Serial Number',
  '2026-11-20 09:00:00,21.5,55,0001',
  '2026-11-20 09:05:00,22.0,56,0001',
  '2026-11-20 09:10:00,not-a-number,56,0001',
  '2026-11-20 09:15:00,26.5,57,0001',
  '2026-11-20 09:20:00,-80,57,0001',
  '2026-11-20 09:25:00,23.0,58,0001',
].join('\n');

describe('CSV import from data loggers', () => {
  it('previews the layout, good rows and bad rows by line, imports the good rows on confirm, and skips them the second time', async () => {
    const area = await newArea();
    const keeper = await as('640121-storekeeper');
    const snapshot = snapshotCounts(w.db);
    const preview = await keeper.post(`/api/storage-areas/${area.id}/readings/preview`, { csv: LOGGER_CSV });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ importable: 4, duplicates: 0, from: at('2026-11-20T09:00:00+08:00'), to: at('2026-11-20T09:25:00+08:00') });
    expect(preview.body.layout).toMatchObject({ temperature: 'Celsius(°C)', humidity: 'Humidity(%rh)', timeZone: 'Asia/Shanghai' });
    expect(preview.body.errors.map((e: any) => [e.line, e.code])).toEqual([
      [5, 'bad_temperature'],
      [7, 'implausible_reading'],
    ]);
    expect(snapshotCounts(w.db)).toEqual(snapshot);

    const imported = await keeper.post(`/api/storage-areas/${area.id}/readings/import`, { csv: LOGGER_CSV });
    expect(imported.status).toBe(201);
    // The last reading is three days old: the log has been missing since.
    expect(imported.body).toMatchObject({ imported: 4, duplicates: 0, excursions: [{ kind: 'temperature_high', created: true }, { kind: 'gap', created: true }] });
    expect(imported.body.errors).toHaveLength(2);
    expect((await excursionsOf(area.id)).find((e) => e.kind === 'temperature_high')).toMatchObject({ startAt: at('2026-11-20T09:15:00+08:00'), endAt: at('2026-11-20T09:25:00+08:00'), extreme: 26.5 });

    const again = await keeper.post(`/api/storage-areas/${area.id}/readings/import`, { csv: LOGGER_CSV });
    expect(again.body).toMatchObject({ imported: 0, duplicates: 4 });
    expect(await excursionsOf(area.id)).toHaveLength(2);
  });

  it('reads timestamps without an offset in the chosen time zone', async () => {
    const area = await newArea();
    const csv = 'timestamp,temperature,humidity\n2026-11-20 09:00,20,50\n';
    const shanghai = await (await as('640121-storekeeper')).post(`/api/storage-areas/${area.id}/readings/preview`, { csv });
    const utc = await (await as('640121-storekeeper')).post(`/api/storage-areas/${area.id}/readings/preview`, { csv, timeZone: 'UTC' });
    expect(shanghai.body.from).toBe(at('2026-11-20T01:00:00Z'));
    expect(utc.body.from).toBe(at('2026-11-20T09:00:00Z'));
    expect((await (await as('640121-storekeeper')).post(`/api/storage-areas/${area.id}/readings/preview`, { csv, timeZone: 'Mars/Olympus' })).body.code).toBe('validation_failed');
  });

  it('refuses a file it cannot read, changing nothing', async () => {
    const area = await newArea();
    const before = snapshotCounts(w.db);
    const res = await (await as('640121-storekeeper')).post(`/api/storage-areas/${area.id}/readings/import`, { csv: 'name,age\nzhang,30\n' });
    expect([res.status, res.body.code]).toEqual([422, 'csv_unreadable']);
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});

describe('networked sensors', () => {
  it('post readings with their own token and no session; a revoked or unknown token is refused and nothing is stored', async () => {
    const area = await newArea();
    const created = await (await as('640121-storekeeper')).post(`/api/storage-areas/${area.id}/sensors`, { name: '库房北墙探头' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^fps_/);
    expect(created.body.tokenHint).toBe(token.slice(-4));
    expect(JSON.stringify((await (await as('640121-storekeeper')).get(`/api/storage-areas/${area.id}`)).body)).not.toContain(token);

    const post = (body: unknown, auth?: string) =>
      anonymous(w, '/api/climate/ingest', { method: 'POST', headers: { 'content-type': 'application/json', ...(auth && { authorization: auth }) }, body: JSON.stringify(body) });
    const readings = [0, 5, 10].map((m) => ({ takenAt: at('2026-11-23T07:00:00Z') + m * MIN, temperatureC: 20 + m / 5, humidityPct: 50 }));
    const ok = await post({ readings }, `Bearer ${token}`);
    expect([ok.status, ok.body]).toEqual([200, { accepted: 3, duplicates: 0, excursions: [] }]);
    expect((await post({ readings }, `Bearer ${token}`)).body).toMatchObject({ accepted: 0, duplicates: 3 });

    const before = snapshotCounts(w.db);
    const bad = await post({ readings: [{ takenAt: at('2026-11-23T07:30:00Z'), temperatureC: 20 }, { takenAt: at('2026-11-23T07:35:00Z'), temperatureC: 99 }] }, `Bearer ${token}`);
    expect([bad.status, bad.body.code, bad.body.errors]).toEqual([422, 'implausible_reading', [{ path: 'readings.1.temperatureC', message: 'implausible reading' }]]);
    expect((await post({ readings }, undefined)).body.code).toBe('sensor_token_invalid');
    expect((await post({ readings }, 'Bearer fps_wrong')).body.code).toBe('sensor_token_invalid');
    expect(snapshotCounts(w.db)).toEqual(before);

    const revoked = await (await as('640121-storekeeper')).post(`/api/climate-sensors/${created.body.id}/revoke`);
    expect(revoked.body.revokedAt).toBe('2026-11-23T08:00:00.000Z');
    const after = snapshotCounts(w.db);
    const refused = await post({ readings: [{ takenAt: at('2026-11-23T07:50:00Z'), temperatureC: 20 }] }, `Bearer ${token}`);
    expect([refused.status, refused.body.code]).toEqual([401, 'sensor_token_revoked']);
    expect(snapshotCounts(w.db)).toEqual(after);
  });
});

describe('missing logs', () => {
  it('opens a gap when no reading came for longer than expected, alerts the depot and the depot above, and closes as a sensor fault', async () => {
    const area = await newArea('640121', { expectedIntervalMinutes: 60 });
    await record(area.id, '2026-11-23T15:00:00+08:00', 20);
    w.clock.advanceMinutes(90);
    const swept = await (await as('640121-storekeeper')).post('/api/climate/sweep');
    expect(swept.body.opened).toBe(1);
    expect((await (await as('640121-storekeeper')).post('/api/climate/sweep')).body.opened).toBe(0);
    const [gap] = await excursionsOf(area.id);
    expect(gap).toMatchObject({ kind: 'gap', startAt: at('2026-11-23T15:00:00+08:00'), endAt: null, status: 'open', minutes: 150 });

    const mine = (await (await as('640121-inspector')).get('/api/climate/alerts')).body.items;
    expect(mine.map((a: any) => [a.id, a.own, a.areaName])).toEqual([[gap.id, true, '一号库房']]);
    const above = (await (await as('6401-storekeeper')).get('/api/climate/alerts')).body.items;
    expect(above.map((a: any) => [a.id, a.own, a.depotName])).toEqual([[gap.id, false, w.depot('640121').name]]);
    expect((await (await as('64-storekeeper')).get('/api/climate/alerts')).body.items).toEqual([]);
    expect((await (await as('640121-finance')).get('/api/climate/alerts')).body.items).toEqual([]);

    const closed = await (await as('640121-storekeeper')).post(`/api/climate/excursions/${gap.id}/acknowledge`, { action: '探头电池耗尽，已更换', resolution: 'sensor_fault' });
    expect(closed.body).toMatchObject({ status: 'acknowledged', resolution: 'sensor_fault' });
    expect((await (await as('6401-storekeeper')).get('/api/climate/alerts')).body.items).toEqual([]);

    await record(area.id, '2026-11-23T17:20:00+08:00', 20);
    expect(await excursionsOf(area.id)).toMatchObject([{ id: gap.id, kind: 'gap', endAt: at('2026-11-23T17:20:00+08:00'), status: 'acknowledged' }]);
  });

  it('counts an area that never got a reading as a missing log', async () => {
    const area = await newArea();
    w.clock.advanceMinutes(1441);
    delete users['640121-storekeeper']; // the session has timed out meanwhile
    await (await as('640121-storekeeper')).post('/api/climate/sweep');
    expect(await excursionsOf(area.id)).toMatchObject([{ kind: 'gap', startAt: at('2026-11-23T08:00:00Z'), endAt: null }]);
  });
});

describe('exposed batches need a pre-issue inspection (issuing, S0:397)', () => {
  it('flags batches in the area during an excursion with their minutes, and blocks picking them until inspected', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'HOT-1', expiresOn: '2029-01-31' });
    w.clock.set('2026-11-23T01:00:00Z'); // in stock from 09:00
    givenStock(w, '640121', b.id, 80);
    w.clock.set('2026-11-23T08:00:00Z');
    const area = await newArea();
    await record(area.id, '2026-11-23T10:00:00+08:00', 22);
    const hot = await record(area.id, '2026-11-23T11:00:00+08:00', 31);
    await record(area.id, '2026-11-23T11:45:00+08:00', 23);
    const detail = (await (await as('640121-inspector')).get(`/api/climate/excursions/${hot.body.excursions[0].id}`)).body;
    expect(detail.exposures).toEqual([expect.objectContaining({ batchId: b.id, lot: 'HOT-1', minutes: 45 })]);

    const planner = await as('640121-planner');
    const productId = w.db.$client.prepare("select id from products where code = 'KJ-0101'").pluck().get() as number;
    const drafted = (await planner.post('/api/transfer-orders', { fromDepotId: w.depot('640121').id, toDepotId: w.depot('640121100').id, basis: 'temporary', lines: [{ productId, quantity: 10 }] })).body;
    const order = (await (await as('640121-leader')).post(`/api/transfer-orders/${drafted.id}/decision`, { decision: 'approved' })).body;
    expect(order.lines[0].proposals[0]).toMatchObject({ batchId: b.id, climateExposed: true, preIssueCheckDue: true });
    const keeper = await as('640121-storekeeper');
    expect((await keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: `FP1:B:${b.id}`, quantity: 10 })).body.code).toBe('pre_issue_check_required');

    w.clock.advanceMinutes(5);
    const inspected = await (await as('640121-inspector')).post('/api/inspections', {
      depotId: w.depot('640121').id,
      batchId: b.id,
      kind: 'pre_issue',
      checklist: { outer_pack_intact: true, markings_complete: true, count_matches_label: true, blister_sealed: true, tablets_intact_colour_uniform: true },
      passedQuantity: 80,
      failedQuantity: 0,
      nonconformities: [],
    });
    expect(inspected.status, JSON.stringify(inspected.body)).toBe(201);
    expect((await keeper.get(`/api/transfer-orders/${order.id}`)).body.lines[0].proposals[0]).toMatchObject({ climateExposed: false, preIssueCheckDue: false });
    expect((await keeper.post(`/api/transfer-orders/${order.id}/picks`, { raw: `FP1:B:${b.id}`, quantity: 10 })).status).toBe(200);
  });

  it('keeps an area to the stricter limits of a product stored in it', async () => {
    const product = await (await as('64-planner')).post('/api/products', {
      code: 'KJ-9001', nameZh: '测试凝胶', nameEn: 'Test gel', dosageForm: 'gel', productClass: 'external',
      specZh: '4g×10支', specEn: '4 g × 10', unitZh: '盒', unitEn: 'box', unitPriceFen: 300, storageMaxC: 20,
    });
    expect(product.body, JSON.stringify(product.body)).toMatchObject({ storageMaxC: 20, storageMinC: null });
    const b = buildBatch(w, { productCode: 'KJ-9001', lot: 'COOL-1' });
    givenStock(w, '640121', b.id, 10);
    const area = await newArea();
    expect(area.limits).toMatchObject({ maxC: 20, limitedBy: ['KJ-9001'] });
    await record(area.id, '2026-11-23T10:00:00+08:00', 22);
    expect((await excursionsOf(area.id)).map((e) => e.kind)).toEqual(['temperature_high']);
  });
});

describe('chart, monthly record and overview', () => {
  it('draws a long range with fewer points without hiding a spike', async () => {
    const area = await newArea();
    const start = at('2026-11-01T00:00:00+08:00');
    const lines = ['timestamp,temperature,humidity'];
    for (let i = 0; i < 288 * 3; i++) lines.push(`${new Date(start + i * 5 * MIN).toISOString()},${i === 500 ? 30.5 : 20},50`);
    expect((await (await as('640121-storekeeper')).post(`/api/storage-areas/${area.id}/readings/import`, { csv: lines.join('\n') })).body.imported).toBe(864);
    const chart = (await (await as('6401-planner')).get(`/api/storage-areas/${area.id}/series?from=${start}&to=${start + 3 * 1440 * MIN}&points=50`)).body;
    expect(chart.readings).toBe(864);
    expect(chart.t).toHaveLength(50);
    expect(Math.max(...chart.maxC)).toBe(30.5);
    expect(chart.excursions.filter((e: any) => e.kind !== 'gap').map((e: any) => [e.kind, e.startAt])).toEqual([['temperature_high', start + 500 * 5 * MIN]]);
    expect((await (await as('6401-planner')).get(`/api/storage-areas/${area.id}/series?from=${start}&to=${start}`)).body.code).toBe('validation_failed');
  });

  it('lays the month out as the paper form: morning and afternoon readings per day in the depots’ time zone', async () => {
    const area = await newArea();
    await record(area.id, '2026-11-01T00:30:00+08:00', 18); // 1 November in Ningxia, 31 October in UTC
    await record(area.id, '2026-11-02T08:55:00+08:00', 19);
    await record(area.id, '2026-11-02T10:30:00+08:00', 20);
    await record(area.id, '2026-11-02T15:10:00+08:00', 26, 66);
    await record(area.id, '2026-11-02T17:00:00+08:00', 22);
    const excursions = await excursionsOf(area.id);
    for (const e of excursions) await (await as('640121-storekeeper')).post(`/api/climate/excursions/${e.id}/acknowledge`, { action: '开窗通风' });
    const month = (await (await as('640121-leader')).get(`/api/storage-areas/${area.id}/monthly?month=2026-11`)).body;
    expect(month.rows).toHaveLength(30);
    expect(month.rows[0]).toMatchObject({ date: '2026-11-01', readings: 1, am: { temperatureC: 18 }, pm: null });
    expect(month.rows[1]).toMatchObject({ date: '2026-11-02', readings: 4, am: { temperatureC: 19, recordedBy: expect.any(String) }, pm: { temperatureC: 26, humidityPct: 66 }, minC: 19, maxC: 26, maxRh: 66, outOfRange: true, actions: ['开窗通风'] });
    expect(month.rows[2]).toMatchObject({ date: '2026-11-03', readings: 0, am: null, outOfRange: false });
    expect((await (await as('640121-leader')).get(`/api/storage-areas/${area.id}/monthly?month=2026-13`)).body.code).toBe('validation_failed');
    const october = (await (await as('640121-leader')).get(`/api/storage-areas/${area.id}/monthly?month=2026-10`)).body;
    expect(october.readings).toBe(0);

    // Three days later with nothing recorded: the days since the area was set up are missing, not those before.
    w.clock.advanceMinutes(3 * 1440);
    delete users['640121-leader'];
    const later = (await (await as('640121-leader')).get(`/api/storage-areas/${area.id}/monthly?month=2026-11`)).body;
    expect(later.rows.slice(20, 27).map((r: any) => [r.date, r.missing])).toEqual([
      ['2026-11-21', false],
      ['2026-11-22', false],
      ['2026-11-23', true],
      ['2026-11-24', true],
      ['2026-11-25', true],
      ['2026-11-26', false],
      ['2026-11-27', false],
    ]);
  });

  it('shows an upper level which depots below have open excursions or missing logs', async () => {
    const county = await newArea('640121');
    await record(county.id, '2026-11-23T10:00:00+08:00', 30);
    const township = await newArea('640121100');
    await record(township.id, '2026-11-23T10:00:00+08:00', 20, 50, '640121100-storekeeper');
    const view = (await (await as('6401-leader')).get(`/api/depots/${w.depot('6401').id}/climate-overview`)).body;
    const byCode = Object.fromEntries(view.items.map((d: any) => [d.code, d]));
    expect(byCode['640121']).toMatchObject({ areas: 1, openExcursions: 1, openGaps: 0, attention: true, depth: 1 });
    expect(byCode['640121100']).toMatchObject({ areas: 1, openExcursions: 0, attention: false, lastReadingAt: at('2026-11-23T10:00:00+08:00') });
    expect(byCode['640121101']).toMatchObject({ areas: 0, noLog: true, attention: true });
    // A village keeps its supplies in a dispensing box, not a store room: no log is expected of it.
    expect(byCode['640121100200']).toMatchObject({ areas: 0, noLog: false, attention: false });
    expect(view).toMatchObject({ withOpenExcursions: 1 });
    expect((await (await as('640121-leader')).get(`/api/depots/${w.depot('6401').id}/climate-overview`)).body.code).toBe('out_of_scope');
  });
});
