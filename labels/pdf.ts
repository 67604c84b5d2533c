import PDFDocument from 'pdfkit';
import { drawLabel, symbolOf, type LabelContent, type LabelDrawing } from './render.ts';
import { layoutSheet, SHEET_LAYOUTS, type SheetLayoutName } from './layouts.ts';
import { labelFonts } from './fonts.ts';

/**
 * Label sheets as PDF, for download and for printers driven without a browser. Pages have the
 * layout's exact size; barcodes are vector rectangles; text is set in Noto Sans SC (SIL Open Font
 * License, labels/fonts/OFL.txt), embedded as a subset, so Chinese prints on any machine.
 */
const PT_PER_MM = 72 / 25.4;

/** Splits text into runs set in the CJK font and in the Latin font. */
function runs(value: string): { font: 'cjk' | 'latin'; text: string }[] {
  const out: { font: 'cjk' | 'latin'; text: string }[] = [];
  for (const ch of value) {
    const font = /[\u2e80-\uffff]/.test(ch) && ch !== '…' ? 'cjk' : 'latin';
    const last = out.at(-1);
    if (last?.font === font) last.text += ch;
    else out.push({ font, text: ch });
  }
  return out;
}

function draw(doc: PDFKit.PDFDocument, d: LabelDrawing, xMm: number, yMm: number) {
  doc.save();
  doc.translate(xMm * PT_PER_MM, yMm * PT_PER_MM);
  doc.scale(PT_PER_MM);
  for (const f of d.fills) doc.rect(f.x, f.y, f.width, f.height).fill(f.color);
  const { box, bars } = d.barcode.symbol;
  const s = Math.min(d.barcode.width / box.width, d.barcode.height / box.height);
  doc.save();
  doc.translate(d.barcode.x + (d.barcode.width - box.width * s) / 2 - box.x * s, d.barcode.y + (d.barcode.height - box.height * s) / 2 - box.y * s);
  doc.scale(s);
  for (const b of bars) doc.rect(b.x, b.y, b.width, b.height);
  doc.fill('#000');
  doc.restore();
  for (const t of d.texts) {
    const parts = runs(t.value);
    const width = parts.reduce((sum, p) => sum + doc.font(p.font).fontSize(t.size).widthOfString(p.text), 0);
    let x = t.anchor === 'end' ? t.x - width : t.x;
    for (const p of parts) {
      doc.font(p.font).fontSize(t.size).fillColor(t.fill ?? '#000').text(p.text, x, t.y, { lineBreak: false, baseline: 'alphabetic' });
      x += doc.widthOfString(p.text);
    }
  }
  doc.restore();
}

/** A PDF of labels on a sheet layout; the same label printed twice is laid out once. */
export function sheetPdf(layoutName: SheetLayoutName, labels: readonly LabelContent[], title: string): Promise<Buffer> {
  const layout = SHEET_LAYOUTS[layoutName];
  const size = { widthMm: layout.labelWidthMm, heightMm: layout.labelHeightMm };
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
  const drawn = new Map<string, LabelDrawing>();
  let page = -1;
  layoutSheet(layout, labels.length).forEach((p, i) => {
    if (p.page !== page) {
      doc.addPage({ size: [layout.pageWidthMm * PT_PER_MM, layout.pageHeightMm * PT_PER_MM], margin: 0 });
      page = p.page;
    }
    const label = labels[i]!;
    const key = JSON.stringify(label);
    let d = drawn.get(key);
    if (!d) {
      d = drawLabel(label, size, symbolOf(label));
      drawn.set(key, d);
    }
    draw(doc, d, p.xMm, p.yMm);
  });
  doc.end();
  return finished;
}
