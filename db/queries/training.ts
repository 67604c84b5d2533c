import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { depots, educationSessions, trainingAttendees, trainingRequirements, trainings } from '../schema/index.ts';
import { subtreeRange } from './depots.ts';
import { prepared } from './statements.ts';

export type TrainingRow = typeof trainings.$inferSelect;
export type AttendeeRow = typeof trainingAttendees.$inferSelect;
export type EducationRow = typeof educationSessions.$inferSelect;
export type RequirementRow = typeof trainingRequirements.$inferSelect;

export const insertTraining = (db: DbOrTx, row: typeof trainings.$inferInsert): TrainingRow => db.insert(trainings).values(row).returning().get();
export const findTraining = (db: DbOrTx, id: number): TrainingRow | undefined => db.select().from(trainings).where(eq(trainings.id, id)).get();
export function insertAttendees(db: DbOrTx, rows: (typeof trainingAttendees.$inferInsert)[]) {
  if (rows.length > 0) db.insert(trainingAttendees).values(rows).run();
}
export const attendeesOf = (db: DbOrTx, trainingIds: readonly number[]) =>
  trainingIds.length === 0 ? [] : db.select().from(trainingAttendees).where(inArray(trainingAttendees.trainingId, [...trainingIds])).orderBy(asc(trainingAttendees.id)).all();

/** Trainings organised by a depot, or by any depot of its subtree; newest first. */
export function trainingsUnder(db: DbOrTx, depot: { id: number; path: string }, scope: 'own' | 'subtree') {
  const where = scope === 'own' ? eq(trainings.organiserDepotId, depot.id) : inArray(trainings.organiserDepotId, db.select({ id: depots.id }).from(depots).where(subtreeRange(depots.path, depot.path)));
  return db.select().from(trainings).where(where).orderBy(desc(trainings.heldOn), desc(trainings.id)).all();
}

export const insertEducation = (db: DbOrTx, row: typeof educationSessions.$inferInsert): EducationRow => db.insert(educationSessions).values(row).returning().get();
export const findEducation = (db: DbOrTx, id: number): EducationRow | undefined => db.select().from(educationSessions).where(eq(educationSessions.id, id)).get();
export function educationUnder(db: DbOrTx, depot: { id: number; path: string }, scope: 'own' | 'subtree') {
  const where = scope === 'own' ? eq(educationSessions.depotId, depot.id) : inArray(educationSessions.depotId, db.select({ id: depots.id }).from(depots).where(subtreeRange(depots.path, depot.path)));
  return db.select().from(educationSessions).where(where).orderBy(desc(educationSessions.heldOn), desc(educationSessions.id)).all();
}

/**
 * Every depot of a subtree that uses the system (an active user there) with the dates of its
 * trainings and of its education sessions, for the cadence: a depot not yet on the system has
 * no way to record either.
 */
export function heldDatesUnder(db: DbOrTx, path: string, end: string) {
  const rows = prepared(
    db,
    `select d.id, d.code, d.name, d.tier, d.parent_id as parentId,
            (select group_concat(t.held_on) from trainings t where t.organiser_depot_id = d.id) as staff,
            (select group_concat(e.held_on) from education_sessions e where e.depot_id = d.id) as education
     from depots d where d.path >= ? and d.path < ? and d.active = 1
       and exists (select 1 from users u where u.depot_id = d.id and u.active = 1)
     order by d.path`,
  ).all(path, end) as { id: number; code: string; name: string; tier: string; parentId: number | null; staff: string | null; education: string | null }[];
  return rows.map((r) => ({ ...r, staff: r.staff ? r.staff.split(',') : [], education: r.education ? r.education.split(',') : [] }));
}

export const insertRequirement = (db: DbOrTx, row: typeof trainingRequirements.$inferInsert) => db.insert(trainingRequirements).values(row).run();
export const findRequirement = (db: DbOrTx, userId: number): RequirementRow | undefined => db.select().from(trainingRequirements).where(eq(trainingRequirements.userId, userId)).get();
export function waiveRequirement(db: DbOrTx, userId: number, set: { waivedBy: number; waivedAt: string; waiverReason: string }) {
  db.update(trainingRequirements).set(set).where(eq(trainingRequirements.userId, userId)).run();
}

/** The first training that names a user as attendee, if any. */
export function firstTrainingOf(db: DbOrTx, userId: number) {
  return db
    .select({ id: trainings.id, heldOn: trainings.heldOn, title: trainings.title })
    .from(trainingAttendees)
    .innerJoin(trainings, eq(trainings.id, trainingAttendees.trainingId))
    .where(eq(trainingAttendees.userId, userId))
    .orderBy(asc(trainings.heldOn))
    .get();
}

/** Whether a user's roles wait for training (S0:466): a requirement neither waived nor met by a training that names them. */
export function isTrainingPending(db: DbOrTx, userId: number): boolean {
  const row = prepared(
    db,
    `select 1 as pending from training_requirements r
     where r.user_id = ? and r.waived_at is null
       and not exists (select 1 from training_attendees a where a.user_id = r.user_id)`,
  ).get(userId);
  return row !== undefined;
}

/** The users of a depot whose roles wait for training. */
export function pendingUsersAt(db: DbOrTx, depotId: number) {
  return prepared(
    db,
    `select u.id, u.username, u.display_name as displayName, r.created_at as createdAt from training_requirements r join users u on u.id = r.user_id
     where u.depot_id = ? and u.active = 1 and r.waived_at is null
       and not exists (select 1 from training_attendees a where a.user_id = r.user_id)
     order by r.created_at`,
  ).all(depotId) as { id: number; username: string; displayName: string; createdAt: string }[];
}
