import { and, eq, count, asc, sql } from 'drizzle-orm';
import { containsText } from './search.ts';
import type { DbOrTx } from '../client.ts';
import { batches, products } from '../schema/index.ts';
import { prepared, preparedQuery } from './statements.ts';

export function listProducts(db: DbOrTx) {
  return db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.code)).all();
}

export function findProduct(db: DbOrTx, id: number) {
  return preparedQuery(db, 'catalogue.findProduct', () => db.select().from(products).where(eq(products.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function findProductByCode(db: DbOrTx, code: string) {
  return preparedQuery(db, 'catalogue.findProductByCode', () => db.select().from(products).where(eq(products.code, sql.placeholder('code'))).prepare()).get({ code });
}

export function insertProduct(db: DbOrTx, row: typeof products.$inferInsert) {
  return db.insert(products).values(row).returning().get();
}

export function updateProduct(db: DbOrTx, id: number, patch: Partial<Pick<typeof products.$inferInsert, 'cypPerUnit' | 'annualUsePerUser'>>) {
  return db.update(products).set(patch).where(eq(products.id, id)).returning().get();
}

export function findBatch(db: DbOrTx, id: number): typeof batches.$inferSelect | undefined {
  return prepared(
    db,
    `select id, product_id as productId, lot, expires_on as expiresOn, produced_on as producedOn, manufacturer,
            unit_price_fen as unitPriceFen, created_at as createdAt
     from batches where id = ?`,
  ).get(id) as typeof batches.$inferSelect | undefined;
}

export function findBatchByLot(db: DbOrTx, productId: number, lot: string) {
  return preparedQuery(db, 'catalogue.findBatchByLot', () =>
    db
      .select()
      .from(batches)
      .where(and(eq(batches.productId, sql.placeholder('productId')), eq(batches.lot, sql.placeholder('lot'))))
      .prepare(),
  ).get({ productId, lot });
}

export function insertBatch(db: DbOrTx, row: typeof batches.$inferInsert) {
  return db.insert(batches).values(row).returning().get();
}

export function searchBatches(
  db: DbOrTx,
  filter: { productId?: number; q?: string },
  page: { limit: number; offset: number },
) {
  const where = and(
    filter.productId ? eq(batches.productId, filter.productId) : undefined,
    filter.q ? containsText(batches.lot, filter.q) : undefined,
  );
  const items = db
    .select({ batch: batches, product: products })
    .from(batches)
    .innerJoin(products, eq(products.id, batches.productId))
    .where(where)
    .orderBy(asc(batches.expiresOn), asc(batches.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(batches).where(where).get()!.n;
  return { items, total };
}

export function countBatches(db: DbOrTx) {
  return db.select({ n: sql<number>`count(*)` }).from(batches).get()!.n;
}

export function findProductByGtin(db: DbOrTx, gtin: string) {
  return db.select().from(products).where(eq(products.gtin, gtin)).get();
}

/** Whether a batch has ever moved anywhere: until then its price and markings may still be set from its delivery note. */
export function batchHasMovements(db: DbOrTx, batchId: number): boolean {
  return prepared(db, 'select 1 from stock_movements where batch_id = ? limit 1').get(batchId) !== undefined;
}

export function updateBatchDetails(db: DbOrTx, id: number, set: { unitPriceFen?: number; manufacturer?: string; producedOn?: string }) {
  db.update(batches).set(set).where(eq(batches.id, id)).run();
}
