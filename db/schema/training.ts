import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { users } from './access.ts';
import type { EducationTopic, TrainingTopic } from '../../server/domain/training.ts';

/**
 * A staff training (培训, S0:462-468) organised by a depot for its own staff and the levels below
 * it: what it covered (TRN-2), who taught, who attended, what was handed out. Scanned materials
 * are attachments of the archive.
 */
export const trainings = sqliteTable(
  'trainings',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    organiserDepotId: integer()
      .notNull()
      .references(() => depots.id),
    heldOn: text().notNull(),
    title: text().notNull(),
    topics: text({ mode: 'json' }).$type<TrainingTopic[]>().notNull(),
    /** What the fixed topics do not say. */
    topicsNote: text(),
    trainer: text().notNull(),
    /** The handouts and slides by name; the files themselves are archive attachments. */
    materials: text(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
  },
  (t) => [index('trainings_organiser_idx').on(t.organiserDepotId, t.heldOn)],
);

/**
 * Who attended: a user of the organiser's subtree, or someone without an account (a village
 * group's dispenser) by name and depot only: no more personal data than that.
 */
export const trainingAttendees = sqliteTable(
  'training_attendees',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    trainingId: integer()
      .notNull()
      .references(() => trainings.id),
    userId: integer().references(() => users.id),
    name: text().notNull(),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
  },
  (t) => [index('training_attendees_training_idx').on(t.trainingId), index('training_attendees_user_idx').on(t.userId)],
);

/** A public education session (药具知识宣传, S0:469-472) held by a township for the people it serves. */
export const educationSessions = sqliteTable(
  'education_sessions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    heldOn: text().notNull(),
    place: text().notNull(),
    topics: text({ mode: 'json' }).$type<EducationTopic[]>().notNull(),
    topicsNote: text(),
    attendance: integer().notNull(),
    materials: text(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: text().notNull(),
  },
  (t) => [index('education_sessions_depot_idx').on(t.depotId, t.heldOn)],
);

/**
 * A user created through the users API while new staff must be trained first (S0:466): their
 * roles stay inactive until a training names them as attendee or their depot's leader waives it.
 */
export const trainingRequirements = sqliteTable('training_requirements', {
  userId: integer()
    .primaryKey()
    .references(() => users.id),
  createdAt: text().notNull(),
  waivedBy: integer().references(() => users.id),
  waivedAt: text(),
  waiverReason: text(),
});
