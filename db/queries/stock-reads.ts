import { and, eq, ne, sql, asc, lte } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { batches, depots, postings, products, stockBalances, stockMovements, users } from '../schema/index.ts';
import { subtreeRange } from './depots.ts';
import type { StockLocation } from '../../server/schemas/constants.ts';

export interface StockFilter {
  productId?: number;
  location?: StockLocation;
  expiringBefore?: string;
}

const filters = (f: StockFilter) => [
  ne(stockBalances.quantity, 0),
  f.productId ? eq(batches.productId, f.productId) : undefined,
  f.location ? eq(stockBalances.location, f.location) : undefined,
  f.expiringBefore ? lte(batches.expiresOn, f.expiringBefore) : undefined,
];

/** Zones in the order a storekeeper walks them: yellow, green, red, then in transit. */
const zoneOrder = (column: unknown) =>
  sql`case ${column} when 'pending' then 0 when 'qualified' then 1 when 'nonconforming' then 2 else 3 end`;

const order = [asc(products.code), asc(batches.expiresOn), asc(batches.lot), zoneOrder(stockBalances.location)];

/** Stock on hand at one depot: one row per (location, batch) with a non-zero balance. */
export function stockAtDepot(db: DbOrTx, depotId: number, f: StockFilter, page: { limit: number; offset: number }) {
  const where = and(eq(stockBalances.depotId, depotId), ...filters(f));
  const items = db
    .select({
      batch: batches,
      product: products,
      location: stockBalances.location,
      quantity: stockBalances.quantity,
      valueFen: stockBalances.valueFen,
      depotCount: sql<number>`1`.mapWith(Number),
    })
    .from(stockBalances)
    .innerJoin(batches, eq(batches.id, stockBalances.batchId))
    .innerJoin(products, eq(products.id, batches.productId))
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const byUnit = db
    .select({
      rows: sql<number>`count(*)`.mapWith(Number),
      unitZh: products.unitZh,
      unitEn: products.unitEn,
      quantity: sql<number>`sum(${stockBalances.quantity})`.mapWith(Number),
      valueFen: sql<number>`sum(${stockBalances.valueFen})`.mapWith(Number),
    })
    .from(stockBalances)
    .innerJoin(batches, eq(batches.id, stockBalances.batchId))
    .innerJoin(products, eq(products.id, batches.productId))
    .where(where)
    .groupBy(products.unitZh, products.unitEn)
    .all();
  return { items, totals: totalsOf(byUnit) };
}

/** The rows and value of every page, and the quantities per unit (never one sum across units). */
function totalsOf(byUnit: { rows: number; unitZh: string; unitEn: string; quantity: number; valueFen: number }[]) {
  return {
    rows: byUnit.reduce((n, u) => n + u.rows, 0),
    valueFen: byUnit.reduce((n, u) => n + u.valueFen, 0),
    byUnit: byUnit.map(({ unitZh, unitEn, quantity, valueFen }) => ({ unitZh, unitEn, quantity, valueFen })),
  };
}

/**
 * Stock on hand summed over a depot and every depot below it, per (location, batch): the page
 * from the grouped rows, the totals per unit from a second pass over the same groups.
 */
export function stockInSubtree(db: DbOrTx, path: string, f: StockFilter, page: { limit: number; offset: number }) {
  const where = and(subtreeRange(depots.path, path), ...filters(f));
  const byBatch = f.productId !== undefined || f.expiringBefore !== undefined;
  const base = db
    .select({
      batchId: stockBalances.batchId,
      location: stockBalances.location,
      quantity: sql<number>`sum(${stockBalances.quantity})`.as('quantity'),
      valueFen: sql<number>`sum(${stockBalances.valueFen})`.as('value_fen'),
      depotCount: sql<number>`count(*)`.as('depot_count'),
    })
    .from(stockBalances)
    .innerJoin(depots, eq(depots.id, stockBalances.depotId));
  // The batches join only when a filter needs it: without it the sum is one covering-index scan.
  const grouped = (byBatch ? base.innerJoin(batches, eq(batches.id, stockBalances.batchId)) : base)
    .where(where)
    .groupBy(stockBalances.batchId, stockBalances.location)
    .as('g');
  const rows = db
    .select({
      batch: batches,
      product: products,
      location: grouped.location,
      quantity: sql<number>`${grouped.quantity}`.mapWith(Number),
      valueFen: sql<number>`${grouped.valueFen}`.mapWith(Number),
      depotCount: sql<number>`${grouped.depotCount}`.mapWith(Number),
    })
    .from(grouped)
    .innerJoin(batches, eq(batches.id, grouped.batchId))
    .innerJoin(products, eq(products.id, batches.productId))
    .orderBy(asc(products.code), asc(batches.expiresOn), asc(batches.lot), zoneOrder(grouped.location))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  // Quantities per unit need the product of each grouped row: a second pass over the groups.
  const byUnit = db
    .select({
      rows: sql<number>`count(*)`.mapWith(Number),
      unitZh: products.unitZh,
      unitEn: products.unitEn,
      quantity: sql<number>`sum(${grouped.quantity})`.mapWith(Number),
      valueFen: sql<number>`sum(${grouped.valueFen})`.mapWith(Number),
    })
    .from(grouped)
    .innerJoin(batches, eq(batches.id, grouped.batchId))
    .innerJoin(products, eq(products.id, batches.productId))
    .groupBy(products.unitZh, products.unitEn)
    .all();
  return { items: rows, totals: totalsOf(byUnit) };
}

/** The stock card (保管卡) of one batch at one depot, oldest first, with the running balance over all zones. */
export function stockCard(db: DbOrTx, depotId: number, batchId: number, page: { limit: number; offset: number }) {
  const where = and(eq(stockMovements.depotId, depotId), eq(stockMovements.batchId, batchId));
  const items = db
    .select({
      id: stockMovements.id,
      postedAt: stockMovements.postedAt,
      kind: stockMovements.kind,
      location: stockMovements.location,
      quantity: stockMovements.quantity,
      unitPriceFen: stockMovements.unitPriceFen,
      balanceAfter: stockMovements.balanceAfter,
      runningBalance: sql<number>`sum(${stockMovements.quantity}) over (order by ${stockMovements.id})`.mapWith(Number),
      postingId: stockMovements.postingId,
      documentType: postings.documentType,
      documentId: postings.documentId,
      reason: postings.reason,
      actorId: stockMovements.actorId,
      actorName: users.displayName,
    })
    .from(stockMovements)
    .innerJoin(postings, eq(postings.id, stockMovements.postingId))
    .innerJoin(users, eq(users.id, stockMovements.actorId))
    .where(where)
    .orderBy(asc(stockMovements.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(stockMovements).where(where).get()!.n;
  const balances = db
    .select({ location: stockBalances.location, quantity: stockBalances.quantity })
    .from(stockBalances)
    .where(and(eq(stockBalances.depotId, depotId), eq(stockBalances.batchId, batchId)))
    .all();
  return { items, total, balances };
}
