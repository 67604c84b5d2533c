/**
 * The people's forms (8.2 花名册, 8.3 发放登记表, …) printed like the paper: a report sheet as
 * HTML for the browser's print dialog, or as a PDF (A4 landscape, Noto Sans SC embedded as in
 * labels/pdf.ts). The XLSX of the same sheet comes from server/services/reports/export.ts, so the
 * three never disagree.
 */
import PDFDocument from 'pdfkit';
import { inLanguage, type Cell, type CellKind, type ReportSheet, type Text } from '../domain/report-sheet.ts';
import { fontRuns, labelFonts } from '../../labels/fonts.ts';
import type { ExportLang } from './reports/export.ts';

const say = (t: Text, lang: ExportLang) => (lang === 'en' ? t.en : t.zh);
const WORDS = {
  'zh-CN': { unit: '填报单位', period: '统计期间', colon: '：', total: '合计' },
  en: { unit: 'Reporting unit', period: 'Period', colon: ': ', total: 'Total' },
} as const;

function cellText(kind: CellKind, v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (kind === 'money') return (v / 100).toFixed(2);
  if (kind === 'decimal') return v.toFixed(2);
  if (kind === 'percent') return `${(v * 100).toFixed(1)}%`;
  return String(v);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sheet as a self-contained printable page (A4 landscape), no script. */
export function sheetToHtml(original: ReportSheet, lang: ExportLang): string {
  const sheet = inLanguage(original, lang);
  const w = WORDS[lang];
  const title = escapeHtml(say(sheet.title, lang));
  const head = sheet.columns.map((c) => `<th>${escapeHtml(say(c.header, lang))}</th>`).join('');
  const row = (r: Record<string, Cell>, cls = '') =>
    `<tr${cls ? ` class="${cls}"` : ''}>${sheet.columns.map((c) => `<td class="${c.kind}">${escapeHtml(cellText(c.kind, r[c.key] ?? null))}</td>`).join('')}</tr>`;
  const body = sheet.rows.map((r) => row(r)).join('\n');
  const totals = [...sheet.unitTotals.map((r) => row(r, 'total')), ...(sheet.totals ? [row(sheet.totals, 'total')] : [])].join('\n');
  const notes = sheet.notes.map((n) => `<p class="note">${escapeHtml(say(n, lang))}</p>`).join('');
  const signatures = sheet.signatures.map((s) => `<span>${escapeHtml(say(s, lang).replace(/[:：]\s*$/, ''))}${w.colon}________</span>`).join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<style>
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 10pt; color: #000; }
h1 { text-align: center; font-size: 16pt; margin: 0 0 4mm; }
.meta { display: flex; justify-content: space-between; margin-bottom: 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 1mm 1.5mm; }
th { background: #d9d9d9; }
td.int, td.money, td.decimal, td.percent { text-align: right; }
tr.total td { font-weight: bold; }
thead { display: table-header-group; }
.note { margin: 2mm 0 0; font-size: 9pt; }
.signatures { display: flex; justify-content: space-between; margin-top: 8mm; }
</style></head>
<body data-rows="${sheet.rows.length}">
<h1>${title}</h1>
<div class="meta"><span>${w.unit}${w.colon}${escapeHtml(`${sheet.depot.name}（${sheet.depot.code}）`)}</span><span>${w.period}${w.colon}${escapeHtml(say(sheet.period.label, lang))}</span></div>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
${totals}
</tbody></table>
${notes}
<div class="signatures">${signatures}</div>
</body></html>`;
}

const PAGE = { width: 841.89, height: 595.28, margin: 34 };
const ROW_HEIGHT = 16;

function widthOf(doc: PDFKit.PDFDocument, value: string, size: number) {
  return fontRuns(value).reduce((sum, r) => sum + doc.font(r.font).fontSize(size).widthOfString(r.text), 0);
}

/** Writes one line at (x, y), cut with … to `width`; right-aligned when asked. */
function line(doc: PDFKit.PDFDocument, value: string, x: number, y: number, width: number, size: number, align: 'left' | 'right' | 'center' = 'left') {
  let text = value;
  while (text.length > 1 && widthOf(doc, text, size) > width) text = text.slice(0, -2) + '…';
  const w = widthOf(doc, text, size);
  let at = align === 'right' ? x + width - w : align === 'center' ? x + (width - w) / 2 : x;
  for (const r of fontRuns(text)) {
    doc.font(r.font).fontSize(size).fillColor('#000').text(r.text, at, y, { lineBreak: false });
    at += doc.widthOfString(r.text);
  }
}

/** The sheet as a PDF: A4 landscape, the header repeated on every page, the signature captions at the foot. */
export function sheetToPdf(original: ReportSheet, lang: ExportLang): Promise<Buffer> {
  const sheet = inLanguage(original, lang);
  const w = WORDS[lang];
  const { cjk, latin } = labelFonts();
  const doc = new PDFDocument({ size: [PAGE.width, PAGE.height], margin: PAGE.margin, autoFirstPage: false, info: { Title: say(sheet.title, lang), Creator: '计划生育药具管理系统' } });
  doc.registerFont('cjk', cjk);
  doc.registerFont('latin', latin);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const usable = PAGE.width - 2 * PAGE.margin;
  const allRows = [...sheet.rows, ...sheet.unitTotals, ...(sheet.totals ? [sheet.totals] : [])];
  // Column widths from the widest text of each column at 9 pt, scaled to the page; text that still does not fit is cut with ….
  const natural = sheet.columns.map((c) => Math.max(widthOf(doc, say(c.header, lang), 9), ...allRows.map((r) => widthOf(doc, cellText(c.kind, r[c.key] ?? null), 9))) + 6);
  const sum = natural.reduce((a, b) => a + b, 0);
  const widths = natural.map((n) => (n / sum) * usable);
  const size = sum > usable ? Math.max(6.5, (9 * usable) / sum) : 9;

  let y = 0;
  const header = () => {
    let x = PAGE.margin;
    doc.rect(PAGE.margin, y, usable, ROW_HEIGHT).fill('#d9d9d9');
    sheet.columns.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, ROW_HEIGHT).lineWidth(0.5).stroke('#000');
      line(doc, say(c.header, lang), x + 3, y + 4, widths[i]! - 6, size, 'center');
      x += widths[i]!;
    });
    y += ROW_HEIGHT;
  };
  const page = (first: boolean) => {
    doc.addPage({ size: [PAGE.width, PAGE.height], margin: PAGE.margin });
    y = PAGE.margin;
    if (first) {
      line(doc, say(sheet.title, lang), PAGE.margin, y, usable, 16, 'center');
      y += 26;
      line(doc, `${w.unit}${w.colon}${sheet.depot.name}（${sheet.depot.code}）`, PAGE.margin, y, usable / 2, 10);
      line(doc, `${w.period}${w.colon}${say(sheet.period.label, lang)}`, PAGE.margin + usable / 2, y, usable / 2, 10, 'right');
      y += 18;
    }
    header();
  };
  page(true);
  const bottom = PAGE.height - PAGE.margin - 40;
  for (const r of allRows) {
    if (y + ROW_HEIGHT > bottom) page(false);
    let x = PAGE.margin;
    sheet.columns.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, ROW_HEIGHT).lineWidth(0.5).stroke('#000');
      line(doc, cellText(c.kind, r[c.key] ?? null), x + 3, y + 4, widths[i]! - 6, size, c.kind === 'text' ? 'left' : 'right');
      x += widths[i]!;
    });
    y += ROW_HEIGHT;
  }
  y += 8;
  for (const n of sheet.notes) {
    if (y + 14 > PAGE.height - PAGE.margin) page(false);
    line(doc, say(n, lang), PAGE.margin, y, usable, 8.5);
    y += 13;
  }
  if (y + 30 > PAGE.height - PAGE.margin) page(false);
  const step = usable / Math.max(1, sheet.signatures.length);
  sheet.signatures.forEach((s, i) => line(doc, `${say(s, lang).replace(/[:：]\s*$/, '')}${w.colon}________`, PAGE.margin + i * step, y + 16, step - 6, 10));
  doc.end();
  return finished;
}
