import { describe, it, expect } from 'vitest';
import { barcodePng, drawLabel, MIN_MODULE_MM, QUIET_ZONE_MODULES, type LabelContent, type LabelDrawing } from '../../labels/render.ts';
import { labelPdf, sheetPdf } from '../../labels/pdf.ts';
import { LABEL_SIZES, layoutSheet, PRINTER_DPIS, SHEET_LAYOUTS, type PrinterDpi } from '../../labels/layouts.ts';
import { parseScan } from '../../labels/gs1.ts';
import { decodePng } from '../helpers/decode.ts';
import { rasterisePdf, rasterPng, type Raster, type Region } from './pdf-raster.ts';
import { measureSymbol, pngDots, rasterDots } from './measure.ts';
import PDFDocument from 'pdfkit';
import { labelFonts } from '../../labels/fonts.ts';

const batch: LabelContent = {
  kind: 'batch',
  batchId: 42,
  gtin: '09506000134352',
  lot: 'A(1)B',
  expiresOn: '2027-12-31',
  productNameZh: '复方左炔诺孕酮片',
  productCode: 'KJ-0103',
  depotName: '永宁县',
};
const zone: LabelContent = { kind: 'zone', depotCode: '640121', depotName: '永宁县', zone: 'nonconforming' };
const LABELS: [string, LabelContent][] = [
  ['GS1 DataMatrix, lot A(1)B', batch],
  ['GS1 DataMatrix, 20-character lot', { ...batch, lot: 'LOT/%&()-12345678901' }],
  ['DataMatrix of FP1:B (no GTIN, as most of the demo catalogue)', { ...batch, gtin: null, lot: 'X)Y' }],
  ['DataMatrix of FP1:B (a lot GS1 cannot carry)', { ...batch, lot: '批号 七' }],
  ['zone', zone],
  ['QR of a transfer order', { kind: 'document', documentType: 'transfer_order', id: 123456, number: 'DB-640121-0012', depotName: '永宁县' }],
];
const SIZES = Object.entries(LABEL_SIZES) as [keyof typeof LABEL_SIZES, (typeof LABEL_SIZES)[keyof typeof LABEL_SIZES]][];

/** What the scanner sends for a drawing, read from the decoder's answer. */
async function readsBack(png: Buffer, d: LabelDrawing) {
  const reads = await decodePng(png);
  expect(reads.map((r) => r.text)).toEqual([d.scan]);
  return reads[0]!;
}

describe('quiet zones, measured in the rendered PNG', () => {
  it.each(LABELS)('%s: every size and printer leaves the quiet zone its standard requires, modules of whole dots of at least 0.25 mm', async (_name, label) => {
    for (const [, size] of SIZES) {
      for (const dpi of PRINTER_DPIS) {
        const d = drawLabel(label, size, dpi);
        const png = barcodePng(d.barcode!);
        const dots = pngDots(png);
        const m = measureSymbol(dots);
        const quiet = QUIET_ZONE_MODULES[d.barcode!.symbol.bcid];
        const where = `${size.widthMm}×${size.heightMm} at ${dpi}: ${d.barcode!.symbol.bcid}`;
        expect(dots.dpi, where).toBe(dpi);
        expect(m.moduleDots, where).toBe(d.barcode!.dots.x);
        expect(m.wholeModules, where).toBe(true);
        expect((m.moduleDots * 25.4) / dpi, where).toBeGreaterThanOrEqual(MIN_MODULE_MM - 1e-9);
        expect([m.margins.left, m.margins.right], where).toEqual([quiet, quiet]);
        if (!d.barcode!.symbol.linear) expect([m.margins.top, m.margins.bottom], where).toEqual([quiet, quiet]);
        await readsBack(png, d);
      }
    }
  });

  it('asks 10 modules of Code 128, 1 of DataMatrix and 4 of QR Code', () => {
    expect(QUIET_ZONE_MODULES).toEqual({ code128: 10, gs1datamatrix: 1, datamatrix: 1, qrcode: 4 });
  });

  it('keeps the words beside a barcode out of its quiet zone on every label', () => {
    for (const [, label] of LABELS) {
      for (const [, size] of SIZES) {
        const d = drawLabel(label, size, 203);
        const b = d.barcode!;
        for (const t of d.texts) {
          // A generous box: every character a full em wide, from an em above the baseline to a third below.
          const width = [...t.value].length * t.size;
          const [left, right] = t.anchor === 'end' ? [t.x - width, t.x] : [t.x, t.x + width];
          const apart = right <= b.x || left >= b.x + b.width || t.y + t.size / 3 <= b.y || t.y - t.size >= b.y + b.height;
          expect(apart, `${t.value} on ${size.widthMm}×${size.heightMm}`).toBe(true);
        }
      }
    }
  });
});

describe('the words a person reads', () => {
  it('print a 20-character lot whole, and every line inside its label, measured with the font the PDF embeds', () => {
    const { cjk, latin } = labelFonts();
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.registerFont('cjk', cjk);
    doc.registerFont('latin', latin);
    const width = (value: string, size: number) => [...value].reduce((sum, ch) => sum + doc.font(/[\u2e80-\uffff]/.test(ch) && ch !== '…' ? 'cjk' : 'latin').fontSize(size).widthOfString(ch), 0);
    for (const lot of ['ABCDEFGHIJKLMNOPQRST', '20240815-A(1)/B%&XYZ', '12345678901234567890']) {
      for (const [, size] of SIZES) {
        const d = drawLabel({ ...batch, lot }, size, 203);
        const line = d.texts.find((t) => t.value.startsWith('批号'))!;
        expect(line.value, `${size.widthMm}×${size.heightMm}`).toBe(`批号 ${lot}`);
        for (const t of d.texts) expect(t.x + width(t.value, t.size), `${t.value} on ${size.widthMm}×${size.heightMm}`).toBeLessThanOrEqual(size.widthMm);
      }
    }
  });
});

describe('zone labels: Code 128 where it fits at 0.25 mm, else a DataMatrix the scan field reads the same', () => {
  it('prints Code 128 on the 100×50 and 99×38 mm labels at 2 dots (203 dpi), 3 (300) or 6 (600) a module, and a DataMatrix on 50×30 and 70×37', () => {
    const dotsAt = { 203: 2, 300: 3, 600: 6 } as const;
    for (const dpi of PRINTER_DPIS) {
      for (const key of ['100x50', '99x38'] as const) {
        const b = drawLabel(zone, LABEL_SIZES[key], dpi).barcode!;
        expect([key, dpi, b.symbol.bcid, b.dots.x]).toEqual([key, dpi, 'code128', dotsAt[dpi]]);
      }
      for (const key of ['50x30', '70x37'] as const) expect(drawLabel(zone, LABEL_SIZES[key], dpi).barcode!.symbol.bcid).toBe('datamatrix');
    }
  });
});

/** Where each label of a sheet page sits, in dots of the raster. */
const cells = (layoutName: keyof typeof SHEET_LAYOUTS, count: number, dpi: number): Region[] => {
  const layout = SHEET_LAYOUTS[layoutName];
  const px = (mm: number) => Math.round((mm * dpi) / 25.4);
  return layoutSheet(layout, count).map((p) => ({ x: px(p.xMm), y: px(p.yMm), width: px(layout.labelWidthMm), height: px(layout.labelHeightMm) }));
};

/** Decodes and measures one label of a rasterised page. */
async function checkPrinted(raster: Raster, region: Region, label: LabelContent, size: { widthMm: number; heightMm: number }, dpi: PrinterDpi) {
  const d = drawLabel(label, size, dpi);
  const m = measureSymbol(rasterDots(raster, region));
  const quiet = QUIET_ZONE_MODULES[d.barcode!.symbol.bcid];
  const where = `${label.kind} ${size.widthMm}×${size.heightMm} at ${dpi}`;
  expect(m.moduleDots, where).toBe(d.barcode!.dots.x);
  expect(m.wholeModules, where).toBe(true);
  expect(Math.min(m.margins.left, m.margins.right), where).toBeGreaterThanOrEqual(quiet);
  if (!d.barcode!.symbol.linear) expect(Math.min(m.margins.top, m.margins.bottom), where).toBeGreaterThanOrEqual(quiet);
  const read = await readsBack(rasterPng(raster, region), d);
  if (label.kind === 'batch' && d.barcode!.symbol.bcid === 'gs1datamatrix') {
    expect(read.symbologyIdentifier).toBe(']d2');
    expect(parseScan(read.symbologyIdentifier + read.text)).toMatchObject({ kind: 'gs1', lot: label.lot, expiry: label.expiresOn });
  }
}

describe('the PDF, rasterised without anti-aliasing at the printer’s resolution, decodes', () => {
  it.each([203, 300] as const)('a 50×30 mm thermal roll at %i dpi: zone, GS1, internal and document labels, modules whole dots, quiet zones kept', async (dpi) => {
    const labels = LABELS.map(([, l]) => l);
    const pages = rasterisePdf(await sheetPdf('thermal-50x30', labels, 't', dpi), dpi);
    expect(pages).toHaveLength(labels.length);
    for (const [i, page] of pages.entries()) await checkPrinted(page, { x: 0, y: 0, width: page.width, height: page.height }, labels[i]!, LABEL_SIZES['50x30'], dpi);
  });

  it.each([203, 300] as const)('a 100×50 mm zone label at %i dpi: its Code 128 decodes, bars of whole dots and 10 modules clear each side', async (dpi) => {
    const [page] = rasterisePdf(await labelPdf(zone, LABEL_SIZES['100x50'], dpi, 't'), dpi);
    await checkPrinted(page!, { x: 0, y: 0, width: page!.width, height: page!.height }, zone, LABEL_SIZES['100x50'], dpi);
    const reads = await decodePng(rasterPng(page!));
    expect(reads[0]!.format).toBe('Code128');
  });

  it('a label laid out for 300 dpi but printed at 203 has bars of uneven dots: why the printer profile matters', async () => {
    const [page] = rasterisePdf(await labelPdf(zone, LABEL_SIZES['100x50'], 300, 't'), 203);
    expect(measureSymbol(rasterDots(page!)).wholeModules).toBe(false);
  });

  it('an A4 2×7 sheet at 300 dpi, labels placed 4.65 mm in: each cell decodes with its modules on the page’s dot grid', async () => {
    const labels = [zone, batch, { ...batch, gtin: null }];
    const [page] = rasterisePdf(await sheetPdf('a4-2x7', labels, 't', 300), 300);
    const size = { widthMm: SHEET_LAYOUTS['a4-2x7'].labelWidthMm, heightMm: SHEET_LAYOUTS['a4-2x7'].labelHeightMm };
    for (const [i, cell] of cells('a4-2x7', labels.length, 300).entries()) await checkPrinted(page!, cell, labels[i]!, size, 300);
  });

  it.each(PRINTER_DPIS)('draws every bar of the PDF at %i dpi a whole number of dots wide, from a dot boundary of the page', async (dpi) => {
    for (const layout of ['thermal-50x30', 'thermal-100x50', 'a4-3x8'] as const) {
      const pages = rasterisePdf(await sheetPdf(layout, [zone, batch, LABELS[5]![1]], 't', dpi), dpi);
      const bars = pages.flatMap((p) => p.rects.filter((r) => r.color.every((c) => c === 0)));
      expect(bars.length).toBeGreaterThan(100);
      for (const bar of bars) {
        for (const pt of [bar.x, bar.width]) {
          const dots = (pt * dpi) / 72;
          expect(Math.abs(dots - Math.round(dots)), `${layout}: ${pt} pt`).toBeLessThan(1e-3);
        }
      }
    }
  });
});
