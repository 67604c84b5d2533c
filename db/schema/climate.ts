import { sqliteTable, integer, text, real, index, unique } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { batches } from './catalogue.ts';
import { users } from './access.ts';

export const STORAGE_AREA_KINDS = ['room', 'cabinet', 'refrigerator'] as const;
export const READING_SOURCES = ['manual', 'csv', 'sensor'] as const;
/** What an excursion is: too hot, too cold, too damp, or no reading for too long. */
export const EXCURSION_KINDS = ['temperature_high', 'temperature_low', 'humidity_high', 'gap'] as const;
export const EXCURSION_STATUSES = ['open', 'acknowledged'] as const;
/** How an excursion was closed: corrected on site, or (for a gap) the sensor was missing or broken. */
export const EXCURSION_RESOLUTIONS = ['corrective_action', 'sensor_fault'] as const;

/**
 * A storage area of a depot whose climate is logged (库房, S0:325): a warehouse room or a
 * cabinet at a township. It holds the depot's stock of the zones listed in `zones`; limits
 * default to 5-25 °C and RH below 65 % and are editable per area.
 */
export const storageAreas = sqliteTable(
  'storage_areas',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    name: text().notNull(),
    kind: text({ enum: STORAGE_AREA_KINDS }).notNull(),
    zones: text({ mode: 'json' }).$type<string[]>().notNull(),
    minC: real().notNull(),
    maxC: real().notNull(),
    maxRh: real().notNull(),
    /** A gap longer than this between two readings is a missing log. */
    expectedIntervalMinutes: integer().notNull(),
    active: integer({ mode: 'boolean' }).notNull().default(true),
    createdAt: text().notNull(),
  },
  (t) => [index('storage_areas_depot_idx').on(t.depotId)],
);

/** A networked sensor posting readings for one area with its own token (only its hash is kept). */
export const climateSensors = sqliteTable('climate_sensors', {
  id: integer().primaryKey({ autoIncrement: true }),
  areaId: integer()
    .notNull()
    .references(() => storageAreas.id),
  name: text().notNull(),
  tokenHash: text().notNull().unique(),
  tokenHint: text().notNull(),
  createdBy: integer()
    .notNull()
    .references(() => users.id),
  createdAt: text().notNull(),
  revokedAt: text(),
  lastSeenAt: text(),
});

/**
 * One temperature and humidity reading of an area (库房温湿度记录表, S0:510). `takenAt` is epoch
 * milliseconds (UTC); one reading per area and instant, so a re-imported file adds nothing.
 */
export const climateReadings = sqliteTable(
  'climate_readings',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    areaId: integer()
      .notNull()
      .references(() => storageAreas.id),
    takenAt: integer().notNull(),
    temperatureC: real().notNull(),
    humidityPct: real(),
    source: text({ enum: READING_SOURCES }).notNull(),
    recordedBy: integer().references(() => users.id),
    sensorId: integer().references(() => climateSensors.id),
    createdAt: text().notNull(),
  },
  (t) => [unique('climate_readings_area_time_uq').on(t.areaId, t.takenAt)],
);

/**
 * A period outside the limits, or without readings, of one area. Derived from the readings and
 * kept up to date as readings arrive; open until acknowledged with a corrective action.
 * `endAt` null: still going on. Times are epoch milliseconds.
 */
export const climateExcursions = sqliteTable(
  'climate_excursions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    areaId: integer()
      .notNull()
      .references(() => storageAreas.id),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    kind: text({ enum: EXCURSION_KINDS }).notNull(),
    startAt: integer().notNull(),
    endAt: integer(),
    /** The most extreme value seen: highest °C or RH, lowest °C; null for a gap. */
    extreme: real(),
    readings: integer().notNull(),
    status: text({ enum: EXCURSION_STATUSES }).notNull(),
    resolution: text({ enum: EXCURSION_RESOLUTIONS }),
    action: text(),
    acknowledgedBy: integer().references(() => users.id),
    acknowledgedAt: text(),
    detectedAt: text().notNull(),
  },
  (t) => [index('climate_excursions_area_idx').on(t.areaId, t.startAt), index('climate_excursions_depot_idx').on(t.depotId, t.status)],
);

/**
 * A batch that stood in an area during an excursion, with its minutes of exposure: it needs an
 * inspection before it leaves (the pre-issue check). Cleared by an inspection of the batch at
 * the depot after `exposedUntil`.
 */
export const climateExposures = sqliteTable(
  'climate_exposures',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    excursionId: integer()
      .notNull()
      .references(() => climateExcursions.id, { onDelete: 'cascade' }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    minutes: integer().notNull(),
    /** The end of the exposure in epoch ms; null while the excursion goes on. */
    exposedUntil: integer(),
  },
  (t) => [unique('climate_exposures_uq').on(t.excursionId, t.batchId), index('climate_exposures_batch_idx').on(t.depotId, t.batchId)],
);
