import type { Deps } from '../deps.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { insertZoneMove, setZoneMovePosting } from '../../db/queries/transfers.ts';
import { DomainError } from '../domain/errors.ts';
import { assertZoneMoveAllowed } from '../domain/zone-moves.ts';
import { assertCanWriteAt, type Actor } from '../auth/scope.ts';
import type { StorageZone } from '../schemas/constants.ts';
import { postMovements } from './posting.ts';
import { findScannedBatch } from './scanned-batch.ts';
import { audit } from './audit.ts';
import { assertStockEffective } from './receipts.ts';

export interface ZoneMoveInput {
  depotId: number;
  /** The batch's label as scanned (our FP1:B:<id>, or GS1 with GTIN and lot), or the batch chosen by hand. */
  raw?: string;
  batchId?: number;
  fromZone: StorageZone;
  toZone: StorageZone;
  quantity: number;
  reason?: string;
}

/** Moves stock of one batch, scanned or chosen, between two zones of the storekeeper's depot, in one posting. */
export function moveBetweenZones(deps: Deps, actor: Actor, input: ZoneMoveInput) {
  const depot = findDepotPlace(deps.db, input.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${input.depotId}`);
  assertCanWriteAt(actor, depot, 'storekeeper', 'inspector');
  const { batch, entry } = findScannedBatch(deps.db, input);
  assertZoneMoveAllowed(input.fromZone, input.toZone);
  const now = deps.clock.now();
  return deps.db.transaction((tx) => {
    assertStockEffective(tx, depot.id, batch);
    const move = insertZoneMove(tx, { depotId: depot.id, batchId: batch.id, fromZone: input.fromZone, toZone: input.toZone, quantity: input.quantity, reason: input.reason ?? null, entry, movedBy: actor.userId, movedAt: now.toISOString() });
    const { postingId } = postMovements(
      tx,
      {
        kind: 'zone_move',
        documentType: 'zone_move',
        documentId: move.id,
        actorId: actor.userId,
        reason: input.reason,
        lines: [
          { depotId: depot.id, location: input.fromZone, batchId: batch.id, quantity: -input.quantity, unitPriceFen: batch.unitPriceFen },
          { depotId: depot.id, location: input.toZone, batchId: batch.id, quantity: input.quantity, unitPriceFen: batch.unitPriceFen },
        ],
      },
      now, deps.config.timeZone);
    setZoneMovePosting(tx, move.id, postingId);
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'move', entity: 'zone_move', entityId: move.id, detail: { ...input, batchId: batch.id, entry } }, now);
    return { id: move.id, postingId, batchId: batch.id, lot: batch.lot, fromZone: input.fromZone, toZone: input.toZone, quantity: input.quantity, entry };
  });
}
