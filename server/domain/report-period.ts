import type { Text } from './report-sheet.ts';

/** The periods reports are made for (年报, 半年报, 季报, 月报): inclusive months "YYYY-MM". */
export const PERIOD_KINDS = ['year', 'h1', 'h2', 'q1', 'q2', 'q3', 'q4', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ReportPeriod {
  year: number;
  kind: PeriodKind;
  from: string;
  to: string;
  label: Text;
}

const mm = (m: number) => String(m).padStart(2, '0');
const QUARTERS_ZH = ['一', '二', '三', '四'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Example: (2026, 'h2') → 2026-07..2026-12, "2026年下半年" / "2026 H2"; (2026, 'month', 3) →
 * 2026-03..2026-03, "2026年3月" / "March 2026".
 */
export function reportPeriod(year: number, kind: PeriodKind, month = 1): ReportPeriod {
  const span = (first: number, last: number, zh: string, en: string): ReportPeriod => ({ year, kind, from: `${year}-${mm(first)}`, to: `${year}-${mm(last)}`, label: { zh, en } });
  switch (kind) {
    case 'year':
      return span(1, 12, `${year}年度`, `Year ${year}`);
    case 'h1':
      return span(1, 6, `${year}年上半年`, `${year} H1`);
    case 'h2':
      return span(7, 12, `${year}年下半年`, `${year} H2`);
    case 'month':
      return span(month, month, `${year}年${month}月`, `${MONTHS_EN[month - 1]} ${year}`);
    default: {
      const q = Number(kind.slice(1));
      return span(q * 3 - 2, q * 3, `${year}年第${QUARTERS_ZH[q - 1]}季度`, `${year} Q${q}`);
    }
  }
}

/** The month before "YYYY-MM": the last month of the opening balance. */
export function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${mm(m - 1)}`;
}

/** Half-year of a period for figures kept by half (使用人数): a year or H2 reads the second half. */
export const halfOfPeriod = (p: ReportPeriod): 1 | 2 => (p.kind === 'h1' || p.kind === 'q1' || p.kind === 'q2' || (p.kind === 'month' && Number(p.to.slice(5)) <= 6) ? 1 : 2);
