import { addDays, firstUsableExpiry, toIsoDate, type ExpiryRule } from './expiry.ts';

/**
 * Pick proposals for an issue (S0:358, 379: 先进先出、近效期先出): qualified stock only, never
 * expired, first expiry first out, then first in first out; batches expiring within the
 * near-expiry threshold are marked. FEFO before FIFO is the reading docs/regulation.md records
 * (section 5, gap 2).
 */
export interface PickCandidate {
  batchId: number;
  lot: string;
  expiresOn: string;
  /** When the batch first arrived at this depot (its qualified balance's first receipt). */
  firstReceivedAt: string;
  available: number;
}

export interface PickProposal {
  batchId: number;
  lot: string;
  expiresOn: string;
  quantity: number;
  nearExpiry: boolean;
}

/**
 * Allocates `quantity` over the candidates: soonest expiry first, then earliest arrival, then
 * lot (compared by code unit, so the order is the same on every machine); expired batches are
 * skipped. Returns the proposals and what could not
 * be covered.
 *
 * Worked example (today 2026-11-22, near expiry 180 days), 250 wanted from
 *   A exp 2027-03-31 (arrived 2026-01-05) 100 available,
 *   B exp 2027-03-31 (arrived 2025-12-01) 80,
 *   C exp 2028-06-30 (arrived 2025-06-01) 500,
 *   D exp 2026-11-22 (expires today: expired) 40:
 * B 80 (same expiry as A, arrived first, near expiry), A 100 (near expiry), C 70; D never.
 * Shortfall 0.
 */
export function allocateFefo(
  candidates: readonly PickCandidate[],
  quantity: number,
  now: Date,
  options: { nearExpiryDays: number } & ExpiryRule,
): { proposals: PickProposal[]; shortfall: number } {
  const today = toIsoDate(now, options.timeZone);
  const nearLimit = addDays(today, options.nearExpiryDays);
  const firstUsable = firstUsableExpiry(now, options);
  const usable = candidates
    .filter((c) => c.available > 0 && c.expiresOn >= firstUsable)
    .sort((a, b) => compare(a.expiresOn, b.expiresOn) || compare(a.firstReceivedAt, b.firstReceivedAt) || compare(a.lot, b.lot));
  const proposals: PickProposal[] = [];
  let left = quantity;
  for (const c of usable) {
    if (left <= 0) break;
    const take = Math.min(left, c.available);
    proposals.push({ batchId: c.batchId, lot: c.lot, expiresOn: c.expiresOn, quantity: take, nearExpiry: c.expiresOn <= nearLimit });
    left -= take;
  }
  return { proposals, shortfall: Math.max(0, left) };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
