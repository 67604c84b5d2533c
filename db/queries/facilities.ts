import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { climateSensors, depots, equipmentItems, equipmentMaintenance, equipmentRequests, facilityProfileChanges, facilityProfiles, storageAreas } from '../schema/index.ts';
import { subtreeRange } from './depots.ts';

export type ProfileRow = typeof facilityProfiles.$inferSelect;
export type ItemRow = typeof equipmentItems.$inferSelect;
export type RequestRow = typeof equipmentRequests.$inferSelect;
export type MaintenanceRow = typeof equipmentMaintenance.$inferSelect;

export const findProfile = (db: DbOrTx, depotId: number): ProfileRow | undefined => db.select().from(facilityProfiles).where(eq(facilityProfiles.depotId, depotId)).get();

export function saveProfile(db: DbOrTx, row: typeof facilityProfiles.$inferInsert) {
  const { depotId: _depotId, ...set } = row;
  db.insert(facilityProfiles).values(row).onConflictDoUpdate({ target: facilityProfiles.depotId, set }).run();
}

export const insertProfileChange = (db: DbOrTx, row: typeof facilityProfileChanges.$inferInsert) => db.insert(facilityProfileChanges).values(row).run();
export const profileChangesOf = (db: DbOrTx, depotId: number) =>
  db.select().from(facilityProfileChanges).where(eq(facilityProfileChanges.depotId, depotId)).orderBy(desc(facilityProfileChanges.id)).all();

/** The profiles of the depots of a subtree, with each depot's tier: the dashboard and assessment check them in bulk. */
export function profilesUnder(db: DbOrTx, path: string) {
  return db
    .select({ depot: { id: depots.id, code: depots.code, name: depots.name, tier: depots.tier, parentId: depots.parentId }, profile: facilityProfiles })
    .from(depots)
    .leftJoin(facilityProfiles, eq(facilityProfiles.depotId, depots.id))
    .where(and(subtreeRange(depots.path, path), eq(depots.active, true)))
    .orderBy(asc(depots.path))
    .all();
}

export const insertItem = (db: DbOrTx, row: typeof equipmentItems.$inferInsert): ItemRow => db.insert(equipmentItems).values(row).returning().get();
export const findItem = (db: DbOrTx, id: number): ItemRow | undefined => db.select().from(equipmentItems).where(eq(equipmentItems.id, id)).get();
export const itemsOf = (db: DbOrTx, depotId: number) => db.select().from(equipmentItems).where(eq(equipmentItems.depotId, depotId)).orderBy(asc(equipmentItems.id)).all();
export function updateItem(db: DbOrTx, id: number, set: Partial<typeof equipmentItems.$inferInsert>) {
  db.update(equipmentItems).set(set).where(eq(equipmentItems.id, id)).run();
}

export const insertRequest = (db: DbOrTx, row: typeof equipmentRequests.$inferInsert): RequestRow => db.insert(equipmentRequests).values(row).returning().get();
export const findRequest = (db: DbOrTx, id: number): RequestRow | undefined => db.select().from(equipmentRequests).where(eq(equipmentRequests.id, id)).get();
export const requestsOf = (db: DbOrTx, depotId: number) => db.select().from(equipmentRequests).where(eq(equipmentRequests.depotId, depotId)).orderBy(desc(equipmentRequests.id)).all();
export const pendingRequestsFor = (db: DbOrTx, itemId: number) =>
  db.select().from(equipmentRequests).where(and(eq(equipmentRequests.itemId, itemId), eq(equipmentRequests.status, 'pending'))).all();
export function updateRequest(db: DbOrTx, id: number, set: Partial<typeof equipmentRequests.$inferInsert>) {
  db.update(equipmentRequests).set(set).where(eq(equipmentRequests.id, id)).run();
}

export const insertMaintenance = (db: DbOrTx, row: typeof equipmentMaintenance.$inferInsert): MaintenanceRow => db.insert(equipmentMaintenance).values(row).returning().get();
export const maintenanceOf = (db: DbOrTx, itemId: number) =>
  db.select().from(equipmentMaintenance).where(eq(equipmentMaintenance.itemId, itemId)).orderBy(asc(equipmentMaintenance.doneOn), asc(equipmentMaintenance.id)).all();

/** A climate sensor with the depot its area belongs to, to link an item to it. */
export const findSensorDepot = (db: DbOrTx, sensorId: number) =>
  db.select({ id: climateSensors.id, name: climateSensors.name, depotId: storageAreas.depotId }).from(climateSensors).innerJoin(storageAreas, eq(storageAreas.id, climateSensors.areaId)).where(eq(climateSensors.id, sensorId)).get();
export const sensorNames = (db: DbOrTx, ids: number[]) =>
  ids.length === 0 ? new Map<number, string>() : new Map(db.select({ id: climateSensors.id, name: climateSensors.name }).from(climateSensors).where(inArray(climateSensors.id, ids)).all().map((s) => [s.id, s.name]));
