import { and, eq, count, asc, desc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
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

export function findLines(db: DbOrTx, receiptId: number) {
  return db
    .select({
      batchId: receiptLines.batchId,
      quantity: receiptLines.quantity,
      scans: receiptLines.scans,
      productId: batches.productId,
      lot: batches.lot,
      expiresOn: batches.expiresOn,
      unitPriceFen: batches.unitPriceFen,
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
