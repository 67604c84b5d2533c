import type { DbOrTx } from '../client.ts';
import { connectionOf, prepared } from './statements.ts';
import { accumulateTotals, chainOfPath, flowOf, monthOf, type TotalsDelta } from '../../server/domain/period-totals.ts';
import type { MovementKind, StockLocation } from '../../server/schemas/constants.ts';

export interface MovementForTotals {
  depotId: number;
  location: StockLocation;
  batchId: number;
  quantity: number;
  unitPriceFen: number;
}

/** The ancestor-or-self chain of a depot and the product of a batch: read once per posting. */
function chainOf(db: DbOrTx, depotId: number): number[] {
  return chainOfPath(prepared(db, 'select path from depots where id = ?').pluck().get(depotId) as string);
}
function productOf(db: DbOrTx, batchId: number): number {
  return prepared(db, 'select product_id from batches where id = ?').pluck().get(batchId) as number;
}

/** Adds a posting's movements to the month totals, in the posting's transaction. */
export function addPostingToTotals(
  db: DbOrTx,
  posting: { kind: MovementKind; reversedKind: MovementKind | null; postedAt: string; timeZone: string },
  movements: readonly MovementForTotals[],
): void {
  const month = monthOf(posting.postedAt, posting.timeZone);
  const chains = new Map<number, number[]>();
  const productIds = new Map<number, number>();
  const deltas = new Map<string, TotalsDelta>();
  for (const m of movements) {
    let chain = chains.get(m.depotId);
    if (!chain) chains.set(m.depotId, (chain = chainOf(db, m.depotId)));
    let productId = productIds.get(m.batchId);
    if (productId === undefined) productIds.set(m.batchId, (productId = productOf(db, m.batchId)));
    accumulateTotals(deltas, { depotId: m.depotId, chain, productId, flow: flowOf(posting.kind, m.location, posting.reversedKind), month, quantity: m.quantity, unitPriceFen: m.unitPriceFen });
  }
  writeDeltas(db, deltas.values());
}

function writeDeltas(db: DbOrTx, deltas: Iterable<TotalsDelta>) {
  const upsert = prepared(
    db,
    `insert into stock_period_totals (depot_id, scope, month, product_id, flow, in_qty, in_value_fen, out_qty, out_value_fen) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (depot_id, scope, month, product_id, flow) do update set
       in_qty = in_qty + excluded.in_qty, in_value_fen = in_value_fen + excluded.in_value_fen,
       out_qty = out_qty + excluded.out_qty, out_value_fen = out_value_fen + excluded.out_value_fen`,
  );
  for (const d of deltas) upsert.run(d.depotId, d.scope, d.month, d.productId, d.flow, d.inQty, d.inValueFen, d.outQty, d.outValueFen);
}

/**
 * The month totals recomputed from every movement, streamed: for `verify`, for rebuilding the table
 * after a bulk load, and for a database whose history predates the table.
 */
export function computeTotalsFromMovements(db: DbOrTx, timeZone: string): Map<string, TotalsDelta> {
  const c = connectionOf(db);
  const chains = new Map<number, number[]>();
  for (const d of c.prepare('select id, path from depots').iterate() as Iterable<{ id: number; path: string }>) chains.set(d.id, chainOfPath(d.path));
  const products = new Map<number, number>();
  for (const b of c.prepare('select id, product_id as productId from batches').iterate() as Iterable<{ id: number; productId: number }>) products.set(b.id, b.productId);
  const reversed = new Map<number, MovementKind>();
  for (const r of c.prepare(`select r.id, o.kind from postings r join postings o on o.id = r.reverses_posting_id`).iterate() as Iterable<{ id: number; kind: MovementKind }>) reversed.set(r.id, r.kind);
  const totals = new Map<string, TotalsDelta>();
  const rows = c.prepare('select posting_id, depot_id, location, batch_id, kind, quantity, unit_price_fen, posted_at from stock_movements').raw().iterate() as Iterable<
    [number, number, StockLocation, number, MovementKind, number, number, string]
  >;
  for (const [postingId, depotId, location, batchId, kind, quantity, unitPriceFen, postedAt] of rows) {
    accumulateTotals(totals, {
      depotId,
      chain: chains.get(depotId)!,
      productId: products.get(batchId)!,
      flow: flowOf(kind, location, reversed.get(postingId) ?? null),
      month: monthOf(postedAt, timeZone),
      quantity,
      unitPriceFen,
    });
  }
  return totals;
}

/** Replaces the month totals with those recomputed from the movements, in one transaction. */
export function rebuildPeriodTotals(db: DbOrTx, timeZone: string): number {
  const c = connectionOf(db);
  const totals = computeTotalsFromMovements(db, timeZone);
  c.transaction(() => {
    c.prepare('delete from stock_period_totals').run();
    writeDeltas(db, totals.values());
  })();
  return totals.size;
}

/** Fills the month totals once for a database whose movements predate them (migration 0010). */
export function ensurePeriodTotals(db: DbOrTx, timeZone: string): void {
  const c = connectionOf(db);
  const empty = c.prepare('select not exists (select 1 from stock_period_totals)').pluck().get() === 1;
  const hasMovements = c.prepare('select exists (select 1 from stock_movements)').pluck().get() === 1;
  if (empty && hasMovements) rebuildPeriodTotals(db, timeZone);
}

export interface TotalsRow {
  productId: number;
  flow: string;
  inQty: number;
  inValueFen: number;
  outQty: number;
  outValueFen: number;
}

/**
 * Totals of one depot (scope 'own') or its subtree (scope 'tree') per product and flow, summed over
 * months `from`..`to` inclusive ("YYYY-MM"; `from` null = since the beginning).
 */
export function sumTotals(db: DbOrTx, depotId: number, scope: 'own' | 'tree', from: string | null, to: string): TotalsRow[] {
  return prepared(
    db,
    `select product_id as productId, flow, sum(in_qty) as inQty, sum(in_value_fen) as inValueFen, sum(out_qty) as outQty, sum(out_value_fen) as outValueFen
     from stock_period_totals where depot_id = ? and scope = ? and month >= ? and month <= ?
     group by product_id, flow`,
  ).all(depotId, scope, from ?? '0000-00', to) as TotalsRow[];
}

/** Per depot of a subtree (own scope) and product: the same sums, for views listing depots. */
export function sumTotalsByDepot(db: DbOrTx, pathPrefix: string, pathEnd: string, flows: readonly string[], from: string, to: string) {
  const marks = flows.map(() => '?').join(', ');
  return prepared(
    db,
    `select t.depot_id as depotId, t.product_id as productId, t.flow, sum(t.in_qty) as inQty, sum(t.in_value_fen) as inValueFen, sum(t.out_qty) as outQty, sum(t.out_value_fen) as outValueFen
     from depots d join stock_period_totals t on t.depot_id = d.id and t.scope = 'own' and t.month >= ? and t.month <= ? and t.flow in (${marks})
     where d.path >= ? and d.path < ?
     group by t.depot_id, t.product_id, t.flow`,
  ).all(from, to, ...flows, pathPrefix, pathEnd) as (TotalsRow & { depotId: number })[];
}
