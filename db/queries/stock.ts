import { and, eq, sql, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { postings, stockBalances, stockMovements } from '../schema/index.ts';
import type { StockLocation, MovementKind } from '../../server/schemas/constants.ts';

export interface BalanceKey {
  depotId: number;
  location: StockLocation;
  batchId: number;
}

export function findBalances(db: DbOrTx, keys: readonly BalanceKey[]) {
  return keys.length === 0
    ? []
    : keys.flatMap((k) =>
        db
          .select()
          .from(stockBalances)
          .where(
            and(
              eq(stockBalances.depotId, k.depotId),
              eq(stockBalances.location, k.location),
              eq(stockBalances.batchId, k.batchId),
            ),
          )
          .all(),
      );
}

/** The newest movement hash of each depot's chain (undefined where the depot has none yet). */
export function findChainHeads(db: DbOrTx, depotIds: readonly number[]): Map<number, string> {
  const heads = new Map<number, string>();
  for (const depotId of new Set(depotIds)) {
    const row = db
      .select({ hash: stockMovements.hash })
      .from(stockMovements)
      .where(eq(stockMovements.depotId, depotId))
      .orderBy(sql`${stockMovements.id} desc`)
      .limit(1)
      .get();
    if (row) heads.set(depotId, row.hash);
  }
  return heads;
}

export function nextMovementId(db: DbOrTx): number {
  const row = db.select({ max: sql<number>`coalesce(max(${stockMovements.id}), 0)` }).from(stockMovements).get();
  return (row?.max ?? 0) + 1;
}

export function insertPosting(db: DbOrTx, row: typeof postings.$inferInsert) {
  return db.insert(postings).values(row).returning({ id: postings.id }).get();
}

export function insertMovements(db: DbOrTx, rows: (typeof stockMovements.$inferInsert)[]) {
  for (const row of rows) db.insert(stockMovements).values(row).run();
}

export function upsertBalance(db: DbOrTx, row: typeof stockBalances.$inferInsert) {
  db.insert(stockBalances)
    .values(row)
    .onConflictDoUpdate({
      target: [stockBalances.depotId, stockBalances.location, stockBalances.batchId],
      set: { quantity: row.quantity, valueFen: row.valueFen, lastMovementId: row.lastMovementId },
    })
    .run();
}

export function findPosting(db: DbOrTx, id: number) {
  return db.select().from(postings).where(eq(postings.id, id)).get();
}

export function findReversalOf(db: DbOrTx, postingId: number) {
  return db.select().from(postings).where(eq(postings.reversesPostingId, postingId)).get();
}

export function findPostingMovements(db: DbOrTx, postingId: number) {
  return db.select().from(stockMovements).where(eq(stockMovements.postingId, postingId)).orderBy(stockMovements.id).all();
}

export function findPostingsOfDocument(db: DbOrTx, documentType: string, documentIds: number[]) {
  return db
    .select()
    .from(postings)
    .where(and(eq(postings.documentType, documentType), inArray(postings.documentId, documentIds)))
    .all();
}

export type { MovementKind };
