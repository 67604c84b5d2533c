import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { ROLES } from '../../server/schemas/constants.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' });
});
afterEach(() => expectLedgerConsistent(w.db));

const TOWNSHIP = '640121100';
const OTHER_TOWNSHIP = '640121101';
const COUNTY = '640121';
const CITY = '6401';
const id = (code: string) => w.depot(code).id;

/** Users by method as the township entered them (no register kept): the 使用人数 it reports. */
async function enterUsers(code: string, oral: number, condom = 0, half: 1 | 2 = 1) {
  const res = await (await as(`${code}-planner`)).post(`/api/depots/${id(code)}/usage-figures`, { year: 2026, half, figures: [{ method: 'oral', users: oral }, { method: 'condom', users: condom }] });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function submit(code: string, kind = 'users', period = 'h1', year = 2026) {
  const res = await (await as(`${code}-leader`)).post('/api/report-submissions', { depotId: id(code), kind, year, period });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const line = (lines: any[], key: string) => lines.find((l) => l.key === key);
const notificationsOf = async (username: string, kind: string) => ((await (await as(username)).get('/api/notifications')).body.items as any[]).filter((n) => n.kind === kind);
const auditOf = (submissionId: number) =>
  w.db.$client.prepare(`select action, depot_id as depotId from audit_log where entity = 'report_submission' and entity_id = ? order by id`).all(String(submissionId)) as { action: string; depotId: number }[];
const rowOf = (submissionId: number) => w.db.$client.prepare('select * from report_submissions where id = ?').get(submissionId);

/** Row counts but for the sessions a first login in `call` opens (and audits). */
function counts() {
  const { sessions: _sessions, ...rest } = snapshotCounts(w.db);
  return { ...rest, audit_log: w.db.$client.prepare(`select count(*) from audit_log where entity != 'session'`).pluck().get() };
}

/** A refused request answers `status`/`code` and changes no row. */
async function refused(call: () => Promise<{ status: number; body: any; headers: Headers }>, status: number, code: string, submissionId?: number) {
  const before = counts();
  const row = submissionId === undefined ? undefined : rowOf(submissionId);
  const res = await call();
  expect([res.status, res.body.code], JSON.stringify(res.body)).toEqual([status, code]);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(counts()).toEqual(before);
  if (submissionId !== undefined) expect(rowOf(submissionId)).toEqual(row);
}

describe('reports submitted level by level (S0:370-374)', () => {
  it('a township prepares, its leader signs and submits, the county returns with a reason, the township resubmits with the changes shown, the county accepts', async () => {
    await enterUsers(TOWNSHIP, 1_000, 400);
    const prepared = await (await as(`${TOWNSHIP}-planner`)).get(`/api/depots/${id(TOWNSHIP)}/prepared-report?kind=users&year=2026&period=h1`);
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
    expect(line(prepared.body.snapshot.lines, 'oral').values).toEqual({ users: 1_000 });
    expect(prepared.body).toMatchObject({ dueOn: '2026-07-10', periodEnded: true, latest: null, changes: [] });
    expect(w.db.$client.prepare('select count(*) from report_submissions').pluck().get()).toBe(0); // prepared is not stored

    const first = await submit(TOWNSHIP);
    expect(first).toMatchObject({ version: 1, status: 'submitted', current: true, kind: 'users', period: 'h1', dueOn: '2026-07-10', late: true, signedByName: `${w.depot(TOWNSHIP).name} leader`, diff: null, decidedAt: null });
    expect(line(first.snapshot.lines, 'oral').values.users).toBe(1_000);
    expect(line(first.snapshot.lines, 'condom').values.users).toBe(400);
    expect(first.snapshot.children).toBeNull();
    const [toCounty] = await notificationsOf(`${COUNTY}-leader`, 'report_submitted');
    expect(toCounty).toMatchObject({ entity: 'report_submission', entityId: first.id, params: { depot: w.depot(TOWNSHIP).name, reportZh: '计划生育药具使用人数报表', reportEn: 'Number of users report', periodZh: '2026年上半年', periodEn: '2026 H1' } });

    const county = await as(`${COUNTY}-leader`);
    const returned = await county.post(`/api/report-submissions/${first.id}/return`, { reason: '口服避孕药人数与花名册不符' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '口服避孕药人数与花名册不符', decidedByName: `${w.depot(COUNTY).name} leader` });
    const [back] = await notificationsOf(`${TOWNSHIP}-leader`, 'report_returned');
    expect(back.params).toMatchObject({ reason: '口服避孕药人数与花名册不符', periodEn: '2026 H1' });
    await refused(() => county.post(`/api/report-submissions/${first.id}/accept`), 409, 'report_returned', first.id);

    await enterUsers(TOWNSHIP, 1_050, 400);
    const second = await submit(TOWNSHIP);
    expect(second).toMatchObject({ version: 2, status: 'submitted', current: true });
    expect(second.diff).toEqual([{ line: 'oral', label: { zh: '口服避孕药', en: 'Oral pills' }, column: 'users', before: 1_000, after: 1_050 }]);
    expect(second.versions.map((v: any) => [v.version, v.status])).toEqual([[1, 'returned'], [2, 'submitted']]);
    expect((await county.get(`/api/report-submissions/${first.id}`)).body).toMatchObject({ current: false, status: 'returned' });
    await refused(() => county.post(`/api/report-submissions/${first.id}/accept`), 409, 'report_returned', first.id);
    expect(await notificationsOf(`${COUNTY}-leader`, 'report_resubmitted')).toHaveLength(1);

    const accepted = await county.post(`/api/report-submissions/${second.id}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decidedByName: `${w.depot(COUNTY).name} leader` });
    expect(await notificationsOf(`${TOWNSHIP}-leader`, 'report_accepted')).toHaveLength(1);
    await refused(() => county.post(`/api/report-submissions/${second.id}/accept`), 409, 'report_already_decided', second.id);
    await refused(() => county.post(`/api/report-submissions/${second.id}/return`, { reason: '再退一次' }), 409, 'report_already_decided', second.id);
    await refused(() => as(`${TOWNSHIP}-leader`).then((c) => c.post('/api/report-submissions', { depotId: id(TOWNSHIP), kind: 'users', year: 2026, period: 'h1' })), 409, 'report_already_submitted');

    expect(auditOf(first.id)).toEqual([
      { action: 'submit', depotId: id(TOWNSHIP) },
      { action: 'received', depotId: id(COUNTY) },
      { action: 'return', depotId: id(COUNTY) },
    ]);
    expect(auditOf(second.id)).toEqual([
      { action: 'resubmit', depotId: id(TOWNSHIP) },
      { action: 'received', depotId: id(COUNTY) },
      { action: 'accept', depotId: id(COUNTY) },
    ]);

    const notWords = await (await as(`${TOWNSHIP}-leader`)).get(`/api/report-submissions?depotId=${id(TOWNSHIP)}&year=2026`);
    expect(notWords.body.items.map((s: any) => [s.kind, s.version, s.status])).toEqual([['users', 2, 'accepted']]);
    const below = await county.get(`/api/report-submissions?depotId=${id(COUNTY)}&year=2026&from=children`);
    expect(below.body.items.map((s: any) => s.id)).toEqual([second.id]);
  });

  it('refuses a second submission while one is submitted (409 report_already_submitted)', async () => {
    await enterUsers(TOWNSHIP, 10);
    await submit(TOWNSHIP);
    await refused(() => as(`${TOWNSHIP}-leader`).then((c) => c.post('/api/report-submissions', { depotId: id(TOWNSHIP), kind: 'users', year: 2026, period: 'h1' })), 409, 'report_already_submitted');
  });

  it('only the leader signs and submits (403 role_required for every other role)', async () => {
    for (const role of ROLES.filter((r) => r !== 'leader')) {
      await refused(() => as(`${TOWNSHIP}-${role}`).then((c) => c.post('/api/report-submissions', { depotId: id(TOWNSHIP), kind: 'users', year: 2026, period: 'h1' })), 403, 'role_required');
    }
    await refused(() => as(`${COUNTY}-leader`).then((c) => c.post('/api/report-submissions', { depotId: id(TOWNSHIP), kind: 'users', year: 2026, period: 'h1' })), 403, 'out_of_scope');
  });

  it('a township user holding every role cannot accept or return its own report (403 own_report); a depot other than the parent cannot either (403 not_parent_depot)', async () => {
    await enterUsers(TOWNSHIP, 10);
    const sub = await submit(TOWNSHIP);
    const everything = await loginAs(w, await w.addUser('all-roles', TOWNSHIP, [...ROLES]));
    await refused(() => everything.post(`/api/report-submissions/${sub.id}/accept`), 403, 'own_report', sub.id);
    await refused(() => everything.post(`/api/report-submissions/${sub.id}/return`, { reason: '自己退回' }), 403, 'own_report', sub.id);
    await refused(() => as(`${CITY}-leader`).then((c) => c.post(`/api/report-submissions/${sub.id}/accept`)), 403, 'not_parent_depot', sub.id);
    await refused(() => as(`64-leader`).then((c) => c.post(`/api/report-submissions/${sub.id}/return`, { reason: '越级退回' })), 403, 'not_parent_depot', sub.id);
    await refused(() => as(`${OTHER_TOWNSHIP}-leader`).then((c) => c.post(`/api/report-submissions/${sub.id}/accept`)), 403, 'out_of_scope', sub.id);
    await refused(() => as(`${COUNTY}-storekeeper`).then((c) => c.post(`/api/report-submissions/${sub.id}/accept`)), 403, 'role_required', sub.id);
    await refused(() => as(`${COUNTY}-leader`).then((c) => c.post(`/api/report-submissions/${sub.id}/return`, {})), 422, 'validation_failed', sub.id);
    // The county's planner may decide too.
    expect((await (await as(`${COUNTY}-planner`)).post(`/api/report-submissions/${sub.id}/accept`)).body.status).toBe('accepted');
  });

  it('refuses unknown kinds and periods (422), a report the tier does not send (409 report_not_here), a period not over (409 report_period_not_ended), an unknown id (404)', async () => {
    const leader = await as(`${TOWNSHIP}-leader`);
    const post = (body: object) => () => leader.post('/api/report-submissions', { depotId: id(TOWNSHIP), year: 2026, ...body });
    await refused(post({ kind: 'stock', period: 'h1' }), 422, 'validation_failed');
    await refused(post({ kind: 'users', period: 'h3' }), 422, 'validation_failed');
    await refused(post({ kind: 'users', period: 'q1' }), 422, 'report_period_invalid');
    await refused(post({ kind: 'follow_up_summary', period: 'year' }), 422, 'report_period_invalid');
    await refused(post({ kind: 'pts', period: 'year', year: 2025 }), 409, 'report_not_here');
    await refused(post({ kind: 'users', period: 'year' }), 409, 'report_period_not_ended');
    await refused(post({ kind: 'follow_up_summary', period: 'q4' }), 409, 'report_period_not_ended');
    await refused(() => as('640121100200-leader').then((c) => c.post('/api/report-submissions', { depotId: id('640121100200'), kind: 'users', year: 2026, period: 'h1' })), 409, 'report_not_here');
    await refused(() => as('64-leader').then((c) => c.post('/api/report-submissions', { depotId: id('64'), kind: 'pts', year: 2025, period: 'year' })), 409, 'report_not_here');
    expect((await leader.get(`/api/depots/${id(TOWNSHIP)}/prepared-report?kind=users&year=2026&period=q2`)).body.code).toBe('report_period_invalid');
    expect((await leader.get('/api/report-submissions/999999')).body.code).toBe('report_submission_not_found');
    await refused(() => as(`${COUNTY}-leader`).then((c) => c.post('/api/report-submissions/999999/accept')), 404, 'report_submission_not_found');
  });

  it('keeps a submitted report frozen: stock posted in its period afterwards changes the live figures, not the snapshot', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0101', lot: 'FROZEN-1', expiresOn: '2029-12-31' });
    w.clock.set('2026-12-10T02:00:00Z');
    givenStock(w, COUNTY, batch.id, 100);
    w.clock.set('2027-01-05T02:00:00Z');
    const sub = await submit(COUNTY, 'pts', 'year', 2026);
    const frozen = line(sub.snapshot.lines, 'KJ-0101');
    expect(frozen.values.closing).toBe(100);

    // A late entry of December's stock: the ledger of 2026 moves on.
    w.clock.set('2026-12-28T02:00:00Z');
    givenStock(w, COUNTY, batch.id, 50);
    w.clock.set('2027-01-06T02:00:00Z');
    const leader = await loginAs(w, `${COUNTY}-leader`); // the clock moved past the first session's idle limit
    const live = await leader.get(`/api/depots/${id(COUNTY)}/prepared-report?kind=pts&year=2026&period=year`);
    expect(live.status, JSON.stringify(live.body)).toBe(200);
    expect(line(live.body.snapshot.lines, 'KJ-0101').values.closing).toBe(150);
    expect(live.body.changes).toContainEqual(expect.objectContaining({ line: 'KJ-0101', column: 'closing', before: 100, after: 150 }));
    const again = await leader.get(`/api/report-submissions/${sub.id}`);
    expect(again.body.snapshot).toEqual(sub.snapshot);
    // Nor can anyone edit it underneath: the table refuses it.
    expect(() => w.db.$client.prepare(`update report_submissions set snapshot = '{}' where id = ?`).run(sub.id)).toThrow(/frozen/);
    expect(() => w.db.$client.prepare('delete from report_submissions where id = ?').run(sub.id)).toThrow(/append-only/);
  });

  it('a county consolidates its townships’ ACCEPTED reports, saying which are missing, and sends the 汇总表 on to the city', async () => {
    await enterUsers(TOWNSHIP, 100, 40);
    await enterUsers(OTHER_TOWNSHIP, 60, 5);
    const a = await submit(TOWNSHIP);
    const b = await submit(OTHER_TOWNSHIP);
    const county = await as(`${COUNTY}-leader`);
    await county.post(`/api/report-submissions/${a.id}/accept`);

    let summary = await county.get(`/api/depots/${id(COUNTY)}/report-summary?kind=users&year=2026&period=h1`);
    expect(summary.status, JSON.stringify(summary.body)).toBe(200);
    expect(summary.body.children.included.map((c: any) => c.code)).toEqual([TOWNSHIP]);
    expect(summary.body.children.missing).toEqual([{ depotId: id(OTHER_TOWNSHIP), code: OTHER_TOWNSHIP, name: '李俊镇', status: 'submitted' }]);
    expect(line(summary.body.lines, 'oral').values.users).toBe(100);

    const status = await county.get(`/api/depots/${id(COUNTY)}/report-status?year=2026`);
    expect(status.status, JSON.stringify(status.body)).toBe(200);
    const usersH1 = status.body.below.find((b: any) => b.kind === 'users' && b.period === 'h1');
    expect(usersH1).toMatchObject({ expected: 2, accepted: 1, dueOn: '2026-07-10', notReported: [], awaiting: [expect.objectContaining({ code: OTHER_TOWNSHIP, state: 'submitted', submissionId: b.id })] });
    expect(status.body.below.find((b: any) => b.kind === 'usage' && b.period === 'h1').notReported.map((d: any) => [d.code, d.state])).toEqual([[TOWNSHIP, 'late'], [OTHER_TOWNSHIP, 'late']]);
    expect(status.body.below.some((b: any) => b.period === 'year')).toBe(false); // the year is not over
    expect(status.body.own.find((o: any) => o.kind === 'users' && o.period === 'h1')).toMatchObject({ state: 'late', late: true, dueOn: '2026-07-20' });
    expect(status.body.own.find((o: any) => o.kind === 'pts')).toMatchObject({ period: 'year', state: 'upcoming', dueOn: '2027-01-31' });
    expect(status.body.demandPlan).toEqual({ year: 2027, planId: null, dueOn: '2026-12-31', state: 'due' });

    await county.post(`/api/report-submissions/${b.id}/return`, { reason: '避孕套人数漏报' });
    summary = await county.get(`/api/depots/${id(COUNTY)}/report-summary?kind=users&year=2026&period=h1`);
    expect(summary.body.children.missing[0].status).toBe('returned');
    expect((await county.get(`/api/depots/${id(COUNTY)}/report-status?year=2026`)).body.below.find((b: any) => b.kind === 'users' && b.period === 'h1').notReported.map((d: any) => d.state)).toEqual(['returned']);
    const [mine] = (await (await as(`${OTHER_TOWNSHIP}-leader`)).get(`/api/depots/${id(OTHER_TOWNSHIP)}/report-status?year=2026`)).body.own.filter((o: any) => o.kind === 'users' && o.period === 'h1');
    expect(mine).toMatchObject({ state: 'returned', late: true, returnReason: '避孕套人数漏报', submissionId: b.id });

    await enterUsers(OTHER_TOWNSHIP, 60, 25);
    const b2 = await submit(OTHER_TOWNSHIP);
    await county.post(`/api/report-submissions/${b2.id}/accept`);
    const up = await submit(COUNTY);
    expect(up.snapshot.children).toEqual({ included: [expect.objectContaining({ code: TOWNSHIP, version: 1 }), expect.objectContaining({ code: OTHER_TOWNSHIP, version: 2 })], missing: [] });
    expect(line(up.snapshot.lines, 'oral').values.users).toBe(160);
    expect(line(up.snapshot.lines, 'condom').values.users).toBe(65);
    expect(up.dueOn).toBe('2026-07-20');
    await (await as(`${CITY}-leader`)).post(`/api/report-submissions/${up.id}/accept`);
    const toRegion = await submit(CITY);
    expect(toRegion.snapshot.children.included.map((c: any) => c.code)).toEqual([COUNTY]);
    await (await as('64-leader')).post(`/api/report-submissions/${toRegion.id}/accept`);

    const region = await (await as('64-leader')).get(`/api/depots/${id('64')}/report-summary?kind=users&year=2026&period=h1`);
    expect(region.body.children).toMatchObject({ included: [expect.objectContaining({ code: CITY })], missing: [expect.objectContaining({ code: '6402', status: 'none' })] });
    expect(line(region.body.lines, 'oral').values.users).toBe(160);
    expect((await county.get(`/api/depots/${id(TOWNSHIP)}/report-summary?kind=users&year=2026&period=h1`)).body.code).toBe('report_not_here');
  });

  it('builds every kind from the live views: 使用情况 and the 随访汇总表 from a township, 购调存 from a county with the city adding its own level', async () => {
    const usage = await submit(TOWNSHIP, 'usage', 'h1');
    expect(usage.snapshot.columns.map((c: any) => c.key)).toEqual(expect.arrayContaining(['dispensed', 'issued']));
    const followUps = await submit(TOWNSHIP, 'follow_up_summary', 'q3');
    expect(followUps.snapshot.lines).toEqual([expect.objectContaining({ key: 'all', values: expect.objectContaining({ users: 0, visits: 0 }) })]);
    expect(followUps.dueOn).toBe('2026-10-15');

    const batch = buildBatch(w, { productCode: 'KJ-0101', lot: 'PTS-1', expiresOn: '2029-12-31' });
    w.clock.set('2025-06-01T02:00:00Z');
    givenStock(w, COUNTY, batch.id, 30);
    givenStock(w, CITY, batch.id, 7);
    w.clock.set('2026-11-22T08:00:00Z');
    const pts = await submit(COUNTY, 'pts', 'year', 2025);
    expect(line(pts.snapshot.lines, 'KJ-0101').values.closing).toBe(30);
    await (await as(`${CITY}-leader`)).post(`/api/report-submissions/${pts.id}/accept`);
    const city = await submit(CITY, 'pts', 'year', 2025);
    expect(line(city.snapshot.own, 'KJ-0101').values.closing).toBe(7);
    expect(line(city.snapshot.lines, 'KJ-0101').values.closing).toBe(37);
    expect(city.snapshot.children.included.map((c: any) => c.code)).toEqual([COUNTY]);
  });

  it('puts what is due, late and returned, and the depots below that have not reported, on the leader’s and planner’s dashboard only', async () => {
    await enterUsers(TOWNSHIP, 10);
    await enterUsers(OTHER_TOWNSHIP, 20);
    const a = await submit(TOWNSHIP);
    const b = await submit(OTHER_TOWNSHIP);
    const county = await as(`${COUNTY}-leader`);
    await county.post(`/api/report-submissions/${a.id}/accept`);
    await county.post(`/api/report-submissions/${b.id}/return`, { reason: '人数有误' });

    const dash = (await county.get(`/api/depots/${id(COUNTY)}/dashboard`)).body.reports;
    // The county's own 使用人数 H1 was due on 2026-07-20: late; 2025's yearly reports also lie in the past.
    expect(dash.own.find((o: any) => o.kind === 'users' && o.periodLabel.en === '2026 H1')).toMatchObject({ state: 'late', late: true, dueOn: '2026-07-20', submissionId: null });
    const usersH1 = dash.notReported.find((r: any) => r.kind === 'users' && r.periodLabel.en === '2026 H1');
    expect(usersH1).toMatchObject({ expected: 2, dueOn: '2026-07-10', depots: [{ depotId: id(OTHER_TOWNSHIP), name: '李俊镇', state: 'returned' }] });
    expect(dash.awaiting).toBe(0);

    const mine = (await (await as(`${OTHER_TOWNSHIP}-planner`)).get(`/api/depots/${id(OTHER_TOWNSHIP)}/dashboard`)).body.reports;
    expect(mine.own.find((o: any) => o.kind === 'users' && o.periodLabel.en === '2026 H1')).toMatchObject({ state: 'returned', returnReason: '人数有误', submissionId: b.id });
    expect(mine.notReported).toEqual([]); // villages send no periodic report

    await enterUsers(OTHER_TOWNSHIP, 25);
    await submit(OTHER_TOWNSHIP);
    const after = (await county.get(`/api/depots/${id(COUNTY)}/dashboard`)).body.reports;
    expect(after.awaiting).toBe(1);
    expect(after.notReported.find((r: any) => r.kind === 'users' && r.periodLabel.en === '2026 H1')).toBeUndefined();

    expect((await (await as(`${COUNTY}-storekeeper`)).get(`/api/depots/${id(COUNTY)}/dashboard`)).body.reports).toBeNull();
    expect((await county.get(`/api/depots/${id(TOWNSHIP)}/dashboard`)).body.reports).toBeNull(); // a depot below: its tree only
  });
});
