import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/receipts.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { findBatchByLot } from '../../db/queries/catalogue.ts';
import { parseScan, ScanError } from '../../labels/gs1.ts';
import { DomainError } from '../domain/errors.ts';
import { isExpired, toIsoDate } from '../domain/expiry.ts';
import { compareWithExpected, resolveScan, type PendingCarton } from '../domain/receiving.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
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

const SIGNING_ROLES = ['planner', 'storekeeper'] as const;
export type SigningRole = (typeof SIGNING_ROLES)[number];

function loadReceipt(deps: Deps, id: number) {
  const receipt = q.findReceipt(deps.db, id);
  if (!receipt) throw new DomainError('receipt_not_found', `No receipt ${id}`);
  return { receipt, depot: findDepotPlace(deps.db, receipt.depotId)! };
}

/** Opens a receipt (入库单) against a supplier's delivery note, at the storekeeper's own depot. */
export function openReceipt(deps: Deps, actor: Actor, input: ReceiptOpenInput) {
  const depot = findDepotPlace(deps.db, input.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${input.depotId}`);
  assertCanWriteAt(actor, depot, 'storekeeper');
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    const number = `RK-${depot.code}-${String(q.countReceiptsAt(tx, depot.id) + 1).padStart(4, '0')}`;
    const receipt = q.insertReceipt(tx, {
      number,
      depotId: depot.id,
      supplierName: input.supplierName,
      deliveryNote: input.deliveryNote,
      arrivedOn: input.arrivedOn ?? toIsoDate(now, deps.config.timeZone),
      status: 'open',
      createdBy: actor.userId,
      createdAt: now.toISOString(),
    });
    q.insertExpectedLines(tx, (input.expectedLines ?? []).map((l) => ({ receiptId: receipt.id, productId: l.productId, lot: l.lot ?? null, quantity: l.quantity })));
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'create', entity: 'receipt', entityId: receipt.id, detail: { number } }, now);
    return receipt.id;
  });
  return getReceipt(deps, actor, id);
}

/**
 * One scan (or manual entry) into an open receipt: finds the product by GTIN and the batch by
 * lot (creating it with the scanned expiry), and adds the quantity to its line. Refuses an
 * unknown GTIN, a new lot without expiry, and expired goods; nothing is written then.
 */
export function scanIntoReceipt(deps: Deps, actor: Actor, receiptId: number, input: ReceiptScanInput) {
  const { receipt, depot } = loadReceipt(deps, receiptId);
  assertCanWriteAt(actor, depot, 'storekeeper');
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
    const expiresOn = outcome.expiresOn ?? existing?.expiresOn;
    if (!expiresOn) throw new DomainError('expiry_required', `Lot ${outcome.lot} is new: scan or type its expiry`);
    const batch = findOrCreateBatch(tx, { productId: outcome.productId, lot: outcome.lot, expiresOn, producedOn: outcome.producedOn }, now);
    if (isExpired(batch, now, deps.config.timeZone)) throw new DomainError('batch_expired', `Lot ${batch.lot} expired on ${batch.expiresOn}`, { batchId: batch.id });
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
  assertCanWriteAt(actor, depot, 'storekeeper');
  if (receipt.status !== 'open') throw new DomainError('receipt_not_open', `Receipt ${receipt.number} is ${receipt.status}`);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const lines = q.findLines(tx, receipt.id);
    if (lines.length === 0) throw new DomainError('empty_document', 'Nothing has been scanned into this receipt');
    const into = deps.config.goodsInInspectionTiers.includes(depot.tier) ? ('pending' as const) : ('qualified' as const);
    const { postingId } = postMovements(
      tx,
      {
        kind: 'receipt',
        documentType: 'receipt',
        documentId: receipt.id,
        actorId: actor.userId,
        lines: lines.map((l) => ({ depotId: depot.id, location: into, batchId: l.batchId, quantity: l.quantity, unitPriceFen: l.unitPriceFen })),
      },
      now,
    );
    const countedLate = toIsoDate(now, deps.config.timeZone) > receipt.arrivedOn;
    q.updateReceipt(tx, receipt.id, { status: 'counted', countedAt: now.toISOString(), countedBy: actor.userId, countedLate, postingId, pendingCarton: null });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'count', entity: 'receipt', entityId: receipt.id, detail: { lines: lines.length, countedLate } }, now);
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
