import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWorld, expectLedgerConsistent, snapshotCounts, PASSWORD, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { importDepots } from '../../server/services/bootstrap.ts';
import { defaultConfig, type Config } from '../../server/config.ts';
import { ROLES } from '../../server/schemas/constants.ts';
import { closeDb } from '../../db/client.ts';

/**
 * Adverse reactions (不良反应, S0:423-439; issue 20 items 7-10): the village dispenser files form 11,
 * a serious reaction is confirmed by the county's technical service before its case report
 * (form 13) goes to the region, due times, lot signals to the region's inspector with a hold.
 */

const NOW = '2026-11-22T02:00:00Z';
const TODAY = '2026-11-22';
const REGION = '64';
const COUNTY = '640121';
const OTHER_COUNTY = '640122';
const TOWNSHIP = '640121100';
const SIBLING = '640121101';
const VILLAGE = '640121100200';

let w: World;
const sessions: Record<string, Client> = {};
const as = async (username: string) => (sessions[username] ??= await loginAs(w, username));
/** Logs these users in now, so that a snapshot taken after it counts no login. */
const loggedIn = async (...usernames: string[]) => {
  for (const u of usernames) await as(u);
};
/** Moves the clock; sessions do not last a day, so everyone logs in again. */
const later = (iso: string) => {
  w.clock.set(iso);
  for (const k of Object.keys(sessions)) delete sessions[k];
};

/** The test tree, with a second county (贺兰县) beside 永宁县 under 银川市. */
async function open(config: Partial<Config> = {}) {
  for (const k of Object.keys(sessions)) delete sessions[k];
  w = await makeWorld({ now: NOW, config });
  importDepots(w.db, [{ code: OTHER_COUNTY, name: '贺兰县', tier: 'county', parentCode: '6401' }]);
  for (const role of ['clinician', 'leader', 'dispenser'] as const) await w.addUser(`${OTHER_COUNTY}-${role}`, OTHER_COUNTY, [role]);
}
beforeEach(() => open());
afterEach(() => expectLedgerConsistent(w.db));

const withSignal = (signal: Config['adverseReactions']['signal']): Partial<Config> => ({ adverseReactions: { ...defaultConfig.adverseReactions, signal } });
const one = (sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).get(...args) as any;
const all = (sql: string, ...args: unknown[]) => w.db.$client.prepare(sql).all(...args) as any[];
const readAudits = () => all(`select actor_id as actorId, entity_id as entityId, detail from audit_log where action = 'read' and entity = 'adverse_reaction' order by id`);
const idOf = (username: string) => w.actor(username).userId;

/** A lot of oral pills without a GTIN (KJ-0102), in stock at the village: it travels on our label FP1:B:<id>. */
function pillsAtVillage(lot?: string) {
  const batch = buildBatch(w, { productCode: 'KJ-0102', lot });
  givenStock(w, VILLAGE, batch.id, 50);
  return batch;
}

/** A woman on the village's users register. */
async function registered(name = '马秀兰', depot = VILLAGE) {
  const res = await (await as(`${depot}-dispenser`)).post('/api/people', {
    depotId: w.depot(depot).id,
    name,
    birthYearMonth: '1990-05',
    community: '王太村三组',
    method: 'oral',
    methodSince: '2026-06-01',
    consent: true,
    consentOn: '2026-06-01',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; caseNumber: string };
}

const form11 = (batchId: number, over: Record<string, unknown> = {}) => ({
  depotId: w.depot(VILLAGE).id,
  raw: `FP1:B:${batchId}`,
  useStartedOn: '2026-10-01',
  onsetOn: '2026-11-18',
  learnedOn: '2026-11-20',
  description: '服药后头晕、恶心，持续三天',
  treatment: '停药观察',
  outcome: 'recovered',
  ...over,
});

async function file(body: Record<string, unknown>, user = `${VILLAGE}-dispenser`) {
  const res = await (await as(user)).post('/api/adverse-reactions', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const CONFIRMATION = { decision: 'confirmed', diagnosingBody: 'fp_technical_service', institution: '永宁县计划生育服务站', diagnostician: '李医生', diagnosedOn: '2026-11-21' };

describe('form 11: the village dispenser files a report (S0:436)', () => {
  it('files for a registered person by scanning the lot’s own label, linked to the dispensing, due in 30 days', async () => {
    const batch = pillsAtVillage('ADR-A1');
    const person = await registered();
    const dispensed = await (await as(`${VILLAGE}-dispenser`)).post('/api/dispensings', { depotId: w.depot(VILLAGE).id, raw: `FP1:B:${batch.id}`, quantity: 1, packIntact: true, expiryChecked: true, personId: person.id });
    expect(dispensed.status, JSON.stringify(dispensed.body)).toBe(201);

    const report = await file(form11(batch.id, { personId: person.id, dispensingId: dispensed.body.id }));
    expect(report).toMatchObject({
      number: `BL-${VILLAGE}-0001`,
      caseNumber: person.caseNumber,
      status: 'filed',
      serious: false,
      criteria: [],
      depot: { code: VILLAGE },
      countyId: w.depot(COUNTY).id,
      product: { code: 'KJ-0102' },
      batch: { id: batch.id, lot: 'ADR-A1' },
      entry: 'scanned',
      dispensingId: dispensed.body.id,
      learnedOn: '2026-11-20',
      dueOn: '2026-12-20',
      overdue: false,
      ageAtOnset: 36,
      filedOn: TODAY,
      reporter: { id: idOf(`${VILLAGE}-dispenser`) },
      personal: { personId: person.id, name: '马秀兰', birthYearMonth: '1990-05', community: '王太村三组' },
      confirmation: null,
      submission: null,
    });
    expect(one(`select action, entity_id as entityId from audit_log where entity = 'adverse_reaction' order by id desc limit 1`)).toEqual({ action: 'file', entityId: String(report.id) });
  });

  it('takes someone not on the register by birth year and village only, the lot chosen, learned of today by default', async () => {
    const batch = pillsAtVillage();
    const { raw: _raw, learnedOn: _learned, ...body } = form11(batch.id, { batchId: batch.id, birthYear: 1995, community: '王太村五组' });
    const report = await file(body);
    expect(report).toMatchObject({ caseNumber: report.number, entry: 'typed', learnedOn: TODAY, dueOn: '2026-12-22', ageAtOnset: 31, personal: { personId: null, name: null, birthYear: 1995, community: '王太村五组' } });
  });

  it('takes a report at the township for a person of a village below it', async () => {
    const batch = pillsAtVillage();
    const person = await registered();
    const report = await file(form11(batch.id, { depotId: w.depot(TOWNSHIP).id, personId: person.id }), `${TOWNSHIP}-dispenser`);
    expect(report).toMatchObject({ depot: { code: TOWNSHIP }, caseNumber: person.caseNumber, personal: { name: '马秀兰' } });
  });

  it('refuses, changing nothing: the county (reporting_not_here), another role or depot, dates out of order or in the future, no person, a person of another depot', async () => {
    const batch = pillsAtVillage();
    const elsewhere = await registered('杨桂花', SIBLING);
    const village = w.depot(VILLAGE).id;
    await loggedIn(`${COUNTY}-dispenser`, `${VILLAGE}-storekeeper`, `${TOWNSHIP}-dispenser`, `${VILLAGE}-dispenser`);
    const before = snapshotCounts(w.db);
    const cases: [string, Record<string, unknown>, number, string, string?][] = [
      [`${COUNTY}-dispenser`, form11(batch.id, { depotId: w.depot(COUNTY).id, birthYear: 1990, community: 'x' }), 409, 'reporting_not_here'],
      [`${VILLAGE}-storekeeper`, form11(batch.id, { birthYear: 1990, community: 'x' }), 403, 'role_required'],
      [`${TOWNSHIP}-dispenser`, form11(batch.id, { depotId: village, birthYear: 1990, community: 'x' }), 403, 'out_of_scope'],
      [`${VILLAGE}-dispenser`, form11(batch.id, { birthYear: 1990, community: 'x', onsetOn: '2026-09-30' }), 422, 'validation_failed', 'onsetOn'],
      [`${VILLAGE}-dispenser`, form11(batch.id, { birthYear: 1990, community: 'x', learnedOn: '2026-11-17' }), 422, 'validation_failed', 'learnedOn'],
      [`${VILLAGE}-dispenser`, form11(batch.id, { birthYear: 1990, community: 'x', onsetOn: '2026-11-23', learnedOn: '2026-11-23' }), 422, 'date_in_future', 'onsetOn'],
      [`${VILLAGE}-dispenser`, form11(batch.id, { birthYear: 1990, community: 'x', onsetOn: '2026-02-30' }), 422, 'validation_failed', 'onsetOn'],
      [`${VILLAGE}-dispenser`, form11(batch.id), 422, 'validation_failed', 'personId'],
      [`${VILLAGE}-dispenser`, form11(batch.id, { personId: elsewhere.id }), 404, 'person_not_found', 'personId'],
      [`${VILLAGE}-dispenser`, form11(batch.id, { birthYear: 1990, community: 'x', raw: `FP1:Z:${VILLAGE}:qualified` }), 422, 'not_a_batch_label'],
      [`${VILLAGE}-dispenser`, form11(batch.id, { birthYear: 1990, community: 'x', dispensingId: 999 }), 404, 'not_found', 'dispensingId'],
    ];
    for (const [user, body, status, code, path] of cases) {
      const res = await (await as(user)).post('/api/adverse-reactions', body);
      expect([res.status, res.body.code], `${user} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toEqual([status, code]);
      if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});

describe('serious reactions: confirmed by the county’s technical service before form 13 goes to the region (S0:427-432, 438)', () => {
  it('flags it at once, tells the county’s clinicians, refuses to send it unconfirmed, then confirms and sends it once', async () => {
    const batch = pillsAtVillage('ADR-S1');
    const person = await registered();
    const report = await file(form11(batch.id, { personId: person.id, criteria: ['hospitalisation'], outcome: 'improving', treatment: '住院治疗五天' }));
    expect(report).toMatchObject({ status: 'awaiting_confirmation', serious: true, criteria: ['hospitalisation'], reportedCriteria: ['hospitalisation'], dueOn: '2026-12-05' });
    const told = ((await (await as(`${COUNTY}-clinician`)).get('/api/notifications')).body.items as any[]).filter((n) => n.kind === 'adverse_reaction_serious');
    expect(told).toMatchObject([{ entity: 'adverse_reaction', entityId: report.id, params: { number: report.number, lot: 'ADR-S1', depot: '王太村委会' } }]);
    expect(JSON.stringify(told)).not.toContain('马秀兰');

    const submit = (user: string) => as(user).then((c) => c.post(`/api/adverse-reactions/${report.id}/submit`));
    const confirm = (user: string, body: Record<string, unknown> = CONFIRMATION) => as(user).then((c) => c.post(`/api/adverse-reactions/${report.id}/confirm`, body));
    await loggedIn(`${COUNTY}-leader`, `${COUNTY}-clinician`, `${VILLAGE}-dispenser`, `${OTHER_COUNTY}-clinician`, `${TOWNSHIP}-clinician`, `${COUNTY}-storekeeper`);
    const before = snapshotCounts(w.db);
    expect((await submit(`${COUNTY}-leader`)).body.code).toBe('confirmation_required');
    expect((await submit(`${COUNTY}-clinician`)).status).toBe(409);
    expect((await submit(`${VILLAGE}-dispenser`)).body.code).toBe('out_of_scope');
    expect((await confirm(`${OTHER_COUNTY}-clinician`)).body.code).toBe('out_of_scope');
    expect((await confirm(`${TOWNSHIP}-clinician`)).body.code).toBe('out_of_scope');
    expect((await confirm(`${COUNTY}-storekeeper`)).body.code).toBe('role_required');
    expect((await confirm(`${COUNTY}-clinician`, { ...CONFIRMATION, diagnosedOn: '2026-11-17' })).body).toMatchObject({ status: 422, errors: [{ path: 'diagnosedOn' }] });
    expect((await confirm(`${COUNTY}-clinician`, { ...CONFIRMATION, diagnosedOn: '2026-11-23' })).status).toBe(422);
    expect(snapshotCounts(w.db)).toEqual(before);

    const confirmed = await confirm(`${COUNTY}-clinician`);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      criteria: ['hospitalisation'],
      confirmation: { decision: 'confirmed', diagnosingBody: 'fp_technical_service', institution: '永宁县计划生育服务站', diagnosedOn: '2026-11-21', confirmedBy: idOf(`${COUNTY}-clinician`) },
      personal: null,
      caseNumber: person.caseNumber,
    });
    expect((await confirm(`${COUNTY}-clinician`)).body.code).toBe('already_confirmed');

    const sent = await submit(`${COUNTY}-leader`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ status: 'submitted', submission: { submittedBy: idOf(`${COUNTY}-leader`), submittedOn: TODAY }, overdue: false });
    expect((await submit(`${COUNTY}-clinician`)).body.code).toBe('case_already_submitted');
    const region = ((await (await as(`${REGION}-inspector`)).get('/api/notifications')).body.items as any[]).filter((n) => n.kind === 'adverse_case_submitted');
    expect(region).toMatchObject([{ entityId: report.id, params: { number: report.number } }]);
    expect(all(`select action from audit_log where entity = 'adverse_reaction' and entity_id = ? order by id`, String(report.id)).map((r) => r.action)).toEqual(['file', 'confirm', 'submit']);
  });

  it('lets the county find it not serious: an ordinary report then, with no case report', async () => {
    const batch = pillsAtVillage();
    const report = await file(form11(batch.id, { birthYear: 1988, community: '王太村一组', criteria: ['hospitalisation'] }));
    const res = await (await as(`${COUNTY}-clinician`)).post(`/api/adverse-reactions/${report.id}/confirm`, { ...CONFIRMATION, decision: 'not_serious', criteria: [] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'filed', serious: false, criteria: [], reportedCriteria: ['hospitalisation'], dueOn: '2026-12-20', confirmation: { decision: 'not_serious' } });
    expect((await (await as(`${COUNTY}-leader`)).post(`/api/adverse-reactions/${report.id}/submit`)).body.code).toBe('not_serious');
    expect((await (await as(`${COUNTY}-leader`)).get(`/api/adverse-reactions/${report.id}/sheet`)).body.code).toBe('not_serious');
    const ordinary = await file(form11(batch.id, { birthYear: 1988, community: '王太村一组' }));
    expect((await (await as(`${COUNTY}-clinician`)).post(`/api/adverse-reactions/${ordinary.id}/confirm`, CONFIRMATION)).body.code).toBe('not_serious');
  });

  it('two people: one user holding every role cannot confirm what they filed, at the village nor at the county; an admin’s puppet is not independent', async () => {
    const batch = pillsAtVillage();
    await w.addUser('all-village', VILLAGE, [...ROLES]);
    const mine = await file(form11(batch.id, { birthYear: 1990, community: '王太村', criteria: ['permanent_organ_damage'] }), 'all-village');
    const alone = await as('all-village');
    expect((await alone.post(`/api/adverse-reactions/${mine.id}/confirm`, CONFIRMATION)).body.code).toBe('out_of_scope');
    expect((await alone.post(`/api/adverse-reactions/${mine.id}/submit`)).body.code).toBe('out_of_scope');

    // Where the county may file too (its technical service sees people), the one who filed never confirms.
    await open({ adverseReactions: { ...defaultConfig.adverseReactions, reportingTiers: ['county', 'township', 'village'] } });
    const lot = buildBatch(w, { productCode: 'KJ-0102' });
    await w.addUser('all-county', COUNTY, [...ROLES]);
    const own = await file(form11(lot.id, { depotId: w.depot(COUNTY).id, birthYear: 1990, community: '县城', criteria: ['hospitalisation'] }), 'all-county');
    const everything = await as('all-county');
    const made = await everything.post('/api/users', { username: 'puppet-county', displayName: 'puppet', password: PASSWORD, depotId: w.depot(COUNTY).id, roles: ['clinician'] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // New staff wait for training (S0:466): the same leader waives it for the puppet, which still does not make it independent.
    const waived = await everything.post(`/api/training-requirements/${made.body.id}/waiver`, { reason: '已在县里培训' });
    expect(waived.status, JSON.stringify(waived.body)).toBe(200);
    const puppet = await as('puppet-county');
    const before = snapshotCounts(w.db);
    expect((await everything.post(`/api/adverse-reactions/${own.id}/confirm`, CONFIRMATION)).body).toMatchObject({ status: 409, code: 'self_approval' });
    expect((await everything.post(`/api/adverse-reactions/${own.id}/submit`)).body.code).toBe('confirmation_required');
    expect((await puppet.post(`/api/adverse-reactions/${own.id}/confirm`, CONFIRMATION)).body).toMatchObject({ status: 409, code: 'not_independent' });
    expect(snapshotCounts(w.db)).toEqual(before);

    // The two-person path: another clinician of the county confirms, then it goes to the region.
    expect((await (await as(`${COUNTY}-clinician`)).post(`/api/adverse-reactions/${own.id}/confirm`, CONFIRMATION)).status).toBe(200);
    expect((await everything.post(`/api/adverse-reactions/${own.id}/submit`)).body.status).toBe('submitted');
  });
});

describe('form 13 and form 11 print like the paper forms and export to XLSX', () => {
  it('gives the case report with the five criteria ticked and no name, as JSON, a page, PDF and XLSX', async () => {
    const batch = pillsAtVillage('ADR-F13');
    const person = await registered();
    const report = await file(form11(batch.id, { personId: person.id, criteria: ['hospitalisation'] }));
    await (await as(`${COUNTY}-clinician`)).post(`/api/adverse-reactions/${report.id}/confirm`, CONFIRMATION);
    const village = await as(`${VILLAGE}-dispenser`);
    const sheet = await village.get(`/api/adverse-reactions/${report.id}/sheet`);
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(200);
    expect(sheet.body.title.zh).toBe('计划生育药具严重不良反应个例报告表');
    const value = (item: string) => sheet.body.rows.find((r: any) => r.item.startsWith(item))?.value;
    expect(value('病例编号')).toBe(person.caseNumber);
    expect(value('批号')).toBe('ADR-F13');
    expect(value('严重情形5')).toBe('☑ 是');
    expect(value('严重情形1')).toBe('☐ 否');
    expect(value('诊断确认机构')).toBe('永宁县计划生育服务站（县级计划生育技术服务机构）');
    expect(JSON.stringify(sheet.body)).not.toContain('马秀兰');

    const html = await village.get(`/api/adverse-reactions/${report.id}/sheet?format=html`);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.body).toContain('计划生育药具严重不良反应个例报告表');
    // The page prints with its own styles, and runs no script.
    expect(html.headers.get('content-security-policy')).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(html.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(html.body).not.toContain('<script');
    const pdf = await village.get(`/api/adverse-reactions/${report.id}/sheet?format=pdf`);
    expect([pdf.status, pdf.headers.get('content-type'), String(pdf.body).slice(0, 5)]).toEqual([200, 'application/pdf', '%PDF-']);
    const xlsx = await village.get(`/api/adverse-reactions/${report.id}/sheet?format=xlsx&lang=en`);
    expect([xlsx.status, xlsx.headers.get('content-type')]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });

  it('lists the period’s reports on form 11, with names only where they are seen, and audits that read', async () => {
    const batch = pillsAtVillage('ADR-F11');
    const person = await registered();
    await file(form11(batch.id, { personId: person.id }));
    await file(form11(batch.id, { birthYear: 1995, community: '王太村五组', criteria: ['death'], outcome: 'death' }));
    const url = (depot: string) => `/api/adverse-reactions/sheet?depotId=${w.depot(depot).id}&period=month&month=11&year=2026`;
    const village = await (await as(`${VILLAGE}-dispenser`)).get(url(VILLAGE));
    expect(village.status, JSON.stringify(village.body)).toBe(200);
    expect(village.body.rows.map((r: any) => [r.seq, r.caseNumber, r.name, r.age, r.lot, r.severity])).toEqual([
      [1, person.caseNumber, '马秀兰', 36, 'ADR-F11', '一般'],
      [2, `BL-${VILLAGE}-0002`, null, 31, 'ADR-F11', '严重：引起死亡'],
    ]);
    expect(readAudits()).toHaveLength(1);
    const county = await (await as(`${COUNTY}-leader`)).get(url(COUNTY));
    expect(county.body.rows.map((r: any) => r.name)).toEqual([null, null]);
    expect(JSON.stringify(county.body)).not.toContain('马秀兰');
    expect(readAudits()).toHaveLength(1);
    const xlsx = await (await as(`${COUNTY}-leader`)).get(`${url(COUNTY)}&format=xlsx`);
    expect([xlsx.status, xlsx.headers.get('content-disposition')]).toEqual([200, expect.stringContaining('.xlsx')]);
    const csv = await (await as(`${COUNTY}-leader`)).get(`${url(COUNTY)}&format=csv&lang=en`);
    expect(csv.body).toContain('Case no.');
    const html = await (await as(`${COUNTY}-leader`)).get(`${url(COUNTY)}&format=html`);
    expect(html.body).toContain('计划生育药具不良反应报告表');
    expect((await (await as(`${OTHER_COUNTY}-leader`)).get(url(COUNTY))).body.code).toBe('out_of_scope');
  });
});

describe('who sees the person on a report (as the register: the reporting depot and the township above), each read audited', () => {
  it('shows the name to the village and its township’s dispensers, a case number to everyone else; a county user of another county is refused', async () => {
    const batch = pillsAtVillage();
    const person = await registered();
    const report = await file(form11(batch.id, { personId: person.id }));
    const read = async (user: string) => (await as(user)).get(`/api/adverse-reactions/${report.id}`);

    expect((await read(`${VILLAGE}-dispenser`)).body.personal).toMatchObject({ name: '马秀兰' });
    expect((await read(`${TOWNSHIP}-dispenser`)).body.personal).toMatchObject({ name: '马秀兰' });
    expect(readAudits().map((a) => a.actorId)).toEqual([idOf(`${VILLAGE}-dispenser`), idOf(`${TOWNSHIP}-dispenser`)]);

    for (const user of [`${TOWNSHIP}-storekeeper`, `${COUNTY}-leader`, `${COUNTY}-clinician`, `${REGION}-inspector`]) {
      const res = await read(user);
      expect([res.status, res.body.personal, res.body.caseNumber], user).toEqual([200, null, person.caseNumber]);
      expect(JSON.stringify(res.body)).not.toContain('马秀兰');
    }
    expect(readAudits()).toHaveLength(2);
    expect((await read(`${OTHER_COUNTY}-clinician`)).body).toMatchObject({ status: 403, code: 'out_of_scope' });
    expect((await read(`${SIBLING}-dispenser`)).body.code).toBe('out_of_scope');
    expect((await (await as(`${REGION}-inspector`)).get('/api/adverse-reactions/999999')).body).toMatchObject({ status: 404, code: 'adverse_reaction_not_found' });

    const list = await (await as(`${TOWNSHIP}-dispenser`)).get(`/api/adverse-reactions?depotId=${w.depot(TOWNSHIP).id}`);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: report.id, personal: { name: '马秀兰' } }] });
    expect(readAudits().at(-1)).toMatchObject({ actorId: idOf(`${TOWNSHIP}-dispenser`), entityId: String(report.id) });
    const countyList = await (await as(`${COUNTY}-leader`)).get(`/api/adverse-reactions?depotId=${w.depot(COUNTY).id}&serious=false`);
    expect(countyList.body.items.map((r: any) => [r.caseNumber, r.personal])).toEqual([[person.caseNumber, null]]);
    expect(readAudits()).toHaveLength(3);
    expect((await (await as(`${OTHER_COUNTY}-leader`)).get(`/api/adverse-reactions?depotId=${w.depot(COUNTY).id}`)).body.code).toBe('out_of_scope');
  });

  it('audits a read on the write connection when reads have their own (a file database)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adr-'));
    try {
      w = await makeWorld({ now: NOW, dbFile: join(dir, 'db.sqlite') });
      for (const k of Object.keys(sessions)) delete sessions[k];
      const batch = pillsAtVillage();
      const report = await file(form11(batch.id, { birthYear: 1990, community: '王太村' }));
      const res = await (await as(`${VILLAGE}-dispenser`)).get(`/api/adverse-reactions/${report.id}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.personal).toMatchObject({ birthYear: 1990 });
      expect(readAudits()).toHaveLength(1);
      const sheet = await (await as(`${VILLAGE}-dispenser`)).get(`/api/adverse-reactions/sheet?depotId=${w.depot(VILLAGE).id}`);
      expect(sheet.status).toBe(200);
      expect(readAudits()).toHaveLength(2);
      expectLedgerConsistent(w.db);
    } finally {
      closeDb(w.db);
      rmSync(dir, { recursive: true, force: true });
      await open();
    }
  });
});

describe('due times (death the same day, other serious 15 days, others 30) and overdue cases for the dashboards', () => {
  it('lists serious cases not at the region past their due date, until they are sent; ordinary reports are done when filed', async () => {
    const batch = pillsAtVillage();
    const death = await file(form11(batch.id, { birthYear: 1980, community: '王太村', outcome: 'death', learnedOn: TODAY }));
    expect(death).toMatchObject({ criteria: ['death'], dueOn: TODAY, overdue: false });
    const serious = await file(form11(batch.id, { birthYear: 1985, community: '王太村', criteria: ['life_threatening_disability'], learnedOn: '2026-11-20' }));
    expect(serious.dueOn).toBe('2026-12-05');
    await file(form11(batch.id, { birthYear: 1986, community: '王太村', learnedOn: '2026-11-20' }));
    const overdue = async (depot: string) => (await (await as(`${depot}-leader`)).get(`/api/adverse-reactions/overdue?depotId=${w.depot(depot).id}`)).body;

    expect((await overdue(COUNTY)).items).toEqual([]);
    later('2026-11-23T02:00:00Z');
    expect((await overdue(COUNTY)).items).toMatchObject([{ id: death.id, caseNumber: death.number, dueOn: TODAY, daysOverdue: 1, status: 'awaiting_confirmation', criteria: ['death'] }]);
    expect((await overdue(REGION)).items).toHaveLength(1);
    // The dashboards: the three reports on one lot made a signal, which is the region's.
    const dashboard = async (depot: string) => (await (await as(`${depot}-leader`)).get(`/api/depots/${w.depot(depot).id}/dashboard`)).body.adverseReactions;
    expect(await dashboard(COUNTY)).toEqual({ overdue: 1, awaitingConfirmation: 2, openSignals: 0 });
    expect(await dashboard(REGION)).toEqual({ overdue: 1, awaitingConfirmation: 2, openSignals: 1 });
    expect((await (await as(`${COUNTY}-leader`)).get(`/api/adverse-reactions/${death.id}`)).body.overdue).toBe(true);

    later('2026-12-06T02:00:00Z');
    expect((await overdue(VILLAGE)).items.map((i: any) => [i.id, i.daysOverdue])).toEqual([
      [death.id, 14],
      [serious.id, 1],
    ]);
    await (await as(`${COUNTY}-clinician`)).post(`/api/adverse-reactions/${death.id}/confirm`, CONFIRMATION);
    await (await as(`${COUNTY}-clinician`)).post(`/api/adverse-reactions/${death.id}/submit`);
    expect((await overdue(COUNTY)).items.map((i: any) => i.id)).toEqual([serious.id]);
    expect((await (await as(`${OTHER_COUNTY}-leader`)).get(`/api/adverse-reactions/overdue?depotId=${w.depot(COUNTY).id}`)).body.code).toBe('out_of_scope');
  });

  it('follows the configured due days', async () => {
    await open({ adverseReactions: { ...defaultConfig.adverseReactions, dueDays: { death: 1, serious: 7, other: 20 } } });
    const batch = pillsAtVillage();
    const serious = await file(form11(batch.id, { birthYear: 1985, community: '王太村', criteria: ['hospitalisation'] }));
    expect(serious.dueOn).toBe('2026-11-27');
  });
});

describe('lot signals: reports on one lot within the window tell the region’s inspector, with the trace and a one-click hold', () => {
  it('raises one alert when a second report on a lot crosses a threshold of 2, not two, and none for reports on other lots or outside the window', async () => {
    await open(withSignal({ threshold: 2, windowDays: 30 }));
    const lot = pillsAtVillage('SIG-1');
    const other = pillsAtVillage('SIG-2');
    const alerts = async () => ((await (await as(`${REGION}-inspector`)).get('/api/notifications')).body.items as any[]).filter((n) => n.kind === 'adverse_signal');

    later('2026-10-20T02:00:00Z');
    await file(form11(lot.id, { birthYear: 1990, community: '王太村', useStartedOn: '2026-09-01', onsetOn: '2026-10-18', learnedOn: '2026-10-19' }));
    later(NOW);
    // 2026-10-20 is 33 days back: outside the window.
    await file(form11(lot.id, { birthYear: 1991, community: '王太村' }));
    await file(form11(other.id, { birthYear: 1992, community: '王太村' }));
    expect(await alerts()).toEqual([]);

    const second = await file(form11(lot.id, { depotId: w.depot(TOWNSHIP).id, birthYear: 1993, community: '杨和镇' }), `${TOWNSHIP}-dispenser`);
    expect(second.signalId).not.toBeNull();
    expect(await alerts()).toMatchObject([{ entity: 'adverse_signal', entityId: second.signalId, depotId: w.depot(REGION).id, params: { lot: 'SIG-1', batchId: lot.id, reports: 2 } }]);
    const third = await file(form11(lot.id, { birthYear: 1994, community: '王太村' }));
    expect(third.signalId).toBe(second.signalId);
    expect(await alerts()).toHaveLength(1);
    expect(all('select report_count as n from adverse_signals')).toEqual([{ n: 3 }]);
    expect((await (await as(`${REGION}-leader`)).get(`/api/adverse-signals?depotId=${w.depot(REGION).id}`)).body.items).toMatchObject([{ id: second.signalId, lot: 'SIG-1', reportCount: 3, windowFrom: '2026-10-24', holdId: null }]);
  });

  it('shows the inspector where the lot went, and holds it at every depot in one click, once', async () => {
    const lot = pillsAtVillage('SIG-H');
    const person = await registered();
    const village = await as(`${VILLAGE}-dispenser`);
    const dispense = () => village.post('/api/dispensings', { depotId: w.depot(VILLAGE).id, raw: `FP1:B:${lot.id}`, quantity: 1, packIntact: true, expiryChecked: true, personId: person.id });
    expect((await dispense()).status).toBe(201);
    let last;
    for (const year of [1990, 1991, 1992]) last = await file(form11(lot.id, { birthYear: year, community: '王太村' }));
    await file(form11(lot.id, { personId: person.id }));
    const signalId = last!.signalId as number;
    expect(signalId).not.toBeNull();

    const inspector = await as(`${REGION}-inspector`);
    const signal = await inspector.get(`/api/adverse-signals/${signalId}`);
    expect(signal.status, JSON.stringify(signal.body)).toBe(200);
    expect(signal.body).toMatchObject({ lot: 'SIG-H', reportCount: 4, hold: null, trace: { batch: { lot: 'SIG-H' }, root: { code: REGION } } });
    expect(signal.body.reports.map((r: any) => r.caseNumber)).toEqual([`BL-${VILLAGE}-0001`, `BL-${VILLAGE}-0002`, `BL-${VILLAGE}-0003`, person.caseNumber]);
    expect(signal.body.trace.depots.find((d: any) => d.code === VILLAGE)).toMatchObject({ dispensed: 1, held: false });
    expect(JSON.stringify(signal.body)).not.toContain('马秀兰');
    expect((await (await as(`${COUNTY}-leader`)).get(`/api/adverse-signals/${signalId}`)).body.code).toBe('out_of_scope');
    expect((await inspector.get('/api/adverse-signals/999999')).body.code).toBe('adverse_signal_not_found');

    await loggedIn(`${REGION}-storekeeper`, `${COUNTY}-inspector`);
    const before = snapshotCounts(w.db);
    expect((await (await as(`${REGION}-storekeeper`)).post(`/api/adverse-signals/${signalId}/hold`)).body.code).toBe('role_required');
    expect((await (await as(`${COUNTY}-inspector`)).post(`/api/adverse-signals/${signalId}/hold`)).body.code).toBe('out_of_scope');
    expect(snapshotCounts(w.db)).toEqual(before);
    const held = await inspector.post(`/api/adverse-signals/${signalId}/hold`);
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect(held.body).toMatchObject({ holdId: expect.any(Number), hold: { batchId: lot.id, depotId: w.depot(REGION).id, releasedAt: null } });
    expect(held.body.trace.depots.find((d: any) => d.code === VILLAGE)).toMatchObject({ held: true });
    expect((await dispense()).body.code).toBe('batch_on_hold');
    expect((await inspector.post(`/api/adverse-signals/${signalId}/hold`)).body.code).toBe('batch_on_hold');
    const leaders = all(`select d.code from notifications n join depots d on d.id = n.depot_id where n.kind = 'batch_hold' order by d.code`).map((r) => r.code);
    expect(leaders).toContain(VILLAGE);

    // The region's list of signals says whether the hold still stands: released, it says so.
    const listed = async () => (await inspector.get(`/api/adverse-signals?depotId=${w.depot(REGION).id}`)).body.items.find((i: any) => i.id === signalId);
    expect(await listed()).toMatchObject({ holdId: held.body.holdId, holdReleasedAt: null });
    const released = await inspector.post(`/api/batch-holds/${held.body.holdId}/release`, { reason: '省站检验合格' });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(await listed()).toMatchObject({ holdId: held.body.holdId, holdReleasedAt: released.body.releasedAt });
    expect(released.body.releasedAt).toEqual(expect.any(String));
    expect((await dispense()).status).toBe(201);
  });
});
