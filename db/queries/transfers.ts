import { and, asc, count, desc, eq, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { approvals, batches, depots, dispensings, people, products, receipts, stockBalances, stockMovements, transferDiscrepancies, transferOrderLines, transferOrders, transferPicks, users, zoneMoves } from '../schema/index.ts';
import { prepared } from './statements.ts';

export function countOrdersFrom(db: DbOrTx, depotId: number) {
  return db.select({ n: count() }).from(transferOrders).where(eq(transferOrders.fromDepotId, depotId)).get()!.n;
}

export function insertOrder(db: DbOrTx, row: typeof transferOrders.$inferInsert) {
  return db.insert(transferOrders).values(row).returning().get();
}

export function insertOrderLines(db: DbOrTx, rows: (typeof transferOrderLines.$inferInsert)[]) {
  for (const row of rows) db.insert(transferOrderLines).values(row).run();
}

export type TransferOrderRow = typeof transferOrders.$inferSelect;

/** Prepared: every step of a transfer reads its order first. */
export function findOrder(db: DbOrTx, id: number): TransferOrderRow | undefined {
  const row = prepared(
    db,
    `select id, number, from_depot_id as fromDepotId, to_depot_id as toDepotId, basis, lateral, plan_reference as planReference, note, status,
            approval_depot_id as approvalDepotId, created_by as createdBy, created_at as createdAt, dispatched_by as dispatchedBy,
            dispatched_at as dispatchedAt, dispatch_posting_id as dispatchPostingId, received_at as receivedAt
     from transfer_orders where id = ?`,
  ).get(id) as (Omit<TransferOrderRow, 'lateral'> & { lateral: number }) | undefined;
  return row && { ...row, lateral: row.lateral === 1 };
}

export function updateOrder(db: DbOrTx, id: number, set: Partial<typeof transferOrders.$inferInsert>) {
  db.update(transferOrders).set(set).where(eq(transferOrders.id, id)).run();
}

/**
 * The order's lines with their products and what open or dispatched picks cover; prepared, it is
 * on every read of an order. Read as arrays and built here: callers spread these rows, and a
 * better-sqlite3 row object is slow to copy.
 */
export function findOrderLines(db: DbOrTx, orderId: number) {
  const rows = prepared(
    db,
    `select l.id, l.product_id, l.quantity, p.code, p.name_zh, p.name_en, p.gtin,
            coalesce((select sum(k.quantity) from transfer_picks k where k.order_line_id = l.id), 0)
     from transfer_order_lines l join products p on p.id = l.product_id
     where l.order_id = ? order by l.id`,
  )
    .raw(true)
    .all(orderId) as [number, number, number, string, string, string, string | null, number][];
  return rows.map(([id, productId, quantity, productCode, productNameZh, productNameEn, gtin, picked]) => ({ id, productId, quantity, productCode, productNameZh, productNameEn, gtin, picked }));
}

export function findPicks(db: DbOrTx, orderId: number) {
  return prepared(
    db,
    `select k.id, k.order_line_id as orderLineId, k.batch_id as batchId, b.product_id as productId, b.lot, b.expires_on as expiresOn,
            b.unit_price_fen as unitPriceFen, k.quantity, k.override_reason as overrideReason, k.entry, k.picked_by as pickedBy,
            u.display_name as pickedByName, k.picked_at as pickedAt
     from transfer_picks k join batches b on b.id = k.batch_id join users u on u.id = k.picked_by
     where k.order_id = ? order by k.id`,
  ).all(orderId) as {
    id: number;
    orderLineId: number;
    batchId: number;
    productId: number;
    lot: string;
    expiresOn: string;
    unitPriceFen: number;
    quantity: number;
    overrideReason: string | null;
    entry: 'scanned' | 'typed';
    pickedBy: number;
    pickedByName: string;
    pickedAt: string;
  }[];
}

export function insertPick(db: DbOrTx, row: typeof transferPicks.$inferInsert) {
  return db.insert(transferPicks).values(row).returning({ id: transferPicks.id }).get();
}

export function deletePick(db: DbOrTx, pickId: number) {
  db.delete(transferPicks).where(eq(transferPicks.id, pickId)).run();
}

/** Dispatch or cancellation releases the order's reservations. */
export function closePicks(db: DbOrTx, orderId: number) {
  db.update(transferPicks).set({ open: false }).where(eq(transferPicks.orderId, orderId)).run();
}

/** What open picks reserve of each batch at a depot; prepared, it is on every read of an open order. */
export function reservedAt(db: DbOrTx, depotId: number, productIds: readonly number[]): Map<number, number> {
  if (productIds.length === 0) return new Map();
  const rows = prepared(
    db,
    `select k.batch_id, sum(k.quantity) from transfer_picks k join batches b on b.id = k.batch_id
     where k.depot_id = ? and k.open = 1 and b.product_id in (select value from json_each(?))
     group by k.batch_id`,
  )
    .raw(true)
    .all(depotId, JSON.stringify(productIds)) as [number, number][];
  return new Map(rows);
}

/**
 * Qualified stock of some products at a depot, one row per batch, with when it first arrived
 * and when it was last inspected here: the input of the FEFO proposal and the 90/30 rule.
 */
export function qualifiedStockOf(db: DbOrTx, depotId: number, productIds: readonly number[]) {
  if (productIds.length === 0) return [];
  const stmt = prepared(
    db,
    `select b.batch_id as batchId, t.product_id as productId, t.lot, t.expires_on as expiresOn, t.unit_price_fen as unitPriceFen,
            b.quantity, b.first_received_at as firstReceivedAt,
            (select i.inspected_at from inspections i where i.depot_id = b.depot_id and i.batch_id = b.batch_id order by i.id desc limit 1) as lastInspectedAt
     from stock_balances b join batches t on t.id = b.batch_id
     where b.depot_id = ? and b.location = 'qualified' and b.quantity > 0
       and t.product_id in (select value from json_each(?))`,
  );
  return stmt.all(depotId, JSON.stringify(productIds)) as {
    batchId: number;
    productId: number;
    lot: string;
    expiresOn: string;
    unitPriceFen: number;
    quantity: number;
    firstReceivedAt: string;
    lastInspectedAt: string | null;
  }[];
}

/**
 * The FEFO candidates of an order's lines without reading every batch the depot holds: per
 * line, the product's qualified, unexpired stock less open reservations, read in expiry order
 * from the batches_product_expiry index and cut after the expiry date at which the line is
 * covered (all batches of that date are kept: arrival and lot order among them is allocateFefo's
 * to decide). allocateFefo then proposes over these rows exactly as over all of them.
 * Reservations and last inspections are read once for the whole order, not per row.
 * The rows come as arrays: better-sqlite3's row objects are slow to copy (a spread of one costs
 * microseconds), and a pick list reads some 250 of them on every view of an open order.
 */
export function fefoCandidates(db: DbOrTx, depotId: number, lines: readonly { productId: number; remaining: number }[], firstUsableExpiry: string, excluded: ReadonlySet<number> = new Set()) {
  type Row = { productId: number; batchId: number; lot: string; expiresOn: string; unitPriceFen: number; firstReceivedAt: string; quantity: number; available: number; lastInspectedAt: string | null };
  if (lines.length === 0) return [];
  const reserved = reservedAt(db, depotId, lines.map((l) => l.productId));
  const stmt = prepared(
    db,
    `select t.product_id, b.batch_id, t.lot, t.expires_on, t.unit_price_fen, b.first_received_at, b.quantity
     from batches t cross join stock_balances b on b.depot_id = ? and b.location = 'qualified' and b.batch_id = t.id
     where t.product_id = ? and t.expires_on >= ? and b.quantity > 0
     order by t.expires_on`,
  ).raw(true);
  const rows: Row[] = [];
  for (const line of lines) {
    let covered = 0;
    let cutoff: string | undefined;
    for (const [productId, batchId, lot, expiresOn, unitPriceFen, firstReceivedAt, quantity] of stmt.iterate(depotId, line.productId, firstUsableExpiry) as IterableIterator<
      [number, number, string, string, number, string, number]
    >) {
      if (cutoff !== undefined && expiresOn > cutoff) break;
      const available = quantity - (reserved.get(batchId) ?? 0);
      if (available <= 0 || excluded.has(batchId)) continue;
      rows.push({ productId, batchId, lot, expiresOn, unitPriceFen, firstReceivedAt, quantity, available, lastInspectedAt: null });
      covered += available;
      if (cutoff === undefined && covered >= line.remaining) cutoff = expiresOn;
    }
  }
  const inspected = lastInspectionsAt(db, depotId, rows.map((r) => r.batchId));
  for (const r of rows) r.lastInspectedAt = inspected.get(r.batchId) ?? null;
  return rows;
}

/** When each of some batches was last inspected at a depot. */
export function lastInspectionsAt(db: DbOrTx, depotId: number, batchIds: readonly number[]): Map<number, string> {
  if (batchIds.length === 0) return new Map();
  const rows = prepared(
    db,
    `select batch_id as batchId, max(inspected_at) as at from inspections
     where depot_id = ? and batch_id in (select value from json_each(?)) group by batch_id`,
  ).all(depotId, JSON.stringify(batchIds)) as { batchId: number; at: string }[];
  return new Map(rows.map((r) => [r.batchId, r.at]));
}

/** A batch's stock at a depot, per location. */
export function batchLocations(db: DbOrTx, depotId: number, batchId: number) {
  return db
    .select({ location: stockBalances.location, quantity: stockBalances.quantity, firstReceivedAt: stockBalances.firstReceivedAt })
    .from(stockBalances)
    .where(and(eq(stockBalances.depotId, depotId), eq(stockBalances.batchId, batchId)))
    .all();
}

export function insertApproval(db: DbOrTx, row: typeof approvals.$inferInsert) {
  db.insert(approvals).values(row).run();
}

/** Prepared, as the three reads below: each is on every read of an order, and building a drizzle query costs more than running it. */
export function findApproval(db: DbOrTx, documentType: string, documentId: number) {
  type Approval = typeof approvals.$inferSelect;
  return prepared(
    db,
    `select a.decision, a.reason, a.user_id as userId, u.display_name as displayName, a.decided_at as decidedAt, a.depot_id as depotId
     from approvals a join users u on u.id = a.user_id
     where a.document_type = ? and a.document_id = ?`,
  ).get(documentType, documentId) as (Pick<Approval, 'decision' | 'reason' | 'userId' | 'decidedAt' | 'depotId'> & { displayName: string }) | undefined;
}

export function insertDiscrepancy(db: DbOrTx, row: typeof transferDiscrepancies.$inferInsert) {
  db.insert(transferDiscrepancies).values(row).run();
}

export function findDiscrepancies(db: DbOrTx, orderId: number) {
  return prepared(
    db,
    `select d.id, d.kind, d.batch_id as batchId, d.product_id as productId, coalesce(d.lot, (select b.lot from batches b where b.id = d.batch_id)) as lot,
            d.quantity, d.note, d.recorded_at as recordedAt
     from transfer_discrepancies d where d.order_id = ? order by d.id`,
  ).all(orderId) as Pick<typeof transferDiscrepancies.$inferSelect, 'id' | 'kind' | 'batchId' | 'productId' | 'lot' | 'quantity' | 'note' | 'recordedAt'>[];
}

const fromDepot = sql`(select ${depots.name} from ${depots} where ${depots.id} = ${transferOrders.fromDepotId})`;
const toDepot = sql`(select ${depots.name} from ${depots} where ${depots.id} = ${transferOrders.toDepotId})`;

/** Orders a depot issues or receives, newest first. */
export function listOrdersOf(db: DbOrTx, depotId: number, direction: 'out' | 'in' | 'both', page: { limit: number; offset: number }) {
  const where =
    direction === 'out' ? eq(transferOrders.fromDepotId, depotId) : direction === 'in' ? eq(transferOrders.toDepotId, depotId) : or(eq(transferOrders.fromDepotId, depotId), eq(transferOrders.toDepotId, depotId));
  const items = db
    .select({
      id: transferOrders.id,
      number: transferOrders.number,
      fromDepotId: transferOrders.fromDepotId,
      fromDepotName: sql<string>`${fromDepot}`,
      toDepotId: transferOrders.toDepotId,
      toDepotName: sql<string>`${toDepot}`,
      basis: transferOrders.basis,
      lateral: transferOrders.lateral,
      status: transferOrders.status,
      createdAt: transferOrders.createdAt,
      dispatchedAt: transferOrders.dispatchedAt,
    })
    .from(transferOrders)
    .where(where)
    .orderBy(desc(transferOrders.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(transferOrders).where(where).get()!.n;
  return { items, total };
}

/** Orders waiting for a leader of this depot to decide. */
export function listAwaitingApprovalAt(db: DbOrTx, depotId: number) {
  return db
    .select({ id: transferOrders.id, number: transferOrders.number })
    .from(transferOrders)
    .where(and(eq(transferOrders.approvalDepotId, depotId), eq(transferOrders.status, 'awaiting_approval')))
    .orderBy(asc(transferOrders.id))
    .all();
}

export function countDispensingsAt(db: DbOrTx, depotId: number) {
  return db.select({ n: count() }).from(dispensings).where(eq(dispensings.depotId, depotId)).get()!.n;
}

export function insertDispensing(db: DbOrTx, row: typeof dispensings.$inferInsert) {
  return db.insert(dispensings).values(row).returning({ id: dispensings.id }).get();
}

export function listDispensingsAt(db: DbOrTx, depotId: number, page: { limit: number; offset: number }) {
  const items = db
    .select({
      id: dispensings.id,
      batchId: dispensings.batchId,
      productId: batches.productId,
      productCode: products.code,
      productNameZh: products.nameZh,
      productNameEn: products.nameEn,
      lot: batches.lot,
      expiresOn: batches.expiresOn,
      quantity: dispensings.quantity,
      recipient: dispensings.recipient,
      personId: dispensings.personId,
      caseNumber: people.caseNumber,
      entry: dispensings.entry,
      dispensedBy: users.displayName,
      dispensedAt: dispensings.dispensedAt,
    })
    .from(dispensings)
    .innerJoin(batches, eq(batches.id, dispensings.batchId))
    .innerJoin(products, eq(products.id, batches.productId))
    .innerJoin(users, eq(users.id, dispensings.dispensedBy))
    .leftJoin(people, eq(people.id, dispensings.personId))
    .where(eq(dispensings.depotId, depotId))
    .orderBy(desc(dispensings.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  return { items, total: countDispensingsAt(db, depotId) };
}

/** The receipt receiving a shipment; a cancelled one is not, and leaves the shipment to receive again. */
export function findTransferReceipt(db: DbOrTx, orderId: number) {
  return prepared(
    db,
    `select id, number, status, counted_at as countedAt, effective_at as effectiveAt from receipts where transfer_order_id = ? and status <> 'cancelled'`,
  ).get(orderId) as Pick<typeof receipts.$inferSelect, 'id' | 'number' | 'status' | 'countedAt' | 'effectiveAt'> | undefined;
}

export function userName(db: DbOrTx, userId: number) {
  return db.select({ name: users.displayName }).from(users).where(eq(users.id, userId)).get()?.name ?? null;
}

/** What a dispatch sent, per batch: the in-transit side of its posting. */
export function shippedBatches(db: DbOrTx, postingId: number) {
  return db
    .select({ batchId: stockMovements.batchId, quantity: sql<number>`sum(${stockMovements.quantity})`, unitPriceFen: stockMovements.unitPriceFen, productId: batches.productId, lot: batches.lot })
    .from(stockMovements)
    .innerJoin(batches, eq(batches.id, stockMovements.batchId))
    .where(and(eq(stockMovements.postingId, postingId), eq(stockMovements.location, 'in_transit')))
    .groupBy(stockMovements.batchId)
    .all();
}

/** The lots a dispatch sent, as the receiving storekeeper chooses among them when a label cannot be read. */
export function shippedLots(db: DbOrTx, postingId: number) {
  return db
    .select({
      batchId: stockMovements.batchId,
      productId: batches.productId,
      productCode: products.code,
      productNameZh: products.nameZh,
      productNameEn: products.nameEn,
      unitZh: products.unitZh,
      unitEn: products.unitEn,
      gtin: products.gtin,
      lot: batches.lot,
      expiresOn: batches.expiresOn,
      shipped: sql<number>`sum(${stockMovements.quantity})`,
    })
    .from(stockMovements)
    .innerJoin(batches, eq(batches.id, stockMovements.batchId))
    .innerJoin(products, eq(products.id, batches.productId))
    .where(and(eq(stockMovements.postingId, postingId), eq(stockMovements.location, 'in_transit')))
    .groupBy(stockMovements.batchId)
    .orderBy(asc(stockMovements.batchId))
    .all();
}

export function setDispensingPosting(db: DbOrTx, id: number, postingId: number) {
  db.update(dispensings).set({ postingId }).where(eq(dispensings.id, id)).run();
}

export function insertZoneMove(db: DbOrTx, row: typeof zoneMoves.$inferInsert) {
  return db.insert(zoneMoves).values(row).returning({ id: zoneMoves.id }).get();
}

export function setZoneMovePosting(db: DbOrTx, id: number, postingId: number) {
  db.update(zoneMoves).set({ postingId }).where(eq(zoneMoves.id, id)).run();
}
