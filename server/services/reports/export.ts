/**
 * A report sheet as a file: XLSX laid out like the official paper form (title, 填报单位 and
 * 统计期间, a one- or two-row header, the rows, 合计, the notes and the signature captions), and
 * CSV for anyone who wants the figures in another tool. Numbers stay numbers in the XLSX so
 * finance can sum them; money is stored in fen and written in yuan.
 */
import ExcelJS from 'exceljs';
import { inLanguage, type Cell, type CellKind, type ReportColumn, type ReportSheet, type Text } from '../../domain/report-sheet.ts';

export type ExportLang = 'zh-CN' | 'en';

const WORDS = {
  'zh-CN': { unit: '填报单位', period: '统计期间', colon: '：' },
  en: { unit: 'Reporting unit', period: 'Period', colon: ': ' },
} as const;

const SIGNATURE_BLANK = '________';

const NUM_FMT: Record<CellKind, string> = {
  int: '#,##0',
  money: '#,##0.00',
  decimal: '#,##0.00',
  percent: '0.0%',
  text: '@',
};

const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };

/** Excel's "Narrow" margins preset, in inches. */
const NARROW_MARGINS = { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
const A4 = 9;
/** Past this many columns the form no longer fits an A4 portrait page legibly. */
const MAX_PORTRAIT_COLUMNS = 8;

const MIN_WIDTH = 8;
const MAX_WIDTH = 40;

function say(text: Text, lang: ExportLang): string {
  return lang === 'zh-CN' ? text.zh : text.en;
}

function unitText(sheet: ReportSheet, lang: ExportLang): string {
  return lang === 'zh-CN' ? `${sheet.depot.name}（${sheet.depot.code}）` : `${sheet.depot.name} (${sheet.depot.code})`;
}

function signatureCaption(caption: Text, lang: ExportLang): string {
  const words = say(caption, lang).replace(/\s*[:：]\s*$/, '');
  return `${words}${WORDS[lang].colon}${SIGNATURE_BLANK}`;
}

function sameText(a: Text | undefined, b: Text | undefined): boolean {
  return a !== undefined && b !== undefined && a.zh === b.zh && a.en === b.en;
}

interface HeaderSpan {
  /** 0-based index of the first column. */
  first: number;
  last: number;
  group: Text | undefined;
}

/** Runs of consecutive columns under the same group; a column without a group is a run of its own. */
function headerSpans(columns: readonly ReportColumn[]): HeaderSpan[] {
  const spans: HeaderSpan[] = [];
  columns.forEach((col, i) => {
    const prev = spans[spans.length - 1];
    if (prev && col.group && sameText(prev.group, col.group) && prev.last === i - 1) prev.last = i;
    else spans.push({ first: i, last: i, group: col.group });
  });
  return spans;
}

function isFiniteNumber(v: Cell): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The value written to an XLSX cell: yuan for money, text for text columns, null stays empty. */
function xlsxValue(kind: CellKind, v: Cell): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return null;
  if (kind === 'text') return String(v);
  return kind === 'money' ? v / 100 : v;
}

/** 123450 fen -> "1234.50"; integer arithmetic, so 105 fen is "1.05" and never "1.04999…". */
function fenToYuan(fen: number): string {
  const n = Math.round(fen);
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const GROUPED_INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const GROUPED_2DP = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** How a cell reads on screen in Excel, to size the column. */
function displayText(kind: CellKind, v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || kind === 'text') return String(v);
  if (!Number.isFinite(v)) return '';
  switch (kind) {
    case 'int':
      return GROUPED_INT.format(v);
    case 'money':
      return GROUPED_2DP.format(v / 100);
    case 'decimal':
      return GROUPED_2DP.format(v);
    case 'percent':
      return `${(v * 100).toFixed(1)}%`;
  }
}

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/** Width in Excel character units: a CJK character takes two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/** The rows under the header: the rows, the 合计 per unit (when the rows hold several units) and 合计. */
const bodyRowsOf = (sheet: ReportSheet) => [...sheet.rows, ...(sheet.totals ? sheet.unitTotals : []), ...(sheet.totals ? [sheet.totals] : [])];

function columnWidths(sheet: ReportSheet, lang: ExportLang, spans: readonly HeaderSpan[]): number[] {
  const bodyRows = bodyRowsOf(sheet);
  const widths = sheet.columns.map((col) => {
    let w = textWidth(say(col.header, lang));
    for (const row of bodyRows) w = Math.max(w, textWidth(displayText(col.kind, row[col.key] ?? null)));
    return clamp(w + 2, MIN_WIDTH, MAX_WIDTH);
  });
  for (const span of spans) {
    if (!span.group) continue;
    const need = textWidth(say(span.group, lang)) + 2;
    const count = span.last - span.first + 1;
    const have = widths.slice(span.first, span.last + 1).reduce((a, b) => a + b, 0);
    if (have < need) {
      const extra = Math.ceil((need - have) / count);
      for (let i = span.first; i <= span.last; i++) widths[i] = Math.min(MAX_WIDTH, widths[i] + extra);
    }
  }
  return widths;
}

/** Excel refuses []:*?/\ in a sheet name, a name over 31 characters, and a leading or trailing '. */
function worksheetName(title: string): string {
  const cleaned = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim();
  const cut = Array.from(cleaned).slice(0, 31).join('').replace(/^'+|'+$/g, '').trim();
  return cut || 'Sheet1';
}

/** How many text lines `s` needs in a cell `widthChars` wide. */
function linesNeeded(s: string, widthChars: number): number {
  return s.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / Math.max(1, widthChars))), 0);
}

/**
 * Splits `count` columns into `parts` nearly equal runs, the wider runs first.
 * Example: 9 columns, 3 signatures -> [1,3] [4,6] [7,9]; 10 columns, 3 -> [1,4] [5,7] [8,10].
 */
function spread(count: number, parts: number): Array<[number, number]> {
  const base = Math.floor(count / parts);
  const wider = count % parts;
  const out: Array<[number, number]> = [];
  let start = 1;
  for (let i = 0; i < parts; i++) {
    const size = base + (i < wider ? 1 : 0);
    out.push([start, start + size - 1]);
    start += size;
  }
  return out;
}

function merge(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  if (top !== bottom || left !== right) ws.mergeCells(top, left, bottom, right);
}

/**
 * The workbook for one report sheet, laid out like the paper form: row 1 the title, row 2
 * 填报单位 (left half) and 统计期间 (right half), then the header (two rows when any column has a
 * group), the rows, the 合计 rows (one per unit, when the rows hold several, then 合计), the notes
 * and a row of signature captions.
 */
export async function sheetToXlsx(original: ReportSheet, lang: ExportLang): Promise<Buffer> {
  const sheet = inLanguage(original, lang);
  const columns = sheet.columns;
  const width = Math.max(1, columns.length);
  const grouped = columns.some((c) => c.group !== undefined);
  const spans = headerSpans(columns);
  const widths = columnWidths(sheet, lang, spans);
  const words = WORDS[lang];
  const title = say(sheet.title, lang);

  const headerTop = 3;
  const headerBottom = grouped ? 4 : 3;
  const firstDataRow = headerBottom + 1;

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'fp-supplies';
  workbook.lastModifiedBy = 'fp-supplies';
  workbook.created = new Date(sheet.generatedAt);
  workbook.modified = workbook.created;

  const ws = workbook.addWorksheet(worksheetName(title), {
    pageSetup: {
      paperSize: A4,
      orientation: columns.length > MAX_PORTRAIT_COLUMNS ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      // 0: as many pages tall as the rows need.
      fitToHeight: 0,
      horizontalCentered: true,
      margins: NARROW_MARGINS,
      printTitlesRow: `${headerTop}:${headerBottom}`,
    },
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerBottom, topLeftCell: `A${firstDataRow}` }],
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const totalWidth = widths.reduce((a, b) => a + b, 0) || MIN_WIDTH;

  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 16 };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  merge(ws, 1, 1, 1, width);
  ws.getRow(1).height = 30;

  const unitLine = `${words.unit}${words.colon}${unitText(sheet, lang)}`;
  const periodLine = `${words.period}${words.colon}${say(sheet.period.label, lang)}`;
  if (width >= 2) {
    const leftEnd = Math.ceil(width / 2);
    const unitCell = ws.getCell(2, 1);
    unitCell.value = unitLine;
    unitCell.alignment = { horizontal: 'left', vertical: 'middle' };
    merge(ws, 2, 1, 2, leftEnd);
    const periodCell = ws.getCell(2, leftEnd + 1);
    periodCell.value = periodLine;
    periodCell.alignment = { horizontal: 'right', vertical: 'middle' };
    merge(ws, 2, leftEnd + 1, 2, width);
  } else {
    ws.getCell(2, 1).value = `${unitLine}  ${periodLine}`;
  }
  ws.getRow(2).height = 20;

  for (const span of spans) {
    const left = span.first + 1;
    const right = span.last + 1;
    if (grouped && span.group) {
      ws.getCell(headerTop, left).value = say(span.group, lang);
      merge(ws, headerTop, left, headerTop, right);
      for (let c = left; c <= right; c++) ws.getCell(headerBottom, c).value = say(columns[c - 1].header, lang);
    } else {
      ws.getCell(headerTop, left).value = say(columns[span.first].header, lang);
      merge(ws, headerTop, left, headerBottom, left);
    }
  }
  for (let r = headerTop; r <= headerBottom; r++) {
    let lines = 1;
    for (let c = 1; c <= columns.length; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
      if (cell.master === cell && typeof cell.value === 'string') lines = Math.max(lines, linesNeeded(cell.value, widths[c - 1]));
    }
    ws.getRow(r).height = Math.max(20, lines * 15);
  }

  const bodyRows: Array<{ values: Record<string, Cell>; bold: boolean }> = sheet.rows.map((values) => ({ values, bold: false }));
  if (sheet.totals) for (const values of [...sheet.unitTotals, sheet.totals]) bodyRows.push({ values, bold: true });
  let rowNumber = firstDataRow;
  for (const { values, bold } of bodyRows) {
    columns.forEach((col, i) => {
      const cell = ws.getCell(rowNumber, i + 1);
      const raw = values[col.key] ?? null;
      cell.value = xlsxValue(col.kind, raw);
      cell.numFmt = isFiniteNumber(raw) ? NUM_FMT[col.kind] : NUM_FMT.text;
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', horizontal: typeof cell.value === 'number' ? 'right' : 'left' };
      if (bold) cell.font = { bold: true };
    });
    rowNumber++;
  }

  for (const note of sheet.notes) {
    const text = say(note, lang);
    const cell = ws.getCell(rowNumber, 1);
    cell.value = text;
    cell.font = { size: 9 };
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    merge(ws, rowNumber, 1, rowNumber, width);
    // Excel does not grow a merged row to fit wrapped text, so size it here.
    ws.getRow(rowNumber).height = Math.max(14, linesNeeded(text, totalWidth) * 12);
    rowNumber++;
  }

  let lastRow = rowNumber - 1;
  if (sheet.signatures.length > 0) {
    rowNumber++;
    lastRow = rowNumber;
    const captions = sheet.signatures.map((s) => signatureCaption(s, lang));
    const runs = captions.length <= width ? spread(width, captions.length) : [[1, width] as [number, number]];
    const texts = captions.length <= width ? captions : [captions.join('    ')];
    runs.forEach(([left, right], i) => {
      const cell = ws.getCell(rowNumber, left);
      cell.value = texts[i];
      cell.alignment = { horizontal: 'left', vertical: 'middle' };
      merge(ws, rowNumber, left, rowNumber, right);
    });
    ws.getRow(rowNumber).height = 24;
  }

  ws.pageSetup.printArea = `A1:${ws.getColumn(width).letter}${lastRow}`;

  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}

/** RFC 4180: quote a field holding a comma, a quote, CR or LF, doubling the quotes inside. */
function csvQuote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, and the tab and CR that OWASP adds)
 * is prefixed with a single quote. Only text: a number written by us (-5) is never touched.
 */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvText(text: string): string {
  return csvQuote(neutralise(text));
}

function csvCell(kind: CellKind, v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return csvText(v);
  if (!Number.isFinite(v)) return '';
  switch (kind) {
    case 'text':
      return csvText(String(v));
    case 'int':
      return String(v);
    case 'money':
      return fenToYuan(v);
    case 'decimal':
      return v.toFixed(2);
    case 'percent':
      return `${(v * 100).toFixed(1)}%`;
  }
}

/**
 * The sheet as CSV: UTF-8 with a BOM so Excel reads the Chinese, CRLF line ends. The preamble is
 * the title, 填报单位 and 统计期间 and a blank line; a grouped column's header is "期初库存-数量".
 * Money is yuan with 2 decimals (123450 fen -> 1234.50); a percent 0.125 is 12.5%.
 */
export function sheetToCsv(original: ReportSheet, lang: ExportLang): string {
  const sheet = inLanguage(original, lang);
  const words = WORDS[lang];
  const lines: string[] = [
    csvText(say(sheet.title, lang)),
    [words.unit, unitText(sheet, lang)].map(csvText).join(','),
    [words.period, say(sheet.period.label, lang)].map(csvText).join(','),
    '',
    sheet.columns
      .map((c) => csvText(c.group ? `${say(c.group, lang)}-${say(c.header, lang)}` : say(c.header, lang)))
      .join(','),
  ];
  for (const row of bodyRowsOf(sheet)) lines.push(sheet.columns.map((c) => csvCell(c.kind, row[c.key] ?? null)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * "640121 县级计划生育药具购调存数量统计表 2026年度.xlsx": depot code, title and period. Keeps CJK
 * (the route sends it as an RFC 5987 filename*), drops what Windows refuses in a file name
 * (/ \ : * ? " < > |) and control characters.
 */
export function exportFileName(sheet: ReportSheet, lang: ExportLang, ext: 'xlsx' | 'csv' | 'pdf'): string {
  const stem = [sheet.depot.code, say(sheet.title, lang), say(sheet.period.label, lang)]
    .join(' ')
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '');
  return `${stem || 'report'}.${ext}`;
}
