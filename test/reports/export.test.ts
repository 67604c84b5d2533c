import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { totalRow, type ReportColumn, type ReportSheet } from '../../server/domain/report-sheet.ts';
import { exportFileName, sheetToCsv, sheetToXlsx } from '../../server/services/reports/export.ts';

const OPENING = { zh: '期初库存', en: 'Opening stock' };
const IN = { zh: '本期增加', en: 'Increase' };
const OUT = { zh: '本期减少', en: 'Decrease' };
const CLOSING = { zh: '期末库存', en: 'Closing stock' };
const QTY = { zh: '数量', en: 'Qty' };
const AMOUNT = { zh: '金额', en: 'Amount' };

const stockColumns: ReportColumn[] = [
  { key: 'name', header: { zh: '药具名称', en: 'Product' }, kind: 'text' },
  { key: 'unit', header: { zh: '单位', en: 'Unit' }, kind: 'text' },
  { key: 'openQty', header: QTY, group: OPENING, kind: 'int' },
  { key: 'openAmt', header: AMOUNT, group: OPENING, kind: 'money' },
  { key: 'inQty', header: QTY, group: IN, kind: 'int' },
  { key: 'inAmt', header: AMOUNT, group: IN, kind: 'money' },
  { key: 'outQty', header: QTY, group: OUT, kind: 'int' },
  { key: 'outAmt', header: AMOUNT, group: OUT, kind: 'money' },
  { key: 'closeQty', header: QTY, group: CLOSING, kind: 'int' },
  { key: 'closeAmt', header: AMOUNT, group: CLOSING, kind: 'money' },
  { key: 'adjust', header: { zh: '盘盈亏', en: 'Count difference' }, kind: 'int' },
  { key: 'issueRate', header: { zh: '发放率', en: 'Issue rate' }, kind: 'percent' },
];

const stockRows = [
  // The name carries a comma and quotes, for the CSV quoting.
  { name: '避孕套 52mm, "优质"', unit: '只', openQty: 1200, openAmt: 123450, inQty: 3000, inAmt: 300000, outQty: 2500, outAmt: 250000, closeQty: 1700, closeAmt: 173450, adjust: 0, issueRate: 0.125 },
  { name: '左炔诺孕酮片', unit: '板', openQty: 400, openAmt: 80000, inQty: 0, inAmt: 0, outQty: 150, outAmt: 30000, closeQty: 245, closeAmt: 49000, adjust: -5, issueRate: 0.275 },
  // A name a spreadsheet would run as a formula, and a product new this period (no opening stock).
  { name: '=1+1', unit: '-盒', openQty: null, openAmt: null, inQty: 100, inAmt: 5050, outQty: 0, outAmt: 0, closeQty: 100, closeAmt: 5050, adjust: null, issueRate: null },
];

const stockSheet: ReportSheet = {
  report: 'pts',
  title: { zh: '县级计划生育药具购调存数量统计表', en: 'County contraceptive purchases, transfers and stock' },
  depot: { id: 7, code: '640121', name: '永宁县计划生育药具站', tier: 'county' },
  period: { from: '2026-01', to: '2026-12', label: { zh: '2026年度', en: 'Year 2026' } },
  columns: stockColumns,
  rows: stockRows,
  totals: totalRow(stockColumns, stockRows, 'name'),
  unitTotals: [],
  notes: [
    { zh: '注：金额单位为元，按购入单价计算。', en: 'Note: amounts in yuan at the purchase price.' },
    { zh: '本期减少含发放、调出和报损。', en: 'Decreases include issues, transfers out and write-offs.' },
  ],
  signatures: [
    { zh: '单位负责人', en: 'Head of unit' },
    { zh: '制表人', en: 'Prepared by' },
    { zh: '填报日期', en: 'Date' },
  ],
  generatedAt: '2026-01-15T08:30:00.000Z',
};

const issueColumns: ReportColumn[] = [
  { key: 'name', header: { zh: '药具名称', en: 'Product' }, kind: 'text' },
  { key: 'qty', header: { zh: '发放数量', en: 'Issued' }, kind: 'int' },
  { key: 'amount', header: { zh: '金额', en: 'Amount' }, kind: 'money' },
  { key: 'perUser', header: { zh: '人均', en: 'Per user' }, kind: 'decimal' },
];

const plainSheet: ReportSheet = {
  report: 'issues',
  title: { zh: '药具发放统计表', en: 'Issues' },
  depot: { id: 9, code: '640104001', name: '兴庆区胜利街服务站', tier: 'township' },
  period: { from: '2026-01', to: '2026-06', label: { zh: '2026年上半年', en: 'First half of 2026' } },
  columns: issueColumns,
  rows: [
    { name: '外用避孕药膜', qty: 1234567, amount: 105, perUser: 2.5 },
    { name: '+检测', qty: -5, amount: -5, perUser: null },
  ],
  totals: null,
  unitTotals: [],
  notes: [],
  signatures: [],
  generatedAt: '2026-07-01T00:00:00.000Z',
};

async function load(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets).toHaveLength(1);
  return { workbook, ws: workbook.worksheets[0] };
}

function merges(ws: ExcelJS.Worksheet): string[] {
  return [...ws.model.merges].sort();
}

describe('sheetToXlsx', () => {
  it('writes the title merged across every column in bold 16 pt, centred, on a sheet named after it', async () => {
    const { workbook, ws } = await load(await sheetToXlsx(stockSheet, 'zh-CN'));
    expect(ws.name).toBe('县级计划生育药具购调存数量统计表');
    expect(ws.getCell('A1').value).toBe('县级计划生育药具购调存数量统计表');
    expect(merges(ws)).toContain('A1:L1');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 16 });
    expect(ws.getCell('A1').alignment).toMatchObject({ horizontal: 'center' });
    expect(workbook.creator).toBe('fp-supplies');
    expect(workbook.created.toISOString()).toBe('2026-01-15T08:30:00.000Z');
  });

  it('puts the reporting unit on the left half of row 2 and the period on the right half', async () => {
    const { ws } = await load(await sheetToXlsx(stockSheet, 'zh-CN'));
    expect(ws.getCell('A2').value).toBe('填报单位：永宁县计划生育药具站（640121）');
    expect(ws.getCell('G2').value).toBe('统计期间：2026年度');
    expect(merges(ws)).toEqual(expect.arrayContaining(['A2:F2', 'G2:L2']));
    expect(ws.getCell('G2').alignment).toMatchObject({ horizontal: 'right' });
  });

  it('writes two header rows: each group merged over its columns, ungrouped columns merged down both rows', async () => {
    const { ws } = await load(await sheetToXlsx(stockSheet, 'zh-CN'));
    expect(merges(ws)).toEqual(
      ['A1:L1', 'A2:F2', 'G2:L2', 'A3:A4', 'B3:B4', 'C3:D3', 'E3:F3', 'G3:H3', 'I3:J3', 'K3:K4', 'L3:L4', 'A9:L9', 'A10:L10', 'A12:D12', 'E12:H12', 'I12:L12'].sort(),
    );
    const row3 = ['A3', 'B3', 'C3', 'E3', 'G3', 'I3', 'K3', 'L3'].map((a) => ws.getCell(a).value);
    expect(row3).toEqual(['药具名称', '单位', '期初库存', '本期增加', '本期减少', '期末库存', '盘盈亏', '发放率']);
    const row4 = ['C4', 'D4', 'E4', 'F4', 'G4', 'H4', 'I4', 'J4'].map((a) => ws.getCell(a).value);
    expect(row4).toEqual(['数量', '金额', '数量', '金额', '数量', '金额', '数量', '金额']);
    const sub = ws.getCell('D4');
    expect(sub.font).toMatchObject({ bold: true });
    expect(sub.alignment).toMatchObject({ horizontal: 'center', wrapText: true });
    expect(sub.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
    expect(sub.border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
  });

  it('writes money as yuan numbers with two decimals, counts with thousands separators and percents as fractions', async () => {
    const { ws } = await load(await sheetToXlsx(stockSheet, 'zh-CN'));
    expect(ws.getCell('A5').value).toBe('避孕套 52mm, "优质"');
    expect(ws.getCell('C5').value).toBe(1200);
    expect(ws.getCell('C5').numFmt).toBe('#,##0');
    expect(ws.getCell('D5').value).toBe(1234.5);
    expect(ws.getCell('D5').numFmt).toBe('#,##0.00');
    expect(ws.getCell('L5').value).toBe(0.125);
    expect(ws.getCell('L5').numFmt).toBe('0.0%');
    expect(ws.getCell('K6').value).toBe(-5);
    expect(ws.getCell('J6').value).toBe(490);
    expect(ws.getCell('L5').border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
  });

  it('leaves a null cell empty and keeps a formula-like name as plain text', async () => {
    const { ws } = await load(await sheetToXlsx(stockSheet, 'zh-CN'));
    expect(ws.getCell('A7').value).toBe('=1+1');
    expect(ws.getCell('A7').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C7').value).toBeNull();
    expect(ws.getCell('D7').value).toBeNull();
    expect(ws.getCell('F7').value).toBe(50.5);
  });

  it('writes the totals row in bold, after the rows', async () => {
    const { ws } = await load(await sheetToXlsx(stockSheet, 'zh-CN'));
    const totals = ['A8', 'B8', 'C8', 'D8', 'E8', 'F8', 'G8', 'H8', 'I8', 'J8', 'K8', 'L8'].map((a) => ws.getCell(a).value);
    expect(totals).toEqual(['合计', null, 1600, 2034.5, 3100, 3050.5, 2650, 2800, 2045, 2275, -5, null]);
    expect(ws.getCell('A8').font).toMatchObject({ bold: true });
    expect(ws.getCell('D8').font).toMatchObject({ bold: true });
    expect(ws.getCell('D8').numFmt).toBe('#,##0.00');
    expect(ws.getCell('L8').border).toMatchObject({ right: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(ws.getCell('A7').font?.bold).not.toBe(true);
  });

  it('writes each note on its own merged, wrapped row and the signature captions spread across the width', async () => {
    const { ws } = await load(await sheetToXlsx(stockSheet, 'zh-CN'));
    expect(ws.getCell('A9').value).toBe('注：金额单位为元，按购入单价计算。');
    expect(ws.getCell('A9').font).toMatchObject({ size: 9 });
    expect(ws.getCell('A9').alignment).toMatchObject({ wrapText: true });
    expect(ws.getCell('A10').value).toBe('本期减少含发放、调出和报损。');
    expect(ws.getCell('A11').value).toBeNull();
    expect([ws.getCell('A12').value, ws.getCell('E12').value, ws.getCell('I12').value]).toEqual([
      '单位负责人：________',
      '制表人：________',
      '填报日期：________',
    ]);
  });

  it('prints on A4 landscape, one page wide, with the header rows on every page and narrow margins', async () => {
    const { ws } = await load(await sheetToXlsx(stockSheet, 'zh-CN'));
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:4',
      printArea: 'A1:L12',
    });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.25, right: 0.25 });
  });

  it('freezes the view below the header and sizes columns counting a CJK character as two', async () => {
    const { ws } = await load(await sheetToXlsx(stockSheet, 'zh-CN'));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 0, ySplit: 4, topLeftCell: 'A5' });
    // '避孕套 52mm, "优质"': 5 CJK characters (10) + 9 others, plus 2 of padding.
    expect(ws.getColumn(1).width).toBe(21);
    // '1,234.50' is the widest in the column: 8 + 2.
    expect(ws.getColumn(4).width).toBe(10);
  });

  it('writes the English version with English headers, captions and a sheet name cut to 31 characters', async () => {
    const { ws } = await load(await sheetToXlsx(stockSheet, 'en'));
    expect(ws.name).toBe('County contraceptive purchases,');
    expect(ws.getCell('A1').value).toBe('County contraceptive purchases, transfers and stock');
    expect(ws.getCell('A2').value).toBe('Reporting unit: 永宁县计划生育药具站 (640121)');
    expect(ws.getCell('G2').value).toBe('Period: Year 2026');
    expect(['A3', 'C3', 'E3', 'G3', 'I3', 'K3'].map((a) => ws.getCell(a).value)).toEqual([
      'Product',
      'Opening stock',
      'Increase',
      'Decrease',
      'Closing stock',
      'Count difference',
    ]);
    expect([ws.getCell('C4').value, ws.getCell('D4').value]).toEqual(['Qty', 'Amount']);
    expect(ws.getCell('A9').value).toBe('Note: amounts in yuan at the purchase price.');
    expect([ws.getCell('A12').value, ws.getCell('E12').value, ws.getCell('I12').value]).toEqual([
      'Head of unit: ________',
      'Prepared by: ________',
      'Date: ________',
    ]);
  });

  it('writes one header row, no totals and a portrait page for a sheet without groups', async () => {
    const { ws } = await load(await sheetToXlsx(plainSheet, 'zh-CN'));
    // Before any getCell, which would create the row it reads.
    expect(ws.rowCount).toBe(5);
    expect(merges(ws)).toEqual(['A1:D1', 'A2:B2', 'C2:D2']);
    expect(['A3', 'B3', 'C3', 'D3'].map((a) => ws.getCell(a).value)).toEqual(['药具名称', '发放数量', '金额', '人均']);
    expect(ws.getCell('A4').value).toBe('外用避孕药膜');
    expect(ws.getCell('B4').value).toBe(1234567);
    expect(ws.getCell('C4').value).toBe(1.05);
    expect(ws.getCell('D4').value).toBe(2.5);
    expect(ws.getCell('D4').numFmt).toBe('#,##0.00');
    expect(ws.getCell('A5').value).toBe('+检测');
    expect(ws.getCell('C5').value).toBe(-0.05);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, topLeftCell: 'A4' });
    expect(ws.pageSetup).toMatchObject({ orientation: 'portrait', printTitlesRow: '3:3', printArea: 'A1:D5' });
  });
});

describe('sheetToCsv', () => {
  it('writes the preamble, the grouped header, the rows and the totals exactly', () => {
    expect(sheetToCsv(stockSheet, 'zh-CN')).toBe(
      '\uFEFF' +
        [
          '县级计划生育药具购调存数量统计表',
          '填报单位,永宁县计划生育药具站（640121）',
          '统计期间,2026年度',
          '',
          '药具名称,单位,期初库存-数量,期初库存-金额,本期增加-数量,本期增加-金额,本期减少-数量,本期减少-金额,期末库存-数量,期末库存-金额,盘盈亏,发放率',
          '"避孕套 52mm, ""优质""",只,1200,1234.50,3000,3000.00,2500,2500.00,1700,1734.50,0,12.5%',
          '左炔诺孕酮片,板,400,800.00,0,0.00,150,300.00,245,490.00,-5,27.5%',
          "'=1+1,'-盒,,,100,50.50,0,0.00,100,50.50,,",
          '合计,,1600,2034.50,3100,3050.50,2650,2800.00,2045,2275.00,-5,',
        ].join('\r\n') +
        '\r\n',
    );
  });

  it('starts with a BOM and ends every line with CRLF, never a bare LF', () => {
    const csv = sheetToCsv(stockSheet, 'zh-CN');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')).toHaveLength(10);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('quotes a field holding a line break and neutralises a formula in the preamble too', () => {
    const sheet: ReportSheet = {
      ...plainSheet,
      depot: { ...plainSheet.depot, name: '@站' },
      rows: [{ name: '药膜\n新', qty: 1, amount: 0, perUser: 0.005 }],
    };
    const lines = sheetToCsv(sheet, 'zh-CN').slice(1).split('\r\n');
    expect(lines[1]).toBe("填报单位,'@站（640104001）");
    expect(lines[5]).toBe('"药膜\n新",1,0.00,0.01');
  });

  it('writes a sheet without groups or totals, keeping negative numbers as numbers', () => {
    expect(sheetToCsv(plainSheet, 'en')).toBe(
      '\uFEFF' +
        [
          'Issues',
          'Reporting unit,兴庆区胜利街服务站 (640104001)',
          'Period,First half of 2026',
          '',
          'Product,Issued,Amount,Per user',
          '外用避孕药膜,1234567,1.05,2.50',
          "'+检测,-5,-0.05,",
        ].join('\r\n') +
        '\r\n',
    );
  });

  it('writes English grouped headers as group-header', () => {
    const header = sheetToCsv(stockSheet, 'en').split('\r\n')[4];
    expect(header).toBe(
      'Product,Unit,Opening stock-Qty,Opening stock-Amount,Increase-Qty,Increase-Amount,Decrease-Qty,Decrease-Amount,Closing stock-Qty,Closing stock-Amount,Count difference,Issue rate',
    );
  });
});

describe('exportFileName', () => {
  it('names the file by depot code, title and period, keeping the Chinese', () => {
    expect(exportFileName(stockSheet, 'zh-CN', 'xlsx')).toBe('640121 县级计划生育药具购调存数量统计表 2026年度.xlsx');
    expect(exportFileName(stockSheet, 'en', 'csv')).toBe('640121 County contraceptive purchases, transfers and stock Year 2026.csv');
  });

  it('drops the characters a file name may not hold', () => {
    const sheet: ReportSheet = { ...stockSheet, title: { zh: '购/调\\存: "统计"*?<表>|', en: '' } };
    expect(exportFileName(sheet, 'zh-CN', 'csv')).toBe('640121 购调存 统计表 2026年度.csv');
  });
});
