import { eq, count } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { batches, openingBalanceLines, openingBalances } from '../schema/index.ts';

export function countOpeningBalancesAt(db: DbOrTx, depotId: number) {
  return db.select({ n: count() }).from(openingBalances).where(eq(openingBalances.depotId, depotId)).get()!.n;
}

export function insertOpeningBalance(db: DbOrTx, row: typeof openingBalances.$inferInsert) {
  return db.insert(openingBalances).values(row).returning().get();
}

export function insertOpeningBalanceLines(db: DbOrTx, rows: (typeof openingBalanceLines.$inferInsert)[]) {
  for (const row of rows) db.insert(openingBalanceLines).values(row).run();
}

export function setOpeningBalancePosting(db: DbOrTx, id: number, postingId: number) {
  db.update(openingBalances).set({ postingId }).where(eq(openingBalances.id, id)).run();
}

export function findOpeningBalance(db: DbOrTx, id: number) {
  const doc = db.select().from(openingBalances).where(eq(openingBalances.id, id)).get();
  if (!doc) return undefined;
  const lines = db
    .select({
      batchId: openingBalanceLines.batchId,
      lot: batches.lot,
      productId: batches.productId,
      zone: openingBalanceLines.zone,
      quantity: openingBalanceLines.quantity,
      unitPriceFen: openingBalanceLines.unitPriceFen,
    })
    .from(openingBalanceLines)
    .innerJoin(batches, eq(batches.id, openingBalanceLines.batchId))
    .where(eq(openingBalanceLines.openingBalanceId, id))
    .orderBy(openingBalanceLines.id)
    .all();
  return { ...doc, lines };
}
