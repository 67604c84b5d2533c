import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import ExcelJS from 'exceljs';
import { makeWorld, expectLedgerConsistent, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';

let w: World;
const users: Record<string, Client> = {};
const as = async (username: string) => (users[username] ??= await loginAs(w, username));
const id = (code: string) => w.depot(code).id;
beforeEach(async () => {
  for (const k of Object.keys(users)) delete users[k];
  w = await makeWorld({ now: '2026-05-12T03:00:00Z' });
});
afterEach(() => expectLedgerConsistent(w.db));

async function download(c: Client, path: string) {
  const res = await w.app.request(path, { headers: { cookie: c.cookie } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A township holding pills and condoms; its village dispenses; the township dispenses too. */
async function history() {
  const pills = buildBatch(w, { productCode: 'KJ-0101', lot: 'U-PILL', expiresOn: '2028-12-31', unitPriceFen: 95 });
  const condoms = buildBatch(w, { productCode: 'KJ-0701', lot: 'U-CON', expiresOn: '2029-06-30', unitPriceFen: 150 });
  givenStock(w, '640121100', pills.id, 300);
  givenStock(w, '640121100', condoms.id, 200);
  givenStock(w, '640121100200', pills.id, 40);
  const dispense = async (depot: string, batchId: number, quantity: number) => {
    const res = await (await as(`${depot}-dispenser`)).post('/api/dispensings', { depotId: id(depot), raw: `FP1:B:${batchId}`, quantity, packIntact: true, expiryChecked: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  await dispense('640121100', pills.id, 25);
  await dispense('640121100', condoms.id, 12);
  await dispense('640121100200', pills.id, 7);
  return { pills, condoms };
}

describe('usage statistics and users by method, rolled up', () => {
  it('counts dispensing here and in the area, and the townships’ users per depot below', async () => {
    await history();
    const township = await as('640121100-planner');
    expect((await township.post(`/api/depots/${id('640121100')}/usage-figures`, { year: 2026, half: 1, figures: [{ method: 'oral', users: 120 }, { method: 'condom', users: 45 }] })).status).toBe(200);
    const other = await as('640121101-planner');
    expect((await other.post(`/api/depots/${id('640121101')}/usage-figures`, { year: 2026, half: 1, figures: [{ method: 'oral', users: 30 }] })).status).toBe(200);

    const county = await as('640121-leader');
    const usage = (await county.get(`/api/reports/usage?depotId=${id('640121')}&year=2026&period=h1`)).body;
    expect(usage.title.zh).toBe('计划生育药具使用情况统计表');
    expect(usage.period.label.zh).toBe('2026年上半年');
    const pill = usage.rows.find((r: any) => r.code === 'KJ-0101');
    expect(pill).toMatchObject({ method: '口服避孕药', methodEn: 'Oral pills', ownDispensed: 0, dispensed: 32, dispensedValueFen: 32 * 95, issued: 0 });
    expect(usage.rows.find((r: any) => r.code === 'KJ-0701')).toMatchObject({ dispensed: 12, dispensedValueFen: 1800 });
    const here = (await county.get(`/api/reports/usage?depotId=${id('640121100')}&year=2026&period=h1`)).body;
    expect(here.rows.find((r: any) => r.code === 'KJ-0101')).toMatchObject({ ownDispensed: 25, dispensed: 32 });
    // nothing in the second half
    expect((await county.get(`/api/reports/usage?depotId=${id('640121')}&year=2026&period=h2`)).body.rows).toEqual([]);

    const users = (await county.get(`/api/reports/users?depotId=${id('640121')}&year=2026&period=h1`)).body;
    expect(users.rows).toEqual([
      expect.objectContaining({ unitCode: '640121100', oral: 120, condom: 45, iud: 0, total: 165 }),
      expect.objectContaining({ unitCode: '640121101', oral: 30, condom: 0, total: 30 }),
    ]);
    expect(users.totals).toMatchObject({ unit: '合计', unitEn: 'Total', oral: 150, condom: 45, total: 195 });
    const city = (await (await as('6401-leader')).get(`/api/reports/users?depotId=${id('6401')}&year=2026&period=h1`)).body;
    expect(city.rows).toEqual([expect.objectContaining({ unitCode: '640121', oral: 150, condom: 45, total: 195 })]);
    // a year reads the second half: not recorded yet
    const year = (await county.get(`/api/reports/users?depotId=${id('640121')}&year=2026`)).body;
    expect(year.totals.total).toBe(0);
    expect(year.notes.map((n: any) => n.zh)).toContain('本期无登记人数。');
  });
});

describe('exports', () => {
  it('the 购调存 XLSX read back holds the same figures as the JSON, in the form’s layout', async () => {
    await history();
    const county = await as('640121-finance');
    const path = `/api/reports/pts?depotId=${id('640121100')}&year=2026&scope=summary`;
    const json = (await county.get(path)).body;
    const file = await download(county, `${path}&format=xlsx`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(file.disposition!.split("filename*=UTF-8''")[1])).toBe('640121100 乡级计划生育药具购调存数量汇总表 2026年度.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    expect(ws.getCell('A1').value).toBe('乡级计划生育药具购调存数量汇总表');
    expect(String(ws.getRow(2).getCell(1).value)).toContain('640121100');
    // header: row 3 groups, row 4 sub-headers
    const headerCol = (text: string, row = 3) => ws.getRow(row).values.toString().split(',').indexOf(text);
    expect(headerCol('期初库存')).toBeGreaterThan(0);
    expect(headerCol('期末库存')).toBeGreaterThan(0);
    const closingCol = headerCol('期末库存');
    const col = (key: string) => json.columns.findIndex((c: any) => c.key === key) + 1;
    expect(closingCol).toBe(col('closing'));
    expect(ws.getRow(4).getCell(col('closing')).value).toBe('数量');
    // the data rows, in order, then 合计
    json.rows.forEach((r: any, i: number) => {
      const row = ws.getRow(5 + i);
      expect(row.getCell(col('code')).value).toBe(r.code);
      expect(row.getCell(col('dispensed')).value).toBe(r.dispensed);
      expect(row.getCell(col('closing')).value).toBe(r.closing);
      expect(row.getCell(col('closingValueFen')).value).toBeCloseTo(r.closingValueFen / 100, 2);
      expect(row.getCell(col('closingValueFen')).numFmt).toBe('#,##0.00');
    });
    const pills = json.rows.find((r: any) => r.code === 'KJ-0101');
    expect(pills).toMatchObject({ openingEntries: 340, dispensed: 32, closing: 308, closingValueFen: 308 * 95 });
    // Blisters and boxes: a 合计 row per unit, then 合计 with the values alone (quantities of two units make no sum).
    expect(json.unitTotals.map((t: any) => [t.product, t.unit, t.closing])).toEqual([
      ['合计（板）', '板', 308],
      ['合计（盒）', '盒', 188],
    ]);
    json.unitTotals.forEach((t: any, i: number) => {
      const row = ws.getRow(5 + json.rows.length + i);
      expect(row.getCell(col('product')).value).toBe(t.product);
      expect(row.getCell(col('unit')).value).toBe(t.unit);
      expect(row.getCell(col('closing')).value).toBe(t.closing);
      expect(row.getCell(col('closingValueFen')).value).toBeCloseTo(t.closingValueFen / 100, 2);
    });
    const total = ws.getRow(5 + json.rows.length + json.unitTotals.length);
    expect(total.getCell(col('product')).value).toBe('合计');
    expect(json.totals.closing).toBeNull();
    expect(total.getCell(col('closing')).value).toBeNull();
    expect(total.getCell(col('closingValueFen')).value).toBeCloseTo(json.totals.closingValueFen / 100, 2);

    // English: English headers and product names
    const en = await download(county, `${path}&format=xlsx&lang=en`);
    const bookEn = new ExcelJS.Workbook();
    await bookEn.xlsx.load(en.bytes as unknown as ArrayBuffer);
    const wsEn = bookEn.worksheets[0];
    expect(wsEn.getCell('A1').value).toBe('Township purchase–transfer–stock summary (own level and all below)');
    expect(wsEn.getRow(5).getCell(col('product')).value).toBe('Compound Norethisterone Tablets (Oral Contraceptive No. 1)');
    expect(wsEn.getRow(5 + json.rows.length).getCell(col('product')).value).toBe('Total (blister)');
    expect(wsEn.getRow(5 + json.rows.length + 2).getCell(col('product')).value).toBe('Total');

    // CSV: BOM, grouped headers, figures
    const csv = await download(county, `${path}&format=csv`);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('期末库存-数量');
    expect(text).toContain(`KJ-0101,复方炔诺酮片`);
    const lines = text.split('\r\n');
    expect(lines.findIndex((l) => l.startsWith(',合计（板）,'))).toBe(lines.findIndex((l) => l.startsWith(',合计（盒）,')) - 1);
    expect(lines.find((l) => l.startsWith(',合计,'))).toBeDefined();
  });

  it('the ledgers’ exports are refused outside the reader’s scope and for an unknown report, changing nothing', async () => {
    const township = await as('640121100-finance');
    const above = await download(township, `/api/reports/general-ledger?depotId=${id('640121')}&format=xlsx`);
    expect(above.status).toBe(403);
    expect(JSON.parse(above.bytes.toString()).code).toBe('out_of_scope');
    const unknown = await download(township, `/api/reports/nope?depotId=${id('640121100')}&format=csv`);
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain('application/problem+json');
  });
});

describe('bad report queries', () => {
  it('never answer 500, for every report in the catalogue, with any query', async () => {
    const fc = (await import('fast-check')).default;
    await history();
    const c = await as('640121-leader');
    const reports: string[] = (await c.get('/api/reports')).body.reports.map((r: { id: string }) => r.id);
    const value = fc.oneof(fc.constantFrom('', '0', '-1', '2026', '1999', '2101', '13', '1.5', 'abc', 'own', 'summary', 'h1', 'q4', 'month', 'xlsx', 'csv', 'en', '%00', '9'.repeat(30)), fc.string({ maxLength: 8 }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...reports, 'nope'),
        fc.constantFrom(String(id('640121')), String(id('640121100200')), String(id('6402')), '0', '999999', 'x'),
        fc.dictionary(fc.constantFrom('year', 'period', 'month', 'scope', 'format', 'lang'), value, { maxKeys: 4 }),
        async (report, depotId, query) => {
          const search = new URLSearchParams({ depotId, ...query }).toString();
          const res = await w.app.request(`/api/reports/${report}?${search}`, { headers: { cookie: c.cookie } });
          expect(res.status, `${report}?${search}: ${await res.clone().text()}`).toBeLessThan(500);
          if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
        },
      ),
      { numRuns: Number(process.env.FP_RUNS ?? 150) },
    );
  }, 120_000);
});
