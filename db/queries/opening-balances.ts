import { desc, eq } from 'drizzle-orm';
import { prepared } from './statements.ts';
import type { DbOrTx } from '../client.ts';
import { openingBalanceLines, openingBalances, openingWindows } from '../schema/index.ts';

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
    `select id, number, depot_id as depotId, note, created_by as createdBy, created_at as createdAt, posting_id as postingId,
            confirmed_by as confirmedBy, confirmed_at as confirmedAt
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

export function confirmOpeningBalance(db: DbOrTx, id: number, userId: number, at: string) {
  prepared(db, 'update opening_balances set confirmed_by = ?, confirmed_at = ? where id = ?').run(userId, at, id);
}

/**
 * Whether stock has come into or left the depot otherwise than by opening balances: it has gone
 * live. Inspections and zone moves of the opening stock, and reversals, keep it inside.
 */
export function hasOtherMovements(db: DbOrTx, depotId: number): boolean {
  return prepared(db, `select 1 from stock_movements where depot_id = ? and kind not in ('opening_balance', 'reversal', 'inspection', 'zone_move') limit 1`).get(depotId) !== undefined;
}

/** The opening window of a depot still open on `today` (YYYY-MM-DD), the latest ending first. */
export function openWindowAt(db: DbOrTx, depotId: number, today: string) {
  return prepared(
    db,
    `select id, depot_id as depotId, ends_on as endsOn, reason, opened_by as openedBy, opened_at as openedAt
     from opening_windows where depot_id = ? and ends_on >= ? and substr(opened_at, 1, 10) <= ? order by ends_on desc limit 1`,
  ).get(depotId, today, today) as typeof openingWindows.$inferSelect | undefined;
}

export function insertOpeningWindow(db: DbOrTx, row: typeof openingWindows.$inferInsert) {
  return db.insert(openingWindows).values(row).returning().get();
}

export function listOpeningWindowsAt(db: DbOrTx, depotId: number) {
  return db.select().from(openingWindows).where(eq(openingWindows.depotId, depotId)).orderBy(desc(openingWindows.id)).all();
}

/**
 * The opening balances of a depot, newest first, with whether their posting was reversed;
 * `awaiting_confirmation`: neither confirmed nor reversed (what a second person still has to confirm).
 */
export function listOpeningBalancesAt(db: DbOrTx, depotId: number, status?: 'awaiting_confirmation' | 'confirmed') {
  const reversed = 'exists (select 1 from postings p where p.reverses_posting_id = o.posting_id)';
  const filter = status === 'awaiting_confirmation' ? `and o.confirmed_at is null and not ${reversed}` : status === 'confirmed' ? 'and o.confirmed_at is not null' : '';
  return prepared(db, `select o.id, ${reversed} as reversed from opening_balances o where o.depot_id = ? ${filter} order by o.id desc`).all(depotId) as { id: number; reversed: 0 | 1 }[];
}

export function findOpeningWindow(db: DbOrTx, id: number) {
  return db.select().from(openingWindows).where(eq(openingWindows.id, id)).get();
}

export function setOpeningWindowEnd(db: DbOrTx, id: number, endsOn: string) {
  db.update(openingWindows).set({ endsOn }).where(eq(openingWindows.id, id)).run();
}
