import type { Db } from '../client.ts';

/**
 * Bulk writers for benchmark data only: prepared statements in large transactions, for
 * millions of rows. They bypass the posting module, so their caller must produce a valid
 * ledger (running balances, hash chains); `verifyLedger` checks it.
 */
export function bulkLedgerWriter(db: Db) {
  const c = db.$client;
  const posting = c.prepare(
    `insert into postings (id, kind, document_type, document_id, actor_id, posted_at) values (?, ?, 'synthetic', ?, ?, ?)`,
  );
  const movement = c.prepare(
    `insert into stock_movements (id, posting_id, depot_id, location, batch_id, kind, quantity, unit_price_fen, balance_after, actor_id, posted_at, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const balance = c.prepare(
    `insert into stock_balances (depot_id, location, batch_id, quantity, value_fen, first_received_at, last_movement_id) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (depot_id, location, batch_id) do update set quantity = excluded.quantity, value_fen = excluded.value_fen, last_movement_id = excluded.last_movement_id`,
  );
  const maxIds = () =>
    c.prepare(`select (select coalesce(max(id), 0) from postings) as posting, (select coalesce(max(id), 0) from stock_movements) as movement`).get() as {
      posting: number;
      movement: number;
    };
  return {
    maxIds,
    insertPosting: (id: number, kind: string, documentId: number, actorId: number, postedAt: string) => posting.run(id, kind, documentId, actorId, postedAt),
    insertMovement: (row: unknown[]) => movement.run(...row),
    upsertBalance: (row: unknown[]) => balance.run(...row),
    inTransaction: <T>(fn: () => T): T => c.transaction(fn)(),
  };
}
