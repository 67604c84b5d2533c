import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { prepared } from './statements.ts';
import { stockCountLines, stockCounts } from '../schema/index.ts';
import type { DepotTier, StorageZone } from '../../server/schemas/constants.ts';

/** The open stock count (counting or submitted) covering a zone of a depot, if any: the zone is frozen. */
export function openCountCovering(db: DbOrTx, depotId: number, zone: string): { id: number; number: string } | undefined {
  return prepared(
    db,
    `select id, number from stock_counts
     where depot_id = ? and status in ('counting', 'submitted') and exists (select 1 from json_each(zones) where value = ?)
     limit 1`,
  ).get(depotId, zone) as { id: number; number: string } | undefined;
}

export type StockCountRow = Omit<typeof stockCounts.$inferSelect, 'zones'> & { zones: StorageZone[] };

export function findCount(db: DbOrTx, id: number): StockCountRow | undefined {
  return db.select().from(stockCounts).where(eq(stockCounts.id, id)).get() as StockCountRow | undefined;
}

export function countCountsAt(db: DbOrTx, depotId: number): number {
  return prepared(db, 'select count(*) from stock_counts where depot_id = ?').pluck().get(depotId) as number;
}

export function insertCount(db: DbOrTx, row: typeof stockCounts.$inferInsert): { id: number } {
  return db.insert(stockCounts).values(row).returning({ id: stockCounts.id }).get();
}

export function updateCount(db: DbOrTx, id: number, set: Partial<typeof stockCounts.$inferInsert>) {
  db.update(stockCounts).set(set).where(eq(stockCounts.id, id)).run();
}

/** What the books hold in the zones of a depot, with each batch's unit price: the figures a count freezes. */
export function bookStockIn(db: DbOrTx, depotId: number, zones: readonly StorageZone[]) {
  return prepared(
    db,
    `select s.location as zone, s.batch_id as batchId, s.quantity, b.unit_price_fen as unitPriceFen
     from stock_balances s join batches b on b.id = s.batch_id
     where s.depot_id = ? and s.quantity <> 0 and s.location in (select value from json_each(?))
     order by s.location, s.batch_id`,
  ).all(depotId, JSON.stringify(zones)) as { zone: StorageZone; batchId: number; quantity: number; unitPriceFen: number }[];
}

export function insertCountLines(db: DbOrTx, rows: (typeof stockCountLines.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500) db.insert(stockCountLines).values(rows.slice(i, i + 500)).run();
}

export function insertCountLine(db: DbOrTx, row: typeof stockCountLines.$inferInsert): { id: number } {
  return db.insert(stockCountLines).values(row).returning({ id: stockCountLines.id }).get();
}

export function findCountLine(db: DbOrTx, countId: number, zone: StorageZone, batchId: number) {
  return db
    .select({ id: stockCountLines.id, counted: stockCountLines.counted })
    .from(stockCountLines)
    .where(and(eq(stockCountLines.countId, countId), eq(stockCountLines.zone, zone), eq(stockCountLines.batchId, batchId)))
    .get();
}

export function setLineCounted(db: DbOrTx, lineId: number, counted: number, userId: number, at: string, entry: 'scanned' | 'typed') {
  db.update(stockCountLines).set({ counted, countedBy: userId, countedAt: at, entry }).where(eq(stockCountLines.id, lineId)).run();
}

/** Every line still without a figure counts as zero: nothing of it was found. */
export function setUncountedToZero(db: DbOrTx, countId: number, userId: number, at: string) {
  db.update(stockCountLines).set({ counted: 0, countedBy: userId, countedAt: at, entry: 'typed' }).where(and(eq(stockCountLines.countId, countId), isNull(stockCountLines.counted))).run();
}

export interface CountLineRow {
  id: number;
  zone: StorageZone;
  batchId: number;
  productId: number;
  productCode: string;
  productNameZh: string;
  productNameEn: string;
  unitZh: string;
  unitEn: string;
  lot: string;
  expiresOn: string;
  expected: number;
  counted: number | null;
  unitPriceFen: number;
  countedBy: number | null;
  countedByName: string | null;
  countedAt: string | null;
  entry: 'scanned' | 'typed' | null;
}

/** The count sheet: zones yellow, green, red, then product, expiry and lot. */
export function findCountLines(db: DbOrTx, countId: number): CountLineRow[] {
  return prepared(
    db,
    `select l.id, l.zone, l.batch_id as batchId, p.id as productId, p.code as productCode, p.name_zh as productNameZh, p.name_en as productNameEn,
            p.unit_zh as unitZh, p.unit_en as unitEn, b.lot, b.expires_on as expiresOn, l.expected, l.counted, l.unit_price_fen as unitPriceFen,
            l.counted_by as countedBy, u.display_name as countedByName, l.counted_at as countedAt, l.entry
     from stock_count_lines l join batches b on b.id = l.batch_id join products p on p.id = b.product_id left join users u on u.id = l.counted_by
     where l.count_id = ?
     order by case l.zone when 'pending' then 0 when 'qualified' then 1 else 2 end, p.code, b.expires_on, b.lot`,
  ).all(countId) as CountLineRow[];
}

/** A depot's counts, newest first, with how far each has got. */
export function listCountsAt(db: DbOrTx, depotId: number, page: { limit: number; offset: number }) {
  const items = prepared(
    db,
    `select c.id, c.number, c.depot_id as depotId, c.zones, c.blind, c.status, c.note, c.started_by as startedBy, su.display_name as startedByName,
            c.started_at as startedAt, c.submitted_at as submittedAt, c.approved_at as approvedAt, c.posting_id as postingId,
            (select count(*) from stock_count_lines l where l.count_id = c.id) as lines,
            (select count(*) from stock_count_lines l where l.count_id = c.id and l.counted is not null) as countedLines
     from stock_counts c join users su on su.id = c.started_by
     where c.depot_id = ? order by c.id desc limit ? offset ?`,
  ).all(depotId, page.limit, page.offset) as (Omit<StockCountRow, 'zones' | 'blind'> & { zones: string; blind: number; startedByName: string; lines: number; countedLines: number })[];
  const total = countCountsAt(db, depotId);
  return { items: items.map((c) => ({ ...c, zones: JSON.parse(c.zones) as StorageZone[], blind: c.blind === 1 })), total };
}

/**
 * Every depot of a subtree with its last posted count and its open count, in two range
 * queries over the path index, whatever the size of the region.
 */
export function countStatusOfSubtree(db: DbOrTx, path: string) {
  const upper = `${path.slice(0, -1)}0`;
  const depotRows = prepared(db, `select id, code, name, tier, depth from depots where path >= ? and path < ? order by path`).all(path, upper) as {
    id: number;
    code: string;
    name: string;
    tier: DepotTier;
    depth: number;
  }[];
  const counts = prepared(
    db,
    `select c.depot_id as depotId,
            max(case when c.status = 'posted' then c.approved_at end) as lastCountedAt,
            max(case when c.status in ('counting', 'submitted') then c.id end) as openCountId
     from stock_counts c join depots d on d.id = c.depot_id
     where d.path >= ? and d.path < ? group by c.depot_id`,
  ).all(path, upper) as { depotId: number; lastCountedAt: string | null; openCountId: number | null }[];
  const byDepot = new Map(counts.map((c) => [c.depotId, c]));
  return depotRows.map((d) => ({ ...d, lastCountedAt: byDepot.get(d.id)?.lastCountedAt ?? null, openCountId: byDepot.get(d.id)?.openCountId ?? null }));
}
