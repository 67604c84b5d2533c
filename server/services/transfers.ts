import type { Deps } from '../deps.ts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import * as q from '../../db/queries/transfers.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { findProduct } from '../../db/queries/catalogue.ts';
import { findSignatures } from '../../db/queries/receipts.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import { lastExposuresAt } from '../../db/queries/climate.ts';
import { heldBatchesAt } from '../../db/queries/quality.ts';
import { allocationRemaining, findAllocationPlan } from '../../db/queries/planning.ts';
import { assertNotHeld } from './holds.ts';
import { DomainError } from '../domain/errors.ts';
import { allocateFefo } from '../domain/fefo.ts';
import { firstUsableExpiry, isExpired } from '../domain/expiry.ts';
import { approvalDepotFor, assertPickable, classifyTransfer, climateCheckDue, needsPreIssueCheck, validatePick, type TransferBasis } from '../domain/transfers.ts';
import { assertCanRead, assertCanWriteAt, canRead, type Actor } from '../auth/scope.ts';
import { postMovements } from './posting.ts';
import { findScannedBatch } from './scanned-batch.ts';
import { audit } from './audit.ts';
import { assertIndependent } from './users.ts';
import { assertStockEffective } from './receipts.ts';
import { ineffectiveStockAt } from '../../db/queries/receipts.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { documentTotalsByUnit } from './unit-totals.ts';

export interface TransferOrderCreateInput {
  fromDepotId: number;
  toDepotId: number;
  basis: TransferBasis;
  planReference?: string;
  /** For basis allocation_plan: the issued plan the order follows. */
  allocationPlanId?: number;
  note?: string;
  lines: { productId: number; quantity: number }[];
}

export interface PickScanInput {
  raw?: string;
  batchId?: number;
  quantity?: number;
  reason?: string;
}


function loadOrder(deps: Deps, id: number) {
  const order = q.findOrder(deps.db, id);
  if (!order) throw new DomainError('transfer_order_not_found', `No transfer order ${id}`);
  return order;
}

/**
 * A planner drafts a transfer order (调拨单, S0:392) to a child depot, or to a sibling. An order
 * outside the allocation plan, or a lateral one, waits for a leader's approval (S0:391); the
 * leader is told.
 */
export function createTransferOrder(deps: Deps, actor: Actor, input: TransferOrderCreateInput) {
  const from = depotOrThrow(deps, input.fromDepotId);
  assertCanWriteAt(actor, from, 'planner');
  const to = depotOrThrow(deps, input.toDepotId);
  const kind = classifyTransfer(from, to);
  const seen = new Set<number>();
  input.lines.forEach((l, i) => {
    if (seen.has(l.productId)) throw new DomainError('validation_failed', 'One line per product', undefined, [{ path: `lines.${i}.productId`, message: 'already on the order' }]);
    seen.add(l.productId);
    if (!findProduct(deps.db, l.productId)) throw new DomainError('product_not_found', `No product ${l.productId}`);
  });
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    const planned = input.basis === 'allocation_plan' ? assertWithinAllocation(tx, from, to, input) : undefined;
    if (input.basis === 'new_product' && !input.planReference?.trim()) {
      throw new DomainError('national_document_required', 'A new-product order names the national allocation’s document number', undefined, [{ path: 'planReference', message: 'the national allocation document number' }]);
    }
    return draftOrder(tx, actor.userId, from, to, { ...input, ...planned, lateral: kind === 'lateral', approvalDepotId: approvalDepotFor(from, kind, input.basis) }, now);
  });
  return getTransferOrder(deps, actor, id);
}

/**
 * An order on the allocation plan (S0:378, 391) follows an issued plan of the issuing depot: each
 * line a product the plan allocates to the receiving depot, and never more than what remains of
 * it. Example: 500 allocated, 300 on an earlier order of the plan: at most 200 more.
 */
function assertWithinAllocation(tx: DbOrTx, from: { id: number }, to: { id: number }, input: TransferOrderCreateInput) {
  if (input.allocationPlanId === undefined) {
    throw new DomainError('allocation_plan_required', 'An order on the allocation plan names the plan', undefined, [{ path: 'allocationPlanId', message: 'required for basis allocation_plan' }]);
  }
  const plan = findAllocationPlan(tx, input.allocationPlanId);
  if (!plan || plan.depotId !== from.id) throw new DomainError('plan_not_found', `No allocation plan ${input.allocationPlanId} of this depot`);
  if (plan.status !== 'issued') throw new DomainError('allocation_plan_not_issued', `Allocation plan ${plan.number} is not issued yet`, { planId: plan.id });
  const remaining = allocationRemaining(tx, plan.id, to.id);
  input.lines.forEach((l, i) => {
    const line = remaining.get(l.productId);
    const left = line ? line.allocated - line.ordered : 0;
    if (l.quantity > left) {
      throw new DomainError('exceeds_allocation', `Plan ${plan.number} leaves ${left} of product ${l.productId} for this depot, not ${l.quantity}`, { planId: plan.id, productId: l.productId, remaining: left, line: i + 1 });
    }
  });
  return { allocationPlanId: plan.id, planReference: plan.number };
}

/** Writes an order and its lines in the caller's transaction; the approving leader, if any, is told. */
export function draftOrder(
  tx: Tx,
  actorId: number,
  from: { id: number; code: string },
  to: { id: number },
  input: Omit<TransferOrderCreateInput, 'fromDepotId' | 'toDepotId'> & { lateral: boolean; approvalDepotId: number | null; allocationPlanId?: number },
  now: Date,
): number {
  const number = `DB-${from.code}-${String(q.countOrdersFrom(tx, from.id) + 1).padStart(4, '0')}`;
  const order = q.insertOrder(tx, {
    number,
    fromDepotId: from.id,
    toDepotId: to.id,
    basis: input.basis,
    lateral: input.lateral,
    planReference: input.planReference ?? null,
    allocationPlanId: input.allocationPlanId ?? null,
    note: input.note ?? null,
    status: input.approvalDepotId === null ? 'approved' : 'awaiting_approval',
    approvalDepotId: input.approvalDepotId,
    createdBy: actorId,
    createdAt: now.toISOString(),
  });
  q.insertOrderLines(tx, input.lines.map((l) => ({ orderId: order.id, productId: l.productId, quantity: l.quantity })));
  if (input.approvalDepotId !== null) notify(tx, input.approvalDepotId, 'leader', 'transfer_approval', order.id, `调拨单 ${number} 待审批`, now);
  audit(tx, { actorId, depotId: from.id, action: 'create', entity: 'transfer_order', entityId: order.id, detail: { number, toDepotId: to.id, basis: input.basis, lateral: input.lateral, allocationPlanId: input.allocationPlanId } }, now);
  return order.id;
}

/** A leader of the approving depot approves or declines; nobody decides on their own order. */
export function decideTransferOrder(deps: Deps, actor: Actor, id: number, input: { decision: 'approved' | 'declined'; reason?: string }) {
  const order = loadOrder(deps, id);
  if (order.approvalDepotId === null) throw new DomainError('approval_not_required', `Order ${order.number} needs no approval`);
  const approver = depotOrThrow(deps, order.approvalDepotId);
  assertCanWriteAt(actor, approver, 'leader');
  if (order.status !== 'awaiting_approval') throw new DomainError('already_decided', `Order ${order.number} is ${order.status}`);
  if (order.createdBy === actor.userId) throw new DomainError('self_approval', 'Nobody approves their own order');
  if (input.decision === 'declined' && !input.reason?.trim()) {
    throw new DomainError('validation_failed', 'Say why the order is declined', undefined, [{ path: 'reason', message: 'required when declining' }]);
  }
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    assertIndependent(tx, order.createdBy, actor.userId);
    q.insertApproval(tx, { documentType: 'transfer_order', documentId: order.id, depotId: approver.id, decision: input.decision, reason: input.reason ?? null, userId: actor.userId, decidedAt: now.toISOString() });
    q.updateOrder(tx, order.id, { status: input.decision });
    audit(tx, { actorId: actor.userId, depotId: approver.id, action: input.decision === 'approved' ? 'approve' : 'decline', entity: 'transfer_order', entityId: order.id, detail: { reason: input.reason } }, now);
  });
  return getTransferOrder(deps, actor, id);
}

/**
 * The pick list: for each line still short, the FEFO-then-FIFO proposal from qualified stock
 * that open picks have not reserved, near-expiry batches marked, and the batches due their
 * pre-issue inspection (S0:397) flagged.
 */
function pickList(deps: Deps, tx: DbOrTx, order: { id: number; fromDepotId: number }) {
  const now = deps.clock.now();
  const firstUsable = firstUsableExpiry(now, deps.config);
  const options = { nearExpiryDays: deps.config.nearExpiryDays, timeZone: deps.config.timeZone, expiredFrom: deps.config.expiredFrom };
  const lines = q.findOrderLines(tx, order.id);
  // A held lot is never proposed: it cannot leave until its hold is released.
  const held = heldBatchesAt(tx, findDepotPlace(tx, order.fromDepotId)!.path);
  // Nor is stock whose receipt or opening balance has not taken effect.
  for (const batchId of ineffectiveStockAt(tx, order.fromDepotId).keys()) held.add(batchId);
  const candidates = q.fefoCandidates(tx, order.fromDepotId, lines.filter((l) => l.quantity > l.picked).map((l) => ({ productId: l.productId, remaining: l.quantity - l.picked })), firstUsable, held);
  const exposed = lastExposuresAt(tx, order.fromDepotId, candidates.map((c) => c.batchId));
  const byProduct = new Map<number, typeof candidates>();
  for (const c of candidates) {
    const mine = byProduct.get(c.productId);
    if (mine) mine.push(c);
    else byProduct.set(c.productId, [c]);
  }
  const byBatch = new Map(candidates.map((c) => [c.batchId, c]));
  // Objects written out rather than spread and extended: in Node 20 `{ ...x, more }` costs
  // microseconds an object, and an open order's every view builds some 200 of them.
  return lines.map(({ id, productId, quantity, productCode, productNameZh, productNameEn, gtin, picked }) => {
    const { proposals, shortfall } = allocateFefo(byProduct.get(productId) ?? [], quantity - picked, now, options);
    return {
      id,
      productId,
      quantity,
      productCode,
      productNameZh,
      productNameEn,
      gtin,
      picked,
      remaining: quantity - picked,
      shortfall,
      proposals: proposals.map(({ batchId, lot, expiresOn, quantity, nearExpiry }) => {
        const c = byBatch.get(batchId)!;
        const climateExposed = climateCheckDue(exposed.get(batchId), c.lastInspectedAt);
        const preIssueCheckDue = climateExposed || needsPreIssueCheck(c, now, deps.config.preIssueCheck, deps.config.timeZone);
        return { batchId, lot, expiresOn, quantity, nearExpiry, available: c.available, climateExposed, preIssueCheckDue };
      }),
    };
  });
}

/**
 * One scan-verified pick (S0:358, 392): the storekeeper scans a batch and the quantity taken.
 * Read and written in one transaction, so that two storekeepers picking the same batch can
 * never reserve more than the qualified stock holds.
 */
export function pickForOrder(deps: Deps, actor: Actor, id: number, input: PickScanInput) {
  const order = loadOrder(deps, id);
  const from = depotOrThrow(deps, order.fromDepotId);
  assertCanWriteAt(actor, from, 'storekeeper');
  const now = deps.clock.now();
  const options = { nearExpiryDays: deps.config.nearExpiryDays, timeZone: deps.config.timeZone, expiredFrom: deps.config.expiredFrom };
  const pick = deps.db.transaction((tx) => {
    const current = q.findOrder(tx, id)!;
    assertPickable(current.status);
    const { batch, count, entry } = findScannedBatch(tx, input);
    const quantity = input.quantity ?? count ?? 1;
    assertNotHeld(tx, batch, from.path);
    assertStockEffective(tx, from.id, batch);
    const line = q.findOrderLines(tx, id).find((l) => l.productId === batch.productId);
    const ineffective = ineffectiveStockAt(tx, from.id);
    const stock = q.qualifiedStockOf(tx, from.id, [batch.productId]).filter((s) => !ineffective.has(s.batchId));
    const reserved = q.reservedAt(tx, from.id, [batch.productId]);
    const candidates = stock.map((s) => ({ ...s, available: s.quantity - (reserved.get(s.batchId) ?? 0) }));
    const held = candidates.find((c) => c.batchId === batch.id);
    const anywhere = q.batchLocations(tx, from.id, batch.id).some((b) => b.quantity > 0);
    const { offProposal } = validatePick(
      {
        status: current.status,
        line: line && { requested: line.quantity, picked: line.picked },
        batch,
        available: held?.available ?? 0,
        onlyOutsideQualified: !held && anywhere,
        candidates,
        preIssueCheckDue:
          held !== undefined &&
          (needsPreIssueCheck(held, now, deps.config.preIssueCheck, deps.config.timeZone) || climateCheckDue(lastExposuresAt(tx, from.id, [batch.id]).get(batch.id), held.lastInspectedAt)),
      },
      { quantity, reason: input.reason },
      now,
      options,
    );
    const reason = offProposal ? input.reason!.trim() : null;
    const row = q.insertPick(tx, { orderId: id, orderLineId: line!.id, depotId: from.id, batchId: batch.id, quantity, overrideReason: reason, raw: input.raw ?? null, entry, pickedBy: actor.userId, pickedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: from.id, action: 'pick', entity: 'transfer_order', entityId: id, detail: { batchId: batch.id, quantity, overrideReason: reason, entry } }, now);
    return { id: row.id, batchId: batch.id, lot: batch.lot, quantity, offProposal, entry };
  });
  return { pick, order: getTransferOrder(deps, actor, id) };
}

/** A pick scanned by mistake is taken back before dispatch; its reservation ends with it. */
export function removePick(deps: Deps, actor: Actor, id: number, pickId: number) {
  const order = loadOrder(deps, id);
  const from = depotOrThrow(deps, order.fromDepotId);
  assertCanWriteAt(actor, from, 'storekeeper');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    assertPickable(q.findOrder(tx, id)!.status);
    const pick = q.findPicks(tx, id).find((p) => p.id === pickId);
    if (!pick) throw new DomainError('pick_not_found', `No pick ${pickId} on order ${order.number}`);
    q.deletePick(tx, pickId);
    audit(tx, { actorId: actor.userId, depotId: from.id, action: 'unpick', entity: 'transfer_order', entityId: id, detail: { pickId, batchId: pick.batchId, quantity: pick.quantity } }, now);
  });
  return getTransferOrder(deps, actor, id);
}

/**
 * Dispatch (S0:358, 393): the picked stock leaves the qualified zone and waits in transit on
 * the receiving depot, in one posting, so that the transfer out and the transfer in correspond
 * (调拨上下对应, S0:479). The order is checked again: a pending or declined approval never ships.
 */
export function dispatchOrder(deps: Deps, actor: Actor, id: number) {
  const order = loadOrder(deps, id);
  const from = depotOrThrow(deps, order.fromDepotId);
  assertCanWriteAt(actor, from, 'storekeeper');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const current = q.findOrder(tx, id)!;
    assertPickable(current.status);
    const picks = q.findPicks(tx, id);
    if (picks.length === 0) throw new DomainError('empty_document', 'Nothing has been picked for this order');
    for (const p of picks) {
      if (isExpired(p, now, deps.config)) throw new DomainError('batch_expired', `Lot ${p.lot} expired on ${p.expiresOn} after it was picked`, { batchId: p.batchId });
      assertNotHeld(tx, { id: p.batchId, lot: p.lot }, from.path);
    }
    const { postingId } = postMovements(
      tx,
      {
        kind: 'transfer_out',
        documentType: 'transfer_order',
        documentId: id,
        actorId: actor.userId,
        lines: picks.flatMap((p) => [
          { depotId: from.id, location: 'qualified' as const, batchId: p.batchId, quantity: -p.quantity, unitPriceFen: p.unitPriceFen },
          { depotId: current.toDepotId, location: 'in_transit' as const, batchId: p.batchId, quantity: p.quantity, unitPriceFen: p.unitPriceFen },
        ]),
      },
      now, deps.config.timeZone);
    q.closePicks(tx, id);
    q.updateOrder(tx, id, { status: 'dispatched', dispatchedBy: actor.userId, dispatchedAt: now.toISOString(), dispatchPostingId: postingId });
    notify(tx, current.toDepotId, 'storekeeper', 'shipment_dispatched', id, `调拨单 ${current.number} 已发货,待接收`, now);
    audit(tx, { actorId: actor.userId, depotId: from.id, action: 'dispatch', entity: 'transfer_order', entityId: id, detail: { postingId, picks: picks.length } }, now);
  });
  return getTransferOrder(deps, actor, id);
}

/** A planner withdraws an order before it ships; its picks stop reserving stock. */
export function cancelOrder(deps: Deps, actor: Actor, id: number) {
  const order = loadOrder(deps, id);
  const from = depotOrThrow(deps, order.fromDepotId);
  assertCanWriteAt(actor, from, 'planner');
  if (!['awaiting_approval', 'approved', 'declined'].includes(order.status)) throw new DomainError('order_closed', `Order ${order.number} is ${order.status}`);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.closePicks(tx, id);
    q.updateOrder(tx, id, { status: 'cancelled' });
    audit(tx, { actorId: actor.userId, depotId: from.id, action: 'cancel', entity: 'transfer_order', entityId: id }, now);
  });
  return getTransferOrder(deps, actor, id);
}

/** Readable from either end of the transfer and from the approving depot. */
function assertCanReadOrder(deps: Deps, actor: Actor, order: { fromDepotId: number; toDepotId: number; approvalDepotId: number | null }) {
  const ends = [order.fromDepotId, order.toDepotId, order.approvalDepotId].flatMap((d) => (d === null ? [] : [findDepotPlace(deps.db, d)!]));
  if (!ends.some((d) => canRead(actor, d))) assertCanRead(actor, ends[0]!);
}

/**
 * An order as its screen shows it, read in one transaction: one snapshot of the order, its picks
 * and the stock it proposes, and one WAL read lock instead of one per statement (an open order's
 * pick list runs some forty), which took a quarter of the time. Inside a write's transaction
 * (group commit) it is a savepoint.
 */
export function getTransferOrder(deps: Deps, actor: Actor, id: number) {
  return deps.db.transaction(() => readTransferOrder(deps, actor, id));
}

function readTransferOrder(deps: Deps, actor: Actor, id: number) {
  const order = loadOrder(deps, id);
  assertCanReadOrder(deps, actor, order);
  const from = findDepotPlace(deps.db, order.fromDepotId)!;
  const to = findDepotPlace(deps.db, order.toDepotId)!;
  const picks = q.findPicks(deps.db, id).map((p) => ({ ...p, valueFen: p.quantity * p.unitPriceFen }));
  const receipt = q.findTransferReceipt(deps.db, id);
  const open = order.status === 'approved' || order.status === 'awaiting_approval';
  return {
    ...order,
    fromDepot: { id: from.id, code: from.code, name: from.name, tier: from.tier },
    toDepot: { id: to.id, code: to.code, name: to.name, tier: to.tier },
    lines: open ? pickList(deps, deps.db, order) : q.findOrderLines(deps.db, id).map((l) => ({ ...l, remaining: l.quantity - l.picked, shortfall: 0, proposals: [] })),
    picks,
    approval: q.findApproval(deps.db, 'transfer_order', id) ?? null,
    discrepancies: q.findDiscrepancies(deps.db, id),
    receipt: receipt ? { ...receipt, signatures: findSignatures(deps.db, 'receipt', receipt.id) } : null,
    dispatchedByName: order.dispatchedBy === null ? null : q.userName(deps.db, order.dispatchedBy),
    totals: { quantity: picks.reduce((s, p) => s + p.quantity, 0), valueFen: picks.reduce((s, p) => s + p.valueFen, 0) },
    totalsByUnit: documentTotalsByUnit(deps.db, picks),
  };
}

export function listTransferOrders(deps: Deps, actor: Actor, query: { depotId: number; direction: 'out' | 'in' | 'both'; page: number; pageSize: number }) {
  const depot = depotOrThrow(deps, query.depotId);
  assertCanRead(actor, depot);
  const { items, total } = q.listOrdersOf(deps.db, depot.id, query.direction, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items, total, page: query.page, pageSize: query.pageSize, awaitingMyApproval: q.listAwaitingApprovalAt(deps.db, depot.id) };
}

function notify(tx: Tx, depotId: number, role: string, kind: string, orderId: number, message: string, now: Date) {
  insertNotification(tx, { depotId, role, kind, entity: 'transfer_order', entityId: orderId, message, createdAt: now.toISOString() });
}
