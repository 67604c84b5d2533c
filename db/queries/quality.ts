import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { batchHolds, disposalWitnesses, disposals, expirySweeps, writeOffLines, writeOffRequests } from '../schema/index.ts';
import { prepared } from './statements.ts';
import { subtreeEnd } from './depots.ts';


export interface ExpiredStockRow {
  depotId: number;
  depotName: string;
  batchId: number;
  lot: string;
  expiresOn: string;
  productCode: string;
  productNameZh: string;
  productNameEn: string;
  unitZh: string;
  unitEn: string;
  quantity: number;
  valueFen: number;
  unitPriceFen: number;
}

/** Stock of batches that expire before `firstUsable` still in the qualified zone, at the depots of a subtree. */
export function expiredInQualified(db: DbOrTx, path: string, firstUsable: string): ExpiredStockRow[] {
  return prepared(
    db,
    `select b.depot_id as depotId, d.name as depotName, t.id as batchId, t.lot, t.expires_on as expiresOn, p.code as productCode,
            p.name_zh as productNameZh, p.name_en as productNameEn, p.unit_zh as unitZh, p.unit_en as unitEn, b.quantity, b.value_fen as valueFen, t.unit_price_fen as unitPriceFen
     from batches t
     join stock_balances b on b.batch_id = t.id and b.location = 'qualified' and b.quantity > 0
     join depots d on d.id = b.depot_id
     join products p on p.id = t.product_id
     where t.expires_on < ? and d.path >= ? and d.path < ?
     order by d.path, t.expires_on, t.lot`,
  ).all(firstUsable, path, subtreeEnd(path)) as ExpiredStockRow[];
}

export interface ExpiryBucketRow {
  depotId: number;
  bucket: 'expired' | 'near_expiry';
  location: string;
  unitZh: string;
  unitEn: string;
  quantity: number;
  valueFen: number;
}

/**
 * Quantities and values of expired and near-expiry stock per depot of a subtree and zone:
 * expired before `firstUsable`, near expiry up to `nearLimit`.
 */
export function expiryBuckets(db: DbOrTx, path: string, firstUsable: string, nearLimit: string): ExpiryBucketRow[] {
  return prepared(
    db,
    `select b.depot_id as depotId, case when t.expires_on < ? then 'expired' else 'near_expiry' end as bucket, b.location,
            p.unit_zh as unitZh, p.unit_en as unitEn, sum(b.quantity) as quantity, sum(b.value_fen) as valueFen
     from batches t
     join products p on p.id = t.product_id
     join stock_balances b on b.batch_id = t.id and b.quantity > 0 and b.location <> 'in_transit'
     join depots d on d.id = b.depot_id
     where t.expires_on <= ? and d.path >= ? and d.path < ?
     group by b.depot_id, bucket, b.location, p.unit_zh, p.unit_en`,
  ).all(firstUsable, nearLimit, path, subtreeEnd(path)) as ExpiryBucketRow[];
}

export function insertSweep(db: DbOrTx, row: typeof expirySweeps.$inferInsert) {
  return db.insert(expirySweeps).values(row).returning().get();
}

export function setSweepPosting(db: DbOrTx, id: number, postingId: number) {
  db.update(expirySweeps).set({ postingId }).where(eq(expirySweeps.id, id)).run();
}

/** The last sweep of every depot that has one: its mode and lines as stored (JSON). */
export function lastSweeps(db: DbOrTx): Map<number, { mode: string; lines: string }> {
  const rows = prepared(db, 'select depot_id as depotId, mode, lines from expiry_sweeps where id in (select max(id) from expiry_sweeps group by depot_id)').all() as { depotId: number; mode: string; lines: string }[];
  return new Map(rows.map((r) => [r.depotId, r]));
}

// ---- holds ----

export function insertHold(db: DbOrTx, row: typeof batchHolds.$inferInsert) {
  return db.insert(batchHolds).values(row).returning().get();
}

export function findHold(db: DbOrTx, id: number) {
  return db.select().from(batchHolds).where(eq(batchHolds.id, id)).get();
}

export function releaseHold(db: DbOrTx, id: number, patch: { releasedBy: number; releasedAt: string; releaseReason: string }) {
  db.update(batchHolds).set(patch).where(eq(batchHolds.id, id)).run();
}

/** Active holds on a batch whose subtree covers the depot at `path`. */
export function activeHoldsCovering(db: DbOrTx, batchId: number, path: string) {
  return (prepared(db, 'select id, depot_id as depotId, depot_path as depotPath, reason from batch_holds where batch_id = ? and released_at is null').all(batchId) as {
    id: number;
    depotId: number;
    depotPath: string;
    reason: string;
  }[]).filter((h) => path.startsWith(h.depotPath));
}

/** Every batch held at the depot at `path` (by a hold raised there or above): a short list. */
export function heldBatchesAt(db: DbOrTx, path: string): Set<number> {
  const rows = prepared(db, 'select batch_id as batchId, depot_path as depotPath from batch_holds where released_at is null').all() as { batchId: number; depotPath: string }[];
  return new Set(rows.filter((r) => path.startsWith(r.depotPath)).map((r) => r.batchId));
}


export function holdsOfBatch(db: DbOrTx, batchId: number) {
  return db.select().from(batchHolds).where(eq(batchHolds.batchId, batchId)).orderBy(desc(batchHolds.id)).all();
}

/** Active holds raised in a subtree or above it, for listing. */
export function activeHolds(db: DbOrTx) {
  return db.select().from(batchHolds).where(isNull(batchHolds.releasedAt)).orderBy(desc(batchHolds.id)).all();
}

/** The goods a trace follows: one lot, or every lot of a product. */
export type Goods = { batchId: number } | { productId: number };

/** The condition on a batch id column for the goods, and its argument. */
const goodsOf = (column: string, goods: Goods): [string, number] =>
  'batchId' in goods ? [`${column} = ?`, goods.batchId] : [`${column} in (select id from batches where product_id = ?)`, goods.productId];

/**
 * What happened to the goods at every depot of a subtree: movements summed by depot, kind and
 * zone, a reversal under the kind of the posting it reverses (its quantities the other way round).
 */
export function goodsFlows(db: DbOrTx, goods: Goods, path: string) {
  const [where, arg] = goodsOf('m.batch_id', goods);
  return prepared(
    db,
    `select m.depot_id as depotId, coalesce(o.kind, m.kind) as kind, m.location, sum(case when m.quantity > 0 then m.quantity else 0 end) as inQty,
            sum(case when m.quantity < 0 then -m.quantity else 0 end) as outQty
     from stock_movements m join depots d on d.id = m.depot_id join postings p on p.id = m.posting_id left join postings o on o.id = p.reverses_posting_id
     where ${where} and d.path >= ? and d.path < ?
     group by m.depot_id, coalesce(o.kind, m.kind), m.location`,
  ).all(arg, path, subtreeEnd(path)) as { depotId: number; kind: string; location: string; inQty: number; outQty: number }[];
}

/** The shipments of the goods between depots of a subtree (transfer orders dispatched), by order, with what was found short on arrival. */
export function goodsShipments(db: DbOrTx, goods: Goods, path: string) {
  const [where, arg] = goodsOf('k.batch_id', goods);
  const [shortWhere] = goodsOf('x.batch_id', goods);
  return prepared(
    db,
    `select o.id as orderId, o.number, o.from_depot_id as fromDepotId, o.to_depot_id as toDepotId, o.status, o.dispatched_at as dispatchedAt, sum(k.quantity) as quantity,
            (select coalesce(sum(x.quantity), 0) from transfer_discrepancies x where x.order_id = o.id and x.kind = 'short' and ${shortWhere}) as short
     from transfer_picks k join transfer_orders o on o.id = k.order_id join depots d on d.id = o.from_depot_id
     where ${where} and o.status in ('dispatched', 'received') and d.path >= ? and d.path < ?
     group by o.id order by o.dispatched_at`,
  ).all(arg, arg, path, subtreeEnd(path)) as { orderId: number; number: string; fromDepotId: number; toDepotId: number; status: string; dispatchedAt: string; quantity: number; short: number }[];
}

/**
 * Dispensings of the goods at depots of a subtree, by depot, those reversed left out: how often,
 * how much to registered people (and how many people), how much anonymously. Counts only, never who.
 */
export function goodsDispensings(db: DbOrTx, goods: Goods, path: string) {
  const [where, arg] = goodsOf('s.batch_id', goods);
  return prepared(
    db,
    `select s.depot_id as depotId, count(*) as times, sum(s.quantity) as quantity, max(s.dispensed_at) as lastAt, count(distinct s.person_id) as people,
            coalesce(sum(case when s.person_id is not null then s.quantity end), 0) as toPeople, coalesce(sum(case when s.person_id is null then s.quantity end), 0) as anonymous
     from dispensings s join depots d on d.id = s.depot_id
     where ${where} and d.path >= ? and d.path < ?
       and not exists (select 1 from postings r where r.reverses_posting_id = s.posting_id)
     group by s.depot_id`,
  ).all(arg, path, subtreeEnd(path)) as { depotId: number; times: number; quantity: number; lastAt: string; people: number; toPeople: number; anonymous: number }[];
}

// ---- write-offs ----

export function insertWriteOff(db: DbOrTx, row: typeof writeOffRequests.$inferInsert) {
  return db.insert(writeOffRequests).values(row).returning().get();
}

export function updateWriteOff(db: DbOrTx, id: number, patch: Partial<typeof writeOffRequests.$inferInsert>) {
  db.update(writeOffRequests).set(patch).where(eq(writeOffRequests.id, id)).run();
}

export function findWriteOff(db: DbOrTx, id: number) {
  return db.select().from(writeOffRequests).where(eq(writeOffRequests.id, id)).get();
}

export function countWriteOffsAt(db: DbOrTx, depotId: number): number {
  return prepared(db, 'select count(*) from write_off_requests where depot_id = ?').pluck().get(depotId) as number;
}

export function insertWriteOffLines(db: DbOrTx, rows: (typeof writeOffLines.$inferInsert)[]) {
  if (rows.length > 0) db.insert(writeOffLines).values(rows).run();
}

export function deleteWriteOffLines(db: DbOrTx, requestId: number) {
  db.delete(writeOffLines).where(eq(writeOffLines.requestId, requestId)).run();
}

export function writeOffLinesOf(db: DbOrTx, requestId: number) {
  return prepared(
    db,
    `select l.id, l.batch_id as batchId, l.quantity, l.kind, l.note, l.unit_price_fen as unitPriceFen, t.lot, t.expires_on as expiresOn,
            t.manufacturer, p.code as productCode, p.name_zh as productNameZh, p.name_en as productNameEn, p.spec_zh as specZh, p.unit_zh as unitZh, p.unit_en as unitEn
     from write_off_lines l join batches t on t.id = l.batch_id join products p on p.id = t.product_id
     where l.request_id = ? order by l.id`,
  ).all(requestId) as {
    id: number;
    batchId: number;
    quantity: number;
    kind: string;
    note: string | null;
    unitPriceFen: number;
    lot: string;
    expiresOn: string;
    manufacturer: string | null;
    productCode: string;
    productNameZh: string;
    productNameEn: string;
    specZh: string;
    unitZh: string;
    unitEn: string;
  }[];
}

/**
 * Non-conforming stock of some batches at a depot, less what other open write-off requests
 * (submitted, returned or approved) already claim.
 */
export function nonconformingFree(db: DbOrTx, depotId: number, batchIds: readonly number[], exceptRequestId: number | null) {
  if (batchIds.length === 0) return new Map<number, { held: number; claimed: number }>();
  const rows = prepared(
    db,
    `select t.value as batchId,
            coalesce((select quantity from stock_balances b where b.depot_id = ? and b.location = 'nonconforming' and b.batch_id = t.value), 0) as held,
            coalesce((select sum(l.quantity) from write_off_lines l join write_off_requests r on r.id = l.request_id
                      where r.depot_id = ? and r.status in ('submitted', 'returned', 'approved') and l.batch_id = t.value and r.id <> ?), 0) as claimed
     from json_each(?) t`,
  ).all(depotId, depotId, exceptRequestId ?? 0, JSON.stringify(batchIds)) as { batchId: number; held: number; claimed: number }[];
  return new Map(rows.map((r) => [r.batchId, { held: r.held, claimed: r.claimed }]));
}

export function listWriteOffs(db: DbOrTx, filter: { depotId?: number; approvalDepotId?: number; statuses?: string[] }) {
  return db
    .select()
    .from(writeOffRequests)
    .where(
      and(
        filter.depotId === undefined ? undefined : eq(writeOffRequests.depotId, filter.depotId),
        filter.approvalDepotId === undefined ? undefined : eq(writeOffRequests.approvalDepotId, filter.approvalDepotId),
        filter.statuses ? inArray(writeOffRequests.status, filter.statuses as (typeof writeOffRequests.status._.data)[]) : undefined,
      ),
    )
    .orderBy(desc(writeOffRequests.id))
    .all();
}

export function insertDisposal(db: DbOrTx, row: typeof disposals.$inferInsert) {
  return db.insert(disposals).values(row).returning().get();
}

export function insertWitnesses(db: DbOrTx, rows: (typeof disposalWitnesses.$inferInsert)[]) {
  if (rows.length > 0) db.insert(disposalWitnesses).values(rows).run();
}

export function disposalOf(db: DbOrTx, requestId: number) {
  const disposal = db.select().from(disposals).where(eq(disposals.requestId, requestId)).get();
  if (!disposal) return undefined;
  const witnesses = prepared(
    db,
    'select w.user_id as userId, u.display_name as name, u.username, w.confirmed_at as confirmedAt from disposal_witnesses w join users u on u.id = w.user_id where w.disposal_id = ? order by w.id',
  ).all(disposal.id) as { userId: number; name: string; username: string; confirmedAt: string }[];
  return { ...disposal, witnesses };
}

/** The lots of a product that moved in a subtree, soonest expiry first, with what the subtree holds of each (in transit included). */
export function lotsOfProductUnder(db: DbOrTx, productId: number, path: string) {
  return prepared(
    db,
    `select b.id, b.lot, b.expires_on as expiresOn,
            coalesce((select sum(s.quantity) from stock_balances s join depots e on e.id = s.depot_id where s.batch_id = b.id and e.path >= ? and e.path < ?), 0) as onHand
     from batches b
     where b.product_id = ? and exists (select 1 from stock_movements m join depots d on d.id = m.depot_id where m.batch_id = b.id and d.path >= ? and d.path < ?)
     order by b.expires_on, b.id`,
  ).all(path, subtreeEnd(path), productId, path, subtreeEnd(path)) as { id: number; lot: string; expiresOn: string; onHand: number }[];
}

/** Current balances of the goods at the depots of a subtree, by depot and zone. */
export function goodsBalances(db: DbOrTx, goods: Goods, path: string) {
  const [where, arg] = goodsOf('b.batch_id', goods);
  return prepared(
    db,
    `select b.depot_id as depotId, b.location, sum(b.quantity) as quantity from stock_balances b join depots d on d.id = b.depot_id
     where ${where} and b.quantity <> 0 and d.path >= ? and d.path < ? group by b.depot_id, b.location`,
  ).all(arg, path, subtreeEnd(path)) as { depotId: number; location: string; quantity: number }[];
}
