import { sqliteTable, integer, text, index, unique } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { batches, products } from './catalogue.ts';
import { users } from './access.ts';
import { postings } from './stock.ts';
import { ENTRY_KINDS } from './receipts.ts';
import { people } from './people.ts';

export const TRANSFER_BASES = ['allocation_plan', 'new_product', 'temporary'] as const;
export const TRANSFER_STATUSES = ['awaiting_approval', 'approved', 'declined', 'dispatched', 'received', 'cancelled'] as const;
export const DISCREPANCY_KINDS = ['short', 'damaged', 'wrong_lot'] as const;

/**
 * A transfer order (调拨单/出库单) from a depot to one of its children, or, with the common
 * parent's approval, to a sibling (S0:378, 391-393). Dispatched, it is the shipment in transit;
 * the receiving depot's receipt closes it.
 */
export const transferOrders = sqliteTable(
  'transfer_orders',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    number: text().notNull().unique(),
    fromDepotId: integer()
      .notNull()
      .references(() => depots.id),
    toDepotId: integer()
      .notNull()
      .references(() => depots.id),
    basis: text({ enum: TRANSFER_BASES }).notNull(),
    lateral: integer({ mode: 'boolean' }).notNull(),
    planReference: text(),
    /** The allocation plan that generated this order, if any. */
    allocationPlanId: integer(),
    note: text(),
    status: text({ enum: TRANSFER_STATUSES }).notNull(),
    /** The depot whose leader approves: the issuing depot for an unplanned order, the common parent for a lateral one. */
    approvalDepotId: integer().references(() => depots.id),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
    dispatchedBy: integer().references(() => users.id),
    dispatchedAt: text(),
    dispatchPostingId: integer().references(() => postings.id),
    receivedAt: text(),
  },
  (t) => [index('transfer_orders_from_idx').on(t.fromDepotId, t.id), index('transfer_orders_to_idx').on(t.toDepotId, t.id)],
);

export const transferOrderLines = sqliteTable(
  'transfer_order_lines',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    orderId: integer()
      .notNull()
      .references(() => transferOrders.id),
    productId: integer()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
  },
  (t) => [unique('transfer_order_lines_product_uq').on(t.orderId, t.productId)],
);

/**
 * One scan-verified pick of a batch for an order line. Until dispatch it reserves the quantity
 * at the issuing depot; a batch other than the FEFO proposal carries its reason.
 */
export const transferPicks = sqliteTable(
  'transfer_picks',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    orderId: integer()
      .notNull()
      .references(() => transferOrders.id),
    orderLineId: integer()
      .notNull()
      .references(() => transferOrderLines.id),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    quantity: integer().notNull(),
    overrideReason: text(),
    raw: text(),
    entry: text({ enum: ENTRY_KINDS }).notNull().default('scanned'),
    pickedBy: integer()
      .notNull()
      .references(() => users.id),
    pickedAt: text().notNull(),
    /** Open until the order is dispatched or cancelled; only open picks reserve stock. */
    open: integer({ mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('transfer_picks_order_idx').on(t.orderId), index('transfer_picks_reserved_idx').on(t.depotId, t.open, t.batchId)],
);

/** A leader's decision on a document that needs approval; one per document, never edited. */
export const approvals = sqliteTable(
  'approvals',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    documentType: text().notNull(),
    documentId: integer().notNull(),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    decision: text({ enum: ['approved', 'declined'] }).notNull(),
    reason: text(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    decidedAt: text().notNull(),
  },
  (t) => [unique('approvals_document_uq').on(t.documentType, t.documentId)],
);

/** What arrived other than what was sent, seen by both depots of a transfer (S0:393). */
export const transferDiscrepancies = sqliteTable(
  'transfer_discrepancies',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    orderId: integer()
      .notNull()
      .references(() => transferOrders.id),
    kind: text({ enum: DISCREPANCY_KINDS }).notNull(),
    batchId: integer().references(() => batches.id),
    /** A wrong lot as scanned: it may not be a known batch. */
    lot: text(),
    productId: integer().references(() => products.id),
    quantity: integer().notNull(),
    note: text(),
    recordedBy: integer()
      .notNull()
      .references(() => users.id),
    recordedAt: text().notNull(),
  },
  (t) => [index('transfer_discrepancies_order_idx').on(t.orderId)],
);

/** Supplies handed to people at a township or village depot (S0:398, 415), pack and expiry checked. */
export const dispensings = sqliteTable(
  'dispensings',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    quantity: integer().notNull(),
    recipient: text(),
    /** The registered person (db/schema/people.ts) it was for; null when anonymous. */
    personId: integer().references(() => people.id),
    packChecked: integer({ mode: 'boolean' }).notNull(),
    expiryChecked: integer({ mode: 'boolean' }).notNull(),
    raw: text(),
    entry: text({ enum: ENTRY_KINDS }).notNull().default('scanned'),
    postingId: integer().references(() => postings.id),
    dispensedBy: integer()
      .notNull()
      .references(() => users.id),
    dispensedAt: text().notNull(),
  },
  (t) => [index('dispensings_depot_idx').on(t.depotId, t.id), index('dispensings_person_idx').on(t.personId), index('dispensings_depot_at_idx').on(t.depotId, t.dispensedAt)],
);

/**
 * A move of stock between the zones of one depot, as scanned (batch label, then zone label).
 * Goods reach the qualified zone only through an inspection, and non-conforming goods leave only
 * by write-off or return, so the moves are: qualified → pending (to be checked again), and
 * qualified or pending → non-conforming (quarantine).
 */
export const zoneMoves = sqliteTable(
  'zone_moves',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    fromZone: text({ enum: ['pending', 'qualified', 'nonconforming'] }).notNull(),
    toZone: text({ enum: ['pending', 'qualified', 'nonconforming'] }).notNull(),
    quantity: integer().notNull(),
    reason: text(),
    entry: text({ enum: ENTRY_KINDS }).notNull().default('typed'),
    postingId: integer().references(() => postings.id),
    movedBy: integer()
      .notNull()
      .references(() => users.id),
    movedAt: text().notNull(),
  },
  (t) => [index('zone_moves_depot_idx').on(t.depotId, t.id)],
);
