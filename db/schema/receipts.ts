import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, unique, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { batches, products } from './catalogue.ts';
import { users } from './access.ts';
import { postings } from './stock.ts';

export const RECEIPT_STATUSES = ['open', 'counted', 'effective', 'cancelled'] as const;

/** How a quantity was entered: read from a label, or typed by the storekeeper (no readable label, or a correction). */
export const ENTRY_KINDS = ['scanned', 'typed'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * A goods receipt (入库单) against a supplier's delivery note. Lines are captured by scanning;
 * confirming the count posts them into the pending zone; it takes effect when a planner and a
 * storekeeper have signed (S0:356).
 */
export const receipts = sqliteTable(
  'receipts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    number: text().notNull().unique(),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    /** A supplier's delivery, or a transfer in from the parent (or a sibling) depot. */
    source: text({ enum: ['supplier', 'transfer'] }).notNull().default('supplier'),
    /** For a transfer: the dispatched order it receives; a shipment is received once (a cancelled receipt does not count). */
    transferOrderId: integer(),
    supplierName: text().notNull(),
    deliveryNote: text().notNull(),
    arrivedOn: text().notNull(),
    status: text({ enum: RECEIPT_STATUSES }).notNull(),
    /** The last scan of a carton whose GTIN and lot come on two barcodes, waiting for its other half. */
    pendingCarton: text({ mode: 'json' }).$type<{ productId: number } | { lot: string; expiresOn?: string }>(),
    countedAt: text(),
    countedBy: integer().references(() => users.id),
    /** S0:356: checked on the day of arrival; a later count is flagged. */
    countedLate: integer({ mode: 'boolean' }),
    postingId: integer().references(() => postings.id),
    effectiveAt: text(),
    /** An open receipt withdrawn before its count (opened twice, wrong delivery note): nothing was posted. */
    cancelledAt: text(),
    cancelledBy: integer().references(() => users.id),
    cancelReason: text(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
  },
  (t) => [
    index('receipts_depot_idx').on(t.depotId, t.id),
    uniqueIndex('receipts_transfer_order_uq')
      .on(t.transferOrderId)
      .where(sql`"status" <> 'cancelled'`),
  ],
);

export const receiptExpectedLines = sqliteTable(
  'receipt_expected_lines',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    receiptId: integer()
      .notNull()
      .references(() => receipts.id),
    productId: integer()
      .notNull()
      .references(() => products.id),
    lot: text(),
    quantity: integer().notNull(),
  },
  (t) => [index('receipt_expected_lines_receipt_idx').on(t.receiptId)],
);

/** The counted quantity per batch: the running total of its scans. */
export const receiptLines = sqliteTable(
  'receipt_lines',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    receiptId: integer()
      .notNull()
      .references(() => receipts.id),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    quantity: integer().notNull(),
    scans: integer().notNull(),
    /** 实际进价 (S0:404, 412) from the delivery note, in fen; null until typed: the catalogue price is the default. */
    unitPriceFen: integer(),
  },
  (t) => [unique('receipt_lines_batch_uq').on(t.receiptId, t.batchId)],
);

/**
 * Every scan or manual entry as it came, for the audit of a count; a typed correction of a line
 * is an entry of the difference (it may be negative). The line is the sum of its entries.
 */
export const receiptScans = sqliteTable(
  'receipt_scans',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    receiptId: integer()
      .notNull()
      .references(() => receipts.id),
    raw: text(),
    batchId: integer().references(() => batches.id),
    quantity: integer().notNull(),
    entry: text({ enum: ENTRY_KINDS }).notNull().default('scanned'),
    userId: integer()
      .notNull()
      .references(() => users.id),
    at: text().notNull(),
  },
  (t) => [index('receipt_scans_receipt_idx').on(t.receiptId)],
);

/** A signature on a document in a role; one per role, never edited. */
export const signatures = sqliteTable(
  'signatures',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    documentType: text().notNull(),
    documentId: integer().notNull(),
    role: text().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    signedAt: text().notNull(),
    /** Set when a one-person depot's configuration let the same user sign twice. */
    sameSignerAllowed: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [unique('signatures_role_uq').on(t.documentType, t.documentId, t.role)],
);
