import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createHash } from 'node:crypto';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { ARCHIVE_SOURCES } from '../../server/services/archive-sources.ts';
import { retainUntil } from '../../server/domain/archive.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' });
});
afterEach(() => expectLedgerConsistent(w.db));

const REGION = '64';
const CITY = '6401';
const COUNTY = '640121';
const TOWNSHIP = '640121100';
const VILLAGE = '640121100200';
const id = (code: string) => w.depot(code).id;
/** Years on: sessions made before have expired, so every user logs in again. */
function later(at: string) {
  w.clock.set(at);
  for (const k of Object.keys(users)) delete users[k];
}
const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;

// Files made here, as a scanner would: the smallest valid PNG, a one-page PDF, a GIF (not kept).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Row counts (sessions and the session audit of a first login left out) and the archive's rows. */
function counts() {
  const { sessions: _sessions, ...rest } = snapshotCounts(w.db);
  return {
    ...rest,
    audit_log: w.db.$client.prepare(`select count(*) from audit_log where entity != 'session'`).pluck().get(),
    attachments: w.db.$client.prepare('select count(*) from archive_attachments').pluck().get(),
    files: w.db.$client.prepare('select count(*) from archive_files').pluck().get(),
  };
}

async function refused(call: () => Promise<{ status: number; body: any; headers: Headers }>, status: number, code: string) {
  await as(`${COUNTY}-storekeeper`);
  const before = counts();
  const res = await call();
  expect([res.status, res.body?.code], JSON.stringify(res.body)).toEqual([status, code]);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(counts()).toEqual(before);
}

const upload = async (username: string, kind: string, docId: number, bytes: Buffer, type: string, fileName = '送货单.png') =>
  (await as(username)).raw(`/api/archive/${kind}/${docId}/attachments?fileName=${encodeURIComponent(fileName)}`, { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(bytes) });

const download = async (username: string, attachmentId: number) => {
  const c = await as(username);
  return w.app.request(`/api/archive/attachments/${attachmentId}/content`, { headers: { cookie: c.cookie } });
};

/** A supplier's receipt at the county of a product without a GTIN (KJ-0103), typed from the delivery note, counted and signed by two. */
async function countyReceipt() {
  const store = await as(`${COUNTY}-storekeeper`);
  const receipt = (await store.post('/api/receipts', { depotId: id(COUNTY), supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'SH-2026-1120' })).body;
  expect((await store.post(`/api/receipts/${receipt.id}/scans`, { productId: productId('KJ-0103'), lot: 'B2611001', expiresOn: '2029-10-31', quantity: 400 })).status).toBe(200);
  expect((await store.post(`/api/receipts/${receipt.id}/count`)).status).toBe(200);
  expect((await store.post(`/api/receipts/${receipt.id}/sign`, { role: 'storekeeper' })).status).toBe(200);
  expect((await (await as(`${COUNTY}-planner`)).post(`/api/receipts/${receipt.id}/sign`, { role: 'planner' })).status).toBe(200);
  return receipt as { id: number; number: string };
}

const indexOf = async (code: string, username = `${code}-leader`, query = '') => {
  const res = await (await as(username)).get(`/api/archive?depotId=${id(code)}${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: { kind: string; id: number; number: string; category: string; date: string; retainUntil: string; pastRetention: boolean; disposed: boolean; attachments: number; title: { zh: string } }[]; categories: { key: string; count: number; retentionYears: number }[]; years: number[] };
};

describe('the archive index (档案文件目录, form 1.1)', () => {
  it('lists a document of every kind the system produces, each where it was made, by category with its retention (S0:336-337)', async () => {
    const receipt = await countyReceipt();
    // Own-label goods (no GTIN): condoms KJ-0701 picked by their FP1:B label.
    const condoms = buildBatch(w, { productCode: 'KJ-0701', lot: '20240815', expiresOn: '2029-08-14' });
    givenStock(w, COUNTY, condoms.id, 200);
    const planner = await as(`${COUNTY}-planner`);
    const order = (await planner.post('/api/transfer-orders', { fromDepotId: id(COUNTY), toDepotId: id(TOWNSHIP), basis: 'temporary', lines: [{ productId: productId('KJ-0701'), quantity: 100 }] })).body;
    expect((await (await as(`${COUNTY}-leader`)).post(`/api/transfer-orders/${order.id}/decision`, { decision: 'approved' })).status).toBe(200);
    expect((await (await as(`${COUNTY}-storekeeper`)).post(`/api/transfer-orders/${order.id}/picks`, { raw: `FP1:B:${condoms.id}`, quantity: 100 })).status).toBe(200);
    expect((await (await as(`${COUNTY}-storekeeper`)).post(`/api/transfer-orders/${order.id}/dispatch`)).status).toBe(200);
    const red = buildBatch(w, { productCode: 'KJ-0301', lot: 'S231102' });
    givenStock(w, COUNTY, red.id, 30, 'nonconforming');
    const writeOff = await (await as(`${COUNTY}-storekeeper`)).post('/api/write-offs', { depotId: id(COUNTY), lines: [{ batchId: red.id, quantity: 30, kind: 'expired' }] });
    expect(writeOff.status, JSON.stringify(writeOff.body)).toBe(201);
    const demand = await (await as(`${TOWNSHIP}-planner`)).post('/api/demand-plans', { depotId: id(TOWNSHIP), year: 2027 });
    expect(demand.status, JSON.stringify(demand.body)).toBe(201);
    expect((await planner.post('/api/allocation-plans', { depotId: id(COUNTY), year: 2027 })).status).toBe(201);
    const submission = await (await as(`${TOWNSHIP}-leader`)).post('/api/report-submissions', { depotId: id(TOWNSHIP), kind: 'users', year: 2026, period: 'h1' });
    expect(submission.status, JSON.stringify(submission.body)).toBe(201);
    expect((await (await as(`${COUNTY}-inspector`)).post('/api/supervision-visits', { visitedDepotId: id(TOWNSHIP), plannedOn: '2026-11-25', visitors: ['张检查'] })).status).toBe(201);
    expect((await (await as(`${CITY}-leader`)).post('/api/assessment-rounds', { year: 2026, rubricVersion: 1 })).status).toBe(201);
    const request = { depotId: id(TOWNSHIP), kind: 'question', channel: 'phone', requester: { kind: 'public', name: null }, subject: '咨询领取', text: '电话咨询领取地点' };
    expect((await (await as(`${TOWNSHIP}-storekeeper`)).post('/api/service-requests', request)).status).toBe(201);
    const training = { heldOn: '2026-11-20', title: '村级药管员培训', topics: ['service_skills'], trainer: '乡药管员', attendees: [{ name: '李二组', depotId: id(VILLAGE) }] };
    expect((await (await as(`${TOWNSHIP}-leader`)).post('/api/trainings', training)).status).toBe(201);
    expect((await (await as(`${TOWNSHIP}-dispenser`)).post('/api/education-sessions', { heldOn: '2026-11-20', place: '镇集市', topics: ['action_and_use'], attendance: 40 })).status).toBe(201);
    givenStock(w, VILLAGE, condoms.id, 10);
    const reaction = await (await as(`${VILLAGE}-dispenser`)).post('/api/adverse-reactions', { depotId: id(VILLAGE), raw: `FP1:B:${condoms.id}`, birthYear: 1990, community: '王太村一组', useStartedOn: '2026-09-01', onsetOn: '2026-11-18', description: '使用后局部瘙痒', outcome: 'improving' });
    expect(reaction.status, JSON.stringify(reaction.body)).toBe(201);
    const count = await (await as(`${COUNTY}-storekeeper`)).post('/api/stock-counts', { depotId: id(COUNTY), zones: ['nonconforming'] });
    expect(count.status, JSON.stringify(count.body)).toBe(201);

    const all = [];
    for (const code of [CITY, COUNTY, TOWNSHIP, VILLAGE]) all.push(...(await indexOf(code, `${REGION}-leader`)).items.map((e) => ({ ...e, code })));
    const kinds = new Set(all.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(ARCHIVE_SOURCES.map((s) => s.kind).sort());

    const county = await indexOf(COUNTY);
    const entry = county.items.find((e) => e.kind === 'receipt' && e.id === receipt.id)!;
    expect(entry).toMatchObject({ number: receipt.number, category: 'vouchers', date: '2026-11-22', retainUntil: retainUntil('2026-11-22', 30), pastRetention: false, attachments: 0 });
    expect(entry.title.zh).toContain('SH-2026-1120');
    expect(county.items.find((e) => e.kind === 'issue_note')).toMatchObject({ number: order.number, category: 'vouchers' });
    expect(county.items.filter((e) => e.kind === 'opening_balance').length).toBeGreaterThan(0);
    expect(all.find((e) => e.kind === 'supervision_visit')?.code).toBe(COUNTY);
    expect(all.find((e) => e.kind === 'assessment_round')?.code).toBe(CITY);
    expect(all.find((e) => e.kind === 'adverse_reaction')?.code).toBe(VILLAGE);
    expect(county.categories.find((c) => c.key === 'vouchers')).toMatchObject({ retentionYears: 30 });
    // The order of the printed form: by category as S0:336 lists them.
    const order1 = county.items.map((e) => e.category);
    expect(order1.indexOf('vouchers')).toBeLessThan(order1.indexOf('accounts'));

    // Filters: a category, a year.
    expect((await indexOf(COUNTY, `${COUNTY}-leader`, '&category=plans')).items.map((e) => e.kind)).toEqual(['allocation_plan']);
    expect((await indexOf(COUNTY, `${COUNTY}-leader`, '&year=2025')).items).toEqual([]);

    // Form 1.1, printable and XLSX.
    const html = await (await as(`${CITY}-leader`)).get(`/api/archive/sheet?depotId=${id(COUNTY)}&year=2026`);
    expect(html.status).toBe(200);
    expect(html.body).toContain('档案文件目录');
    expect(html.body).toContain(receipt.number);
    const xlsx = await (await as(`${COUNTY}-leader`)).get(`/api/archive/sheet?depotId=${id(COUNTY)}&format=xlsx&lang=en`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('is read by the depot and the depots above it, not beside or below (403 out_of_scope)', async () => {
    expect((await (await as(`${CITY}-finance`)).get(`/api/archive?depotId=${id(COUNTY)}`)).status).toBe(200);
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).get(`/api/archive?depotId=${id(COUNTY)}`), 403, 'out_of_scope');
    await refused(async () => (await as('6402-leader')).get(`/api/archive/sheet?depotId=${id(COUNTY)}`), 403, 'out_of_scope');
  });
});

describe('attached scans', () => {
  it('keeps a scanned delivery note with its SHA-256; it is downloaded in its own type and name, and every read is audited', async () => {
    const receipt = await countyReceipt();
    const res = await upload(`${COUNTY}-storekeeper`, 'receipt', receipt.id, PNG, 'image/png', '送货单 SH-2026-1120.png');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ fileName: '送货单 SH-2026-1120.png', contentType: 'image/png', byteSize: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') });
    const pdf = await upload(`${COUNTY}-storekeeper`, 'receipt', receipt.id, PDF, 'application/pdf', 'voucher.pdf');
    expect(pdf.status).toBe(201);

    for (const reader of [`${COUNTY}-leader`, `${REGION}-planner`]) {
      const file = await download(reader, res.body.id);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('送货单 SH-2026-1120.png')}`);
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    }
    const reads = w.db.$client.prepare(`select count(*) from audit_log where entity = 'archive_attachment' and action = 'read' and entity_id = ?`).pluck().get(String(res.body.id));
    expect(reads).toBe(2);
    const doc = await (await as(`${COUNTY}-leader`)).get(`/api/archive/receipt/${receipt.id}`);
    expect(doc.status).toBe(200);
    expect(doc.body.attachments.map((a: any) => a.fileName)).toEqual(['送货单 SH-2026-1120.png', 'voucher.pdf']);
    expect((await indexOf(COUNTY)).items.find((e) => e.kind === 'receipt')?.attachments).toBe(2);
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).get(`/api/archive/attachments/${res.body.id}/content`), 403, 'out_of_scope');
  });

  it('keeps the bytes intact when the web app sends an Idempotency-Key (the key is read from the bytes, not text)', async () => {
    const receipt = await countyReceipt();
    const c = await as(`${COUNTY}-storekeeper`);
    const res = await c.raw(`/api/archive/receipt/${receipt.id}/attachments?fileName=scan.png`, { method: 'POST', headers: { 'content-type': 'image/png', 'idempotency-key': 'archive-upload-1' }, body: new Uint8Array(PNG) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
  });

  it('refuses a file that is not PDF, JPEG or PNG, whatever it is sent as (415 attachment_type_not_allowed); nothing is stored', async () => {
    const receipt = await countyReceipt();
    await refused(() => upload(`${COUNTY}-storekeeper`, 'receipt', receipt.id, GIF, 'image/png'), 415, 'attachment_type_not_allowed');
    await refused(() => upload(`${COUNTY}-storekeeper`, 'receipt', receipt.id, Buffer.from('送货单'), 'application/pdf'), 415, 'attachment_type_not_allowed');
    await refused(() => upload(`${COUNTY}-storekeeper`, 'receipt', receipt.id, GIF, 'image/gif'), 415, 'unsupported_media_type');
    await refused(() => upload(`${COUNTY}-storekeeper`, 'receipt', receipt.id, PNG, 'text/plain'), 415, 'unsupported_media_type');
  });

  it('refuses a file whose content is not the type declared (422 attachment_type_mismatch); nothing is stored', async () => {
    const receipt = await countyReceipt();
    await refused(() => upload(`${COUNTY}-storekeeper`, 'receipt', receipt.id, PDF, 'image/png'), 422, 'attachment_type_mismatch');
    await refused(() => upload(`${COUNTY}-storekeeper`, 'receipt', receipt.id, PNG, 'image/jpeg'), 422, 'attachment_type_mismatch');
  });

  it('refuses a file over the configured size (413 attachment_too_large); nothing is stored', async () => {
    const receipt = await countyReceipt();
    w.deps.config.archive = { ...w.deps.config.archive, maxAttachmentBytes: 1024 };
    const big = Buffer.concat([PDF, Buffer.alloc(1024)]);
    await refused(() => upload(`${COUNTY}-storekeeper`, 'receipt', receipt.id, big, 'application/pdf'), 413, 'attachment_too_large');
    expect((await upload(`${COUNTY}-storekeeper`, 'receipt', receipt.id, PDF, 'application/pdf')).status).toBe(201);
  });

  it('is attached by the document’s own depot only: not from above, beside or below (403 out_of_scope); an unknown document is 404', async () => {
    const receipt = await countyReceipt();
    await refused(() => upload(`${CITY}-leader`, 'receipt', receipt.id, PNG, 'image/png'), 403, 'out_of_scope');
    await refused(() => upload(`${TOWNSHIP}-storekeeper`, 'receipt', receipt.id, PNG, 'image/png'), 403, 'out_of_scope');
    await refused(() => upload(`${COUNTY}-storekeeper`, 'receipt', 999999, PNG, 'image/png'), 404, 'archive_document_not_found');
    await refused(() => upload(`${COUNTY}-storekeeper`, 'invoice', receipt.id, PNG, 'image/png'), 404, 'archive_document_not_found');
    // Any role of the depot's staff attaches (a finance clerk files a signed paper form).
    expect((await upload(`${COUNTY}-finance`, 'receipt', receipt.id, PNG, 'image/png')).status).toBe(201);
  });
});

describe('retention', () => {
  /** A receipt of 2026 with a scan, when vouchers are kept one year: past retention from 2028-01-01. */
  async function pastRetention(attachedBy = `${COUNTY}-storekeeper`) {
    w.deps.config.archive = { ...w.deps.config.archive, retentionYears: { ...w.deps.config.archive.retentionYears, vouchers: 1 } };
    const receipt = await countyReceipt();
    const file = await upload(attachedBy, 'receipt', receipt.id, PNG, 'image/png');
    expect(file.status).toBe(201);
    return { receipt, attachmentId: file.body.id as number };
  }

  it('lists nothing while a document is within its retention, and refuses a decision on it (409 retention_not_due)', async () => {
    const { receipt } = await pastRetention();
    expect((await (await as(`${COUNTY}-leader`)).get(`/api/archive/retention?depotId=${id(COUNTY)}`)).body.items).toEqual([]);
    await refused(async () => (await as(`${COUNTY}-leader`)).post('/api/archive/retention-decisions', { kind: 'receipt', documentId: receipt.id, decision: 'dispose', reason: '到期销毁' }), 409, 'retention_not_due');
  });

  it('lists documents past retention for the leader, and deletes nothing by itself', async () => {
    const { receipt, attachmentId } = await pastRetention();
    later('2028-01-02T02:00:00Z');
    const due = await (await as(`${COUNTY}-leader`)).get(`/api/archive/retention?depotId=${id(COUNTY)}`);
    expect(due.status).toBe(200);
    expect(due.body.items.map((e: any) => [e.kind, e.id, e.retainUntil])).toEqual([['receipt', receipt.id, '2027-12-31']]);
    expect((await download(`${COUNTY}-leader`, attachmentId)).status).toBe(200);
  });

  it('refuses a decision to anyone but a leader of the document’s depot (403 role_required, out_of_scope)', async () => {
    const { receipt } = await pastRetention();
    later('2028-01-02T02:00:00Z');
    const body = { kind: 'receipt', documentId: receipt.id, decision: 'dispose', reason: '到期销毁' };
    for (const role of ['storekeeper', 'planner', 'admin', 'finance']) {
      await refused(async () => (await as(`${COUNTY}-${role}`)).post('/api/archive/retention-decisions', body), 403, 'role_required');
    }
    await refused(async () => (await as(`${CITY}-leader`)).post('/api/archive/retention-decisions', body), 403, 'out_of_scope');
  });

  it('a leader who attached one of its files does not dispose of it alone (409 self_approval); another leader does, recorded and audited, and the bytes go', async () => {
    const boss = await w.addUser('county-boss', COUNTY, ['leader']);
    const { receipt, attachmentId } = await pastRetention(boss);
    later('2028-01-02T02:00:00Z');
    const body = { kind: 'receipt', documentId: receipt.id, decision: 'dispose', reason: '保管期满，经鉴定销毁' };
    await refused(async () => (await as(boss)).post('/api/archive/retention-decisions', body), 409, 'self_approval');
    // Until a recorded disposal the bytes stay, unchanged; the attachment's record stays for good.
    const sql = w.db.$client;
    expect(() => sql.prepare('delete from archive_files').run()).toThrow('the bytes of a file go only by a recorded disposal');
    expect(() => sql.prepare('update archive_files set attachment_id = attachment_id').run()).toThrow('archive_files are not rewritten');
    expect(() => sql.prepare('delete from archive_attachments').run()).toThrow('the record of an attached file is kept');

    const res = await (await as(`${COUNTY}-leader`)).post('/api/archive/retention-decisions', body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.document).toMatchObject({ disposed: true, pastRetention: false });
    expect(res.body.decisions[0]).toMatchObject({ decision: 'dispose', reason: '保管期满，经鉴定销毁', decidedBy: w.actor(`${COUNTY}-leader`).userId, decidedAt: '2028-01-02T02:00:00.000Z' });
    expect(res.body.attachments[0]).toMatchObject({ id: attachmentId, disposedAt: '2028-01-02T02:00:00.000Z', sha256: createHash('sha256').update(PNG).digest('hex') });
    expect(w.db.$client.prepare('select count(*) from archive_files').pluck().get()).toBe(0);
    expect(() => sql.prepare('delete from archive_attachments').run()).toThrow('the record of an attached file is kept');
    expect(() => sql.prepare('update archive_retention_decisions set id = id').run()).toThrow('archive_retention_decisions is append-only');
    expect(() => sql.prepare('delete from archive_retention_decisions').run()).toThrow('archive_retention_decisions is append-only');
    expect(w.db.$client.prepare(`select action from audit_log where entity = 'archive_document'`).pluck().all()).toEqual(['dispose']);
    await refused(async () => (await as(`${COUNTY}-leader`)).get(`/api/archive/attachments/${attachmentId}/content`), 409, 'attachment_disposed');
    await refused(async () => (await as(`${COUNTY}-leader`)).post('/api/archive/retention-decisions', body), 409, 'already_disposed');
    // The system's own record of the receipt stays, marked in the index.
    expect((await indexOf(COUNTY)).items.find((e) => e.kind === 'receipt')).toMatchObject({ id: receipt.id, disposed: true });
    expect((await (await as(`${COUNTY}-leader`)).get(`/api/receipts/${receipt.id}`)).status).toBe(200);
  });

  it('keeps a document longer with a new date after today (422 otherwise); it leaves the list until then', async () => {
    const { receipt, attachmentId } = await pastRetention();
    later('2028-01-02T02:00:00Z');
    const leader = await as(`${COUNTY}-leader`);
    await refused(() => leader.post('/api/archive/retention-decisions', { kind: 'receipt', documentId: receipt.id, decision: 'keep', keepUntil: '2028-01-02', reason: '审计需要' }), 422, 'validation_failed');
    await refused(() => leader.post('/api/archive/retention-decisions', { kind: 'receipt', documentId: receipt.id, decision: 'keep', reason: '审计需要' }), 422, 'validation_failed');
    const res = await leader.post('/api/archive/retention-decisions', { kind: 'receipt', documentId: receipt.id, decision: 'keep', keepUntil: '2030-12-31', reason: '审计需要' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.document).toMatchObject({ retainUntil: '2030-12-31', pastRetention: false, disposed: false });
    expect((await leader.get(`/api/archive/retention?depotId=${id(COUNTY)}`)).body.items).toEqual([]);
    expect((await download(`${COUNTY}-leader`, attachmentId)).status).toBe(200);
    later('2031-01-01T02:00:00Z');
    expect((await (await as(`${COUNTY}-leader`)).get(`/api/archive/retention?depotId=${id(COUNTY)}`)).body.items.map((e: any) => e.id)).toEqual([receipt.id]);
  });
});
