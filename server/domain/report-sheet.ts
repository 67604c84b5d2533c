/**
 * A report as the paper form has it: a title, the reporting unit and period, a header of one or
 * two rows (grouped columns such as 期初库存 → 数量 / 金额), the rows, a total row, and the
 * signature lines at the foot. The same sheet is sent as JSON to the screen, printed, and
 * written as XLSX or CSV (server/services/reports/export.ts), so the four never disagree.
 */

export interface Text {
  zh: string;
  en: string;
}

export type CellKind = 'text' | 'int' | 'money' | 'decimal' | 'percent';

export interface ReportColumn {
  key: string;
  header: Text;
  /** A header cell spanning this column and the next ones with the same group (first header row). */
  group?: Text;
  /** int: a count; money: fen (shown as yuan with 2 decimals); decimal: 2 decimals; percent: 0..1. */
  kind: CellKind;
}

export type Cell = string | number | null;

export interface ReportSheet {
  /** The report id in the registry, e.g. 'pts'. */
  report: string;
  title: Text;
  /** 填报单位 */
  depot: { id: number; code: string; name: string; tier: string };
  /** Inclusive months "YYYY-MM", and the label the form prints (2026年度, 2026年上半年, …). */
  period: { from: string; to: string; label: Text };
  columns: ReportColumn[];
  rows: Record<string, Cell>[];
  /** 合计 row: sums of the numeric columns, where a sum means something. */
  totals: Record<string, Cell> | null;
  /** Lines under the table: definitions, and what the figures include. */
  notes: Text[];
  /** Signature captions at the foot: 单位负责人, 制表人, … (the print view leaves a line for each). */
  signatures: Text[];
  generatedAt: string;
}

/**
 * Sums the numeric columns of rows into a total row labelled 合计 / Total in `labelKey`. A text
 * cell may carry its English under `<key>En` (rows and totals alike); English views show that.
 */
export function totalRow(columns: readonly ReportColumn[], rows: readonly Record<string, Cell>[], labelKey: string, label: Text = { zh: '合计', en: 'Total' }): Record<string, Cell> {
  const total: Record<string, Cell> = {};
  for (const c of columns) {
    if (c.kind === 'int' || c.kind === 'money' || c.kind === 'decimal') {
      total[c.key] = rows.reduce<number>((s, r) => s + (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0), 0);
    } else total[c.key] = null;
  }
  total[labelKey] = label.zh;
  total[`${labelKey}En`] = label.en;
  return total;
}

/** The rows and totals as an English reader sees them: each text cell replaced by its `<key>En`, where given. */
export function inLanguage(sheet: ReportSheet, lang: 'zh-CN' | 'en'): ReportSheet {
  if (lang !== 'en') return sheet;
  const textKeys = sheet.columns.filter((c) => c.kind === 'text').map((c) => c.key);
  const english = (row: Record<string, Cell>) => {
    const out = { ...row };
    for (const key of textKeys) if (typeof row[`${key}En`] === 'string') out[key] = row[`${key}En`];
    return out;
  };
  return { ...sheet, rows: sheet.rows.map(english), totals: sheet.totals && english(sheet.totals) };
}
