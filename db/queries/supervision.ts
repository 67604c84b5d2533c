import { and, asc, desc, eq, inArray, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { depots, supervisionActions, supervisionFindings, supervisionVisits } from '../schema/index.ts';
import { subtreeRange } from './depots.ts';
import { prepared } from './statements.ts';

export type VisitRow = typeof supervisionVisits.$inferSelect;
export type FindingRow = typeof supervisionFindings.$inferSelect;
export type ActionRow = typeof supervisionActions.$inferSelect;

export const insertVisit = (db: DbOrTx, row: typeof supervisionVisits.$inferInsert): VisitRow => db.insert(supervisionVisits).values(row).returning().get();
export const findVisit = (db: DbOrTx, id: number): VisitRow | undefined => db.select().from(supervisionVisits).where(eq(supervisionVisits.id, id)).get();
export function updateVisit(db: DbOrTx, id: number, set: Partial<typeof supervisionVisits.$inferInsert>) {
  db.update(supervisionVisits).set(set).where(eq(supervisionVisits.id, id)).run();
}

export const insertFinding = (db: DbOrTx, row: typeof supervisionFindings.$inferInsert): FindingRow => db.insert(supervisionFindings).values(row).returning().get();
export const findFinding = (db: DbOrTx, id: number): FindingRow | undefined => db.select().from(supervisionFindings).where(eq(supervisionFindings.id, id)).get();
export const findingsOf = (db: DbOrTx, visitId: number) => db.select().from(supervisionFindings).where(eq(supervisionFindings.visitId, visitId)).orderBy(asc(supervisionFindings.id)).all();

export const insertAction = (db: DbOrTx, row: typeof supervisionActions.$inferInsert): ActionRow => db.insert(supervisionActions).values(row).returning().get();
export const findAction = (db: DbOrTx, id: number): ActionRow | undefined => db.select().from(supervisionActions).where(eq(supervisionActions.id, id)).get();
export const actionsOf = (db: DbOrTx, visitId: number) => db.select().from(supervisionActions).where(eq(supervisionActions.visitId, visitId)).orderBy(asc(supervisionActions.id)).all();
export function updateAction(db: DbOrTx, id: number, set: Partial<typeof supervisionActions.$inferInsert>) {
  db.update(supervisionActions).set(set).where(eq(supervisionActions.id, id)).run();
}

/** Visits a depot made, and visits to it or to any depot below it; newest first. */
export function visitsAround(db: DbOrTx, depot: { id: number; path: string }) {
  const below = db.select({ id: depots.id }).from(depots).where(subtreeRange(depots.path, depot.path));
  return db
    .select()
    .from(supervisionVisits)
    .where(or(eq(supervisionVisits.visitingDepotId, depot.id), inArray(supervisionVisits.visitedDepotId, below)))
    .orderBy(desc(supervisionVisits.plannedOn), desc(supervisionVisits.id))
    .all();
}

/** The corrective actions a depot owes (visits to it), or those it follows up (visits it made); not yet verified first. */
export function actionsAt(db: DbOrTx, depotId: number, side: 'visited' | 'visiting') {
  const column = side === 'visited' ? supervisionVisits.visitedDepotId : supervisionVisits.visitingDepotId;
  return db
    .select({ action: supervisionActions, visit: supervisionVisits })
    .from(supervisionActions)
    .innerJoin(supervisionVisits, eq(supervisionVisits.id, supervisionActions.visitId))
    // A cancelled visit's drafted actions are owed by nobody.
    .where(and(eq(column, depotId), ne(supervisionVisits.status, 'cancelled')))
    .orderBy(asc(supervisionActions.dueOn), asc(supervisionActions.id))
    .all();
}

/**
 * 调拨上下对应 at one depot for the checklist: orders dispatched to it since `from`, what was
 * recorded short on them, and what still stands in transit to it.
 */
export function transfersTo(db: DbOrTx, depotId: number, from: string) {
  const received = prepared(db, `select count(*) as n from transfer_orders where to_depot_id = ? and dispatched_at >= ?`).get(depotId, from) as { n: number };
  const short = prepared(
    db,
    `select coalesce(sum(d.quantity), 0) as q from transfer_discrepancies d join transfer_orders o on o.id = d.order_id where o.to_depot_id = ? and d.kind = 'short' and o.dispatched_at >= ?`,
  ).get(depotId, from) as { q: number };
  const transit = prepared(db, `select coalesce(sum(quantity), 0) as q from stock_balances where depot_id = ? and location = 'in_transit'`).get(depotId) as { q: number };
  return { received: received.n, shortQuantity: short.q, inTransit: transit.q };
}

/** Ids of the orders sent from or to a depot: the ledger check names orders, the checklist keeps this depot's. */
export function orderIdsOf(db: DbOrTx, depotId: number): Set<number> {
  const rows = prepared(db, `select id from transfer_orders where from_depot_id = ? or to_depot_id = ?`).all(depotId, depotId) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}

/** Products the depot's subtree ever moved: the ones worth tracing. */
export function productsMovedUnder(db: DbOrTx, path: string) {
  return prepared(
    db,
    `select distinct b.product_id as id from stock_movements m join batches b on b.id = m.batch_id join depots d on d.id = m.depot_id where d.path >= ? and d.path < ?`,
  ).all(path, `${path.slice(0, -1)}0`) as { id: number }[];
}
