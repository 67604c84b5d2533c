import { and, desc, eq, getTableColumns, gt, gte, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { climateExcursions, climateExposures, climateSensors, depots, storageAreas, users } from '../schema/index.ts';
import { prepared } from './statements.ts';
import { subtreeEnd, subtreeRange } from './depots.ts';

export type AreaRow = typeof storageAreas.$inferSelect;
export type ExcursionRow = typeof climateExcursions.$inferSelect;

export function insertArea(db: DbOrTx, row: typeof storageAreas.$inferInsert) {
  return db.insert(storageAreas).values(row).returning().get();
}

/** Changes the fields given (undefined ones are left as they are); an empty change changes nothing. */
export function updateArea(db: DbOrTx, id: number, patch: Partial<typeof storageAreas.$inferInsert>) {
  if (Object.values(patch).every((v) => v === undefined)) return db.select().from(storageAreas).where(eq(storageAreas.id, id)).get()!;
  return db.update(storageAreas).set(patch).where(eq(storageAreas.id, id)).returning().get();
}

export function findArea(db: DbOrTx, id: number) {
  return db.select().from(storageAreas).where(eq(storageAreas.id, id)).get();
}

export function listAreas(db: DbOrTx, depotId: number) {
  return db.select().from(storageAreas).where(eq(storageAreas.depotId, depotId)).orderBy(storageAreas.id).all();
}

export function activeAreas(db: DbOrTx) {
  return db.select().from(storageAreas).where(eq(storageAreas.active, true)).all();
}

export function insertSensor(db: DbOrTx, row: typeof climateSensors.$inferInsert) {
  return db.insert(climateSensors).values(row).returning().get();
}

export function findSensor(db: DbOrTx, id: number) {
  return db.select().from(climateSensors).where(eq(climateSensors.id, id)).get();
}

export function findSensorByHash(db: DbOrTx, tokenHash: string) {
  return prepared(db, 'select id, area_id as areaId, revoked_at as revokedAt from climate_sensors where token_hash = ?').get(tokenHash) as
    | { id: number; areaId: number; revokedAt: string | null }
    | undefined;
}

export function listSensors(db: DbOrTx, areaId: number) {
  const { tokenHash: _, ...columns } = getTableColumns(climateSensors);
  return db.select(columns).from(climateSensors).where(eq(climateSensors.areaId, areaId)).orderBy(climateSensors.id).all();
}

export function updateSensor(db: DbOrTx, id: number, patch: Partial<typeof climateSensors.$inferInsert>) {
  db.update(climateSensors).set(patch).where(eq(climateSensors.id, id)).run();
}

export interface NewReading {
  takenAt: number;
  temperatureC: number;
  humidityPct: number | null;
  source: 'manual' | 'csv' | 'sensor';
  recordedBy: number | null;
  sensorId: number | null;
}

const CHUNK = 500;
const COLUMNS = '(area_id, taken_at, temperature_c, humidity_pct, source, recorded_by, sensor_id, created_at)';
const insertSql = (rows: number) => `insert into climate_readings ${COLUMNS} values ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} on conflict (area_id, taken_at) do nothing`;

/**
 * Inserts readings, skipping any whose area already has a reading at that instant (a file
 * imported twice, a sensor re-sending). Returns how many were added. Rows go in 500 to a
 * statement: a year of 5-minute readings is 105,120 rows.
 */
export function insertReadings(db: DbOrTx, areaId: number, rows: readonly NewReading[], createdAt: string): number {
  let added = 0;
  const whole = rows.length - (rows.length % CHUNK);
  const params: unknown[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    params.push(areaId, r.takenAt, r.temperatureC, r.humidityPct, r.source, r.recordedBy, r.sensorId, createdAt);
    if (i < whole && params.length < CHUNK * 8) continue;
    added += prepared(db, insertSql(i < whole ? CHUNK : 1)).run(...params).changes;
    params.length = 0;
  }
  return added;
}

/** Which of some instants an area already has readings at. */
export function existingInstants(db: DbOrTx, areaId: number, from: number, to: number): Set<number> {
  const rows = prepared(db, 'select taken_at as t from climate_readings where area_id = ? and taken_at between ? and ?').pluck().all(areaId, from, to) as number[];
  return new Set(rows);
}

interface LimitsSql {
  minC: number;
  maxC: number;
  maxRh: number;
  rhAtLimitBreaches: boolean;
}

// A reading within every limit, in SQL: the same test as isCalm in server/domain/climate.ts.
const CALM = `temperature_c between ? and ? and (humidity_pct is null or (case when ? then humidity_pct < ? else humidity_pct <= ? end))`;
const calmArgs = (l: LimitsSql) => [l.minC, l.maxC, l.rhAtLimitBreaches ? 1 : 0, l.maxRh, l.maxRh];

/** The last reading within every limit strictly before `t`: excursions before it are settled. */
export function lastCalmBefore(db: DbOrTx, areaId: number, t: number, limits: LimitsSql): number | undefined {
  return prepared(db, `select taken_at from climate_readings where area_id = ? and taken_at < ? and ${CALM} order by taken_at desc limit 1`)
    .pluck()
    .get(areaId, t, ...calmArgs(limits)) as number | undefined;
}

/** The first reading within every limit strictly after `t`. */
export function firstCalmAfter(db: DbOrTx, areaId: number, t: number, limits: LimitsSql): number | undefined {
  return prepared(db, `select taken_at from climate_readings where area_id = ? and taken_at > ? and ${CALM} order by taken_at limit 1`)
    .pluck()
    .get(areaId, t, ...calmArgs(limits)) as number | undefined;
}

export interface ReadingRow {
  takenAt: number;
  temperatureC: number;
  humidityPct: number | null;
}

/** Readings of an area in [from, to], in time order. */
export function readingsBetween(db: DbOrTx, areaId: number, from: number, to: number): ReadingRow[] {
  return prepared(
    db,
    'select taken_at as takenAt, temperature_c as temperatureC, humidity_pct as humidityPct from climate_readings where area_id = ? and taken_at between ? and ? order by taken_at',
  ).all(areaId, from, to) as ReadingRow[];
}

/** Readings with who or what recorded them, for the monthly record. */
export function recordedReadingsBetween(db: DbOrTx, areaId: number, from: number, to: number) {
  return prepared(
    db,
    `select r.taken_at as takenAt, r.temperature_c as temperatureC, r.humidity_pct as humidityPct, r.source, u.display_name as recordedBy, s.name as sensor
     from climate_readings r left join users u on u.id = r.recorded_by left join climate_sensors s on s.id = r.sensor_id
     where r.area_id = ? and r.taken_at between ? and ? order by r.taken_at`,
  ).all(areaId, from, to) as (ReadingRow & { source: string; recordedBy: string | null; sensor: string | null })[];
}

export function lastReadingAt(db: DbOrTx, areaId: number): number | undefined {
  return prepared(db, 'select max(taken_at) from climate_readings where area_id = ?').pluck().get(areaId) as number | undefined ?? undefined;
}

export function latestReading(db: DbOrTx, areaId: number) {
  return prepared(
    db,
    'select taken_at as takenAt, temperature_c as temperatureC, humidity_pct as humidityPct from climate_readings where area_id = ? order by taken_at desc limit 1',
  ).get(areaId) as ReadingRow | undefined;
}

/** Stored excursions of an area overlapping the open interval (from, to); undefined: unbounded. */
export function excursionsOverlapping(db: DbOrTx, areaId: number, from: number | undefined, to: number | undefined): ExcursionRow[] {
  return db
    .select()
    .from(climateExcursions)
    .where(
      and(
        eq(climateExcursions.areaId, areaId),
        to === undefined ? undefined : lt(climateExcursions.startAt, to),
        from === undefined ? undefined : or(isNull(climateExcursions.endAt), gt(climateExcursions.endAt, from)),
      ),
    )
    .orderBy(climateExcursions.startAt)
    .all();
}

export function insertExcursion(db: DbOrTx, row: typeof climateExcursions.$inferInsert) {
  return db.insert(climateExcursions).values(row).returning().get();
}

export function updateExcursion(db: DbOrTx, id: number, patch: Partial<typeof climateExcursions.$inferInsert>) {
  db.update(climateExcursions).set(patch).where(eq(climateExcursions.id, id)).run();
}

export function deleteExcursion(db: DbOrTx, id: number) {
  db.delete(climateExposures).where(eq(climateExposures.excursionId, id)).run();
  db.delete(climateExcursions).where(eq(climateExcursions.id, id)).run();
}

export function findExcursion(db: DbOrTx, id: number) {
  return db.select().from(climateExcursions).where(eq(climateExcursions.id, id)).get();
}

/** An area's excursions, newest first, optionally only those touching [from, to]. */
export function listExcursions(db: DbOrTx, areaId: number, range?: { from: number; to: number }) {
  return db
    .select()
    .from(climateExcursions)
    .where(
      and(
        eq(climateExcursions.areaId, areaId),
        range && lte(climateExcursions.startAt, range.to),
        range && or(isNull(climateExcursions.endAt), gte(climateExcursions.endAt, range.from)),
      ),
    )
    .orderBy(desc(climateExcursions.startAt))
    .all();
}

export function openExcursionsAt(db: DbOrTx, depotIds: readonly number[]) {
  if (depotIds.length === 0) return [];
  return db
    .select()
    .from(climateExcursions)
    .where(and(inArray(climateExcursions.depotId, [...depotIds]), eq(climateExcursions.status, 'open')))
    .orderBy(desc(climateExcursions.startAt))
    .all();
}

export function replaceExposures(db: DbOrTx, excursionId: number, depotId: number, rows: readonly { batchId: number; minutes: number }[], exposedUntil: number | null) {
  db.delete(climateExposures).where(eq(climateExposures.excursionId, excursionId)).run();
  const stmt = prepared(db, 'insert into climate_exposures (excursion_id, depot_id, batch_id, minutes, exposed_until) values (?, ?, ?, ?, ?)');
  for (const r of rows) stmt.run(excursionId, depotId, r.batchId, r.minutes, exposedUntil);
}

export function exposuresOf(db: DbOrTx, excursionId: number) {
  return prepared(
    db,
    `select e.batch_id as batchId, e.minutes, t.lot, t.expires_on as expiresOn, p.code as productCode, p.name_zh as productNameZh, p.name_en as productNameEn
     from climate_exposures e join batches t on t.id = e.batch_id join products p on p.id = t.product_id
     where e.excursion_id = ? order by p.code, t.lot`,
  ).all(excursionId) as { batchId: number; minutes: number; lot: string; expiresOn: string; productCode: string; productNameZh: string; productNameEn: string }[];
}

/**
 * The latest climate exposure of each of some batches at a depot (epoch ms; null while the
 * excursion goes on), for the pre-issue check.
 */
export function lastExposuresAt(db: DbOrTx, depotId: number, batchIds: readonly number[]): Map<number, number | null> {
  if (batchIds.length === 0) return new Map();
  const rows = prepared(
    db,
    `select batch_id as batchId, max(coalesce(exposed_until, 9007199254740991)) as until
     from climate_exposures where depot_id = ? and batch_id in (select value from json_each(?)) group by batch_id`,
  ).all(depotId, JSON.stringify(batchIds)) as { batchId: number; until: number }[];
  return new Map(rows.map((r) => [r.batchId, r.until === Number.MAX_SAFE_INTEGER ? null : r.until]));
}

/** Products with stock in some zones of a depot now, with their own storage limits. */
export function productsStoredIn(db: DbOrTx, depotId: number, zones: readonly string[]) {
  return prepared(
    db,
    `select distinct p.code, p.storage_min_c as storageMinC, p.storage_max_c as storageMaxC, p.storage_max_rh as storageMaxRh
     from stock_balances b join batches t on t.id = b.batch_id join products p on p.id = t.product_id
     where b.depot_id = ? and b.quantity > 0 and b.location in (select value from json_each(?))
       and (p.storage_min_c is not null or p.storage_max_c is not null or p.storage_max_rh is not null)
     order by p.code`,
  ).all(depotId, JSON.stringify(zones)) as { code: string; storageMinC: number | null; storageMaxC: number | null; storageMaxRh: number | null }[];
}

/** Every stock change in some zones of a depot, in posting order. */
export function stockEvents(db: DbOrTx, depotId: number, zones: readonly string[]) {
  return prepared(
    db,
    `select posted_at as postedAt, batch_id as batchId, location as zone, balance_after as balanceAfter
     from stock_movements where depot_id = ? and location in (select value from json_each(?)) order by id`,
  ).all(depotId, JSON.stringify(zones)) as { postedAt: string; batchId: number; zone: string; balanceAfter: number }[];
}


/**
 * Climate state of every depot in a subtree at a glance: its areas, open excursions and gaps,
 * and the newest reading of any of its areas.
 */
export function climateOverview(db: DbOrTx, path: string) {
  const range = subtreeRange(depots.path, path);
  const rows = db.select({ id: depots.id, code: depots.code, name: depots.name, tier: depots.tier, path: depots.path, parentId: depots.parentId }).from(depots).where(range).orderBy(depots.path).all();
  const areas = prepared(
    db,
    `select a.depot_id as depotId, count(*) as areas, max((select max(taken_at) from climate_readings r where r.area_id = a.id)) as lastReadingAt
     from storage_areas a join depots d on d.id = a.depot_id where a.active = 1 and d.path >= ? and d.path < ? group by a.depot_id`,
  ).all(path, subtreeEnd(path)) as { depotId: number; areas: number; lastReadingAt: number | null }[];
  const open = prepared(
    db,
    `select e.depot_id as depotId, sum(e.kind <> 'gap') as excursions, sum(e.kind = 'gap') as gaps
     from climate_excursions e join depots d on d.id = e.depot_id where e.status = 'open' and d.path >= ? and d.path < ? group by e.depot_id`,
  ).all(path, subtreeEnd(path)) as { depotId: number; excursions: number; gaps: number }[];
  const areasBy = new Map(areas.map((a) => [a.depotId, a]));
  const openBy = new Map(open.map((o) => [o.depotId, o]));
  return rows.map((d) => ({
    ...d,
    areas: areasBy.get(d.id)?.areas ?? 0,
    lastReadingAt: areasBy.get(d.id)?.lastReadingAt ?? null,
    openExcursions: openBy.get(d.id)?.excursions ?? 0,
    openGaps: openBy.get(d.id)?.gaps ?? 0,
  }));
}

export function userNames(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, string>();
  return new Map(db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...ids])).all().map((u) => [u.id, u.name]));
}
