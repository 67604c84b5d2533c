import { sqliteTable, integer, text, real, index } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { users } from './access.ts';
import { climateSensors } from './climate.ts';
import type { FacilityItem } from '../../server/domain/facility-standard.ts';
import { EQUIPMENT_KINDS, EQUIPMENT_REQUEST_KINDS, EQUIPMENT_REQUEST_STATUSES, EQUIPMENT_STATUSES, type EquipmentProposal } from '../../server/domain/equipment.ts';

/**
 * A depot's premises and storage equipment (S0:304-332), one row per depot, kept by its leader
 * and checked against its tier's standard (server/domain/facility-standard.ts).
 */
export const facilityProfiles = sqliteTable('facility_profiles', {
  depotId: integer()
    .primaryKey()
    .references(() => depots.id),
  officeAreaM2: real(),
  storeAreaM2: real(),
  zonesMarked: integer({ mode: 'boolean' }).notNull(),
  items: text({ mode: 'json' }).$type<FacilityItem[]>().notNull(),
  note: text(),
  updatedBy: integer()
    .notNull()
    .references(() => users.id),
  updatedAt: text().notNull(),
});

/** Each change of a profile: who changed which fields from what to what, and when. Append-only. */
export const facilityProfileChanges = sqliteTable(
  'facility_profile_changes',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    changes: text({ mode: 'json' }).$type<{ field: string; from: unknown; to: unknown }[]>().notNull(),
    changedBy: integer()
      .notNull()
      .references(() => users.id),
    changedAt: text().notNull(),
  },
  (t) => [index('facility_profile_changes_depot_idx').on(t.depotId, t.id)],
);

/**
 * A piece of equipment of a depot's register (IT equipment and storage equipment: S0:450, 458),
 * with the user of the depot responsible for it. It enters the register, is replaced and leaves
 * it only by an approved request (S0:461).
 */
export const equipmentItems = sqliteTable(
  'equipment_items',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    kind: text({ enum: EQUIPMENT_KINDS }).notNull(),
    model: text().notNull(),
    serial: text(),
    location: text(),
    responsibleId: integer()
      .notNull()
      .references(() => users.id),
    status: text({ enum: EQUIPMENT_STATUSES }).notNull(),
    /** The climate sensor this item is, when it is one already registered. */
    sensorId: integer().references(() => climateSensors.id),
    /** The item this one replaced. */
    replacesId: integer(),
    createdAt: text().notNull(),
    leftAt: text(),
  },
  (t) => [index('equipment_items_depot_idx').on(t.depotId, t.id)],
);

/**
 * A change of equipment asked for at a depot (装、拆、更换: add, replace, retire or scrap) and
 * decided by a leader of the depot other than the requester (S0:461).
 */
export const equipmentRequests = sqliteTable(
  'equipment_requests',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    kind: text({ enum: EQUIPMENT_REQUEST_KINDS }).notNull(),
    /** The item replaced, retired or scrapped; null for an addition. */
    itemId: integer().references(() => equipmentItems.id),
    /** The new item, for an addition or a replacement. */
    proposal: text({ mode: 'json' }).$type<EquipmentProposal>(),
    reason: text().notNull(),
    status: text({ enum: EQUIPMENT_REQUEST_STATUSES }).notNull(),
    requestedBy: integer()
      .notNull()
      .references(() => users.id),
    requestedAt: text().notNull(),
    decidedBy: integer().references(() => users.id),
    decidedAt: text(),
    decisionNote: text(),
    /** The item the approval put on the register. */
    resultItemId: integer().references(() => equipmentItems.id),
  },
  (t) => [index('equipment_requests_depot_idx').on(t.depotId, t.status)],
);

/** 信息设备维护记录表 (S0:512): one line of an item's maintenance log. */
export const equipmentMaintenance = sqliteTable(
  'equipment_maintenance',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    itemId: integer()
      .notNull()
      .references(() => equipmentItems.id),
    doneOn: text().notNull(),
    /** The fault found or the work done (S0:459-460: power, grounding, connections, antivirus). */
    work: text().notNull(),
    /** Who did it: a user or an outside technician, by name. */
    doneBy: text().notNull(),
    result: text().notNull(),
    recordedBy: integer()
      .notNull()
      .references(() => users.id),
    recordedAt: text().notNull(),
  },
  (t) => [index('equipment_maintenance_item_idx').on(t.itemId, t.doneOn)],
);
