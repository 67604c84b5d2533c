import { createHash, randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import * as q from '../../db/queries/climate.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { DomainError } from '../domain/errors.ts';
import { detectExcursions, effectiveLimits, exposureMinutes, isPlausible, type DerivedExcursion } from '../domain/climate.ts';
import { climateCsvSteps, type ClimateCsvOptions, type ParsedReading } from '../domain/climate-csv.ts';
import { finish, finishInSlices, type Steps } from '../domain/slices.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import type { Role, StorageZone } from '../schemas/constants.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';

/** Who keeps a depot's climate log and its storage areas. */
const KEEPERS: Role[] = ['storekeeper', 'inspector', 'leader', 'admin'];
/** A reading may be stamped a little ahead of the server clock (a sensor's own clock). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_TIME = Number.MAX_SAFE_INTEGER;

export interface AreaInput {
  name: string;
  kind: 'room' | 'cabinet' | 'refrigerator';
  zones?: StorageZone[];
  minC?: number;
  maxC?: number;
  maxRh?: number;
  expectedIntervalMinutes?: number;
  active?: boolean;
}


function areaOrThrow(deps: Deps, id: number) {
  const area = q.findArea(deps.db, id);
  if (!area) throw new DomainError('storage_area_not_found', `No storage area ${id}`);
  return { area, depot: depotOrThrow(deps, area.depotId) };
}

/** The area of an id, readable by the actor. */
export function readableArea(deps: Deps, actor: Actor, id: number) {
  const found = areaOrThrow(deps, id);
  assertCanRead(actor, found.depot);
  return found;
}

function writableArea(deps: Deps, actor: Actor, id: number) {
  const found = areaOrThrow(deps, id);
  assertCanWriteAt(actor, found.depot, ...KEEPERS);
  return found;
}

function assertLimits(a: { minC: number; maxC: number }) {
  if (a.minC >= a.maxC) throw new DomainError('validation_failed', 'The lowest temperature must be below the highest', undefined, [{ path: 'minC', message: 'must be below maxC' }]);
}

export function createArea(deps: Deps, actor: Actor, depotId: number, input: AreaInput) {
  const depot = depotOrThrow(deps, depotId);
  assertCanWriteAt(actor, depot, ...KEEPERS);
  const c = deps.config.climate;
  const row = {
    depotId,
    name: input.name,
    kind: input.kind,
    zones: input.zones ?? ['pending', 'qualified', 'nonconforming'],
    minC: input.minC ?? c.minC,
    maxC: input.maxC ?? c.maxC,
    maxRh: input.maxRh ?? c.maxRh,
    expectedIntervalMinutes: input.expectedIntervalMinutes ?? c.expectedIntervalMinutes,
    active: input.active ?? true,
    createdAt: deps.clock.now().toISOString(),
  };
  assertLimits(row);
  const now = deps.clock.now();
  return deps.db.transaction((tx) => {
    const area = q.insertArea(tx, row);
    audit(tx, { actorId: actor.userId, depotId, action: 'create', entity: 'storage_area', entityId: area.id, detail: input }, now);
    return area;
  });
}

/** New limits apply from the last reading within them on: earlier excursions stay as they were found. */
export function updateArea(deps: Deps, actor: Actor, id: number, input: Partial<AreaInput>) {
  const { area } = writableArea(deps, actor, id);
  assertLimits({ minC: input.minC ?? area.minC, maxC: input.maxC ?? area.maxC });
  const now = deps.clock.now();
  return deps.db.transaction((tx) => {
    const updated = q.updateArea(tx, id, input);
    refreshTail(tx, deps, updated, now);
    audit(tx, { actorId: actor.userId, depotId: area.depotId, action: 'update', entity: 'storage_area', entityId: id, detail: input }, now);
    return updated;
  });
}

/** The limits an area keeps now: its own, tightened by the products stored in it. */
export function limitsOf(db: DbOrTx, deps: Deps, area: q.AreaRow) {
  return effectiveLimits(area, q.productsStoredIn(db, area.depotId, area.zones), deps.config.climate.rhAtLimitBreaches);
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A networked sensor for an area; its token is shown once, only its hash is kept. */
export function createSensor(deps: Deps, actor: Actor, areaId: number, name: string) {
  const { area } = writableArea(deps, actor, areaId);
  const token = `fps_${randomBytes(24).toString('base64url')}`;
  const now = deps.clock.now();
  return deps.db.transaction((tx) => {
    const sensor = q.insertSensor(tx, { areaId, name, tokenHash: hashToken(token), tokenHint: token.slice(-4), createdBy: actor.userId, createdAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: area.depotId, action: 'create', entity: 'climate_sensor', entityId: sensor.id, detail: { name } }, now);
    const { tokenHash: _, ...shown } = sensor;
    return { ...shown, token };
  });
}

export function revokeSensor(deps: Deps, actor: Actor, sensorId: number) {
  const sensor = q.findSensor(deps.db, sensorId);
  if (!sensor) throw new DomainError('sensor_not_found', `No sensor ${sensorId}`);
  const { area } = writableArea(deps, actor, sensor.areaId);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    if (!sensor.revokedAt) q.updateSensor(tx, sensorId, { revokedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: area.depotId, action: 'revoke', entity: 'climate_sensor', entityId: sensorId }, now);
  });
  return q.listSensors(deps.db, sensor.areaId).find((s) => s.id === sensorId)!;
}

export interface ReadingInput {
  takenAt: number;
  temperatureC: number;
  humidityPct: number | null;
}

function assertReadings(readings: readonly ReadingInput[], now: Date) {
  type Refusal = { path: string; message: string; code: 'implausible_reading' | 'reading_in_future' };
  const errors = readings.flatMap((r, i): Refusal[] => {
    const path = readings.length === 1 ? '' : `readings.${i}.`;
    if (!isPlausible(r.temperatureC, r.humidityPct)) return [{ path: `${path}temperatureC`, message: 'implausible reading', code: 'implausible_reading' }];
    if (r.takenAt > now.getTime() + FUTURE_TOLERANCE_MS) return [{ path: `${path}takenAt`, message: 'in the future', code: 'reading_in_future' }];
    return [];
  });
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new DomainError(first.code, first.code === 'implausible_reading' ? 'Temperature must be -50 to 70 °C and humidity 0 to 100 %' : 'A reading cannot be taken in the future', undefined, errors.map(({ path, message }) => ({ path: path || 'takenAt', message })));
  }
}

/** One reading of the twice-daily round (库房温湿度记录表), by the user who read the instrument. */
export function recordReading(deps: Deps, actor: Actor, areaId: number, input: { takenAt?: number; temperatureC: number; humidityPct: number | null }) {
  const { area } = writableArea(deps, actor, areaId);
  if (!area.active) throw new DomainError('area_inactive', `Storage area ${area.name} is not in use`);
  const now = deps.clock.now();
  const reading = { takenAt: input.takenAt ?? now.getTime(), temperatureC: input.temperatureC, humidityPct: input.humidityPct };
  assertReadings([reading], now);
  return deps.db.transaction((tx) => {
    const added = q.insertReadings(tx, areaId, [{ ...reading, source: 'manual', recordedBy: actor.userId, sensorId: null }], now.toISOString());
    const excursions = added > 0 ? reconcile(tx, deps, area, reading.takenAt, reading.takenAt, now) : [];
    audit(tx, { actorId: actor.userId, depotId: area.depotId, action: 'record', entity: 'climate_reading', entityId: areaId, detail: reading }, now);
    return { added, duplicates: 1 - added, excursions };
  });
}

/**
 * Reads a data logger's CSV against what the area already holds: the layout found, the good
 * rows, the bad rows by line, and how many rows it already has. Nothing is written.
 */
export function previewCsv(deps: Deps, actor: Actor, areaId: number, csv: string, options: ClimateCsvOptions) {
  const { area } = writableArea(deps, actor, areaId);
  assertCsvSize(deps, csv);
  return finish(previewSteps(deps, area, csv, options));
}

/** previewCsv reading the file in slices, so that a large one never holds other requests up. */
export async function previewCsvInSlices(deps: Deps, actor: Actor, areaId: number, csv: string, options: ClimateCsvOptions) {
  const { area } = writableArea(deps, actor, areaId);
  assertCsvSize(deps, csv);
  return finishInSlices(previewSteps(deps, area, csv, options));
}

/** A file past the configured bytes or lines is refused before it is parsed (issue 19, point 4). */
function assertCsvSize(deps: Deps, csv: string) {
  const { maxBytes, maxRows } = deps.config.climateCsv;
  if (csv.length > maxBytes || Buffer.byteLength(csv) > maxBytes) {
    throw new DomainError('payload_too_large', `A data logger file holds at most ${Math.floor(maxBytes / 1024)} KB`, { maxBytes });
  }
  let lines = 1;
  for (let i = csv.indexOf('\n'); i !== -1 && lines <= maxRows; i = csv.indexOf('\n', i + 1)) lines += 1;
  if (lines > maxRows) throw new DomainError('payload_too_large', `A data logger file holds at most ${maxRows} rows`, { maxRows });
}

/** Readings looked at between two pauses of a sliced preview. */
const READINGS_PER_STEP = 4096;

type Preview = ReturnType<typeof previewSteps> extends Steps<infer T> ? T : never;

function* previewSteps(deps: Deps, area: q.AreaRow, csv: string, options: ClimateCsvOptions) {
  const parsed = yield* climateCsvSteps(csv, { timeZone: options.timeZone ?? deps.config.timeZone, dateOrder: options.dateOrder });
  const latest = deps.clock.now().getTime() + FUTURE_TOLERANCE_MS;
  const future: ParsedReading[] = [];
  const readings: ParsedReading[] = [];
  for (const [i, r] of parsed.readings.entries()) {
    (r.takenAt > latest ? future : readings).push(r);
    if (i % READINGS_PER_STEP === 0) yield;
  }
  const span = rangeOf(readings.map((r) => r.takenAt));
  const existing = span ? q.existingInstants(deps.db, area.id, span.from, span.to) : new Set<number>();
  yield;
  const fresh = existing.size === 0 ? readings : readings.filter((r) => !existing.has(r.takenAt));
  yield;
  const errors = [...parsed.errors, ...future.map((r) => ({ line: r.line, code: 'reading_in_future' as const, message: 'The reading time is in the future', raw: '' }))];
  return {
    layout: parsed.layout,
    importable: fresh.length,
    duplicates: readings.length - fresh.length + parsed.duplicatesInFile,
    errors: errors.sort((a, b) => a.line - b.line),
    ...((fresh === readings ? span : rangeOf(fresh.map((r) => r.takenAt))) ?? { from: null, to: null }),
    sample: fresh.slice(0, 20).map(({ line, takenAt, temperatureC, humidityPct }) => ({ line, takenAt, temperatureC, humidityPct })),
    fresh,
  };
}

function rangeOf(times: readonly number[]): { from: number; to: number } | undefined {
  if (times.length === 0) return undefined;
  let from = times[0]!;
  let to = from;
  for (const t of times) {
    if (t < from) from = t;
    if (t > to) to = t;
  }
  return { from, to };
}

/**
 * Imports the good rows of a data logger's CSV in one transaction; rows the area already has
 * are skipped, bad rows are reported by line and nothing of them is kept.
 */
export function importCsv(deps: Deps, actor: Actor, areaId: number, csv: string, options: ClimateCsvOptions) {
  const preview = previewCsv(deps, actor, areaId, csv, options);
  const area = activeArea(deps, areaId);
  const now = deps.clock.now();
  return deps.db.transaction((tx) => finish(writeImport(tx, deps, actor, area, preview, now)));
}

/** Readings from which an import is written in slices, through the group commit (db/group-commit.ts). */
const SLICED_IMPORT_FROM = 2000;

/**
 * importCsv for the API: the file is read in slices of a few milliseconds, then a large one is
 * written in slices as one transaction of its own (db/group-commit.ts inSlices): all its readings
 * and excursions or none, while other requests go on being answered (issue 19, point 4).
 */
export async function importCsvInSlices(deps: Deps, actor: Actor, areaId: number, csv: string, options: ClimateCsvOptions) {
  const preview = await previewCsvInSlices(deps, actor, areaId, csv, options);
  const area = activeArea(deps, areaId);
  const now = deps.clock.now();
  const { groupCommit } = deps;
  if (!groupCommit || preview.fresh.length < SLICED_IMPORT_FROM) return deps.db.transaction((tx) => finish(writeImport(tx, deps, actor, area, preview, now)));
  return groupCommit.inSlices((db) => writeImport(db, deps, actor, area, preview, now));
}

function activeArea(deps: Deps, areaId: number) {
  const { area } = areaOrThrow(deps, areaId);
  if (!area.active) throw new DomainError('area_inactive', `Storage area ${area.name} is not in use`);
  return area;
}

/** Readings inserted in one step of a sliced import: a few milliseconds. */
const INSERT_STEP = 1000;

function* writeImport(tx: DbOrTx, deps: Deps, actor: Actor, area: q.AreaRow, preview: Preview, now: Date) {
  const createdAt = now.toISOString();
  let added = 0;
  for (let i = 0; i < preview.fresh.length; i += INSERT_STEP) {
    const rows = preview.fresh.slice(i, i + INSERT_STEP).map((r) => ({ takenAt: r.takenAt, temperatureC: r.temperatureC, humidityPct: r.humidityPct, source: 'csv' as const, recordedBy: actor.userId, sensorId: null }));
    added += q.insertReadings(tx, area.id, rows, createdAt);
    yield;
  }
  // Read back for the excursions in pieces of about 5,000 readings, cut at instants of the file.
  const cuts = preview.fresh.filter((_, i) => i > 0 && i % (INSERT_STEP * 5) === 0).map((r) => r.takenAt).sort((a, b) => a - b);
  const excursions = added > 0 ? yield* reconcileSteps(tx, deps, area, preview.from!, preview.to!, now, cuts) : [];
  audit(tx, { actorId: actor.userId, depotId: area.depotId, action: 'import', entity: 'climate_reading', entityId: area.id, detail: { imported: added, duplicates: preview.duplicates, badRows: preview.errors.length } }, now);
  return { imported: added, duplicates: preview.duplicates + preview.importable - added, errors: preview.errors, excursions };
}

/** Readings from a networked sensor, authenticated by its own token instead of a user session. */
export function ingestFromSensor(deps: Deps, token: string | undefined, readings: readonly ReadingInput[]) {
  if (!token) throw new DomainError('sensor_token_invalid', 'Send the sensor token as "Authorization: Bearer <token>"');
  const sensor = q.findSensorByHash(deps.db, hashToken(token));
  if (!sensor) throw new DomainError('sensor_token_invalid', 'Unknown sensor token');
  if (sensor.revokedAt) throw new DomainError('sensor_token_revoked', 'This sensor token was revoked');
  const { area } = areaOrThrow(deps, sensor.areaId);
  if (!area.active) throw new DomainError('area_inactive', `Storage area ${area.name} is not in use`);
  const now = deps.clock.now();
  assertReadings(readings, now);
  return deps.db.transaction((tx) => {
    const added = q.insertReadings(tx, area.id, readings.map((r) => ({ ...r, source: 'sensor' as const, recordedBy: null, sensorId: sensor.id })), now.toISOString());
    q.updateSensor(tx, sensor.id, { lastSeenAt: now.toISOString() });
    const span = rangeOf(readings.map((r) => r.takenAt))!;
    const excursions = added > 0 ? reconcile(tx, deps, area, span.from, span.to, now) : [];
    return { accepted: added, duplicates: readings.length - added, excursions };
  });
}

/**
 * Acknowledges an excursion with the corrective action taken, once readings are back within
 * limits; a missing log may be closed at any time as "sensor missing or broken" with a note.
 */
export function acknowledgeExcursion(deps: Deps, actor: Actor, id: number, input: { action: string; resolution: 'corrective_action' | 'sensor_fault' }) {
  const excursion = q.findExcursion(deps.db, id);
  if (!excursion) throw new DomainError('excursion_not_found', `No excursion ${id}`);
  const { area } = writableArea(deps, actor, excursion.areaId);
  if (excursion.status !== 'open') throw new DomainError('excursion_already_acknowledged', 'Already acknowledged');
  if (input.resolution === 'sensor_fault' && excursion.kind !== 'gap') throw new DomainError('sensor_fault_only_for_gaps', 'Only a missing log is closed as a sensor fault');
  if (excursion.kind !== 'gap' && excursion.endAt === null) throw new DomainError('excursion_ongoing', 'The excursion is still going on');
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateExcursion(tx, id, { status: 'acknowledged', resolution: input.resolution, action: input.action, acknowledgedBy: actor.userId, acknowledgedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: area.depotId, action: 'acknowledge', entity: 'climate_excursion', entityId: id, detail: input }, now);
  });
}

/**
 * Looks for missing logs: for every area in use, the time since its last reading (or since it
 * was set up) is checked against the expected interval. Runs on start, every few minutes and
 * on demand.
 */
export function sweepClimate(deps: Deps, depotPath?: string) {
  const now = deps.clock.now();
  let opened = 0;
  for (const area of q.activeAreas(deps.db)) {
    if (depotPath && !findDepotPlace(deps.db, area.depotId)!.path.startsWith(depotPath)) continue;
    deps.db.transaction((tx) => {
      opened += refreshTail(tx, deps, area, now).filter((e) => e.created).length;
    });
  }
  return { checkedAt: now.toISOString(), opened };
}

function refreshTail(tx: DbOrTx, deps: Deps, area: q.AreaRow, now: Date) {
  const last = q.lastReadingAt(tx, area.id);
  if (last !== undefined) return reconcile(tx, deps, area, last, last, now);
  // No reading ever: the missing log runs from when the area was set up.
  const since = Date.parse(area.createdAt);
  if (!area.active || now.getTime() - since <= area.expectedIntervalMinutes * 60_000) return [];
  if (q.excursionsOverlapping(tx, area.id, undefined, undefined).some((e) => e.kind === 'gap' && e.endAt === null)) return [];
  const row = q.insertExcursion(tx, { areaId: area.id, depotId: area.depotId, kind: 'gap', startAt: since, endAt: null, extreme: null, readings: 0, status: 'open', detectedAt: now.toISOString() });
  return [{ id: row.id, kind: row.kind, created: true }];
}

/**
 * Brings the stored excursions of an area up to date after readings in [from, to] arrived.
 * The readings between the last reading within every limit before `from` and the first after
 * `to` are read again and their excursions derived; each derived excursion takes over the stored
 * one it overlaps (keeping its id and acknowledgement), new ones are added, and stored ones no
 * longer found are dropped unless acknowledged. Batches in the area during an out-of-limits
 * excursion get their minutes of exposure.
 */
function reconcile(tx: DbOrTx, deps: Deps, area: q.AreaRow, from: number, to: number, now: Date) {
  return finish(reconcileSteps(tx, deps, area, from, to, now));
}

/** reconcile cut into steps; `cuts`: instants at which the readings are read back in pieces. */
function* reconcileSteps(tx: DbOrTx, deps: Deps, area: q.AreaRow, from: number, to: number, now: Date, cuts: readonly number[] = []): Steps<{ id: number; kind: DerivedExcursion['kind']; created: boolean }[]> {
  const limits = limitsOf(tx, deps, area);
  const start = q.lastCalmBefore(tx, area.id, from, limits);
  const end = q.firstCalmAfter(tx, area.id, to, limits);
  const readings: q.ReadingRow[] = [];
  let next = start ?? 0;
  for (const cut of [...cuts.filter((c) => c > next && c <= (end ?? MAX_TIME)), (end ?? MAX_TIME) + 1]) {
    for (const r of q.readingsBetween(tx, area.id, next, cut - 1)) readings.push(r);
    next = cut;
    yield;
  }
  const derived = detectExcursions(readings, limits, { expectedIntervalMs: area.expectedIntervalMinutes * 60_000, now: end === undefined && area.active ? now.getTime() : undefined });
  yield;
  const pool = q.excursionsOverlapping(tx, area.id, start, end);
  const exposures = exposureReader(tx, area);
  const results: { id: number; kind: DerivedExcursion['kind']; created: boolean }[] = [];
  for (const d of derived) {
    const matches = pool.filter((o) => o.kind === d.kind && overlaps(o, d));
    const survivor = matches.find((o) => o.status !== 'open') ?? matches[0];
    for (const o of matches) pool.splice(pool.indexOf(o), 1);
    for (const o of matches) if (o !== survivor) q.deleteExcursion(tx, o.id);
    let id: number;
    if (survivor) {
      id = survivor.id;
      if (survivor.startAt !== d.startAt || survivor.endAt !== d.endAt || survivor.extreme !== d.extreme || survivor.readings !== d.readings) {
        q.updateExcursion(tx, id, { startAt: d.startAt, endAt: d.endAt, extreme: d.extreme, readings: d.readings });
      }
    } else {
      id = q.insertExcursion(tx, { areaId: area.id, depotId: area.depotId, ...d, status: 'open', detectedAt: now.toISOString() }).id;
    }
    if (d.kind !== 'gap') q.replaceExposures(tx, id, area.depotId, exposures(d.startAt, d.endAt ?? now.getTime()), d.endAt);
    results.push({ id, kind: d.kind, created: !survivor });
    yield;
  }
  for (const o of pool) if (o.status === 'open') q.deleteExcursion(tx, o.id);
  return results;
}

/** Strictly overlapping, or starting at the same instant; an open end reaches forever. */
function overlaps(a: { startAt: number; endAt: number | null }, b: { startAt: number; endAt: number | null }) {
  return a.startAt === b.startAt || (a.startAt < (b.endAt ?? MAX_TIME) && b.startAt < (a.endAt ?? MAX_TIME));
}

/** Minutes each batch stood in the area's zones during a period, from the depot's stock card. */
function exposureReader(tx: DbOrTx, area: q.AreaRow) {
  let events: { at: number; batchId: number; zone: string; balanceAfter: number }[] | undefined;
  return (from: number, to: number) => {
    events ??= q.stockEvents(tx, area.depotId, area.zones).map((e) => ({ at: Date.parse(e.postedAt), batchId: e.batchId, zone: e.zone, balanceAfter: e.balanceAfter }));
    return [...exposureMinutes(new Map(), events, from, to)].map(([batchId, minutes]) => ({ batchId, minutes }));
  };
}
