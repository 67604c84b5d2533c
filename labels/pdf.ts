import PDFDocument from 'pdfkit';
import { drawLabel, drawSheetLabel, type LabelContent, type LabelDrawing, type LabelSize } from './render.ts';
import { layoutSheet, SHEET_LAYOUTS, type PrinterDpi, type SheetLayoutName } from './layouts.ts';
import { fontRuns, labelFonts } from './fonts.ts';

/**
 * Labels as PDF, for download and for printers driven without a browser. Pages have the label's
 * or the layout's exact size; barcodes are vector rectangles of whole printer dots on the
 * printer's dot grid; text is set in Noto Sans SC (SIL Open Font License, labels/fonts/OFL.txt),
 * embedded as a subset, so Chinese prints on any machine.
 */
const PT_PER_MM = 72 / 25.4;

function draw(doc: PDFKit.PDFDocument, d: LabelDrawing, xMm: number, yMm: number) {
  doc.save();
  doc.translate(xMm * PT_PER_MM, yMm * PT_PER_MM);
  doc.scale(PT_PER_MM);
  for (const f of d.fills) doc.rect(f.x, f.y, f.width, f.height).fill(f.color);
  for (const t of d.texts) {
    const parts = fontRuns(t.value);
    const width = parts.reduce((sum, p) => sum + doc.font(p.font).fontSize(t.size).widthOfString(p.text), 0);
    let x = t.anchor === 'end' ? t.x - width : t.x;
    for (const p of parts) {
      doc.font(p.font).fontSize(t.size).fillColor(t.fill ?? '#000').text(p.text, x, t.y, { lineBreak: false, baseline: 'alphabetic' });
      x += doc.widthOfString(p.text);
    }
  }
  doc.restore();
  if (d.barcode) {
    // In points from the page's corner, the symbol's corner put on the page's dot grid: a label on
    // a sheet starts wherever the layout puts it (4.65 mm in), its modules must still be whole dots.
    const { x, y, width, height, dpi, symbol } = d.barcode;
    const dot = 72 / dpi;
    const onGrid = (pt: number) => Math.round(pt / dot) * dot;
    const { box, bars } = symbol;
    doc.save();
    doc.translate(onGrid((xMm + x) * PT_PER_MM), onGrid((yMm + y) * PT_PER_MM));
    doc.scale((width * PT_PER_MM) / box.width, (height * PT_PER_MM) / box.height);
    for (const b of bars) doc.rect(b.x - box.x, b.y - box.y, b.width, b.height);
    doc.fill('#000');
    doc.restore();
  }
}

function pdfOf(title: string, pages: { widthMm: number; heightMm: number; labels: { d: LabelDrawing; xMm: number; yMm: number }[] }[]): Promise<Buffer> {
  const { cjk, latin } = labelFonts();
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, info: { Title: title, Creator: '计划生育药具管理系统' } });
  doc.registerFont('cjk', cjk);
  doc.registerFont('latin', latin);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const page of pages) {
    doc.addPage({ size: [page.widthMm * PT_PER_MM, page.heightMm * PT_PER_MM], margin: 0 });
    for (const { d, xMm, yMm } of page.labels) draw(doc, d, xMm, yMm);
  }
  doc.end();
  return finished;
}

/** One label on a page of its own size, for a label printer; throws LabelError when it cannot be drawn. */
export function labelPdf(label: LabelContent, size: LabelSize, dpi: PrinterDpi, title: string): Promise<Buffer> {
  const d = drawLabel(label, size, dpi);
  return pdfOf(title, [{ widthMm: size.widthMm, heightMm: size.heightMm, labels: [{ d, xMm: 0, yMm: 0 }] }]);
}

/**
 * A PDF of labels on a sheet layout; the same label printed twice is laid out once. A label that
 * cannot be drawn leaves its cell marked with why, and the others print.
 */
export function sheetPdf(layoutName: SheetLayoutName, labels: readonly LabelContent[], title: string, dpi: PrinterDpi = SHEET_LAYOUTS[layoutName].printerDpi): Promise<Buffer> {
  const layout = SHEET_LAYOUTS[layoutName];
  const size = { widthMm: layout.labelWidthMm, heightMm: layout.labelHeightMm };
  const drawn = new Map<string, LabelDrawing>();
  const pages: Parameters<typeof pdfOf>[1] = [];
  layoutSheet(layout, labels.length).forEach((p, i) => {
    const label = labels[i]!;
    const key = JSON.stringify(label);
    let d = drawn.get(key);
    if (!d) {
      d = drawSheetLabel(label, size, dpi);
      drawn.set(key, d);
    }
    (pages[p.page] ??= { widthMm: layout.pageWidthMm, heightMm: layout.pageHeightMm, labels: [] }).labels.push({ d, xMm: p.xMm, yMm: p.yMm });
  });
  return pdfOf(title, pages);
}
