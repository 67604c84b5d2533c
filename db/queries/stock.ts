import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { postings, reversalRequests, stockMovements } from '../schema/index.ts';
import { prepared } from './statements.ts';
import type { StockLocation, MovementKind } from '../../server/schemas/constants.ts';

export interface BalanceKey {
  depotId: number;
  location: StockLocation;
  batchId: number;
}

export interface BalanceRow extends BalanceKey {
  quantity: number;
  valueFen: number;
  firstReceivedAt: string;
  lastMovementId: number;
}

// The posting module's statements: raw and prepared once (see statements.ts).

export function findBalances(db: DbOrTx, keys: readonly BalanceKey[]): BalanceRow[] {
  const stmt = prepared(
    db,
    `select depot_id as depotId, location, batch_id as batchId, quantity, value_fen as valueFen,
            first_received_at as firstReceivedAt, last_movement_id as lastMovementId
     from stock_balances where depot_id = ? and location = ? and batch_id = ?`,
  );
  return keys.flatMap((k) => {
    const row = stmt.get(k.depotId, k.location, k.batchId) as BalanceRow | undefined;
    return row ? [row] : [];
  });
}

/** The newest movement hash of each depot's chain (absent where the depot has none yet). */
export function findChainHeads(db: DbOrTx, depotIds: readonly number[]): Map<number, string> {
  const stmt = prepared(db, 'select hash from stock_movements where depot_id = ? order by id desc limit 1').pluck();
  const heads = new Map<number, string>();
  for (const depotId of new Set(depotIds)) {
    const hash = stmt.get(depotId) as string | undefined;
    if (hash) heads.set(depotId, hash);
  }
  return heads;
}

export function nextMovementId(db: DbOrTx): number {
  return (prepared(db, 'select coalesce(max(id), 0) from stock_movements').pluck().get() as number) + 1;
}

export function insertPosting(db: DbOrTx, row: typeof postings.$inferInsert): { id: number } {
  const info = prepared(
    db,
    `insert into postings (kind, document_type, document_id, reverses_posting_id, reason, actor_id, posted_at) values (?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.kind, row.documentType, row.documentId, row.reversesPostingId ?? null, row.reason ?? null, row.actorId, row.postedAt);
  return { id: Number(info.lastInsertRowid) };
}

export function insertMovements(db: DbOrTx, rows: (typeof stockMovements.$inferInsert)[]) {
  const stmt = prepared(
    db,
    `insert into stock_movements (id, posting_id, depot_id, location, batch_id, kind, quantity, unit_price_fen, balance_after, actor_id, posted_at, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows) {
    stmt.run(r.id, r.postingId, r.depotId, r.location, r.batchId, r.kind, r.quantity, r.unitPriceFen, r.balanceAfter, r.actorId, r.postedAt, r.prevHash, r.hash);
  }
}

export function upsertBalance(db: DbOrTx, row: BalanceRow) {
  prepared(
    db,
    `insert into stock_balances (depot_id, location, batch_id, quantity, value_fen, first_received_at, last_movement_id) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (depot_id, location, batch_id) do update set quantity = excluded.quantity, value_fen = excluded.value_fen, last_movement_id = excluded.last_movement_id`,
  ).run(row.depotId, row.location, row.batchId, row.quantity, row.valueFen, row.firstReceivedAt, row.lastMovementId);
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

type ReversalRequestRow = typeof reversalRequests.$inferSelect;

export function insertReversalRequest(db: DbOrTx, row: typeof reversalRequests.$inferInsert): ReversalRequestRow {
  return db.insert(reversalRequests).values(row).returning().get();
}

export function findReversalRequest(db: DbOrTx, id: number): ReversalRequestRow | undefined {
  return db.select().from(reversalRequests).where(eq(reversalRequests.id, id)).get();
}

export function findPendingReversalRequest(db: DbOrTx, postingId: number): ReversalRequestRow | undefined {
  return db.select().from(reversalRequests).where(and(eq(reversalRequests.postingId, postingId), eq(reversalRequests.status, 'pending'))).get();
}

export function updateReversalRequest(db: DbOrTx, id: number, set: Partial<typeof reversalRequests.$inferInsert>) {
  db.update(reversalRequests).set(set).where(eq(reversalRequests.id, id)).run();
}

export function listReversalRequestsAt(db: DbOrTx, depotId: number, status: ReversalRequestRow['status'] | undefined) {
  return db
    .select()
    .from(reversalRequests)
    .where(and(eq(reversalRequests.depotId, depotId), status === undefined ? undefined : eq(reversalRequests.status, status)))
    .orderBy(desc(reversalRequests.id))
    .all();
}
