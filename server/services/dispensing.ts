import type { Deps } from '../deps.ts';
import { assertNotHeld } from './holds.ts';
import * as q from '../../db/queries/transfers.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { findProduct } from '../../db/queries/catalogue.ts';
import { DomainError } from '../domain/errors.ts';
import { validateDispensing } from '../domain/dispensing.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import { postMovements } from './posting.ts';
import { findScannedBatch } from './scanned-batch.ts';
import { audit } from './audit.ts';
import { assertStockEffective } from './receipts.ts';

export interface DispenseInput {
  depotId: number;
  raw?: string;
  batchId?: number;
  quantity?: number;
  packIntact: boolean;
  expiryChecked: boolean;
  recipient?: string;
}

/**
 * Dispensing to people at a township or village depot (S0:398, 415): scan, quantity, confirm
 * that the pack is intact and the expiry checked; the stock leaves the qualified zone.
 */
export function dispense(deps: Deps, actor: Actor, input: DispenseInput) {
  const depot = findDepotPlace(deps.db, input.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${input.depotId}`);
  assertCanWriteAt(actor, depot, 'dispenser', 'storekeeper');
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    const { batch, count, entry } = findScannedBatch(tx, input);
    const quantity = input.quantity ?? count ?? 1;
    validateDispensing({ tier: depot.tier, batch, packIntact: input.packIntact, expiryChecked: input.expiryChecked }, now, { dispensingTiers: deps.config.dispensingTiers, timeZone: deps.config.timeZone, expiredFrom: deps.config.expiredFrom });
    assertNotHeld(tx, batch, depot.path);
    assertStockEffective(tx, depot.id, batch);
    const row = q.insertDispensing(tx, {
      depotId: depot.id,
      batchId: batch.id,
      quantity,
      recipient: input.recipient ?? null,
      packChecked: input.packIntact,
      expiryChecked: input.expiryChecked,
      raw: input.raw ?? null,
      entry,
      dispensedBy: actor.userId,
      dispensedAt: now.toISOString(),
    });
    const { postingId } = postMovements(
      tx,
      {
        kind: 'dispense',
        documentType: 'dispensing',
        documentId: row.id,
        actorId: actor.userId,
        lines: [{ depotId: depot.id, location: 'qualified', batchId: batch.id, quantity: -quantity, unitPriceFen: batch.unitPriceFen }],
      },
      now, deps.config.timeZone);
    q.setDispensingPosting(tx, row.id, postingId);
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'dispense', entity: 'dispensing', entityId: row.id, detail: { batchId: batch.id, quantity, entry } }, now);
    return { id: row.id, batchId: batch.id, lot: batch.lot, expiresOn: batch.expiresOn, productId: batch.productId, quantity, entry };
  });
  const product = findProduct(deps.db, id.productId)!;
  return { ...id, productCode: product.code, productNameZh: product.nameZh, productNameEn: product.nameEn };
}

export function listDispensings(deps: Deps, actor: Actor, query: { depotId: number; page: number; pageSize: number }) {
  const depot = findDepotPlace(deps.db, query.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${query.depotId}`);
  assertCanRead(actor, depot);
  const { items, total } = q.listDispensingsAt(deps.db, depot.id, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items, total, page: query.page, pageSize: query.pageSize };
}
