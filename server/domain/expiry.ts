/**
 * Expiry rules. A batch is usable through its expiry date and expired from the day after
 * (S0:419 lists expired goods as non-conforming). Dates are calendar dates "YYYY-MM-DD",
 * compared in the depot's calendar (UTC in this product; see README).
 */
export type ExpiryStatus = 'expired' | 'near_expiry' | 'ok';

export const toIsoDate = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return toIsoDate(d);
}

export function isExpired(batch: { expiresOn: string }, now: Date): boolean {
  return batch.expiresOn < toIsoDate(now);
}

/**
 * Near expiry (近效期, gap 1 of requirements §1.25): not expired, and expiring within
 * `nearExpiryDays`. Example with 180 days on 2026-11-22: expiring 2027-05-21 is near
 * (2026-11-22 + 180 = 2027-05-21), 2027-05-22 is not.
 */
export function isNearExpiry(batch: { expiresOn: string }, now: Date, nearExpiryDays: number): boolean {
  return !isExpired(batch, now) && batch.expiresOn <= addDays(toIsoDate(now), nearExpiryDays);
}

export function expiryStatus(batch: { expiresOn: string }, now: Date, nearExpiryDays: number): ExpiryStatus {
  if (isExpired(batch, now)) return 'expired';
  return isNearExpiry(batch, now, nearExpiryDays) ? 'near_expiry' : 'ok';
}
