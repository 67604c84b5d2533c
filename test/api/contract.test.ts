import { describe, it, expect, beforeAll } from 'vitest';
import { openDb, type Db } from '../../db/client.ts';
import { createApp } from '../../server/app.ts';
import { ROLES } from '../../server/schemas/constants.ts';
import { CHECKLISTS } from '../../server/domain/inspection.ts';
import { createUserUnchecked } from '../../server/services/bootstrap.ts';
import { DEMO_DEPOTS, DEMO_PASSWORD, seedDemo } from '../../seed/demo.ts';
import { TestClock, testConfig } from '../helpers/world.ts';
import { Contract, readAnswer, sampleOf, type Answer, type Operation } from '../helpers/openapi-contract.ts';

/**
 * The contract test (issue 16, item 7): every GET the OpenAPI document lists is called on a
 * realistic world and must answer a documented 2xx; every mutating operation is driven down
 * its generic error paths. Each answer must have a documented status and content type and a
 * body matching the documented schema, objects closed to undocumented fields.
 */

const NOW = '2026-11-22T08:00:00Z';
const TODAY = NOW.slice(0, 10);
const PLAN_YEAR = 2027;
const UNKNOWN_ID = '999999';
const SUPERUSER = 'contract-all-roles';

/** Bodies for the unknown-id probe where a rule the document cannot state (one field of two) refuses the sample. */
const VALID_BODIES: Record<string, unknown> = {
  'POST /receipts/{id}/scans': { productId: 1, lot: 'L1', quantity: 1 },
  'POST /transfer-orders/{id}/picks': { batchId: 1, quantity: 1 },
  'POST /stock-counts/{id}/lines': { batchId: 1, zone: 'qualified', quantity: 1 },
  'POST /people/{id}/status': { status: 'moved_away', on: '2026-11-01' },
};

/** GET operations no sensible call can answer with a 2xx; each with the reason. Keep it short. */
const UNREACHABLE: Record<string, string> = {};

const emptyApp = createApp({ db: openDb(':memory:'), clock: new TestClock(new Date(NOW)), config: testConfig });
const contract = new Contract(await (await emptyApp.request('/api/openapi.json')).json());
const gets = contract.operations.filter((op) => op.method === 'GET');
const mutations = contract.operations.filter((op) => op.method !== 'GET' && op.method !== 'HEAD' && op.method !== 'OPTIONS');

interface Session {
  username: string;
  cookie: string;
  csrf: string;
  userId: number;
}

let app: ReturnType<typeof createApp>;
let db: Db;
const sessions = new Map<string, Session>();
/** Disagreements met while building the world (its documented success answers). */
const setupDisagreements: string[] = [];

function operation(method: string, path: string): Operation {
  const template = path.split('?')[0];
  const op = contract.operations.find((o) => o.method === method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(template));
  if (!op) throw new Error(`${method} ${template} is not in the document`);
  return op;
}

async function request(method: string, path: string, options: { session?: Session; csrf?: boolean; body?: string; contentType?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.session) headers.cookie = options.session.cookie;
  if (options.session && options.csrf !== false) headers['x-csrf-token'] = options.session.csrf;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  return readAnswer(await app.request(path, { method, headers, body: options.body }));
}

async function login(username: string): Promise<Session> {
  const known = sessions.get(username);
  if (known) return known;
  const res = await app.request(`${contract.apiBase}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const answer = await readAnswer(res);
  setupDisagreements.push(...contract.disagreements(operation('POST', '/auth/login'), answer).map((d) => `POST /auth/login: ${d}`));
  if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  const me = answer.body as { csrfToken: string; user: { id: number } };
  const session = { username, cookie, csrf: me.csrfToken, userId: me.user.id };
  sessions.set(username, session);
  return session;
}

/** A setup step through the API, as its users would take it; its answer is held to the document too. */
async function step<T = any>(username: string, method: string, path: string, body?: unknown, expected = method === 'POST' ? 201 : 200): Promise<T> {
  const answer = await request(method, `${contract.apiBase}${path}`, { session: await login(username), body: body === undefined ? undefined : JSON.stringify(body) });
  setupDisagreements.push(...contract.disagreements(operation(method, path), answer).map((d) => `${method} ${path}: ${d}`));
  if (answer.status !== expected) throw new Error(`${username} ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

const one = (sql: string, ...args: unknown[]) => db.$client.prepare(sql).pluck().get(...args) as number;
const depotId = (tier: keyof typeof DEMO_DEPOTS) => one('select id from depots where code = ?', DEMO_DEPOTS[tier]);
const productId = (code: string) => one('select id from products where code = ?', code);
const batchId = (code: string, lot: string) => one('select b.id from batches b join products p on p.id = b.product_id where p.code = ? and b.lot = ?', code, lot);

/** Real ids for path parameters: by the collection before `{id}`, or by parameter name. */
const ids: Record<string, number> = {};
let reportIds: string[] = [];

/**
 * The demo (real Ningxia tree, catalogue, stock, climate logs, a write-off request) and, at the
 * county, one document of each kind so that every list and detail has something in it.
 */
async function buildWorld() {
  db = openDb(':memory:');
  const clock = new TestClock(new Date(NOW));
  await seedDemo(db, testConfig, clock);
  await createUserUnchecked(db, testConfig, { username: SUPERUSER, displayName: 'contract test', depotCode: DEMO_DEPOTS.region, roles: [...ROLES], password: DEMO_PASSWORD }, clock.now());
  app = createApp({ db, clock, config: testConfig });

  const county = depotId('county');
  const condoms = batchId('KJ-0701', '20240815');
  const receipt = await step('county-storekeeper', 'POST', '/receipts', { depotId: county, supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'SH-2026-1120' });
  await step('county-storekeeper', 'POST', `/receipts/${receipt.id}/scans`, { productId: productId('KJ-0103'), lot: 'B2611001', expiresOn: '2029-10-31', quantity: 400 }, 200);
  const counted = await step('county-storekeeper', 'POST', `/receipts/${receipt.id}/count`, undefined, 200);
  await step('county-storekeeper', 'POST', `/receipts/${receipt.id}/sign`, { role: 'storekeeper' }, 200);
  const effective = await step('county-planner', 'POST', `/receipts/${receipt.id}/sign`, { role: 'planner' }, 200);
  const received = counted.lines[0].batchId as number;
  // Half a carton: the product's GTIN scanned, its lot barcode not yet.
  const halfScanned = await step('city-storekeeper', 'POST', '/receipts', { depotId: depotId('city'), supplierName: '上海新华联制药有限公司', deliveryNote: 'SH-2026-1121' });
  await step('city-storekeeper', 'POST', `/receipts/${halfScanned.id}/scans`, { raw: ']d20106901234567892' }, 200);
  const inspection = await step('county-inspector', 'POST', '/inspections', {
    depotId: county,
    batchId: received,
    kind: 'receipt',
    receiptId: receipt.id,
    checklist: { ...Object.fromEntries(CHECKLISTS.oral_tablet.map((k) => [k, true])), blister_sealed: false },
    passedQuantity: 390,
    failedQuantity: 10,
    nonconformities: ['inner_pack_broken'],
  });

  const drafted = await step('county-planner', 'POST', '/transfer-orders', { fromDepotId: county, toDepotId: depotId('township'), basis: 'temporary', lines: [{ productId: productId('KJ-0701'), quantity: 100 }] });
  const order = await step('county-leader', 'POST', `/transfer-orders/${drafted.id}/decision`, { decision: 'approved' }, 200);
  const picked = await step('county-storekeeper', 'POST', `/transfer-orders/${order.id}/picks`, { raw: `FP1:B:${condoms}`, quantity: 100 }, 200);
  await step('county-storekeeper', 'POST', `/transfer-orders/${order.id}/dispatch`, undefined, 200);
  const shipment = await step('township-storekeeper', 'POST', `/transfer-orders/${order.id}/receive`);
  await step('township-storekeeper', 'POST', `/receipts/${shipment.id}/discrepancies`, { kind: 'damaged', batchId: condoms, quantity: 2, note: '外箱受潮' }, 200);

  const zoneMove = await step('county-storekeeper', 'POST', '/zone-moves', { depotId: county, batchId: batchId('KJ-0101', '20250603'), fromZone: 'qualified', toZone: 'nonconforming', quantity: 5, reason: '外包装破损' });
  const reversalRequest = await step('county-storekeeper', 'POST', `/postings/${zoneMove.postingId}/reverse`, { reason: '移错库区' });
  await step('county-storekeeper', 'POST', `/depots/${county}/expiry-sweep`, undefined, 200);
  const writeOff = await step('county-storekeeper', 'POST', '/write-offs', { depotId: county, lines: [{ batchId: batchId('KJ-0301', 'S231102'), quantity: 30, kind: 'expired' }] });
  await step('city-leader', 'POST', `/write-offs/${writeOff.id}/decision`, { decision: 'approved' }, 200);
  const witnesses = ['county-storekeeper', 'county-leader'].map((username) => ({ username, password: DEMO_PASSWORD }));
  await step('county-storekeeper', 'POST', `/write-offs/${writeOff.id}/disposal`, { method: 'destroy', place: '县站焚烧炉', witnesses }, 200);
  const hold = await step('county-inspector', 'POST', '/batch-holds', { depotId: county, batchId: batchId('KJ-0103', 'B2504017'), reason: '疑似质量问题，暂停发放' });
  await step('village-dispenser', 'POST', '/dispensings', { depotId: depotId('village'), batchId: condoms, quantity: 2, packIntact: true, expiryChecked: true, recipient: '王某' });
  const registered = await step('village-dispenser', 'POST', '/people', { depotId: depotId('village'), name: '李秀英', birthYearMonth: '1994-03', community: '王太村三组', method: 'oral', methodSince: '2026-09-01', consent: true, consentOn: '2026-09-01' });
  await step('village-dispenser', 'POST', '/dispensings', { depotId: depotId('village'), batchId: batchId('KJ-0101', '20250603'), quantity: 1, packIntact: true, expiryChecked: true, personId: registered.id });
  await step('village-dispenser', 'POST', `/people/${registered.id}/follow-ups`, { on: TODAY, outcome: 'side_effects', sideEffects: '轻微恶心' });
  // Three adverse-reaction reports on one lot (a signal to the region), the first serious, awaiting the county.
  const reaction = { depotId: depotId('village'), raw: `FP1:B:${condoms}`, useStartedOn: '2026-09-01', onsetOn: '2026-11-18', description: '使用后局部瘙痒', outcome: 'improving' };
  const adverse = await step('village-dispenser', 'POST', '/adverse-reactions', { ...reaction, personId: registered.id, criteria: ['hospitalisation'] });
  for (const birthYear of [1990, 1991]) await step('village-dispenser', 'POST', '/adverse-reactions', { ...reaction, birthYear, community: '王太村一组' });
  await step('township-planner', 'POST', `/depots/${depotId('township')}/usage-figures`, { year: 2026, half: 2, figures: [{ method: 'condom', users: 35 }] }, 200);
  const demandPlan = await step('township-planner', 'POST', '/demand-plans', { depotId: depotId('township'), year: PLAN_YEAR });
  const allocationPlan = await step('county-planner', 'POST', '/allocation-plans', { depotId: county, year: PLAN_YEAR });
  const submission = await step('township-leader', 'POST', '/report-submissions', { depotId: depotId('township'), kind: 'users', year: 2026, period: 'h1' });
  const visit = await step('county-inspector', 'POST', '/supervision-visits', { visitedDepotId: depotId('township'), plannedOn: TODAY, visitors: ['张检查'] });
  const serviceRequest = await step('county-storekeeper', 'POST', '/service-requests', { depotId: county, kind: 'complaint', channel: 'depot_below', requester: { kind: 'depot', depotId: depotId('township') }, subject: '到货短少', text: '调拨到货少两盒', transferOrderId: order.id, batchId: condoms });
  const training = await step('county-planner', 'POST', '/trainings', { heldOn: TODAY, title: '乡级药管员培训', topics: ['supplies_knowledge'], trainer: '县站', attendees: [{ userId: (await login('township-storekeeper')).userId }, { name: '李二组', depotId: depotId('village') }] });
  const education = await step('township-dispenser', 'POST', '/education-sessions', { heldOn: TODAY, place: '镇集市', topics: ['action_and_use'], attendance: 40 });
  const round = await step('city-leader', 'POST', '/assessment-rounds', { year: 2026, rubricVersion: 1 });
  await step('city-inspector', 'POST', `/assessment-rounds/${round.id}/scores`, { depotId: county, itemKey: 'training_held', score: 8, note: '培训2期' }, 200);
  await step('city-leader', 'POST', `/assessment-rounds/${round.id}/compute`, undefined, 200);
  // Last: a count freezes its zones, and nothing posts after it.
  const count = await step('county-storekeeper', 'POST', '/stock-counts', { depotId: county, zones: ['nonconforming'] });
  await step('county-storekeeper', 'POST', `/stock-counts/${count.id}/lines`, { batchId: condoms, zone: 'nonconforming', quantity: 20 }, 200);

  // A scanned delivery note on the receipt (a PNG of one pixel), for the archive's file routes.
  const scan = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const storekeeper = await login('county-storekeeper');
  const attached = await readAnswer(await app.request(`${contract.apiBase}/archive/receipt/${receipt.id}/attachments?fileName=scan.png`, { method: 'POST', headers: { cookie: storekeeper.cookie, 'x-csrf-token': storekeeper.csrf, 'content-type': 'image/png' }, body: new Uint8Array(scan) }));
  setupDisagreements.push(...contract.disagreements(operation('POST', '/archive/receipt/1/attachments'), attached).map((d) => `POST /archive/.../attachments: ${d}`));
  if (attached.status !== 201) throw new Error(`attach: ${attached.status} ${JSON.stringify(attached.body)}`);

  const area = one('select id from storage_areas where depot_id = ? order by id limit 1', county);
  Object.assign(ids, {
    depotId: county,
    depots: county,
    products: productId('KJ-0103'),
    batches: condoms,
    postings: effective.postingId,
    'opening-balances': one('select id from opening_balances where depot_id = ?', county),
    users: (await login('county-storekeeper')).userId,
    receipts: receipt.id,
    inspections: inspection.id,
    'transfer-orders': order.id,
    pickId: picked.pick.id,
    'storage-areas': area,
    excursions: one('select id from climate_excursions where area_id = ? order by id limit 1', area),
    'climate-sensors': one('select id from climate_sensors order by id limit 1'),
    'batch-holds': hold.id,
    'write-offs': writeOff.id,
    'reversal-requests': reversalRequest.id,
    'stock-counts': count.id,
    'demand-plans': demandPlan.id,
    'allocation-plans': allocationPlan.id,
    'report-submissions': submission.id,
    'supervision-visits': visit.id,
    'service-requests': serviceRequest.id,
    equipment: one('select id from equipment_items where depot_id = ? order by id limit 1', county),
    'equipment-requests': one('select id from equipment_requests where depot_id = ? order by id limit 1', county),
    'assessment-rounds': round.id,
    'assessment-rubrics': 1,
    people: registered.id,
    'adverse-reactions': adverse.id,
    'adverse-signals': one('select max(id) from adverse_signals'),
    attachments: (attached.body as { id: number }).id,
    trainings: training.id,
    'education-sessions': education.id,
    userId: (await login('township-storekeeper')).userId,
  });
  reportIds = (await step<{ reports: { id: string }[] }>('county-leader', 'GET', '/reports')).reports.map((r) => r.id);
}

/** The id a path parameter takes: by its name, or by the collection named just before it. */
function pathValue(op: Operation, name: string): string {
  const segments = op.path.split('/');
  const before = segments[segments.indexOf(`{${name}}`) - 1];
  if (name === 'report') return reportIds[0];
  if (name === 'documentType') return 'receipt';
  if (before === '{documentType}') return String(ids.receipts);
  const param = contract.parameters(op).find((p) => p.in === 'path' && p.name === name);
  const value = ids[name] ?? ids[before] ?? param?.schema?.enum?.[0];
  if (value === undefined) throw new Error(`${op.key}: no real value for path parameter ${name}; add one to ids`);
  return String(value);
}

/** A sensible value for a query parameter the operation requires, from its name and schema. */
function queryValue(op: Operation, name: string, schema: any): string {
  const known: Record<string, string> = {
    depotId: String(ids.depotId),
    productId: String(ids.products),
    batchId: String(ids.batches),
    year: String(/plan|consolidation/.test(op.path) ? PLAN_YEAR : 2026),
    half: '2',
    month: schema?.type === 'string' ? TODAY.slice(0, 7) : TODAY.slice(5, 7),
    from: String(Date.parse(NOW) - 7 * 86_400_000),
    to: String(Date.parse(NOW)),
    items: `batch:${ids.batches}*2,zone:${ids.depotId}:qualified,document:receipt:${ids.receipts},document:shipment:${ids['transfer-orders']}`,
  };
  const value = known[name] ?? schema?.default ?? schema?.enum?.[0] ?? schema?.example;
  if (value === undefined) throw new Error(`${op.key}: no value for the required query parameter ${name}`);
  return String(value);
}

/** A URL of the operation: path parameters from `value`, required query parameters filled. */
function urlOf(op: Operation, value: (name: string) => string, query = new URLSearchParams(), path = op.path): string {
  const required = contract.parameters(op).filter((p) => p.in === 'query' && p.required && !query.has(p.name));
  for (const p of required) query.set(p.name, queryValue(op, p.name, p.schema));
  return `${contract.apiBase}${path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(value(name)))}${query.size > 0 ? `?${query}` : ''}`;
}

/** The calls a GET is checked with: real ids, then each other format, then each other report. */
function callsOf(op: Operation): string[] {
  const real = (name: string) => pathValue(op, name);
  const calls = [urlOf(op, real)];
  const format = contract.parameters(op).find((p) => p.in === 'query' && p.name === 'format' && p.schema?.enum);
  const otherFormats: string[] = format?.schema.enum.filter((v: string) => v !== (format.schema.default ?? format.schema.enum[0])) ?? [];
  for (const value of otherFormats) calls.push(urlOf(op, real, new URLSearchParams({ format: value })));
  if (op.path.includes('{report}')) for (const report of reportIds.slice(1)) calls.push(urlOf(op, real, undefined, op.path.replace('{report}', report)));
  return calls;
}

const pathParams = (op: Operation) => contract.parameters(op).filter((p) => p.in === 'path');
/** Every path parameter that names something (not a closed list) unknown: such a call must answer 404. */
const unknownUrl = (op: Operation) => urlOf(op, (name) => pathParams(op).find((p) => p.name === name)?.schema?.enum?.[0] ?? UNKNOWN_ID);
const namesSomething = (op: Operation) => pathParams(op).some((p) => !p.schema?.enum);
const requiresCredentials = (op: Operation) => contract.security(op).length > 0 && !contract.security(op).some((r) => Object.keys(r).length === 0);
const requiresCsrf = (op: Operation) => contract.needs(op, (s) => s?.type === 'apiKey' && s.in === 'header' && /^x-csrf-token$/i.test(s.name));

/** Who reads a GET: each role at the county, and the leader above (what a depot shows depends on both). */
const READERS = [...ROLES.map((r) => `county-${r}`), 'region-leader'];
/** Who else tries when none of READERS may read it; a person's record only where they are registered (the village). */
const FALLBACK_READERS = ['region-admin', 'region-planner', SUPERUSER, 'village-dispenser'];

const show = (a: Answer) => `${a.status} ${a.mediaType ?? ''} ${typeof a.body === 'string' ? a.body.slice(0, 200) : JSON.stringify(a.body)?.slice(0, 300)}`;

/** Sends one call, holds its answer to the document, and to an expected status when there is one. */
async function probe(op: Operation, url: string, options: Parameters<typeof request>[2], expected: number | undefined, failures: string[], what: string) {
  const answer = await request(op.method, url, options);
  failures.push(...contract.disagreements(op, answer).map((d) => `${what} ${url}: ${d}`));
  if (expected !== undefined && answer.status !== expected) failures.push(`${what} ${url}: expected ${expected}, got ${show(answer)}`);
  return answer;
}

beforeAll(buildWorld);

describe('the OpenAPI document', () => {
  it('lists the operations the contract test walks', () => {
    expect(gets.length).toBeGreaterThan(40);
    expect(mutations.length).toBeGreaterThan(50);
  });

  it('can fail: the same compiled validator refuses an undocumented field, a wrong type, an undocumented status and content type', async () => {
    const me = operation('GET', '/auth/me');
    const real = await request('GET', `${contract.apiBase}/auth/me`, { session: await login('county-leader') });
    expect(real.status).toBe(200);
    expect(contract.disagreements(me, real)).toEqual([]);
    const body = real.body as { user: Record<string, unknown> };
    expect(contract.disagreements(me, { ...real, body: { ...body, passwordHash: 'x' } })[0]).toMatch(/must NOT have additional properties 'passwordHash'/);
    expect(contract.disagreements(me, { ...real, body: { ...body, user: { ...body.user, id: String(body.user.id) } } })[0]).toMatch(/\/user\/id must be integer/);
    expect(contract.disagreements(me, { ...real, status: 418 })[0]).toMatch(/status 418 is not documented/);
    expect(contract.disagreements(me, { ...real, mediaType: 'text/html' })[0]).toMatch(/content type text\/html is not documented/);
  });

  it('describes the answers of the calls that built the world', () => {
    expect(setupDisagreements).toEqual([]);
  });
});

describe('every documented GET answers a documented 2xx with a body the document describes', () => {
  it.each(gets.map((op) => [op.key, op] as const))('%s', async (_, op) => {
    if (UNREACHABLE[op.key]) return;
    const failures: string[] = [];
    const readers = requiresCredentials(op) ? [...READERS, ...FALLBACK_READERS] : [undefined];
    for (const [i, url] of callsOf(op).entries()) {
      let read: Answer | undefined;
      let last: Answer | undefined;
      for (const reader of readers) {
        // A JSON body can show each reader something else, so all of READERS read the first URL; one 2xx does for the rest.
        if (read && (i > 0 || !READERS.includes(reader!) || !read.mediaType?.endsWith('json'))) break;
        last = await probe(op, url, { session: reader === undefined ? undefined : await login(reader) }, undefined, failures, reader ?? 'anyone');
        if (last.status < 300) read ??= last;
      }
      if (!read) failures.push(`${url}: no reader got a 2xx; the last answered ${show(last!)}`);
    }
    if (requiresCredentials(op)) await probe(op, callsOf(op)[0], {}, 401, failures, 'no session');
    if (namesSomething(op)) await probe(op, unknownUrl(op), { session: await login(SUPERUSER) }, 404, failures, 'unknown id');
    expect(failures).toEqual([]);
  });
});

describe('every mutating operation refuses as documented', () => {
  it.each(mutations.map((op) => [op.key, op] as const))('%s', async (_, op) => {
    const failures: string[] = [];
    const superuser = await login(SUPERUSER);
    const body = contract.requestBody(op)?.content['application/json'];
    const sample = body ? JSON.stringify(VALID_BODIES[op.key] ?? sampleOf(contract, body.schema ?? {}) ?? {}) : undefined;
    const url = unknownUrl(op);

    await probe(op, url, { body: sample }, requiresCredentials(op) ? 401 : undefined, failures, 'no session');
    await probe(op, url, { session: superuser, csrf: false, body: sample }, requiresCsrf(op) ? 403 : undefined, failures, 'no CSRF token');
    await probe(op, url, { session: superuser, body: 'lines', contentType: 'text/plain' }, 415, failures, 'a body in a media type it does not take');
    if (body) {
      await probe(op, url, { session: superuser, body: '{"lines": [' }, 400, failures, 'malformed JSON');
      await probe(op, url, { session: superuser, body: '["not", "an", "object"]' }, 422, failures, 'a body of the wrong type');
    }
    if (namesSomething(op)) await probe(op, url, { session: superuser, body: sample }, 404, failures, `unknown id, body ${sample}`);
    expect(failures).toEqual([]);
  });
});

describe('coverage', () => {
  it('leaves out only the GET operations named as unreachable, each with its reason', () => {
    expect(Object.keys(UNREACHABLE).filter((key) => !gets.some((op) => op.key === key))).toEqual([]);
  });
});
