import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/receipts.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { findBatchByLot } from '../../db/queries/catalogue.ts';
import * as tq from '../../db/queries/transfers.ts';
import { parseScan, ScanError } from '../../labels/gs1.ts';
import { DomainError } from '../domain/errors.ts';
import { isExpired, toIsoDate } from '../domain/expiry.ts';
import { compareWithExpected, resolveScan, type PendingCarton } from '../domain/receiving.ts';
import { assertPickable } from '../domain/transfers.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { DepotTier, Role, StockLocation } from '../schemas/constants.ts';
import { findOrCreateBatch } from './batches.ts';
import { postMovements } from './posting.ts';
import { audit } from './audit.ts';

export interface ReceiptOpenInput {
  depotId: number;
  supplierName: string;
  deliveryNote: string;
  arrivedOn?: string;
  expectedLines?: { productId: number; lot?: string; quantity: number }[];
}

export interface ReceiptScanInput {
  raw?: string;
  productId?: number;
  lot?: string;
  expiresOn?: string;
  quantity?: number;
}

export interface DiscrepancyInput {
  kind: 'damaged' | 'wrong_lot';
  batchId?: number;
  productId?: number;
  lot?: string;
  quantity: number;
  note?: string;
}

const SIGNING_ROLES = ['planner', 'storekeeper'] as const;
export type SigningRole = (typeof SIGNING_ROLES)[number];

function loadReceipt(deps: Deps, id: number) {
  const receipt = q.findReceipt(deps.db, id);
  if (!receipt) throw new DomainError('receipt_not_found', `No receipt ${id}`);
  return { receipt, depot: findDepotPlace(deps.db, receipt.depotId)! };
}

/** Who receives goods: the storekeeper; where depots dispense (township, village), the dispenser too (S0:398). */
function receivingRoles(deps: Deps, tier: DepotTier): Role[] {
  return deps.config.dispensingTiers.includes(tier) ? ['storekeeper', 'dispenser'] : ['storekeeper'];
}

/** What the dispatch of a transfer receipt's order put in transit, per batch. */
function shipmentOf(tx: DbOrTx, receipt: { source: string; transferOrderId: number | null }) {
  if (receipt.source !== 'transfer' || receipt.transferOrderId === null) return undefined;
  return tq.shippedBatches(tx, tq.findOrder(tx, receipt.transferOrderId)!.dispatchPostingId!);
}

/** Numbers and writes a new open receipt with its expected lines, in the caller's transaction. */
function insertOpenReceipt(
  tx: DbOrTx,
  actor: Actor,
  depot: { id: number; code: string },
  fields: { source: 'supplier' | 'transfer'; transferOrderId?: number; supplierName: string; deliveryNote: string; arrivedOn: string },
  expected: { productId: number; lot: string | null; quantity: number }[],
  now: Date,
): number {
  const number = `RK-${depot.code}-${String(q.countReceiptsAt(tx, depot.id) + 1).padStart(4, '0')}`;
  const receipt = q.insertReceipt(tx, { number, depotId: depot.id, ...fields, status: 'open', createdBy: actor.userId, createdAt: now.toISOString() });
  q.insertExpectedLines(tx, expected.map((l) => ({ receiptId: receipt.id, ...l })));
  audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'create', entity: 'receipt', entityId: receipt.id, detail: { number, transferOrderId: fields.transferOrderId } }, now);
  return receipt.id;
}

/**
 * Transfer-in (S0:356 入库凭供货单位出库单): the receiving depot opens a receipt against a
 * dispatched order, its shipped lots as the expected lines, and receives it with the same
 * scanning, count and signatures as a supplier's delivery. A shipment is received once; an
 * order whose approval is pending or declined never shipped and cannot be received.
 */
export function receiveShipment(deps: Deps, actor: Actor, orderId: number) {
  const order = tq.findOrder(deps.db, orderId);
  if (!order) throw new DomainError('transfer_order_not_found', `No transfer order ${orderId}`);
  const depot = findDepotPlace(deps.db, order.toDepotId)!;
  assertCanWriteAt(actor, depot, ...receivingRoles(deps, depot.tier));
  if (order.status === 'awaiting_approval' || order.status === 'declined') assertPickable(order.status);
  if (order.status !== 'dispatched' && order.status !== 'received') throw new DomainError('shipment_not_dispatched', `Order ${order.number} is ${order.status}, not in transit`);
  const existing = tq.findTransferReceipt(deps.db, order.id);
  if (existing) throw new DomainError('shipment_already_received', `Order ${order.number} is received on ${existing.number}`, { receiptId: existing.id });
  const from = findDepotPlace(deps.db, order.fromDepotId)!;
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) =>
    insertOpenReceipt(
      tx,
      actor,
      depot,
      { source: 'transfer', transferOrderId: order.id, supplierName: from.name, deliveryNote: order.number, arrivedOn: toIsoDate(now, deps.config.timeZone) },
      tq.shippedBatches(tx, order.dispatchPostingId!).map((b) => ({ productId: b.productId, lot: b.lot, quantity: b.quantity })),
      now,
    ),
  );
  return getReceipt(deps, actor, id);
}

/** Opens a receipt (入库单) against a supplier's delivery note, at the storekeeper's own depot. */
export function openReceipt(deps: Deps, actor: Actor, input: ReceiptOpenInput) {
  const depot = findDepotPlace(deps.db, input.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${input.depotId}`);
  assertCanWriteAt(actor, depot, ...receivingRoles(deps, depot.tier));
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) =>
    insertOpenReceipt(
      tx,
      actor,
      depot,
      { source: 'supplier', supplierName: input.supplierName, deliveryNote: input.deliveryNote, arrivedOn: input.arrivedOn ?? toIsoDate(now, deps.config.timeZone) },
      (input.expectedLines ?? []).map((l) => ({ productId: l.productId, lot: l.lot ?? null, quantity: l.quantity })),
      now,
    ),
  );
  return getReceipt(deps, actor, id);
}

/**
 * One scan (or manual entry) into an open receipt: finds the product by GTIN and the batch by
 * lot (creating it with the scanned expiry), and adds the quantity to its line. Refuses an
 * unknown GTIN, a new lot without expiry, and expired goods; nothing is written then.
 */
export function scanIntoReceipt(deps: Deps, actor: Actor, receiptId: number, input: ReceiptScanInput) {
  const { receipt, depot } = loadReceipt(deps, receiptId);
  assertCanWriteAt(actor, depot, ...receivingRoles(deps, depot.tier));
  if (receipt.status !== 'open') throw new DomainError('receipt_not_open', `Receipt ${receipt.number} is ${receipt.status}`);
  let scan;
  try {
    scan = input.raw === undefined ? undefined : parseScan(input.raw);
  } catch (e) {
    if (e instanceof ScanError) throw new DomainError(e.code, e.detail, { raw: input.raw });
    throw e;
  }
  const now = deps.clock.now();
  const outcome = deps.db.transaction((tx) => {
    const outcome = resolveScan(receipt.pendingCarton as PendingCarton | null, { scan, ...input }, (gtin) => q.findProductIdByGtin(tx, gtin));
    if (outcome.kind === 'awaiting') {
      q.updateReceipt(tx, receipt.id, { pendingCarton: outcome.carton });
      return outcome;
    }
    const existing = findBatchByLot(tx, outcome.productId, outcome.lot);
    const shipment = shipmentOf(tx, receipt);
    if (shipment) {
      const shipped = shipment.find((b) => b.batchId === existing?.id);
      if (!shipped) throw new DomainError('lot_mismatch', `Lot ${outcome.lot} is not on the shipment ${receipt.deliveryNote}: set it aside and record it as a wrong lot`, { lot: outcome.lot, productId: outcome.productId });
      const counted = q.findLines(tx, receipt.id).find((l) => l.batchId === shipped.batchId)?.quantity ?? 0;
      if (counted + outcome.quantity > shipped.quantity) throw new DomainError('exceeds_shipment', `Only ${shipped.quantity} of lot ${outcome.lot} were shipped; ${counted} are counted`, { shipped: shipped.quantity, counted });
    }
    const expiresOn = outcome.expiresOn ?? existing?.expiresOn;
    if (!expiresOn) throw new DomainError('expiry_required', `Lot ${outcome.lot} is new: scan or type its expiry`);
    const batch = findOrCreateBatch(tx, { productId: outcome.productId, lot: outcome.lot, expiresOn, producedOn: outcome.producedOn }, now);
    if (isExpired(batch, now, deps.config)) throw new DomainError('batch_expired', `Lot ${batch.lot} expired on ${batch.expiresOn}`, { batchId: batch.id });
    q.addToLine(tx, receipt.id, batch.id, outcome.quantity);
    q.insertScan(tx, { receiptId: receipt.id, raw: input.raw ?? null, batchId: batch.id, quantity: outcome.quantity, userId: actor.userId, at: now.toISOString() });
    q.updateReceipt(tx, receipt.id, { pendingCarton: null });
    return { ...outcome, batchId: batch.id, expiresOn };
  });
  return { outcome, receipt: getReceipt(deps, actor, receiptId) };
}

/**
 * Confirms the count: every line goes into the pending (yellow) zone in one posting, to wait
 * for inspection; at tiers that do not inspect on receipt, straight into the qualified zone.
 * The check date is recorded; a count after the day of arrival is flagged (S0:356).
 */
export function confirmCount(deps: Deps, actor: Actor, receiptId: number) {
  const { receipt, depot } = loadReceipt(deps, receiptId);
  assertCanWriteAt(actor, depot, ...receivingRoles(deps, depot.tier));
  if (receipt.status !== 'open') throw new DomainError('receipt_not_open', `Receipt ${receipt.number} is ${receipt.status}`);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const lines = q.findLines(tx, receipt.id);
    const shipment = shipmentOf(tx, receipt);
    if (lines.length === 0 && !shipment) throw new DomainError('empty_document', 'Nothing has been scanned into this receipt');
    const into: StockLocation = deps.config.goodsInInspectionTiers.includes(depot.tier) ? 'pending' : 'qualified';
    const postingLines = shipment
      ? planTransferIn(tx, deps, actor, receipt as typeof receipt & { transferOrderId: number }, depot.id, into, lines, shipment, now)
      : lines.map((l) => ({ depotId: depot.id, location: into, batchId: l.batchId, quantity: l.quantity, unitPriceFen: l.unitPriceFen }));
    const { postingId } = postMovements(tx, { kind: shipment ? 'transfer_in' : 'receipt', documentType: 'receipt', documentId: receipt.id, actorId: actor.userId, lines: postingLines }, now, deps.config.timeZone);
    const countedLate = toIsoDate(now, deps.config.timeZone) > receipt.arrivedOn;
    q.updateReceipt(tx, receipt.id, { status: 'counted', countedAt: now.toISOString(), countedBy: actor.userId, countedLate, postingId, pendingCarton: null });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'count', entity: 'receipt', entityId: receipt.id, detail: { lines: lines.length, countedLate } }, now);
  });
  return getReceipt(deps, actor, receiptId);
}

/**
 * Transfer-in of a counted shipment: everything shipped leaves the in-transit state; what was
 * counted goes into the zone (damaged goods to the non-conforming zone), and what did not arrive
 * is recorded as short, a discrepancy both depots see (S0:393). Example: shipped 100 of lot A,
 * counted 95 of which 3 damaged: in transit -100, pending +92, non-conforming +3, short 5.
 */
function planTransferIn(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  receipt: { id: number; transferOrderId: number },
  depotId: number,
  into: StockLocation,
  lines: { batchId: number; quantity: number }[],
  shipment: { batchId: number; quantity: number; unitPriceFen: number; productId: number }[],
  now: Date,
) {
  const damaged = new Map<number, number>();
  for (const d of tq.findDiscrepancies(tx, receipt.transferOrderId)) if (d.kind === 'damaged' && d.batchId !== null) damaged.set(d.batchId, (damaged.get(d.batchId) ?? 0) + d.quantity);
  return shipment.flatMap((b) => {
    const counted = lines.find((l) => l.batchId === b.batchId)?.quantity ?? 0;
    const broken = damaged.get(b.batchId) ?? 0;
    if (broken > counted) throw new DomainError('damaged_exceeds_count', `${broken} damaged but only ${counted} counted of batch ${b.batchId}`, { batchId: b.batchId });
    if (counted < b.quantity) {
      tq.insertDiscrepancy(tx, { orderId: receipt.transferOrderId, kind: 'short', batchId: b.batchId, productId: b.productId, quantity: b.quantity - counted, recordedBy: actor.userId, recordedAt: now.toISOString() });
    }
    const price = b.unitPriceFen;
    return [
      { depotId, location: 'in_transit' as const, batchId: b.batchId, quantity: -b.quantity, unitPriceFen: price },
      ...(counted - broken > 0 ? [{ depotId, location: into, batchId: b.batchId, quantity: counted - broken, unitPriceFen: price }] : []),
      ...(broken > 0 ? [{ depotId, location: 'nonconforming' as const, batchId: b.batchId, quantity: broken, unitPriceFen: price }] : []),
    ];
  });
}

/**
 * Records what arrived wrong on a transfer before the count is confirmed: damaged units of a
 * shipped lot (they go to the non-conforming zone), or a lot that was not on the shipment (kept
 * apart, not stocked: the issuing depot corrects its dispatch).
 */
export function recordDiscrepancy(deps: Deps, actor: Actor, receiptId: number, input: DiscrepancyInput) {
  const { receipt, depot } = loadReceipt(deps, receiptId);
  assertCanWriteAt(actor, depot, ...receivingRoles(deps, depot.tier));
  if (receipt.source !== 'transfer' || receipt.transferOrderId === null) throw new DomainError('validation_failed', 'Discrepancies are recorded on transfer receipts', undefined, [{ path: 'kind', message: 'not a transfer receipt' }]);
  if (receipt.status !== 'open') throw new DomainError('receipt_not_open', `Receipt ${receipt.number} is ${receipt.status}`);
  const shipment = shipmentOf(deps.db, receipt)!;
  const now = deps.clock.now();
  if (input.kind === 'damaged') {
    const shipped = shipment.find((b) => b.batchId === input.batchId);
    if (!shipped) throw new DomainError('lot_mismatch', 'Damaged goods are recorded against a lot of the shipment', { batchId: input.batchId });
  } else if (!input.lot || input.productId === undefined) {
    throw new DomainError('validation_failed', 'Name the product and the lot that came instead', undefined, [{ path: 'lot', message: 'required for a wrong lot' }]);
  }
  deps.db.transaction((tx) => {
    tq.insertDiscrepancy(tx, {
      orderId: receipt.transferOrderId!,
      kind: input.kind,
      batchId: input.kind === 'damaged' ? input.batchId! : null,
      productId: input.productId ?? shipment.find((b) => b.batchId === input.batchId)?.productId ?? null,
      lot: input.kind === 'wrong_lot' ? input.lot! : null,
      quantity: input.quantity,
      note: input.note ?? null,
      recordedBy: actor.userId,
      recordedAt: now.toISOString(),
    });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'discrepancy', entity: 'receipt', entityId: receipt.id, detail: input }, now);
  });
  return getReceipt(deps, actor, receiptId);
}

/**
 * Signs a counted receipt as planner or storekeeper; with both signatures it takes effect
 * (S0:356). The two must be different people (S0:414) unless the depot is configured as a
 * one-person depot, and then the signature records that.
 */
export function signReceipt(deps: Deps, actor: Actor, receiptId: number, role: SigningRole) {
  const { receipt, depot } = loadReceipt(deps, receiptId);
  assertCanWriteAt(actor, depot, role);
  if (receipt.status === 'open') throw new DomainError('receipt_not_counted', 'Confirm the count before signing');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const signed = q.findSignatures(tx, 'receipt', receipt.id);
    if (signed.some((s) => s.role === role)) throw new DomainError('already_signed', `The ${role} has already signed`);
    const bySameUser = signed.some((s) => s.userId === actor.userId);
    if (bySameUser && !deps.config.allowSameSigner) throw new DomainError('same_signer', 'The second signature must be another person’s');
    q.insertSignature(tx, { documentType: 'receipt', documentId: receipt.id, role, userId: actor.userId, signedAt: now.toISOString(), sameSignerAllowed: bySameUser });
    const complete = SIGNING_ROLES.every((r) => r === role || signed.some((s) => s.role === r));
    if (complete) q.updateReceipt(tx, receipt.id, { status: 'effective', effectiveAt: now.toISOString() });
    if (complete && receipt.transferOrderId !== null) tq.updateOrder(tx, receipt.transferOrderId, { status: 'received', receivedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'sign', entity: 'receipt', entityId: receipt.id, detail: { role, effective: complete, sameSigner: bySameUser } }, now);
  });
  return getReceipt(deps, actor, receiptId);
}

export function getReceipt(deps: Deps, actor: Actor, receiptId: number) {
  const { receipt, depot } = loadReceipt(deps, receiptId);
  assertCanRead(actor, depot);
  const lines = q.findLines(deps.db, receipt.id);
  const expected = q.findExpectedLines(deps.db, receipt.id);
  return {
    ...receipt,
    lines: lines.map((l) => ({ ...l, valueFen: l.quantity * l.unitPriceFen })),
    comparison: expected.length > 0 ? compareWithExpected(expected, lines) : [],
    signatures: q.findSignatures(deps.db, 'receipt', receipt.id),
    discrepancies: receipt.transferOrderId === null ? [] : tq.findDiscrepancies(deps.db, receipt.transferOrderId),
    totals: { quantity: lines.reduce((s, l) => s + l.quantity, 0), valueFen: lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0) },
  };
}


export function listReceipts(deps: Deps, actor: Actor, query: { depotId: number; page: number; pageSize: number }) {
  const depot = findDepotPlace(deps.db, query.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${query.depotId}`);
  assertCanRead(actor, depot);
  const { items, total } = q.listReceiptsAt(deps.db, depot.id, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items, total, page: query.page, pageSize: query.pageSize };
}
