import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, PASSWORD, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { CHECKLISTS } from '../../server/domain/inspection.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld();
});
afterEach(() => expectLedgerConsistent(w.db));

const allYes = (form: keyof typeof CHECKLISTS) => Object.fromEntries(CHECKLISTS[form].map((k) => [k, true]));
const county = () => w.depot('640121').id;
const zoneQty = (depot: string, batchId: number, zone: string) =>
  (w.db.$client.prepare('select quantity from stock_balances where depot_id = ? and batch_id = ? and location = ?').pluck().get(w.depot(depot).id, batchId, zone) as number | undefined) ?? 0;

/** 50 of a lot in stock at the county, of which a storage inspection finds 10 defective: 10 in the red zone. */
async function defectiveStock(lot = 'WO-1') {
  const batch = buildBatch(w, { productCode: 'KJ-0101', lot, unitPriceFen: 260 });
  givenStock(w, '640121', batch.id, 50);
  const inspection = await (await as('640121-inspector')).post('/api/inspections', {
    depotId: county(),
    batchId: batch.id,
    kind: 'storage',
    checklist: { ...allYes('oral_tablet'), tablets_intact_colour_uniform: false },
    passedQuantity: 40,
    failedQuantity: 10,
    nonconformities: ['visible_defect'],
  });
  expect(inspection.status, JSON.stringify(inspection.body)).toBe(201);
  return { batch, inspectionId: inspection.body.id as number };
}

const request = async (body: Record<string, unknown>, user = '640121-inspector') => (await as(user)).post('/api/write-offs', { depotId: county(), ...body });

describe('write-off requests (报损, S0:419-422)', () => {
  it('goes from the inspector’s request through the county’s approval to destruction before two witnesses, and only then leaves the ledger', async () => {
    const { batch, inspectionId } = await defectiveStock();
    const created = await request({ inspectionId, note: '片剂变色', lines: [{ batchId: batch.id, quantity: 10, kind: 'visible_defect', note: '整板变色' }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      number: 'BS-640121-0001',
      status: 'submitted',
      approvalDepot: { code: '6401' },
      inspection: { id: inspectionId, nonconformities: ['visible_defect'] },
      lines: [{ lot: 'WO-1', quantity: 10, kind: 'visible_defect', unitPriceFen: 260, valueFen: 2600 }],
      totalValueFen: 2600,
      disposal: null,
    });
    const id = created.body.id;
    expect(zoneQty('640121', batch.id, 'nonconforming')).toBe(10);

    const toDecide = (await (await as('6401-leader')).get(`/api/write-offs?depotId=${w.depot('6401').id}`)).body.toDecide;
    expect(toDecide.map((r: any) => [r.number, r.totalValueFen])).toEqual([['BS-640121-0001', 2600]]);
    const approved = await (await as('6401-leader')).post(`/api/write-offs/${id}/decision`, { decision: 'approved' });
    expect(approved.body).toMatchObject({ status: 'approved', decidedByName: expect.stringContaining('leader') });
    expect(zoneQty('640121', batch.id, 'nonconforming')).toBe(10); // approval alone moves nothing

    const disposed = await (await as('640121-storekeeper')).post(`/api/write-offs/${id}/disposal`, {
      method: 'destroy',
      place: '县站焚烧炉',
      detail: '焚烧',
      witnesses: [
        { username: '640121-storekeeper', password: PASSWORD },
        { username: '640121-leader', password: PASSWORD },
      ],
    });
    expect(disposed.status, JSON.stringify(disposed.body)).toBe(200);
    expect(disposed.body).toMatchObject({ status: 'disposed', disposal: { method: 'destroy', place: '县站焚烧炉', witnesses: [{ username: '640121-storekeeper' }, { username: '640121-leader' }] } });
    expect(zoneQty('640121', batch.id, 'nonconforming')).toBe(0);
    expect(zoneQty('640121', batch.id, 'qualified')).toBe(40);
    const posting = w.db.$client.prepare("select kind, sum(quantity) q, sum(quantity * unit_price_fen) v from stock_movements where posting_id = ?").get(disposed.body.disposal.postingId);
    expect(posting).toEqual({ kind: 'write_off', q: -10, v: -2600 });
  });

  it('is returned with a reason, corrected and sent again', async () => {
    const { batch, inspectionId } = await defectiveStock();
    const id = (await request({ inspectionId, lines: [{ batchId: batch.id, quantity: 10, kind: 'inner_pack_broken' }] })).body.id;
    expect((await (await as('6401-planner')).post(`/api/write-offs/${id}/decision`, { decision: 'returned' })).body.code).toBe('validation_failed');
    const returned = await (await as('6401-planner')).post(`/api/write-offs/${id}/decision`, { decision: 'returned', reason: '不合格类别应为外观缺陷' });
    expect(returned.body).toMatchObject({ status: 'returned', decisionReason: '不合格类别应为外观缺陷' });
    expect((await (await as('640121-storekeeper')).post(`/api/write-offs/${id}/disposal`, { method: 'destroy', witnesses: [] })).body.code).toBe('write_off_not_approved');
    const again = await (await as('640121-inspector')).post(`/api/write-offs/${id}/resubmit`, { inspectionId, lines: [{ batchId: batch.id, quantity: 10, kind: 'visible_defect' }] });
    expect(again.body).toMatchObject({ status: 'submitted', lines: [{ kind: 'visible_defect' }] });
    expect((await (await as('6401-leader')).post(`/api/write-offs/${id}/decision`, { decision: 'approved' })).body.status).toBe('approved');
    expect((await (await as('6401-leader')).post(`/api/write-offs/${id}/decision`, { decision: 'approved' })).body.code).toBe('write_off_not_pending');
  });

  it('refuses stock that is not non-conforming, more than the red zone holds, and what another request claims; nothing changes', async () => {
    const { batch, inspectionId } = await defectiveStock();
    const good = buildBatch(w, { productCode: 'KJ-0101', lot: 'GOOD' });
    givenStock(w, '640121', good.id, 30);
    await as('640121-finance');
    await as('640121100-inspector');
    const before = snapshotCounts(w.db);
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ inspectionId, lines: [{ batchId: good.id, quantity: 1, kind: 'visible_defect' }] }, 409, 'not_nonconforming'],
      [{ inspectionId, lines: [{ batchId: batch.id, quantity: 11, kind: 'visible_defect' }] }, 409, 'exceeds_nonconforming'],
      [{ inspectionId, lines: [{ batchId: batch.id, quantity: 6, kind: 'visible_defect' }, { batchId: batch.id, quantity: 5, kind: 'inner_pack_broken' }] }, 409, 'exceeds_nonconforming'],
      [{ lines: [{ batchId: batch.id, quantity: 1, kind: 'visible_defect' }] }, 422, 'inspection_required'],
      [{ inspectionId: 999999, lines: [{ batchId: batch.id, quantity: 1, kind: 'visible_defect' }] }, 404, 'not_found'],
      [{ inspectionId, lines: [{ batchId: 999999, quantity: 1, kind: 'visible_defect' }] }, 404, 'batch_not_found'],
      [{ inspectionId, lines: [{ batchId: batch.id, quantity: 1, kind: 'rotten' }] }, 422, 'validation_failed'],
      [{ inspectionId, lines: [] }, 422, 'validation_failed'],
      [{ inspectionId, lines: [{ batchId: batch.id, quantity: 1, kind: 'visible_defect' }] }, 403, 'role_required', '640121-finance'],
      [{ inspectionId, lines: [{ batchId: batch.id, quantity: 1, kind: 'visible_defect' }] }, 403, 'out_of_scope', '640121100-inspector'],
    ];
    for (const [body, status, code, user] of cases) {
      const res = await request(body, user);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);

    expect((await request({ inspectionId, lines: [{ batchId: batch.id, quantity: 7, kind: 'visible_defect' }] })).status).toBe(201);
    const claimed = await request({ inspectionId, lines: [{ batchId: batch.id, quantity: 4, kind: 'visible_defect' }] });
    expect([claimed.body.code, claimed.body.data]).toEqual(['exceeds_nonconforming', { batchId: batch.id, free: 3 }]);
  });

  it('lets only the depot above decide, never the requester, and the region decide its own', async () => {
    const { batch, inspectionId } = await defectiveStock();
    const id = (await request({ inspectionId, lines: [{ batchId: batch.id, quantity: 10, kind: 'visible_defect' }] })).body.id;
    for (const [user, code] of [
      ['640121-leader', 'out_of_scope'],
      ['6401-storekeeper', 'role_required'],
      ['64-leader', 'out_of_scope'],
    ] as const) {
      expect((await (await as(user)).post(`/api/write-offs/${id}/decision`, { decision: 'approved' })).body.code, user).toBe(code);
    }

    // At the top there is no depot above: the region's own leader decides, but not on a request of their own.
    const both = await w.addUser('region-qc-leader', '64', ['inspector', 'leader']);
    const top = buildBatch(w, { productCode: 'KJ-0101', lot: 'TOP-EXP', expiresOn: '2026-11-01' });
    givenStock(w, '64', top.id, 5, 'nonconforming');
    const own = await (await as(both)).post('/api/write-offs', { depotId: w.depot('64').id, lines: [{ batchId: top.id, quantity: 5, kind: 'expired' }] });
    expect(own.body).toMatchObject({ status: 'submitted', approvalDepot: { code: '64' } });
    expect((await (await as(both)).post(`/api/write-offs/${own.body.id}/decision`, { decision: 'approved' })).body.code).toBe('self_approval');
    expect((await (await as('64-leader')).post(`/api/write-offs/${own.body.id}/decision`, { decision: 'approved' })).body.status).toBe('approved');
  });

  it('destroys only before two or more different people who each give their own password, and records it once', async () => {
    const { batch, inspectionId } = await defectiveStock();
    const id = (await request({ inspectionId, lines: [{ batchId: batch.id, quantity: 10, kind: 'visible_defect' }] })).body.id;
    await (await as('6401-leader')).post(`/api/write-offs/${id}/decision`, { decision: 'approved' });
    const keeper = await as('640121-storekeeper');
    const dispose = (witnesses: { username: string; password: string }[], method = 'destroy') => keeper.post(`/api/write-offs/${id}/disposal`, { method, witnesses });
    const me = { username: '640121-storekeeper', password: PASSWORD };
    const before = snapshotCounts(w.db);
    const cases: [{ username: string; password: string }[], string, string?][] = [
      [[me], 'witnesses_required'],
      [[me, { ...me }], 'duplicate_witness'],
      [[me, { username: '640121-STOREKEEPER', password: PASSWORD }], 'duplicate_witness'],
      [[me, { username: '640121-leader', password: 'not-the-password' }], 'witness_unknown'],
      [[me, { username: 'nobody-here', password: PASSWORD }], 'witness_unknown'],
      [[me, { username: '640121100-leader', password: PASSWORD }], 'witness_out_of_scope'],
      [[me, { username: '6401-leader', password: PASSWORD }], 'return_only_if_never_stocked', 'return_to_maker'],
    ];
    for (const [witnesses, code, method] of cases) {
      const res = await dispose(witnesses, method);
      expect([res.status < 500, res.body.code], code).toEqual([true, code]);
    }
    // Wrong passwords count towards the witness's login lock, as at login; nothing else changed.
    expect({ ...snapshotCounts(w.db), login_attempts: 0 }).toEqual({ ...before, login_attempts: 0 });
    expect(zoneQty('640121', batch.id, 'nonconforming')).toBe(10);

    // A witness from the depot above may come and sign.
    expect((await dispose([me, { username: '6401-leader', password: PASSWORD }])).body.status).toBe('disposed');
    expect((await dispose([me, { username: '6401-leader', password: PASSWORD }])).body.code).toBe('already_disposed');
  });

  it('returns goods that never entered stock to the maker instead of destroying them', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0101', lot: 'NEVER-IN', unitPriceFen: 100 });
    givenStock(w, '640121', batch.id, 8, 'nonconforming');
    const id = (await request({ lines: [{ batchId: batch.id, quantity: 8, kind: 'expired' }] })).body.id;
    await (await as('6401-leader')).post(`/api/write-offs/${id}/decision`, { decision: 'approved' });
    const res = await (await as('640121-storekeeper')).post(`/api/write-offs/${id}/disposal`, { method: 'return_to_maker', detail: '原货退回上海新华联' });
    expect(res.body).toMatchObject({ status: 'disposed', disposal: { method: 'return_to_maker', witnesses: [] } });
    expect(w.db.$client.prepare('select kind from postings where id = ?').pluck().get(res.body.disposal.postingId)).toBe('return_to_supplier');
    expect(zoneQty('640121', batch.id, 'nonconforming')).toBe(0);
  });

  it('may be withdrawn before it is approved, freeing the stock it claimed', async () => {
    const { batch, inspectionId } = await defectiveStock();
    const id = (await request({ inspectionId, lines: [{ batchId: batch.id, quantity: 10, kind: 'visible_defect' }] })).body.id;
    expect((await (await as('640121-inspector')).post(`/api/write-offs/${id}/withdraw`)).body.status).toBe('withdrawn');
    expect((await request({ inspectionId, lines: [{ batchId: batch.id, quantity: 10, kind: 'visible_defect' }] })).status).toBe(201);
    expect((await (await as('640121-inspector')).post(`/api/write-offs/${id}/withdraw`)).body.code).toBe('write_off_not_pending');
  });
});
