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
  /**
   * An int column of quantities in the row's product unit (the row's `unit` cell): summed per
   * unit, never across units (server/domain/units.ts).
   */
  perUnit?: boolean;
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
  /**
   * 合计 row: sums of the numeric columns, where a sum means something. Quantities (`perUnit`
   * columns) are summed here only when every row is of one unit; otherwise they are in unitTotals.
   */
  totals: Record<string, Cell> | null;
  /** 合计（盒）, 合计（板）…: one total row per unit, before 合计, when the rows hold more than one unit. */
  unitTotals: Record<string, Cell>[];
  /** Lines under the table: definitions, and what the figures include. */
  notes: Text[];
  /** Signature captions at the foot: 单位负责人, 制表人, … (the print view leaves a line for each). */
  signatures: Text[];
  generatedAt: string;
}

/** The unit of a row with quantities: its `unit` cell (the product's unit, 盒). */
const unitOf = (row: Record<string, Cell>) => String(row.unit ?? '');

/** The units the rows' quantities are in, in the order met; none when the sheet has no quantity columns. */
export function unitsOf(columns: readonly ReportColumn[], rows: readonly Record<string, Cell>[]): string[] {
  if (!columns.some((c) => c.perUnit)) return [];
  return [...new Set(rows.map(unitOf))];
}

/**
 * Sums the numeric columns of rows into a total row labelled 合计 / Total in `labelKey`; a
 * quantity column only when all rows are of one unit (120 盒 and 30 板 make no 150). A text cell
 * may carry its English under `<key>En` (rows and totals alike); English views show that.
 */
export function totalRow(columns: readonly ReportColumn[], rows: readonly Record<string, Cell>[], labelKey: string, label: Text = { zh: '合计', en: 'Total' }): Record<string, Cell> {
  const mixed = unitsOf(columns, rows).length > 1;
  const total: Record<string, Cell> = {};
  for (const c of columns) {
    if ((c.kind === 'int' || c.kind === 'money' || c.kind === 'decimal') && !(c.perUnit && mixed)) {
      total[c.key] = rows.reduce<number>((s, r) => s + (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0), 0);
    } else total[c.key] = null;
  }
  total[labelKey] = label.zh;
  total[`${labelKey}En`] = label.en;
  return total;
}

/**
 * The 合计 rows per unit of rows holding more than one unit (none otherwise), in the order the
 * units first appear: 合计（盒） / Total (box), with the unit in the `unit` column and every
 * numeric column summed over that unit's rows. Example: rows of 板 30 and 盒 100 and 20 give
 * 合计（板） 30 and 合计（盒） 120. `finish` recomputes what a sum cannot give (rates, rounding).
 */
export function unitTotalRows(
  columns: readonly ReportColumn[],
  rows: readonly Record<string, Cell>[],
  labelKey: string,
  finish: (total: Record<string, Cell>, rows: readonly Record<string, Cell>[]) => void = () => {},
): Record<string, Cell>[] {
  const units = unitsOf(columns, rows);
  if (units.length < 2) return [];
  return units.map((unit) => {
    const mine = rows.filter((r) => unitOf(r) === unit);
    const english = [...new Set(mine.map((r) => String(r.unitEn ?? unit)))].join('/');
    const total = totalRow(columns, mine, labelKey, { zh: `合计（${unit}）`, en: `Total (${english})` });
    if (columns.some((c) => c.key === 'unit')) Object.assign(total, { unit, unitEn: english });
    finish(total, mine);
    return total;
  });
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
  return { ...sheet, rows: sheet.rows.map(english), unitTotals: sheet.unitTotals.map(english), totals: sheet.totals && english(sheet.totals) };
}
