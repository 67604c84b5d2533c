/**
 * Expiry rules. A batch is usable through its expiry date and expired from the day after
 * (S0:419 lists expired goods as non-conforming). Dates are calendar dates "YYYY-MM-DD",
 * compared with today's date in the depots' time zone (config.timeZone, Asia/Shanghai).
 */
export type ExpiryStatus = 'expired' | 'near_expiry' | 'ok';

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

export function isExpired(batch: { expiresOn: string }, now: Date, timeZone = 'UTC'): boolean {
  return batch.expiresOn < toIsoDate(now, timeZone);
}

/**
 * Near expiry (近效期, gap 1 of requirements §1.25): not expired, and expiring within
 * `nearExpiryDays`. Example with 180 days on 2026-11-22: expiring 2027-05-21 is near
 * (2026-11-22 + 180 = 2027-05-21), 2027-05-22 is not.
 */
export function isNearExpiry(batch: { expiresOn: string }, now: Date, nearExpiryDays: number, timeZone = 'UTC'): boolean {
  return !isExpired(batch, now, timeZone) && batch.expiresOn <= addDays(toIsoDate(now, timeZone), nearExpiryDays);
}

export function expiryStatus(batch: { expiresOn: string }, now: Date, nearExpiryDays: number, timeZone = 'UTC'): ExpiryStatus {
  if (isExpired(batch, now, timeZone)) return 'expired';
  return isNearExpiry(batch, now, nearExpiryDays, timeZone) ? 'near_expiry' : 'ok';
}
