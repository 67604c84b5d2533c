import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import ExcelJS from 'exceljs';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';

/**
 * The users register (花名册), dispensing to a person and the dispensing register (发放登记表),
 * who sees people's names, closing and erasure, follow-ups (issue 20 items 1-5; S0:296, 316, 365,
 * 513). The tree: county 640121 → townships 640121100 (village 640121100200 below it) and 640121101.
 */
const VILLAGE = '640121100200';
const TOWNSHIP = '640121100';
const OTHER_TOWNSHIP = '640121101';
const COUNTY = '640121';

let w: World;
const clients: Record<string, Client> = {};
const as = async (username: string) => (clients[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(clients)) delete clients[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' });
});
afterEach(() => expectLedgerConsistent(w.db));

/** Moves the clock; sessions do not survive a jump of months, so everyone logs in again. */
const travel = (iso: string) => {
  w.clock.set(iso);
  for (const k of Object.keys(clients)) delete clients[k];
};
const one = (sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).get(...args) as any;
const all = (sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).all(...args) as any[];
const label = (batchId: number) => `FP1:B:${batchId}`;

const person = (overrides: Record<string, unknown> = {}) => ({
  depotId: w.depot(VILLAGE).id,
  name: '李秀英',
  birthYearMonth: '1994-03',
  community: '王太村三组',
  contact: '13900001111',
  method: 'oral',
  methodSince: '2026-05-10',
  consent: true,
  consentOn: '2026-05-10',
  ...overrides,
});

async function register(overrides: Record<string, unknown> = {}, user = `${VILLAGE}-dispenser`) {
  const res = await (await as(user)).post('/api/people', person(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; caseNumber: string; nextFollowUpOn: string | null; personal: Record<string, string> | null };
}

describe('registering a person (花名册, S0:316, 513)', () => {
  it('registers at a village with consent: a case number of the depot’s code and sequence, the first follow-up from the method’s schedule', async () => {
    const a = await register();
    const b = await register({ name: '王芳', method: 'iud', methodSince: '2026-01-31' });
    expect(a.caseNumber).toBe('640121100200-0001');
    expect(b.caseNumber).toBe('640121100200-0002');
    expect(a.personal).toEqual({ name: '李秀英', birthYearMonth: '1994-03', community: '王太村三组', contact: '13900001111' });
    // Pills quarterly from 10 May; an IUD 1, 3, 6, 12 months after 31 January.
    expect(a.nextFollowUpOn).toBe('2026-08-10');
    expect(b.nextFollowUpOn).toBe('2026-02-28');
    expect(one('select opened_at as openedAt from person_registers where depot_id = ?', w.depot(VILLAGE).id).openedAt).toBe('2026-11-22T08:00:00.000Z');
    // The audit log (readable up the tree) names the case, never the person.
    const entry = one("select detail from audit_log where action = 'register' and entity_id = ?", String(a.id));
    expect(JSON.parse(entry.detail)).toEqual({ caseNumber: '640121100200-0001', method: 'oral' });
    expect(entry.detail).not.toContain('李秀英');
  });

  it('refuses without consent, with a date after today, at a county, for a non-dispenser or another depot; nothing changes', async () => {
    const cases: [string, Record<string, unknown>, number, string][] = [
      [`${VILLAGE}-dispenser`, { consent: false }, 422, 'consent_required'],
      [`${VILLAGE}-dispenser`, { methodSince: '2026-11-23' }, 422, 'date_in_future'],
      [`${VILLAGE}-dispenser`, { consentOn: '2026-12-01' }, 422, 'date_in_future'],
      [`${VILLAGE}-dispenser`, { method: 'sterilisation' }, 422, 'validation_failed'],
      [`${VILLAGE}-dispenser`, { nationalId: '640121199403011234' }, 422, 'validation_failed'],
      [`${COUNTY}-dispenser`, { depotId: w.depot(COUNTY).id }, 409, 'register_not_here'],
      [`${VILLAGE}-inspector`, {}, 403, 'role_required'],
      [`${TOWNSHIP}-dispenser`, {}, 403, 'out_of_scope'],
    ];
    for (const [user] of cases) await as(user);
    const before = snapshotCounts(w.db);
    for (const [user, body, status, code] of cases) {
      const res = await (await as(user)).post('/api/people', person(body));
      expect([user, res.status, res.body.code]).toEqual([user, status, code]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});

describe('who sees names (PIPL; issue 20 item 4)', () => {
  it('a county user reading a village person’s record gets 403 personal_data_restricted; the village and the township above read it, and each read is in the audit log', async () => {
    const p = await register();
    const county = await (await as(`${COUNTY}-leader`)).get(`/api/people/${p.id}`);
    expect(county.status).toBe(403);
    expect(county.body.code).toBe('personal_data_restricted');
    expect(JSON.stringify(county.body)).not.toContain('李秀英');
    for (const user of [`${COUNTY}-dispenser`, `${TOWNSHIP}-storekeeper`, `${TOWNSHIP}-inspector`, `${VILLAGE}-planner`]) {
      const res = await (await as(user)).get(`/api/people/${p.id}`);
      expect([user, res.status, res.body.code]).toEqual([user, 403, 'personal_data_restricted']);
    }
    const sibling = await (await as(`${OTHER_TOWNSHIP}-dispenser`)).get(`/api/people/${p.id}`);
    expect([sibling.status, sibling.body.code]).toEqual([403, 'out_of_scope']);
    expect(all("select * from audit_log where action = 'read'")).toEqual([]);

    for (const user of [`${VILLAGE}-dispenser`, `${TOWNSHIP}-dispenser`, `${TOWNSHIP}-leader`]) {
      const res = await (await as(user)).get(`/api/people/${p.id}`);
      expect(res.status, user).toBe(200);
      expect(res.body).toMatchObject({ caseNumber: p.caseNumber, name: '李秀英', contact: '13900001111', history: [{ on: '2026-05-10', status: 'using', method: 'oral', source: 'register' }] });
    }
    const reads = all("select a.actor_id as actorId, a.entity, a.entity_id as entityId, a.at from audit_log a where a.action = 'read' order by a.id");
    expect(reads.map((r) => [r.actorId, r.entity, r.entityId])).toEqual(
      [`${VILLAGE}-dispenser`, `${TOWNSHIP}-dispenser`, `${TOWNSHIP}-leader`].map((u) => [w.actor(u).userId, 'person', String(p.id)]),
    );
  });

  it('lists the register to every reader of the depot: case numbers and statuses above, names only where seen, and a list with names is audited with its case numbers', async () => {
    const a = await register();
    const b = await register({ name: '王芳', method: 'implant' });
    const county = await (await as(`${COUNTY}-leader`)).get(`/api/people?depotId=${w.depot(COUNTY).id}`);
    expect(county.status).toBe(200);
    expect(county.body.withNames).toBe(false);
    expect(county.body.items.map((r: any) => [r.caseNumber, r.method, r.status, r.personal])).toEqual([
      [a.caseNumber, 'oral', 'using', null],
      [b.caseNumber, 'implant', 'using', null],
    ]);
    expect(JSON.stringify(county.body)).not.toMatch(/李秀英|王芳|1390000/);
    expect(all("select * from audit_log where action = 'read'")).toEqual([]);

    const township = await (await as(`${TOWNSHIP}-dispenser`)).get(`/api/people?depotId=${w.depot(TOWNSHIP).id}&method=implant`);
    expect(township.body.items.map((r: any) => r.personal?.name)).toEqual(['王芳']);
    const read = one("select actor_id as actorId, entity, detail from audit_log where action = 'read'");
    expect(read.actorId).toBe(w.actor(`${TOWNSHIP}-dispenser`).userId);
    expect(read.entity).toBe('people_list');
    expect(JSON.parse(read.detail).caseNumbers).toEqual([b.caseNumber]);

    const sibling = await (await as(`${OTHER_TOWNSHIP}-leader`)).get(`/api/people?depotId=${w.depot(VILLAGE).id}`);
    expect([sibling.status, sibling.body.code]).toEqual([403, 'out_of_scope']);
  });

  it('exports the register with names only to a leader of the depot or the township above, and logs the export', async () => {
    await register();
    await register({ name: '王芳', method: 'iud', methodSince: '2026-01-31' });
    const url = `/api/depots/${w.depot(VILLAGE).id}/people-register`;
    for (const [user, status, code] of [
      [`${VILLAGE}-dispenser`, 403, 'role_required'],
      [`${COUNTY}-leader`, 403, 'personal_data_restricted'],
      [`${OTHER_TOWNSHIP}-leader`, 403, 'out_of_scope'],
    ] as const) {
      const res = await (await as(user)).get(url);
      expect([user, res.status, res.body.code]).toEqual([user, status, code]);
    }
    expect(all("select * from audit_log where action = 'export'")).toEqual([]);

    const res = await w.app.request(url, { headers: { cookie: (await as(`${TOWNSHIP}-leader`)).cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const cells = book.worksheets[0]!.getSheetValues().flat().filter((v) => typeof v === 'string');
    expect(cells).toEqual(expect.arrayContaining(['使用药具妇女花名册', '640121100200-0001', '李秀英', '王芳', '宫内节育器']));
    const exported = one("select actor_id as actorId, depot_id as depotId, entity, detail from audit_log where action = 'export'");
    expect(exported).toEqual({ actorId: w.actor(`${TOWNSHIP}-leader`).userId, depotId: w.depot(VILLAGE).id, entity: 'people_register', detail: JSON.stringify({ people: 2 }) });
  });
});

describe('dispensing to a person (issue 20 item 2)', () => {
  let pills: { id: number }, condoms: { id: number }, emergency: { id: number };
  beforeEach(() => {
    pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'P1' });
    condoms = buildBatch(w, { productCode: 'KJ-0701', lot: 'C1' });
    emergency = buildBatch(w, { productCode: 'KJ-0104', lot: 'E1' });
    for (const b of [pills, condoms, emergency]) {
      givenStock(w, VILLAGE, b.id, 50);
      givenStock(w, TOWNSHIP, b.id, 50);
    }
  });
  const dispense = async (user: string, code: string, body: Record<string, unknown>) =>
    (await as(user)).post('/api/dispensings', { depotId: w.depot(code).id, packIntact: true, expiryChecked: true, quantity: 1, ...body });

  it('refuses an anonymous dispense of pills where the depot keeps a register (422 person_required), and changes nothing', async () => {
    await register();
    const before = snapshotCounts(w.db);
    const res = await dispense(`${VILLAGE}-dispenser`, VILLAGE, { raw: label(pills.id) });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('person_required');
    expect(res.body.data).toMatchObject({ productCode: 'KJ-0101', method: 'oral' });
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('dispenses pills to a registered person (our batch label FP1:B), condoms and emergency pills anonymously', async () => {
    const p = await register();
    const named = await dispense(`${VILLAGE}-dispenser`, VILLAGE, { raw: label(pills.id), quantity: 3, personId: p.id });
    expect(named.status, JSON.stringify(named.body)).toBe(201);
    expect(named.body).toMatchObject({ personId: p.id, caseNumber: p.caseNumber, lot: 'P1', quantity: 3 });
    for (const b of [condoms, emergency]) {
      const res = await dispense(`${VILLAGE}-dispenser`, VILLAGE, { raw: label(b.id) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.personId).toBeNull();
    }
    const record = await (await as(`${VILLAGE}-dispenser`)).get(`/api/people/${p.id}`);
    expect(record.body.dispensings.map((d: any) => [d.productCode, d.lot, d.quantity])).toEqual([['KJ-0101', 'P1', 3]]);
    // The audit log of the dispensing names the case, not the person.
    expect(JSON.parse(one("select detail from audit_log where action = 'dispense' and entity_id = ?", String(named.body.id)).detail)).toMatchObject({ caseNumber: p.caseNumber });
  });

  it('lets the township dispense to a person of its village, not the person of another depot, nor a closed record', async () => {
    const p = await register();
    const res = await dispense(`${TOWNSHIP}-dispenser`, TOWNSHIP, { raw: label(pills.id), personId: p.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const elsewhere = await register({ depotId: w.depot(OTHER_TOWNSHIP).id }, `${OTHER_TOWNSHIP}-dispenser`);
    const wrong = await dispense(`${VILLAGE}-dispenser`, VILLAGE, { raw: label(pills.id), personId: elsewhere.id });
    expect([wrong.status, wrong.body.code]).toEqual([409, 'person_not_here']);
    const unknown = await dispense(`${VILLAGE}-dispenser`, VILLAGE, { raw: label(pills.id), personId: 99999 });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'person_not_found']);
    const dispenser = await as(`${VILLAGE}-dispenser`);
    expect((await dispenser.post(`/api/people/${p.id}/status`, { status: 'stopped', on: '2026-11-01', reason: '计划怀孕' })).status).toBe(200);
    expect((await dispenser.post(`/api/people/${p.id}/close`, { reason: '停用' })).status).toBe(200);
    const closed = await dispense(`${VILLAGE}-dispenser`, VILLAGE, { raw: label(pills.id), personId: p.id });
    expect([closed.status, closed.body.code]).toEqual([409, 'person_closed']);
  });

  it('keeps anonymous pills where no register is kept, and where the methods needing a person are configured off', async () => {
    const before = await dispense(`${TOWNSHIP}-dispenser`, TOWNSHIP, { raw: label(pills.id) });
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    const relaxed = await makeWorld({ config: { people: { ...w.deps.config.people, personRequiredMethods: [] } } });
    const b = buildBatch(relaxed, { productCode: 'KJ-0201', lot: 'J1' });
    givenStock(relaxed, VILLAGE, b.id, 5);
    const dispenser = await loginAs(relaxed, `${VILLAGE}-dispenser`);
    expect((await dispenser.post('/api/people', { ...person(), depotId: relaxed.depot(VILLAGE).id })).status).toBe(201);
    const res = await dispenser.post('/api/dispensings', { depotId: relaxed.depot(VILLAGE).id, batchId: b.id, quantity: 1, packIntact: true, expiryChecked: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expectLedgerConsistent(relaxed.db);
  });

  it('prints the dispensing register (form 8.3) with names at the village, case numbers at the county; JSON, HTML, PDF and XLSX', async () => {
    const p = await register();
    await dispense(`${VILLAGE}-dispenser`, VILLAGE, { raw: label(pills.id), quantity: 2, personId: p.id });
    await dispense(`${VILLAGE}-dispenser`, VILLAGE, { raw: label(condoms.id), quantity: 10, recipient: '张某' });
    const url = `/api/dispensings/register?depotId=${w.depot(VILLAGE).id}&from=2026-11-01&to=2026-11-30`;

    const village = await (await as(`${VILLAGE}-dispenser`)).get(url);
    expect(village.status).toBe(200);
    expect(village.body.title.zh).toBe('药具发放登记表');
    expect(village.body.rows.map((r: any) => [r.date, r.person, r.product, r.lot, r.quantity, r.unit, r.dispensedBy])).toEqual([
      ['2026-11-22', `李秀英（${p.caseNumber}）`, '复方炔诺酮片(口服避孕片1号)', 'P1', 2, '板', w.actor(`${VILLAGE}-dispenser`).displayName],
      ['2026-11-22', '张某（未登记）', '天然胶乳橡胶避孕套(中号)', 'C1', 10, '盒', w.actor(`${VILLAGE}-dispenser`).displayName],
    ]);
    expect(one("select count(*) as n from audit_log where action = 'read' and entity = 'dispensing_register'").n).toBe(1);

    const county = await (await as(`${COUNTY}-leader`)).get(url);
    expect(county.body.rows.map((r: any) => r.person)).toEqual([p.caseNumber, '匿名']);
    expect(JSON.stringify(county.body)).not.toMatch(/李秀英|张某/);
    expect(one("select count(*) as n from audit_log where action = 'read' and entity = 'dispensing_register'").n).toBe(1);

    const cookie = (await as(`${COUNTY}-leader`)).cookie;
    const html = await w.app.request(`${url}&format=html`, { headers: { cookie } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    const page = await html.text();
    expect(page).toContain('<h1>药具发放登记表</h1>');
    expect(page).toContain(p.caseNumber);
    expect(html.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    const pdf = await w.app.request(`${url}&format=pdf&lang=en`, { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await w.app.request(`${url}&format=xlsx`, { headers: { cookie } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const cells = book.worksheets[0]!.getSheetValues().flat();
    expect(cells).toEqual(expect.arrayContaining(['药具发放登记表', p.caseNumber, '匿名', 'P1', 'C1']));
  });
});

describe('changes of status, closing and erasure (issue 20 items 1 and 4)', () => {
  it('records a switch, a stop with its reason and a move away, in date order, with the history kept', async () => {
    const p = await register();
    const dispenser = await as(`${VILLAGE}-dispenser`);
    const switched = await dispenser.post(`/api/people/${p.id}/status`, { status: 'switched', on: '2026-07-01', method: 'injectable' });
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    expect(switched.body).toMatchObject({ status: 'switched', method: 'injectable', methodSince: '2026-07-01', nextFollowUpOn: '2026-10-01' });
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ status: 'switched', on: '2026-07-02', method: 'injectable' }, 422, 'method_unchanged'],
      [{ status: 'stopped', on: '2026-06-30', reason: '副作用' }, 422, 'date_before_last_change'],
      [{ status: 'stopped', on: '2026-11-23', reason: '副作用' }, 422, 'date_in_future'],
      [{ status: 'stopped', on: '2026-08-01' }, 422, 'validation_failed'],
    ];
    for (const [body, status, code] of refusals) {
      const res = await dispenser.post(`/api/people/${p.id}/status`, body);
      expect([res.status, res.body.code]).toEqual([status, code]);
    }
    const stopped = await dispenser.post(`/api/people/${p.id}/status`, { status: 'stopped', on: '2026-09-15', reason: '计划怀孕' });
    expect(stopped.body).toMatchObject({ status: 'stopped', nextFollowUpOn: null });
    const again = await dispenser.post(`/api/people/${p.id}/status`, { status: 'moved_away', on: '2026-10-01' });
    expect([again.status, again.body.code]).toEqual([409, 'person_not_using']);
    const resumed = await dispenser.post(`/api/people/${p.id}/status`, { status: 'using', on: '2026-10-01', method: 'oral' });
    expect(resumed.body).toMatchObject({ status: 'using', method: 'oral' });
    const away = await dispenser.post(`/api/people/${p.id}/status`, { status: 'moved_away', on: '2026-11-20' });
    expect(away.body.status).toBe('moved_away');
    const record = await dispenser.get(`/api/people/${p.id}`);
    expect(record.body.history.map((e: any) => [e.on, e.status, e.method])).toEqual([
      ['2026-05-10', 'using', 'oral'],
      ['2026-07-01', 'switched', 'injectable'],
      ['2026-09-15', 'stopped', null],
      ['2026-10-01', 'using', 'oral'],
      ['2026-11-20', 'moved_away', null],
    ]);
    const county = await (await as(`${COUNTY}-leader`)).post(`/api/people/${p.id}/status`, { status: 'using', on: '2026-11-21', method: 'oral' });
    expect([county.status, county.body.code]).toEqual([403, 'out_of_scope']);
  });

  it('closes only a record of someone who stopped; after the retention period the personal fields are erased and the counts stay', async () => {
    const p = await register();
    const kept = await register({ name: '王芳' });
    const dispenser = await as(`${VILLAGE}-dispenser`);
    const early = await dispenser.post(`/api/people/${p.id}/close`, { reason: '停用' });
    expect([early.status, early.body.code]).toEqual([409, 'person_still_using']);
    await dispenser.post(`/api/people/${p.id}/status`, { status: 'stopped', on: '2026-11-01', reason: '计划怀孕' });
    expect((await dispenser.post(`/api/people/${p.id}/close`, { reason: '停用结案' })).status).toBe(200);
    expect((await dispenser.post(`/api/people/${p.id}/close`, { reason: '再次' })).body.code).toBe('person_closed');
    const countsBefore = (await dispenser.get(`/api/depots/${w.depot(VILLAGE).id}/user-counts?year=2026&half=2`)).body;
    const countsH1 = (await dispenser.get(`/api/depots/${w.depot(VILLAGE).id}/user-counts?year=2026&half=1`)).body;

    const leader = await as(`${VILLAGE}-leader`);
    const tooSoon = await leader.post(`/api/depots/${w.depot(VILLAGE).id}/people-erasure`);
    expect(tooSoon.body).toMatchObject({ erased: 0 });
    travel('2029-11-23T08:00:00Z');
    const denied = await (await as(`${VILLAGE}-dispenser`)).post(`/api/depots/${w.depot(VILLAGE).id}/people-erasure`);
    expect([denied.status, denied.body.code]).toEqual([403, 'role_required']);
    const erased = await (await as(`${VILLAGE}-leader`)).post(`/api/depots/${w.depot(VILLAGE).id}/people-erasure`);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toMatchObject({ erased: 1, caseNumbers: [p.caseNumber] });
    const row = one('select name, birth_year_month as b, community, contact, status_reason as r, close_reason as c, erased_at as at from people where id = ?', p.id);
    expect(row).toEqual({ name: null, b: null, community: null, contact: null, r: null, c: null, at: '2029-11-23T08:00:00.000Z' });
    expect(one('select name from people where id = ?', kept.id).name).toBe('王芳');
    expect(all('select reason from person_events where person_id = ?', p.id).every((e) => e.reason === null)).toBe(true);
    // The counts of the past do not change.
    travel('2026-11-22T08:00:00Z');
    const again = await as(`${VILLAGE}-dispenser`);
    expect((await again.get(`/api/depots/${w.depot(VILLAGE).id}/user-counts?year=2026&half=2`)).body).toEqual(countsBefore);
    expect((await again.get(`/api/depots/${w.depot(VILLAGE).id}/user-counts?year=2026&half=1`)).body).toEqual(countsH1);
    expect(countsBefore.totals.users.oral).toBe(1);
    const audit = one("select depot_id as depotId, detail from audit_log where action = 'erase'");
    expect(audit.depotId).toBe(w.depot(VILLAGE).id);
    expect(JSON.parse(audit.detail).caseNumbers).toEqual([p.caseNumber]);
  });
});

describe('follow-ups (随访, S0:365; issue 20 item 5)', () => {
  it('an IUD inserted 31 January is due 28 February; a visit 8 days early counts for it, a switch and a stop update the register', async () => {
    const p = await register({ method: 'iud', methodSince: '2026-01-31' });
    const dispenser = await as(`${VILLAGE}-dispenser`);
    const visit = await dispenser.post(`/api/people/${p.id}/follow-ups`, { on: '2026-02-20', outcome: 'continuing' });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    expect(visit.body).toMatchObject({ dueOn: '2026-02-28', status: 'using', method: 'iud', nextFollowUpOn: '2026-04-30' });
    const side = await dispenser.post(`/api/people/${p.id}/follow-ups`, { on: '2026-05-20', outcome: 'side_effects', sideEffects: '月经量增多' });
    expect(side.body).toMatchObject({ dueOn: '2026-04-30', status: 'using', nextFollowUpOn: '2026-07-31' });
    const missing = await dispenser.post(`/api/people/${p.id}/follow-ups`, { on: '2026-06-01', outcome: 'side_effects' });
    expect([missing.status, missing.body.errors?.[0]?.path]).toEqual([422, 'sideEffects']);
    const switched = await dispenser.post(`/api/people/${p.id}/follow-ups`, { on: '2026-08-03', outcome: 'switched', switchedTo: 'implant' });
    expect(switched.body).toMatchObject({ dueOn: '2026-07-31', status: 'switched', method: 'implant', nextFollowUpOn: '2027-08-03' });
    const stopped = await dispenser.post(`/api/people/${p.id}/follow-ups`, { on: '2026-11-02', outcome: 'stopped', stopReason: '计划怀孕' });
    expect(stopped.body).toMatchObject({ dueOn: null, status: 'stopped', nextFollowUpOn: null });
    const after = await dispenser.post(`/api/people/${p.id}/follow-ups`, { outcome: 'continuing' });
    expect([after.status, after.body.code]).toEqual([409, 'person_not_using']);
    const record = await dispenser.get(`/api/people/${p.id}`);
    expect(record.body.followUps.map((f: any) => [f.on, f.method, f.outcome, f.sideEffects ?? f.switchedTo ?? f.stopReason])).toEqual([
      ['2026-02-20', 'iud', 'continuing', null],
      ['2026-05-20', 'iud', 'side_effects', '月经量增多'],
      ['2026-08-03', 'iud', 'switched', 'implant'],
      ['2026-11-02', 'implant', 'stopped', '计划怀孕'],
    ]);
    expect(record.body.history.map((e: any) => [e.on, e.status, e.method, e.source])).toEqual([
      ['2026-01-31', 'using', 'iud', 'register'],
      ['2026-08-03', 'switched', 'implant', 'follow_up'],
      ['2026-11-02', 'stopped', null, 'follow_up'],
    ]);
  });

  it('refuses a follow-up dated after today or before the method started, by another depot or role', async () => {
    const p = await register({ methodSince: '2026-05-10' });
    const cases: [string, Record<string, unknown>, number, string][] = [
      [`${VILLAGE}-dispenser`, { on: '2026-11-23', outcome: 'continuing' }, 422, 'date_in_future'],
      [`${VILLAGE}-dispenser`, { on: '2026-05-09', outcome: 'continuing' }, 422, 'date_before_last_change'],
      [`${VILLAGE}-dispenser`, { outcome: 'switched', switchedTo: 'oral' }, 422, 'method_unchanged'],
      [`${VILLAGE}-storekeeper`, { outcome: 'continuing' }, 403, 'role_required'],
      [`${TOWNSHIP}-dispenser`, { outcome: 'continuing' }, 403, 'out_of_scope'],
    ];
    for (const [user] of cases) await as(user);
    const before = snapshotCounts(w.db);
    for (const [user, body, status, code] of cases) {
      const res = await (await as(user)).post(`/api/people/${p.id}/follow-ups`, body);
      expect([user, res.status, res.body.code]).toEqual([user, status, code]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('lists due and overdue follow-ups of a township and its villages, per dispenser; names where seen, counts above', async () => {
    const other = await w.addUser('village-dispenser-2', VILLAGE, ['dispenser']);
    const a = await register({ method: 'oral', methodSince: '2026-08-01' }); // due 2026-11-01: overdue by 21 days
    const b = await register({ method: 'iud', methodSince: '2026-11-01', dispenserId: w.actor(other).userId }); // due 2026-12-01
    await register({ method: 'implant', methodSince: '2026-06-01' }); // due 2027-06-01: not within 30 days
    await register({ method: 'condom', methodSince: '2026-06-01' }); // no schedule
    const c = await register({ depotId: w.depot(TOWNSHIP).id, methodSince: '2026-08-20' }, `${TOWNSHIP}-dispenser`); // due 2026-11-20

    const township = await (await as(`${TOWNSHIP}-dispenser`)).get(`/api/follow-ups/due?depotId=${w.depot(TOWNSHIP).id}`);
    expect(township.status).toBe(200);
    expect(township.body).toMatchObject({ total: 3, overdue: 2, today: '2026-11-22', until: '2026-12-22', withNames: true });
    expect(township.body.items.map((r: any) => [r.caseNumber, r.dueOn, r.overdue, r.daysOverdue, r.personal?.name])).toEqual([
      [a.caseNumber, '2026-11-01', true, 21, '李秀英'],
      [c.caseNumber, '2026-11-20', true, 2, '李秀英'],
      [b.caseNumber, '2026-12-01', false, 0, '李秀英'],
    ]);
    const mine = await (await as(`${VILLAGE}-dispenser`)).get(`/api/follow-ups/due?depotId=${w.depot(VILLAGE).id}&dispenserId=${w.actor(other).userId}`);
    expect(mine.body.items.map((r: any) => r.caseNumber)).toEqual([b.caseNumber]);
    const county = await (await as(`${COUNTY}-leader`)).get(`/api/follow-ups/due?depotId=${w.depot(COUNTY).id}&withinDays=366`);
    expect(county.body).toMatchObject({ total: 4, overdue: 2, withNames: false });
    expect(county.body.items.every((r: any) => r.personal === null)).toBe(true);
  });
});

describe('使用人数 from the register where one is kept (S0:372; issue 20 item 3)', () => {
  it('counts users on the half-year’s last day from the register, from entered figures where no register is kept, and says which', async () => {
    // The village opens its register in March; people are registered with the day they started their method.
    travel('2026-03-02T08:00:00Z');
    await register({ method: 'oral', methodSince: '2026-03-01', consentOn: '2026-03-02' });
    travel('2026-11-22T08:00:00Z');
    const stops = await register({ method: 'iud', methodSince: '2026-02-01' });
    await register({ method: 'implant', methodSince: '2026-08-01' });
    await (await as(`${VILLAGE}-dispenser`)).post(`/api/people/${stops.id}/status`, { status: 'stopped', on: '2026-06-30', reason: '取出' });
    // The other township keeps no register: its entered figures count; the first township's entered figure is not used.
    expect((await (await as(`${OTHER_TOWNSHIP}-planner`)).post(`/api/depots/${w.depot(OTHER_TOWNSHIP).id}/usage-figures`, { year: 2026, half: 1, figures: [{ method: 'condom', users: 35 }] })).status).toBe(200);
    expect((await (await as(`${TOWNSHIP}-planner`)).post(`/api/depots/${w.depot(TOWNSHIP).id}/usage-figures`, { year: 2026, half: 1, figures: [{ method: 'oral', users: 99 }] })).status).toBe(200);

    const res = await (await as(`${COUNTY}-leader`)).get(`/api/depots/${w.depot(COUNTY).id}/user-counts?year=2026&half=1`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.periodEnd).toBe('2026-06-30');
    expect(res.body.rows.map((r: any) => [r.code, r.source, r.registerDepots, r.depots, r.users.oral, r.users.iud, r.users.implant, r.users.condom, r.total])).toEqual([
      [TOWNSHIP, 'register', 1, 2, 1, 0, 0, 0, 1],
      [OTHER_TOWNSHIP, 'entered', 0, 1, 0, 0, 0, 35, 35],
    ]);
    expect(res.body.sources).toEqual({ register: 1, entered: 1, none: 0 });
    expect(res.body.totals.total).toBe(36);

    const h2 = await (await as(`${COUNTY}-leader`)).get(`/api/depots/${w.depot(COUNTY).id}/user-counts?year=2026&half=2&format=xlsx`);
    expect(h2.status).toBe(200);
    expect(h2.headers.get('content-type')).toMatch(/spreadsheetml/);
    const h2json = await (await as(`${COUNTY}-leader`)).get(`/api/depots/${w.depot(COUNTY).id}/user-counts?year=2026&half=2`);
    expect(h2json.body.rows.map((r: any) => [r.code, r.source, r.users.oral, r.users.implant])).toEqual([
      [TOWNSHIP, 'register', 1, 1],
      [OTHER_TOWNSHIP, 'none', 0, 0],
    ]);

    // The planning report 使用人数表 counts the same way, one row per depot below, and says where each comes from.
    const report = (await (await as(`${COUNTY}-leader`)).get(`/api/reports/users?depotId=${w.depot(COUNTY).id}&year=2026&period=h1`)).body;
    expect(report.rows.map((r: any) => [r.unitCode, r.source, r.sourceEn, r.oral, r.condom, r.total])).toEqual([
      [TOWNSHIP, '花名册', 'register', 1, 0, 1],
      [OTHER_TOWNSHIP, '填报数', 'entered', 0, 35, 35],
    ]);
    expect(report.totals).toMatchObject({ oral: 1, condom: 35, total: 36 });
    expect(report.notes[0].zh).toContain('1个乡镇取自花名册，1个取自填报数');
    const city = (await (await as('6401-leader')).get(`/api/reports/users?depotId=${w.depot('6401').id}&year=2026&period=h1`)).body;
    expect(city.rows.map((r: any) => [r.unitCode, r.source, r.sourceEn, r.total])).toEqual([[COUNTY, '花名册1、填报1', 'register 1, entered 1', 36]]);
  });
});

describe('form 8.1 per person and form 12 per quarter (issue 20 item 6; S0:437, 513)', () => {
  it('prints a person’s follow-up form where names are seen, audited; 403 at the county', async () => {
    const p = await register({ method: 'iud', methodSince: '2026-01-31' });
    const dispenser = await as(`${VILLAGE}-dispenser`);
    await dispenser.post(`/api/people/${p.id}/follow-ups`, { on: '2026-02-20', outcome: 'continuing', note: '按时复查' });
    await dispenser.post(`/api/people/${p.id}/follow-ups`, { on: '2026-05-02', outcome: 'side_effects', sideEffects: '腰酸' });
    const url = `/api/people/${p.id}/follow-up-form`;
    const county = await (await as(`${COUNTY}-leader`)).get(url);
    expect([county.status, county.body.code]).toEqual([403, 'personal_data_restricted']);
    const reads = () => one("select count(*) as n from audit_log where action = 'read' and entity = 'person'").n;
    expect(reads()).toBe(0);
    const html = await w.app.request(url, { headers: { cookie: dispenser.cookie } });
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(page).toContain('育龄妇女使用药具随访表');
    expect(page).toMatch(/2026-05-02<\/td><td class="text">2026-04-30<\/td><td class="text">宫内节育器<\/td><td class="text">有副作用<\/td><td class="text">腰酸/);
    expect(page).toContain('李秀英');
    expect(reads()).toBe(1);
    const pdf = await w.app.request(`${url}?format=pdf`, { headers: { cookie: dispenser.cookie } });
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    const xlsx = await w.app.request(`${url}?format=xlsx&lang=en`, { headers: { cookie: dispenser.cookie } });
    expect(xlsx.status).toBe(200);
    expect(reads()).toBe(3);
  });

  it('sums the quarter per unit below, consolidated county → city → region, with the due date and the townships that recorded no follow-up', async () => {
    const a = await register({ method: 'oral', methodSince: '2026-06-01' });
    const b = await register({ method: 'iud', methodSince: '2026-07-15' });
    await register({ depotId: w.depot(OTHER_TOWNSHIP).id, method: 'implant', methodSince: '2026-05-01' }, `${OTHER_TOWNSHIP}-dispenser`);
    const dispenser = await as(`${VILLAGE}-dispenser`);
    await dispenser.post(`/api/people/${a.id}/follow-ups`, { on: '2026-09-01', outcome: 'continuing' });
    await dispenser.post(`/api/people/${b.id}/follow-ups`, { on: '2026-08-15', outcome: 'side_effects', sideEffects: '出血' });
    await dispenser.post(`/api/people/${b.id}/follow-ups`, { on: '2026-09-20', outcome: 'switched', switchedTo: 'implant' });
    await dispenser.post(`/api/people/${a.id}/follow-ups`, { on: '2026-10-05', outcome: 'stopped', stopReason: '计划怀孕' });

    const county = await (await as(`${COUNTY}-leader`)).get(`/api/depots/${w.depot(COUNTY).id}/follow-up-summary?year=2026&quarter=3`);
    expect(county.status, JSON.stringify(county.body)).toBe(200);
    // Due as its submission: 15 days after the quarter from a township, 10 more at the county.
    expect(county.body).toMatchObject({ from: '2026-07-01', to: '2026-09-30', dueOn: '2026-10-25' });
    const own = await (await as(`${TOWNSHIP}-leader`)).get(`/api/depots/${w.depot(TOWNSHIP).id}/follow-up-summary?year=2026&quarter=3`);
    expect(own.body.dueOn).toBe('2026-10-15');
    expect(county.body.rows.map((r: any) => [r.code, r.users, r.followedUp, r.visits, r.sideEffects, r.switched, r.stopped, r.notReported])).toEqual([
      [TOWNSHIP, 2, 2, 3, 1, 1, 0, 0],
      [OTHER_TOWNSHIP, 1, 0, 0, 0, 0, 0, 1],
    ]);
    expect(county.body.notReported).toEqual([{ depotId: w.depot(OTHER_TOWNSHIP).id, code: OTHER_TOWNSHIP, name: '李俊镇' }]);
    const region = await (await as('64-leader')).get(`/api/depots/${w.depot('64').id}/follow-up-summary?year=2026&quarter=3`);
    expect(region.body.rows.map((r: any) => [r.code, r.users, r.visits, r.notReported])).toEqual([
      ['6401', 3, 3, 1],
      ['6402', 0, 0, 0],
    ]);
    const q4 = await (await as(`${TOWNSHIP}-leader`)).get(`/api/depots/${w.depot(TOWNSHIP).id}/follow-up-summary?year=2026&quarter=4`);
    expect(q4.body.rows.map((r: any) => [r.code, r.users, r.visits, r.stopped])).toEqual([[VILLAGE, 1, 1, 1]]);
    expect(JSON.stringify(q4.body)).not.toContain('李秀英');
    const xlsx = await w.app.request(`/api/depots/${w.depot(COUNTY).id}/follow-up-summary?year=2026&quarter=3&format=xlsx`, { headers: { cookie: (await as(`${COUNTY}-leader`)).cookie } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets[0]!.getSheetValues().flat()).toEqual(expect.arrayContaining(['育龄妇女使用避孕药具随访汇总表', '杨和镇', '李俊镇']));
  });
});
