/**
 * Follow-up schedules (随访, S0:296, 365 定期做好随访服务): when a user of a method is next visited.
 * Pure date arithmetic over calendar dates "YYYY-MM-DD"; "today" arrives as an argument.
 */

/**
 * A method's schedule, in months after the method was started (an IUD inserted, the first
 * pills): first at each of `months`, then every `thenEvery` months after the last of them (or
 * after the start, when `months` is empty); no further visits when `thenEvery` is absent.
 * Example (the IUD default): { months: [1, 3, 6, 12], thenEvery: 12 } is 1, 3, 6, 12, 24, 36, …
 * months after insertion; pills { months: [], thenEvery: 3 } is 3, 6, 9, … months after the start.
 */
export interface FollowUpSchedule {
  months: readonly number[];
  thenEvery?: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The date `months` calendar months after `isoDate`, kept at the same day or, where the month is
 * shorter, its last day. Example: 2026-01-31 + 1 = 2026-02-28; 2024-01-31 + 1 = 2024-02-29;
 * 2024-02-29 + 12 = 2025-02-28, + 48 = 2028-02-29; 2026-08-31 + 3 = 2026-11-30.
 */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The k-th scheduled follow-up (k from 0) of a method started on `since`, always counted from
 * the start so that month ends do not drift (31 Jan + 3 months is 30 Apr, + 6 months 31 Jul);
 * null when the schedule has no k-th visit.
 */
export function scheduledOn(schedule: FollowUpSchedule, since: string, k: number): string | null {
  if (k < schedule.months.length) return addMonths(since, schedule.months[k]!);
  if (!schedule.thenEvery) return null;
  const last = schedule.months.at(-1) ?? 0;
  return addMonths(since, last + (k - schedule.months.length + 1) * schedule.thenEvery);
}

/**
 * The next follow-up due: the first scheduled date after the last visit, a visit up to
 * `earlyDays` before a scheduled date counting for it; a missed date is not carried over once a
 * later visit took place. Visits before `since` (of an earlier method) do not count. Null when the
 * schedule has no further visit.
 *
 * Worked example, an IUD inserted 2026-01-31, 15 days early allowed: scheduled 2026-02-28,
 * 04-30, 07-31, 2027-01-31, 2028-01-31, …. No visit yet: 2026-02-28. A visit on 2026-02-20 (8
 * days early) counts for 02-28: next 2026-04-30. A visit on 2026-02-10 (18 days early) does not:
 * 02-28 stays due. A visit on 2026-05-20, after the 04-30 was missed: next 2026-07-31.
 */
export function nextFollowUpDue(schedule: FollowUpSchedule | null, since: string, lastVisit: string | null, earlyDays: number): string | null {
  if (!schedule) return null;
  const coveredThrough = lastVisit !== null && lastVisit >= since ? addDays(lastVisit, earlyDays) : since;
  for (let k = 0; k < 10_000; k++) {
    const on = scheduledOn(schedule, since, k);
    if (on === null) return null;
    if (on > coveredThrough) return on;
  }
  return null;
}

/** Overdue: its date has passed without a visit. Example: due 2026-11-20, today 2026-11-21: overdue by 1 day. */
export const isOverdue = (dueOn: string, today: string) => dueOn < today;

/**
 * The scheduled follow-ups of a method started on `since` that fall in [from, to] (inclusive
 * dates), for the quarter's summary: how many were due. Example: pills started 2026-01-15,
 * quarter 2026-04-01..06-30: [2026-04-15]; an IUD inserted 2026-03-10, same quarter:
 * [2026-04-10, 2026-06-10].
 */
export function scheduledBetween(schedule: FollowUpSchedule | null, since: string, from: string, to: string): string[] {
  if (!schedule) return [];
  const out: string[] = [];
  for (let k = 0; k < 10_000; k++) {
    const on = scheduledOn(schedule, since, k);
    if (on === null || on > to) break;
    if (on >= from) out.push(on);
  }
  return out;
}
