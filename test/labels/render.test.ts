import { describe, it, expect } from 'vitest';
import { barcodePng, drawLabel, fitSymbol, labelSvg, LabelError, symbolOf, type LabelContent } from '../../labels/render.ts';
import { sheetHtml } from '../../labels/sheet.ts';
import { LABEL_SIZES, layoutSheet, SHEET_LAYOUTS, SHEET_LAYOUT_NAMES } from '../../labels/layouts.ts';
import { gs1ElementString, parseScan, GS } from '../../labels/gs1.ts';
import { decodePng } from '../helpers/decode.ts';

const batch: LabelContent = {
  kind: 'batch',
  batchId: 42,
  gtin: '09506000134352',
  lot: 'ABC123',
  expiresOn: '2027-12-31',
  productNameZh: '复方左炔诺孕酮片',
  productCode: 'KJ-0103',
  depotName: '永宁县',
};
const KINDS: [string, LabelContent][] = [
  ['a batch with a GTIN (GS1 DataMatrix)', batch],
  ['a batch with a GTIN, lot then serial-like text (GS1 DataMatrix, lot at the end)', { ...batch, lot: 'L-2025/07.A' }],
  ['a batch without a GTIN (DataMatrix of the internal label)', { ...batch, gtin: null }],
  ['a zone (Code 128)', { kind: 'zone', depotCode: '640121', depotName: '永宁县', zone: 'nonconforming' }],
  ['a receipt (QR)', { kind: 'document', documentType: 'receipt', id: 7, number: 'RK-640121-0007', depotName: '永宁县' }],
  ['a transfer order (QR)', { kind: 'document', documentType: 'transfer_order', id: 12, number: 'DB-640121-0012', depotName: '永宁县' }],
];

describe('labels round-trip through an independent decoder (zxing-cpp)', () => {
  it.each(KINDS)('%s: decodes to exactly what was encoded, FNC1 included, and the scan parser reads it back', async (_name, label) => {
    const symbol = symbolOf(label);
    const [read, ...more] = await decodePng(barcodePng(drawLabel(label, LABEL_SIZES['100x50'], 203).barcode!));
    expect(more).toEqual([]);
    expect(read!.text).toBe(symbol.data);
    const scan = parseScan(read!.symbologyIdentifier + read!.text);
    if (label.kind === 'batch' && label.gtin) {
      expect(read!.symbologyIdentifier).toBe(']d2');
      expect(scan).toMatchObject({ kind: 'gs1', gtin: label.gtin, lot: label.lot, expiry: label.expiresOn });
    } else if (label.kind === 'batch') {
      expect(scan).toMatchObject({ kind: 'batch', batchId: label.batchId });
    } else if (label.kind === 'zone') {
      expect(scan).toMatchObject({ kind: 'zone', depotCode: label.depotCode, zone: label.zone });
    } else {
      expect(scan).toMatchObject({ kind: 'document', documentType: label.documentType, id: label.id });
    }
  });

  it('keeps FNC1 between variable-length fields through encode and decode: (10) lot then (30) count reads back with GS', async () => {
    const fields = { gtin: '09506000134352', expiry: '2027-12-31', lot: 'ABC123', count: 24 };
    const symbol = { bcid: 'gs1datamatrix' as const, data: gs1ElementString(fields) };
    expect(symbol.data).toBe('0109506000134352' + '17271231' + '10ABC123' + GS + '3024');
    const [read] = await decodePng(barcodePng(fitSymbol([symbol], { x: 0, y: 0, width: 20, height: 20 }, 203)));
    expect(read!.text).toBe(symbol.data);
    expect(parseScan(read!.symbologyIdentifier + read!.text)).toMatchObject({ kind: 'gs1', lot: 'ABC123', count: 24 });
  });

  it('puts FNC1 (GS) after a variable-length field that another follows', () => {
    expect(symbolOf(batch).data).toBe('0109506000134352' + '17271231' + '10ABC123');
    // Lot last: no separator needed. The parser's own round trip covers GS between variable fields.
    expect(symbolOf(batch).data.includes(GS)).toBe(false);
  });
});

describe('lots with brackets and other GS1 characters', () => {
  it.each(['A(1)B', 'X)Y', 'LOT/%&', '(10)ABC', '(', ')(17)991231', 'ABCDEFGHIJKLMNOPQRST'])('lot %s: a GS1 DataMatrix whose (10) reads back as exactly that lot, never as another AI', async (lot) => {
    const label = { ...batch, lot };
    expect(symbolOf(label).bcid).toBe('gs1datamatrix');
    const [read, ...more] = await decodePng(barcodePng(drawLabel(label, LABEL_SIZES['50x30'], 203).barcode!));
    expect(more).toEqual([]);
    expect(read!.symbologyIdentifier).toBe(']d2');
    expect(parseScan(read!.symbologyIdentifier + read!.text)).toMatchObject({ kind: 'gs1', gtin: batch.gtin, lot, expiry: batch.expiresOn });
    expect(labelSvg(label, LABEL_SIZES['50x30'], 203)).toContain(`批号 ${lot.replaceAll('&', '&amp;')}`);
  });

  it.each([
    ['longer than the 20 characters of (10)', 'L'.repeat(21)],
    ['in Chinese', '批号一'],
    ['with a space', 'LOT 7'],
  ])('a lot %s gets the internal batch label, and its words still show the lot', async (_name, lot) => {
    const label = { ...batch, lot };
    expect(symbolOf(label)).toEqual({ bcid: 'datamatrix', data: 'FP1:B:42' });
    const [read] = await decodePng(barcodePng(drawLabel(label, LABEL_SIZES['50x30'], 203).barcode!));
    expect(parseScan(read!.text)).toMatchObject({ kind: 'batch', batchId: 42 });
    expect(drawLabel(label, LABEL_SIZES['100x50'], 203).texts.map((t) => t.value)).toContain(`批号 ${lot}`);
  });
});

describe('label refusals (label_unencodable, never a broken image)', () => {
  const refusal = (fn: () => unknown) => {
    try {
      fn();
      return 'drawn';
    } catch (e) {
      return e instanceof LabelError ? `${e.code}: ${e.note}` : String(e);
    }
  };
  it('refuses a GTIN with a wrong check digit rather than print a wrong product code, or hide it behind the internal label', () => {
    expect(refusal(() => symbolOf({ ...batch, gtin: '09506000134353' }))).toBe('label_unencodable: GTIN校验位错误');
    expect(refusal(() => symbolOf({ ...batch, gtin: 'not-a-gtin' }))).toBe('label_unencodable: GTIN有误');
  });
  it('refuses a label too small for any of its barcodes with modules of 0.25 mm at the printer’s resolution', () => {
    const zone: LabelContent = { kind: 'zone', depotCode: '640121', depotName: '永宁县', zone: 'pending' };
    expect(refusal(() => drawLabel(zone, { widthMm: 12, heightMm: 8 }, 203))).toBe('label_unencodable: 标签太小，放不下条码');
    expect(refusal(() => drawLabel(zone, LABEL_SIZES['50x30'], 203))).toBe('drawn');
  });
});

describe('label SVG', () => {
  it('is sized in millimetres and carries the Chinese name, lot, expiry and depot for a person', () => {
    const svg = labelSvg(batch, { widthMm: 70, heightMm: 37 }, 300);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="70mm" height="37mm" viewBox="0 0 70 37"/);
    for (const words of ['复方左炔诺', '孕酮片', '批号 ABC123', '效期 2027-12-31', '永宁县']) expect(svg).toContain(words);
  });
  it('colours zone labels yellow, green and red and names the zone', () => {
    const zone = (z: 'pending' | 'qualified' | 'nonconforming') => labelSvg({ kind: 'zone', depotCode: '64', depotName: '宁夏', zone: z }, { widthMm: 100, heightMm: 50 }, 203);
    expect(zone('pending')).toContain('#f7d51d');
    expect(zone('pending')).toContain('待验区');
    expect(zone('qualified')).toContain('#2e9d4a');
    expect(zone('nonconforming')).toContain('#d93025');
    expect(zone('nonconforming')).toContain('不合格区');
  });
  it('escapes what it writes as text', () => {
    expect(labelSvg({ ...batch, depotName: '<script>&' }, { widthMm: 100, heightMm: 50 }, 203)).toContain('&lt;script&gt;&amp;');
  });
});

describe('sheet geometry', () => {
  it.each(SHEET_LAYOUT_NAMES)('%s: every label lies on its page, none overlaps another, pages fill in order', (name) => {
    const layout = SHEET_LAYOUTS[name];
    const perPage = layout.columns * layout.rows;
    const placements = layoutSheet(layout, perPage * 2 + 1);
    expect(placements.filter((p) => p.page === 0)).toHaveLength(perPage);
    expect(placements.at(-1)!.page).toBe(2);
    for (const p of placements) {
      expect(p.xMm).toBeGreaterThanOrEqual(0);
      expect(p.yMm).toBeGreaterThanOrEqual(0);
      expect(p.xMm + layout.labelWidthMm).toBeLessThanOrEqual(layout.pageWidthMm + 1e-9);
      expect(p.yMm + layout.labelHeightMm).toBeLessThanOrEqual(layout.pageHeightMm + 1e-9);
    }
    const page0 = placements.filter((p) => p.page === 0);
    for (const [i, a] of page0.entries()) {
      for (const b of page0.slice(i + 1)) {
        const apart = a.xMm + layout.labelWidthMm <= b.xMm + 1e-9 || b.xMm + layout.labelWidthMm <= a.xMm + 1e-9 || a.yMm + layout.labelHeightMm <= b.yMm + 1e-9 || b.yMm + layout.labelHeightMm <= a.yMm + 1e-9;
        expect(apart).toBe(true);
      }
    }
  });
  it('places the 5th label of an A4 3×8 sheet at column 2, row 2, and the 25th on page 2', () => {
    const p = layoutSheet(SHEET_LAYOUTS['a4-3x8'], 25);
    expect(p[4]).toEqual({ page: 0, xMm: 70, yMm: 37.5 });
    expect(p[24]).toEqual({ page: 1, xMm: 0, yMm: 0.5 });
    const avery = layoutSheet(SHEET_LAYOUTS['a4-2x7'], 14);
    expect(avery[13]).toEqual({ page: 0, xMm: 4.65 + 99.1 + 2.5, yMm: 15.15 + 6 * 38.1 });
  });
  it('prints at the page size of its layout, one page element per page', () => {
    const html = sheetHtml('thermal-50x30', [batch, batch, batch], '标签');
    expect(html).toContain('@page { size: 50mm 30mm; margin: 0; }');
    expect(html.match(/class="sheet-page"/g)).toHaveLength(3);
    expect(sheetHtml('a4-3x8', Array(25).fill(batch), 't').match(/class="sheet-page"/g)).toHaveLength(2);
  });
  it('marks the cell of a label it cannot draw and prints the others', () => {
    const bad = { ...batch, gtin: '09506000134353', lot: 'BAD-1' };
    const html = sheetHtml('a4-3x8', [batch, bad, batch], '标签');
    expect(html).toContain('data-labels="3"');
    expect(html).toContain('data-problems="1"');
    expect(html.match(/class="label"/g)).toHaveLength(2);
    const cell = /<div class="label label-problem"[^>]*>([\s\S]*?)<\/div>/.exec(html)![1]!;
    for (const words of ['无法打印此标签', 'GTIN校验位错误', '批号 BAD-1']) expect(cell).toContain(words);
    expect(cell).not.toContain('<path');
  });
});
