import type { Deps } from '../deps.ts';
import * as obQ from '../../db/queries/opening-balances.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { findBatch } from '../../db/queries/catalogue.ts';
import { DomainError } from '../domain/errors.ts';
import { parseOpeningBalanceCsv } from '../domain/opening-balance-csv.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import type { StorageZone } from '../schemas/constants.ts';
import { findOrCreateBatch, type BatchInput } from './batches.ts';
import { postMovements } from './posting.ts';
import { audit } from './audit.ts';

export interface OpeningBalanceInput {
  depotId: number;
  note?: string;
  lines: { batchId?: number; batch?: BatchInput; zone: StorageZone; quantity: number; unitPriceFen?: number }[];
}

/**
 * Enters a depot's opening stock (期初库存) from its paper stock cards: one document whose
 * lines post through the posting module in one transaction, creating batches as needed.
 * Written by the depot's own storekeeper.
 */
export function createOpeningBalance(deps: Deps, actor: Actor, input: OpeningBalanceInput) {
  const depot = findDepotPlace(deps.db, input.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${input.depotId}`);
  assertCanWriteAt(actor, depot, 'storekeeper');
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    const resolved = input.lines.map((line, i) => {
      const batch = line.batchId !== undefined ? findBatch(tx, line.batchId) : findOrCreateBatch(tx, line.batch!, now);
      if (!batch) throw new DomainError('batch_not_found', `Line ${i + 1}: no batch ${line.batchId}`, { line: i + 1 });
      return { batch, zone: line.zone, quantity: line.quantity, unitPriceFen: line.unitPriceFen ?? batch.unitPriceFen };
    });
    const number = `OB-${depot.code}-${String(obQ.countOpeningBalancesAt(tx, depot.id) + 1).padStart(4, '0')}`;
    const doc = obQ.insertOpeningBalance(tx, { number, depotId: depot.id, note: input.note ?? null, createdBy: actor.userId, createdAt: now.toISOString() });
    obQ.insertOpeningBalanceLines(
      tx,
      resolved.map((l) => ({ openingBalanceId: doc.id, batchId: l.batch.id, zone: l.zone, quantity: l.quantity, unitPriceFen: l.unitPriceFen })),
    );
    const { postingId } = postMovements(
      tx,
      {
        kind: 'opening_balance',
        documentType: 'opening_balance',
        documentId: doc.id,
        actorId: actor.userId,
        lines: resolved.map((l) => ({ depotId: depot.id, location: l.zone, batchId: l.batch.id, quantity: l.quantity, unitPriceFen: l.unitPriceFen })),
      },
      now, deps.config.timeZone);
    obQ.setOpeningBalancePosting(tx, doc.id, postingId);
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'create', entity: 'opening_balance', entityId: doc.id, detail: { number, lines: resolved.length } }, now);
    return doc.id;
  });
  return obQ.findOpeningBalance(deps.db, id)!;
}

export function importOpeningBalanceCsv(deps: Deps, actor: Actor, depotId: number, csv: string, note?: string) {
  const lines = parseOpeningBalanceCsv(csv);
  return createOpeningBalance(deps, actor, { depotId, note, lines });
}

export function getOpeningBalance(deps: Deps, actor: Actor, id: number) {
  const doc = obQ.findOpeningBalance(deps.db, id);
  if (!doc) throw new DomainError('not_found', `No opening balance ${id}`);
  assertCanRead(actor, findDepotPlace(deps.db, doc.depotId)!);
  return doc;
}
