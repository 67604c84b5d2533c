import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { batches } from './catalogue.ts';
import { users } from './access.ts';
import { receipts } from './receipts.ts';

export const INSPECTION_KINDS = ['receipt', 'storage', 'pre_issue'] as const;

/** The five non-conforming kinds of S0:419. */
export const NONCONFORMITY_KINDS = ['expired', 'inner_pack_broken', 'count_differs_from_label', 'markings_missing', 'visible_defect'] as const;

/**
 * An appearance check of one batch at one depot (外观检查, S0:387, 396-397): on receipt, in
 * storage (养护) or before issue. Passed goes to the qualified zone, failed to non-conforming.
 */
export const inspections = sqliteTable(
  'inspections',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    kind: text({ enum: INSPECTION_KINDS }).notNull(),
    receiptId: integer().references(() => receipts.id),
    /** At a tier that inspects goods-in, opening stock waits in the pending zone for this check too. */
    openingBalanceId: integer(),
    checklist: text({ mode: 'json' }).$type<Record<string, boolean>>().notNull(),
    passedQuantity: integer().notNull(),
    failedQuantity: integer().notNull(),
    nonconformities: text({ mode: 'json' }).$type<string[]>().notNull(),
    suspectedQualityChange: integer({ mode: 'boolean' }).notNull().default(false),
    note: text(),
    inspectorId: integer()
      .notNull()
      .references(() => users.id),
    inspectedAt: text().notNull(),
  },
  (t) => [index('inspections_depot_batch_idx').on(t.depotId, t.batchId, t.id)],
);

/** Failed goods never accepted into stock go back to the maker (S0:422 原货退回厂家). */
export const supplierReturns = sqliteTable('supplier_returns', {
  id: integer().primaryKey({ autoIncrement: true }),
  depotId: integer()
    .notNull()
    .references(() => depots.id),
  inspectionId: integer()
    .notNull()
    .references(() => inspections.id),
  batchId: integer()
    .notNull()
    .references(() => batches.id),
  quantity: integer().notNull(),
  createdBy: integer()
    .notNull()
    .references(() => users.id),
  createdAt: text().notNull(),
});

/** 质量问题报告表 (S0:399), drafted at county level and above when goods fail inspection. */
export const qualityProblemReports = sqliteTable('quality_problem_reports', {
  id: integer().primaryKey({ autoIncrement: true }),
  depotId: integer()
    .notNull()
    .references(() => depots.id),
  inspectionId: integer()
    .notNull()
    .references(() => inspections.id),
  batchId: integer()
    .notNull()
    .references(() => batches.id),
  quantity: integer().notNull(),
  kinds: text({ mode: 'json' }).$type<string[]>().notNull(),
  status: text({ enum: ['draft', 'submitted'] }).notNull(),
  createdAt: text().notNull(),
});

/** What a role at a depot must see: a suspected quality change for the leader (S0:387). */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    role: text().notNull(),
    kind: text().notNull(),
    entity: text().notNull(),
    entityId: integer().notNull(),
    message: text().notNull(),
    createdAt: text().notNull(),
    readAt: text(),
  },
  (t) => [index('notifications_depot_idx').on(t.depotId, t.role, t.id)],
);

/** Who has read a notification: it goes to a role at a depot, and each of its people marks it read. */
export const notificationReads = sqliteTable(
  'notification_reads',
  {
    notificationId: integer()
      .notNull()
      .references(() => notifications.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    readAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);
