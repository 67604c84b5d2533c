import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/quality.ts';
import { findDepot } from '../../db/queries/depots.ts';
import { findProduct } from '../../db/queries/catalogue.ts';
import { DomainError } from '../domain/errors.ts';
import { reconcile, subtreeTotals } from '../domain/supply-trace.ts';
import { assertCanRead, type Actor } from '../auth/scope.ts';
import { depotOrThrow } from './depot-lookup.ts';

type Place = { id: number; code: string; name: string; path: string };

/**
 * Where the goods went below a depot (跟踪药具去向, S0:481): every depot of its subtree that
 * holds or held them, each reconciled (in − out = on hand, what is unaccounted for), down to
 * the dispensings at the registers: how much to registered people (how many people, never who)
 * and how much anonymously; the shipments between the depots with what was found short.
 */
export function traceGoods(deps: Deps, root: Place, goods: q.Goods, heldAt: (depotPath: string) => boolean) {
  const flows = q.goodsFlows(deps.db, goods, root.path);
  const dispensed = new Map(q.goodsDispensings(deps.db, goods, root.path).map((d) => [d.depotId, d]));
  const stock = q.goodsBalances(deps.db, goods, root.path);
  const depots = [...new Set(flows.map((f) => f.depotId))]
    .map((id) => findDepot(deps.db, id)!)
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((d) => {
      const here = stock.filter((s) => s.depotId === d.id && s.quantity !== 0);
      const stored = here.filter((s) => s.location !== 'in_transit').reduce((s, b) => s + b.quantity, 0);
      const reconciliation = reconcile(flows.filter((f) => f.depotId === d.id), stored);
      const given = dispensed.get(d.id);
      return {
        id: d.id,
        code: d.code,
        name: d.name,
        tier: d.tier,
        depth: d.path.split('/').length - root.path.split('/').length,
        received: reconciliation.fromSupplier + reconciliation.fromAbove,
        issued: reconciliation.issued,
        dispensed: reconciliation.dispensed,
        dispensings: given?.times ?? 0,
        toPeople: { people: given?.people ?? 0, quantity: given?.toPeople ?? 0 },
        anonymous: given?.anonymous ?? 0,
        writtenOff: reconciliation.writtenOff,
        returnedToMaker: reconciliation.returnedToMaker,
        onHand: Object.fromEntries(here.map((s) => [s.location, s.quantity])),
        held: heldAt(d.path),
        reconciliation,
      };
    });
  const shipments = q.goodsShipments(deps.db, goods, root.path).map((s) => ({ ...s, received: s.status === 'received' ? s.quantity - s.short : null }));
  return { depots, shipments, totals: subtreeTotals(depots.map((d) => d.reconciliation)) };
}

/** Where a product went below a depot, every lot of it together, with the lots it covers. */
export function traceProduct(deps: Deps, actor: Actor, productId: number, depotId?: number) {
  const root = depotOrThrow(deps, depotId ?? actor.depotId);
  assertCanRead(actor, root);
  const product = findProduct(deps.db, productId);
  if (!product) throw new DomainError('product_not_found', `No product ${productId}`);
  const lots = q.lotsOfProductUnder(deps.db, productId, root.path);
  const held = (path: string) => lots.some((l) => q.activeHoldsCovering(deps.db, l.id, path).length > 0);
  return {
    product: { id: product.id, code: product.code, nameZh: product.nameZh, nameEn: product.nameEn, unitZh: product.unitZh, unitEn: product.unitEn },
    root: { id: root.id, code: root.code, name: root.name },
    lots,
    ...traceGoods(deps, root, { productId }, held),
  };
}
