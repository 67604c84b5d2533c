import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch } from '../helpers/factories.ts';

const GS = '\u001d';
let w: World;
let keeper: Client;
let depotId: number;
beforeEach(async () => {
  w = await makeWorld();
  keeper = await loginAs(w, '640121-storekeeper');
  depotId = w.depot('640121').id;
});
afterEach(() => expectLedgerConsistent(w.db));

const open = async (over: Record<string, unknown> = {}) => {
  const res = await keeper.post('/api/receipts', { depotId, supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'SH-2026-1101', ...over });
  expect(res.status).toBe(201);
  return res.body as { id: number; number: string };
};
const scan = (id: number, body: Record<string, unknown>) => keeper.post(`/api/receipts/${id}/scans`, body);
const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;

describe('receiving by scan (S0:356: product, quantity and lot checked on arrival)', () => {
  it('opens a numbered receipt at the storekeeper’s depot, dated the day of arrival', async () => {
    const r = await open();
    expect(r.number).toBe('RK-640121-0001');
    expect(r).toMatchObject({ status: 'open', arrivedOn: '2026-11-22' });
  });

  it('adds a line per product and lot from GS1 scans, with running totals and AI (30) counts', async () => {
    const r = await open();
    expect((await scan(r.id, { raw: ']d201069012345678921728011510X9' })).status).toBe(200);
    await scan(r.id, { raw: ']d201069012345678921728011510X9' });
    const third = await scan(r.id, { raw: '(01)06901234567892(17)280115(10)X9', quantity: 10 });
    expect(third.body.outcome).toMatchObject({ kind: 'line', lot: 'X9', expiresOn: '2028-01-15', quantity: 10 });
    expect(third.body.receipt.lines.map((l: any) => [l.productCode, l.lot, l.quantity, l.scans])).toEqual([['KJ-0101', 'X9', 12, 3]]);
    expect(third.body.receipt.totals.quantity).toBe(12);
  });

  it('combines a GTIN barcode and a lot barcode of one carton into one line', async () => {
    const r = await open();
    const first = await scan(r.id, { raw: ']d20106901234567892' });
    expect(first.body.outcome).toEqual({ kind: 'awaiting', carton: { productId: productId('KJ-0101') } });
    expect(first.body.receipt.lines).toEqual([]);
    const second = await scan(r.id, { raw: ']d21727053110SPLIT1' });
    expect(second.body.receipt.lines.map((l: any) => [l.productCode, l.lot, l.expiresOn, l.quantity])).toEqual([['KJ-0101', 'SPLIT1', '2027-05-31', 1]]);
    // And the other way round: lot first, then GTIN.
    await scan(r.id, { raw: `]d21728093010LOT-B${GS}` });
    const gtin = await scan(r.id, { raw: '0109506000134352' });
    expect(gtin.body.receipt.lines.map((l: any) => l.lot)).toEqual(['SPLIT1', 'LOT-B']);
  });

  it('keeps a known lot’s expiry when the scan has none, and allows manual entry', async () => {
    buildBatch(w, { productCode: 'KJ-0701', lot: '20240815', expiresOn: '2027-12-27' });
    const r = await open();
    const res = await scan(r.id, { productId: productId('KJ-0701'), lot: '20240815', quantity: 40 });
    expect(res.body.outcome).toMatchObject({ kind: 'line', expiresOn: '2027-12-27', quantity: 40 });
  });

  it('refuses unknown GTINs, bad check digits, malformed barcodes, new lots without expiry and expired goods; nothing is recorded', async () => {
    const r = await open();
    const before = snapshotCounts(w.db);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ raw: ']d20104012345678901' }, 404, 'unknown_gtin'],
      [{ raw: ']d20106901234567891' }, 422, 'invalid_check_digit'],
      [{ raw: ']d2010690123456789217271310X' }, 422, 'invalid_barcode'],
      [{ productId: productId('KJ-0101'), lot: 'NEWLOT' }, 422, 'expiry_required'],
      [{ raw: ']d2010690123456789217260630' + '10OLD1' }, 422, 'batch_expired'],
      [{ raw: 'FP1:Z:640121:qualified' }, 422, 'not_a_batch_label'],
    ];
    for (const [body, status, code] of cases) {
      const res = await scan(r.id, body);
      expect(res.status, code).toBe(status);
      expect(res.body.code).toBe(code);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('shows matched, short, over, unexpected and missing lots against the expected lines', async () => {
    const r = await open({
      expectedLines: [
        { productId: productId('KJ-0101'), lot: 'A1', quantity: 10 },
        { productId: productId('KJ-0103'), lot: 'B1', quantity: 5 },
        { productId: productId('KJ-0701'), quantity: 3 },
        { productId: productId('KJ-0104'), lot: 'C1', quantity: 2 },
      ],
    });
    await scan(r.id, { productId: productId('KJ-0101'), lot: 'A1', expiresOn: '2028-01-31', quantity: 10 });
    await scan(r.id, { productId: productId('KJ-0103'), lot: 'B1', expiresOn: '2028-01-31', quantity: 4 });
    await scan(r.id, { productId: productId('KJ-0701'), lot: 'ANY', expiresOn: '2028-01-31', quantity: 4 });
    const last = await scan(r.id, { productId: productId('KJ-0801'), lot: 'X', expiresOn: '2028-01-31', quantity: 1 });
    expect(last.body.receipt.comparison.map((c: any) => c.status)).toEqual(['matched', 'short', 'over', 'missing', 'unexpected']);
    // Each row names its product and unit, so that "short 1 blister" needs no catalogue (products without a GTIN included).
    expect(last.body.receipt.comparison[1]).toMatchObject({ productNameZh: '复方左炔诺孕酮片', unitZh: '板', unitEn: 'blister', lot: 'B1', expected: 5, counted: 4 });
    expect(last.body.receipt.comparison[2]).toMatchObject({ productNameEn: 'Natural Rubber Latex Condoms (medium, 52 mm)', unitZh: '盒', lot: null, expected: 3, counted: 4 });
  });
});

describe('confirming the count and signing', () => {
  it('puts the count into the pending zone, flags a late count, and takes effect with two different signers', async () => {
    const r = await open({ arrivedOn: '2026-11-21' });
    await scan(r.id, { raw: ']d201069012345678921728011510X9', quantity: 24 });
    const counted = await keeper.post(`/api/receipts/${r.id}/count`);
    expect(counted.status).toBe(200);
    expect(counted.body).toMatchObject({ status: 'counted', countedLate: true });
    const stock = await keeper.get(`/api/stock?depotId=${depotId}`);
    expect(stock.body.items.map((i: any) => [i.lot, i.location, i.quantity])).toEqual([['X9', 'pending', 24]]);
    expect((await scan(r.id, { raw: ']d201069012345678921728011510X9' })).body.code).toBe('receipt_not_open');

    expect((await keeper.post(`/api/receipts/${r.id}/sign`, { role: 'storekeeper' })).body.status).toBe('counted');
    const planner = await loginAs(w, '640121-planner');
    const done = await planner.post(`/api/receipts/${r.id}/sign`, { role: 'planner' });
    expect(done.body.status).toBe('effective');
    expect(done.body.signatures.map((s: any) => s.role)).toEqual(['storekeeper', 'planner']);
    expect((await planner.post(`/api/receipts/${r.id}/sign`, { role: 'planner' })).body.code).toBe('already_signed');
  });

  it('refuses the same person signing twice (409 same_signer), unless configured for a one-person depot, and records it then', async () => {
    await w.addUser('both', '640121', ['planner', 'storekeeper']);
    const both = await loginAs(w, 'both');
    const r = (await both.post('/api/receipts', { depotId, supplierName: 's', deliveryNote: 'n' })).body;
    await both.post(`/api/receipts/${r.id}/scans`, { raw: ']d201069012345678921728011510X9' });
    expect((await both.post(`/api/receipts/${r.id}/sign`, { role: 'planner' })).body.code).toBe('receipt_not_counted');
    await both.post(`/api/receipts/${r.id}/count`);
    expect((await both.post(`/api/receipts/${r.id}/sign`, { role: 'planner' })).status).toBe(200);
    const second = await both.post(`/api/receipts/${r.id}/sign`, { role: 'storekeeper' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('same_signer');

    w.deps.config = { ...w.deps.config, allowSameSigner: true };
    const allowed = await both.post(`/api/receipts/${r.id}/sign`, { role: 'storekeeper' });
    expect(allowed.body.status).toBe('effective');
    expect(allowed.body.signatures.find((s: any) => s.role === 'storekeeper').sameSignerAllowed).toBe(true);
  });

  it('refuses counting an empty receipt, signing without the role, and receipts of other depots', async () => {
    const r = await open();
    expect((await keeper.post(`/api/receipts/${r.id}/count`)).body.code).toBe('empty_document');
    const finance = await loginAs(w, '640121-finance');
    expect((await finance.post(`/api/receipts/${r.id}/sign`, { role: 'planner' })).body.code).toBe('role_required');
    const township = await loginAs(w, '640121100-storekeeper');
    expect((await township.post(`/api/receipts/${r.id}/scans`, { raw: ']d20106901234567892' })).body.code).toBe('out_of_scope');
    expect((await township.get(`/api/receipts/${r.id}`)).body.code).toBe('out_of_scope');
    expect((await keeper.get('/api/receipts/9999')).body.code).toBe('receipt_not_found');
  });
});

describe('registering a product from an unknown GTIN', () => {
  const product = {
    code: 'KJ-0901',
    nameZh: '新型避孕贴',
    nameEn: 'New Contraceptive Patch',
    dosageForm: 'film',
    productClass: 'external',
    specZh: '3片/盒',
    specEn: '3 patches per box',
    unitZh: '盒',
    unitEn: 'box',
    gtin: '04012345678901',
    unitPriceFen: 1200,
  };

  it('lets a region planner register it, after which the scan is received', async () => {
    const r = await open();
    expect((await scan(r.id, { raw: ']d20104012345678901172812311' + '0NEW1' })).body.code).toBe('unknown_gtin');
    const planner = await loginAs(w, '64-planner');
    const res = await planner.post('/api/products', product);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'KJ-0901', gtin: '04012345678901' });
    const again = await scan(r.id, { raw: ']d2010401234567890117281231' + '10NEW1' });
    expect(again.body.receipt.lines.map((l: any) => [l.productCode, l.lot])).toEqual([['KJ-0901', 'NEW1']]);
  });

  it('refuses others, taken codes and GTINs, and bad check digits', async () => {
    const county = await loginAs(w, '640121-planner');
    expect((await county.post('/api/products', product)).body.code).toBe('forbidden');
    expect((await keeper.post('/api/products', product)).body.code).toBe('role_required');
    const planner = await loginAs(w, '64-planner');
    expect((await planner.post('/api/products', { ...product, code: 'KJ-0101' })).body.code).toBe('product_code_taken');
    expect((await planner.post('/api/products', { ...product, gtin: '06901234567892' })).body.code).toBe('gtin_taken');
    expect((await planner.post('/api/products', { ...product, gtin: '04012345678902' })).body.code).toBe('invalid_check_digit');
  });
});
