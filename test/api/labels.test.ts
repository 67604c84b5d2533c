import { describe, it, expect, beforeEach } from 'vitest';
import { makeWorld, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch } from '../helpers/factories.ts';
import { decodePng } from '../helpers/decode.ts';
import { parseScan } from '../../labels/gs1.ts';

let w: World;
let keeper: Client;
beforeEach(async () => {
  w = await makeWorld();
  keeper = await loginAs(w, '640121-storekeeper');
});

const raw = (c: Client, path: string) => c.raw(path, { method: 'GET' });

describe('label images (SVG and PNG) for batches, zones and documents', () => {
  it('gives a batch label as SVG in millimetres with the depot, and its GS1 DataMatrix as a PNG that decodes to the batch', async () => {
    const b = buildBatch(w, { productCode: 'KJ-0101', lot: 'LBL-1', expiresOn: '2028-01-15' });
    const svg = await w.app.request(`/api/labels/batches/${b.id}?size=100x50`, { headers: { cookie: keeper.cookie } });
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const text = await svg.text();
    expect(text).toContain('width="100mm" height="50mm"');
    expect(text).toContain('永宁县');
    const png = await w.app.request(`/api/labels/batches/${b.id}?format=png`, { headers: { cookie: keeper.cookie } });
    expect(png.headers.get('content-type')).toBe('image/png');
    const [read] = await decodePng(new Uint8Array(await png.arrayBuffer()));
    expect(parseScan(read!.symbologyIdentifier + read!.text)).toMatchObject({ kind: 'gs1', gtin: '06901234567892', lot: 'LBL-1', expiry: '2028-01-15' });
  });

  it('labels a zone and a receipt with internal codes the scan field reads', async () => {
    const zone = await w.app.request(`/api/labels/zones/${w.depot('640121').id}/pending?format=png`, { headers: { cookie: keeper.cookie } });
    const [z] = await decodePng(new Uint8Array(await zone.arrayBuffer()));
    expect(parseScan(z!.text)).toMatchObject({ kind: 'zone', depotCode: '640121', zone: 'pending' });
    const receipt = (await keeper.post('/api/receipts', { depotId: w.depot('640121').id, supplierName: 's', deliveryNote: 'n' })).body;
    const doc = await w.app.request(`/api/labels/documents/receipt/${receipt.id}?format=png`, { headers: { cookie: keeper.cookie } });
    const [d] = await decodePng(new Uint8Array(await doc.arrayBuffer()));
    expect(parseScan(d!.text)).toMatchObject({ kind: 'document', documentType: 'receipt', id: receipt.id });
  });

  it('refuses unknown ids, other depots, and lots no GS1 barcode can carry, with a problem and a code', async () => {
    const long = buildBatch(w, { productCode: 'KJ-0101', lot: 'L'.repeat(24) });
    const cases: [string, number, string][] = [
      [`/api/labels/batches/999999`, 404, 'batch_not_found'],
      [`/api/labels/batches/${long.id}`, 422, 'lot_too_long'],
      [`/api/labels/zones/999999/qualified`, 404, 'depot_not_found'],
      [`/api/labels/zones/${w.depot('6401').id}/qualified`, 403, 'out_of_scope'],
      [`/api/labels/zones/${w.depot('640121').id}/attic`, 422, 'validation_failed'],
      [`/api/labels/documents/receipt/999999`, 404, 'receipt_not_found'],
      [`/api/labels/documents/transfer_order/999999`, 404, 'transfer_order_not_found'],
      [`/api/labels/batches/${long.id}?size=1x1`, 422, 'validation_failed'],
      [`/api/labels/sheet?items=batch:999999`, 404, 'batch_not_found'],
      [`/api/labels/sheet?items=shelf:1`, 422, 'validation_failed'],
      [`/api/labels/sheet?items=batch:1*2001`, 422, 'validation_failed'],
      [`/api/labels/sheet?layout=a5&items=batch:1`, 422, 'validation_failed'],
    ];
    for (const [path, status, code] of cases) {
      const res = await raw(keeper, path);
      expect([res.status, res.body.code], path).toEqual([status, code]);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('label sheets', () => {
  it('prints one label per copy on pages of the chosen layout, at its exact page size', async () => {
    const a = buildBatch(w, { productCode: 'KJ-0101', lot: 'S-A' });
    const b = buildBatch(w, { productCode: 'KJ-0701', lot: 'S-B' });
    const res = await w.app.request(`/api/labels/sheet?layout=a4-3x8&items=batch:${a.id}*20,batch:${b.id}*5,zone:${w.depot('640121').id}:qualified`, { headers: { cookie: keeper.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('@page { size: 210mm 297mm; margin: 0; }');
    expect(html).toContain('data-labels="26" data-pages="2"');
    expect(html.match(/<div class="label"/g)).toHaveLength(26);
    const thermal = await (await w.app.request(`/api/labels/sheet?layout=thermal-50x30&items=batch:${a.id}*3`, { headers: { cookie: keeper.cookie } })).text();
    expect(thermal).toContain('@page { size: 50mm 30mm; margin: 0; }');
    expect(thermal).toContain('data-pages="3"');
  });

  it('downloads the sheet as a PDF at the page size of its layout, with a Chinese font embedded', async () => {
    const a = buildBatch(w, { productCode: 'KJ-0101', lot: 'PDF-A' });
    const res = await w.app.request(`/api/labels/sheet?layout=thermal-100x50&format=pdf&items=batch:${a.id}*2,zone:${w.depot('640121').id}:pending`, { headers: { cookie: keeper.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('labels-thermal-100x50.pdf');
    const pdf = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round((Number(m[1]) / 72) * 25.4), Math.round((Number(m[2]) / 72) * 25.4)]);
    expect(boxes).toEqual([[100, 50], [100, 50], [100, 50]]);
    expect(pdf).toContain('NotoSansSC');
    const long = buildBatch(w, { productCode: 'KJ-0101', lot: 'P'.repeat(25) });
    const refused = await keeper.raw(`/api/labels/sheet?format=pdf&items=batch:${long.id}`, { method: 'GET' });
    expect([refused.status, refused.body.code]).toEqual([422, 'lot_too_long']);
  });
});
