import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { users } from './access.ts';
import { PRODUCT_CLASSES } from '../../server/schemas/constants.ts';
import { FOLLOW_UP_OUTCOMES, PERSON_EVENT_SOURCES, PERSON_STATUSES } from '../../server/domain/people-vocabulary.ts';

/*
 * The people served (issue 20; S0:296, 316, 362-366, 513): the users register (花名册, form
 * 8.2), its history, and follow-ups (随访, form 8.1). Personal health information (PIPL): see
 * docs/people.md for who sees what.
 *
 * - person_registers: a village or township depot keeps a register from `opened_at` (its first
 *   registration). `next_seq` numbers its case numbers.
 * - people: one person, registered at `depot_id`. Personal fields (`name`, `birth_year_month`
 *   "YYYY-MM", `community` (village group, residents' community), `contact`) are shown only at
 *   that depot and the township directly above; they are null once erased (`erased_at`). Every
 *   other tier knows the person by `case_number` ("<depot code>-<sequence>", not derived from the
 *   name). `method` is a product class (oral, injectable, iud, implant, condom, external), used
 *   since `method_since`; `status` (using, switched, stopped, moved_away) since `status_on`.
 *   `consent_on` the date consent was recorded (required). `dispenser_id` the dispenser who
 *   follows the person up. `next_follow_up_on` the next scheduled follow-up, null when none is
 *   due (not a user, closed, or a method without schedule). `closed_at` ends the record.
 * - person_events: the register's history, one row per registration, change of method or of
 *   status, effective on the date `on`; the person's state at any date is their last event on or
 *   before it (使用人数 at a period end). Never updated.
 * - follow_ups: a follow-up visit on `on`, answering the scheduled date `due_on` (null when
 *   unscheduled), with its outcome (continuing, side_effects, switched, stopped) and details.
 * - dispensings.person_id (db/schema/transfers.ts): the registered person a dispensing was for;
 *   null when anonymous.
 */

export const personRegisters = sqliteTable('person_registers', {
  depotId: integer()
    .primaryKey()
    .references(() => depots.id),
  openedAt: text().notNull(),
  openedBy: integer()
    .notNull()
    .references(() => users.id),
  nextSeq: integer().notNull().default(1),
});

export const people = sqliteTable(
  'people',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    caseNumber: text().notNull().unique(),
    name: text(),
    birthYearMonth: text(),
    community: text(),
    contact: text(),
    method: text({ enum: PRODUCT_CLASSES }).notNull(),
    methodSince: text().notNull(),
    status: text({ enum: PERSON_STATUSES }).notNull(),
    statusOn: text().notNull(),
    statusReason: text(),
    consentOn: text().notNull(),
    dispenserId: integer().references(() => users.id),
    registeredBy: integer()
      .notNull()
      .references(() => users.id),
    registeredAt: text().notNull(),
    lastFollowUpOn: text(),
    nextFollowUpOn: text(),
    closedAt: text(),
    closedBy: integer().references(() => users.id),
    closeReason: text(),
    erasedAt: text(),
  },
  (t) => [
    index('people_depot_idx').on(t.depotId, t.id),
    // The due-follow-up list of a depot (and of each village of a township) reads this range.
    index('people_due_idx').on(t.depotId, t.nextFollowUpOn),
    index('people_dispenser_due_idx').on(t.dispenserId, t.nextFollowUpOn),
    index('people_closed_idx').on(t.closedAt),
  ],
);

export const personEvents = sqliteTable(
  'person_events',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    personId: integer()
      .notNull()
      .references(() => people.id),
    on: text().notNull(),
    status: text({ enum: PERSON_STATUSES }).notNull(),
    /** The method from this date; null once the person is no longer a user. */
    method: text({ enum: PRODUCT_CLASSES }),
    reason: text(),
    source: text({ enum: PERSON_EVENT_SOURCES }).notNull(),
    recordedBy: integer()
      .notNull()
      .references(() => users.id),
    recordedAt: text().notNull(),
  },
  (t) => [index('person_events_person_idx').on(t.personId, t.on, t.id)],
);

export const followUps = sqliteTable(
  'follow_ups',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    personId: integer()
      .notNull()
      .references(() => people.id),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    on: text().notNull(),
    dueOn: text(),
    /** The method followed up (the person's method on the day, before any switch). */
    method: text({ enum: PRODUCT_CLASSES }).notNull(),
    outcome: text({ enum: FOLLOW_UP_OUTCOMES }).notNull(),
    sideEffects: text(),
    switchedTo: text({ enum: PRODUCT_CLASSES }),
    stopReason: text(),
    note: text(),
    recordedBy: integer()
      .notNull()
      .references(() => users.id),
    recordedAt: text().notNull(),
  },
  (t) => [index('follow_ups_person_idx').on(t.personId, t.on), index('follow_ups_depot_idx').on(t.depotId, t.on)],
);
