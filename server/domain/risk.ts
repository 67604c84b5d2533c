/**
 * Rules behind the risk and indicator reports: expiry horizons, months of stock and its risk
 * status, time out of compliance in a climate log, FEFO override reasons, couple-years of
 * protection. Dates are calendar dates "YYYY-MM-DD", months "YYYY-MM", instants epoch ms.
 */

const mm = (n: number) => String(n).padStart(2, '0');

/**
 * The same day `months` later, or the month's last day when it has no such day. Example:
 * 2026-11-22 + 3 → 2027-02-22; 2026-11-30 + 3 → 2027-02-28; 2027-08-31 − 6 → 2027-02-28.
 */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${mm(month)}-${mm(Math.min(d, last))}`;
}

/** "YYYY-MM" shifted by `months`. Example: 2026-11 − 12 → 2025-11. */
export function shiftMonth(month: string, months: number): string {
  return addMonths(`${month}-01`, months).slice(0, 7);
}

/**
 * The last `n` whole months before today's month, inclusive. Example on 2026-11-22 with 12:
 * 2025-11..2026-10 (November 2026 is not over, so it is left out).
 */
export function lastFullMonths(today: string, n: number): { from: string; to: string } {
  const current = today.slice(0, 7);
  return { from: shiftMonth(current, -n), to: shiftMonth(current, -1) };
}

/** The horizons of the expiry report: the first expiry date still usable, and the last date of each window. */
export interface ExpiryHorizons {
  firstUsable: string;
  within3: string;
  within6: string;
  within12: string;
}

/**
 * Example on 2026-11-22 with expiry on the expiry date (first usable 2026-11-23): within 3
 * months means expiring 2026-11-23..2027-02-22, within 6 up to 2027-05-22, within 12 up to
 * 2027-11-22.
 */
export function expiryHorizons(today: string, firstUsable: string): ExpiryHorizons {
  return { firstUsable, within3: addMonths(today, 3), within6: addMonths(today, 6), within12: addMonths(today, 12) };
}

export type ExpiryBucket = 'expired' | 'within3' | 'within6' | 'within12';

/**
 * The buckets a batch falls in. Already expired is a bucket of its own; the windows are
 * cumulative (what expires within 3 months is also within 6 and 12). With the horizons above:
 * 2026-11-22 → [expired]; 2027-02-22 → [within3, within6, within12]; 2027-02-23 →
 * [within6, within12]; 2027-11-23 → [].
 */
export function expiryBucketsOf(expiresOn: string, h: ExpiryHorizons): ExpiryBucket[] {
  if (expiresOn < h.firstUsable) return ['expired'];
  const buckets: ExpiryBucket[] = [];
  if (expiresOn <= h.within3) buckets.push('within3');
  if (expiresOn <= h.within6) buckets.push('within6');
  if (expiresOn <= h.within12) buckets.push('within12');
  return buckets;
}

export type StockRisk = 'stocked_out' | 'low' | 'over' | 'ok';
/** Most urgent first: the order of the months-of-stock report. */
export const RISK_ORDER: readonly StockRisk[] = ['stocked_out', 'low', 'over', 'ok'];

export interface StockThresholds {
  lowStockMonths: number;
  overStockMonths: number;
}

export const round2 = (x: number) => Math.round(x * 100) / 100;
export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** A ratio rounded to 4 places (0.8731 = 87.31 %), or null when there is nothing to divide by. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? round4(part / whole) : null);

/**
 * Months of stock: usable stock over average monthly consumption, 2 decimals; null without
 * consumption. Example: 8 usable, 60 consumed in 12 months (5 a month) → 1.6.
 */
export function monthsOfStock(usable: number, averageMonthly: number): number | null {
  return averageMonthly > 0 ? round2(usable / averageMonthly) : null;
}

/**
 * The risk status of a product at a depot. Stocked out: nothing usable while the depot holds
 * some (expired, held, pending) or used some. Low: under `lowStockMonths` of use (exactly 2.0 is
 * not low). Over: more than `overStockMonths`, or usable stock that nothing consumed. Examples
 * with 2 and 12: usable 0 → stocked_out; 8 at 5 a month (1.6) → low; 40 at 20 (2.0) → ok;
 * 100 at 2 (50) → over; 7 with no consumption → over.
 */
export function stockRisk(usable: number, averageMonthly: number, t: StockThresholds): StockRisk {
  if (usable <= 0) return 'stocked_out';
  const months = monthsOfStock(usable, averageMonthly);
  if (months === null) return 'over';
  if (months < t.lowStockMonths) return 'low';
  if (months > t.overStockMonths) return 'over';
  return 'ok';
}

export interface Interval {
  start: number;
  /** null: still going on, up to the window's end. */
  end: number | null;
}

/**
 * Minutes of the union of some intervals inside [from, to), so that overlapping ones count once.
 * Example: window 0-100 min, intervals 10-30 and 20-40 and 90-∞ → 30 + 10 = 40 minutes.
 */
export function coveredMinutes(intervals: readonly Interval[], from: number, to: number): number {
  const clipped = intervals
    .map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end ?? to, to) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let runStart = Number.NaN;
  let runEnd = Number.NaN;
  for (const i of clipped) {
    if (Number.isNaN(runEnd) || i.start > runEnd) {
      if (!Number.isNaN(runEnd)) total += runEnd - runStart;
      runStart = i.start;
      runEnd = i.end;
    } else runEnd = Math.max(runEnd, i.end);
  }
  if (!Number.isNaN(runEnd)) total += runEnd - runStart;
  return total / 60_000;
}

/**
 * The free-text reasons of FEFO overrides grouped by their trimmed text, most frequent first
 * (then alphabetically). Example: [' 整箱发货', '整箱发货 ', '客户要求'] → 整箱发货 ×2, 客户要求 ×1.
 */
export function groupReasons(reasons: readonly string[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of reasons) {
    const key = r.trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/**
 * Couple-years of protection of a quantity (2 decimals), or null for a product without a
 * factor. Example: 30 pill cycles at 1/15 CYP each → 2; 2 TCu380A at 4.6 → 9.2.
 */
export function cypOf(quantity: number, cypPerUnit: number | null): number | null {
  return cypPerUnit === null ? null : round2(quantity * cypPerUnit);
}
