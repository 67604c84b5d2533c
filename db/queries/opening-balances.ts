import { eq } from 'drizzle-orm';
import { prepared } from './statements.ts';
import type { DbOrTx } from '../client.ts';
import { batches, openingBalanceLines, openingBalances } from '../schema/index.ts';

export function countOpeningBalancesAt(db: DbOrTx, depotId: number): number {
  return prepared(db, 'select count(*) from opening_balances where depot_id = ?').pluck().get(depotId) as number;
}

export function insertOpeningBalance(db: DbOrTx, row: typeof openingBalances.$inferInsert): { id: number } {
  const info = prepared(db, 'insert into opening_balances (number, depot_id, note, created_by, created_at) values (?, ?, ?, ?, ?)').run(
    row.number,
    row.depotId,
    row.note ?? null,
    row.createdBy,
    row.createdAt,
  );
  return { id: Number(info.lastInsertRowid) };
}

export function insertOpeningBalanceLines(db: DbOrTx, rows: (typeof openingBalanceLines.$inferInsert)[]) {
  const stmt = prepared(db, 'insert into opening_balance_lines (opening_balance_id, batch_id, zone, quantity, unit_price_fen) values (?, ?, ?, ?, ?)');
  for (const r of rows) stmt.run(r.openingBalanceId, r.batchId, r.zone, r.quantity, r.unitPriceFen);
}

export function setOpeningBalancePosting(db: DbOrTx, id: number, postingId: number) {
  prepared(db, 'update opening_balances set posting_id = ? where id = ?').run(postingId, id);
}

export function findOpeningBalance(db: DbOrTx, id: number) {
  const doc = prepared(
    db,
    `select id, number, depot_id as depotId, note, created_by as createdBy, created_at as createdAt, posting_id as postingId
     from opening_balances where id = ?`,
  ).get(id) as typeof openingBalances.$inferSelect | undefined;
  if (!doc) return undefined;
  const lines = prepared(
    db,
    `select l.batch_id as batchId, b.lot, b.product_id as productId, l.zone, l.quantity, l.unit_price_fen as unitPriceFen
     from opening_balance_lines l join batches b on b.id = l.batch_id
     where l.opening_balance_id = ? order by l.id`,
  ).all(id) as { batchId: number; lot: string; productId: number; zone: (typeof openingBalanceLines.$inferSelect)['zone']; quantity: number; unitPriceFen: number }[];
  return { ...doc, lines };
}
