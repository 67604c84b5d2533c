import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { allocationPlanLines, allocationPlans, demandPlanLines, demandPlans, usageFigures } from '../schema/index.ts';
import { prepared } from './statements.ts';
import { subtreeEnd } from './depots.ts';


export type DemandPlanRow = typeof demandPlans.$inferSelect;
export type AllocationPlanRow = typeof allocationPlans.$inferSelect;

/** What a depot issued to the depots below (out of its qualified zone) and dispensed since `sinceIso`, per product. */
export function issuedAndDispensed(db: DbOrTx, depotId: number, sinceIso: string) {
  const rows = prepared(
    db,
    `select t.product_id as productId, m.kind, -sum(m.quantity) as quantity
     from stock_movements m join batches t on t.id = m.batch_id
     where m.depot_id = ? and m.posted_at >= ? and ((m.kind = 'transfer_out' and m.location = 'qualified') or m.kind = 'dispense')
     group by t.product_id, m.kind`,
  ).all(depotId, sinceIso) as { productId: number; kind: string; quantity: number }[];
  const out = new Map<number, { issued: number; dispensed: number }>();
  for (const r of rows) {
    const e = out.get(r.productId) ?? { issued: 0, dispensed: 0 };
    if (r.kind === 'dispense') e.dispensed += r.quantity;
    else e.issued += r.quantity;
    out.set(r.productId, e);
  }
  return out;
}

/** Usable stock (qualified and awaiting inspection) per product: at the depot itself, and at the depots below it. */
export function stockHereAndBelow(db: DbOrTx, depotId: number, path: string) {
  const rows = prepared(
    db,
    `select t.product_id as productId, b.depot_id = ? as here, sum(b.quantity) as quantity
     from stock_balances b join depots d on d.id = b.depot_id join batches t on t.id = b.batch_id
     where d.path >= ? and d.path < ? and b.location in ('qualified', 'pending') and b.quantity > 0
     group by t.product_id, here`,
  ).all(depotId, path, subtreeEnd(path)) as { productId: number; here: number; quantity: number }[];
  const out = new Map<number, { here: number; below: number }>();
  for (const r of rows) {
    const e = out.get(r.productId) ?? { here: 0, below: 0 };
    if (r.here) e.here += r.quantity;
    else e.below += r.quantity;
    out.set(r.productId, e);
  }
  return out;
}

/** Users by method over the townships of a subtree, for each half-year that has figures: newest first. */
export function usersBySubtree(db: DbOrTx, path: string) {
  return prepared(
    db,
    `select u.year, u.half, u.method, sum(u.users) as users
     from usage_figures u join depots d on d.id = u.depot_id
     where d.path >= ? and d.path < ?
     group by u.year, u.half, u.method order by u.year desc, u.half desc`,
  ).all(path, subtreeEnd(path)) as { year: number; half: number; method: string; users: number }[];
}

export function usageFiguresOf(db: DbOrTx, depotId: number, year: number, half: number) {
  return db
    .select()
    .from(usageFigures)
    .where(and(eq(usageFigures.depotId, depotId), eq(usageFigures.year, year), eq(usageFigures.half, half)))
    .all();
}

export function upsertUsageFigure(db: DbOrTx, row: typeof usageFigures.$inferInsert) {
  db.insert(usageFigures)
    .values(row)
    .onConflictDoUpdate({ target: [usageFigures.depotId, usageFigures.year, usageFigures.half, usageFigures.method], set: { users: row.users, source: row.source, recordedBy: row.recordedBy, recordedAt: row.recordedAt } })
    .run();
}

/** Dispensed quantity per product class over the depots of a subtree in [fromIso, toIso). */
export function dispensedByMethod(db: DbOrTx, path: string, fromIso: string, toIso: string) {
  return prepared(
    db,
    `select p.product_class as method, p.id as productId, p.annual_use_per_user as annualUse, sum(s.quantity) as quantity
     from dispensings s join depots d on d.id = s.depot_id join batches t on t.id = s.batch_id join products p on p.id = t.product_id
     where d.path >= ? and d.path < ? and s.dispensed_at >= ? and s.dispensed_at < ?
     group by p.id`,
  ).all(path, subtreeEnd(path), fromIso, toIso) as { method: string; productId: number; annualUse: number | null; quantity: number }[];
}

// ---- demand plans ----

export function findDemandPlan(db: DbOrTx, id: number) {
  return db.select().from(demandPlans).where(eq(demandPlans.id, id)).get();
}

export function findDemandPlanOf(db: DbOrTx, depotId: number, year: number) {
  return db.select().from(demandPlans).where(and(eq(demandPlans.depotId, depotId), eq(demandPlans.year, year))).get();
}

export function insertDemandPlan(db: DbOrTx, row: typeof demandPlans.$inferInsert) {
  return db.insert(demandPlans).values(row).returning().get();
}

export function updateDemandPlan(db: DbOrTx, id: number, patch: Partial<typeof demandPlans.$inferInsert>) {
  db.update(demandPlans).set(patch).where(eq(demandPlans.id, id)).run();
}

export function demandLinesOf(db: DbOrTx, planId: number) {
  return db.select().from(demandPlanLines).where(eq(demandPlanLines.planId, planId)).orderBy(demandPlanLines.productId).all();
}

export function upsertDemandLine(db: DbOrTx, row: typeof demandPlanLines.$inferInsert) {
  db.insert(demandPlanLines)
    .values(row)
    .onConflictDoUpdate({ target: [demandPlanLines.planId, demandPlanLines.productId], set: { inputs: row.inputs, proposed: row.proposed, quantity: row.quantity, reason: row.reason ?? null } })
    .run();
}

/** The plans of some depots for a year, with their line quantities: what the children asked. */
export function plansOfDepots(db: DbOrTx, depotIds: readonly number[], year: number) {
  if (depotIds.length === 0) return [];
  return db
    .select()
    .from(demandPlans)
    .where(and(inArray(demandPlans.depotId, [...depotIds]), eq(demandPlans.year, year)))
    .all();
}

/** Submitted quantities per depot and product, of some depots' plans for a year. */
export function submittedQuantities(db: DbOrTx, depotIds: readonly number[], year: number) {
  if (depotIds.length === 0) return [];
  return prepared(
    db,
    `select p.depot_id as depotId, l.product_id as productId, l.quantity
     from demand_plans p join demand_plan_lines l on l.plan_id = p.id
     where p.year = ? and p.status = 'submitted' and p.depot_id in (select value from json_each(?))`,
  ).all(year, JSON.stringify(depotIds)) as { depotId: number; productId: number; quantity: number }[];
}

/** The consolidation of a whole subtree for a year: submitted quantities summed per product, and how many plans are in. */
export function consolidatedDemand(db: DbOrTx, path: string, year: number) {
  return prepared(
    db,
    `select l.product_id as productId, sum(l.quantity) as quantity, count(*) as plans
     from demand_plans p join depots d on d.id = p.depot_id join demand_plan_lines l on l.plan_id = p.id
     where p.year = ? and p.status = 'submitted' and d.path >= ? and d.path < ?
     group by l.product_id`,
  ).all(year, path, subtreeEnd(path)) as { productId: number; quantity: number; plans: number }[];
}

// ---- allocation plans ----

export function findAllocationPlan(db: DbOrTx, id: number) {
  return db.select().from(allocationPlans).where(eq(allocationPlans.id, id)).get();
}

export function findAllocationPlanOf(db: DbOrTx, depotId: number, year: number) {
  return db.select().from(allocationPlans).where(and(eq(allocationPlans.depotId, depotId), eq(allocationPlans.year, year))).get();
}

/** A depot's issued allocation plans, the latest year first: those an order on the plan may follow. */
export function issuedAllocationPlansOf(db: DbOrTx, depotId: number) {
  return prepared(db, `select id, number, year from allocation_plans where depot_id = ? and status = 'issued' order by year desc`).all(depotId) as { id: number; number: string; year: number }[];
}

export function insertAllocationPlan(db: DbOrTx, row: typeof allocationPlans.$inferInsert) {
  return db.insert(allocationPlans).values(row).returning().get();
}

export function updateAllocationPlan(db: DbOrTx, id: number, patch: Partial<typeof allocationPlans.$inferInsert>) {
  db.update(allocationPlans).set(patch).where(eq(allocationPlans.id, id)).run();
}

export function allocationLinesOf(db: DbOrTx, planId: number) {
  return db.select().from(allocationPlanLines).where(eq(allocationPlanLines.planId, planId)).orderBy(allocationPlanLines.childDepotId, allocationPlanLines.productId).all();
}

export function upsertAllocationLine(db: DbOrTx, row: typeof allocationPlanLines.$inferInsert) {
  db.insert(allocationPlanLines)
    .values(row)
    .onConflictDoUpdate({ target: [allocationPlanLines.planId, allocationPlanLines.childDepotId, allocationPlanLines.productId], set: { allocated: row.allocated, reason: row.reason ?? null } })
    .run();
}

/** What the depot above allocated to a depot for a year in its issued plan, per product. */
export function allocatedTo(db: DbOrTx, depotId: number, year: number) {
  return prepared(
    db,
    `select l.product_id as productId, sum(l.allocated) as allocated
     from allocation_plans p join allocation_plan_lines l on l.plan_id = p.id
     where p.year = ? and p.status = 'issued' and l.child_depot_id = ? group by l.product_id`,
  ).all(year, depotId) as { productId: number; allocated: number }[];
}

/**
 * Progress of the orders an allocation plan generated, per child and product: ordered,
 * dispatched (picked on dispatched or received orders) and received (on received orders).
 */
export function allocationProgress(db: DbOrTx, planId: number) {
  return prepared(
    db,
    `select o.to_depot_id as childDepotId, l.product_id as productId, l.quantity as ordered,
            coalesce((select sum(k.quantity) from transfer_picks k join batches t on t.id = k.batch_id
                      where k.order_id = o.id and t.product_id = l.product_id and o.status in ('dispatched', 'received')), 0) as dispatched,
            coalesce((select sum(k.quantity) from transfer_picks k join batches t on t.id = k.batch_id
                      where k.order_id = o.id and t.product_id = l.product_id and o.status = 'received'), 0)
              - coalesce((select sum(x.quantity) from transfer_discrepancies x where x.order_id = o.id and x.product_id = l.product_id and x.kind = 'short'), 0) as received,
            o.id as orderId, o.number, o.status
     from transfer_orders o join transfer_order_lines l on l.order_id = o.id
     where o.allocation_plan_id = ?`,
  ).all(planId) as { childDepotId: number; productId: number; ordered: number; dispatched: number; received: number; orderId: number; number: string; status: string }[];
}

/** Dispatched quantity of the orders a plan generated to one depot, per product. */
export function dispatchedUnderPlansTo(db: DbOrTx, depotId: number, year: number) {
  return prepared(
    db,
    `select t.product_id as productId, sum(k.quantity) as quantity
     from transfer_orders o join allocation_plans p on p.id = o.allocation_plan_id join transfer_picks k on k.order_id = o.id join batches t on t.id = k.batch_id
     where o.to_depot_id = ? and p.year = ? and o.status in ('dispatched', 'received') group by t.product_id`,
  ).all(depotId, year) as { productId: number; quantity: number }[];
}

/** What a depot sent each of its children since `sinceIso`, per product (their use of its supplies). */
export function sentToChildren(db: DbOrTx, childIds: readonly number[], sinceIso: string) {
  if (childIds.length === 0) return [];
  return prepared(
    db,
    `select m.depot_id as childDepotId, t.product_id as productId, sum(m.quantity) as quantity
     from stock_movements m join batches t on t.id = m.batch_id
     where m.depot_id in (select value from json_each(?)) and m.kind = 'transfer_out' and m.location = 'in_transit' and m.quantity > 0 and m.posted_at >= ?
     group by m.depot_id, t.product_id`,
  ).all(JSON.stringify(childIds), sinceIso) as { childDepotId: number; productId: number; quantity: number }[];
}

export function countAllocationPlans(db: DbOrTx): number {
  return prepared(db, 'select count(*) from allocation_plans').pluck().get() as number;
}

/**
 * What remains of an issued allocation plan for one child, per product: allocated less what
 * the plan's orders to that child still open or carried out ask for (declined and cancelled
 * orders give their quantity back).
 */
export function allocationRemaining(db: DbOrTx, planId: number, childDepotId: number): Map<number, { allocated: number; ordered: number }> {
  const rows = prepared(
    db,
    `select a.product_id as productId, a.allocated,
            coalesce((select sum(l.quantity) from transfer_orders o join transfer_order_lines l on l.order_id = o.id
                      where o.allocation_plan_id = a.plan_id and o.to_depot_id = a.child_depot_id and l.product_id = a.product_id
                        and o.status not in ('declined', 'cancelled')), 0) as ordered
     from allocation_plan_lines a where a.plan_id = ? and a.child_depot_id = ?`,
  ).all(planId, childDepotId) as { productId: number; allocated: number; ordered: number }[];
  return new Map(rows.map((r) => [r.productId, { allocated: r.allocated, ordered: r.ordered }]));
}

/** Who drafted or changed an allocation plan's figures, from the audit log: none of them issues it. */
export function allocationPlanEditors(db: DbOrTx, planId: number): number[] {
  return prepared(
    db,
    `select distinct actor_id from audit_log where entity = 'allocation_plan' and entity_id = ? and action in ('create', 'update') and actor_id is not null`,
  )
    .pluck()
    .all(String(planId)) as number[];
}
