import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import * as q from '../../db/queries/quality.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { traceGoods } from './supply-trace.ts';
import { findBatch, findProduct } from '../../db/queries/catalogue.ts';
import { findInspection, insertNotification } from '../../db/queries/inspections.ts';
import { DomainError } from '../domain/errors.ts';
import { assertCanRead, assertCanWriteAt, canRead, type Actor } from '../auth/scope.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';


/** Refuses to issue or dispense a batch held at this depot (by a hold raised here or above). */
export function assertNotHeld(db: DbOrTx, batch: { id: number; lot: string }, depotPath: string): void {
  const holds = q.activeHoldsCovering(db, batch.id, depotPath);
  if (holds.length > 0) throw new DomainError('batch_on_hold', `Lot ${batch.lot} is on hold: ${holds[0]!.reason}`, { batchId: batch.id, holdId: holds[0]!.id });
}

/**
 * Places a hold on a lot over the whole subtree of the inspector's or leader's depot (a quality
 * problem from an inspection or a report): no depot below issues or dispenses it until released.
 * The leaders of the depots directly below are told.
 */
export function placeHold(deps: Deps, actor: Actor, input: { depotId: number; batchId: number; reason: string; inspectionId?: number }) {
  const depot = depotOrThrow(deps, input.depotId);
  assertCanWriteAt(actor, depot, 'inspector', 'leader');
  const batch = findBatch(deps.db, input.batchId);
  if (!batch) throw new DomainError('batch_not_found', `No batch ${input.batchId}`);
  if (input.inspectionId !== undefined) {
    const inspection = findInspection(deps.db, input.inspectionId);
    if (!inspection || inspection.batchId !== batch.id || !canRead(actor, depotOrThrow(deps, inspection.depotId))) {
      throw new DomainError('not_found', `No inspection ${input.inspectionId} of this lot in your depots`, undefined, [{ path: 'inspectionId', message: 'not an inspection of this lot' }]);
    }
  }
  const product = findProduct(deps.db, batch.productId)!;
  const now = deps.clock.now();
  const hold = deps.db.transaction((tx) => {
    const row = q.insertHold(tx, { batchId: batch.id, depotId: depot.id, depotPath: depot.path, reason: input.reason, inspectionId: input.inspectionId ?? null, raisedBy: actor.userId, raisedAt: now.toISOString() });
    // Each depot below that holds or held the lot is told once.
    const places = new Set(q.goodsFlows(tx, { batchId: batch.id }, depot.path).map((f) => f.depotId));
    for (const placeId of places) {
      if (placeId === depot.id) continue;
      insertNotification(tx, { depotId: placeId, role: 'leader', kind: 'batch_hold', entity: 'batch_hold', entityId: row.id, message: `${depot.name} 暂停发放 ${product.nameZh} 批号 ${batch.lot}: ${input.reason}`, createdAt: now.toISOString() });
    }
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'hold', entity: 'batch', entityId: batch.id, detail: { holdId: row.id, reason: input.reason } }, now);
    return row;
  });
  return hold;
}

export function releaseHold(deps: Deps, actor: Actor, id: number, reason: string) {
  const hold = q.findHold(deps.db, id);
  if (!hold) throw new DomainError('hold_not_found', `No hold ${id}`);
  assertCanWriteAt(actor, depotOrThrow(deps, hold.depotId), 'inspector', 'leader');
  if (hold.releasedAt) throw new DomainError('hold_released', `Hold ${id} was released on ${hold.releasedAt}`);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.releaseHold(tx, id, { releasedBy: actor.userId, releasedAt: now.toISOString(), releaseReason: reason });
    audit(tx, { actorId: actor.userId, depotId: hold.depotId, action: 'release', entity: 'batch', entityId: hold.batchId, detail: { holdId: id, reason } }, now);
  });
  return q.findHold(deps.db, id)!;
}

/**
 * Where a lot went (the trace of a batch hold, 跟踪药具去向): every depot of the subtree that holds
 * or held it, reconciled, down to the dispensings (supply-trace.ts); the shipments between them;
 * the holds on it.
 */
export function traceBatch(deps: Deps, actor: Actor, batchId: number, depotId?: number) {
  const root = depotOrThrow(deps, depotId ?? actor.depotId);
  assertCanRead(actor, root);
  const batch = findBatch(deps.db, batchId);
  if (!batch) throw new DomainError('batch_not_found', `No batch ${batchId}`);
  const product = findProduct(deps.db, batch.productId)!;
  return {
    batch: { id: batch.id, lot: batch.lot, expiresOn: batch.expiresOn, manufacturer: batch.manufacturer, productId: product.id, productCode: product.code, productNameZh: product.nameZh, productNameEn: product.nameEn },
    root: { id: root.id, code: root.code, name: root.name },
    ...traceGoods(deps, root, { batchId }, (path) => q.activeHoldsCovering(deps.db, batchId, path).length > 0),
    holds: q.holdsOfBatch(deps.db, batchId).filter((h) => canRead(actor, { id: h.depotId, path: h.depotPath }) || root.path.startsWith(h.depotPath)),
  };
}

/** Holds that apply at a depot (raised there or above) and those raised below it. */
export function listHolds(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const rows = q.activeHolds(deps.db).filter((h) => depot.path.startsWith(h.depotPath) || h.depotPath.startsWith(depot.path));
  return {
    items: rows.map((h) => {
      const batch = findBatch(deps.db, h.batchId)!;
      const product = findProduct(deps.db, batch.productId)!;
      return { ...h, lot: batch.lot, expiresOn: batch.expiresOn, productCode: product.code, productNameZh: product.nameZh, productNameEn: product.nameEn, depotName: findDepotPlace(deps.db, h.depotId)!.name, appliesHere: depot.path.startsWith(h.depotPath) };
    }),
  };
}
