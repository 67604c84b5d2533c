import { describe, it, expect, beforeEach } from 'vitest';
import { makeWorld, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch } from '../helpers/factories.ts';
import { decodePng } from '../helpers/decode.ts';
import { parseScan } from '../../labels/gs1.ts';
import { pngDots } from '../labels/measure.ts';

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

  it('refuses unknown ids, other depots and unknown sizes or printers, with a problem and a code', async () => {
    const long = buildBatch(w, { productCode: 'KJ-0101', lot: 'L'.repeat(24) });
    const cases: [string, number, string][] = [
      [`/api/labels/batches/999999`, 404, 'batch_not_found'],
      [`/api/labels/batches/${long.id}?dpi=150`, 422, 'validation_failed'],
      [`/api/labels/batches/${long.id}?format=gif`, 422, 'validation_failed'],
      [`/api/labels/sheet?items=batch:${long.id}&dpi=1200`, 422, 'validation_failed'],
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
  });
});

const get = (path: string) => w.app.request(path, { headers: { cookie: keeper.cookie } });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const mediaBoxesMm = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Math.round((Number(m[1]) / 72) * 25.4), Math.round((Number(m[2]) / 72) * 25.4)]);

describe('any lot the API accepts gets a label (PNG, PDF, sheet), its lot in words', () => {
  // Brackets that a bracketed GS1 string would read as AIs, GS1 signs, the longest lot, and lots
  // GS1 (10) cannot carry at all (a space, Chinese): these travel on the internal batch label.
  const LOTS = ['A(1)B', 'X)Y', 'LOT/%&', 'ABCDEFGHIJKLMNOPQRST', '(10)99', 'LOT 7', '批号一'];
  const gs1Lot = (lot: string) => /^[!-~]+$/.test(lot) && !lot.includes(' ');

  it('receives each lot by typed entry, then prints it as SVG, PNG and PDF, for a product with a GTIN and one without', async () => {
    const receipt = (await keeper.post('/api/receipts', { depotId: w.depot('640121').id, supplierName: '浙江仙琚制药股份有限公司', deliveryNote: 'LOTS-1' })).body;
    const batches: { id: number; lot: string; gtin: boolean }[] = [];
    for (const [code, gtin] of [['KJ-0101', true], ['KJ-0701', false]] as const) {
      for (const lot of LOTS) {
        const res = await keeper.post(`/api/receipts/${receipt.id}/scans`, { productId: productId(code), lot, expiresOn: '2028-06-30', quantity: 10 });
        expect([res.status, res.body.outcome?.lot], lot).toEqual([200, lot]);
        batches.push({ id: res.body.outcome.batchId, lot, gtin });
      }
    }
    for (const b of batches) {
      const where = `${b.gtin ? 'GTIN' : 'no GTIN'} lot ${b.lot}`;
      const svg = await get(`/api/labels/batches/${b.id}`);
      expect(svg.status, where).toBe(200);
      expect(await svg.text(), where).toContain(`批号 ${b.lot.replaceAll('&', '&amp;')}`);

      const png = await get(`/api/labels/batches/${b.id}?format=png`);
      expect([png.status, png.headers.get('content-type')], where).toEqual([200, 'image/png']);
      const [read, ...more] = await decodePng(await bytes(png));
      expect(more, where).toEqual([]);
      const scan = parseScan(read!.symbologyIdentifier + read!.text);
      if (b.gtin && gs1Lot(b.lot)) expect(scan, where).toMatchObject({ kind: 'gs1', gtin: '06901234567892', lot: b.lot, expiry: '2028-06-30' });
      else expect(scan, where).toMatchObject({ kind: 'batch', batchId: b.id });

      const pdf = await get(`/api/labels/batches/${b.id}?format=pdf&size=70x37`);
      expect([pdf.status, pdf.headers.get('content-type')], where).toEqual([200, 'application/pdf']);
      expect(mediaBoxesMm(await bytes(pdf)), where).toEqual([[70, 37]]);
    }
    const items = batches.map((b) => `batch:${b.id}`).join(',');
    const html = await get(`/api/labels/sheet?layout=a4-3x8&items=${items}`);
    expect(html.status).toBe(200);
    const text = await html.text();
    expect(text).toContain(`data-labels="${batches.length}" data-pages="1" data-problems="0"`);
    const sheetPdf = await get(`/api/labels/sheet?layout=thermal-50x30&format=pdf&items=${items}`);
    expect(sheetPdf.status).toBe(200);
    expect(mediaBoxesMm(await bytes(sheetPdf))).toHaveLength(batches.length);
  });

  it('refuses a label no barcode can carry with 422 label_unencodable (problem+json), and a sheet prints the others with that cell marked', async () => {
    const good = buildBatch(w, { productCode: 'KJ-0701', lot: 'GOOD-1' });
    const bad = buildBatch(w, { productCode: 'KJ-0101', lot: 'BAD-1' });
    // A catalogue row from before GTINs were checked: the last digit is not the check digit.
    w.db.$client.prepare("update products set gtin = '06901234567893' where code = 'KJ-0101'").run();
    for (const format of ['svg', 'png', 'pdf']) {
      const res = await keeper.raw(`/api/labels/batches/${bad.id}?format=${format}`, { method: 'GET' });
      expect([res.status, res.body.code], format).toEqual([422, 'label_unencodable']);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toContain('check digit');
    }
    const items = `batch:${good.id},batch:${bad.id},zone:${w.depot('640121').id}:pending`;
    const html = await get(`/api/labels/sheet?layout=a4-3x8&items=${items}`);
    expect(html.status).toBe(200);
    const text = await html.text();
    expect(text).toContain('data-labels="3" data-pages="1" data-problems="1"');
    expect(text.match(/<div class="label"/g)).toHaveLength(2);
    const cell = /<div class="label label-problem"[^>]*>([\s\S]*?)<\/div>/.exec(text)![1]!;
    for (const words of ['无法打印此标签', 'GTIN校验位错误', '批号 BAD-1']) expect(cell).toContain(words);
    const pdf = await get(`/api/labels/sheet?layout=thermal-50x30&format=pdf&items=${items}`);
    expect(pdf.status).toBe(200);
    expect(mediaBoxesMm(await bytes(pdf))).toEqual([[50, 30], [50, 30], [50, 30]]);
  });
});

describe('printer profiles: barcodes in whole dots of the printer', () => {
  it('draws the 100×50 mm zone label’s Code 128 at 2 dots a module for 203 dpi (0.25 mm) and 3 for 300, and the PNG states its dpi', async () => {
    const zone = `/api/labels/zones/${w.depot('640121').id}/qualified?size=100x50`;
    expect(await (await get(zone)).text()).toContain('data-module-mm="0.2502"');
    expect(await (await get(`${zone}&dpi=300`)).text()).toContain('data-module-mm="0.254"');
    for (const dpi of [203, 300, 600]) {
      const png = await bytes(await get(`${zone}&format=png&dpi=${dpi}`));
      expect(pngDots(png).dpi).toBe(dpi);
      const [read] = await decodePng(png);
      expect([read!.format, read!.text]).toEqual(['Code128', 'FP1:Z:640121:qualified']);
    }
  });

  it('gives the 50×30 mm zone label, where Code 128 at 0.25 mm does not fit, a DataMatrix the zone move reads alike', async () => {
    const png = await bytes(await get(`/api/labels/zones/${w.depot('640121').id}/pending?format=png`));
    const [read] = await decodePng(png);
    expect(read!.format).toBe('DataMatrix');
    expect(parseScan(read!.text)).toMatchObject({ kind: 'zone', depotCode: '640121', zone: 'pending' });
  });

  it('lays a sheet out for its layout’s printer unless the request names another', async () => {
    const items = `zone:${w.depot('640121').id}:qualified`;
    expect(await (await get(`/api/labels/sheet?layout=thermal-50x30&items=${items}`)).text()).toContain('data-dpi="203"');
    expect(await (await get(`/api/labels/sheet?layout=a4-3x8&items=${items}`)).text()).toContain('data-dpi="300"');
    expect(await (await get(`/api/labels/sheet?layout=a4-3x8&dpi=600&items=${items}`)).text()).toContain('data-dpi="600"');
  });
});
