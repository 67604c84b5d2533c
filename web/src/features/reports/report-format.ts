import { lang } from '../../i18n/index.ts';
import { formatQuantity, formatYuan } from '../../components/format.ts';
import type { ReportColumn, ReportRow, ReportSheet } from './reports-api.ts';

type Cell = ReportRow[string];
type Text = { zh: string; en: string };

export const say = (text: Text) => (lang.value === 'en' ? text.en : text.zh);

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(kind: 'decimal' | 'percent'): Intl.NumberFormat {
  const key = `${lang.value}:${kind}`;
  let format = formats.get(key);
  if (!format) {
    format = kind === 'percent' ? new Intl.NumberFormat(lang.value, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }) : new Intl.NumberFormat(lang.value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    formats.set(key, format);
  }
  return format;
}

/**
 * A cell as the form prints it: counts with thousands separators, money (fen) in yuan with two
 * decimals, percent (0..1) with one decimal; a text cell in English shows its `<key>En` when the
 * row carries one (the server's inLanguage does the same for the exports).
 */
export function cellText(column: ReportColumn, row: ReportRow): string {
  const value: Cell = row[column.key];
  if (column.kind === 'text') {
    const english = row[`${column.key}En`];
    if (lang.value === 'en' && typeof english === 'string') return english;
    return value === null || value === undefined ? '' : String(value);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? '' : String(value);
  switch (column.kind) {
    case 'int':
      return formatQuantity(value);
    case 'money':
      return formatYuan(value);
    case 'decimal':
      return numberFormat('decimal').format(value);
    case 'percent':
      return numberFormat('percent').format(value);
  }
}

export const isNumeric = (column: ReportColumn) => column.kind !== 'text';
export const isNegative = (row: ReportRow, column: ReportColumn) => isNumeric(column) && typeof row[column.key] === 'number' && (row[column.key] as number) < 0;

export interface HeaderSpan {
  group: Text | undefined;
  columns: ReportColumn[];
}

const sameText = (a: Text | undefined, b: Text | undefined) => a !== undefined && b !== undefined && a.zh === b.zh && a.en === b.en;

/** Runs of consecutive columns under one group (期初库存 → 数量 / 金额); a column without a group stands alone. */
export function headerSpans(columns: readonly ReportColumn[]): HeaderSpan[] {
  const spans: HeaderSpan[] = [];
  for (const column of columns) {
    const last = spans[spans.length - 1];
    if (last && column.group && sameText(last.group, column.group)) last.columns.push(column);
    else spans.push({ group: column.group, columns: [column] });
  }
  return spans;
}

/** Past this many columns a sheet is printed on A4 landscape; narrower ones fit portrait. */
const MAX_PORTRAIT_COLUMNS = 8;
export const isWide = (sheet: ReportSheet) => sheet.columns.length > MAX_PORTRAIT_COLUMNS;

/** "填报单位：永宁县（640121）" / "Reporting unit: 永宁县 (640121)". */
export const unitText = (depot: ReportSheet['depot']) => (lang.value === 'en' ? `${depot.name} (${depot.code})` : `${depot.name}（${depot.code}）`);
