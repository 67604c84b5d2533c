import { and, eq, count, asc, desc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { prepared } from './statements.ts';
import { batches, products, receiptExpectedLines, receiptLines, receiptScans, receipts, signatures, users } from '../schema/index.ts';

export function countReceiptsAt(db: DbOrTx, depotId: number) {
  return db.select({ n: count() }).from(receipts).where(eq(receipts.depotId, depotId)).get()!.n;
}

export function insertReceipt(db: DbOrTx, row: typeof receipts.$inferInsert) {
  return db.insert(receipts).values(row).returning().get();
}

export function insertExpectedLines(db: DbOrTx, rows: (typeof receiptExpectedLines.$inferInsert)[]) {
  for (const row of rows) db.insert(receiptExpectedLines).values(row).run();
}

export function findReceipt(db: DbOrTx, id: number) {
  return db.select().from(receipts).where(eq(receipts.id, id)).get();
}

export function updateReceipt(db: DbOrTx, id: number, set: Partial<typeof receipts.$inferInsert>) {
  db.update(receipts).set(set).where(eq(receipts.id, id)).run();
}

/** Adds one entry's quantity to its batch's line (negative for a correction downwards). */
export function addToLine(db: DbOrTx, receiptId: number, batchId: number, quantity: number) {
  db.insert(receiptLines)
    .values({ receiptId, batchId, quantity, scans: 1 })
    .onConflictDoUpdate({
      target: [receiptLines.receiptId, receiptLines.batchId],
      set: { quantity: sqlAdd(receiptLines.quantity, quantity), scans: sqlAdd(receiptLines.scans, 1) },
    })
    .run();
}

const sqlAdd = (column: typeof receiptLines.quantity | typeof receiptLines.scans, n: number) => sql`${column} + ${n}`;

export function insertScan(db: DbOrTx, row: typeof receiptScans.$inferInsert) {
  db.insert(receiptScans).values(row).run();
}

/** The newest entry of a receipt: what undo takes back. */
export function findNewestScan(db: DbOrTx, receiptId: number) {
  return db.select().from(receiptScans).where(eq(receiptScans.receiptId, receiptId)).orderBy(desc(receiptScans.id)).limit(1).get();
}

/** Takes one entry back: off its line, and the line goes with its last entry. */
export function deleteScan(db: DbOrTx, scan: { id: number; receiptId: number; batchId: number | null; quantity: number }) {
  db.delete(receiptScans).where(eq(receiptScans.id, scan.id)).run();
  if (scan.batchId === null) return;
  const where = and(eq(receiptLines.receiptId, scan.receiptId), eq(receiptLines.batchId, scan.batchId));
  db.update(receiptLines)
    .set({ quantity: sql`${receiptLines.quantity} - ${scan.quantity}`, scans: sql`${receiptLines.scans} - 1` })
    .where(where)
    .run();
  db.delete(receiptLines).where(and(where, sql`${receiptLines.scans} <= 0`)).run();
}

/** A line with every entry that made it. */
export function deleteLine(db: DbOrTx, receiptId: number, batchId: number) {
  db.delete(receiptScans).where(and(eq(receiptScans.receiptId, receiptId), eq(receiptScans.batchId, batchId))).run();
  db.delete(receiptLines).where(and(eq(receiptLines.receiptId, receiptId), eq(receiptLines.batchId, batchId))).run();
}

export function findLine(db: DbOrTx, receiptId: number, batchId: number) {
  return db.select().from(receiptLines).where(and(eq(receiptLines.receiptId, receiptId), eq(receiptLines.batchId, batchId))).get();
}

export function findLines(db: DbOrTx, receiptId: number) {
  return db
    .select({
      batchId: receiptLines.batchId,
      quantity: receiptLines.quantity,
      scans: receiptLines.scans,
      typedScans: sql<number>`(select count(*) from ${receiptScans} s where s.receipt_id = ${receiptLines.receiptId} and s.batch_id = ${receiptLines.batchId} and s.entry = 'typed')`,
      productId: batches.productId,
      lot: batches.lot,
      expiresOn: batches.expiresOn,
      // The delivery note's actual price once typed; the batch's (the catalogue's by default) until then.
      unitPriceFen: sql<number>`coalesce(${receiptLines.unitPriceFen}, ${batches.unitPriceFen})`,
      priceEntered: sql<number>`${receiptLines.unitPriceFen} is not null`.mapWith(Boolean),
      manufacturer: batches.manufacturer,
      producedOn: batches.producedOn,
      productCode: products.code,
      productNameZh: products.nameZh,
      productNameEn: products.nameEn,
    })
    .from(receiptLines)
    .innerJoin(batches, eq(batches.id, receiptLines.batchId))
    .innerJoin(products, eq(products.id, batches.productId))
    .where(eq(receiptLines.receiptId, receiptId))
    .orderBy(asc(receiptLines.id))
    .all();
}

export function findExpectedLines(db: DbOrTx, receiptId: number) {
  return db
    .select({ productId: receiptExpectedLines.productId, lot: receiptExpectedLines.lot, quantity: receiptExpectedLines.quantity })
    .from(receiptExpectedLines)
    .where(eq(receiptExpectedLines.receiptId, receiptId))
    .orderBy(asc(receiptExpectedLines.id))
    .all();
}

export function findProductIdByGtin(db: DbOrTx, gtin: string) {
  return db.select({ id: products.id }).from(products).where(eq(products.gtin, gtin)).get()?.id;
}

export function findSignatures(db: DbOrTx, documentType: string, documentId: number) {
  return db
    .select({ role: signatures.role, userId: signatures.userId, displayName: users.displayName, signedAt: signatures.signedAt, sameSignerAllowed: signatures.sameSignerAllowed })
    .from(signatures)
    .innerJoin(users, eq(users.id, signatures.userId))
    .where(and(eq(signatures.documentType, documentType), eq(signatures.documentId, documentId)))
    .orderBy(asc(signatures.id))
    .all();
}

export function insertSignature(db: DbOrTx, row: typeof signatures.$inferInsert) {
  db.insert(signatures).values(row).run();
}

export function listReceiptsAt(db: DbOrTx, depotId: number, page: { limit: number; offset: number }) {
  const items = db
    .select({ id: receipts.id, number: receipts.number, supplierName: receipts.supplierName, deliveryNote: receipts.deliveryNote, arrivedOn: receipts.arrivedOn, status: receipts.status, createdAt: receipts.createdAt })
    .from(receipts)
    .where(eq(receipts.depotId, depotId))
    .orderBy(desc(receipts.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  return { items, total: countReceiptsAt(db, depotId) };
}

export interface IneffectiveDocument {
  documentType: 'receipt' | 'opening_balance';
  id: number;
  number: string;
}

/**
 * The batches at a depot whose stock came in on a document that is not yet effective: a receipt
 * counted but not yet signed by both (S0:356 签字后入库生效), an opening balance not yet confirmed
 * by a second person. Their stock stays where it landed until the document takes effect. A
 * document whose posting was reversed holds nothing back: its stock is gone.
 */
export function ineffectiveStockAt(db: DbOrTx, depotId: number): Map<number, IneffectiveDocument> {
  const rows = prepared(
    db,
    `select l.batch_id as batchId, 'receipt' as documentType, r.id, r.number
     from receipts r join receipt_lines l on l.receipt_id = r.id
     where r.depot_id = ? and r.status = 'counted' and not exists (select 1 from postings p where p.reverses_posting_id = r.posting_id)
     union all
     select l.batch_id, 'opening_balance', o.id, o.number
     from opening_balances o join opening_balance_lines l on l.opening_balance_id = o.id
     where o.depot_id = ? and o.confirmed_at is null and o.posting_id is not null
       and not exists (select 1 from postings p where p.reverses_posting_id = o.posting_id)`,
  ).all(depotId, depotId) as ({ batchId: number } & IneffectiveDocument)[];
  return new Map(rows.map(({ batchId, ...doc }) => [batchId, doc]));
}

export function setLinePrice(db: DbOrTx, receiptId: number, batchId: number, unitPriceFen: number) {
  db.update(receiptLines).set({ unitPriceFen }).where(and(eq(receiptLines.receiptId, receiptId), eq(receiptLines.batchId, batchId))).run();
}
