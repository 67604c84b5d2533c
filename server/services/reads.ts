import type { z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as depotQ from '../../db/queries/depots.ts';
import * as catQ from '../../db/queries/catalogue.ts';
import * as stockQ from '../../db/queries/stock-reads.ts';
import { ineffectiveStockAt, type IneffectiveDocument } from '../../db/queries/receipts.ts';
import { DomainError } from '../domain/errors.ts';
import { expiryStatus } from '../domain/expiry.ts';
import { totalsByUnit } from '../domain/units.ts';
import { assertCanRead, type Actor } from '../auth/scope.ts';
import { presentBatch, presentDepot, presentProduct } from './present.ts';
import type {
  BatchListQuerySchema,
  DepotListQuerySchema,
  StockCardQuerySchema,
  StockQuerySchema,
} from '../schemas/api.ts';

const pageOf = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

/** Loads a depot the actor may read: 404 when it does not exist, 403 when it is outside the actor's subtree. */
export function loadReadableDepot(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotQ.findDepot(deps.db, depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${depotId}`);
  assertCanRead(actor, depot);
  return depot;
}

export function getDepot(deps: Deps, actor: Actor, depotId: number) {
  const depot = loadReadableDepot(deps, actor, depotId);
  const ancestors = depotQ.findAncestors(deps.db, depot.path).filter((a) => depot.path.startsWith(a.path) && a.path.startsWith(actor.depotPath));
  return { ...presentDepot(depot), ancestors: ancestors.map(presentDepot) };
}

export function getChildren(deps: Deps, actor: Actor, depotId: number) {
  loadReadableDepot(deps, actor, depotId);
  return { items: depotQ.findChildren(deps.db, depotId).map(presentDepot) };
}

export function listDepots(deps: Deps, actor: Actor, query: z.infer<typeof DepotListQuerySchema>) {
  const root = loadReadableDepot(deps, actor, query.under ?? actor.depotId);
  const { items, total } = depotQ.searchDepots(deps.db, { underPath: root.path, tier: query.tier, q: query.q }, pageOf(query));
  return { items: items.map(presentDepot), total, page: query.page, pageSize: query.pageSize };
}

export function listProducts(deps: Deps) {
  return { items: catQ.listProducts(deps.db).map(presentProduct) };
}

export function getProduct(deps: Deps, id: number) {
  const product = catQ.findProduct(deps.db, id);
  if (!product) throw new DomainError('product_not_found', `No product ${id}`);
  return presentProduct(product);
}

export function listBatches(deps: Deps, query: z.infer<typeof BatchListQuerySchema>) {
  const { items, total } = catQ.searchBatches(deps.db, query, pageOf(query));
  return {
    items: items.map((r) => ({ ...presentBatch(r.batch), product: presentProduct(r.product) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export function getBatch(deps: Deps, id: number) {
  const batch = catQ.findBatch(deps.db, id);
  if (!batch) throw new DomainError('batch_not_found', `No batch ${id}`);
  return { ...presentBatch(batch), product: presentProduct(catQ.findProduct(deps.db, batch.productId)!) };
}

const presentAwaiting = (doc: IneffectiveDocument | undefined) => (doc ? { type: doc.documentType, id: doc.id, number: doc.number } : null);

export function stockOnHand(deps: Deps, actor: Actor, query: z.infer<typeof StockQuerySchema>) {
  const depot = loadReadableDepot(deps, actor, query.depotId);
  const now = deps.clock.now();
  const filter = { productId: query.productId, location: query.zone, expiringBefore: query.expiringBefore };
  const { items, totals } =
    query.scope === 'subtree'
      ? stockQ.stockInSubtree(deps.db, depot.path, filter, pageOf(query))
      : stockQ.stockAtDepot(deps.db, depot.id, filter, pageOf(query));
  // The lock is per depot and batch: a sum over depots has none to show.
  const waiting = query.scope === 'subtree' ? new Map<number, IneffectiveDocument>() : ineffectiveStockAt(deps.db, depot.id);
  return {
    depot: presentDepot(depot),
    scope: query.scope,
    items: items.map((r) => ({
      batchId: r.batch.id,
      lot: r.batch.lot,
      expiresOn: r.batch.expiresOn,
      expiryStatus: expiryStatus(r.batch, now, deps.config.nearExpiryDays, deps.config),
      product: presentProduct(r.product),
      location: r.location,
      quantity: r.quantity,
      valueFen: r.valueFen,
      depotCount: r.depotCount,
      awaiting: r.location === 'in_transit' ? null : presentAwaiting(waiting.get(r.batch.id)),
    })),
    total: totals.rows,
    totals: { valueFen: totals.valueFen },
    totalsByUnit: totalsByUnit(totals.byUnit),
    page: query.page,
    pageSize: query.pageSize,
  };
}

export function stockCard(deps: Deps, actor: Actor, query: z.infer<typeof StockCardQuerySchema>) {
  const depot = loadReadableDepot(deps, actor, query.depotId);
  const batch = getBatch(deps, query.batchId);
  const { items, total, balances } = stockQ.stockCard(deps.db, depot.id, batch.id, pageOf(query));
  return {
    depot: presentDepot(depot),
    batch,
    expiryStatus: expiryStatus(batch, deps.clock.now(), deps.config.nearExpiryDays, deps.config),
    balances,
    awaiting: presentAwaiting(ineffectiveStockAt(deps.db, depot.id).get(batch.id)),
    items: items.map(({ actorId, actorName, ...line }) => ({ ...line, actor: { id: actorId, displayName: actorName } })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
