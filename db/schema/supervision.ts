import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { users } from './access.ts';
import type { ChecklistItem } from '../../server/domain/supervision.ts';

/**
 * A supervision visit (监督检查, S0:473-483) by a depot above to one below it: planned, performed
 * against the checklist of S0:479 drawn from what the system knows about the visited depot
 * (frozen when the visit starts), findings signed by the visit leader, then followed up until
 * every corrective action is closed by the visited depot and verified by the visiting one.
 */
export const supervisionVisits = sqliteTable(
  'supervision_visits',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    visitingDepotId: integer()
      .notNull()
      .references(() => depots.id),
    visitedDepotId: integer()
      .notNull()
      .references(() => depots.id),
    status: text({ enum: ['planned', 'in_progress', 'findings_recorded', 'closed', 'cancelled'] }).notNull(),
    plannedOn: text().notNull(),
    /** Who goes, as names: visitors need not be users (an official of the health commission). */
    visitors: text({ mode: 'json' }).$type<string[]>().notNull(),
    /** S0:481: questioning, visits, auditing accounts, tracking where supplies went. */
    methods: text({ mode: 'json' }).$type<string[]>().notNull(),
    /** The user of the visiting depot who leads the visit and signs its findings. */
    leaderId: integer()
      .notNull()
      .references(() => users.id),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
    startedBy: integer().references(() => users.id),
    startedAt: text(),
    checklist: text({ mode: 'json' }).$type<ChecklistItem[]>(),
    signedAt: text(),
    closedBy: integer().references(() => users.id),
    closedAt: text(),
    closeNote: text(),
  },
  (t) => [index('supervision_visits_visited_idx').on(t.visitedDepotId, t.id), index('supervision_visits_visiting_idx').on(t.visitingDepotId, t.id)],
);

/** What the visit found, with how serious it is; recorded while the visit is in progress. */
export const supervisionFindings = sqliteTable(
  'supervision_findings',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    visitId: integer()
      .notNull()
      .references(() => supervisionVisits.id),
    /** The checklist item it concerns, if any. */
    item: text(),
    text: text().notNull(),
    severity: text({ enum: ['minor', 'major', 'serious'] }).notNull(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
  },
  (t) => [index('supervision_findings_visit_idx').on(t.visitId)],
);

/**
 * A corrective action (整改, S1:611, 621): owned by a user of the visited depot with a deadline;
 * closed there with a note, verified by the visiting depot.
 */
export const supervisionActions = sqliteTable(
  'supervision_actions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    visitId: integer()
      .notNull()
      .references(() => supervisionVisits.id),
    findingId: integer()
      .notNull()
      .references(() => supervisionFindings.id),
    text: text().notNull(),
    ownerId: integer()
      .notNull()
      .references(() => users.id),
    dueOn: text().notNull(),
    status: text({ enum: ['open', 'closed', 'verified'] }).notNull(),
    closedBy: integer().references(() => users.id),
    closedAt: text(),
    closeNote: text(),
    verifiedBy: integer().references(() => users.id),
    verifiedAt: text(),
    /** Why the visiting depot sent a closed action back instead of verifying it (the last time). */
    reopenNote: text(),
    reopenedAt: text(),
    createdAt: text().notNull(),
  },
  (t) => [index('supervision_actions_visit_idx').on(t.visitId), index('supervision_actions_status_idx').on(t.status, t.dueOn)],
);
