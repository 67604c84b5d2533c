/**
 * Expiry rules. Expired goods are non-conforming (S0:419 过有效期的药具) and never issued.
 * Dates are calendar dates "YYYY-MM-DD", compared with today's date in the depots' time zone
 * (config.timeZone, Asia/Shanghai). On its expiry date a batch is no longer issuable
 * (`expiredFrom: 'expiry_date'`, the default); 「有效期至」 read as "valid through" keeps the
 * expiry date itself usable (`'day_after'`).
 */
export type ExpiryStatus = 'expired' | 'near_expiry' | 'ok';
export type ExpiredFrom = 'expiry_date' | 'day_after';

/** What decides expiry: the depots' calendar and whether the expiry date itself is still usable. */
export interface ExpiryRule {
  timeZone?: string;
  expiredFrom?: ExpiredFrom;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
// Intl formatting costs microseconds a call, and a pick list asks for the same instants (now, a
// document's posting time) hundreds of times: remember recent answers.
const recentDates = new Map<string, string>();

/** The calendar date of an instant in a time zone: 2026-11-22T17:00Z is 2026-11-23 in Asia/Shanghai. */
export function toIsoDate(d: Date, timeZone = 'UTC'): string {
  if (timeZone === 'UTC') return d.toISOString().slice(0, 10);
  const key = `${timeZone}|${d.getTime()}`;
  let date = recentDates.get(key);
  if (date === undefined) {
    let f = dateFormats.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      dateFormats.set(timeZone, f);
    }
    date = f.format(d);
    if (recentDates.size >= 10_000) recentDates.clear();
    recentDates.set(key, date);
  }
  return date;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The earliest expiry date still usable today. Example on 2026-11-22: 2026-11-23 by default
 * (a batch expiring today is expired), 2026-11-22 with `expiredFrom: 'day_after'`.
 */
export function firstUsableExpiry(now: Date, rule: ExpiryRule = {}): string {
  const today = toIsoDate(now, rule.timeZone ?? 'UTC');
  return (rule.expiredFrom ?? 'expiry_date') === 'expiry_date' ? addDays(today, 1) : today;
}

export function isExpired(batch: { expiresOn: string }, now: Date, rule: ExpiryRule = {}): boolean {
  return batch.expiresOn < firstUsableExpiry(now, rule);
}

/**
 * Near expiry (近效期, gap 1 in docs/regulation.md section 5): not expired, and expiring within
 * `nearExpiryDays`. Example with 180 days on 2026-11-22: expiring 2027-05-21 is near
 * (2026-11-22 + 180 = 2027-05-21), 2027-05-22 is not.
 */
export function isNearExpiry(batch: { expiresOn: string }, now: Date, nearExpiryDays: number, rule: ExpiryRule = {}): boolean {
  return !isExpired(batch, now, rule) && batch.expiresOn <= addDays(toIsoDate(now, rule.timeZone ?? 'UTC'), nearExpiryDays);
}

export function expiryStatus(batch: { expiresOn: string }, now: Date, nearExpiryDays: number, rule: ExpiryRule = {}): ExpiryStatus {
  if (isExpired(batch, now, rule)) return 'expired';
  return isNearExpiry(batch, now, nearExpiryDays, rule) ? 'near_expiry' : 'ok';
}
