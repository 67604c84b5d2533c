import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { batches } from './catalogue.ts';
import { users } from './access.ts';
import { dispensings } from './transfers.ts';
import { batchHolds } from './quality.ts';
import { people } from './people.ts';
import { ENTRY_KINDS } from './receipts.ts';
import { ADR_OUTCOMES, ADR_STATUSES, CONFIRMATION_DECISIONS, DIAGNOSING_BODIES, type SeriousCriterion } from '../../server/domain/adverse-vocabulary.ts';

/*
 * Adverse reactions (不良反应, S0:423-439; issue 20 items 7-9). See docs/adverse-reactions.md.
 *
 * - adverse_reactions: one report (form 11, 不良反应报告表) filed at a village or township depot
 *   (`depot_id`) about a person: a registered one (`person_id`, db/schema/people.ts) or, for
 *   someone not on the register, only `birth_year` and `community`. Personal fields are shown to
 *   the reporting depot and the township directly above; everyone else reads the case number.
 *   The lot (`batch_id`, scanned or picked: `entry`), optionally the dispensing it came from.
 *   `reported_criteria` are the serious criteria (S0:427-432) the reporter flagged; `criteria`
 *   and `serious` what holds now (the county's finding once it decided). `county_id` is the
 *   county whose technical service confirms a serious report before its case report (form 13,
 *   严重不良反应个例报告表) goes to the region (`submitted_*`), S0:438. `due_on` when it is due
 *   where it goes, counted from `learned_on` (death the same day, other serious 15 days, others
 *   30: server/config.ts). `signal_id` the lot signal it raised or joined.
 * - adverse_signals: reports on one lot reaching the threshold within the window; the region
 *   (`depot_id`) is told once, with the lot's trace and a hold (`hold_id` once placed).
 */

export const adverseSignals = sqliteTable(
  'adverse_signals',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    /** The depot told: the region. */
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    raisedOn: text().notNull(),
    raisedAt: text().notNull(),
    /** The first day of the window the threshold was reached in. */
    windowFrom: text().notNull(),
    reportCount: integer().notNull(),
    holdId: integer().references(() => batchHolds.id),
  },
  (t) => [index('adverse_signals_batch_idx').on(t.batchId, t.raisedOn), index('adverse_signals_depot_idx').on(t.depotId, t.id)],
);

export const adverseReactions = sqliteTable(
  'adverse_reactions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    number: text().notNull().unique(),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    countyId: integer().references(() => depots.id),
    personId: integer().references(() => people.id),
    birthYear: integer(),
    community: text(),
    dispensingId: integer().references(() => dispensings.id),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    entry: text({ enum: ENTRY_KINDS }).notNull(),
    useStartedOn: text().notNull(),
    onsetOn: text().notNull(),
    learnedOn: text().notNull(),
    description: text().notNull(),
    treatment: text(),
    outcome: text({ enum: ADR_OUTCOMES }).notNull(),
    reportedCriteria: text({ mode: 'json' }).$type<SeriousCriterion[]>().notNull(),
    criteria: text({ mode: 'json' }).$type<SeriousCriterion[]>().notNull(),
    serious: integer({ mode: 'boolean' }).notNull(),
    status: text({ enum: ADR_STATUSES }).notNull(),
    dueOn: text().notNull(),
    filedOn: text().notNull(),
    filedBy: integer()
      .notNull()
      .references(() => users.id),
    filedAt: text().notNull(),
    decision: text({ enum: CONFIRMATION_DECISIONS }),
    diagnosingBody: text({ enum: DIAGNOSING_BODIES }),
    institution: text(),
    diagnostician: text(),
    diagnosedOn: text(),
    confirmationNote: text(),
    confirmedBy: integer().references(() => users.id),
    confirmedAt: text(),
    submittedBy: integer().references(() => users.id),
    submittedAt: text(),
    submittedOn: text(),
    signalId: integer().references(() => adverseSignals.id),
  },
  (t) => [
    index('adverse_reactions_depot_idx').on(t.depotId, t.id),
    // Reports on a lot within the signal window.
    index('adverse_reactions_batch_idx').on(t.batchId, t.filedOn),
    index('adverse_reactions_county_idx').on(t.countyId, t.status),
    // Serious cases not yet at the region, by due date (overdue lists).
    index('adverse_reactions_due_idx').on(t.status, t.dueOn),
    index('adverse_reactions_person_idx').on(t.personId),
  ],
);
