import { describe, it, expect, beforeEach } from 'vitest';
import { makeWorld, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { facilityIndicators } from '../../server/services/facilities.ts';
import { REGULATION_STANDARDS } from '../../server/domain/facility-standard.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-11-22T08:00:00Z' });
});

const TOWNSHIP = '640121100';
const VILLAGE = '640121100200';
const COUNTY = '640121';
const id = (code: string) => w.depot(code).id;
const put = (c: Client, path: string, body: unknown) => c.raw(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const profilePath = (code: string) => `/api/depots/${id(code)}/facility-profile`;

/** A township short of office space, with a cabinet for a store, and no extinguisher. */
const SHORT = { officeAreaM2: 18, storeAreaM2: 10, zonesMarked: false, items: ['sign', 'display', 'supply_cabinet'] };

async function refused(call: () => Promise<{ status: number; body: any; headers: Headers }>, status: number, code: string) {
  const before = snapshotCounts(w.db);
  const res = await call();
  expect([res.status, res.body.code], JSON.stringify(res.body)).toEqual([status, code]);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const { sessions: _a, audit_log: _b, ...after } = snapshotCounts(w.db);
  const { sessions: _c, audit_log: _d, ...was } = before;
  expect(after).toEqual(was);
}

describe('facility profile (S0:304-332)', () => {
  it('is empty until the leader fills it: every requirement of the tier is a gap', async () => {
    const res = await (await as(`${TOWNSHIP}-storekeeper`)).get(profilePath(TOWNSHIP));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ filled: false, requirements: 6, met: 0, askedItems: ['sign', 'fire_extinguishers', 'shelving', 'display', 'supply_cabinet'] });
    expect(res.body.standard.officeArea).toEqual({ minM2: 20, ref: 'S0:308' });
  });

  it('the township leader fills it and sees its gaps; the save is audited and kept in the history', async () => {
    const leader = await as(`${TOWNSHIP}-leader`);
    const res = await put(leader, profilePath(TOWNSHIP), SHORT);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ filled: true, requirements: 6, met: 4, updatedByName: w.actor(`${TOWNSHIP}-leader`).displayName });
    expect(res.body.gaps).toEqual([
      { kind: 'office_area', requiredM2: 20, actualM2: 18, ref: 'S0:308' },
      { kind: 'item_missing', anyOf: ['fire_extinguishers'], ref: 'S0:332' },
    ]);

    w.clock.advanceMinutes(60);
    const fixed = await put(leader, profilePath(TOWNSHIP), { ...SHORT, officeAreaM2: 22, items: [...SHORT.items, 'fire_extinguishers'], note: '新购灭火器2具' });
    expect(fixed.body).toMatchObject({ met: 6, gaps: [] });

    const history = await leader.get(`${profilePath(TOWNSHIP)}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items).toHaveLength(2);
    expect(() => w.db.$client.prepare('update facility_profile_changes set id = id').run()).toThrow('facility_profile_changes is append-only');
    expect(() => w.db.$client.prepare('delete from facility_profile_changes').run()).toThrow('facility_profile_changes is append-only');
    expect(history.body.items[0]).toMatchObject({
      changedByName: w.actor(`${TOWNSHIP}-leader`).displayName,
      changedAt: '2026-11-22T09:00:00.000Z',
      changes: [
        { field: 'officeAreaM2', from: 18, to: 22 },
        { field: 'note', from: null, to: '新购灭火器2具' },
        { field: 'items', from: [], to: ['fire_extinguishers'] },
      ],
    });
    const audit = w.db.$client.prepare(`select action, detail from audit_log where entity = 'facility_profile' and entity_id = ? order by id`).all(String(id(TOWNSHIP))) as { action: string; detail: string }[];
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1].detail)).toMatchObject({ met: 6, requirements: 6, gaps: 0 });
  });

  it('a save that changes nothing writes nothing', async () => {
    const leader = await as(`${TOWNSHIP}-leader`);
    await put(leader, profilePath(TOWNSHIP), SHORT);
    const before = snapshotCounts(w.db);
    expect((await put(leader, profilePath(TOWNSHIP), { ...SHORT, items: [...SHORT.items].reverse() })).status).toBe(200);
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('only the depot’s leader edits it (403 role_required); the county reads it but never writes it (403 out_of_scope)', async () => {
    await refused(async () => put(await as(`${TOWNSHIP}-storekeeper`), profilePath(TOWNSHIP), SHORT), 403, 'role_required');
    await refused(async () => put(await as(`${COUNTY}-leader`), profilePath(TOWNSHIP), SHORT), 403, 'out_of_scope');
    expect((await (await as(`${COUNTY}-leader`)).get(profilePath(TOWNSHIP))).status).toBe(200);
    await refused(async () => (await as(`${TOWNSHIP}-leader`)).get(profilePath(COUNTY)), 403, 'out_of_scope');
  });

  it('at a village, whose one post is its dispenser, the dispenser keeps the profile; a township’s dispenser does not', async () => {
    const village = { officeAreaM2: null, storeAreaM2: null, zonesMarked: false, items: ['sign', 'supply_box', 'supply_cabinet', 'work_bag'] };
    const res = await put(await as(`${VILLAGE}-dispenser`), profilePath(VILLAGE), village);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ filled: true, updatedByName: w.actor(`${VILLAGE}-dispenser`).displayName });
    await refused(async () => put(await as(`${TOWNSHIP}-dispenser`), profilePath(TOWNSHIP), SHORT), 403, 'role_required');
  });

  it('refuses a negative area or an unknown item (422 validation_failed)', async () => {
    const leader = await as(`${TOWNSHIP}-leader`);
    await refused(() => put(leader, profilePath(TOWNSHIP), { ...SHORT, officeAreaM2: -1 }), 422, 'validation_failed');
    await refused(() => put(leader, profilePath(TOWNSHIP), { ...SHORT, items: ['jacuzzi'] }), 422, 'validation_failed');
  });

  it('the standard is config: a locality that asks for less sees fewer gaps', async () => {
    await put(await as(`${TOWNSHIP}-leader`), profilePath(TOWNSHIP), SHORT);
    const township = REGULATION_STANDARDS.township;
    w.deps.config.facilities = { ...REGULATION_STANDARDS, township: { ...township, officeArea: { minM2: 15, ref: '本地标准' }, items: township.items.filter((r) => !r.anyOf.includes('fire_extinguishers')) } };
    const res = await (await as(`${TOWNSHIP}-leader`)).get(profilePath(TOWNSHIP));
    expect(res.body).toMatchObject({ requirements: 5, met: 5, gaps: [] });
  });

  it('the gaps show on the depot’s dashboard, and the county’s lists the township below it', async () => {
    await put(await as(`${TOWNSHIP}-leader`), profilePath(TOWNSHIP), SHORT);
    const own = await (await as(`${TOWNSHIP}-leader`)).get(`/api/depots/${id(TOWNSHIP)}/dashboard`);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.facilities).toMatchObject({ filled: true, requirements: 6, met: 4, pendingRequests: 0 });
    expect(own.body.facilities.gaps.map((g: any) => g.kind)).toEqual(['office_area', 'item_missing']);
    const county = await (await as(`${COUNTY}-leader`)).get(`/api/depots/${id(COUNTY)}/dashboard`);
    expect(county.body.facilities.filled).toBe(false);
    expect(county.body.facilities.below).toEqual(
      expect.arrayContaining([
        { id: id(TOWNSHIP), code: TOWNSHIP, name: w.depot(TOWNSHIP).name, filled: true, gaps: 2 },
        { id: id('640121101'), code: '640121101', name: w.depot('640121101').name, filled: false, gaps: 6 },
      ]),
    );
  });

  it('the assessment’s facility_standard indicator is the share of the requirements met (0 without a profile)', async () => {
    await put(await as(`${TOWNSHIP}-leader`), profilePath(TOWNSHIP), SHORT);
    const values = facilityIndicators(w.deps, w.depot(COUNTY).path);
    expect(values.get(id(TOWNSHIP))).toEqual({ value: 0.6667, inputs: { requirements: 6, met: 4, gaps: 2, profile: 1 } });
    expect(values.get(id('640121101'))).toEqual({ value: 0, inputs: { requirements: 6, met: 0, gaps: 6, profile: 0 } });
    expect(values.has(id('640121100200'))).toBe(true);
  });
});
