import { sqliteTable, integer, text, index, unique } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { batches } from './catalogue.ts';
import { users } from './access.ts';
import { postings } from './stock.ts';
import { inspections, NONCONFORMITY_KINDS } from './inspections.ts';
import { ENTRY_KINDS } from './receipts.ts';

/**
 * A run of the expiry sweep at one depot: expired stock still in the qualified zone, moved to
 * the non-conforming zone in one posting (`moved`), or listed for the storekeeper (`flagged`).
 */
export const expirySweeps = sqliteTable(
  'expiry_sweeps',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    mode: text({ enum: ['moved', 'flagged'] }).notNull(),
    lines: text({ mode: 'json' }).$type<{ batchId: number; quantity: number }[]>().notNull(),
    sweptBy: integer().references(() => users.id),
    sweptAt: text().notNull(),
    postingId: integer().references(() => postings.id),
  },
  (t) => [index('expiry_sweeps_depot_idx').on(t.depotId, t.id)],
);

/**
 * A hold on a lot over the subtree of the depot that raises it (a quality problem found in an
 * inspection or reported): held stock is neither issued nor dispensed until it is released.
 */
export const batchHolds = sqliteTable(
  'batch_holds',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    /** The raising depot's path: the hold covers every depot whose path starts with it. */
    depotPath: text().notNull(),
    reason: text().notNull(),
    inspectionId: integer().references(() => inspections.id),
    raisedBy: integer()
      .notNull()
      .references(() => users.id),
    raisedAt: text().notNull(),
    releasedBy: integer().references(() => users.id),
    releasedAt: text(),
    releaseReason: text(),
  },
  (t) => [index('batch_holds_batch_idx').on(t.batchId, t.releasedAt)],
);

export const WRITE_OFF_STATUSES = ['submitted', 'returned', 'approved', 'disposed', 'withdrawn'] as const;
export const DISPOSAL_METHODS = ['destroy', 'return_to_maker'] as const;

/**
 * A write-off request (报损申请表 / 不合格药具报废审批表, S0:421, 511): non-conforming stock by
 * batch, each line with one of the five kinds, resting on an inspection report; approved or
 * returned by the depot above; after approval, disposed of (destroyed before two or more
 * witnesses, or returned to the maker), and only then out of the ledger (S0:422).
 */
export const writeOffRequests = sqliteTable(
  'write_off_requests',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    number: text().notNull().unique(),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    /** The depot whose leader or planner decides: the parent, or the region itself at the top. */
    approvalDepotId: integer()
      .notNull()
      .references(() => depots.id),
    status: text({ enum: WRITE_OFF_STATUSES }).notNull(),
    inspectionId: integer().references(() => inspections.id),
    note: text(),
    requestedBy: integer()
      .notNull()
      .references(() => users.id),
    requestedAt: text().notNull(),
    decidedBy: integer().references(() => users.id),
    decidedAt: text(),
    decisionReason: text(),
  },
  (t) => [index('write_off_requests_depot_idx').on(t.depotId, t.status), index('write_off_requests_approval_idx').on(t.approvalDepotId, t.status)],
);

export const writeOffLines = sqliteTable(
  'write_off_lines',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    requestId: integer()
      .notNull()
      .references(() => writeOffRequests.id),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    quantity: integer().notNull(),
    kind: text({ enum: NONCONFORMITY_KINDS }).notNull(),
    note: text(),
    unitPriceFen: integer().notNull(),
  },
  (t) => [index('write_off_lines_request_idx').on(t.requestId), index('write_off_lines_batch_idx').on(t.batchId)],
);

/** The disposal record (不合格药具处理记录, S0:511) of an approved write-off. */
export const disposals = sqliteTable('disposals', {
  id: integer().primaryKey({ autoIncrement: true }),
  requestId: integer()
    .notNull()
    .unique()
    .references(() => writeOffRequests.id),
  method: text({ enum: DISPOSAL_METHODS }).notNull(),
  place: text(),
  detail: text(),
  recordedBy: integer()
    .notNull()
    .references(() => users.id),
  disposedAt: text().notNull(),
  postingId: integer()
    .notNull()
    .references(() => postings.id),
});

/** A witness of a destruction, who confirmed with their own password at that moment. */
export const disposalWitnesses = sqliteTable(
  'disposal_witnesses',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    disposalId: integer()
      .notNull()
      .references(() => disposals.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    confirmedAt: text().notNull(),
  },
  (t) => [unique('disposal_witnesses_uq').on(t.disposalId, t.userId)],
);

export const STOCK_COUNT_STATUSES = ['counting', 'submitted', 'posted', 'cancelled'] as const;

/**
 * A stock count (盘库, S0:384, 415) of a whole depot or chosen zones. Starting it freezes the
 * expected quantities, and no posting touches its zones until it is posted or cancelled; the
 * storekeeper submits the count and the leader approves the variances, which then post.
 */
export const stockCounts = sqliteTable(
  'stock_counts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    number: text().notNull().unique(),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    zones: text({ mode: 'json' }).$type<string[]>().notNull(),
    blind: integer({ mode: 'boolean' }).notNull(),
    status: text({ enum: STOCK_COUNT_STATUSES }).notNull(),
    note: text(),
    startedBy: integer()
      .notNull()
      .references(() => users.id),
    startedAt: text().notNull(),
    submittedBy: integer().references(() => users.id),
    submittedAt: text(),
    approvedBy: integer().references(() => users.id),
    approvedAt: text(),
    returnReason: text(),
    postingId: integer().references(() => postings.id),
  },
  (t) => [index('stock_counts_depot_idx').on(t.depotId, t.status)],
);

export const stockCountLines = sqliteTable(
  'stock_count_lines',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    countId: integer()
      .notNull()
      .references(() => stockCounts.id),
    zone: text().notNull(),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    /** Frozen when the count started; 0 for stock found that the books did not have. */
    expected: integer().notNull(),
    counted: integer(),
    unitPriceFen: integer().notNull(),
    countedBy: integer().references(() => users.id),
    countedAt: text(),
    /** How the last figure was recorded: a scan of the batch's label, or typed. */
    entry: text({ enum: ENTRY_KINDS }),
  },
  (t) => [unique('stock_count_lines_uq').on(t.countId, t.zone, t.batchId)],
);
