import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/quality.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import { addDays, firstUsableExpiry, toIsoDate } from '../domain/expiry.ts';
import { quantitiesByUnit, type UnitLine } from '../domain/units.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import { postMovements } from './posting.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';


/** Expired stock still in the qualified zone at the depots of a subtree (Z-R3: it belongs in the red zone). */
export function expiredStock(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const rows = q.expiredInQualified(deps.db, depot.path, firstUsableExpiry(deps.clock.now(), deps.config));
  return { items: rows, quantity: rows.reduce((s, r) => s + r.quantity, 0), valueFen: rows.reduce((s, r) => s + r.valueFen, 0) };
}

/**
 * The storekeeper's sweep of their own depot (on demand): every expired batch still in the
 * qualified zone moves to the non-conforming zone, in one posting.
 */
export function sweepExpiredHere(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanWriteAt(actor, depot, 'storekeeper', 'inspector');
  const now = deps.clock.now();
  return deps.db.transaction((tx) => {
    const rows = q.expiredInQualified(tx, depot.path, firstUsableExpiry(now, deps.config)).filter((r) => r.depotId === depot.id);
    if (rows.length === 0) return { sweepId: null, moved: 0, lines: [] };
    const lines = rows.map((r) => ({ batchId: r.batchId, quantity: r.quantity }));
    const sweep = q.insertSweep(tx, { depotId: depot.id, mode: 'moved', lines, sweptBy: actor.userId, sweptAt: now.toISOString() });
    const { postingId } = postMovements(
      tx,
      {
        kind: 'zone_move',
        documentType: 'expiry_sweep',
        documentId: sweep.id,
        actorId: actor.userId,
        reason: '过期药具移入不合格区',
        lines: rows.flatMap((r) => [
          { depotId: depot.id, location: 'qualified' as const, batchId: r.batchId, quantity: -r.quantity, unitPriceFen: r.unitPriceFen },
          { depotId: depot.id, location: 'nonconforming' as const, batchId: r.batchId, quantity: r.quantity, unitPriceFen: r.unitPriceFen },
        ]),
      },
      now, deps.config.timeZone);
    q.setSweepPosting(tx, sweep.id, postingId);
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'sweep', entity: 'expiry_sweep', entityId: sweep.id, detail: { lines } }, now);
    return { sweepId: sweep.id, postingId, moved: lines.reduce((s, l) => s + l.quantity, 0), lines: rows };
  });
}

/**
 * The server's daily sweep over every depot (on start and every day): expired stock still in
 * the qualified zone is flagged for each depot's storekeeper and inspector, once per change of
 * what is there. Expired batches are already refused by every issue and dispensing; moving them
 * to the red zone is a signed posting that the storekeeper makes.
 */
export function flagExpiredEverywhere(deps: Deps) {
  const now = deps.clock.now();
  const rows = q.expiredInQualified(deps.db, '/', firstUsableExpiry(now, deps.config));
  const byDepot = new Map<number, typeof rows>();
  for (const r of rows) (byDepot.get(r.depotId) ?? byDepot.set(r.depotId, []).get(r.depotId)!).push(r);
  const last = q.lastSweeps(deps.db);
  let flagged = 0;
  for (const [depotId, list] of byDepot) {
    const lines = list.map((r) => ({ batchId: r.batchId, quantity: r.quantity }));
    const before = last.get(depotId);
    if (before?.mode === 'flagged' && before.lines === JSON.stringify(lines)) continue;
    deps.db.transaction((tx) => {
      const sweep = q.insertSweep(tx, { depotId, mode: 'flagged', lines, sweptBy: null, sweptAt: now.toISOString() });
      const quantity = quantitiesByUnit(list).map((u) => `${u.quantity}${u.unitZh}`).join('、');
      for (const role of ['storekeeper', 'inspector']) {
        insertNotification(tx, { depotId, role, kind: 'expired_in_qualified', entity: 'expiry_sweep', entityId: sweep.id, message: `${list.length} 个批号过期药具 ${quantity} 仍在合格品区，请移入不合格区`, createdAt: now.toISOString() });
      }
    });
    flagged++;
  }
  return { checkedAt: now.toISOString(), depots: flagged };
}

/**
 * Expired and near-expiry stock with quantities and values, for each depot of a subtree and in
 * total, with how much of the expired stock still stands in the qualified zone.
 */
export function expirySummary(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const now = deps.clock.now();
  const today = toIsoDate(now, deps.config.timeZone);
  const rows = q.expiryBuckets(deps.db, depot.path, firstUsableExpiry(now, deps.config), addDays(today, deps.config.nearExpiryDays));
  type Totals = { expiredQuantity: number; expiredValueFen: number; expiredInQualified: number; nearQuantity: number; nearValueFen: number };
  const empty = (): Totals => ({ expiredQuantity: 0, expiredValueFen: 0, expiredInQualified: 0, nearQuantity: 0, nearValueFen: 0 });
  // The quantities by unit to show (120 盒 · 30 板); the sums above only tell whether there is any.
  type Lines = { expired: UnitLine[]; near: UnitLine[]; expiredInQualified: UnitLine[] };
  const noLines = (): Lines => ({ expired: [], near: [], expiredInQualified: [] });
  const byUnit = (l: Lines) => ({ expired: quantitiesByUnit(l.expired), near: quantitiesByUnit(l.near), expiredInQualified: quantitiesByUnit(l.expiredInQualified) });
  const byDepot = new Map<number, Totals>();
  const linesByDepot = new Map<number, Lines>();
  const total = empty();
  const totalLines = noLines();
  for (const r of rows) {
    const t = byDepot.get(r.depotId) ?? byDepot.set(r.depotId, empty()).get(r.depotId)!;
    const l = linesByDepot.get(r.depotId) ?? linesByDepot.set(r.depotId, noLines()).get(r.depotId)!;
    for (const [target, lines] of [[t, l], [total, totalLines]] as const) {
      if (r.bucket === 'expired') {
        target.expiredQuantity += r.quantity;
        target.expiredValueFen += r.valueFen;
        lines.expired.push(r);
        if (r.location === 'qualified') {
          target.expiredInQualified += r.quantity;
          lines.expiredInQualified.push(r);
        }
      } else if (r.location === 'qualified') {
        target.nearQuantity += r.quantity;
        target.nearValueFen += r.valueFen;
        lines.near.push(r);
      }
    }
  }
  return {
    depotId,
    nearExpiryDays: deps.config.nearExpiryDays,
    total,
    totalByUnit: byUnit(totalLines),
    depots: [...byDepot]
      .map(([id, t]) => ({ id, name: findDepotPlace(deps.db, id)!.name, code: findDepotPlace(deps.db, id)!.code, ...t, byUnit: byUnit(linesByDepot.get(id)!) }))
      .sort((a, b) => b.expiredValueFen + b.nearValueFen - (a.expiredValueFen + a.nearValueFen)),
  };
}
