import type { Db } from '../client.ts';

/**
 * The ledger invariants as queries (docs/design.md "Stock model"). Each returns the offending rows,
 * so that `npm run verify` can name them. Raw SQL: these read the whole ledger in one pass.
 */

/** Each check takes an optional depot: the whole ledger (`npm run verify`) or one depot's part (a supervision visit). */
const onlyDepot = (depotId: number | undefined, column = 'depot_id') => (depotId === undefined ? { sql: '1', args: [] as number[] } : { sql: `${column} = ?`, args: [depotId] });

export function balancesNotMatchingMovements(db: Db, depotId?: number) {
  const m = onlyDepot(depotId);
  const b = onlyDepot(depotId, 'b.depot_id');
  type Row = { depotId: number; location: string; batchId: number; balance: number | null; movements: number | null };
  // Two indexed passes rather than a full outer join, which SQLite would run as a nested scan.
  const withMovements = db.$client
    .prepare(
      `select s.depot_id as depotId, s.location, s.batch_id as batchId, b.quantity as balance, s.quantity as movements
       from (select depot_id, location, batch_id, sum(quantity) as quantity, sum(quantity * unit_price_fen) as value_fen
             from stock_movements where ${m.sql} group by depot_id, location, batch_id) s
       left join stock_balances b on b.depot_id = s.depot_id and b.location = s.location and b.batch_id = s.batch_id
       where b.quantity is not s.quantity or b.value_fen is not s.value_fen`,
    )
    .all(...m.args) as Row[];
  const withoutMovements = db.$client
    .prepare(
      `select b.depot_id as depotId, b.location, b.batch_id as batchId, b.quantity as balance, null as movements
       from stock_balances b
       where ${b.sql} and not exists (select 1 from stock_movements m where m.depot_id = b.depot_id and m.batch_id = b.batch_id and m.location = b.location)`,
    )
    .all(...b.args) as Row[];
  return [...withMovements, ...withoutMovements];
}

export function negativeBalances(db: Db, depotId?: number) {
  const d = onlyDepot(depotId);
  return db.$client
    .prepare(`select depot_id as depotId, location, batch_id as batchId, quantity from stock_balances where quantity < 0 and ${d.sql}`)
    .all(...d.args) as { depotId: number; location: string; batchId: number; quantity: number }[];
}

/** Movements whose balance_after is not the running sum of their (depot, location, batch). */
export function wrongBalanceAfter(db: Db, depotId?: number) {
  const d = onlyDepot(depotId);
  return db.$client
    .prepare(
      `select id, depotId, balanceAfter, running from (
         select id, depot_id as depotId, balance_after as balanceAfter,
                sum(quantity) over (partition by depot_id, location, batch_id order by id) as running
         from stock_movements where ${d.sql})
       where balanceAfter != running or running < 0`,
    )
    .all(...d.args) as { id: number; depotId: number; balanceAfter: number; running: number }[];
}

/** Every movement in chain order (per depot, by id), streamed. */
export function* movementsInChainOrder(db: Db, depotId?: number) {
  const d = onlyDepot(depotId);
  const stmt = db.$client.prepare(
    `select id, posting_id as postingId, depot_id as depotId, location, batch_id as batchId, kind, quantity,
            unit_price_fen as unitPriceFen, balance_after as balanceAfter, actor_id as actorId, posted_at as postedAt,
            prev_hash as prevHash, hash
     from stock_movements where ${d.sql} order by depot_id, id`,
  );
  yield* stmt.iterate(...d.args) as IterableIterator<{
    id: number;
    postingId: number;
    depotId: number;
    location: string;
    batchId: number;
    kind: string;
    quantity: number;
    unitPriceFen: number;
    balanceAfter: number;
    actorId: number;
    postedAt: string;
    prevHash: string;
    hash: string;
  }>;
}

/**
 * 调拨上下对应 (S0:479): per dispatched order and batch, what left the issuing depot's qualified
 * zone equals what went in transit to the receiving depot; once the receipt is counted, what left
 * transit equals what was shipped, and what was shipped equals what went into the receiving
 * zones plus what was recorded short.
 */
export function transfersNotCorresponding(db: Db) {
  return db.$client
    .prepare(
      `with shipped as (
         select o.id as orderId, o.number, m.batch_id as batchId,
                -sum(case when m.depot_id = o.from_depot_id and m.location = 'qualified' then m.quantity else 0 end) as sent,
                sum(case when m.depot_id = o.to_depot_id and m.location = 'in_transit' then m.quantity else 0 end) as inTransit,
                sum(case when not ((m.depot_id = o.from_depot_id and m.location = 'qualified') or (m.depot_id = o.to_depot_id and m.location = 'in_transit')) then 1 else 0 end) as stray
         from transfer_orders o join stock_movements m on m.posting_id = o.dispatch_posting_id
         group by o.id, m.batch_id),
       received as (
         select r.transfer_order_id as orderId, m.batch_id as batchId,
                -sum(case when m.location = 'in_transit' then m.quantity else 0 end) as leftTransit,
                sum(case when m.location != 'in_transit' then m.quantity else 0 end) as stocked
         from receipts r join stock_movements m on m.posting_id = r.posting_id
         where r.transfer_order_id is not null
         group by r.transfer_order_id, m.batch_id),
       short as (
         select order_id as orderId, batch_id as batchId, sum(quantity) as quantity
         from transfer_discrepancies where kind = 'short' group by order_id, batch_id)
       select s.orderId, s.number, s.batchId, s.sent, s.inTransit, s.stray, r.leftTransit, r.stocked, coalesce(sh.quantity, 0) as short
       from shipped s
       left join received r on r.orderId = s.orderId and r.batchId = s.batchId
       left join short sh on sh.orderId = s.orderId and sh.batchId = s.batchId
       where s.sent != s.inTransit or s.stray > 0 or s.sent <= 0
          or (r.orderId is not null and (r.leftTransit != s.sent or r.stocked + coalesce(sh.quantity, 0) != s.sent))`,
    )
    .all() as { orderId: number; number: string; batchId: number; sent: number; inTransit: number; stray: number; leftTransit: number | null; stocked: number | null; short: number }[];
}
