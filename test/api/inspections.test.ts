import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { CHECKLISTS } from '../../server/domain/inspection.ts';

let w: World;
let keeper: Client;
let inspector: Client;
let depotId: number;
beforeEach(async () => {
  w = await makeWorld();
  keeper = await loginAs(w, '640121-storekeeper');
  inspector = await loginAs(w, '640121-inspector');
  depotId = w.depot('640121').id;
});
afterEach(() => expectLedgerConsistent(w.db));

const allYes = (form: keyof typeof CHECKLISTS) => Object.fromEntries(CHECKLISTS[form].map((k) => [k, true]));

/** A counted receipt of `quantity` units of a fresh lot of oral tablets (KJ-0101). */
async function countedReceipt(quantity: number, lot = 'R1', expiry = '280131') {
  const r = (await keeper.post('/api/receipts', { depotId, supplierName: '上海新华联制药有限公司', deliveryNote: 'DN-1' })).body;
  await keeper.post(`/api/receipts/${r.id}/scans`, { raw: `]d2010690123456789217${expiry}10${lot}`, quantity });
  const counted = (await keeper.post(`/api/receipts/${r.id}/count`)).body;
  return { receiptId: r.id as number, batchId: counted.lines[0].batchId as number };
}

const zones = async () =>
  Object.fromEntries(((await keeper.get(`/api/stock?depotId=${depotId}`)).body.items as any[]).map((i) => [i.location, i.quantity]));

describe('goods-in inspection (S0:387, 396: appearance check on receipt)', () => {
  it('moves passed goods to the qualified zone and failed goods to the non-conforming zone, one posting each', async () => {
    const { receiptId, batchId } = await countedReceipt(100);
    expect(await zones()).toEqual({ pending: 100 });
    const res = await inspector.post('/api/inspections', {
      depotId,
      batchId,
      kind: 'receipt',
      receiptId,
      checklist: { ...allYes('oral_tablet'), blister_sealed: false },
      passedQuantity: 90,
      failedQuantity: 10,
      nonconformities: ['inner_pack_broken'],
    });
    expect(res.status).toBe(201);
    // A batch that never stood in stock: its failed goods go back to the maker, reported (county).
    expect(res.body.supplierReturns).toHaveLength(1);
    expect(res.body.supplierReturns[0].quantity).toBe(10);
    expect(res.body.qualityProblemReports).toHaveLength(1);
    expect(await zones()).toEqual({ qualified: 90 });
    const card = await keeper.get(`/api/stock/card?depotId=${depotId}&batchId=${batchId}`);
    expect(card.body.items.map((l: any) => [l.kind, l.location, l.quantity])).toEqual([
      ['receipt', 'pending', 100],
      ['inspection', 'pending', -90],
      ['inspection', 'qualified', 90],
      ['inspection', 'pending', -10],
      ['inspection', 'nonconforming', 10],
      ['return_to_supplier', 'nonconforming', -10],
    ]);
  });

  it('keeps failed goods of a batch already in stock in the red zone (no return to the maker)', async () => {
    const known = buildBatch(w, { productCode: 'KJ-0101', lot: 'KNOWN', expiresOn: '2028-01-31' });
    givenStock(w, '640121', known.id, 5);
    const { receiptId, batchId } = await countedReceipt(20, 'KNOWN', '280131');
    expect(batchId).toBe(known.id);
    const res = await inspector.post('/api/inspections', { depotId, batchId, kind: 'receipt', receiptId, checklist: allYes('oral_tablet'), passedQuantity: 18, failedQuantity: 2, nonconformities: ['visible_defect'] });
    expect(res.body.supplierReturns).toEqual([]);
    expect(await zones()).toEqual({ qualified: 23, nonconforming: 2 });
  });

  it('never lets expired goods reach the qualified zone (422 batch_expired)', async () => {
    const batch = buildBatch(w, { lot: 'EXP', expiresOn: '2026-12-31' });
    givenStock(w, '640121', batch.id, 10);
    w.clock.set('2027-01-05T08:00:00Z');
    const late = await loginAs(w, '640121-inspector');
    const before = snapshotCounts(w.db);
    const res = await late.post('/api/inspections', { depotId, batchId: batch.id, kind: 'storage', checklist: allYes('oral_tablet'), passedQuantity: 10, failedQuantity: 0 });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('batch_expired');
    expect(snapshotCounts(w.db)).toEqual(before);
    const failed = await late.post('/api/inspections', { depotId, batchId: batch.id, kind: 'storage', checklist: allYes('oral_tablet'), passedQuantity: 0, failedQuantity: 10, nonconformities: ['expired'] });
    expect(failed.status).toBe(201);
  });

  it('asks for the dosage form’s whole checklist and a reason for every failure (422 with field errors)', async () => {
    const { receiptId, batchId } = await countedReceipt(10);
    const res = await inspector.post('/api/inspections', { depotId, batchId, kind: 'receipt', receiptId, checklist: { outer_pack_intact: true, foil_sealed: true }, passedQuantity: 5, failedQuantity: 5 });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['checklist.markings_complete', 'checklist.foil_sealed', 'nonconformities']));
  });

  it('refuses inspecting more than is pending (409 insufficient_stock), an open receipt, and non-inspectors', async () => {
    const { receiptId, batchId } = await countedReceipt(10);
    const over = await inspector.post('/api/inspections', { depotId, batchId, kind: 'receipt', receiptId, checklist: allYes('oral_tablet'), passedQuantity: 11, failedQuantity: 0 });
    expect(over.body.code).toBe('insufficient_stock');
    const open = (await keeper.post('/api/receipts', { depotId, supplierName: 's', deliveryNote: 'n' })).body;
    const early = await inspector.post('/api/inspections', { depotId, batchId, kind: 'receipt', receiptId: open.id, checklist: allYes('oral_tablet'), passedQuantity: 1, failedQuantity: 0 });
    expect(early.body.code).toBe('receipt_not_counted');
    const byKeeper = await keeper.post('/api/inspections', { depotId, batchId, kind: 'receipt', receiptId, checklist: allYes('oral_tablet'), passedQuantity: 1, failedQuantity: 0 });
    expect(byKeeper.body.code).toBe('role_required');
  });

  it('notifies the leader of a suspected quality change', async () => {
    const { receiptId, batchId } = await countedReceipt(10);
    await inspector.post('/api/inspections', { depotId, batchId, kind: 'receipt', receiptId, checklist: allYes('oral_tablet'), passedQuantity: 10, failedQuantity: 0, suspectedQualityChange: true });
    const leader = await loginAs(w, '640121-leader');
    const notes = await leader.get('/api/notifications');
    expect(notes.body.items.map((n: any) => n.kind)).toEqual(['suspected_quality_change']);
    expect((await keeper.get('/api/notifications')).body.items).toEqual([]);
  });
});

describe('tiers that check at dispensing instead (S0:398)', () => {
  it('puts a township’s counted receipt straight into the qualified zone', async () => {
    const township = await loginAs(w, '640121100-storekeeper');
    const id = w.depot('640121100').id;
    const r = (await township.post('/api/receipts', { depotId: id, supplierName: '永宁县药具站', deliveryNote: 'T-1' })).body;
    await township.post(`/api/receipts/${r.id}/scans`, { raw: ']d201069012345678921728011510X9', quantity: 12 });
    await township.post(`/api/receipts/${r.id}/count`);
    const stock = await township.get(`/api/stock?depotId=${id}`);
    expect(stock.body.items.map((i: any) => [i.location, i.quantity])).toEqual([['qualified', 12]]);
  });
});
