import { DomainError } from './errors.ts';
import { isExpired, toIsoDate, type ExpiryRule } from './expiry.ts';
import { allocateFefo, type PickCandidate } from './fefo.ts';

export type TransferBasis = 'allocation_plan' | 'new_product' | 'temporary';
export type TransferStatus = 'awaiting_approval' | 'approved' | 'declined' | 'dispatched' | 'received' | 'cancelled';

interface Placed {
  id: number;
  parentId: number | null;
}

/**
 * Where a depot may send stock (S0:391-392): to one of its children, or sideways to a sibling
 * (a lateral adjustment, which the common parent approves). Anything else is refused.
 */
export function classifyTransfer(from: Placed, to: Placed): 'child' | 'lateral' {
  if (to.parentId === from.id) return 'child';
  if (from.parentId !== null && to.parentId === from.parentId && to.id !== from.id) return 'lateral';
  throw new DomainError('not_a_child_depot', 'A depot issues only to its own child depots, or to a sibling with the common parent’s approval', { toDepotId: to.id });
}

/**
 * Who must approve before picking (S0:391 计划外调拨时,须经主管领导同意; docs/regulation.md GO-R1): a
 * lateral order needs the common parent's leader; every other order but one on an issued
 * allocation plan (whose leader signed the plan) needs the issuing depot's leader, a national
 * new-product allocation included, since nothing in the depot's own plan backs it.
 */
export function approvalDepotFor(from: Placed, kind: 'child' | 'lateral', basis: TransferBasis): number | null {
  if (kind === 'lateral') return from.parentId;
  return basis === 'allocation_plan' ? null : from.id;
}

/** Every later step re-checks the approval: nothing is picked, dispatched or received on a pending or declined one. */
export function assertPickable(status: TransferStatus): void {
  if (status === 'approved') return;
  if (status === 'awaiting_approval') throw new DomainError('approval_pending', 'This order is waiting for the leader’s approval');
  if (status === 'declined') throw new DomainError('approval_declined', 'The leader declined this order');
  throw new DomainError('order_closed', `This order is ${status}`);
}

/**
 * The pre-issue check (S0:397): goods in stock 90 days or more and last checked more than 30
 * days ago are inspected before they leave. Days are counted between calendar dates in the
 * depots' time zone. Example with the defaults on 2026-11-22: received 2026-08-24 (90 days) and
 * last inspected 2026-10-22 (31 days) needs a check; inspected 2026-10-23 (30 days) does not.
 * With `combine: 'or'` either condition alone is enough.
 */
export function needsPreIssueCheck(
  held: { firstReceivedAt: string; lastInspectedAt: string | null },
  now: Date,
  rule: { heldDays: number; sinceInspectionDays: number; combine: 'and' | 'or' },
  timeZone = 'UTC',
): boolean {
  const today = toIsoDate(now, timeZone);
  const heldLong = daysBetween(toIsoDate(new Date(held.firstReceivedAt), timeZone), today) >= rule.heldDays;
  const checkStale = held.lastInspectedAt === null || daysBetween(toIsoDate(new Date(held.lastInspectedAt), timeZone), today) > rule.sinceInspectionDays;
  return rule.combine === 'and' ? heldLong && checkStale : heldLong || checkStale;
}

/**
 * Goods that stood in a storage area during a temperature or humidity excursion are inspected
 * before they leave too: due until an inspection here follows the end of the exposure (`null`
 * while the excursion goes on, `undefined` when never exposed).
 */
export function climateCheckDue(exposedUntil: number | null | undefined, lastInspectedAt: string | null): boolean {
  if (exposedUntil === undefined) return false;
  if (exposedUntil === null || lastInspectedAt === null) return true;
  return Date.parse(lastInspectedAt) <= exposedUntil;
}

export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`)) / 86_400_000);
}

export interface PickSnapshot {
  status: TransferStatus;
  /** The order line of the scanned batch's product, with what is already picked for it. */
  line: { requested: number; picked: number } | undefined;
  batch: { id: number; lot: string; expiresOn: string };
  /** Qualified stock of the batch here, less what open picks of every order reserve. */
  available: number;
  /** Whether the batch has stock here only outside the qualified zone. */
  onlyOutsideQualified: boolean;
  /** The product's qualified candidates, for the FEFO proposal of what the line still needs. */
  candidates: readonly PickCandidate[];
  preIssueCheckDue: boolean;
}

export interface PickInput {
  quantity: number;
  reason?: string;
}

/**
 * Checks one scan-verified pick (S0:358, 379, 392-394). Refuses a batch outside the order, any
 * zone but qualified, an expired batch, a batch due its pre-issue check, more than the line
 * needs and more than is free. A batch off the FEFO proposal needs a reason; the result says
 * whether it was off the proposal, so that the reason is recorded and shown.
 *
 * "On the proposal" means the FEFO allocation of the line's remaining quantity gives this batch
 * at least the picked quantity. Example: 100 still wanted, proposal B 80 then A 20: picking
 * 20 of A or 50 of B follows it; 30 of A does not (10 of it should have come from B).
 */
export function validatePick(s: PickSnapshot, input: PickInput, now: Date, options: { nearExpiryDays: number } & ExpiryRule): { offProposal: boolean } {
  assertPickable(s.status);
  if (!s.line) throw new DomainError('product_not_on_order', `Lot ${s.batch.lot} is of a product this order does not ask for`, { batchId: s.batch.id });
  if (isExpired(s.batch, now, options)) throw new DomainError('batch_expired', `Lot ${s.batch.lot} expired on ${s.batch.expiresOn}`, { batchId: s.batch.id });
  if (s.onlyOutsideQualified) throw new DomainError('batch_not_qualified', `Lot ${s.batch.lot} is not in the qualified zone here`, { batchId: s.batch.id });
  if (s.preIssueCheckDue) throw new DomainError('pre_issue_check_required', `Lot ${s.batch.lot} must pass a pre-issue inspection before it leaves`, { batchId: s.batch.id });
  const remaining = s.line.requested - s.line.picked;
  if (input.quantity > remaining) throw new DomainError('over_pick', `The order needs ${remaining} more, not ${input.quantity}`, { remaining });
  if (input.quantity > s.available) throw new DomainError('insufficient_stock', `Only ${s.available} of lot ${s.batch.lot} are free to pick`, { available: s.available });
  const { proposals } = allocateFefo(s.candidates, remaining, now, options);
  const proposed = proposals.find((p) => p.batchId === s.batch.id)?.quantity ?? 0;
  const offProposal = input.quantity > proposed;
  if (offProposal && !input.reason?.trim()) {
    throw new DomainError('fefo_override_reason_required', `Lot ${s.batch.lot} is not next by first-expiry-first-out: give a reason`, { proposals });
  }
  return { offProposal };
}
