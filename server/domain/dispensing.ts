import type { DepotTier } from '../schemas/constants.ts';
import { DomainError } from './errors.ts';
import { isExpired, type ExpiryRule } from './expiry.ts';

/**
 * Dispensing checks (S0:398 乡、村级药管员在发放药具时,要对药具的包装和有效期进行检查,对内包装破损和
 * 过有效期的药具严禁发放): only where depots dispense, with the pack and the expiry confirmed as
 * checked, never a broken pack, never an expired batch.
 */
export function validateDispensing(
  s: { tier: DepotTier; batch: { lot: string; expiresOn: string; id: number }; packIntact: boolean; expiryChecked: boolean },
  now: Date,
  options: { dispensingTiers: readonly DepotTier[] } & ExpiryRule,
): void {
  if (!options.dispensingTiers.includes(s.tier)) throw new DomainError('dispensing_not_here', `A ${s.tier} depot does not dispense to people; it issues to the depots below`);
  if (isExpired(s.batch, now, options)) throw new DomainError('batch_expired', `Lot ${s.batch.lot} expired on ${s.batch.expiresOn}: never dispense it`, { batchId: s.batch.id });
  if (!s.expiryChecked) throw new DomainError('pack_check_required', 'Confirm that the pack and the expiry date were checked');
  if (!s.packIntact) throw new DomainError('pack_broken', 'A broken inner pack is never dispensed: give it to the inspector as non-conforming');
}
