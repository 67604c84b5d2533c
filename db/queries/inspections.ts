import { and, eq, desc } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { inspections, notificationReads, notifications, qualityProblemReports, stockMovements, supplierReturns } from '../schema/index.ts';
import { prepared } from './statements.ts';

export function insertInspection(db: DbOrTx, row: typeof inspections.$inferInsert) {
  return db.insert(inspections).values(row).returning().get();
}

export function findInspection(db: DbOrTx, id: number) {
  return db.select().from(inspections).where(eq(inspections.id, id)).get();
}

export function lastInspection(db: DbOrTx, depotId: number, batchId: number) {
  return db.select().from(inspections).where(and(eq(inspections.depotId, depotId), eq(inspections.batchId, batchId))).orderBy(desc(inspections.id)).limit(1).get();
}

/** Whether the batch ever stood in a qualified zone anywhere: if not, failed goods go back to the maker. */
export function everQualified(db: DbOrTx, batchId: number): boolean {
  return db.select({ id: stockMovements.id }).from(stockMovements).where(and(eq(stockMovements.batchId, batchId), eq(stockMovements.location, 'qualified'))).limit(1).get() !== undefined;
}

export function insertSupplierReturn(db: DbOrTx, row: typeof supplierReturns.$inferInsert) {
  return db.insert(supplierReturns).values(row).returning().get();
}

export function insertQualityProblemReport(db: DbOrTx, row: typeof qualityProblemReports.$inferInsert) {
  return db.insert(qualityProblemReports).values(row).returning().get();
}

export function findReturnsOf(db: DbOrTx, inspectionId: number) {
  return db.select().from(supplierReturns).where(eq(supplierReturns.inspectionId, inspectionId)).all();
}

export function findReportsOf(db: DbOrTx, inspectionId: number) {
  return db.select().from(qualityProblemReports).where(eq(qualityProblemReports.inspectionId, inspectionId)).all();
}

export function insertNotification(db: DbOrTx, row: typeof notifications.$inferInsert) {
  db.insert(notifications).values(row).run();
}

export function findNotifications(db: DbOrTx, depotId: number, role: string) {
  return db.select().from(notifications).where(and(eq(notifications.depotId, depotId), eq(notifications.role, role))).orderBy(desc(notifications.id)).all();
}

/** What the roles a user holds at their depot were told, newest first, with when this user read each. */
export function findNotificationsFor(db: DbOrTx, depotId: number, roles: readonly string[], userId: number) {
  if (roles.length === 0) return [];
  return prepared(
    db,
    `select n.id, n.depot_id as depotId, n.role, n.kind, n.entity, n.entity_id as entityId, n.message, n.created_at as createdAt, r.read_at as readAt
     from notifications n left join notification_reads r on r.notification_id = n.id and r.user_id = ?
     where n.depot_id = ? and n.role in (select value from json_each(?))
     order by n.id desc limit 200`,
  ).all(userId, depotId, JSON.stringify(roles)) as (typeof notifications.$inferSelect)[];
}

export function findNotification(db: DbOrTx, id: number) {
  return db.select().from(notifications).where(eq(notifications.id, id)).get();
}

export function markNotificationRead(db: DbOrTx, notificationId: number, userId: number, at: string) {
  db.insert(notificationReads).values({ notificationId, userId, readAt: at }).onConflictDoNothing().run();
}
