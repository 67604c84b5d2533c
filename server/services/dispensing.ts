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
import { findPerson, findRegister } from '../../db/queries/people.ts';
import { needsPerson, validatePersonForDispensing } from '../domain/people.ts';

export interface DispenseInput {
  depotId: number;
  raw?: string;
  batchId?: number;
  quantity?: number;
  packIntact: boolean;
  expiryChecked: boolean;
  recipient?: string;
  /** The registered person it is for (db/schema/people.ts); none for an anonymous dispensing. */
  personId?: number;
}

/**
 * Dispensing to people at a township or village depot (S0:398, 415): scan, quantity, confirm
 * that the pack is intact and the expiry checked; the stock leaves the qualified zone.
 */
export function dispense(deps: Deps, actor: Actor, input: DispenseInput) {
  const depot = findDepotPlace(deps.db, input.depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${input.depotId}`);
  assertCanWriteAt(actor, depot, 'dispenser', 'storekeeper');
  const person = input.personId === undefined ? undefined : findPerson(deps.db, input.personId);
  if (input.personId !== undefined && !person) throw new DomainError('person_not_found', `No person ${input.personId}`);
  if (person) validatePersonForDispensing(person, depot.id);
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    const { batch, count, entry } = findScannedBatch(tx, input);
    const quantity = input.quantity ?? count ?? 1;
    validateDispensing({ tier: depot.tier, batch, packIntact: input.packIntact, expiryChecked: input.expiryChecked }, now, { dispensingTiers: deps.config.dispensingTiers, timeZone: deps.config.timeZone, expiredFrom: deps.config.expiredFrom });
    const product = findProduct(tx, batch.productId)!;
    if (!person && needsPerson(product, findRegister(tx, depot.id) !== undefined, deps.config.people)) {
      throw new DomainError('person_required', `${product.code} is dispensed to a registered person at this depot: choose the person (condoms and other self-service supplies stay anonymous)`, { productCode: product.code, method: product.productClass });
    }
    assertNotHeld(tx, batch, depot.path);
    assertStockEffective(tx, depot.id, batch);
    const row = q.insertDispensing(tx, {
      depotId: depot.id,
      batchId: batch.id,
      quantity,
      recipient: input.recipient ?? null,
      personId: person?.id ?? null,
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
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'dispense', entity: 'dispensing', entityId: row.id, detail: { batchId: batch.id, quantity, entry, ...(person && { caseNumber: person.caseNumber }) } }, now);
    return { id: row.id, batchId: batch.id, lot: batch.lot, expiresOn: batch.expiresOn, productId: batch.productId, quantity, entry, personId: person?.id ?? null, caseNumber: person?.caseNumber ?? null };
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
