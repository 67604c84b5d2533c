import { sqliteTable, integer, text, index, unique } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { users } from './access.ts';
import type { FigureDiff, SubmissionSnapshot } from '../../server/domain/report-submissions.ts';

/**
 * A periodic report as a depot sent it up (逐级上报, S0:370-374, 437): one row per version.
 * The leader signs and submits the figures prepared from the live data; they are frozen here
 * (`snapshot`) and do not follow the ledger. The depot directly above accepts the version or
 * returns it with a reason; a returned report is corrected by a new version, which keeps the
 * changes against the one before (`diff`). Only the newest version of a (depot, kind, period)
 * is open to a decision.
 */
export const reportSubmissions = sqliteTable(
  'report_submissions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    kind: text({ enum: ['users', 'usage', 'pts', 'follow_up_summary'] }).notNull(),
    year: integer().notNull(),
    /** year, h1, q1..q4 (server/domain/report-period.ts). */
    period: text().notNull(),
    version: integer().notNull(),
    status: text({ enum: ['submitted', 'accepted', 'returned'] }).notNull(),
    snapshot: text({ mode: 'json' }).$type<SubmissionSnapshot>().notNull(),
    /** Against the version before; null for the first. */
    diff: text({ mode: 'json' }).$type<FigureDiff[]>(),
    dueOn: text().notNull(),
    signedBy: integer()
      .notNull()
      .references(() => users.id),
    signedAt: text().notNull(),
    decidedBy: integer().references(() => users.id),
    decidedAt: text(),
    returnReason: text(),
  },
  (t) => [
    unique('report_submissions_uq').on(t.depotId, t.kind, t.year, t.period, t.version),
    index('report_submissions_period_idx').on(t.kind, t.year, t.period, t.status),
  ],
);
