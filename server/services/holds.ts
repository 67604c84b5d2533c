import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import * as q from '../../db/queries/quality.ts';
import { findDepotPlace, findDepot } from '../../db/queries/depots.ts';
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
    for (const place of q.batchFlows(tx, batch.id, depot.path)) {
      if (place.depotId === depot.id) continue;
      insertNotification(tx, { depotId: place.depotId, role: 'leader', kind: 'batch_hold', entity: 'batch_hold', entityId: row.id, message: `${depot.name} 暂停发放 ${product.nameZh} 批号 ${batch.lot}: ${input.reason}`, createdAt: now.toISOString() });
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
 * Where a lot went (the trace of a batch hold): every depot of the subtree that holds or held
 * it, with what it received, issued, dispensed, wrote off and holds now by zone; the shipments
 * between them; the dispensings; the holds on it.
 */
export function traceBatch(deps: Deps, actor: Actor, batchId: number, depotId?: number) {
  const root = depotOrThrow(deps, depotId ?? actor.depotId);
  assertCanRead(actor, root);
  const batch = findBatch(deps.db, batchId);
  if (!batch) throw new DomainError('batch_not_found', `No batch ${batchId}`);
  const product = findProduct(deps.db, batch.productId)!;
  const flows = q.batchFlows(deps.db, batchId, root.path);
  const dispensed = new Map(q.batchDispensings(deps.db, batchId, root.path).map((d) => [d.depotId, d]));
  const stock = q.batchBalances(deps.db, batchId, root.path);
  const depotIds = [...new Set(flows.map((f) => f.depotId))];
  const depots = depotIds
    .map((id) => findDepot(deps.db, id)!)
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((d) => {
      const mine = flows.filter((f) => f.depotId === d.id);
      const sum = (kinds: string[], side: 'inQty' | 'outQty') => mine.filter((f) => kinds.includes(f.kind)).reduce((s, f) => s + f[side], 0);
      const now = stock.filter((s) => s.depotId === d.id && s.quantity !== 0);
      return {
        id: d.id,
        code: d.code,
        name: d.name,
        tier: d.tier,
        depth: d.path.split('/').length - root.path.split('/').length,
        received: sum(['opening_balance', 'receipt'], 'inQty') + mine.filter((f) => f.kind === 'transfer_in' && f.location !== 'in_transit').reduce((s, f) => s + f.inQty, 0),
        issued: mine.filter((f) => f.kind === 'transfer_out' && f.location === 'qualified').reduce((s, f) => s + f.outQty, 0),
        dispensed: sum(['dispense'], 'outQty'),
        dispensings: dispensed.get(d.id)?.times ?? 0,
        writtenOff: sum(['write_off'], 'outQty'),
        returnedToMaker: sum(['return_to_supplier'], 'outQty'),
        onHand: Object.fromEntries(now.map((s) => [s.location, s.quantity])),
        held: q.activeHoldsCovering(deps.db, batchId, d.path).length > 0,
      };
    });
  return {
    batch: { id: batch.id, lot: batch.lot, expiresOn: batch.expiresOn, manufacturer: batch.manufacturer, productCode: product.code, productNameZh: product.nameZh, productNameEn: product.nameEn },
    root: { id: root.id, code: root.code, name: root.name },
    depots,
    shipments: q.batchShipments(deps.db, batchId, root.path),
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
