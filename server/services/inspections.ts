import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/inspections.ts';
import { findReceipt, findLines } from '../../db/queries/receipts.ts';
import { findOpeningBalance } from '../../db/queries/opening-balances.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { findBatch, findProduct } from '../../db/queries/catalogue.ts';
import { DomainError } from '../domain/errors.ts';
import { isExpired } from '../domain/expiry.ts';
import { reportsQualityProblems, validateInspection, type InspectionInput } from '../domain/inspection.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import type { StockLocation } from '../schemas/constants.ts';
import { postMovements } from './posting.ts';
import { audit } from './audit.ts';

export interface InspectionRecordInput extends InspectionInput {
  depotId: number;
  batchId: number;
  kind: 'receipt' | 'storage' | 'pre_issue';
  receiptId?: number;
  openingBalanceId?: number;
  suspectedQualityChange?: boolean;
  note?: string;
}

/**
 * Records an inspector's appearance check of one batch and moves the stock it covers: passed
 * to the qualified (green) zone, failed to the non-conforming (red) zone, one posting each
 * (S0:387, 396). On receipt, failed goods of a batch that never entered stock go back to the
 * maker and a quality problem report is drafted at county level and above (S0:399, 422). A
 * suspected quality change notifies the depot's leader (S0:387).
 */
export function recordInspection(deps: Deps, actor: Actor, input: InspectionRecordInput) {
  const depot = findDepotPlace(deps.db, input.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${input.depotId}`);
  assertCanWriteAt(actor, depot, 'inspector');
  const batch = findBatch(deps.db, input.batchId);
  if (!batch) throw new DomainError('batch_not_found', `No batch ${input.batchId}`);
  const product = findProduct(deps.db, batch.productId)!;
  const now = deps.clock.now();
  validateInspection(input, product.dosageForm, isExpired(batch, now, deps.config));

  let from: StockLocation = 'qualified';
  if (input.kind === 'receipt' && input.openingBalanceId !== undefined) {
    const doc = findOpeningBalance(deps.db, input.openingBalanceId);
    if (!doc || doc.depotId !== depot.id) throw new DomainError('opening_balance_not_found', `No opening balance ${input.openingBalanceId} at this depot`);
    if (!doc.lines.some((l) => l.batchId === batch.id && l.zone === 'pending')) {
      throw new DomainError('validation_failed', `Lot ${batch.lot} is not in the pending zone on ${doc.number}`, undefined, [{ path: 'batchId', message: 'not on the opening balance' }]);
    }
    from = 'pending';
  } else if (input.kind === 'receipt') {
    const receipt = input.receiptId === undefined ? undefined : findReceipt(deps.db, input.receiptId);
    if (!receipt || receipt.depotId !== depot.id) throw new DomainError('receipt_not_found', `No receipt ${input.receiptId ?? ''} at this depot`.trim());
    if (receipt.status === 'open' || receipt.status === 'cancelled') throw new DomainError('receipt_not_counted', 'Confirm the count before inspecting');
    if (!findLines(deps.db, receipt.id).some((l) => l.batchId === batch.id)) {
      throw new DomainError('validation_failed', `Lot ${batch.lot} is not on receipt ${receipt.number}`, undefined, [{ path: 'batchId', message: 'not on the receipt' }]);
    }
    from = 'pending';
  }

  const id = deps.db.transaction((tx) => {
    const firstReceipt = input.kind === 'receipt' && input.openingBalanceId === undefined && !q.everQualified(tx, batch.id);
    const inspection = q.insertInspection(tx, {
      depotId: depot.id,
      batchId: batch.id,
      kind: input.kind,
      receiptId: input.receiptId ?? null,
      openingBalanceId: input.openingBalanceId ?? null,
      checklist: input.checklist,
      passedQuantity: input.passedQuantity,
      failedQuantity: input.failedQuantity,
      nonconformities: input.nonconformities,
      suspectedQualityChange: input.suspectedQualityChange ?? false,
      note: input.note ?? null,
      inspectorId: actor.userId,
      inspectedAt: now.toISOString(),
    });
    const move = (quantity: number, to: StockLocation) =>
      quantity > 0 &&
      to !== from &&
      postMovements(
        tx,
        {
          kind: 'inspection',
          documentType: 'inspection',
          documentId: inspection.id,
          actorId: actor.userId,
          lines: [
            { depotId: depot.id, location: from, batchId: batch.id, quantity: -quantity, unitPriceFen: batch.unitPriceFen },
            { depotId: depot.id, location: to, batchId: batch.id, quantity, unitPriceFen: batch.unitPriceFen },
          ],
        },
        now, deps.config.timeZone);
    move(input.passedQuantity, 'qualified');
    move(input.failedQuantity, 'nonconforming');

    if (input.failedQuantity > 0 && firstReceipt) {
      const ret = q.insertSupplierReturn(tx, { depotId: depot.id, inspectionId: inspection.id, batchId: batch.id, quantity: input.failedQuantity, createdBy: actor.userId, createdAt: now.toISOString() });
      postMovements(
        tx,
        {
          kind: 'return_to_supplier',
          documentType: 'supplier_return',
          documentId: ret.id,
          actorId: actor.userId,
          lines: [{ depotId: depot.id, location: 'nonconforming', batchId: batch.id, quantity: -input.failedQuantity, unitPriceFen: batch.unitPriceFen }],
        },
        now, deps.config.timeZone);
    }
    if (input.failedQuantity > 0 && reportsQualityProblems(depot.tier)) {
      q.insertQualityProblemReport(tx, { depotId: depot.id, inspectionId: inspection.id, batchId: batch.id, quantity: input.failedQuantity, kinds: input.nonconformities, status: 'draft', createdAt: now.toISOString() });
    }
    if (input.kind === 'pre_issue' && input.failedQuantity > 0 && depot.parentId !== null) {
      // S0:394: goods failing the pre-issue check never leave, and the superior depot is told.
      q.insertNotification(tx, {
        depotId: depot.parentId,
        role: 'leader',
        kind: 'pre_issue_failed',
        entity: 'inspection',
        entityId: inspection.id,
        message: `${depot.name} ${product.nameZh} 批号 ${batch.lot}: 出库检查不合格 ${input.failedQuantity}`,
        createdAt: now.toISOString(),
      });
    }
    if (input.suspectedQualityChange) {
      q.insertNotification(tx, {
        depotId: depot.id,
        role: 'leader',
        kind: 'suspected_quality_change',
        entity: 'inspection',
        entityId: inspection.id,
        message: `${product.nameZh} 批号 ${batch.lot}: 疑似质量变化`,
        createdAt: now.toISOString(),
      });
    }
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'inspect', entity: 'inspection', entityId: inspection.id, detail: { kind: input.kind, batchId: batch.id, passed: input.passedQuantity, failed: input.failedQuantity } }, now);
    return inspection.id;
  });
  return getInspection(deps, actor, id);
}

export function getInspection(deps: Deps, actor: Actor, id: number) {
  const inspection = q.findInspection(deps.db, id);
  if (!inspection) throw new DomainError('not_found', `No inspection ${id}`);
  assertCanRead(actor, findDepotPlace(deps.db, inspection.depotId)!);
  return { ...inspection, supplierReturns: q.findReturnsOf(deps.db, id), qualityProblemReports: q.findReportsOf(deps.db, id) };
}

