import { sqliteTable, integer, text, index, primaryKey, unique } from 'drizzle-orm/sqlite-core';
import { MOVEMENT_KINDS, STOCK_LOCATIONS } from '../../server/schemas/constants.ts';
import { depots } from './depots.ts';
import { batches } from './catalogue.ts';
import { users } from './access.ts';

/**
 * One call of the posting module: a set of movements that stand or fall together.
 * A wrong posting is never edited; a reversal posting references it.
 */
export const postings = sqliteTable(
  'postings',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    kind: text({ enum: MOVEMENT_KINDS }).notNull(),
    documentType: text().notNull(),
    documentId: integer().notNull(),
    reversesPostingId: integer().references((): any => postings.id),
    reason: text(),
    actorId: integer()
      .notNull()
      .references(() => users.id),
    postedAt: text().notNull(),
  },
  (t) => [
    unique('postings_reverses_uq').on(t.reversesPostingId),
    index('postings_document_idx').on(t.documentType, t.documentId),
  ],
);

/**
 * The stock card line (保管卡): append-only, one per change of one batch in one location of
 * one depot. Triggers in the migrations refuse UPDATE and DELETE. `hash` chains each row to
 * the previous movement of the same depot.
 */
export const stockMovements = sqliteTable(
  'stock_movements',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    postingId: integer()
      .notNull()
      .references(() => postings.id),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    location: text({ enum: STOCK_LOCATIONS }).notNull(),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    kind: text({ enum: MOVEMENT_KINDS }).notNull(),
    quantity: integer().notNull(),
    unitPriceFen: integer().notNull(),
    balanceAfter: integer().notNull(),
    actorId: integer().notNull(),
    postedAt: text().notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    index('stock_movements_depot_idx').on(t.depotId, t.id),
    index('stock_movements_card_idx').on(t.depotId, t.batchId, t.id),
    index('stock_movements_posting_idx').on(t.postingId),
    // Where a lot went across all depots: the trace of a batch hold.
    index('stock_movements_batch_idx').on(t.batchId, t.depotId),
  ],
);

export const REVERSAL_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;

/**
 * A request to reverse a posting made in error (an opening balance, a zone move), decided by a
 * leader who is not the requester; approval posts the reversal.
 */
export const reversalRequests = sqliteTable(
  'reversal_requests',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    postingId: integer()
      .notNull()
      .references(() => postings.id),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    reason: text().notNull(),
    status: text({ enum: REVERSAL_REQUEST_STATUSES }).notNull(),
    requestedBy: integer()
      .notNull()
      .references(() => users.id),
    requestedAt: text().notNull(),
    decidedBy: integer().references(() => users.id),
    decidedAt: text(),
    decisionReason: text(),
    reversalPostingId: integer().references(() => postings.id),
  },
  (t) => [index('reversal_requests_depot_idx').on(t.depotId, t.status), index('reversal_requests_posting_idx').on(t.postingId)],
);

/** Balance per (depot, location, batch); written only with its movements. */
export const stockBalances = sqliteTable(
  'stock_balances',
  {
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    location: text({ enum: STOCK_LOCATIONS }).notNull(),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    quantity: integer().notNull(),
    valueFen: integer().notNull(),
    firstReceivedAt: text().notNull(),
    lastMovementId: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.depotId, t.location, t.batchId] }),
    // Covering, in GROUP BY order: a subtree's stock on hand sums it without a sort.
    index('stock_balances_group_idx').on(t.batchId, t.location, t.depotId, t.quantity, t.valueFen),
  ],
);
