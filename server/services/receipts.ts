import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/receipts.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { batchHasMovements, findBatch, findBatchByLot, findProduct, updateBatchDetails } from '../../db/queries/catalogue.ts';
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
import { assertIndependent } from './users.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import { documentTotalsByUnit } from './unit-totals.ts';

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
  /** Typed choice of a batch: on a transfer receipt, one of the shipped lots whose label cannot be read. */
  batchId?: number;
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

/** Scanning and correcting happen only before the count is confirmed (or the receipt cancelled). */
function assertOpen(receipt: { number: string; status: string }) {
  if (receipt.status !== 'open') throw new DomainError('receipt_not_open', `Receipt ${receipt.number} is ${receipt.status}`);
}

/** A receipt as loaded for a change by the people who receive at its depot, still open. */
function openReceiptFor(deps: Deps, actor: Actor, id: number) {
  const loaded = loadReceipt(deps, id);
  assertCanWriteAt(actor, loaded.depot, ...receivingRoles(deps, loaded.depot.tier));
  assertOpen(loaded.receipt);
  return loaded;
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
 * lot (creating it with the scanned expiry), or the batch itself from our own batch label
 * (FP1:B:<id>) or a typed choice, and adds the quantity to its line. On a transfer receipt the
 * batch must be one the shipment carried. Refuses an unknown GTIN, a zone or document label, a
 * new lot without expiry, and expired goods; nothing is written then.
 */
export function scanIntoReceipt(deps: Deps, actor: Actor, receiptId: number, input: ReceiptScanInput) {
  const { receipt } = openReceiptFor(deps, actor, receiptId);
  let scan;
  try {
    scan = input.raw === undefined ? undefined : parseScan(input.raw);
  } catch (e) {
    if (e instanceof ScanError) throw new DomainError(e.code, e.detail, { raw: input.raw });
    throw e;
  }
  const entry = input.raw === undefined ? 'typed' : 'scanned';
  const now = deps.clock.now();
  const outcome = deps.db.transaction((tx) => {
    const outcome = resolveScan(receipt.pendingCarton as PendingCarton | null, { scan, ...input }, { productOfGtin: (gtin) => q.findProductIdByGtin(tx, gtin), batch: (id) => findBatch(tx, id) });
    if (outcome.kind === 'awaiting') {
      q.updateReceipt(tx, receipt.id, { pendingCarton: outcome.carton });
      return outcome;
    }
    const existing = outcome.batchId === undefined ? findBatchByLot(tx, outcome.productId, outcome.lot) : findBatch(tx, outcome.batchId);
    const shipment = shipmentOf(tx, receipt);
    if (shipment) assertWithinShipment(tx, receipt, shipment, existing?.id, outcome.lot, outcome.productId, outcome.quantity);
    const expiresOn = outcome.expiresOn ?? existing?.expiresOn;
    if (!expiresOn) throw new DomainError('expiry_required', `Lot ${outcome.lot} is new: scan or type its expiry`);
    const batch = findOrCreateBatch(tx, { productId: outcome.productId, lot: outcome.lot, expiresOn, producedOn: outcome.producedOn }, now);
    if (isExpired(batch, now, deps.config)) throw new DomainError('batch_expired', `Lot ${batch.lot} expired on ${batch.expiresOn}`, { batchId: batch.id });
    q.addToLine(tx, receipt.id, batch.id, outcome.quantity);
    q.insertScan(tx, { receiptId: receipt.id, raw: input.raw ?? null, batchId: batch.id, quantity: outcome.quantity, entry, userId: actor.userId, at: now.toISOString() });
    q.updateReceipt(tx, receipt.id, { pendingCarton: null });
    return { ...outcome, batchId: batch.id, expiresOn, entry };
  });
  return { outcome, receipt: getReceipt(deps, actor, receiptId) };
}

/**
 * On a transfer receipt only the lots the shipment carried are counted, and never more of one
 * than was shipped (S0:393: what else arrived is recorded as a wrong lot, not stocked).
 */
function assertWithinShipment(
  tx: DbOrTx,
  receipt: { id: number; deliveryNote: string },
  shipment: { batchId: number; quantity: number }[],
  batchId: number | undefined,
  lot: string,
  productId: number,
  adding: number,
  replacing = false,
) {
  const shipped = shipment.find((b) => b.batchId === batchId);
  if (!shipped) throw new DomainError('lot_mismatch', `Lot ${lot} is not on the shipment ${receipt.deliveryNote}: set it aside and record it as a wrong lot`, { lot, productId });
  const counted = replacing ? 0 : (q.findLine(tx, receipt.id, shipped.batchId)?.quantity ?? 0);
  if (counted + adding > shipped.quantity) throw new DomainError('exceeds_shipment', `Only ${shipped.quantity} of lot ${lot} were shipped; ${counted} are counted`, { shipped: shipped.quantity, counted });
}

/**
 * Takes back the newest scan or entry of an open receipt, and its quantity: the half carton
 * waiting for its other barcode if there is one, else the last entry (its line goes with its
 * last entry). Refused when there is nothing to take back.
 */
export function undoLastScan(deps: Deps, actor: Actor, receiptId: number) {
  const { receipt, depot } = openReceiptFor(deps, actor, receiptId);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    if (receipt.pendingCarton !== null) {
      q.updateReceipt(tx, receipt.id, { pendingCarton: null });
      audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'undo_scan', entity: 'receipt', entityId: receipt.id, detail: { pendingCarton: receipt.pendingCarton } }, now);
      return;
    }
    const last = q.findNewestScan(tx, receipt.id);
    if (!last) throw new DomainError('nothing_to_undo', `Nothing has been scanned into ${receipt.number}`);
    q.deleteScan(tx, last);
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'undo_scan', entity: 'receipt', entityId: receipt.id, detail: { scanId: last.id, raw: last.raw, batchId: last.batchId, quantity: last.quantity, entry: last.entry, scannedBy: last.userId, scannedAt: last.at } }, now);
  });
  return getReceipt(deps, actor, receiptId);
}

function lineOrThrow(tx: DbOrTx, receipt: { id: number; number: string }, batchId: number) {
  const line = q.findLine(tx, receipt.id, batchId);
  if (!line) throw new DomainError('receipt_line_not_found', `Receipt ${receipt.number} has no line of batch ${batchId}`, { batchId });
  return line;
}

/**
 * Sets a line to the quantity the storekeeper recounted, as a typed entry of the difference,
 * so that the line stays the sum of its entries and undo takes the correction back. Example:
 * 200 scanned, recounted 150: an entry of -50. On a transfer receipt, never above what was shipped.
 */
export function setLineQuantity(deps: Deps, actor: Actor, receiptId: number, batchId: number, quantity: number) {
  const { receipt, depot } = openReceiptFor(deps, actor, receiptId);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const line = lineOrThrow(tx, receipt, batchId);
    const shipment = shipmentOf(tx, receipt);
    const batch = findBatch(tx, batchId)!;
    if (shipment) assertWithinShipment(tx, receipt, shipment, batchId, batch.lot, batch.productId, quantity, true);
    const difference = quantity - line.quantity;
    if (difference === 0) return;
    q.addToLine(tx, receipt.id, batchId, difference);
    q.insertScan(tx, { receiptId: receipt.id, raw: null, batchId, quantity: difference, entry: 'typed', userId: actor.userId, at: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'correct_line', entity: 'receipt', entityId: receipt.id, detail: { batchId, from: line.quantity, to: quantity } }, now);
  });
  return getReceipt(deps, actor, receiptId);
}

/**
 * Records what the delivery note says of a line: the actual unit purchase price (S0:404, 412),
 * the maker and the production date (S0:419). The price waits on the line until the count; the
 * markings go on the batch at once. A batch that has already moved keeps what it has.
 */
export function setLineDetails(deps: Deps, actor: Actor, receiptId: number, batchId: number, input: { unitPriceFen?: number; manufacturer?: string; producedOn?: string }) {
  const { receipt, depot } = openReceiptFor(deps, actor, receiptId);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    lineOrThrow(tx, receipt, batchId);
    const batch = findBatch(tx, batchId)!;
    const moved = batchHasMovements(tx, batchId);
    if (input.unitPriceFen !== undefined) {
      if (moved && input.unitPriceFen !== batch.unitPriceFen) throw priceConflict(batch);
      q.setLinePrice(tx, receipt.id, batchId, input.unitPriceFen);
    }
    const markings = { manufacturer: input.manufacturer, producedOn: input.producedOn };
    for (const [field, value] of Object.entries(markings) as [keyof typeof markings, string | undefined][]) {
      if (value === undefined || value === batch[field]) continue;
      if (moved && batch[field] !== null) throw new DomainError('batch_conflict', `Lot ${batch.lot} is recorded with ${field} ${batch[field]}, not ${value}`, { batchId, [field]: batch[field] });
      updateBatchDetails(tx, batchId, { [field]: value });
    }
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'line_details', entity: 'receipt', entityId: receipt.id, detail: { batchId, ...input } }, now);
  });
  return getReceipt(deps, actor, receiptId);
}

function priceConflict(batch: { id: number; lot: string; unitPriceFen: number }) {
  return new DomainError('price_conflict', `Lot ${batch.lot} is already in stock at ${batch.unitPriceFen} fen; one lot has one purchase price`, { batchId: batch.id, unitPriceFen: batch.unitPriceFen });
}

/** Removes a line scanned by mistake, with the entries that made it. */
export function removeLine(deps: Deps, actor: Actor, receiptId: number, batchId: number) {
  const { receipt, depot } = openReceiptFor(deps, actor, receiptId);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const line = lineOrThrow(tx, receipt, batchId);
    q.deleteLine(tx, receipt.id, batchId);
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'remove_line', entity: 'receipt', entityId: receipt.id, detail: { batchId, quantity: line.quantity, scans: line.scans } }, now);
  });
  return getReceipt(deps, actor, receiptId);
}

/**
 * The storekeeper withdraws an open receipt (opened twice, the wrong delivery note), saying
 * why. Nothing was posted, so nothing is reversed; a shipment it was receiving stays in transit
 * and can be received on a new receipt.
 */
export function cancelReceipt(deps: Deps, actor: Actor, receiptId: number, reason: string) {
  const { receipt, depot } = loadReceipt(deps, receiptId);
  assertCanWriteAt(actor, depot, 'storekeeper');
  assertOpen(receipt);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateReceipt(tx, receipt.id, { status: 'cancelled', cancelledAt: now.toISOString(), cancelledBy: actor.userId, cancelReason: reason, pendingCarton: null });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'cancel', entity: 'receipt', entityId: receipt.id, detail: { reason, transferOrderId: receipt.transferOrderId } }, now);
  });
  return getReceipt(deps, actor, receiptId);
}

/**
 * Confirms the count: every line goes into the pending (yellow) zone in one posting, to wait
 * for inspection; at tiers that do not inspect on receipt, straight into the qualified zone.
 * The check date is recorded; a count after the day of arrival is flagged (S0:356).
 */
export function confirmCount(deps: Deps, actor: Actor, receiptId: number) {
  const { receipt, depot } = loadReceipt(deps, receiptId);
  assertCanWriteAt(actor, depot, ...receivingRoles(deps, depot.tier));
  assertOpen(receipt);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const lines = q.findLines(tx, receipt.id);
    const shipment = shipmentOf(tx, receipt);
    if (lines.length === 0 && !shipment) throw new DomainError('empty_document', 'Nothing has been scanned into this receipt');
    // The delivery note's price becomes the batch's, which every later movement carries (S0:412).
    for (const l of lines) {
      const batch = findBatch(tx, l.batchId)!;
      if (!l.priceEntered || l.unitPriceFen === batch.unitPriceFen) continue;
      if (batchHasMovements(tx, l.batchId)) throw priceConflict(batch);
      updateBatchDetails(tx, l.batchId, { unitPriceFen: l.unitPriceFen });
    }
    const into: StockLocation = deps.config.goodsInInspectionTiers.includes(depot.tier) ? 'pending' : 'qualified';
    const postingLines = shipment
      ? planTransferIn(tx, deps, actor, receipt as typeof receipt & { transferOrderId: number }, depot.id, into, lines, shipment, now)
      : lines.map((l) => ({ depotId: depot.id, location: into, batchId: l.batchId, quantity: l.quantity, unitPriceFen: l.unitPriceFen }));
    const { postingId } = postMovements(tx, { kind: shipment ? 'transfer_in' : 'receipt', documentType: 'receipt', documentId: receipt.id, actorId: actor.userId, lines: postingLines }, now, deps.config.timeZone);
    const countedLate = toIsoDate(now, deps.config.timeZone) > receipt.arrivedOn;
    q.updateReceipt(tx, receipt.id, { status: 'counted', countedAt: now.toISOString(), countedBy: actor.userId, countedLate, postingId, pendingCarton: null });
    if (into === 'pending') insertNotification(tx, { depotId: depot.id, role: 'inspector', kind: 'lots_to_inspect', entity: 'receipt', entityId: receipt.id, message: `入库单 ${receipt.number} 已验收数量，待质量检查`, createdAt: now.toISOString() });
    insertNotification(tx, { depotId: depot.id, role: 'planner', kind: 'receipt_to_sign', entity: 'receipt', entityId: receipt.id, message: `入库单 ${receipt.number} 待签字生效`, createdAt: now.toISOString() });
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
  if (receipt.status === 'cancelled') throw new DomainError('receipt_not_counted', `Receipt ${receipt.number} was cancelled`);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const signed = q.findSignatures(tx, 'receipt', receipt.id);
    if (signed.some((s) => s.role === role)) throw new DomainError('already_signed', `The ${role} has already signed`);
    const bySameUser = signed.some((s) => s.userId === actor.userId);
    if (bySameUser && !deps.config.allowSameSigner) throw new DomainError('same_signer', 'The second signature must be another person’s');
    for (const other of signed) assertIndependent(tx, other.userId, actor.userId);
    q.insertSignature(tx, { documentType: 'receipt', documentId: receipt.id, role, userId: actor.userId, signedAt: now.toISOString(), sameSignerAllowed: bySameUser });
    const complete = SIGNING_ROLES.every((r) => r === role || signed.some((s) => s.role === r));
    if (complete) q.updateReceipt(tx, receipt.id, { status: 'effective', effectiveAt: now.toISOString() });
    if (complete && receipt.transferOrderId !== null) tq.updateOrder(tx, receipt.transferOrderId, { status: 'received', receivedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'sign', entity: 'receipt', entityId: receipt.id, detail: { role, effective: complete, sameSigner: bySameUser } }, now);
  });
  return getReceipt(deps, actor, receiptId);
}

/**
 * Stock is usable only when the document that brought it in is effective: a receipt with both
 * signatures (S0:356 签字后入库生效), an opening balance confirmed by a second person. Until
 * then its batch is neither dispensed, picked, dispatched nor moved between zones at that depot.
 */
export function assertStockEffective(tx: DbOrTx, depotId: number, batch: { id: number; lot: string }) {
  const doc = q.ineffectiveStockAt(tx, depotId).get(batch.id);
  if (!doc) return;
  if (doc.documentType === 'receipt') {
    throw new DomainError('receipt_not_effective', `Lot ${batch.lot} came in on receipt ${doc.number}, which is not yet signed by the planner and the storekeeper`, { batchId: batch.id, receiptId: doc.id, receiptNumber: doc.number });
  }
  throw new DomainError('opening_balance_not_confirmed', `Lot ${batch.lot} came in on opening balance ${doc.number}, which a second person has not yet confirmed`, { batchId: batch.id, openingBalanceId: doc.id, openingBalanceNumber: doc.number });
}

/** Rows of a comparison with their product's names and unit, so that a screen says "短少 2 板" without the catalogue. */
function namedRows<T extends { productId: number }>(db: DbOrTx, rows: T[]) {
  const products = new Map<number, { productNameZh: string; productNameEn: string; unitZh: string; unitEn: string }>();
  const named = (id: number) => {
    if (!products.has(id)) {
      const p = findProduct(db, id);
      products.set(id, { productNameZh: p?.nameZh ?? '', productNameEn: p?.nameEn ?? '', unitZh: p?.unitZh ?? '', unitEn: p?.unitEn ?? '' });
    }
    return products.get(id)!;
  };
  return rows.map((row) => ({ ...row, ...named(row.productId) }));
}

export function getReceipt(deps: Deps, actor: Actor, receiptId: number) {
  const { receipt, depot } = loadReceipt(deps, receiptId);
  assertCanRead(actor, depot);
  const lines = q.findLines(deps.db, receipt.id);
  const expected = q.findExpectedLines(deps.db, receipt.id);
  const order = receipt.transferOrderId === null ? undefined : tq.findOrder(deps.db, receipt.transferOrderId);
  return {
    ...receipt,
    // What the storekeeper chooses from when a shipped lot's label cannot be read.
    shipment: order?.dispatchPostingId ? tq.shippedLots(deps.db, order.dispatchPostingId).map((s) => ({ ...s, counted: lines.find((l) => l.batchId === s.batchId)?.quantity ?? 0 })) : null,
    lines: lines.map((l) => ({ ...l, valueFen: l.quantity * l.unitPriceFen })),
    comparison: expected.length > 0 ? namedRows(deps.db, compareWithExpected(expected, lines)) : [],
    signatures: q.findSignatures(deps.db, 'receipt', receipt.id),
    discrepancies: receipt.transferOrderId === null ? [] : tq.findDiscrepancies(deps.db, receipt.transferOrderId),
    totals: { quantity: lines.reduce((s, l) => s + l.quantity, 0), valueFen: lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0) },
    totalsByUnit: documentTotalsByUnit(deps.db, lines.map((l) => ({ productId: l.productId, quantity: l.quantity, valueFen: l.quantity * l.unitPriceFen }))),
  };
}


export function listReceipts(deps: Deps, actor: Actor, query: { depotId: number; page: number; pageSize: number }) {
  const depot = findDepotPlace(deps.db, query.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${query.depotId}`);
  assertCanRead(actor, depot);
  const { items, total } = q.listReceiptsAt(deps.db, depot.id, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items, total, page: query.page, pageSize: query.pageSize };
}
