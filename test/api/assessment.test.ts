import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { importDepots } from '../../server/services/bootstrap.ts';
import { insertSubmission } from '../../db/queries/report-submissions.ts';
import { ROLES } from '../../server/schemas/constants.ts';
import { EXAMPLE_RUBRIC, EXAMPLE_RUBRIC_V2 } from '../../server/domain/assessment-rubric.ts';
import { sampleChildren, sampleSeed } from '../../server/domain/assessment.ts';
import { defaultConfig } from '../../server/config.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  // The assessment of 2026, done in January 2027.
  w = await makeWorld({ now: '2027-01-20T08:00:00Z' });
  // Four villages under 杨和镇 and one under 李俊镇, so that 2-3 can be drawn.
  importDepots(w.db, [
    { code: '640121100201', name: '红星村委会', tier: 'village', parentCode: '640121100' },
    { code: '640121100202', name: '东玉村委会', tier: 'village', parentCode: '640121100' },
    { code: '640121100203', name: '旺全村委会', tier: 'village', parentCode: '640121100' },
    { code: '640121101200', name: '李俊村委会', tier: 'village', parentCode: '640121101' },
  ]);
});
afterEach(() => expectLedgerConsistent(w.db));

const REGION = '64';
const CITY = '6401';
const OTHER_CITY = '6402';
const COUNTY = '640121';
const TOWNSHIP = '640121100';
const VILLAGE = '640121100200';
const id = (code: string) => w.depot(code).id;

async function openRound(body: Record<string, unknown> = { year: 2026, rubricVersion: 1 }, by = `${REGION}-leader`) {
  const res = await (await as(by)).post('/api/assessment-rounds', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
async function score(roundId: number, code: string, itemKey: string, value: number, note: string | null = null, by = `${REGION}-inspector`) {
  const res = await (await as(by)).post(`/api/assessment-rounds/${roundId}/scores`, { depotId: id(code), itemKey, score: value, note });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
async function run(roundId: number, action: 'compute' | 'finalise', by = `${REGION}-leader`) {
  const res = await (await as(by)).post(`/api/assessment-rounds/${roundId}/${action}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const sheetOf = async (roundId: number, code: string, by = `${REGION}-leader`) => {
  const res = await (await as(by)).get(`/api/assessment-rounds/${roundId}/depots/${id(code)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const auditOf = (roundId: number) => w.db.$client.prepare(`select action, depot_id as depotId, detail from audit_log where entity = 'assessment_round' and entity_id = ? order by id`).all(String(roundId)) as { action: string; depotId: number; detail: string }[];

function counts() {
  const { sessions: _sessions, ...rest } = snapshotCounts(w.db);
  return { ...rest, audit_log: w.db.$client.prepare(`select count(*) from audit_log where entity != 'session'`).pluck().get(), scores: w.db.$client.prepare('select count(*), coalesce(sum(score), 0) from assessment_scores').raw().get(), rounds: w.db.$client.prepare('select count(*), group_concat(status) from assessment_rounds').raw().get() };
}

/** A refused request answers `status`/`code` and changes no row. */
async function refused(call: () => Promise<{ status: number; body: any; headers: Headers }>, status: number, code: string) {
  const before = counts();
  const res = await call();
  expect([res.status, res.body.code], JSON.stringify(res.body)).toEqual([status, code]);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(counts()).toEqual(before);
}

describe('assessment rubrics, versioned', () => {
  it('ships the example as version 1, as built in code, saying it is the example', async () => {
    const res = await (await as(`${VILLAGE}-storekeeper`)).get('/api/assessment-rubrics');
    expect(res.status).toBe(200);
    const v1 = res.body.items.find((r: any) => r.version === 1);
    expect(v1).toMatchObject({ version: 1, example: true, title: EXAMPLE_RUBRIC.title, totals: { city: 100, county: 100, township: 100, village: 100 } });
    expect(v1.tiers).toEqual(EXAMPLE_RUBRIC.tiers);
    // Version 2 computes training held and the facility standard; each tier still adds up to 100.
    const v2 = res.body.items.find((r: any) => r.version === 2);
    expect(v2).toMatchObject({ version: 2, example: true, title: EXAMPLE_RUBRIC_V2.title, totals: { city: 100, county: 100, township: 100, village: 100 } });
    expect(v2.tiers).toEqual(EXAMPLE_RUBRIC_V2.tiers);
    const computed = (tier: string) => (v2.tiers[tier] as any[]).filter((i) => i.source === 'computed').map((i) => i.indicator);
    expect(computed('township')).toEqual(expect.arrayContaining(['training_held', 'facility_standard']));
    expect(computed('village')).toContain('facility_standard');
    expect(computed('village')).not.toContain('training_held'); // a village organises no training
  });

  it('the region leader stores a new version; other depots and rubrics not adding up to 100 are refused', async () => {
    const tiers = { ...EXAMPLE_RUBRIC.tiers, village: EXAMPLE_RUBRIC.tiers.village.map((i) => (i.key === 'publicity' ? { ...i, points: 10 } : i)) };
    await refused(async () => (await as(`${REGION}-leader`)).post('/api/assessment-rubrics', { title: '2027版', tiers }), 422, 'rubric_invalid');
    await refused(async () => (await as(`${CITY}-leader`)).post('/api/assessment-rubrics', { title: '市自定', tiers: EXAMPLE_RUBRIC.tiers }), 403, 'forbidden');
    await refused(async () => (await as(`${REGION}-planner`)).post('/api/assessment-rubrics', { title: '计划员', tiers: EXAMPLE_RUBRIC.tiers }), 403, 'role_required');
    const fixed = { ...tiers, village: tiers.village.map((i) => (i.key === 'supply_box' ? { ...i, points: 25 } : i)) };
    const res = await (await as(`${REGION}-leader`)).post('/api/assessment-rubrics', { title: '2027版考核标准', tiers: fixed });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ version: 3, example: false });
    expect((await (await as(`${REGION}-leader`)).get('/api/assessment-rubrics/3')).body.tiers.village.find((i: any) => i.key === 'supply_box').points).toBe(25);
    expect(w.db.$client.prepare(`select action from audit_log where entity = 'assessment_rubric'`).pluck().all()).toEqual(['create']);
  });

  it('a version a round has used cannot be changed, even directly in the database', async () => {
    await openRound();
    expect(() => w.db.$client.prepare(`update assessment_rubrics set title = 'x' where version = 1`).run()).toThrow(/in use is immutable/);
  });

  it('refuses a round on an unknown rubric version (422 rubric_version_unknown)', async () => {
    await refused(async () => (await as(`${REGION}-leader`)).post('/api/assessment-rounds', { year: 2026, rubricVersion: 9 }), 422, 'rubric_version_unknown');
    await refused(async () => (await as(`${REGION}-leader`)).get('/api/assessment-rubrics/9'), 404, 'rubric_not_found');
  });
});

describe('an assessment round (S0:484-495)', () => {
  it('the region leader opens a round, an assessor scores with a note, the leader computes from the villages up, ranks and grades; finalised, it is frozen', async () => {
    const round = await openRound();
    expect(round).toMatchObject({ year: 2026, status: 'open', rubric: { version: 1 }, depot: { code: REGION }, scope: { code: REGION }, depots: { city: 2, county: 1, township: 2, village: 5 }, stale: true });
    expect(round.assessorItems).toEqual({ scored: 0, total: 2 * 4 + 4 + 2 * 3 + 5 * 3 });

    const sheet = await score(round.id, COUNTY, 'training_held', 8, '全年举办培训3期');
    expect(sheet.items.find((i: any) => i.key === 'training_held')).toMatchObject({ score: 8, note: '全年举办培训3期', scoredByName: expect.any(String) });
    // Scoring again replaces the score; the audit keeps both.
    await score(round.id, COUNTY, 'training_held', 9, '培训3期，签到齐全');
    for (const v of ['640121100200', '640121100201', '640121100202', '640121100203']) await score(round.id, v, 'supply_box', 20);

    const computed = await run(round.id, 'compute');
    expect(computed).toMatchObject({ status: 'open', stale: false, computedAt: '2027-01-20T08:00:00.000Z' });

    // Villages: own score only.
    const village = await sheetOf(round.id, VILLAGE);
    expect(village.result).toMatchObject({ childMean: null, sample: [], sampleSeed: null });
    expect(village.result.total).toBe(village.result.own);
    const count = village.items.find((i: any) => i.key === 'yearly_count_done');
    expect(count).toMatchObject({ source: 'computed', value: 0, score: 0, inputs: { countsPosted: 0 } });
    // Nothing to measure: no reaction filed, no stock in → all the points.
    expect(village.items.find((i: any) => i.key === 'adverse_reaction_reporting')).toMatchObject({ value: null, score: 15, inputs: { filed: 0, onTime: 0 } });
    expect(village.items.find((i: any) => i.key === 'supply_box')).toMatchObject({ score: 20 });

    // The township: half its own, half the mean of 2-3 of its four villages, the sample recorded with its seed.
    const township = await sheetOf(round.id, TOWNSHIP);
    const villages = ['640121100200', '640121100201', '640121100202', '640121100203'].map(id);
    const seed = sampleSeed(round.id, id(TOWNSHIP));
    expect(township.result.sampleSeed).toBe(seed);
    expect(township.result.sample.map((s: any) => s.id)).toEqual(sampleChildren(villages, seed, defaultConfig.assessment.sample));
    const mean = township.result.sample.reduce((s: number, v: any) => s + v.total, 0) / township.result.sample.length;
    expect(township.result.childMean).toBeCloseTo(mean, 2);
    expect(township.result.total).toBeCloseTo(0.5 * township.result.own + 0.5 * township.result.childMean, 2);

    // The county combines with its townships; its assessor item shows the latest score.
    const county = await sheetOf(round.id, COUNTY);
    expect(county.result.sample.map((s: any) => s.code).sort()).toEqual([TOWNSHIP, '640121101']);
    expect(county.items.find((i: any) => i.key === 'training_held')).toMatchObject({ score: 9, note: '培训3期，签到齐全' });
    expect(county.items.find((i: any) => i.key === 'reports_on_time').inputs).toMatchObject({ due: expect.any(Number), onTime: 0 });

    // Rankings per level.
    const ranking = await (await as(`${REGION}-leader`)).get(`/api/assessment-rounds/${round.id}/ranking?tier=village`);
    expect(ranking.status).toBe(200);
    expect(ranking.body.rows).toHaveLength(5);
    expect(ranking.body.rows.map((r: any) => r.total)).toEqual([...ranking.body.rows.map((r: any) => r.total)].sort((a: number, b: number) => b - a));
    expect(ranking.body.rows.at(-1)).toMatchObject({ depot: { code: '640121101200' }, parent: { code: '640121101' } });
    const cities = (await (await as(`${REGION}-leader`)).get(`/api/assessment-rounds/${round.id}/ranking?tier=city`)).body.rows;
    expect(cities.map((r: any) => r.depot.code).sort()).toEqual([CITY, OTHER_CITY]);

    // Computing again draws the same sample.
    await run(round.id, 'compute');
    expect((await sheetOf(round.id, TOWNSHIP)).result.sample).toEqual(township.result.sample);

    // Finalised: computed once more and frozen.
    const final = await run(round.id, 'finalise');
    expect(final).toMatchObject({ status: 'finalised', finalisedAt: '2027-01-20T08:00:00.000Z', finalisedByName: expect.any(String) });
    await refused(async () => (await as(`${REGION}-inspector`)).post(`/api/assessment-rounds/${round.id}/scores`, { depotId: id(COUNTY), itemKey: 'training_held', score: 10 }), 409, 'round_finalised');
    await refused(async () => (await as(`${REGION}-leader`)).post(`/api/assessment-rounds/${round.id}/compute`), 409, 'round_finalised');
    await refused(async () => (await as(`${REGION}-leader`)).post(`/api/assessment-rounds/${round.id}/finalise`), 409, 'round_finalised');
    expect(() => w.db.$client.prepare('update assessment_results set total = 100 where round_id = ?').run(round.id)).toThrow(/finalised/);
    expect(() => w.db.$client.prepare('update assessment_scores set score = 0 where round_id = ?').run(round.id)).toThrow(/finalised/);

    expect(auditOf(round.id).map((a) => a.action)).toEqual(['create', 'score', 'score', 'score', 'score', 'score', 'score', 'compute', 'compute', 'finalise']);
    expect(JSON.parse(auditOf(round.id)[2]!.detail)).toMatchObject({ itemKey: 'training_held', score: 9, before: 8 });
  });

  it('fills computed items from the year’s data: a report signed before its due date counts on time', async () => {
    const d = w.depot(TOWNSHIP);
    const snapshot = { title: { zh: '使用人数', en: 'Users' }, period: { year: 2026, kind: 'h1' as const, from: '2026-01', to: '2026-06', label: { zh: '2026年上半年', en: '2026 H1' } }, depot: { id: d.id, code: d.code, name: d.name, tier: d.tier }, columns: [], lines: [], children: null, own: null };
    insertSubmission(w.db, { depotId: d.id, kind: 'users', year: 2026, period: 'h1', version: 1, status: 'accepted', snapshot, dueOn: '2026-07-10', signedBy: w.actor(`${TOWNSHIP}-leader`).userId, signedAt: '2026-07-05T02:00:00.000Z' });
    insertSubmission(w.db, { depotId: d.id, kind: 'usage', year: 2026, period: 'h1', version: 1, status: 'accepted', snapshot, dueOn: '2026-07-10', signedBy: w.actor(`${TOWNSHIP}-leader`).userId, signedAt: '2026-07-20T02:00:00.000Z' });
    const round = await openRound();
    await run(round.id, 'compute');
    const item = (await sheetOf(round.id, TOWNSHIP)).items.find((i: any) => i.key === 'reports_on_time');
    expect(item.inputs).toMatchObject({ onTime: 1, late: 1 });
    expect(item.value).toBeCloseTo(1 / item.inputs.due, 4);
  });

  it('version 2 computes training held from the training records and the facility standard from the profile', async () => {
    const leader = await as(`${TOWNSHIP}-leader`);
    const trained = await leader.post('/api/trainings', { heldOn: '2026-11-20', title: '村级药管员业务培训', topics: ['supplies_knowledge'], trainer: '王老师', attendees: [{ userId: w.actor(`${VILLAGE}-dispenser`).userId }] });
    expect(trained.status, JSON.stringify(trained.body)).toBe(201);
    const round = await openRound({ year: 2026, rubricVersion: 2 });
    await run(round.id, 'compute');
    let items = (await sheetOf(round.id, TOWNSHIP)).items;
    // One staff training of the two a township owes, no public education of its two: a quarter of 10 points.
    const training = items.find((i: any) => i.key === 'training_held');
    expect(training).toMatchObject({ source: 'computed', value: 0.25, score: 2.5, inputs: { trainingsHeld: 1, trainingsRequired: 2, educationHeld: 0, educationRequired: 2 } });
    expect(items.find((i: any) => i.key === 'facility_standard')).toMatchObject({ value: 0, score: 0, inputs: { profile: 0 } });

    const full = { officeAreaM2: 20, storeAreaM2: 15, zonesMarked: true, items: ['sign', 'fire_extinguishers', 'shelving', 'display', 'supply_cabinet'] };
    const saved = await leader.raw(`/api/depots/${id(TOWNSHIP)}/facility-profile`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(full) });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await run(round.id, 'compute');
    items = (await sheetOf(round.id, TOWNSHIP)).items;
    expect(items.find((i: any) => i.key === 'facility_standard')).toMatchObject({ value: 1, score: 5 });
  });

  it('a county leader opens a round over its own subtree; a part of it with scopeDepotId', async () => {
    const round = await openRound({ year: 2026, rubricVersion: 1 }, `${COUNTY}-leader`);
    expect(round.depots).toEqual({ city: 0, county: 0, township: 2, village: 5 });
    const part = await openRound({ year: 2026, rubricVersion: 1, scopeDepotId: id(TOWNSHIP) }, `${COUNTY}-leader`);
    expect(part.depots).toEqual({ city: 0, county: 0, township: 1, village: 4 });
    const list = await (await as(`${TOWNSHIP}-storekeeper`)).get('/api/assessment-rounds');
    expect(list.body.items.map((r: any) => r.id)).toEqual([part.id, round.id]);
  });

  it('prints a depot’s sheet as HTML, and gives it as XLSX', async () => {
    const round = await openRound();
    await score(round.id, COUNTY, 'training_held', 9, '培训3期');
    await run(round.id, 'compute');
    const c = await as(`${REGION}-leader`);
    const html = await c.get(`/api/assessment-rounds/${round.id}/depots/${id(COUNTY)}/form`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const text = String(html.body);
    expect(text).toContain('考核评估表');
    expect(text).toContain('培训3期');
    expect(text).toContain('综合得分');
    const xlsx = await c.get(`/api/assessment-rounds/${round.id}/depots/${id(COUNTY)}/form?format=xlsx&lang=en`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});

describe('refusals, each with its code and nothing changed', () => {
  it('a user holding every role at a depot cannot score their own depot (403 assess_own_depot)', async () => {
    const round = await openRound();
    const all = await w.addUser('county-all-roles', COUNTY, [...ROLES]);
    await refused(async () => (await as(all)).post(`/api/assessment-rounds/${round.id}/scores`, { depotId: id(COUNTY), itemKey: 'training_held', score: 5 }), 403, 'assess_own_depot');
    // Even at the organising depot: the region does not score itself.
    const regionAll = await w.addUser('region-all-roles', REGION, [...ROLES]);
    await refused(async () => (await as(regionAll)).post(`/api/assessment-rounds/${round.id}/scores`, { depotId: id(REGION), itemKey: 'training_held', score: 5 }), 403, 'assess_own_depot');
  });

  it('only assessors of the organising depot score, with the assessor roles', async () => {
    const round = await openRound();
    await refused(async () => (await as(`${CITY}-leader`)).post(`/api/assessment-rounds/${round.id}/scores`, { depotId: id(COUNTY), itemKey: 'training_held', score: 5 }), 403, 'out_of_scope');
    await refused(async () => (await as(`${REGION}-storekeeper`)).post(`/api/assessment-rounds/${round.id}/scores`, { depotId: id(COUNTY), itemKey: 'training_held', score: 5 }), 403, 'role_required');
  });

  it('scores only assessor items of depots in the round, within the item’s points', async () => {
    const round = await openRound({ year: 2026, rubricVersion: 1, scopeDepotId: id(OTHER_CITY) });
    await refused(async () => (await as(`${REGION}-inspector`)).post(`/api/assessment-rounds/${round.id}/scores`, { depotId: id(COUNTY), itemKey: 'training_held', score: 5 }), 422, 'depot_not_in_round');
    await refused(async () => (await as(`${REGION}-inspector`)).post(`/api/assessment-rounds/${round.id}/scores`, { depotId: id(OTHER_CITY), itemKey: 'reports_on_time', score: 5 }), 422, 'assessment_item_unknown');
    await refused(async () => (await as(`${REGION}-inspector`)).post(`/api/assessment-rounds/${round.id}/scores`, { depotId: id(OTHER_CITY), itemKey: 'training_held', score: 10.5 }), 422, 'assessment_score_out_of_range');
    await refused(async () => (await as(`${REGION}-inspector`)).post('/api/assessment-rounds/999/scores', { depotId: id(OTHER_CITY), itemKey: 'training_held', score: 5 }), 404, 'assessment_round_not_found');
  });

  it('a round is opened by a leader over depots below, and run only by the organiser’s leader', async () => {
    await refused(async () => (await as(`${REGION}-planner`)).post('/api/assessment-rounds', { year: 2026, rubricVersion: 1 }), 403, 'role_required');
    await refused(async () => (await as(`${VILLAGE}-leader`)).post('/api/assessment-rounds', { year: 2026, rubricVersion: 1 }), 422, 'round_scope_invalid');
    await refused(async () => (await as(`${CITY}-leader`)).post('/api/assessment-rounds', { year: 2026, rubricVersion: 1, scopeDepotId: id(OTHER_CITY) }), 422, 'round_scope_invalid');
    const round = await openRound();
    await refused(async () => (await as(`${REGION}-inspector`)).post(`/api/assessment-rounds/${round.id}/compute`), 403, 'role_required');
    await refused(async () => (await as(`${CITY}-leader`)).post(`/api/assessment-rounds/${round.id}/compute`), 403, 'out_of_scope');
    await refused(async () => (await as(`${CITY}-leader`)).post(`/api/assessment-rounds/${round.id}/finalise`), 403, 'out_of_scope');
  });

  it('a round is read by the depots above its organiser and in its scope, not by a sibling branch', async () => {
    const round = await openRound({ year: 2026, rubricVersion: 1 }, `${COUNTY}-leader`);
    expect((await (await as(`${CITY}-leader`)).get(`/api/assessment-rounds/${round.id}`)).status).toBe(200);
    // Listed for the levels above the organiser (the region sees the county's round), not for a sibling branch.
    const listed = async (username: string) => ((await (await as(username)).get('/api/assessment-rounds')).body.items as any[]).map((r) => r.id);
    expect(await listed(`${REGION}-leader`)).toContain(round.id);
    expect(await listed(`${CITY}-planner`)).toContain(round.id);
    expect(await listed(`${OTHER_CITY}-leader`)).not.toContain(round.id);
    expect((await (await as(`${VILLAGE}-leader`)).get(`/api/assessment-rounds/${round.id}`)).status).toBe(200);
    const res = await (await as(`${OTHER_CITY}-leader`)).get(`/api/assessment-rounds/${round.id}`);
    expect([res.status, res.body.code]).toEqual([403, 'out_of_scope']);
    // A village sees its own sheet, not its neighbour's.
    const other = await (await as(`${VILLAGE}-leader`)).get(`/api/assessment-rounds/${round.id}/depots/${id('640121100201')}`);
    expect([other.status, other.body.code]).toEqual([403, 'out_of_scope']);
  });
});
